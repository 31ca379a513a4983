"""Writing Arrow tables as JSON Lines that a person or ``jq`` can read."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat() + "Z" if value.tzinfo is None else value.isoformat()
    return value


def write_jsonl(path: Path, table: pa.Table, json_columns: Iterable[str] = ()) -> None:
    """One JSON object per row; ``json_columns`` hold JSON text and are embedded as objects."""
    embedded = set(json_columns)
    with path.open("w", encoding="utf-8") as fh:
        for row in table.to_pylist():
            obj = {
                k: json.loads(v) if k in embedded and v is not None else _plain(v)
                for k, v in row.items()
            }
            fh.write(json.dumps(obj, ensure_ascii=False, sort_keys=False) + "\n")
