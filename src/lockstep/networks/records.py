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
