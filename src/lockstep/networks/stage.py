"""The network stage: graph → Leiden → score → ids → tactics → description → records.

It runs after detection over the detectors' edges and findings (plus the lake, for the
observables behind tactics and audience) and returns the network records of DESIGN §5 and
``coord.network`` findings for members.

**Which networks give ``coord.network`` findings.** Every cluster that passes ``min_size``,
``min_density`` and ``min_score`` is a network record, because analysts want to see a spam
ring, an engagement pod or a mass-registration cohort as a group too. Only a network whose
members push content together on at least ``min_content_signals`` kinds of content
(detector edges such as co_text, co_link, co_hashtag; reposts, likes, media redistribution
and links implied by findings do not count) is called a coordinated inauthentic network:
its record lists ``coord.network`` among its behaviours, and each member gets a
``coord.network`` finding pointing at the network.

A cluster must also be dense (``min_density``) and cliquish (``min_transitivity``): a
chain or a star of pairwise coincidences (activists each sharing one post with the next,
fans each liking with a neighbour) is not a group acting together.

**Returning networks.** A network in which at least ``returning_share`` of the members (and
at least ``min_returning``) carry ``coord.recidivism`` findings naming one disrupted network is
that network's return: its evidence says so (``returns``) and its other members get
``coord.recidivism`` findings naming the disrupted network too, because they act as one network
with the accounts that carry its fingerprint.

**Score.** ``0.4·strength + 0.2·size + 0.2·density + 0.2·own``: the mean fused strength of
the member pairs kept in the graph, ``1 - exp(-size/10)``, the share of possible member
pairs that are kept pairs, and the share of members with findings of their own.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

import igraph as ig
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lockstep.detect.base import FINDING_SCHEMA, Detector, Finding, Requirement
from lockstep.detect.evidence import CAP
from lockstep.lake import Lake
from lockstep.networks.cluster import clusters
from lockstep.networks.describe import describe, leading
from lockstep.networks.graph import LINK_PREFIX, AccountGraph, build_graph
from lockstep.networks.ids import assign_ids
from lockstep.networks.params import NetworkParams
from lockstep.networks.profile import Profile, profiles
from lockstep.networks.records import NETWORK_SCHEMA
from lockstep.networks.tactics import Context, tag

BEHAVIOUR = "coord.network"
RECIDIVISM = "coord.recidivism"
#: Reached accounts needed before the audience, rather than the country the personas claim,
#: says whom a network targeted.
MIN_AUDIENCE = 10
#: Share of a network's coordinated pairs that must have begun before its onset counts.
ONSET_QUANTILE = 0.1


@dataclass(frozen=True)
class _Emitter(Detector):
    """Gives the stage's coord.network findings the shape and ids every finding has."""

    name: ClassVar[str] = "networks"
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = (BEHAVIOUR, RECIDIVISM)
    requires: ClassVar[tuple[Requirement, ...]] = ()


@dataclass
class NetworkResult:
    networks: pa.Table
    findings: pa.Table
    graph: AccountGraph


@dataclass
class _Cluster:
    members: list[str]
    pairs: list[dict[str, Any]]
    signals: list[dict[str, Any]]

    @property
    def coactivity(self) -> list[str]:
        return sorted(
            {s["signal"] for s in self.signals if not s["signal"].startswith(LINK_PREFIX)}
        )

    @property
    def strength(self) -> float:
        return sum(p["strength"] for p in self.pairs) / len(self.pairs) if self.pairs else 0.0

    @property
    def density(self) -> float:
        n = len(self.members)
        return len(self.pairs) / (n * (n - 1) / 2) if n > 1 else 0.0

    @property
    def transitivity(self) -> float:
        """Closed triangles over connected triples among members (0 for chains and stars)."""
        index = {a: i for i, a in enumerate(self.members)}
        g = ig.Graph(
            n=len(self.members),
            edges=[(index[p["src"]], index[p["dst"]]) for p in self.pairs],
        )
        value = g.transitivity_undirected(mode="zero")
        return float(value)

    def onset(self) -> datetime | None:
        """When the members began acting together: the first tenth of the pairs' first
        coordinated acts, so one chance co-engagement days earlier does not move it."""
        firsts = sorted(s["first"] for s in self.signals if s["first"] is not None)
        return firsts[int(ONSET_QUANTILE * (len(firsts) - 1))] if firsts else None

    def window(self) -> tuple[datetime | None, datetime | None]:
        firsts = [s["first"] for s in self.signals if s["first"] is not None]
        lasts = [s["last"] for s in self.signals if s["last"] is not None]
        return (min(firsts, default=None), max(lasts, default=None))


def _split(graph: AccountGraph, groups: list[list[str]]) -> list[_Cluster]:
    """Each cluster with the pairs and signal rows inside it. The tables are filtered in
    Arrow first: only rows within one cluster become Python rows."""
    if not groups:
        return []
    names = pa.array([a for g in groups for a in g], pa.string())
    cluster = np.array([i for i, g in enumerate(groups) for _ in g], dtype=np.int64)

    def inside(table: pa.Table) -> dict[int, list[dict[str, Any]]]:
        src = pc.index_in(table.column("src"), value_set=names)
        dst = pc.index_in(table.column("dst"), value_set=names)
        ok = np.asarray(pc.and_(pc.is_valid(src), pc.is_valid(dst)), dtype=bool)
        s = cluster[np.asarray(src.fill_null(0), dtype=np.int64)]
        d = cluster[np.asarray(dst.fill_null(0), dtype=np.int64)]
        keep = ok & (s == d)
        out: dict[int, list[dict[str, Any]]] = defaultdict(list)
        rows = table.filter(pa.array(keep)).to_pylist()
        for i, row in zip(s[keep].tolist(), rows, strict=True):
            out[i].append(row)
        return out

    pairs, signals = inside(graph.pairs), inside(graph.signals)
    return [_Cluster(g, pairs[i], signals[i]) for i, g in enumerate(groups)]


def _member_behaviours(findings: pa.Table) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for behaviour, accounts in zip(
        findings.column("behaviour").to_pylist(),
        findings.column("account_ids").to_pylist(),
        strict=True,
    ):
        if behaviour == BEHAVIOUR:
            continue
        for a in accounts or []:
            out[a].add(str(behaviour))
    return out


def _score(c: _Cluster, own: int) -> float:
    n = len(c.members)
    value = 0.4 * c.strength + 0.2 * (1 - math.exp(-n / 10)) + 0.2 * c.density + 0.2 * own / n
    return round(min(1.0, max(0.0, value)), 6)


def _signal_evidence(c: _Cluster) -> dict[str, Any]:
    by_signal: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in c.signals:
        by_signal[s["signal"]].append(s)
    out: dict[str, Any] = {}
    for signal, rows in sorted(by_signal.items()):
        rows.sort(key=lambda r: (-r["weight"], r["src"], r["dst"]))
        key = "findings" if signal.startswith(LINK_PREFIX) else "edges"
        out[signal] = {
            "pairs": len(rows),
            "weight": round(sum(r["weight"] for r in rows), 3),
            key: sorted({r["ref"] for r in rows})[:CAP],
            "top_pairs": [
                {"src": r["src"], "dst": r["dst"], "weight": round(r["weight"], 3)}
                for r in rows[:5]
            ],
        }
    return out


def _profile_evidence(p: Profile, followers: int) -> dict[str, Any]:
    return {
        "followers": followers,
        "sessions": p.sessions,
        "proxy_sessions": p.proxy_sessions,
        "session_countries": dict(p.session_countries.most_common(5)),
        "proxy_countries": dict(p.proxy_countries.most_common(5)),
        "members_abroad": p.members_abroad,
        "posts": p.posts,
        "comments": p.comments,
        "post_languages": dict(p.post_langs.most_common(5)),
        "audience_accounts": p.audience_accounts,
        "audience_countries": dict(p.audience_countries.most_common(5)),
        "audience_languages": dict(p.audience_langs.most_common(5)),
        "domains": [
            {"domain": d.domain, "members": d.members, "links": d.links, "accounts": d.accounts}
            for d in p.domains[:CAP]
        ],
    }


def _targets(p: Profile) -> tuple[list[str], list[str], str]:
    """Countries and languages targeted, and what the assessment rests on."""
    if p.audience_accounts >= MIN_AUDIENCE:
        countries = leading(p.audience_countries)
        langs = leading(p.audience_langs)
        if countries or langs:
            return countries, langs, "the accounts it reached"
    declared = Counter(str(m["country"]).upper() for m in p.members if m.get("country"))
    return leading(declared), leading(p.post_langs), "its personas' declared country"


def build_networks(
    lake: Lake | None,
    findings: pa.Table,
    edges: pa.Table,
    params: NetworkParams | None = None,
    previous: dict[str, list[str]] | None = None,
) -> NetworkResult:
    """Networks and coord.network findings from a run's findings and edges."""
    params = params or NetworkParams()
    graph = build_graph(edges, findings, params)
    groups = _split(graph, clusters(graph, params))
    behaviours = _member_behaviours(findings)
    origins = _origins(findings)
    kept: list[tuple[_Cluster, float]] = []
    for c in groups:
        own = sum(1 for a in c.members if behaviours.get(a))
        score = _score(c, own)
        if (
            score >= params.min_score
            and c.density >= params.min_density
            and c.transitivity >= params.min_transitivity
        ):
            kept.append((c, score))
    ids = assign_ids([c.members for c, _ in kept], previous, params.min_id_overlap)
    onsets = [c.onset() for c, _ in kept]
    membership = pa.table(
        {
            "account_id": pa.array([a for c, _ in kept for a in c.members], pa.string()),
            "network_id": pa.array(
                [nid for (c, _), nid in zip(kept, ids, strict=True) for _ in c.members], pa.string()
            ),
            "coord_start": pa.array(
                [t for (c, _), t in zip(kept, onsets, strict=True) for _ in c.members],
                pa.timestamp("us"),
            ),
        }
    )
    profs = profiles(lake, membership) if lake is not None else {}
    rows: list[dict[str, Any]] = []
    member_findings: list[Finding] = []
    for (c, score), nid, onset in zip(kept, ids, onsets, strict=True):
        p = profs.get(nid) or Profile()
        counted = Counter(b for a in c.members for b in behaviours.get(a, ()))
        cib = _coordinated(c, params)
        ctx = Context(
            len(c.members),
            dict(counted),
            tuple(c.coactivity),
            params.recent_days,
            params.majority,
            onset,
        )
        tactics = tag(p, ctx)
        followers = sum(int(m["followers_count"] or 0) for m in p.members)
        countries, langs, basis = _targets(p)
        origin = leading(p.session_countries, limit=1)
        if not origin and not p.proxy_sessions:
            origin = []
        first, last = c.window()
        first = first or p.first_post
        last = last or p.last_post
        codes = sorted(set(counted) | ({BEHAVIOUR} if cib else set()))
        summary = (
            f"{len(c.members)} accounts joined by {len(c.pairs)} evidence pairs "
            f"(density {c.density:.2f}) on {', '.join(c.coactivity) or 'finding links only'}"
        )
        evidence = {
            "summary": summary,
            "coordinated": cib,
            "co_activity_signals": c.coactivity,
            "density": round(c.density, 4),
            "transitivity": round(c.transitivity, 4),
            "strength": round(c.strength, 4),
            "pairs": len(c.pairs),
            "signals": _signal_evidence(c),
            "member_findings": dict(sorted(counted.items())),
            "members_with_findings": sum(1 for a in c.members if behaviours.get(a)),
            "self_amplification": (
                round(p.internal_engagements / p.post_engagements, 4)
                if p.post_engagements
                else None
            ),
            "operated_from_basis": "non-proxy sessions" if origin else None,
            "target_basis": basis,
            "profile": _profile_evidence(p, followers),
        }
        returns = _returns(c, origins, params)
        if returns is not None:
            evidence["returns"] = returns
        rows.append(
            {
                "network_id": nid,
                "account_ids": c.members,
                "size": len(c.members),
                "followers": followers,
                "behaviours": codes,
                "tactics": [t.to_dict() for t in tactics],
                "score": score,
                "first_seen": first,
                "last_seen": last,
                "detection_source": "internal",
                "description": describe(origin, countries, langs, tactics),
                "evidence": json.dumps(evidence, sort_keys=True, ensure_ascii=False, default=str),
            }
        )
        if cib:
            member_findings += _member_findings(nid, c, score, first, last)
        if returns is not None:
            member_findings += _returning_findings(nid, c, origins, returns, score, first, last)
    rows.sort(key=lambda r: (-r["score"], r["network_id"]))
    networks = pa.Table.from_pylist(rows, schema=NETWORK_SCHEMA)
    emitted = (
        _Emitter().findings(member_findings) if member_findings else FINDING_SCHEMA.empty_table()
    )
    return NetworkResult(networks=networks, findings=emitted, graph=graph)


def _coordinated(c: _Cluster, params: NetworkParams) -> bool:
    """A coordinated inauthentic network pushes its own content together: its members post
    the same texts, links, sites, hashtags or replies in lockstep on at least
    ``min_content_signals`` kinds of content. Pods and lockstep services that only like and
    repost, and rings that only redistribute one livestream, are reported as networks under
    their own behaviours but are not influence operations."""
    content = set(c.coactivity) - set(params.amplification_signals)
    return len(content) >= params.min_content_signals


def _origins(findings: pa.Table) -> dict[str, str]:
    """Account → the disrupted network its own coord.recidivism finding names."""
    out: dict[str, str] = {}
    for behaviour, account, raw in zip(
        findings.column("behaviour").to_pylist(),
        findings.column("subject_id").to_pylist(),
        findings.column("evidence").to_pylist(),
        strict=True,
    ):
        if behaviour != RECIDIVISM:
            continue
        origin = json.loads(str(raw)).get("network_id")
        if origin:
            out[str(account)] = str(origin)
    return out


def _returns(c: _Cluster, origins: dict[str, str], params: NetworkParams) -> dict[str, Any] | None:
    """The disrupted network this one re-establishes: one that enough members were matched
    to one by one (``returning_share`` of them, at least ``min_returning``)."""
    counted = Counter(origins[a] for a in c.members if a in origins)
    if not counted:
        return None
    origin, k = min(counted.items(), key=lambda kv: (-kv[1], kv[0]))
    if k < params.min_returning or k < params.returning_share * len(c.members):
        return None
    matched = sorted(a for a in c.members if origins.get(a) == origin)
    return {"network_id": origin, "members_matched": k, "matched": matched[:CAP]}


def _returning_findings(
    nid: str,
    c: _Cluster,
    origins: dict[str, str],
    returns: dict[str, Any],
    score: float,
    first: datetime | None,
    last: datetime | None,
) -> list[Finding]:
    """coord.recidivism for the members not matched one by one that act as one network with
    the accounts that were: linked to at least half of them. A member on the edge of the
    cluster (someone who reposted two of its posts in the same minutes as a few members) is
    left out: the pairs that put it there are evidence of meeting, not of belonging."""
    origin, k, n = returns["network_id"], returns["members_matched"], len(c.members)
    matched = {a for a in c.members if origins.get(a) == origin}
    partners: dict[str, set[str]] = defaultdict(set)
    for p in c.pairs:
        partners[p["src"]].add(p["dst"])
        partners[p["dst"]].add(p["src"])
    out = []
    for account in c.members:
        if account in origins or 2 * len(partners[account] & matched) < len(matched):
            continue
        out.append(
            Finding(
                behaviour=RECIDIVISM,
                subject_type="account",
                subject_id=account,
                account_ids=[account],
                score=score,
                window_start=first,
                window_end=last,
                evidence={
                    "summary": (
                        f"member of network {nid} ({n} accounts), which re-establishes network "
                        f"{origin}: {k} of its members match that network's fingerprint"
                    ),
                    "network_id": origin,
                    "reference": {"kind": "network", "network_id": origin},
                    "through_network": nid,
                    "members_matched": k,
                    "matched_members": returns["matched"],
                },
            )
        )
    return out


def _member_findings(
    nid: str, c: _Cluster, score: float, first: datetime | None, last: datetime | None
) -> list[Finding]:
    partners: dict[str, set[str]] = defaultdict(set)
    for p in c.pairs:
        partners[p["src"]].add(p["dst"])
        partners[p["dst"]].add(p["src"])
    own_signals: dict[str, set[str]] = defaultdict(set)
    for s in c.signals:
        if not s["signal"].startswith(LINK_PREFIX):
            own_signals[s["src"]].add(s["signal"])
            own_signals[s["dst"]].add(s["signal"])
    out = []
    for account in c.members:
        mine = sorted(partners[account])
        signals = sorted(own_signals[account])
        out.append(
            Finding(
                behaviour=BEHAVIOUR,
                subject_type="account",
                subject_id=account,
                account_ids=[account],
                score=score,
                window_start=first,
                window_end=last,
                evidence={
                    "summary": (
                        f"member of network {nid} ({len(c.members)} accounts): coordinated with "
                        f"{len(mine)} members on {', '.join(signals) or 'linked findings'}"
                    ),
                    "network_id": nid,
                    "partners": mine[:CAP],
                    "partners_total": len(mine),
                    "signals": signals,
                },
            )
        )
    return out
