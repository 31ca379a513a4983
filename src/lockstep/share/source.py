"""The network to share, from a run's ``networks.jsonl`` or from the ledger.

A run knows everything about a network (members, behaviours, DISARM tactics with their
observables, when it was seen) and has the lake its evidence comes from. The ledger knows
what enforcement recorded: the network offense with its members, description and score,
and when it was recorded — enough to share who and what when the run folder is gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from lockstep.enforce.model import Offense
from lockstep.errors import BadInputError
from lockstep.ledger.store import Ledger
from lockstep.networks.records import read_networks


@dataclass(frozen=True)
class Technique:
    """A DISARM technique the network shows, with the observable that supports it."""

    id: str
    name: str
    observable: str


@dataclass(frozen=True)
class SharedNetwork:
    """What an export says about one network."""

    network_id: str
    account_ids: tuple[str, ...]
    description: str
    behaviours: tuple[str, ...]
    techniques: tuple[Technique, ...]
    score: float
    detection_source: str
    first_seen: datetime
    last_seen: datetime
    followers: int | None = None


def _time(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise BadInputError(f"not a time: {value!r}") from exc


def from_run(run: Path, network_id: str) -> SharedNetwork:
    """The network ``network_id`` of the run folder ``run``."""
    rows = [r for r in read_networks(run) if str(r["network_id"]) == network_id]
    if not rows:
        raise BadInputError(f"no network {network_id!r} in this run", run)
    r = rows[0]
    first, last = _time(r.get("first_seen")), _time(r.get("last_seen"))
    if first is None and last is None:
        raise BadInputError(f"network {network_id!r} has no first_seen or last_seen to date", run)
    techniques = tuple(
        Technique(str(t["id"]), str(t.get("name") or t["id"]), str(t.get("observable") or ""))
        for t in r.get("tactics") or ()
        if isinstance(t, dict) and t.get("id")
    )
    return SharedNetwork(
        network_id=network_id,
        account_ids=tuple(sorted({str(a) for a in r["account_ids"]})),
        description=str(r.get("description") or ""),
        behaviours=tuple(sorted({str(b) for b in r.get("behaviours") or ()})),
        techniques=tuple(sorted(techniques, key=lambda t: t.id)),
        score=float(r.get("score") or 0.0),
        detection_source=str(r.get("detection_source") or "internal"),
        first_seen=first or last,  # type: ignore[arg-type]
        last_seen=last or first,  # type: ignore[arg-type]
        followers=int(r["followers"]) if r.get("followers") is not None else None,
    )


def from_ledger(ledger: Ledger, network_id: str) -> SharedNetwork:
    """The network as enforcement recorded it: its latest network offense in the ledger."""
    recorded = [
        e
        for e in ledger.events()
        if e.kind == "offense" and e.subject_type == "network" and e.subject_id == network_id
    ]
    if not recorded:
        raise BadInputError(f"the ledger has no network {network_id!r}")
    offense = Offense.from_payload(recorded[-1].payload["offense"])
    behaviours = {"coord.network"}
    if "recidivist" in offense.flags:
        behaviours.add("coord.recidivism")
    return SharedNetwork(
        network_id=network_id,
        account_ids=tuple(sorted(offense.account_ids)),
        description=offense.summary,
        behaviours=tuple(sorted(behaviours)),
        techniques=(),
        score=offense.score,
        detection_source="external" if "external" in offense.flags else "internal",
        first_seen=recorded[0].created_at,
        last_seen=recorded[-1].created_at,
    )
