"""Leiden clustering of the reduced account graph (python-igraph + leidenalg).

The partition optimises the RB configuration model (modularity with a ``resolution``): at
1.0 it is plain modularity, so a dense group joined to the rest by a few weak pairs stays a
group of its own, and disconnected components are never merged. The seed is fixed, so the
same graph always gives the same clusters.
"""

from __future__ import annotations

import igraph as ig
import leidenalg

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
    partition = leidenalg.find_partition(
        g,
        leidenalg.RBConfigurationVertexPartition,
        weights="weight",
        resolution_parameter=params.resolution,
        n_iterations=-1,
        seed=params.seed,
    )
    groups: dict[int, list[str]] = {}
    for vertex, community in enumerate(partition.membership):
        groups.setdefault(community, []).append(names[vertex])
    found = [sorted(m) for m in groups.values() if len(m) >= params.min_size]
    return sorted(found, key=lambda m: (-len(m), m[0]))
