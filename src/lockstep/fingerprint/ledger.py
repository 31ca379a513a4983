"""Fingerprints in the ledger: what a run fingerprints, how it is recorded, what is in effect.

After enforcement a run fingerprints, from its own lake, every network it decided on and every
account it suspended (or put on keep-one) outside those networks, and records each as one
``fingerprint`` event (idempotent: a rerun of the same data adds nothing). Recording does not
wait for an analyst, because only this run has the lake; whether a fingerprint is *used* is
decided at match time from the ledger's state: a network's while a decision on it is applied
and not reversed, an account's while the account is suspended. An appeal that overturns a
takedown therefore retires its fingerprint without any edit.

Before detection a run hands the fingerprints in effect to the detectors as two derived lake
tables — ``fingerprints`` (one row per fingerprint, its JSON payload) and ``ledger_accounts``
(when the ledger first saw each account of this data) — so the detectors keep reading the
lake alone, and the lake folder records what the run matched against.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from lockstep.enforce.model import Decision, Offense, stable_id
from lockstep.fingerprint.build import BuildParams, Subject, build
from lockstep.fingerprint.model import Fingerprint
from lockstep.lake import Lake
from lockstep.ledger.state import LedgerState
from lockstep.ledger.store import Event, Ledger

KIND = "fingerprint"
#: Derived lake tables written before detection.
FINGERPRINTS_TABLE = "fingerprints"
KNOWN_TABLE = "ledger_accounts"
_FINGERPRINT_FIELDS: list[pa.Field[Any]] = [
    pa.field("fingerprint_id", pa.string()),
    pa.field("kind", pa.string()),
    pa.field("subject_id", pa.string()),
    pa.field("since", pa.timestamp("us")),
    pa.field("payload", pa.string()),
]
FINGERPRINTS_SCHEMA = pa.schema(_FINGERPRINT_FIELDS)
_KNOWN_FIELDS: list[pa.Field[Any]] = [
    pa.field("account_id", pa.string()),
    pa.field("first_seen", pa.timestamp("us")),
]
KNOWN_SCHEMA = pa.schema(_KNOWN_FIELDS)
#: Decisions that take an account off the platform (keep-one: all but the kept one).
REMOVING = ("permanent_suspension", "keep_one_account")


def naive_utc(ts: datetime) -> datetime:
    """A ledger time (aware) on the lake's clock (naive UTC)."""
    return ts.astimezone(UTC).replace(tzinfo=None) if ts.tzinfo else ts


def subjects(
    networks: Iterable[Offense], decisions: Iterable[Decision], state: LedgerState
) -> list[tuple[Subject, str]]:
    """What a pass takes down — its networks, and the accounts it removes outside them — each
    with what its record is keyed on: the network offense, or the account.

    Every network of the pass is fingerprinted, whether the takedown came through a decision
    on the network or through its members' own suspensions (a network whose members were
    all suspended for their own conduct first gets no decision of its own), and whether or
    not an analyst has confirmed it yet: :func:`in_effect` decides when it is used.
    """
    out: list[tuple[Subject, str]] = []
    covered: set[str] = set()
    for o in sorted(networks, key=lambda o: o.key):
        covered.update(o.account_ids)
        subject = Subject(
            fingerprint_id=stable_id("fp_", "network", o.key),
            kind="network",
            subject_id=str(o.network_id or o.subject_id),
            since=naive_utc(state.offenses[o.key][2]),
            accounts=o.account_ids,
            description=o.summary,
        )
        out.append((subject, o.key))
    removed: dict[str, list[Decision]] = {}
    for d in decisions:
        if d.action in REMOVING and not d.evidence.get("network_id"):
            for account in d.account_ids:
                removed.setdefault(account, []).append(d)
    for account, ds in sorted(removed.items()):
        if account in covered:
            continue  # the network's fingerprint carries its members
        subject = Subject(
            fingerprint_id=stable_id("fp_", "account", account),
            kind="account",
            subject_id=account,
            since=naive_utc(min(d.created_at for d in ds)),
            accounts=(account,),
            description=ds[0].reason,
        )
        out.append((subject, account))
    return out


def record(
    ledger: Ledger,
    lake: Lake,
    networks: Sequence[Offense],
    decisions: Sequence[Decision],
    state: LedgerState,
    now: datetime,
    params: BuildParams | None = None,
) -> int:
    """Fingerprint what a pass takes down, unless already recorded; returns how many
    fingerprints were added."""
    wanted = subjects(networks, decisions, state)
    keys = {s.fingerprint_id: (f"{KIND}:{s.kind}:{ref}", ref) for s, ref in wanted}
    with ledger.read() as r:
        done = r.recorded_keys(k for k, _ in keys.values())
    todo = [s for s, _ in wanted if keys[s.fingerprint_id][0] not in done]
    if not todo:
        return 0
    events = [
        Event(
            KIND,
            fp.to_payload(),
            now,
            idempotency_key=keys[fp.fingerprint_id][0],
            offense_key=keys[fp.fingerprint_id][1] if fp.kind == "network" else None,
            subject_type=fp.kind,
            subject_id=fp.subject_id,
        )
        for fp in build(lake, todo, params)
    ]
    with ledger.write() as w:
        return len(w.append(events))


def in_effect(events: Sequence[Event], now: datetime) -> list[Fingerprint]:
    """Fingerprints whose takedown stands, sorted by id.

    A network's stands while a decision on it is applied and not reversed, or while at
    least half of its accounts are suspended (their own suspensions took it down); an
    account's while the account is suspended. Decisions awaiting review do not count.
    """
    state = LedgerState.fold(events)
    out: dict[str, Fingerprint] = {}
    for e in events:
        if e.kind != KIND:
            continue
        fp = Fingerprint.from_payload(e.payload)
        if fp.kind == "network":
            live = _network_down(state, str(e.offense_key), now)
        else:
            live = state.suspended(fp.subject_id, now, pending=False)
        if live:
            out[fp.fingerprint_id] = fp
    return [out[k] for k in sorted(out)]


def _network_down(state: LedgerState, key: str, now: datetime) -> bool:
    if any(state.decisions[d].applied for d in state.by_offense.get(key, [])):
        return True
    seen = state.offenses.get(key)
    if seen is None:
        return False
    members = seen[0].account_ids
    down = sum(1 for a in members if state.suspended(a, now, pending=False))
    return bool(members) and 2 * down >= len(members)


def attach(lake: Lake, ledger: Ledger, now: datetime) -> int:
    """Write the fingerprints in effect, and when the ledger first saw each account of the
    lake, as derived lake tables; returns how many fingerprints. Stale tables are removed, so
    a lake never carries fingerprints of another ledger."""
    for name in (FINGERPRINTS_TABLE, KNOWN_TABLE):
        lake.path(name).unlink(missing_ok=True)
    fps = in_effect(ledger.events(), now)
    if not fps:
        return 0
    ids = lake.table("accounts").select("account_id").to_pyarrow()["account_id"].to_pylist()
    with ledger.read() as r:
        seen = r.first_seen(str(a) for a in ids)
    write_tables(lake, fps, {a: naive_utc(t) for a, t in seen.items()})
    return len(fps)


def write_tables(lake: Lake, fps: Sequence[Fingerprint], first_seen: dict[str, datetime]) -> None:
    """The two derived tables: fingerprints, and when the ledger first saw each account."""
    rows = [
        {
            "fingerprint_id": fp.fingerprint_id,
            "kind": fp.kind,
            "subject_id": fp.subject_id,
            "since": fp.since,
            "payload": json.dumps(fp.to_payload(), sort_keys=True, ensure_ascii=False),
        }
        for fp in fps
    ]
    pq.write_table(
        pa.Table.from_pylist(rows, schema=FINGERPRINTS_SCHEMA), lake.path(FINGERPRINTS_TABLE)
    )
    known = pa.Table.from_pylist(
        [{"account_id": a, "first_seen": t} for a, t in sorted(first_seen.items())],
        schema=KNOWN_SCHEMA,
    )
    pq.write_table(known, lake.path(KNOWN_TABLE))


def read_fingerprints(path: Path) -> list[Fingerprint]:
    """The fingerprints of a ``fingerprints`` lake table."""
    table = pq.read_table(path, columns=["payload"])
    return [Fingerprint.from_payload(json.loads(str(p))) for p in table["payload"].to_pylist()]
