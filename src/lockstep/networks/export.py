"""Graph files for Gephi and other graph tools: GEXF 1.3 and GraphML.

Nodes are the members of the run's networks, with their network id, the network's score
and size; edges are the kept pairs between them, with the fused strength and the signals
behind each pair. Gephi opens either file as is (File → Open) and can colour by network.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import igraph as ig
import pyarrow as pa

from lockstep.networks.graph import AccountGraph

GEXF_FILE = "networks.gexf"
GRAPHML_FILE = "networks.graphml"
_GEXF_NS = "http://gexf.net/1.3"


def member_graph(networks: pa.Table, graph: AccountGraph) -> ig.Graph:
    """The networks' members and the kept pairs among them, with attributes."""
    node: dict[str, dict[str, Any]] = {}
    for row in networks.select(["network_id", "account_ids", "score", "size"]).to_pylist():
        for account in row["account_ids"]:
            node[account] = {
                "network_id": row["network_id"],
                "network_score": float(row["score"]),
                "network_size": int(row["size"]),
            }
    names = sorted(node)
    index = {n: i for i, n in enumerate(names)}
    edges, strength, signals = [], [], []
    for p in graph.pairs.to_pylist():
        if p["src"] in index and p["dst"] in index:
            edges.append((index[p["src"]], index[p["dst"]]))
            strength.append(float(p["strength"]))
            signals.append(" ".join(p["signals"]))
    g = ig.Graph(n=len(names), edges=edges, directed=False)
    g.vs["name"] = names
    for key in ("network_id", "network_score", "network_size"):
        g.vs[key] = [node[n][key] for n in names]
    g.es["weight"] = strength
    g.es["signals"] = signals
    return g


def write_gexf(path: Path, g: ig.Graph) -> None:
    ET.register_namespace("", _GEXF_NS)
    root = ET.Element(f"{{{_GEXF_NS}}}gexf", version="1.3")
    meta = ET.SubElement(root, f"{{{_GEXF_NS}}}meta")
    ET.SubElement(meta, f"{{{_GEXF_NS}}}creator").text = "lockstep"
    graph = ET.SubElement(root, f"{{{_GEXF_NS}}}graph", defaultedgetype="undirected")
    node_attrs = ET.SubElement(graph, f"{{{_GEXF_NS}}}attributes", {"class": "node"})
    kinds = {"network_id": "string", "network_score": "double", "network_size": "integer"}
    for i, (key, kind) in enumerate(kinds.items()):
        ET.SubElement(node_attrs, f"{{{_GEXF_NS}}}attribute", id=str(i), title=key, type=kind)
    edge_attrs = ET.SubElement(graph, f"{{{_GEXF_NS}}}attributes", {"class": "edge"})
    ET.SubElement(edge_attrs, f"{{{_GEXF_NS}}}attribute", id="0", title="signals", type="string")
    nodes = ET.SubElement(graph, f"{{{_GEXF_NS}}}nodes")
    for v in g.vs:
        el = ET.SubElement(nodes, f"{{{_GEXF_NS}}}node", id=v["name"], label=v["name"])
        values = ET.SubElement(el, f"{{{_GEXF_NS}}}attvalues")
        for i, key in enumerate(kinds):
            ET.SubElement(values, f"{{{_GEXF_NS}}}attvalue", {"for": str(i), "value": str(v[key])})
    edges = ET.SubElement(graph, f"{{{_GEXF_NS}}}edges")
    for e in g.es:
        el = ET.SubElement(
            edges,
            f"{{{_GEXF_NS}}}edge",
            id=str(e.index),
            source=g.vs[e.source]["name"],
            target=g.vs[e.target]["name"],
            weight=f"{e['weight']:.6f}",
        )
        values = ET.SubElement(el, f"{{{_GEXF_NS}}}attvalues")
        ET.SubElement(values, f"{{{_GEXF_NS}}}attvalue", {"for": "0", "value": e["signals"]})
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def write_graphs(out: Path, networks: pa.Table, graph: AccountGraph) -> list[Path]:
    """Write GEXF and GraphML of the run's networks into ``out``; return the paths."""
    g = member_graph(networks, graph)
    gexf, graphml = out / GEXF_FILE, out / GRAPHML_FILE
    write_gexf(gexf, g)
    g.write_graphml(str(graphml))
    return [gexf, graphml]
