"""A peer's indicators against our lake, in the engine.

Each indicator value becomes a row of a small in-memory table joined to the lake:

- URLs against the posts' normalised ``urls``;
- domains against the ``urls`` table's host or registered domain (a peer naming
  ``news.example.com`` matches that host; naming ``example.com`` matches the whole site);
- media hashes against ``media_hashes``, lower-cased;
- texts as near-duplicates: the same normalisation and character shingles as the
  near-duplicate detectors (:mod:`lockstep.detect.text`), compared by exact Jaccard
  similarity. Only texts sharing at least ``threshold × (shingles of the smallest peer
  text)`` shingles with some peer text can reach the threshold, so a semi-join on the
  peer's few shingles picks the candidates in one linear pass, and only those are compared;
- pseudonymised account ids against ``HMAC-SHA256(key, account_id)`` of every account.
  The keyed hash is computed once per account id on the driver (the ``accounts`` table,
  not activity data; engines have no HMAC), and joined in the engine.

The result is one row per (account, indicator, post) hit; account hits have no post.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from lockstep.detect.text import (
    NearDupParams,
    prepare,
    set_similarity,
    shingles,
    text_id,
    weighted_length,
)
from lockstep.detect.text import normalise as normalise_text
from lockstep.lake import Lake
from lockstep.share.keys import PartnerKey
from lockstep.share.peer import PeerIndicator

_MATCH_FIELDS: list[pa.Field[Any]] = [
    pa.field("account_id", pa.string()),
    pa.field("indicator_id", pa.string()),
    pa.field("kind", pa.string()),
    pa.field("post_id", pa.string()),
    pa.field("similarity", pa.float64()),
]
MATCH_SCHEMA = pa.schema(_MATCH_FIELDS)


def _probe(indicators: Sequence[PeerIndicator], kind: str) -> ir.Table | None:
    pairs = [(i.id, v) for i in indicators if i.kind == kind for v in i.values]
    if not pairs:
        return None
    return ibis.memtable(
        pa.table(
            {
                "indicator_id": pa.array([p[0] for p in pairs], pa.string()),
                "value": pa.array([p[1] for p in pairs], pa.string()),
            }
        )
    )


def _hits(j: ir.Table, kind: str) -> ir.Table:
    return j.select(
        account_id=j.account_id.cast("string"),
        indicator_id=j.indicator_id,
        kind=ibis.literal(kind, type="string"),
        post_id=j.post_id.cast("string"),
        similarity=ibis.literal(1.0, type="float64"),
    )


def _links(lake: Lake) -> ir.Table:
    posts = lake.table("posts")
    linked = posts.filter(posts.urls.notnull())
    return linked.select("account_id", "post_id", url=linked.urls.unnest())


def _filled(lake: Lake, column: str) -> bool:
    return lake.has("posts") and not lake.missing_columns("posts", [column])


def match_indicators(
    lake: Lake,
    indicators: Sequence[PeerIndicator],
    key: PartnerKey | None = None,
    params: NearDupParams | None = None,
) -> pa.Table:
    """Every hit of ``indicators`` in the lake, sorted (``MATCH_SCHEMA``)."""
    parts: list[ir.Table] = []
    urls = _probe(indicators, "url")
    if urls is not None and _filled(lake, "urls"):
        links = _links(lake)
        parts.append(_hits(links.join(urls, links.url == urls.value), "url"))
    domains = _probe(indicators, "domain")
    if domains is not None and _filled(lake, "urls") and lake.has("urls"):
        links = _links(lake)
        table = lake.table("urls").select("url", "host", "registered_domain")
        sited = links.join(table, "url")
        by_host = sited.join(domains, sited.host == domains.value)
        by_site = sited.join(domains, sited.registered_domain == domains.value)
        parts += [_hits(by_host, "domain"), _hits(by_site, "domain")]
    media = _probe(indicators, "media")
    if media is not None and _filled(lake, "media_hashes"):
        posts = lake.table("posts")
        carrying = posts.filter(posts.media_hashes.notnull())
        hashes = carrying.select("account_id", "post_id", h=carrying.media_hashes.unnest().lower())
        parts.append(_hits(hashes.join(media, hashes.h == media.value), "media"))
    texts = [i for i in indicators if i.kind == "text"]
    if texts and _filled(lake, "text"):
        found = _texts(lake, texts, params or NearDupParams())
        if found is not None:
            parts.append(found)
    accounts = [i for i in indicators if i.kind == "account"]
    if accounts and key is not None and lake.has("accounts"):
        parts.append(_accounts(lake, accounts, key))
    if not parts:
        return MATCH_SCHEMA.empty_table()
    union = parts[0]
    for p in parts[1:]:
        union = union.union(p)
    union = union.distinct().order_by(["account_id", "indicator_id", "post_id"])
    out: pa.Table = lake.con.to_pyarrow(union)
    return out.cast(MATCH_SCHEMA)


def _texts(lake: Lake, texts: Sequence[PeerIndicator], params: NearDupParams) -> ir.Table | None:
    """Posts whose text is a near-duplicate (Jaccard ≥ threshold) of a peer's text."""
    rows = [(i.id, v) for i in texts for v in i.values]
    peer = ibis.memtable(
        pa.table({"indicator_id": [r[0] for r in rows], "text": [r[1] for r in rows]})
    )
    peer = peer.select("indicator_id", norm=normalise_text(peer.text).substr(0, params.max_chars))
    # the detectors' rule: short texts (stock phrases) are never matched
    peer = peer.filter(weighted_length(peer.norm, params.min_chars) >= params.min_chars)
    peer = peer.mutate(tid=text_id(peer.norm))
    peer_sh = shingles(peer.select("tid", "norm").distinct(), params.shingle_size).distinct()
    sizes = peer_sh.group_by("tid").aggregate(n=peer_sh.count())
    smallest = lake.con.to_pyarrow(sizes.n.min().name("n").as_table()).column("n")[0].as_py()
    if not smallest:
        return None
    need = math.ceil(params.threshold * smallest)
    posts = lake.table("posts")
    ours = prepare(posts.filter(posts.text.notnull()), params, ("account_id",)).cache()
    try:
        our_texts = ours.select("tid", "norm").distinct(on="tid")
        our_sh = shingles(our_texts, params.shingle_size).distinct()
        shared = our_sh.semi_join(peer_sh.select("h").distinct(), "h")
        near = shared.group_by("tid").aggregate(n=shared.count())
        near = near.filter(near.n >= need).select(a="tid")
        cand = near.cross_join(peer.select(b="tid").distinct())
        involved = near.select(tid="a").union(peer.select("tid")).distinct()
        texts_all = our_texts.semi_join(involved, "tid").union(peer.select("tid", "norm"))
        sh = shingles(texts_all.distinct(on="tid"), params.shingle_size)
        sets = sh.group_by("tid").aggregate(hs=sh.h.collect(distinct=True))
        scored = set_similarity(cand, sets)
        close = scored.filter(scored.jaccard >= params.threshold)
        hit_posts = ours.join(close, ours.tid == close.a)
        labels = peer.select("indicator_id", b2="tid")
        labelled = hit_posts.join(labels, hit_posts.b == labels.b2)
        result = labelled.select(
            account_id=labelled.account_id.cast("string"),
            indicator_id=labelled.indicator_id,
            kind=ibis.literal("text", type="string"),
            post_id=labelled.post_id.cast("string"),
            similarity=labelled.jaccard.round(4),
        )
        materialised = ibis.memtable(lake.con.to_pyarrow(result))
    finally:
        ours.release()
    return materialised


def pseudonym_hits(
    account_ids: Sequence[str], indicators: Sequence[PeerIndicator], key: PartnerKey
) -> pa.Table:
    """Accounts among ``account_ids`` whose pseudonym under ``key`` a peer's indicator names."""
    wanted = {v: i.id for i in indicators if i.kind == "account" for v in i.values}
    rows = sorted((a, wanted[p]) for a in account_ids if (p := key.pseudonym(str(a))) in wanted)
    return pa.table(
        {
            "account_id": pa.array([r[0] for r in rows], pa.string()),
            "indicator_id": pa.array([r[1] for r in rows], pa.string()),
            "kind": pa.array(["account"] * len(rows), pa.string()),
            "post_id": pa.nulls(len(rows), pa.string()),
            "similarity": pa.array([1.0] * len(rows), pa.float64()),
        },
        schema=MATCH_SCHEMA,
    )


def _accounts(lake: Lake, indicators: Sequence[PeerIndicator], key: PartnerKey) -> ir.Table:
    ids = lake.con.to_pyarrow(lake.table("accounts").select("account_id")).column(0).to_pylist()
    return ibis.memtable(pseudonym_hits([str(a) for a in ids], indicators, key))
