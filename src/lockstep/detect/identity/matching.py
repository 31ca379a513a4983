"""Which keys of a large set lie within a small edit distance of keys of another set.

Comparing every account's name with every reference name is quadratic. Two strings within
``k`` edits share a string obtained by deleting at most ``k`` characters from each (the
symmetric-deletion idea behind SymSpell), so both sides are expanded into their deletion
neighbourhoods with vectorised Arrow string kernels, an equality join finds the candidate
pairs, and only those are measured exactly (RapidFuzz Levenshtein). The neighbourhood of a
key of length ``L`` has O(L^k) members, so ``k`` is meant to stay at 1 or 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz.distance import Levenshtein

MATCH_SCHEMA = pa.schema(
    [("left", pa.int64()), ("right", pa.int64()), ("distance", pa.int64())],
)


def _neighbourhood(keys: pa.Array[Any], depth: int) -> pa.Table:
    """(idx, variant): each key and every string made by deleting up to ``depth`` chars.

    Variants may repeat (two deletions reach the same string); the join dedupes pairs.
    """
    frontier = pa.table({"idx": pa.array(np.arange(len(keys), dtype=np.int64)), "variant": keys})
    frontier = frontier.filter(pc.is_valid(frontier["variant"]))
    parts = [frontier]
    for _ in range(depth):
        lengths: Any = pc.utf8_length(frontier["variant"])
        longest = int(pc.max(lengths).as_py() or 0)
        step = []
        for i in range(longest):
            sub = frontier.filter(pc.greater(lengths, pa.scalar(i)))
            text: Any = sub["variant"]
            variant: Any = pc.binary_join_element_wise(
                pc.utf8_slice_codeunits(text, 0, i), pc.utf8_slice_codeunits(text, i + 1), ""
            )
            step.append(pa.table({"idx": sub["idx"].combine_chunks(), "variant": variant}))
        if not step:
            break
        frontier = pa.concat_tables(step)
        parts.append(frontier)
    return pa.concat_tables(parts)


def _within_lengths(keys: Any, lo: int, hi: int) -> Any:
    """Keys whose length lies in ``[lo, hi]``; the others become null."""
    length = pc.utf8_length(keys)
    keep = pc.and_(pc.greater_equal(length, pa.scalar(lo)), pc.less_equal(length, pa.scalar(hi)))
    return pc.if_else(keep, keys, None)


def near_matches(
    left: Sequence[str | None],
    right: Sequence[str | None],
    max_edits: int = 1,
    min_len: int = 6,
) -> pa.Table:
    """Pairs (left index, right index, Levenshtein distance) with distance ≤ ``max_edits``.

    Keys shorter than ``min_len`` (on either side) match only exactly: one edit turns too
    many short names into each other. Null keys never match. Rows are sorted.
    """
    lkeys: Any = pa.array(left, pa.string())
    rkeys: Any = pa.array(right, pa.string())
    exact = _pairs(_neighbourhood(lkeys, 0), _neighbourhood(rkeys, 0))
    tables = [exact.append_column("distance", _zeros(exact))]
    if max_edits > 0:
        long_r: Any = _within_lengths(rkeys, min_len, 1 << 30)
        right_lengths: Any = pc.utf8_length(long_r)
        shortest, longest = pc.min(right_lengths).as_py(), pc.max(right_lengths).as_py()
        if shortest is None or longest is None:
            return _sorted(tables)
        # a left key more than ``max_edits`` longer or shorter than every right key cannot match
        lo = max(min_len, int(shortest) - max_edits)
        long_l: Any = _within_lengths(lkeys, lo, int(longest) + max_edits)
        cand = _pairs(_neighbourhood(long_l, max_edits), _neighbourhood(long_r, max_edits))
        li = cand["left"].to_numpy()
        ri = cand["right"].to_numpy()
        ltext = list(left)
        rtext = list(right)
        # exact measurement only on the few candidate pairs the join produced
        dist = np.array(
            [
                Levenshtein.distance(ltext[a], rtext[b], score_cutoff=max_edits)
                for a, b in zip(li, ri, strict=True)
            ],
            dtype=np.int64,
        )
        keep = (dist > 0) & (dist <= max_edits)
        tables.append(
            pa.table(
                {
                    "left": pa.array(li[keep]),
                    "right": pa.array(ri[keep]),
                    "distance": pa.array(dist[keep]),
                }
            )
        )
    return _sorted(tables)


def _sorted(tables: list[pa.Table]) -> pa.Table:
    out = pa.concat_tables([t.cast(MATCH_SCHEMA) for t in tables])
    return out.sort_by([("left", "ascending"), ("right", "ascending")])


def _pairs(left: pa.Table, right: pa.Table) -> pa.Table:
    """Distinct (left, right) index pairs sharing a variant."""
    joined = left.rename_columns(["left", "variant"]).join(
        right.rename_columns(["right", "variant"]), keys="variant", join_type="inner"
    )
    return joined.group_by(["left", "right"]).aggregate([])


def _zeros(table: pa.Table) -> pa.Array[Any]:
    return pa.array(np.zeros(table.num_rows, dtype=np.int64))
