"""CSV files: every column as text, surviving broken quoting and ragged rows."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as _pc
import pyarrow.csv as pcsv

from lockstep.contract import TableSpec
from lockstep.errors import BadInputError
from lockstep.ingest.convert import Kind, nulls
from lockstep.ingest.raw import (
    BROKEN_QUOTING,
    LINE,
    REJECT,
    REJECTS_SCHEMA,
    ROW,
    RawTable,
    check_columns,
    numbered,
    one_line,
    raw_col,
)

# pyarrow-stubs reject valid compute calls (ChunkedArray and Python-scalar arguments)
# and lack some kernels; Arrow checks the types at run time.
pc: Any = _pc

#: Rows with broken quoting named one by one in the report's notes; the rest are counted.
_MAX_NOTES = 5


def _swallow_pattern(ncols: int) -> str:
    """A newline followed by a line with a record's worth of delimiters."""
    return "\\n[^\\n]*" + "(?:,[^\\n]*)" + "{" + str(min(ncols - 1, 1000)) + "}"


def _source(raw: bytes) -> Any:
    """An Arrow reader over ``raw`` (the stubs list only paths and Python files)."""
    return pa.BufferReader(raw)


def _csv_parse_options(handler: Any) -> pcsv.ParseOptions:
    return pcsv.ParseOptions(
        newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=handler
    )


def _csv_header(raw: bytes, path: Path) -> list[str]:
    try:
        reader = pcsv.open_csv(
            _source(raw),
            read_options=pcsv.ReadOptions(use_threads=False, block_size=1 << 16),
            parse_options=_csv_parse_options(lambda _row: "skip"),
        )
    except pa.ArrowException as err:
        raise BadInputError(f"cannot read the CSV header: {one_line(err)}", path) from err
    names = list(reader.schema.names)
    reader.close()
    return names


def read_csv(spec: TableSpec, path: Path, label: str, raw: bytes) -> RawTable:
    """A CSV file, every column as text; survives broken quoting and ragged rows.

    Arrow numbers the records it rejects (header = 1, blank lines counted because
    ``ignore_empty_lines`` is off), so valid and rejected records can be put back in file
    order; each record's physical line is then the header's lines plus the lines of all
    earlier records, counted from their newlines.
    """
    header = _csv_header(raw, path)
    if len(set(header)) != len(header):
        dup = next(n for n in header if header.count(n) > 1)
        raise BadInputError(f"column {dup!r} appears twice in the header", path)
    names = [n.strip() for n in header]
    ncols = len(names)
    check_columns(spec, names, [Kind.STR] * ncols, path)
    invalid: list[tuple[int, int, str]] = []

    def on_invalid(row: pcsv.InvalidRow) -> str:
        # numbered when parsing single-threaded; -1 would fail the check below
        invalid.append((row.number if row.number is not None else -1, row.actual_columns, row.text))
        return "skip"

    try:
        table = pcsv.read_csv(
            _source(raw),
            read_options=pcsv.ReadOptions(use_threads=False),
            parse_options=_csv_parse_options(on_invalid),
            convert_options=pcsv.ConvertOptions(
                column_types={n: pa.string() for n in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowException as err:
        raise BadInputError(f"cannot parse CSV: {one_line(err)}", path) from err

    n_valid, n_invalid = table.num_rows, len(invalid)
    records = n_valid + n_invalid
    inv_pos = np.array([num - 2 for num, _, _ in invalid], dtype=np.int64)
    if n_invalid and (
        inv_pos.min() < 0 or inv_pos.max() >= records or len(np.unique(inv_pos)) != n_invalid
    ):
        raise RuntimeError(f"{label}: unexpected numbering of rejected CSV records")
    valid_pos = np.setdiff1d(np.arange(records, dtype=np.int64), inv_pos, assume_unique=True)
    newlines = np.zeros(records, dtype=np.int64)
    empty = np.ones(n_valid, dtype=bool)
    for column in table.columns:
        counts = pc.count_substring(column, "\n").to_numpy(zero_copy_only=False)
        newlines[valid_pos] += counts.astype(np.int64)
        empty &= pc.equal(column, "").to_numpy(zero_copy_only=False).astype(bool)
    newlines[inv_pos] = [text.count("\n") for _, _, text in invalid]
    header_lines = 1 + sum(n.count("\n") for n in header)
    first_line = header_lines + 1 + np.concatenate(([0], np.cumsum(newlines + 1)[:-1]))
    is_row = np.ones(records, dtype=bool)
    is_row[valid_pos[empty]] = False
    row_number = np.cumsum(is_row)

    keep = ~empty
    kept_pos = valid_pos[keep]
    kept = table.filter(pa.array(keep)) if not keep.all() else table
    data = numbered(list(kept.columns), row_number[kept_pos], first_line[kept_pos])
    notes: list[str] = []
    if empty.any():
        notes.append(f"skipped {int(empty.sum())} empty line(s) (no values)")

    # Broken quoting: a quoted field that holds a newline followed by a line with a
    # record's worth of delimiters has swallowed the records on those lines.
    broken_valid = np.zeros(data.num_rows, dtype=bool)
    broken_invalid = np.zeros(n_invalid, dtype=bool)
    if ncols >= 2:
        pattern = _swallow_pattern(ncols)
        for i in range(ncols):
            hit = pc.match_substring_regex(data.column(raw_col(i)), pattern)
            broken_valid |= hit.to_numpy(zero_copy_only=False).astype(bool)
        swallow = re.compile(pattern)
        broken_invalid[:] = [bool(swallow.search(text)) for _, _, text in invalid]
    if broken_valid.any():
        none = nulls(data.num_rows, pa.string())
        flags = pc.if_else(pa.array(broken_valid), BROKEN_QUOTING, none)
        data = data.set_column(data.schema.get_field_index(REJECT), REJECT, flags)
    wrong = f"wrong number of fields (expected {ncols})"
    rejects = pa.table(
        {
            ROW: pa.array(row_number[inv_pos], pa.int64()),
            LINE: pa.array(first_line[inv_pos], pa.int64()),
            "reason": pa.array(np.where(broken_invalid, BROKEN_QUOTING, wrong), pa.string()),
            "text": pa.array([text for _, _, text in invalid], pa.string()),
        },
        schema=REJECTS_SCHEMA,
    )
    broken_pos = np.sort(np.concatenate((kept_pos[broken_valid], inv_pos[broken_invalid])))
    notes.extend(
        _swallow_notes(row_number[broken_pos], first_line[broken_pos], newlines[broken_pos])
    )
    return RawTable(spec, label, names, [Kind.STR] * ncols, data, rejects, notes)


def _swallow_notes(rows: Any, lines: Any, newlines: Any) -> list[str]:
    """Say in words which records broken quoting swallowed: they cannot be recovered."""
    notes = [
        f"row {row} (line {line}): a quoted field runs over the next {extra} line(s), which "
        "look like records; those records cannot be recovered from this file - fix the "
        "quoting and run again"
        for row, line, extra in zip(
            rows[:_MAX_NOTES].tolist(),
            lines[:_MAX_NOTES].tolist(),
            newlines[:_MAX_NOTES].tolist(),
            strict=True,
        )
    ]
    if len(rows) > _MAX_NOTES:
        notes.append(f"... and {len(rows) - _MAX_NOTES} more rows with broken quoting")
    return notes
