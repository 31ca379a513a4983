"""Near-identical text measured as the detectors measure it, on the synthesiser's columns.

Truth must say what the data shows. Whether two copies of a campaign text read as the same
text is decided here exactly as :mod:`lockstep.detect.text` decides it: the same
normalisation (its regular expressions, run by Arrow's RE2 as DuckDB runs them), the same
weighted minimum length, and the exact Jaccard similarity of character 4-gram sets. Copies
then chain into one text (A like B, B like C) as the detectors' clusters do. Everything is
column-wise NumPy and Arrow: characters are decoded from the UTF-8 buffer, shingles are
64-bit mixes of four code points, and set intersections are sorted look-ups.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lockstep.detect.text import (
    DENSE_SCRIPT,
    DENSE_WEIGHT,
    NON_WORD,
    TRAILING_TAGS,
    URL_OR_MENTION,
    NearDupParams,
    components,
)
from lockstep.synth import arrow as A

_pc: Any = pc
_PARAMS = NearDupParams()
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))


def normalise(text: A.Arr) -> A.Arr:
    """What a post says, as the detectors compare it: no links, mentions or closing tags,
    lower case, letters, marks and digits only, at most ``max_chars`` characters."""
    bare = _pc.replace_substring_regex(text, pattern=URL_OR_MENTION, replacement=" ")
    bare = _pc.replace_substring_regex(bare, pattern=TRAILING_TAGS, replacement="")
    norm = _pc.replace_substring_regex(_pc.utf8_lower(bare), pattern=NON_WORD, replacement="")
    out: A.Arr = _pc.utf8_slice_codeunits(norm.fill_null(""), 0, _PARAMS.max_chars)
    return out


def weighted_length(norm: A.Arr) -> A.I64:
    """Length of normalised texts, Han, kana and Hangul counting ``DENSE_WEIGHT``."""
    length = A.to_numpy_int(_pc.utf8_length(norm))
    dense = A.to_numpy_int(_pc.count_substring_regex(norm, pattern=DENSE_SCRIPT))
    out: A.I64 = length + (DENSE_WEIGHT - 1) * dense
    return out


def _mix(x: A.U64) -> A.U64:
    """splitmix64's finaliser: well-spread 64-bit values (wrapping arithmetic)."""
    x = (x ^ (x >> np.uint64(30))) * _MIX[1]
    x = (x ^ (x >> np.uint64(27))) * _MIX[2]
    out: A.U64 = x ^ (x >> np.uint64(31))
    return out


def _code_points(norm: A.Arr) -> tuple[A.U64, A.I64]:
    """Code points of all texts in a row, and the text each belongs to (UTF-8 decoded)."""
    arr: Any = pa.array(norm, type=pa.string()) if not isinstance(norm, pa.Array) else norm
    arr = arr.cast(pa.large_string()) if arr.type != pa.large_string() else arr
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[
        arr.offset : arr.offset + len(arr) + 1
    ]
    data = np.frombuffer(arr.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    starts = np.flatnonzero((data & 0xC0) != 0x80)
    lead = data[starts].astype(np.uint64)
    width = 1 + (lead >= 0xC0) + (lead >= 0xE0) + (lead >= 0xF0)
    cp = lead & np.array([0, 0x7F, 0x1F, 0x0F, 0x07], dtype=np.uint64)[width]
    for k in (1, 2, 3):
        more = width > k
        nxt = data[np.minimum(starts + k, len(data) - 1)].astype(np.uint64) & np.uint64(0x3F)
        cp = np.where(more, (cp << np.uint64(6)) | nxt, cp)
    owner = np.searchsorted(offsets[1:] - offsets[0], starts, side="right").astype(np.int64)
    return cp, owner


def shingle_sets(norm: A.Arr) -> tuple[A.I64, A.U64]:
    """Distinct character-shingle hashes of each text: ``owner`` (ascending) and ``hash``."""
    size = _PARAMS.shingle_size
    cp, owner = _code_points(norm)
    if len(cp) < size:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
    h = np.zeros(len(cp) - size + 1, dtype=np.uint64)
    for k in range(size):
        h = _mix(h ^ cp[k : len(cp) - size + 1 + k])
    whole = owner[: len(h)] == owner[size - 1 :]
    owner, h = owner[: len(h)][whole], h[whole]
    order = np.lexsort((h, owner))
    owner, h = owner[order], h[order]
    keep = np.ones(len(h), dtype=bool)
    keep[1:] = (owner[1:] != owner[:-1]) | (h[1:] != h[:-1])
    return owner[keep], h[keep]


def jaccard(norm: A.Arr, a: A.I64, b: A.I64) -> A.F64:
    """Exact Jaccard similarity of the shingle sets of texts ``a[i]`` and ``b[i]``."""
    n = len(norm)
    owner, h = shingle_sets(norm)
    count = np.bincount(owner, minlength=n).astype(np.int64)
    start = np.concatenate([[0], np.cumsum(count)[:-1]]).astype(np.int64)
    keyed = _mix(h ^ _mix(owner.astype(np.uint64) * _MIX[0]))
    lookup = np.sort(keyed)
    # Every shingle of a[i], looked up among the shingles of b[i].
    pair = np.repeat(np.arange(len(a), dtype=np.int64), count[a])
    first = np.concatenate([[0], np.cumsum(count[a])[:-1]]).astype(np.int64)
    pos = start[a][pair] + np.arange(len(pair), dtype=np.int64) - first[pair]
    probe = _mix(h[pos] ^ _mix(b[pair].astype(np.uint64) * _MIX[0]))
    at = np.minimum(np.searchsorted(lookup, probe), max(len(lookup) - 1, 0))
    found = lookup[at] == probe if len(lookup) else np.zeros(len(probe), dtype=bool)
    common = np.bincount(pair, weights=found, minlength=len(a))
    union = count[a] + count[b] - common
    out: A.F64 = np.where(union > 0, common / np.maximum(union, 1), 0.0)
    return out


def _pairs_within(segment: A.I64) -> tuple[A.I64, A.I64]:
    """All pairs ``i < j`` of rows with the same ``segment`` (rows sorted by segment)."""
    n = len(segment)
    if n < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    bounds = np.flatnonzero(np.diff(segment)) + 1
    end = np.repeat(np.concatenate([bounds, [n]]), np.diff(np.concatenate([[0], bounds, [n]])))
    partners = end - np.arange(n) - 1
    i = np.repeat(np.arange(n, dtype=np.int64), partners)
    first = np.concatenate([[0], np.cumsum(partners)[:-1]]).astype(np.int64)
    j = i + 1 + np.arange(len(i), dtype=np.int64) - first[i]
    return i, j


def same_text(norm: A.Arr, segment: A.I64, threshold: float) -> A.I64:
    """Per row, a label shared by the rows that read as one text, chained like the
    detectors' clusters: rows ``i, j`` of one ``segment`` are joined when their similarity
    is at least ``threshold``, and joined rows chain. Rows of different segments never meet
    (the caller's segments say who is compared: one account's posts, one campaign text)."""
    n = len(norm)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    # Identical texts are one node; only distinct (segment, text) pairs are compared.
    text_id = A.to_numpy_int(_pc.dictionary_encode(norm).indices)
    node_keys, node = np.unique(np.stack([segment, text_id]), axis=1, return_inverse=True)
    node = node.reshape(-1)
    first_row = np.zeros(node_keys.shape[1], dtype=np.int64)
    first_row[node[::-1]] = np.arange(n - 1, -1, -1)
    i, j = _pairs_within(node_keys[0])
    sim = jaccard(A.take(norm, first_row), i, j)
    joined = sim >= threshold
    label = components(i[joined], j[joined], node_keys.shape[1])
    out: A.I64 = label[node]
    return out
