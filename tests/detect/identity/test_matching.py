"""Edit-distance matching through deletion neighbourhoods finds exactly the near pairs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from lockstep.detect.identity.matching import near_matches


def _pairs(left: list[str | None], right: list[str | None], k: int, min_len: int) -> set[tuple]:
    out = near_matches(left, right, k, min_len)
    return set(zip(*(out[c].to_pylist() for c in ("left", "right", "distance")), strict=True))


def test_one_insertion_deletion_or_substitution_matches_and_two_do_not() -> None:
    right: list[str | None] = ["paypalsecure"]
    left: list[str | None] = [
        "paypalsecure",  # exact
        "paypalssecure",  # insertion
        "paypalsecur",  # deletion
        "paypalsecare",  # substitution
        "paypolsecare",  # two substitutions
    ]
    assert _pairs(left, right, 1, 6) == {(0, 0, 0), (1, 0, 1), (2, 0, 1), (3, 0, 1)}
    assert (4, 0, 2) in _pairs(left, right, 2, 6)


def test_short_keys_match_only_exactly_and_nulls_never() -> None:
    left: list[str | None] = ["ebay", "ebey", None, "ebay"]
    right: list[str | None] = ["ebay", None]
    assert _pairs(left, right, 1, 6) == {(0, 0, 0), (3, 0, 0)}


def test_no_edits_allowed_means_equality_only() -> None:
    assert _pairs(["abcdefg", "abcdefh"], ["abcdefg"], 0, 1) == {(0, 0, 0)}


WORDS = st.lists(st.text(alphabet="abc", min_size=0, max_size=7), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(WORDS, WORDS, st.integers(0, 2), st.integers(1, 4))
def test_equals_brute_force(left: list[str], right: list[str], k: int, min_len: int) -> None:
    expected = set()
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            d = Levenshtein.distance(a, b)
            fuzzy_ok = len(a) >= min_len and len(b) >= min_len
            if d == 0 or (fuzzy_ok and d <= k):
                expected.add((i, j, d))
    assert _pairs(list(left), list(right), k, min_len) == expected
