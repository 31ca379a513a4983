"""Two small handmade platforms that share one influence operation.

Platform A (:func:`platform_a`) holds the operation's network ``n00``-``n05``:

* ``n00``-``n04`` post the narrative (near-verbatim) with a link to an article on the
  operation's site ``freedonia-truth.info``; ``n01``-``n02`` also send people to the
  Telegram channel ``t.me/freedonia_truth`` (a channel URL is the operation's, ``t.me`` is
  everyone's); ``n00`` uploads a video that ``n01``-``n03`` repost;
* ``n00`` and ``n01`` also share a news article that eight organic accounts share too (not
  the operation's own), and ``n05`` posts a link nobody else posts (one member is not the
  network).

Platform B (:func:`platform_b`) has the operation's own accounts ``c00``-``c03`` (other ids,
the same links, site, video and texts, edited a little) next to organic people:

* ``p00`` links the operation's site once, to debunk it (one matching post: thin);
* ``p01``-``p11`` are organic activism: many people posting one slogan of their own, and
  sharing the same news article as platform A's organic accounts;
* ``fan00``-``fan05`` post about a concert.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

T0 = datetime(2025, 3, 3, 9, 0)
NETWORK = [f"n{i:02d}" for i in range(6)]
ORGANIC_A = [f"o{i:02d}" for i in range(8)]
COUNTERPARTS = [f"c{i:02d}" for i in range(4)]
ORGANIC_B = ["p00", *[f"p{i:02d}" for i in range(1, 12)], *[f"fan{i:02d}" for i in range(6)]]

NARRATIVE = "Wake up Freedonia! Ruritano is lying to you about the prices, vote Firefly"
NARRATIVE_2 = "The media will never tell you what Ruritano did to our pensions last winter"
SITE = "https://freedonia-truth.info"
ARTICLE = f"{SITE}/news/pension-scandal-2291"
CHANNEL = "https://t.me/freedonia_truth"
NEWS = "https://bignews.example/world/2025/03/03/summit"
VIDEO = "ab12cd34ef567890"
SLOGAN = "Save the river park, sign the petition before Friday and come to the town hall"

NETWORK_ID = "net-0000freedon"
TACTICS = [
    {
        "id": "T0084.001",
        "name": "copypasta",
        "observable": "5 members have spam.copypasta findings (near-identical text)",
    },
    {
        "id": "T0098.001",
        "name": "inauthentic news sites",
        "observable": "links to sites almost only this network links: freedonia-truth.info",
    },
]


def _write(folder: Path, name: str, rows: list[dict[str, Any]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, default=str) + "\n")


def _account(a: str, i: int, **extra: Any) -> dict[str, Any]:
    return {
        "account_id": a,
        "handle": f"h_{a}",
        "display_name": f"Person {a}",
        "created_at": (T0 - timedelta(days=400 + i)).isoformat(),
        "followers_count": 50 + i,
        **extra,
    }


def _post(pid: str, a: str, minutes: int, text: str, **extra: Any) -> dict[str, Any]:
    return {
        "post_id": pid,
        "account_id": a,
        "created_at": (T0 + timedelta(minutes=minutes)).isoformat(),
        "text": text,
        **extra,
    }


def platform_a(folder: Path) -> None:
    accounts = [_account(a, i) for i, a in enumerate(NETWORK + ORGANIC_A)]
    posts: list[dict[str, Any]] = []
    for i, a in enumerate(NETWORK[:5]):
        posts.append(_post(f"a-n{i}", a, 5 * i, f"{NARRATIVE} {ARTICLE}", urls=[ARTICLE]))
        posts.append(_post(f"a-m{i}", a, 300 + 5 * i, NARRATIVE_2))
    posts += [
        _post("a-ch1", "n01", 60, f"Join us {CHANNEL}", urls=[CHANNEL]),
        _post("a-ch2", "n02", 62, f"Join us now {CHANNEL}", urls=[CHANNEL]),
        _post("a-vid", "n00", 90, "Watch what they hide", kind="video", media_hashes=[VIDEO]),
        _post("a-news0", "n00", 120, f"Read this {NEWS}", urls=[NEWS]),
        _post("a-news1", "n01", 121, f"Read this {NEWS}", urls=[NEWS]),
        _post(
            "a-own", "n05", 130, "my cat https://cats.example/x1", urls=["https://cats.example/x1"]
        ),
    ]
    for i, a in enumerate(ORGANIC_A):
        posts.append(_post(f"a-o{i}", a, 200 + i, f"Big summit today {NEWS}", urls=[NEWS]))
        posts.append(_post(f"a-od{i}", a, 400 + i, f"Lunch with friend number {i} was lovely"))
    engagements = [
        {
            "account_id": a,
            "kind": "repost",
            "created_at": (T0 + timedelta(minutes=95 + i)).isoformat(),
            "target_post_id": "a-vid",
        }
        for i, a in enumerate(NETWORK[1:4])
    ]
    _write(folder, "accounts", accounts)
    _write(folder, "posts", posts)
    _write(folder, "engagements", engagements)


def network_row() -> dict[str, Any]:
    """Platform A's network as the networks stage writes it."""
    return {
        "network_id": NETWORK_ID,
        "account_ids": NETWORK,
        "size": len(NETWORK),
        "followers": 315,
        "behaviours": ["coord.network", "spam.copypasta"],
        "tactics": TACTICS,
        "score": 0.95,
        "first_seen": "2025-03-03T09:00:00Z",
        "last_seen": "2025-03-03T14:20:00Z",
        "detection_source": "internal",
        "description": "Accounts targeting an audience in Freedonia with election narratives.",
        "evidence": {"summary": "6 accounts acted together"},
    }


def platform_b(folder: Path) -> None:
    accounts = [_account(a, i) for i, a in enumerate(COUNTERPARTS + ORGANIC_B)]
    posts: list[dict[str, Any]] = []
    edits = ["", " !!", " - share", " now"]
    for i, a in enumerate(COUNTERPARTS):
        other = f"{SITE}/news/another-story-{i}"
        posts.append(_post(f"b-c{i}", a, 7 * i, f"{NARRATIVE}{edits[i]} {other}", urls=[other]))
        posts.append(_post(f"b-d{i}", a, 200 + 7 * i, f"{NARRATIVE_2}{edits[i]}"))
    posts.append(
        _post("b-vid", "c00", 50, "They hide this", kind="video", media_hashes=[VIDEO.upper()])
    )
    posts.append(_post("b-ch", "c01", 55, f"Come over {CHANNEL}", urls=[CHANNEL]))
    posts.append(
        _post(
            "b-debunk",
            "p00",
            300,
            f"This site is fake news, do not share {ARTICLE}",
            urls=[ARTICLE],
        )
    )
    for i, a in enumerate(ORGANIC_B[1:12]):
        posts.append(_post(f"b-s{i}", a, 400 + 3 * i, SLOGAN))
        posts.append(_post(f"b-n{i}", a, 500 + i, f"Big summit today {NEWS}", urls=[NEWS]))
    for i, a in enumerate(ORGANIC_B[12:]):
        posts.append(_post(f"b-f{i}", a, 600 + i, f"Best concert of my life, thank you band {i}"))
    _write(folder, "accounts", accounts)
    _write(folder, "posts", posts)
