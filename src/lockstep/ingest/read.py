"""Reading one table file and checking it at file level, before anything is written.

File-level problems — unreadable, empty, not UTF-8, a missing required column, a Parquet
column whose type cannot hold its contract type — raise :class:`BadInputError` naming the
file, so the run stops before any output exists.
"""

from __future__ import annotations

import gzip
import re
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from lockstep.contract import TableSpec
from lockstep.errors import BadInputError
from lockstep.ingest.convert import Arr, Chunked, kind_of, normalise
from lockstep.ingest.csvfile import read_csv
from lockstep.ingest.jsonlfile import read_jsonl
from lockstep.ingest.raw import RawTable, check_columns, numbered, one_line

_PANDAS_INDEX = re.compile(r"__index_level_\d+__")


def read_parquet(spec: TableSpec, path: Path, label: str) -> RawTable:
    """A Parquet file; its schema is checked before the data is read."""
    try:
        schema = pq.read_schema(path)
    except (OSError, pa.ArrowException) as err:
        raise BadInputError(f"cannot read Parquet file: {one_line(err)}", path) from err
    keep = [f for f in schema if not _PANDAS_INDEX.fullmatch(f.name)]
    notes = [
        f"ignored pandas index column {f.name!r}" for f in schema if _PANDAS_INDEX.fullmatch(f.name)
    ]
    names = [f.name.strip() for f in keep]
    kinds = [kind_of(f.type) for f in keep]
    check_columns(spec, names, kinds, path, [str(f.type) for f in keep])
    try:
        table = pq.read_table(path, columns=[f.name for f in keep])
    except (OSError, pa.ArrowException) as err:
        raise BadInputError(f"cannot read Parquet file: {one_line(err)}", path) from err
    columns: list[Arr | Chunked] = []
    for i, name in enumerate(names):
        try:
            column, kinds[i] = normalise(table.column(i))
        except pa.ArrowInvalid as err:
            raise BadInputError(f"column {name!r}: {one_line(err)}", path) from err
        columns.append(column)
    n = table.num_rows
    data = numbered(columns, np.arange(1, n + 1, dtype=np.int64), None)
    return RawTable(spec, label, names, kinds, data, notes=notes)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, gunzipped for ``.gz``, without a UTF-8 byte-order mark."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise BadInputError(f"cannot read file: {err.strerror or err}", path) from err
    if path.name.lower().endswith(".gz"):
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as err:
            raise BadInputError(f"not a readable gzip file: {one_line(err)}", path) from err
    return raw.removeprefix(b"\xef\xbb\xbf")


def check_utf8(raw: bytes, path: Path) -> None:
    """Raise naming the line of the first byte sequence that is not UTF-8."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise BadInputError(
            f"line {line}: bytes that are not UTF-8 ({raw[err.start : err.end]!r});"
            " save the file as UTF-8",
            path,
        ) from err


def read_file(spec: TableSpec, path: Path, label: str, con: Any) -> RawTable:
    """Read and check one table file; raise BadInputError for file-level problems."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise BadInputError(f"cannot read file: {err.strerror or err}", path) from err
    if size == 0:
        raise BadInputError("empty file (0 bytes, no header)", path)
    lower = path.name.lower()
    if lower.endswith(".parquet"):
        return read_parquet(spec, path, label)
    raw = read_bytes(path)
    if not raw.strip():
        raise BadInputError("empty file (no header, no rows)", path)
    check_utf8(raw, path)
    if ".csv" in lower:
        return read_csv(spec, path, label, raw)
    return read_jsonl(spec, path, label, raw, con)
