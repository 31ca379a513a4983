"""Perceptual-hash helpers: parsing, distances, and banded search equal to brute force."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from lockstep.detect.identity.phash import hamming, hamming_hex, near_pairs, parse_hex64


def test_parse_accepts_hex64_in_any_case_and_flags_the_rest() -> None:
    values, valid = parse_hex64(
        ["ffffffffffffffff", "00000000000000A1", None, "xyz", "0123", "8000000000000000"]
    )
    assert valid.tolist() == [True, True, False, False, False, True]
    assert int(values[0]) == 2**64 - 1
    assert int(values[1]) == 0xA1
    assert int(values[5]) == 2**63


def test_hamming_hex_counts_differing_bits() -> None:
    assert hamming_hex("ffff0000ffff0000", "ffff0000ffff0007") == 3
    assert hamming_hex("ffff0000ffff0000", "ffff0000ffff0000") == 0
    assert hamming_hex("0000000000000000", "ffffffffffffffff") == 64
    assert hamming_hex("ffff0000ffff0000", None) is None
    assert hamming_hex("not-a-hash", "ffff0000ffff0000") is None


def test_near_pairs_finds_planted_copies_among_random_hashes() -> None:
    rng = np.random.default_rng(7)
    base = rng.integers(0, 2**63, size=3000, dtype=np.uint64)
    flips = np.uint64(0b1001) << np.uint64(40)  # two bits flipped, high up
    hashes = np.concatenate([base, base[:25] ^ flips])
    pairs = near_pairs(hashes, 3)
    found = set(zip(pairs["i"].to_pylist(), pairs["j"].to_pylist(), strict=True))
    assert {(i, 3000 + i) for i in range(25)} <= found
    assert all(d <= 3 for d in pairs["distance"].to_pylist())


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 2**64 - 1), min_size=0, max_size=40),
    st.lists(st.tuples(st.integers(0, 39), st.integers(0, 63)), max_size=30),
    st.integers(0, 5),
)
def test_near_pairs_equals_brute_force(
    seeds: list[int], flips: list[tuple[int, int]], k: int
) -> None:
    values = list(seeds)
    for source, bit in flips:  # near copies of existing hashes, a bit or a few apart
        if source < len(seeds):
            values.append(seeds[source] ^ (1 << bit))
    hashes = np.array(values, dtype=np.uint64)
    expected = {
        (i, j, int(hamming(hashes[i : i + 1], hashes[j : j + 1])[0]))
        for i in range(len(values))
        for j in range(i + 1, len(values))
        if int(hamming(hashes[i : i + 1], hashes[j : j + 1])[0]) <= k
    }
    pairs = near_pairs(hashes, k)
    got = set(zip(*(pairs[c].to_pylist() for c in ("i", "j", "distance")), strict=True))
    assert got == expected


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 2**64 - 1), st.integers(0, 6)), min_size=0, max_size=40),
    st.integers(0, 8),
)
def test_blocked_search_equals_brute_force_over_neighbouring_blocks(
    items: list[tuple[int, int]], k: int
) -> None:
    # few distinct hash values so that near and equal pairs are common
    hashes = np.array([h % 7 * 0x0101010101010101 ^ (h & 0b11) for h, _ in items], np.uint64)
    blocks = np.array([b for _, b in items], dtype=np.int64)
    expected = set()
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            d = int(hamming(hashes[i : i + 1], hashes[j : j + 1])[0])
            if d <= k and abs(int(blocks[i]) - int(blocks[j])) <= 1:
                expected.add((i, j, d))
    pairs = near_pairs(hashes, k, blocks)
    got = set(zip(*(pairs[c].to_pylist() for c in ("i", "j", "distance")), strict=True))
    assert got == expected
