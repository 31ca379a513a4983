"""Vectorised random draws the generators share: weighted picks, bursts, hashes.

Weighted picks within a group (a language, a class of post) go through one global cumulative
sum and ``searchsorted``, so millions of draws against millions of weights stay a few NumPy
calls.
"""

from __future__ import annotations

import numpy as np

from lockstep.synth.arrow import F64, I64, U64

MINUTE = 60_000_000
HOUR = 60 * MINUTE
DAY = 24 * HOUR


class GroupedSampler:
    """Weighted picks of items within a group (e.g. posts of one language).

    ``item_group`` assigns each item to a group in ``0..groups-1``; ``pick`` draws one item
    per query from the query's group, in proportion to the item weights, or -1 when the group
    has no weight at all.
    """

    def __init__(self, weights: F64, item_group: I64, groups: int) -> None:
        order = np.argsort(item_group, kind="stable")
        self.items = order.astype(np.int64)
        w = np.asarray(weights, dtype=np.float64)[order]
        self.cum = np.cumsum(w)
        sizes = np.bincount(item_group, minlength=groups)
        ends = np.cumsum(sizes)
        starts = ends - sizes
        before = np.concatenate([[0.0], self.cum])
        self.lo = before[starts]
        self.hi = before[ends]

    def pick(self, rng: np.random.Generator, query_group: I64) -> I64:
        lo, hi = self.lo[query_group], self.hi[query_group]
        u = lo + rng.random(len(query_group)) * (hi - lo)
        pos = np.searchsorted(self.cum, u, side="right")
        pos = np.minimum(pos, len(self.cum) - 1)
        out = self.items[pos] if len(self.items) else np.zeros(len(query_group), np.int64)
        return np.where(hi > lo, out, -1).astype(np.int64)


def lognormal_mean(rng: np.random.Generator, mean: float, sigma: float, n: int) -> F64:
    """Lognormal draws scaled to the given mean (heavy-tailed activity and audience)."""
    mu = np.log(mean) - sigma * sigma / 2
    return rng.lognormal(mu, sigma, n)


def random_u64(rng: np.random.Generator, n: int) -> U64:
    top = np.iinfo(np.uint64).max
    return rng.integers(0, top, n, dtype=np.uint64, endpoint=True)


def flip_bits(rng: np.random.Generator, values: U64, bits: I64) -> U64:
    """``values`` with ``bits[i]`` distinct random bits flipped in row i (at most 8)."""
    out = np.asarray(values, dtype=np.uint64).copy()
    keys = rng.random((len(out), 64)).argsort(axis=1)[:, :8].astype(np.uint64)
    for k in range(8):
        sel = bits > k
        out[sel] ^= np.uint64(1) << keys[sel, k]
    return out


def share_bits(rng: np.random.Generator, template: int, n: int, fixed_bits: int) -> U64:
    """Hashes that agree with ``template`` on their top ``fixed_bits`` bits, random below.

    Avatars from one generator (AI faces, one photo studio's template) share a structure a
    perceptual hash keeps, so their hashes sit closer together than unrelated images'.
    """
    low_mask = np.uint64((1 << (64 - fixed_bits)) - 1)
    return (np.uint64(template) & ~low_mask) | (random_u64(rng, n) & low_mask)


def burst(rng: np.random.Generator, n: int, t0: int, span: int) -> I64:
    """``n`` times in ``[t0, t0 + span)``, front-loaded like a real burst."""
    u = rng.beta(1.0, 2.2, n)
    return (t0 + u * span).astype(np.int64)
