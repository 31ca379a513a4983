"""The URL layer joined to activity: assess each distinct URL once, join back in the engine.

Posts can hold millions of links but far fewer distinct ones, so the work splits in two: the
engine explodes the posts' URL lists and finds the distinct URLs; Python assesses each distinct
URL once (``UrlIntel``); the verdicts go back into the engine as a small table and are joined
to the posts there, so every later count (posts, accounts, first and last seen) is an
engine-side aggregation on any Ibis backend.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import replace

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from lockstep.detect.urlintel.assess import Assessment, UrlIntel
from lockstep.lake import Lake

_STRING: pa.DataType = pa.string()
VERDICT_SCHEMA = pa.schema(
    {
        "url": _STRING,
        "behaviour": _STRING,
        "score": pa.float64(),
        "subject_type": _STRING,
        "subject_id": _STRING,
        # JSON list of {code, weight, detail}, strongest first
        "signals": _STRING,
    }
)


def post_urls(lake: Lake) -> ir.Table:
    """One row per (post, URL): post_id, account_id, created_at, url.

    The normalised ``urls`` are read: one spelling per link, so a domain or URL finding
    counts every post of it, and normalisation keeps what the signals need (user-info,
    affiliate and redirect parameters; international hosts become punycode, which the
    parser decodes again).
    """
    posts = lake.table("posts")
    with_urls = posts.filter(posts.urls.notnull() & (posts.urls.length() > 0))
    rows = with_urls.select("post_id", "account_id", "created_at", url=with_urls.urls.unnest())
    return rows.filter(rows.url.notnull() & (rows.url != "")).distinct()


#: A domain (not allowlisted) serving this many distinct flagged URLs of one behaviour is
#: named as the subject instead of each URL: it is a throwaway host, and one finding and one
#: denylist entry serve the analyst better than hundreds of URL findings.
MIN_URLS_PER_DOMAIN = 3


def _by_domain(found: list[Assessment]) -> list[Assessment]:
    """URL subjects folded into their domain where it serves many flagged URLs."""
    counts = Counter((a.behaviour, a.domain) for a in found if a.subject_type == "url" and a.domain)
    return [
        replace(a, subject_type="domain", subject_id=a.domain)
        if a.subject_type == "url" and counts[(a.behaviour, a.domain)] >= MIN_URLS_PER_DOMAIN
        else a
        for a in found
    ]


def verdicts(lake: Lake, intel: UrlIntel, key: str) -> ir.Table:
    """The flagged distinct URLs as an engine table (cached on the lake under ``key``)."""
    name = "urlintel_verdicts_" + hashlib.sha256(key.encode()).hexdigest()[:12]
    cached = lake.cached(name)
    if cached is not None:
        return cached
    distinct = post_urls(lake).select("url").distinct().to_pyarrow()
    urls = sorted(str(u) for u in distinct.column("url").to_pylist())
    found = [v for url in urls for v in intel.assess(url)]
    rows = [
        {
            "url": v.url,
            "behaviour": v.behaviour,
            "score": v.score,
            "subject_type": v.subject_type,
            "subject_id": v.subject_id,
            "signals": json.dumps([s.to_dict() for s in v.signals], ensure_ascii=False),
        }
        for v in _by_domain(found)
    ]
    table = ibis.memtable(pa.Table.from_pylist(rows, schema=VERDICT_SCHEMA))
    return lake.register(name, table)


def flagged_posts(lake: Lake, intel: UrlIntel, key: str, behaviour: str) -> ir.Table:
    """Posts linking to a URL flagged with ``behaviour``, one row per (post, URL)."""
    found = verdicts(lake, intel, key)
    found = found.filter(found.behaviour == behaviour).drop("behaviour", "signals")
    return post_urls(lake).inner_join(found, "url")
