"""Stable network ids.

Without history a network is named after its MinHash anchor: the member whose SHA-256 is
smallest. The same members always give the same id, and a network that gains or loses a
few members keeps it unless the anchor itself leaves (for a random change, the chance the
id survives equals the Jaccard similarity of the old and new member sets).

With the previous run's networks the id is carried over explicitly: each new network is
matched to the previous network it shares most members with, provided it holds at least
``min_overlap`` of that network's members; pairs are matched greedily by overlap, so a
network that grows, shrinks a little or splits (its largest part) keeps its id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

PREFIX = "net-"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def anchor_id(members: Sequence[str]) -> str:
    """The id of a network from its members alone (the MinHash anchor's digest)."""
    if not members:
        raise ValueError("a network has members")
    return PREFIX + min(_digest(m) for m in members)[:12]


def assign_ids(
    networks: Sequence[Sequence[str]],
    previous: Mapping[str, Sequence[str]] | None = None,
    min_overlap: float = 0.5,
) -> list[str]:
    """One id per network: inherited from ``previous`` (id -> members) where matched."""
    ids = [anchor_id(m) for m in networks]
    if not previous:
        return _unique(ids)
    member_sets = [set(m) for m in networks]
    candidates: list[tuple[int, str, int, str]] = []
    for old_id, old_members in previous.items():
        old = set(old_members)
        if not old:
            continue
        for i, new in enumerate(member_sets):
            shared = len(old & new)
            if shared and shared / len(old) >= min_overlap:
                candidates.append((-shared, old_id, i, ids[i]))
    taken_old: set[str] = set()
    taken_new: set[int] = set()
    for _, old_id, i, _ in sorted(candidates):
        if old_id in taken_old or i in taken_new:
            continue
        ids[i] = old_id
        taken_old.add(old_id)
        taken_new.add(i)
    # an unmatched network whose anchor id a previous network still holds gets a fresh one
    for i, nid in enumerate(ids):
        if i not in taken_new and nid in previous:
            ids[i] = PREFIX + _digest(nid + "|" + ",".join(sorted(member_sets[i])))[:12]
    return _unique(ids)


def _unique(ids: list[str]) -> list[str]:
    """Anchors of disjoint clusters differ; this only guards against hand-made inputs."""
    seen: set[str] = set()
    out = []
    for nid in ids:
        unique = nid
        while unique in seen:
            unique = PREFIX + _digest(unique)[:12]
        seen.add(unique)
        out.append(unique)
    return out
