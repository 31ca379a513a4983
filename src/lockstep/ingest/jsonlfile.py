"""JSON-lines files: one object per line, parsed in DuckDB.

Values come out as text (strings unquoted, numbers and arrays as their JSON), the shape CSV
has, so one set of conversion rules serves both formats.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from lockstep.contract import TableSpec
from lockstep.errors import BadInputError
from lockstep.ingest.convert import Arr, Kind, lit
from lockstep.ingest.duck import count
from lockstep.ingest.raw import (
    LINE,
    NOT_JSON,
    NOT_OBJECT,
    REJECT,
    REJECTS_SCHEMA,
    ROW,
    RawTable,
    check_columns,
    raw_col,
)


def _lines(raw: bytes) -> Arr:
    """Each physical line of ``raw`` as one string (newline kept), without copying."""
    buf = np.frombuffer(raw, dtype=np.uint8)
    ends = np.flatnonzero(buf == 10) + 1
    if len(raw) and (len(ends) == 0 or ends[-1] != len(raw)):
        ends = np.append(ends, len(raw))
    offsets = np.concatenate(([0], ends)).astype(np.int64)
    lines: Arr = pa.LargeStringArray.from_buffers(
        len(ends), pa.py_buffer(offsets.tobytes()), pa.py_buffer(raw)
    )
    return lines


def read_jsonl(spec: TableSpec, path: Path, label: str, raw: bytes, con: Any) -> RawTable:
    """A JSON-lines file: one object per line, parsed in DuckDB.

    Values come out as text (strings unquoted, numbers and arrays as their JSON), the same
    shape as CSV, so one set of conversion rules serves both.
    """
    lines = pa.table({"l": _lines(raw)})
    lines = lines.append_column(LINE, pa.array(np.arange(1, len(lines) + 1, dtype=np.int64)))
    con.register("jsonl_lines", lines)
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE jsonl_parsed AS
        WITH nb AS (
            SELECT l, {LINE}, row_number() OVER (ORDER BY {LINE}) AS {ROW}
            FROM jsonl_lines WHERE trim(l, ' ' || chr(9) || chr(10) || chr(13)) <> ''
        )
        SELECT l, {LINE}, {ROW},
            CASE WHEN NOT json_valid(l) THEN '{NOT_JSON}'
                 WHEN json_type(l) <> 'OBJECT' THEN '{NOT_OBJECT}' END AS reason
        FROM nb
        """
    )
    con.unregister("jsonl_lines")
    blank = len(lines) - count(con, "SELECT count(*) FROM jsonl_parsed")
    keys = [
        k
        for (k,) in con.sql(
            f"""
            SELECT k FROM (
                SELECT {ROW}, unnest(json_keys(l)) AS k,
                       unnest(range(len(json_keys(l)))) AS i
                FROM jsonl_parsed WHERE reason IS NULL)
            GROUP BY k ORDER BY min({ROW} * 1000000 + i), k
            """
        ).fetchall()
    ]
    objects = count(con, "SELECT count(*) FROM jsonl_parsed WHERE reason IS NULL")
    if objects == 0:
        raise BadInputError("no JSON object on any line", path)
    names = [k.strip() for k in keys]
    check_columns(spec, names, [Kind.STR] * len(names), path)
    schema = json.dumps({k: "VARCHAR" for k in keys})
    cols = ", ".join(f"struct_extract_at(o, {i + 1}) AS {raw_col(i)}" for i in range(len(keys)))
    data = con.sql(
        f"""
        SELECT {cols}, {ROW}, {LINE}, CAST(NULL AS VARCHAR) AS {REJECT}
        FROM (SELECT from_json(l, {lit(schema)}) AS o, {ROW}, {LINE} FROM jsonl_parsed
              WHERE reason IS NULL)
        ORDER BY {ROW}
        """
    ).to_arrow_table()
    rejects = con.sql(
        f"""
        SELECT {ROW}, {LINE}, reason, rtrim(l, chr(10) || chr(13)) AS text
        FROM jsonl_parsed WHERE reason IS NOT NULL ORDER BY {ROW}
        """
    ).to_arrow_table()
    con.execute("DROP TABLE jsonl_parsed")
    notes = [f"skipped {blank} blank line(s)"] if blank else []
    return RawTable(
        spec,
        label,
        names,
        [Kind.STR] * len(names),
        data.cast(
            pa.schema(
                [pa.field(raw_col(i), pa.string()) for i in range(len(keys))]
                + [
                    pa.field(ROW, pa.int64()),
                    pa.field(LINE, pa.int64()),
                    pa.field(REJECT, pa.string()),
                ]
            )
        ),
        rejects.cast(REJECTS_SCHEMA),
        notes,
    )
