"""Turning input columns of any accepted shape into the lake's types.

Input arrives as strings (CSV, JSONL) or as native Parquet types. Each column is first
brought to one of a few Arrow *kinds* (string, int64, float64, bool, naive-UTC timestamp,
list of strings), then converted per (contract type, kind): with Arrow compute kernels
where one exists (fast, no copy), with a DuckDB expression where text must be parsed
(times, numbers, lists). Either way it is vectorised, and the same rules apply whatever
the file format was.

A converted value that is NULL while its input was not is a type error; the row goes to
quarantine naming the column. Empty and whitespace-only strings count as missing.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as _pc
import pyarrow.types as pat

from lockstep.contract import ARROW_TYPES, ColType, Column

# pyarrow-stubs reject valid compute calls (ChunkedArray and Python-scalar arguments)
# and lack some kernels; Arrow checks the types at run time.
pc: Any = _pc
_pa: Any = pa

#: Arrow arrays as ingest passes them around; element types add nothing here.
Arr: TypeAlias = "pa.Array[Any]"
Chunked: TypeAlias = "pa.ChunkedArray[Any]"

#: Earliest accepted time: older values are almost always a broken clock or a zero default.
MIN_TIME = datetime(2000, 1, 1)

TRUE_WORDS = ("true", "t", "yes", "1")
FALSE_WORDS = ("false", "f", "no", "0")


class Kind(StrEnum):
    """The Arrow shape a raw column is brought to before conversion."""

    STR = "string"
    INT = "integer"
    FLOAT = "float"
    BOOL = "boolean"
    TS = "timestamp"
    LIST = "list"
    NULL = "null"
    OTHER = "other"


#: Which input kinds can hold values of each contract type. Anything else is a file-level
#: error: a struct cannot be a time, a list cannot be an id.
COMPATIBLE: dict[ColType, frozenset[Kind]] = {
    ColType.ID: frozenset({Kind.STR, Kind.INT, Kind.FLOAT, Kind.NULL}),
    ColType.STRING: frozenset({Kind.STR, Kind.INT, Kind.FLOAT, Kind.BOOL, Kind.NULL}),
    ColType.TIMESTAMP: frozenset({Kind.STR, Kind.INT, Kind.FLOAT, Kind.TS, Kind.NULL}),
    ColType.INT: frozenset({Kind.STR, Kind.INT, Kind.FLOAT, Kind.NULL}),
    ColType.FLOAT: frozenset({Kind.STR, Kind.INT, Kind.FLOAT, Kind.NULL}),
    ColType.BOOL: frozenset({Kind.STR, Kind.INT, Kind.BOOL, Kind.NULL}),
    ColType.LIST: frozenset({Kind.STR, Kind.LIST, Kind.NULL}),
}

TYPE_REASONS: dict[ColType, str] = {
    ColType.ID: "not an id (a fractional number)",
    ColType.TIMESTAMP: "unparseable timestamp",
    ColType.INT: "not an integer",
    ColType.FLOAT: "not a number",
    ColType.BOOL: "not a boolean (true/false, 1/0, yes/no, t/f)",
    ColType.LIST: "not a list (a JSON array or space-separated values)",
}
RANGE_REASON = "timestamp out of range (before 2000-01-01 or after tomorrow)"
MISSING_REASON = "missing required value"


def lit(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _is_primitive(t: pa.DataType) -> bool:
    return bool(
        pat.is_string(t)
        or pat.is_large_string(t)
        or pat.is_integer(t)
        or pat.is_floating(t)
        or pat.is_boolean(t)
        or pat.is_decimal(t)
        or pat.is_null(t)
        or (pat.is_dictionary(t) and _is_primitive(t.value_type))
    )


def kind_of(t: pa.DataType) -> Kind:
    """The kind an Arrow type is normalised to by :func:`normalise`."""
    if pat.is_dictionary(t):
        return kind_of(t.value_type)
    if pat.is_string(t) or pat.is_large_string(t) or pat.is_binary(t) or pat.is_large_binary(t):
        return Kind.STR
    if pat.is_boolean(t):
        return Kind.BOOL
    if pat.is_integer(t):
        return Kind.INT
    if pat.is_floating(t) or pat.is_decimal(t):
        return Kind.FLOAT
    if pat.is_timestamp(t) or pat.is_date(t):
        return Kind.TS
    if (pat.is_list(t) or pat.is_large_list(t) or pat.is_fixed_size_list(t)) and _is_primitive(
        t.value_type
    ):
        return Kind.LIST
    if pat.is_null(t):
        return Kind.NULL
    return Kind.OTHER


def normalise(column: Chunked) -> tuple[Chunked, Kind]:
    """``column`` cast to its kind's canonical Arrow type (raises ArrowInvalid on bad bytes).

    Timestamps become naive UTC microseconds: Arrow stores instants in UTC, so dropping the
    zone keeps the UTC wall time. Unsigned 64-bit integers that do not fit int64 become
    strings rather than wrapping around.
    """
    t = column.type
    kind = kind_of(t)
    if pat.is_dictionary(t):
        column = column.cast(t.value_type)
        t = column.type
    if kind is Kind.STR:
        return column.cast(pa.string()), kind
    if kind is Kind.INT:
        try:
            return column.cast(pa.int64()), kind
        except pa.ArrowInvalid:
            return column.cast(pa.string()), Kind.STR
    if kind is Kind.FLOAT:
        return column.cast(pa.float64()), kind
    if kind is Kind.TS:
        # ns -> us only truncates sub-microsecond digits; other units cast exactly
        safe = not (pat.is_timestamp(t) and t.unit == "ns")
        return pc.cast(column, pa.timestamp("us"), safe=safe), kind
    if kind is Kind.LIST:
        return column.cast(pa.list_(pa.string())), kind
    return column, kind


# ---------------------------------------------------------------------------------------
# Conversion: Arrow compute where a kernel exists, DuckDB SQL for parsing text


def nulls(n: int, t: pa.DataType) -> Arr:
    """``n`` nulls of type ``t``."""
    out: Arr = _pa.nulls(n, t)
    return out


def as_mask(values: Any) -> np.ndarray:
    """A boolean Arrow array (nulls as False) as a NumPy mask."""
    return np.asarray(pc.fill_null(values, False).to_numpy(zero_copy_only=False), dtype=bool)


def _null_where(mask: Any, values: Any) -> Any:
    return pc.if_else(mask, pa.scalar(None, values.type), values)


def prepare(col: Column, kind: Kind, values: Any) -> Any:
    """``values`` with missing ones as null: empty strings, NaN floats.

    Ids, times, numbers, booleans, lists and choices are trimmed; free text is not.
    """
    if kind is Kind.STR:
        if col.type is not ColType.STRING or col.choices:
            values = pc.utf8_trim_whitespace(values)
        return _null_where(pc.equal(values, ""), values)
    if kind is Kind.FLOAT:
        return _null_where(pc.is_nan(values), values)
    return values


def _whole(values: Any) -> Any:
    """Floats that are whole numbers within int64, as int64 (others null)."""
    ok = pc.and_(pc.equal(pc.trunc(values), values), pc.less(pc.abs(values), 9e18))
    return pc.cast(_null_where(pc.invert(ok), values), pa.int64())


def _in(values: Any, words: tuple[str, ...]) -> Any:
    return pc.is_in(values, value_set=pa.array(words, pa.string()))


def clean_lists(lists: Any, hashtags: bool) -> Arr:
    """Items trimmed, empty items dropped.

    Hashtags also lose their '#' and are NFKC-normalised and lower-cased, so ``#Tag``,
    ``tag`` and the full-width ``＃ＴＡＧ`` are one hashtag.
    """
    if isinstance(lists, pa.ChunkedArray):
        lists = lists.combine_chunks() if lists.num_chunks else pa.array([], lists.type)
    flat = pc.utf8_trim_whitespace(pc.list_flatten(lists))
    if hashtags:
        flat = pc.utf8_lower(pc.utf8_normalize(pc.utf8_ltrim(flat, characters="#＃"), form="NFKC"))
    keep = as_mask(pc.and_(pc.is_valid(flat), pc.not_equal(flat, "")))
    parents = np.asarray(
        pc.list_parent_indices(lists).to_numpy(zero_copy_only=False), dtype=np.int64
    )
    counts = np.bincount(parents[keep], minlength=len(lists))
    offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int32)
    return pa.ListArray.from_arrays(
        pa.array(offsets, pa.int32()),
        pc.filter(flat, keep),
        type=pa.list_(pa.string()),
        mask=pc.is_null(lists),
    )


def needs_sql(col: Column, kind: Kind) -> bool:
    """Whether converting ``kind`` to ``col``'s type parses text (or epochs) in SQL."""
    t = col.type
    if kind is Kind.STR:
        return t in (ColType.TIMESTAMP, ColType.INT, ColType.FLOAT, ColType.LIST)
    return t is ColType.TIMESTAMP and kind in (Kind.INT, Kind.FLOAT)


def convert(col: Column, kind: Kind, p: Any) -> Any:
    """``p`` (prepared, of ``kind``) in ``col``'s lake type with Arrow kernels.

    Unconvertible values become null. For the pairs where :func:`needs_sql` holds, use
    :func:`sql` instead and pass its result through :func:`finish`.
    """
    t = col.type
    if kind is Kind.NULL:
        return nulls(len(p), ARROW_TYPES[t])
    if t is ColType.ID:
        if kind is Kind.INT:
            return pc.cast(p, pa.string())
        if kind is Kind.FLOAT:
            return pc.cast(_whole(p), pa.string())
        return p
    if t is ColType.STRING:
        text = p if kind is Kind.STR else pc.cast(p, pa.string())
        return pc.utf8_lower(text) if col.choices else text
    if t is ColType.INT:
        return p if kind is Kind.INT else _whole(p)
    if t is ColType.FLOAT:
        return pc.cast(p, pa.float64()) if kind is Kind.INT else _null_where(pc.is_inf(p), p)
    if t is ColType.BOOL:
        if kind is Kind.BOOL:
            return p
        if kind is Kind.INT:
            return _null_where(pc.invert(pc.is_in(p, value_set=pa.array([0, 1]))), pc.equal(p, 1))
        low = pc.utf8_lower(p)
        return _null_where(pc.invert(_in(low, TRUE_WORDS + FALSE_WORDS)), _in(low, TRUE_WORDS))
    return finish(col, p)


def finish(col: Column, values: Any) -> Any:
    """Last step for every conversion path: list items cleaned."""
    if col.type is ColType.LIST:
        return clean_lists(values, hashtags=col.name == "hashtags")
    return values


def run_sql(con: Any, select: str, table: pa.Table) -> pa.Table:
    """``SELECT select FROM table`` in DuckDB, rows in input order.

    DuckDB keeps insertion order for a plain projection (``preserve_insertion_order``).
    """
    con.register("sql_in", table)
    try:
        out: pa.Table = con.sql(f"SELECT {select} FROM sql_in").to_arrow_table()
        return out
    finally:
        con.unregister("sql_in")


def sql(col: Column, kind: Kind, p: str) -> str:
    """SQL converting the column ``p`` where :func:`needs_sql` holds."""
    t = col.type
    if t is ColType.TIMESTAMP:
        if kind is Kind.INT:
            return _epoch_int(p)
        if kind is Kind.FLOAT:
            return _epoch_float(p)
        return _timestamp_from_text(p)
    if t is ColType.INT:
        return (
            f"(CASE WHEN regexp_full_match({p}, '[+-]?[0-9]+([.]0*)?')"
            f" THEN TRY_CAST(regexp_replace({p}, '[.]0*$', '') AS BIGINT) END)"
        )
    if t is ColType.FLOAT:
        return (
            f"(CASE WHEN regexp_full_match({p},"
            f" '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?')"
            f" THEN TRY_CAST({p} AS DOUBLE) END)"
        )
    return _list_from_text(p)


def _epoch_int(x: str) -> str:
    # magnitude decides the unit: 1e11 s is the year 5138, 1e11 ms is 1973
    return (
        f"(CASE WHEN {x} > -100000000000 AND {x} < 100000000000"
        f" THEN make_timestamp({x} * 1000000)"
        f" WHEN {x} > -100000000000000 AND {x} < 100000000000000"
        f" THEN make_timestamp({x} * 1000) END)"
    )


def _epoch_float(x: str) -> str:
    return (
        f"(CASE WHEN abs({x}) < 1e11 THEN make_timestamp(CAST(round({x} * 1e6) AS BIGINT))"
        f" WHEN abs({x}) < 1e14 THEN make_timestamp(CAST(round({x} * 1e3) AS BIGINT)) END)"
    )


def _timestamp_from_text(p: str) -> str:
    # ISO-8601 (with or without offset, date-only) via TIMESTAMPTZ in a UTC session, so an
    # offset is applied and a missing offset means UTC; the Twitter v1 form as a fallback.
    return (
        f"(CASE WHEN regexp_full_match({p}, '[+-]?[0-9]+')"
        f" THEN {_epoch_int(f'TRY_CAST({p} AS BIGINT)')}"
        f" WHEN regexp_full_match({p}, '[+-]?[0-9]+[.][0-9]*')"
        f" THEN {_epoch_float(f'TRY_CAST({p} AS DOUBLE)')}"
        f" ELSE CAST(coalesce(TRY_CAST({p} AS TIMESTAMPTZ),"
        f" try_strptime({p}, '%a %b %d %H:%M:%S %z %Y')) AS TIMESTAMP) END)"
    )


def _list_from_text(p: str) -> str:
    # a JSON array, else whitespace-separated items; nested CASE keeps json_type() away
    # from invalid JSON
    return (
        f"(CASE WHEN starts_with({p}, '[') THEN (CASE WHEN json_valid({p}) THEN"
        f" (CASE WHEN json_type({p}) = 'ARRAY' THEN from_json({p}, '[\"VARCHAR\"]') END) END)"
        f" ELSE regexp_split_to_array({p}, '\\s+') END)"
    )


def can_fail(col: Column, kind: Kind) -> bool:
    """Whether converting ``kind`` to ``col``'s type can turn a present value into null."""
    t = col.type
    if kind is Kind.NULL:
        return False
    if t in (ColType.ID, ColType.STRING):
        return t is ColType.ID and kind is Kind.FLOAT
    if kind is Kind.STR:
        return True
    exact = {
        (ColType.TIMESTAMP, Kind.TS),
        (ColType.INT, Kind.INT),
        (ColType.FLOAT, Kind.INT),
        (ColType.BOOL, Kind.BOOL),
        (ColType.LIST, Kind.LIST),
    }
    return (t, kind) not in exact


def out_of_range(values: Any, max_time: datetime) -> Any:
    """True where a timestamp lies outside [2000-01-01, ``max_time``]."""
    lo = pa.scalar(MIN_TIME, pa.timestamp("us"))
    hi = pa.scalar(max_time, pa.timestamp("us"))
    return pc.or_(pc.less(values, lo), pc.greater(values, hi))


def stringify(kind: Kind, values: Any, con: Any) -> Any:
    """``values`` as text for ``attrs`` and quarantine records (nested values as JSON)."""
    if kind is Kind.STR:
        return values
    if kind in (Kind.LIST, Kind.OTHER):
        return run_sql(con, "CAST(to_json(v) AS VARCHAR) AS v", pa.table({"v": values}))["v"]
    if kind is Kind.TS:
        return pc.strftime(values, format="%Y-%m-%dT%H:%M:%SZ")
    return pc.cast(values, pa.string())
