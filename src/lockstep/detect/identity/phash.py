"""Perceptual hashes: parse, measure, and find near copies without comparing all pairs.

Avatars and media arrive as 64-bit perceptual hashes written as 16 hex digits (pHash,
dHash, ...). Copies of one picture, re-encoded or slightly cropped, stay within a few bits;
different pictures are typically more than ten bits apart. Finding all pairs within ``k``
bits uses the pigeonhole principle: split the 64 bits into ``k + 1`` bands, and any two hashes
within ``k`` bits agree exactly on at least one band, so an equality join per band yields
every candidate and the exact popcount of the XOR confirms it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

HEX64 = r"^[0-9a-fA-F]{16}$"

_NIBBLE = np.full(256, 0, dtype=np.uint64)
for _i, _c in enumerate("0123456789abcdef"):
    _NIBBLE[ord(_c)] = _i
    _NIBBLE[ord(_c.upper())] = _i


def parse_hex64(
    values: Sequence[str | None] | pa.Array[Any],
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.bool_]]:
    """Hashes as unsigned 64-bit integers, and a mask of which values were valid hex64.

    Invalid or null values get 0 and ``False``: callers must not compare them.
    """
    arr: Any = values if isinstance(values, pa.Array) else pa.array(values, pa.string())
    matched: Any = pc.fill_null(pc.match_substring_regex(arr, HEX64), False)
    valid: npt.NDArray[np.bool_] = matched.to_numpy(zero_copy_only=False).astype(bool)
    out = np.zeros(len(arr), dtype=np.uint64)
    if valid.any():
        chosen: list[str] = pc.filter(arr, pa.array(valid)).to_pylist()
        text = "".join(chosen).encode("ascii")
        digits = _NIBBLE[np.frombuffer(text, dtype=np.uint8)].reshape(-1, 16)
        shifts = np.arange(60, -1, -4, dtype=np.uint64)
        out[valid] = np.bitwise_or.reduce(digits << shifts, axis=1)
    return out, valid


def hamming(a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]) -> npt.NDArray[np.int64]:
    """Bitwise Hamming distance between two arrays of 64-bit hashes."""
    xor = np.ascontiguousarray(np.bitwise_xor(a, b), dtype=np.uint64)
    # popcount through unpackbits works on every NumPy the project supports (bitwise_count
    # needs NumPy 2)
    bits = np.unpackbits(xor.view(np.uint8).reshape(-1, 8), axis=1)
    counts: npt.NDArray[np.int64] = bits.sum(axis=1, dtype=np.int64)
    return counts


def hamming_hex(a: str | None, b: str | None) -> int | None:
    """Bits that differ between two hex64 hashes; None when either is missing or not hex64."""
    parsed, valid = parse_hex64([a, b])
    if not valid.all():
        return None
    return int(hamming(parsed[:1], parsed[1:])[0])


def _bands(max_bits: int) -> list[tuple[int, int]]:
    """(shift, width) of ``max_bits + 1`` bands covering 64 bits as evenly as possible."""
    n = max_bits + 1
    widths = [64 // n + (1 if i < 64 % n else 0) for i in range(n)]
    shifts = np.cumsum([0, *widths[:-1]])
    return [(int(s), w) for s, w in zip(shifts, widths, strict=True)]


def near_between(
    left: npt.NDArray[np.uint64], right: npt.NDArray[np.uint64], max_bits: int
) -> pa.Table:
    """All pairs ``(i, j)`` with ``hamming(left[i], right[j]) <= max_bits``.

    The two-set form of :func:`near_pairs`, for comparing many new hashes with a few
    reference ones: pairs within one side are never formed. Columns ``i``, ``j``,
    ``distance``, sorted.
    """
    schema = pa.schema([("i", pa.int64()), ("j", pa.int64()), ("distance", pa.int64())])
    if max_bits < 0 or len(left) == 0 or len(right) == 0:
        return schema.empty_table()
    li = pa.array(np.arange(len(left), dtype=np.int64))
    ri = pa.array(np.arange(len(right), dtype=np.int64))
    found = []
    for shift, width in _bands(min(max_bits, 63)):
        mask = np.uint64((1 << width) - 1)
        lt = pa.table({"i": li, "band": pa.array((left >> np.uint64(shift)) & mask)})
        rt = pa.table({"j": ri, "band": pa.array((right >> np.uint64(shift)) & mask)})
        found.append(lt.join(rt, keys="band", join_type="inner").select(["i", "j"]))
    cand = pa.concat_tables(found).group_by(["i", "j"]).aggregate([])
    i = cand["i"].to_numpy()
    j = cand["j"].to_numpy()
    dist = hamming(left[i], right[j])
    keep = dist <= max_bits
    out = pa.table(
        {"i": pa.array(i[keep]), "j": pa.array(j[keep]), "distance": pa.array(dist[keep])},
        schema=schema,
    )
    return out.sort_by([("i", "ascending"), ("j", "ascending")])


def near_pairs(
    hashes: npt.NDArray[np.uint64],
    max_bits: int,
    blocks: npt.NDArray[np.int64] | None = None,
) -> pa.Table:
    """All index pairs ``i < j`` with ``hamming(hashes[i], hashes[j]) <= max_bits``.

    With ``blocks`` (for example a time bucket per hash) only pairs whose blocks are equal
    or adjacent are considered, which keeps the search linear in practice when the caller
    only cares about copies that occur close together. Without blocks, expected candidates
    per band are about n² / 2^(width + 1): keep ``max_bits`` small then (≤ 4 gives bands of
    at least 12 bits). Equal values pair like any other near pair (distance 0). Returns
    columns ``i``, ``j``, ``distance``, sorted.
    """
    schema = pa.schema([("i", pa.int64()), ("j", pa.int64()), ("distance", pa.int64())])
    if max_bits < 0 or len(hashes) < 2:
        return schema.empty_table()
    idx = pa.array(np.arange(len(hashes), dtype=np.int64))
    block = np.zeros(len(hashes), dtype=np.int64) if blocks is None else blocks
    # the right side also appears one block earlier, so that i meets j in block + 1
    shifts = (0,) if blocks is None else (0, 1)
    found = []
    for shift, width in _bands(min(max_bits, 63)):
        mask = np.uint64((1 << width) - 1)
        band = pa.array((hashes >> np.uint64(shift)) & mask)
        left = pa.table({"i": idx, "band": band, "block": pa.array(block)})
        for step in shifts:
            right = pa.table({"j": idx, "band": band, "block": pa.array(block - step)})
            joined = left.join(right, keys=["band", "block"], join_type="inner")
            pair = joined.filter(pc.not_equal(joined["i"], joined["j"]))
            lo = pc.min_element_wise(pair["i"], pair["j"])
            hi = pc.max_element_wise(pair["i"], pair["j"])
            found.append(pa.table({"i": lo, "j": hi}))
    cand = pa.concat_tables(found).group_by(["i", "j"]).aggregate([])
    i = cand["i"].to_numpy()
    j = cand["j"].to_numpy()
    dist = hamming(hashes[i], hashes[j])
    keep = dist <= max_bits
    out = pa.table(
        {"i": pa.array(i[keep]), "j": pa.array(j[keep]), "distance": pa.array(dist[keep])},
        schema=schema,
    )
    return out.sort_by([("i", "ascending"), ("j", "ascending")])
