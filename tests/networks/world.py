"""A small handmade world for the network stage: an influence network, and the seeds'
non-violations next to it.

* ``n00``-``n11``: a network. Seeders post narrative items with a network-run link and a
  hashtag; the others like and repost each item within minutes, and some post the link
  and the hashtag with words of their own. Members sign in through
  proxies exiting in a third country, and their personas claim country ``RO``.
* ``act00``-``act29``: organic activism — many people reposting one campaign's posts
  over days, each only a few of them.
* ``br1``-``br3``: a business's branch accounts (one brand, distinct purposes), never
  acting together.
* ``fan00``-``fan19``: fans swarming a star's posts (the star, ``star``, is not a member).

Co-activity edges are built the way a co-activity detector would (pairs that reposted,
linked or tagged the same things within an hour, weight = items shared); the activists and
fans get the chains of single-item edges their overlaps give.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

import pyarrow as pa

from lockstep.detect.base import EDGE_SCHEMA, FINDING_SCHEMA

T0 = datetime(2025, 3, 1, 8, 0)
NETWORK = [f"n{i:02d}" for i in range(12)]
ACTIVISTS = [f"act{i:02d}" for i in range(30)]
BRANCHES = ["br1", "br2", "br3"]
FANS = [f"fan{i:02d}" for i in range(20)]


def accounts() -> list[dict[str, Any]]:
    rows = [
        {
            "account_id": a,
            "handle": f"user_{a}",
            "display_name": "Stiri Capitalei" if a == "n00" else f"Ana {a}",
            "bio": "Stiri Capitalei · adevarul-azi.ro" if a == "n00" else "Mandra de tara mea",
            "created_at": T0 - timedelta(days=30 + i),
            "followers_count": 100 + i,
            "country": "RO",
            "lang": "ro",
            "avatar_hash": f"abcd{i:012x}" if i % 2 else f"abcd{(0xFFFFFFFFFFFF - i):012x}",
        }
        for i, a in enumerate(NETWORK)
    ]
    others = ACTIVISTS + BRANCHES + FANS + ["star", "reader1", "reader2"]
    rows += [
        {
            "account_id": a,
            "handle": a,
            "display_name": f"Person {a}",
            "created_at": T0 - timedelta(days=2000 + i),
            "followers_count": 1000,
            "country": "DE",
            "lang": "de",
        }
        for i, a in enumerate(others)
    ]
    return rows


def posts() -> list[dict[str, Any]]:
    rows = []
    for item in range(8):
        seeder = NETWORK[item % 2]
        rows.append(
            {
                "post_id": f"item{item}",
                "account_id": seeder,
                "created_at": T0 + timedelta(days=5 + item, hours=1),
                "text": f"Adevarul despre alegeri {item} adevarul-azi.ro",
                "lang": "ro",
                "urls": [f"https://adevarul-azi.ro/a/{item}"],
                "hashtags": ["votrom"],
            }
        )
    for day in range(4):  # ordinary posts before the network starts pushing
        for a in NETWORK:
            rows.append(
                {
                    "post_id": f"early-{a}-{day}",
                    "account_id": a,
                    "created_at": T0 + timedelta(days=day, hours=3),
                    "text": "o zi frumoasa la munte",
                    "lang": "ro",
                }
            )
    for i in range(6):
        rows.append(
            {
                "post_id": f"star{i}",
                "account_id": "star",
                "created_at": T0 + timedelta(days=i),
                "text": "new single out now",
                "lang": "de",
            }
        )
        rows.append(
            {
                "post_id": f"cause{i}",
                "account_id": ACTIVISTS[0],
                "created_at": T0 + timedelta(days=2 * i),
                "text": "save the river, join us",
                "lang": "de",
            }
        )
    for i, b in enumerate(BRANCHES):
        rows.append(
            {
                "post_id": f"branch{i}",
                "account_id": b,
                "created_at": T0 + timedelta(days=i, hours=i),
                "text": f"opening hours of branch {i}",
                "lang": "de",
            }
        )
    return rows


def engagements() -> list[dict[str, Any]]:
    rows = []
    for item in range(8):
        seeder = NETWORK[item % 2]
        t = T0 + timedelta(days=5 + item, hours=1)
        for k, a in enumerate(NETWORK):
            if a == seeder:
                continue
            for kind, lag in (("like", 2 + k), ("repost", 3 + k)):
                rows.append(
                    {
                        "account_id": a,
                        "kind": kind,
                        "created_at": t + timedelta(minutes=lag),
                        "target_post_id": f"item{item}",
                    }
                )
        rows.append(
            {
                "account_id": "reader1",
                "kind": "like",
                "created_at": t + timedelta(hours=3),
                "target_post_id": f"item{item}",
            }
        )
    for i, fan in enumerate(FANS):
        for s in range(6):
            rows.append(
                {
                    "account_id": fan,
                    "kind": "like",
                    "created_at": T0 + timedelta(days=s, minutes=5 + i),
                    "target_post_id": f"star{s}",
                }
            )
    for i, act in enumerate(ACTIVISTS):
        rows.append(
            {
                "account_id": act,
                "kind": "repost",
                "created_at": T0 + timedelta(days=2 * (i % 6), hours=i),
                "target_post_id": f"cause{i % 6}",
            }
        )
    return rows


def sessions() -> list[dict[str, Any]]:
    rows = []
    for i, a in enumerate(NETWORK):
        for k in range(4):
            rows.append(
                {
                    "account_id": a,
                    "created_at": T0 + timedelta(days=k, hours=i),
                    "ip_country": "RU" if k == 0 else "NL",
                    "via_proxy": k != 0,
                }
            )
    return rows


def tables() -> dict[str, list[dict[str, Any]]]:
    return {
        "accounts": accounts(),
        "posts": posts(),
        "engagements": engagements(),
        "sessions": sessions(),
    }


def edge(signal: str, src: str, dst: str, weight: float, day: int = 5) -> dict[str, Any]:
    a, b = sorted((src, dst))
    return {
        "edge_id": f"{signal}:{a}:{b}",
        "signal": signal,
        "detector": "test.coedges",
        "detector_version": "1",
        "src": a,
        "dst": b,
        "weight": weight,
        "window_start": T0 + timedelta(days=day),
        "window_end": T0 + timedelta(days=day + 7),
        "evidence": '{"summary": "test"}',
    }


def edges(extra: list[dict[str, Any]] | None = None) -> pa.Table:
    """Co-repost edges among the network, plus the weak ones organic overlap gives."""
    rows = [edge("co_repost", a, b, 7.0) for a, b in itertools.combinations(NETWORK, 2)]
    rows += [edge("co_link", a, b, 3.0) for a, b in itertools.combinations(NETWORK[:6], 2)]
    rows += [edge("co_hashtag", a, b, 2.0) for a, b in itertools.combinations(NETWORK[:8], 2)]
    # activists reposting the same cause post hours apart: one shared item each
    rows += [
        edge("co_repost", ACTIVISTS[i], ACTIVISTS[i + 6], 1.0, day=0)
        for i in range(len(ACTIVISTS) - 6)
    ]
    # fans liking the same star posts: a chain of weak pairs
    rows += [edge("co_like", FANS[i], FANS[i + 1], 1.0, day=0) for i in range(len(FANS) - 1)]
    rows += extra or []
    return pa.Table.from_pylist(rows, schema=EDGE_SCHEMA)


def finding(
    behaviour: str, accounts: list[str], score: float = 0.9, evidence: str = '{"summary": "t"}'
) -> dict[str, Any]:
    return {
        "finding_id": f"{behaviour}:{'-'.join(accounts)}",
        "behaviour": behaviour,
        "policy": "p",
        "detector": behaviour,
        "detector_version": "1",
        "subject_type": "account",
        "subject_id": accounts[0],
        "account_ids": accounts,
        "score": score,
        "window_start": None,
        "window_end": None,
        "evidence": evidence,
    }


def findings(rows: list[dict[str, Any]] | None = None) -> pa.Table:
    return pa.Table.from_pylist(rows or [], schema=FINDING_SCHEMA)
