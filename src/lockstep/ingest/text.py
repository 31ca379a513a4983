"""URLs, hashtags and @mentions found in post text, and mentions resolved to accounts.

Extraction is regular expressions run in DuckDB (RE2, so ``\\p{L}`` matches letters of
every script: Cyrillic, Arabic, CJK hashtags work). Resolution of @handles to account ids
is an Arrow lookup over the flattened lists, not a per-row loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as _pc

from lockstep.ingest.convert import Arr, Chunked, lit

# pyarrow-stubs reject valid compute calls (ChunkedArray and Python-scalar arguments)
# and lack some kernels; Arrow checks the types at run time.
pc: Any = _pc

# A URL starts with a scheme or "www." at a word boundary and runs to whitespace, a quote,
# an angle bracket, an invisible format character or CJK punctuation; trailing sentence
# punctuation is trimmed after.
URL_PATTERN = (
    r"(?i)\b(?:https?://|www\.)[^\s\p{Z}\p{Cc}\p{Cf}<>\"'`\x{3001}\x{3002}\x{FF0C}\x{FF01}\x{FF1F}"
    r"\x{300C}\x{300D}\x{FF08}\x{FF09}\x{2026}]+"
)
URL_TRAILING = r"[.,;:!?)\]}>»\"'\x{201D}\x{2019}]+$"

# A hashtag: '#' (or the full-width '＃') not glued to a preceding word, URL path or entity,
# followed by letters, marks, digits and underscores with at least one letter.
_WORD = r"\p{L}\p{M}\p{N}_"
HASHTAG_PATTERN = rf"(?:^|[^{_WORD}&/#\x{{FF03}}])[#\x{{FF03}}]([{_WORD}]*\p{{L}}[{_WORD}]*)"

# An @mention: '@' (or '＠') not inside an e-mail address or URL, then a handle of letters,
# digits, '_', '.', '-' that does not end in '.' or '-'.
MENTION_PATTERN = (
    r"(?:^|[^\p{L}\p{M}\p{N}_.@/\x{FF20}])[@\x{FF20}]"
    r"([\p{L}\p{N}_](?:[\p{L}\p{N}_.\-]*[\p{L}\p{N}_])?)"
)


def extract_urls(text: str) -> str:
    """SQL: the URLs written in ``text`` (trim them with :func:`trim_urls`)."""
    return f"regexp_extract_all({text}, {lit(URL_PATTERN)})"


def trim_urls(lists: Arr | Chunked) -> Arr:
    """Found URLs without the sentence punctuation that followed them."""
    return map_list_values(lists, lambda flat: pc.replace_substring_regex(flat, URL_TRAILING, ""))


def extract_hashtags(text: str) -> str:
    """SQL: hashtags in ``text`` without '#', as written (cleaned like a given list after)."""
    return f"regexp_extract_all({text}, {lit(HASHTAG_PATTERN)}, 1)"


def extract_mentions(text: str) -> str:
    """SQL: @handles in ``text`` without the '@', as written."""
    return f"regexp_extract_all({text}, {lit(MENTION_PATTERN)}, 1)"


def map_list_values(lists: Arr | Chunked, fn: Callable[[Arr], Arr]) -> Arr:
    """``lists`` with ``fn`` applied to all items at once; shape and nulls unchanged."""
    if isinstance(lists, pa.ChunkedArray):
        lists = (
            lists.combine_chunks() if lists.num_chunks else pa.array([], type=pa.list_(pa.string()))
        )
    flat = pc.list_flatten(lists)
    mapped = fn(flat)
    lengths = pc.list_value_length(lists).fill_null(0).to_numpy(zero_copy_only=False)
    offsets = np.concatenate(([0], np.cumsum(lengths))).astype(np.int32)
    return pa.ListArray.from_arrays(
        pa.array(offsets, pa.int32()),
        mapped,
        type=pa.list_(pa.string()),
        mask=pc.is_null(lists),
    )


def resolve_mentions(handles: Arr | Chunked, keys: Arr, account_ids: Arr) -> Arr:
    """Handles to account ids through ``keys`` (lower-cased handles, unique).

    A handle that matches no account (or several) stays in the list as ``@handle``: the
    mention is kept, and the '@' says it is not an account id.
    """

    def lookup(flat: Arr) -> Arr:
        found = pc.take(account_ids, pc.index_in(pc.utf8_lower(flat), value_set=keys))
        out: Arr = pc.coalesce(found, pc.binary_join_element_wise("@", flat, ""))
        return out

    return map_list_values(handles, lookup)
