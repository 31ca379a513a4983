"""One input file as ingest holds it between reading and row validation.

The input columns are renamed ``c0..cN`` (any header text is then safe in SQL); each record
carries its 1-based data row and physical line; records that never became a row (a CSV
record with the wrong number of fields, a JSONL line that is not an object) are kept apart
with their text. The file-level column checks shared by all formats live here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from lockstep.contract import TableSpec
from lockstep.errors import BadInputError
from lockstep.ingest.convert import COMPATIBLE, Arr, Chunked, Kind, nulls

ROW = "__row"
LINE = "__line"
REJECT = "__reject"

BROKEN_QUOTING = "broken quoting: field swallows following lines"
NOT_JSON = "not valid JSON"
NOT_OBJECT = "not a JSON object"

#: Columns ingest itself fills; an input column of that name is kept in ``attrs`` instead.
SET_BY_INGEST: dict[str, frozenset[str]] = {
    "accounts": frozenset({"is_stub"}),
    "posts": frozenset({"urls_raw"}),
}

_REJECT_FIELDS: dict[str, pa.DataType] = {
    ROW: pa.int64(),
    LINE: pa.int64(),
    "reason": pa.string(),
    "text": pa.string(),
}
REJECTS_SCHEMA = pa.schema(_REJECT_FIELDS)


def raw_col(i: int) -> str:
    """Name of the ``i``-th input column inside ingest."""
    return f"c{i}"


@dataclass
class RawTable:
    """One input file as read: columns, numbering and the records that are not rows."""

    spec: TableSpec
    label: str
    names: list[str]
    kinds: list[Kind]
    #: ``c0..cN`` plus ROW, LINE and REJECT (a parse-level reason or null)
    data: pa.Table
    #: records without columns (ROW, LINE, reason, text)
    rejects: pa.Table = field(default_factory=REJECTS_SCHEMA.empty_table)
    notes: list[str] = field(default_factory=list)

    @property
    def read(self) -> int:
        return self.data.num_rows + self.rejects.num_rows

    def index(self, name: str) -> int | None:
        return self.names.index(name) if name in self.names else None


def one_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


def contract_columns(spec: TableSpec) -> frozenset[str]:
    """Input columns that fill contract columns (the rest go to ``attrs``)."""
    return frozenset(spec.names) - SET_BY_INGEST.get(spec.name, frozenset())


def check_columns(
    spec: TableSpec,
    names: list[str],
    kinds: list[Kind],
    path: Path,
    types: list[str] | None = None,
) -> None:
    """File-level checks of a header: no duplicates, required present, types usable.

    ``types`` describes each column's input type for the message (default: its kind).
    """
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise BadInputError(f"column {name!r} appears twice in the header", path)
        seen.add(name)
    missing = [c for c in spec.required if c not in seen]
    if missing:
        raise BadInputError(
            f"missing required column{'s' if len(missing) > 1 else ''} "
            + ", ".join(repr(c) for c in missing),
            path,
        )
    if spec.one_of and not seen & set(spec.one_of):
        raise BadInputError(
            "missing column: need one of " + " or ".join(repr(c) for c in spec.one_of), path
        )
    usable = contract_columns(spec)
    described = types or [str(k) for k in kinds]
    for name, kind, type_name in zip(names, kinds, described, strict=True):
        if name in usable and kind not in COMPATIBLE[spec.column(name).type]:
            raise BadInputError(
                f"column {name!r} has type {type_name}, which cannot hold "
                f"{spec.column(name).type} values",
                path,
            )


def numbered(columns: list[Arr | Chunked], rows: Any, lines: Any) -> pa.Table:
    n = len(rows)
    arrays = [*columns, pa.array(rows, pa.int64())]
    arrays.append(pa.array(lines, pa.int64()) if lines is not None else nulls(n, pa.int64()))
    arrays.append(nulls(n, pa.string()))
    names = [raw_col(i) for i in range(len(columns))] + [ROW, LINE, REJECT]
    return pa.Table.from_arrays(arrays, names=names)
