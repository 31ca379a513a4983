"""The account graph: detector edges and the links findings imply, fused per pair.

Every co-activity edge a detector emitted (co-repost, co-link, co-media, ...) and every
finding that names a group of accounts run together (one mass-registration burst, one
overlapping-accounts persona, a recidivist and the accounts it replaces, ...) becomes
evidence on a pair of accounts. A pair keeps each signal's weight and the ids of the edges
and findings behind it, so a network can always say *why* two members are joined.

Signals are fused with a noisy-or: each signal's weight ``w`` gives a strength
``1 - exp(-w / weight_scale)`` in [0, 1), a finding link gives the finding's score, and the
pair's strength is ``1 - Π(1 - s)``. Two independent signals therefore count for more than
either alone, and no single noisy signal with a huge weight can exceed 1. The reduced graph
keeps pairs of at least ``min_pair_strength``; everything runs over results (edges and
findings), never over raw activity.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from lockstep.networks.params import NetworkParams

#: Signal names of finding-implied links start with this, followed by the behaviour code.
LINK_PREFIX = "finding:"

_LINK_FIELDS: list[pa.Field[Any]] = [
    pa.field("src", pa.string()),
    pa.field("dst", pa.string()),
    pa.field("signal", pa.string()),
    pa.field("score", pa.float64()),
    pa.field("finding_id", pa.string()),
]
LINK_SCHEMA = pa.schema(_LINK_FIELDS)

#: One row per pair and signal: weight sum, strength, window and the strongest item's id.
_SIGNALS_SQL = """
WITH e AS (
    SELECT src, dst, signal, sum(weight) AS weight, count(*) AS items,
           min(window_start) AS first, max(coalesce(window_end, window_start)) AS last,
           arg_max(edge_id, weight) AS ref
    FROM edges GROUP BY src, dst, signal
), l AS (
    SELECT src, dst, signal, max(score) AS weight, count(*) AS items,
           NULL::TIMESTAMP AS first, NULL::TIMESTAMP AS last, arg_max(finding_id, score) AS ref
    FROM links GROUP BY src, dst, signal
)
SELECT src, dst, signal, weight, items, first, last, ref,
       1 - exp(-weight / $scale) AS strength FROM e
UNION ALL
SELECT src, dst, signal, weight, items, first, last, ref,
       least(greatest(weight, 0), 0.999) AS strength FROM l
"""

_PAIRS_SQL = """
SELECT src, dst, 1 - product(1 - strength) AS strength,
       list(signal ORDER BY signal) AS signals,
       min(first) AS first, max(last) AS last
FROM signals GROUP BY src, dst
HAVING 1 - product(1 - strength) >= $min_strength
ORDER BY src, dst
"""


@dataclass
class AccountGraph:
    """The reduced account graph: kept pairs, and per pair and signal the evidence."""

    #: src, dst, strength, signals (list), first, last — pairs at or above the threshold
    pairs: pa.Table
    #: src, dst, signal, weight, items, first, last, ref, strength — every pair and signal
    signals: pa.Table

    @property
    def accounts(self) -> list[str]:
        ends = self.pairs.column("src").to_pylist() + self.pairs.column("dst").to_pylist()
        return sorted({str(e) for e in ends})


def _listed_accounts(evidence: str, known: set[str]) -> set[str]:
    """Account ids that a finding's evidence lists at its top level (partners, cohorts, ...)."""
    try:
        obj = json.loads(evidence)
    except (TypeError, ValueError):
        return set()
    if not isinstance(obj, dict):
        return set()
    out: set[str] = set()
    for value in obj.values():
        if isinstance(value, list):
            out.update(v for v in value if isinstance(v, str) and v in known)
    return out


def finding_links(findings: pa.Table, known: set[str], params: NetworkParams) -> pa.Table:
    """Pairs that findings of ``params.link_behaviours`` imply, one row per pair and finding.

    A finding naming several accounts links them all; a finding about one account links it
    to the accounts its evidence lists (known accounts only, so a post id is never taken for
    an account). Findings naming more than ``max_link_group`` accounts link nothing.
    """
    rows: list[dict[str, Any]] = []
    wanted = set(params.link_behaviours)
    cols = ["finding_id", "behaviour", "account_ids", "score", "evidence"]
    for f in findings.select(cols).to_pylist():
        if f["behaviour"] not in wanted:
            continue
        named = set(f["account_ids"] or [])
        listed = _listed_accounts(f["evidence"], known) - named
        group = sorted(named | listed)
        if len(group) < 2 or len(group) > params.max_link_group:
            continue
        hubs = sorted(named) if len(named) == 1 else group
        signal = LINK_PREFIX + f["behaviour"]
        seen: set[tuple[str, str]] = set()
        for hub in hubs:
            for other in group:
                pair = (min(hub, other), max(hub, other))
                if hub == other or pair in seen:
                    continue
                seen.add(pair)
                rows.append(
                    {
                        "src": pair[0],
                        "dst": pair[1],
                        "signal": signal,
                        "score": float(f["score"]),
                        "finding_id": f["finding_id"],
                    }
                )
    return pa.Table.from_pylist(rows, schema=LINK_SCHEMA)


def build_graph(edges: pa.Table, findings: pa.Table, params: NetworkParams) -> AccountGraph:
    """Fuse detector edges and finding links into the reduced account graph."""
    known = {str(a) for a in edges.column("src").to_pylist() + edges.column("dst").to_pylist()}
    for ids in findings.column("account_ids").to_pylist():
        known.update(str(a) for a in ids or [])
    links = finding_links(findings, known, params)
    con = duckdb.connect()
    try:
        con.register("edges", edges)
        con.register("links", links)
        signals = con.sql(_SIGNALS_SQL, params={"scale": params.weight_scale}).to_arrow_table()
        con.register("signals", signals)
        pairs = con.sql(_PAIRS_SQL, params={"min_strength": params.min_pair_strength})
        return AccountGraph(pairs=pairs.to_arrow_table(), signals=signals)
    finally:
        con.close()
