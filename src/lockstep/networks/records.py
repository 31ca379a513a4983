"""The network record of DESIGN §5 (``networks.jsonl`` and ``networks.parquet``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa

from lockstep.errors import BadInputError

NETWORKS_FILE = "networks.jsonl"

TACTIC_TYPE = pa.struct([("id", pa.string()), ("name", pa.string()), ("observable", pa.string())])

NETWORK_SCHEMA = pa.schema(
    [
        pa.field("network_id", pa.string(), nullable=False),
        pa.field("account_ids", pa.list_(pa.string()), nullable=False),
        pa.field("size", pa.int64(), nullable=False),
        pa.field("followers", pa.int64(), nullable=False),
        pa.field("behaviours", pa.list_(pa.string()), nullable=False),
        pa.field("tactics", pa.list_(TACTIC_TYPE), nullable=False),
        pa.field("score", pa.float64(), nullable=False),
        pa.field("first_seen", pa.timestamp("us")),
        pa.field("last_seen", pa.timestamp("us")),
        # internal (found here) or external (a peer's disclosure, imported later)
        pa.field("detection_source", pa.string(), nullable=False),
        pa.field("description", pa.string(), nullable=False),
        # JSON object with at least "summary", like a finding's evidence
        pa.field("evidence", pa.string(), nullable=False),
    ]
)


def read_networks(run: Path) -> list[dict[str, Any]]:
    """The networks of a run folder, as written (evidence as an object)."""
    path = Path(run) / NETWORKS_FILE
    if not path.is_file():
        raise BadInputError(f"no {NETWORKS_FILE}: not a run folder, or a run before networks", run)
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise BadInputError(f"line {number} is not JSON: {exc}", path) from exc
        if not isinstance(row, dict) or "network_id" not in row or "account_ids" not in row:
            raise BadInputError(f"line {number} is not a network record", path)
        out.append(row)
    return out


def previous_members(run: Path) -> dict[str, list[str]]:
    """network id -> members of a previous run, for carrying ids over."""
    return {str(r["network_id"]): list(r["account_ids"]) for r in read_networks(run)}


def ledger_networks(url: str) -> list[dict[str, Any]]:
    """The networks a ledger has recorded offenses for, in the shape of ``networks.jsonl``
    as far as the ledger keeps it (no pair evidence; tactics without observables), plus the
    decisions taken on each. A network seen by several runs appears once, as last recorded.
    """
    from lockstep.ledger.state import LedgerState
    from lockstep.ledger.store import Ledger, now_utc

    with Ledger(url, create=False) as led:
        state = LedgerState.fold(led.events())
    now = now_utc()
    latest: dict[str, tuple[Any, str]] = {}
    in_order = sorted(state.offenses.items(), key=lambda kv: (kv[1][2], kv[0]))
    for key, (offense, _run, _recorded) in in_order:
        if offense.subject_type == "network":
            latest[offense.subject_id] = (offense, key)
    out = []
    for nid, (o, key) in sorted(latest.items()):
        n = dict(o.network)
        decisions = [state.decisions[d] for d in state.by_offense.get(key, [])]
        out.append(
            {
                "network_id": nid,
                "account_ids": list(o.account_ids),
                "size": n.get("size", len(o.account_ids)),
                "followers": n.get("followers") or 0,
                "score": o.score,
                "behaviours": n.get("behaviours", []),
                "tactics": [{**t, "observable": ""} for t in n.get("tactics", [])],
                "detection_source": n.get("detection_source", "internal"),
                "first_seen": n.get("first_seen"),
                "last_seen": n.get("last_seen"),
                "description": n.get("description") or o.summary,
                "evidence": {"summary": o.summary, "flags": list(o.flags)},
                "decisions": [
                    {
                        "decision_id": ds.decision.decision_id,
                        "action": ds.decision.action,
                        "status": ds.status(now),
                    }
                    for ds in decisions
                ],
            }
        )
    return out
