"""Leiden clustering of the reduced account graph (python-igraph's ``community_leiden``).

The partition optimises modularity with a ``resolution`` (the RB configuration model): at
1.0 it is plain modularity, so a dense group joined to the rest by a few weak pairs stays a
group of its own, and disconnected components are never merged. It iterates until no move
improves the partition. igraph's own Leiden implementation is used rather than the
``leidenalg`` package: on the 10M-event world's graph (12,700 accounts, 466,000 pairs in
its largest component) it converges in under a second instead of 16, to a partition of
slightly higher modularity. igraph draws from a random generator of our own seeded with
``seed``, so the same graph always gives the same clusters and the global ``random`` state
is left alone.
"""

from __future__ import annotations

import random

import igraph as ig

from lockstep.networks.graph import AccountGraph
from lockstep.networks.params import NetworkParams


def clusters(graph: AccountGraph, params: NetworkParams) -> list[list[str]]:
    """Clusters of at least ``min_size`` accounts, each sorted, largest first."""
    names = graph.accounts
    if len(names) < max(2, params.min_size):
        return []
    index = {name: i for i, name in enumerate(names)}
    src = [index[str(s)] for s in graph.pairs.column("src").to_pylist()]
    dst = [index[str(d)] for d in graph.pairs.column("dst").to_pylist()]
    g = ig.Graph(n=len(names), edges=list(zip(src, dst, strict=True)), directed=False)
    g.es["weight"] = graph.pairs.column("strength").to_pylist()
    ig.set_random_number_generator(random.Random(params.seed))
    try:
        partition = g.community_leiden(
            objective_function="modularity",
            weights="weight",
            resolution=params.resolution,
            n_iterations=-1,
        )
    finally:
        ig.set_random_number_generator(random)
    groups: dict[int, list[str]] = {}
    for vertex, community in enumerate(partition.membership):
        groups.setdefault(community, []).append(names[vertex])
    found = [sorted(m) for m in groups.values() if len(m) >= params.min_size]
    return sorted(found, key=lambda m: (-len(m), m[0]))
