"""Row-level validation of one table: convert, check, derive, deduplicate.

Every contract column is converted by the rules in :mod:`lockstep.ingest.convert`; each
check gives a boolean mask over all rows, and the first failing check of a row names its
column and reason. Ids missing from the input are derived from the row's content. Rows
sharing a key are collapsed when identical and all quarantined when they differ (there is
no honest way to pick a winner). Rows keep file order throughout, so the same input always
gives the same lake, whatever the thread scheduling.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as _pc

from lockstep.contract import ARROW_TYPES, ATTRS_TYPE, ColType
from lockstep.ingest.convert import (
    MISSING_REASON,
    RANGE_REASON,
    TYPE_REASONS,
    Arr,
    Chunked,
    as_mask,
    can_fail,
    clean_lists,
    convert,
    finish,
    ident,
    lit,
    needs_sql,
    nulls,
    out_of_range,
    prepare,
    run_sql,
    sql,
    stringify,
)
from lockstep.ingest.raw import LINE, REJECT, ROW, RawTable, contract_columns, raw_col
from lockstep.ingest.text import extract_hashtags, extract_mentions, extract_urls, trim_urls

# pyarrow-stubs reject valid compute calls (ChunkedArray and Python-scalar arguments)
# and lack some kernels; Arrow checks the types at run time.
pc: Any = _pc
_pa: Any = pa

CONFLICT_REASON = "conflicting duplicate id"
#: Prefix of ids ingest derives from a row's content, per table.
DERIVED_ID_PREFIX = {"engagements": "e-", "reports": "r-"}
#: Posts only: handles found in text, resolved to account ids once accounts are known.
MENTION_HANDLES = "__mention_handles"
#: Post list columns that are extracted from ``text`` when the input leaves them empty.
FROM_TEXT = ("urls", "hashtags", "mentions")


@dataclass
class Processed:
    """A validated table: accepted rows in file order, and its quarantine records."""

    table: pa.Table
    quarantine: Arr
    collapsed: int
    reasons: dict[str, int]
    derived: list[str] = field(default_factory=list)

    @property
    def quarantined(self) -> int:
        return len(self.quarantine)


@dataclass
class _Check:
    """Rows failing one check; ``reason`` None means "the parse-level reason of the row"."""

    mask: np.ndarray
    column: str | None
    reason: str | None


def _choices_reason(choices: tuple[str, ...]) -> str:
    return "unknown value; expected one of " + ", ".join(choices)


def _convert_columns(
    raw: RawTable, con: Any, max_time: datetime
) -> tuple[dict[str, Any], list[_Check]]:
    """Every contract column in its lake type, and the checks in the order they apply."""
    spec = raw.spec
    n = raw.data.num_rows
    usable = contract_columns(spec)
    reject = raw.data.column(REJECT)
    checks = [_Check(as_mask(pc.is_valid(reject)), None, None)] if reject.null_count < n else []
    out: dict[str, Any] = {}
    prepared: dict[str, Any] = {}
    parse: dict[str, str] = {}
    for col in spec.columns:
        if col.name not in usable:
            continue
        i = raw.index(col.name)
        if i is None:
            out[col.name] = nulls(n, ARROW_TYPES[col.type])
            continue
        kind = raw.kinds[i]
        p = prepared[col.name] = prepare(col, kind, raw.data.column(raw_col(i)))
        if needs_sql(col, kind):
            parse[col.name] = sql(col, kind, ident(col.name))
        else:
            out[col.name] = convert(col, kind, p)
    if parse:
        # one DuckDB pass parses every text column that needs it
        inputs = pa.table({name: prepared[name] for name in parse})
        parsed = run_sql(con, ", ".join(f"{e} AS {ident(c)}" for c, e in parse.items()), inputs)
        for name in parse:
            out[name] = finish(spec.column(name), parsed.column(name))
    for col in spec.columns:
        i = raw.index(col.name) if col.name in usable else None
        if i is None:
            continue
        kind, v = raw.kinds[i], out[col.name]
        if can_fail(col, kind):
            failed = pc.and_(pc.is_valid(prepared[col.name]), pc.is_null(v))
            checks.append(_Check(as_mask(failed), col.name, TYPE_REASONS[col.type]))
        if col.choices:
            known = pc.is_in(v, value_set=pa.array(col.choices))
            unknown = pc.and_(pc.is_valid(v), pc.invert(known))
            checks.append(_Check(as_mask(unknown), col.name, _choices_reason(col.choices)))
        if col.type is ColType.TIMESTAMP:
            checks.append(_Check(as_mask(out_of_range(v, max_time)), col.name, RANGE_REASON))
        if col.required:
            checks.append(_Check(as_mask(pc.is_null(v)), col.name, MISSING_REASON))
    given = [c for c in spec.one_of if raw.index(c) is not None]
    if given:
        none = np.ones(n, dtype=bool)
        for c in given:
            none &= as_mask(pc.is_null(out[c]))
        checks.append(_Check(none, None, "needs " + " or ".join(spec.one_of)))
    if spec.name == "posts":
        out["kind"] = pc.coalesce(out["kind"], pa.scalar("post"))
    return out, checks


def _attrs(raw: RawTable, con: Any) -> Arr:
    """Unknown input columns as one map per row (values as text; empty ones left out)."""
    n = raw.data.num_rows
    usable = contract_columns(raw.spec)
    extras = [
        (name, i, kind)
        for i, (name, kind) in enumerate(zip(raw.names, raw.kinds, strict=True))
        if name not in usable
    ]
    if not extras or n == 0:
        return nulls(n, ATTRS_TYPE)
    k = len(extras)
    texts = [
        pc.cast(stringify(kind, raw.data.column(raw_col(i)), con), pa.string()).combine_chunks()
        for _, i, kind in extras
    ]
    # row-major interleave: row r's entries are items r*k .. r*k+k-1
    order = (np.arange(k)[None, :] * n + np.arange(n)[:, None]).ravel()
    values = pc.take(pa.concat_arrays(texts), pa.array(order))
    names = pa.array([name for name, _, _ in extras], pa.string())
    keys = pc.take(names, pa.array(np.tile(np.arange(k), n)))
    keep = as_mask(pc.and_(pc.is_valid(values), pc.not_equal(values, "")))
    counts = keep.reshape(n, k).sum(axis=1)
    offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int32)
    maps = _pa.MapArray.from_arrays(
        pa.array(offsets, pa.int32()),
        pc.filter(keys, pa.array(keep)),
        pc.filter(values, pa.array(keep)),
        type=ATTRS_TYPE,
    )
    out: Arr = pc.if_else(pa.array(counts > 0), maps, nulls(n, ATTRS_TYPE))
    return out


def _from_text(out: dict[str, Any], con: Any) -> dict[str, np.ndarray]:
    """Fill post urls/hashtags (and mention handles) from ``text`` where the input has none.

    Returns, per column, which rows were derived.
    """
    text = out["text"]
    n = len(text)
    needs = {c: as_mask(pc.and_(pc.is_null(out[c]), pc.is_valid(text))) for c in FROM_TEXT}
    out[MENTION_HANDLES] = nulls(n, pa.list_(pa.string()))
    if not any(m.any() for m in needs.values()):
        return needs
    null_text = nulls(n, pa.string())
    inputs = pa.table({c: pc.if_else(pa.array(needs[c]), text, null_text) for c in FROM_TEXT})
    found = run_sql(
        con,
        f"{extract_urls('urls')} AS urls, {extract_hashtags('hashtags')} AS hashtags,"
        f" {extract_mentions('mentions')} AS mentions",
        inputs,
    )
    out["urls"] = pc.coalesce(out["urls"], trim_urls(found.column("urls")))
    out["hashtags"] = pc.coalesce(
        out["hashtags"], clean_lists(found.column("hashtags"), hashtags=True)
    )
    out[MENTION_HANDLES] = found.column("mentions")
    return needs


def _digest(table: pa.Table, con: Any) -> Chunked:
    """md5 of each row's content as canonical JSON (stable across runs and formats)."""
    fields = ", ".join(f"{ident(c)} := {ident(c)}" for c in table.column_names)
    digest = f"md5(CAST(to_json(struct_pack({fields})) AS VARCHAR)) AS h"
    out: Chunked = run_sql(con, digest, table).column("h")
    return out


def _derive_key(table: pa.Table, key: str, prefix: str, con: Any) -> pa.Table:
    """Fill missing ``key`` values with an id derived from the rest of the row."""
    current = table.column(key).combine_chunks()
    missing = pc.is_null(current)
    digests = _digest(table.filter(missing).drop_columns([key]), con).combine_chunks()
    ids = pc.binary_join_element_wise(prefix, pc.utf8_slice_codeunits(digests, 0, 20), "")
    filled = pc.replace_with_mask(current, missing, ids)
    return table.set_column(table.schema.get_field_index(key), key, filled)


def _duplicates(table: pa.Table, key: str | None, con: Any) -> tuple[np.ndarray, np.ndarray]:
    """(conflicting, collapsed) row masks over ``table``.

    Rows sharing a key with identical content collapse into the first; if their content
    differs, all of them conflict. Tables without a key compare whole rows: only exact
    duplicates collapse. Candidates are found by grouping the key (or a 64-bit hash of the
    row); the content comparison runs on the candidates only.
    """
    n = table.num_rows
    conflict, drop = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    if n == 0:
        return conflict, drop
    columns = ", ".join(ident(c) for c in table.column_names)
    probe = f"{ident(key)}" if key else f"hash({columns})"
    con.register("dup_in", table.append_column("__pos", pa.array(np.arange(n, dtype=np.int64))))
    try:
        candidates = con.sql(
            f"""
            WITH dk AS (SELECT {probe} AS k FROM dup_in GROUP BY ALL HAVING count(*) > 1)
            SELECT __pos AS pos, {probe} AS k FROM dup_in WHERE {probe} IN (SELECT k FROM dk)
            """
        ).to_arrow_table()
    finally:
        con.unregister("dup_in")
    if candidates.num_rows == 0:
        return conflict, drop
    pos = candidates.column("pos").to_numpy().astype(np.int64)
    order = np.argsort(pos)
    pos = pos[order]
    k = candidates.column("k").take(pa.array(order))
    h = _digest(table.take(pa.array(pos)), con)
    groups = pa.Table.from_arrays([pa.array(pos), k, h], names=["pos", "k", "h"])
    con.register("dup_groups", groups)
    try:
        res = con.sql(
            f"""
            WITH g AS (SELECT k, count(DISTINCT h) AS nh FROM dup_groups GROUP BY k)
            SELECT d.pos,
                   {"g.nh > 1" if key else "false"} AS conflict,
                   d.pos <> min(d.pos) OVER (PARTITION BY d.k, d.h) AS dup
            FROM dup_groups d JOIN g USING (k)
            """
        ).to_arrow_table()
    finally:
        con.unregister("dup_groups")
    rows = res.column("pos").to_numpy()
    is_conflict = as_mask(res.column("conflict"))
    conflict[rows[is_conflict]] = True
    drop[rows[~is_conflict & as_mask(res.column("dup"))]] = True
    return conflict, drop


def process(raw: RawTable, con: Any, max_time: datetime) -> Processed:
    """Validate ``raw``: accepted rows (contract columns, attrs) and quarantine records."""
    spec = raw.spec
    out, checks = _convert_columns(raw, con, max_time)
    out["attrs"] = _attrs(raw, con)
    needs = _from_text(out, con) if spec.name == "posts" else {}

    n = raw.data.num_rows
    first = np.full(n, -1, dtype=np.int64)
    for k, check in enumerate(checks):
        first[(first < 0) & check.mask] = k
    bad = first >= 0
    table = pa.table(out)
    accepted_pos = np.flatnonzero(~bad)
    if bad.any():
        table = table.take(accepted_pos)
    derived = [c for c in FROM_TEXT if c in needs and needs[c][accepted_pos].any()]

    key = spec.key
    prefix = DERIVED_ID_PREFIX.get(spec.name)
    if key is not None and prefix is not None and table.column(key).null_count:
        table = _derive_key(table, key, prefix, con)
        derived.append(key)
    payload = table.drop_columns([MENTION_HANDLES]) if MENTION_HANDLES in out else table
    conflict, drop = _duplicates(payload, key, con)
    if conflict.any() or drop.any():
        table = table.filter(pa.array(~(conflict | drop)))

    # quarantine: rows failing a check, then rows of conflicting duplicates
    bad_pos = np.flatnonzero(bad)
    columns = [checks[k].column for k in first[bad_pos]]
    reasons: list[str | None] = [checks[k].reason for k in first[bad_pos]]
    parse = raw.data.column(REJECT).take(bad_pos).to_pylist()
    reasons = [r if r is not None else p for r, p in zip(reasons, parse, strict=True)]
    conflict_pos = accepted_pos[conflict]
    rejected_pos = np.concatenate((bad_pos, conflict_pos))
    columns += [key] * len(conflict_pos)
    reasons += [CONFLICT_REASON] * len(conflict_pos)
    quarantine = (
        _quarantine_lines(raw, rejected_pos, columns, reasons, con)
        if len(rejected_pos) or raw.rejects.num_rows
        else pa.array([], pa.string())
    )
    return Processed(
        table=table,
        quarantine=quarantine,
        collapsed=int(drop.sum()),
        reasons=_count_reasons(raw, columns, reasons),
        derived=sorted(derived),
    )


def _count_reasons(
    raw: RawTable, columns: list[str | None], reasons: list[str | None]
) -> dict[str, int]:
    labels = Counter(f"{c}: {r}" if c else str(r) for c, r in zip(columns, reasons, strict=True))
    labels.update(str(r) for r in raw.rejects.column("reason").to_pylist())
    return dict(sorted(labels.items()))


def _quarantine_lines(
    raw: RawTable,
    positions: np.ndarray,
    columns: list[str | None],
    reasons: list[str | None],
    con: Any,
) -> Arr:
    """One JSON object per rejected record, in file order (see docs/data-contract.md)."""
    rows = raw.data.take(pa.array(positions, pa.int64()))
    originals = {
        raw_col(i): pc.cast(stringify(kind, rows.column(raw_col(i)), con), pa.string())
        for i, kind in enumerate(raw.kinds)
    }
    rejected = pa.Table.from_arrays(
        [
            *originals.values(),
            rows.column(ROW),
            rows.column(LINE),
            pa.array(columns, pa.string()),
            pa.array(reasons, pa.string()),
        ],
        names=[*originals, ROW, LINE, "q_column", "q_reason"],
    )
    fields = ", ".join(f"{lit(name)}, {ident(raw_col(i))}" for i, name in enumerate(raw.names))
    label = lit(raw.label)
    con.register("q_rows", rejected)
    con.register("q_parse", raw.rejects)
    try:
        lines = con.sql(
            f"""
            SELECT line FROM (
                SELECT {ROW} AS o, json_object('file', {label}, 'row', {ROW}, 'line', {LINE},
                    'column', q_column, 'reason', q_reason,
                    'original', json_object({fields})) AS line
                FROM q_rows
                UNION ALL
                SELECT {ROW} AS o, json_object('file', {label}, 'row', {ROW}, 'line', {LINE},
                    'column', NULL, 'reason', reason, 'original', json_object('_raw', text))
                FROM q_parse
            ) ORDER BY o
            """
        ).to_arrow_table()
    finally:
        con.unregister("q_rows")
        con.unregister("q_parse")
    out: Arr = lines.column("line").combine_chunks().cast(pa.string())
    return out
