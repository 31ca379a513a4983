"""Small lakes for the URL and link detectors: the seeds' non-violations plus planted abuse.

Every builder returns rows; ``lake`` writes them. The hard negatives are the ones the seeds
name (news accounts sharing links, occasional links, organic activism, viral sharing, a
business's branches, a personal plus a hobby account, a declared hobby bot, fans of a star);
each test adds its own positives.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa

from lockstep.detect.base import Detector
from lockstep.lake import Lake, write_lake

T0 = datetime(2024, 5, 1, 7, 0)

Row = dict[str, Any]

HEADLINES = [
    "Parliament passes the budget after a late-night session",
    "Storm warning for the coast as winds pick up tonight",
    "Central bank holds interest rates, signals patience",
    "Local council approves new cycle lanes downtown",
    "Researchers map the oldest coral reef yet found",
    "Cup final: underdogs win on penalties",
    "Rail strike called off after agreement on pay",
    "Museum returns looted artefacts to their owners",
]
CHAT = [
    "Morning run done, legs are jelly",
    "Anyone else watching the match tonight?",
    "New recipe: lentil soup with smoked paprika",
    "Traffic on the ring road is terrible again",
    "Finished the book, the ending was a surprise",
    "Coffee first, then emails",
    "The cat has claimed my chair again",
    "Rain all day, perfect for reading",
]


class Posts:
    """Accumulates post rows with unique ids and increasing times."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.bots: set[str] = set()

    def add(self, account: str, text: str | None, urls: Iterable[str] = (), **extra: Any) -> None:
        n = len(self.rows)
        self.rows.append(
            {
                "post_id": f"{account}-{n:05d}",
                "account_id": account,
                "created_at": T0 + timedelta(minutes=17 * n),
                "text": text,
                "urls": list(urls),
                "kind": extra.get("kind", "post"),
            }
        )

    @property
    def accounts(self) -> list[str]:
        return sorted({r["account_id"] for r in self.rows})


def hard_negatives(p: Posts) -> dict[str, list[str]]:
    """Add the seeds' non-violations to ``p``; returns their accounts by kind."""
    kinds: dict[str, list[str]] = {}
    # News accounts: a headline and a link every time, often through a shortener.
    for a, host in (("news_bbc", "https://bit.ly/"), ("news_local", "https://www.bbc.co.uk/news/")):
        for i in range(30):
            p.add(a, HEADLINES[i % len(HEADLINES)] + f" ({i})", [f"{host}a{i:04d}"])
    kinds["news"] = ["news_bbc", "news_local"]
    # An occasional bare link among many ordinary posts.
    for i in range(48):
        p.add("occasional", CHAT[i % len(CHAT)])
    p.add("occasional", "https://youtu.be/dQw4w9WgXcQ", ["https://youtu.be/dQw4w9WgXcQ"])
    p.add("occasional", None, ["https://tinyurl.com/cat-video"])
    kinds["occasional_links"] = ["occasional"]
    # Organic activism: many people, their own words, one petition.
    for i in range(12):
        words = ["Sign it!", "Please share", "This matters for our river", "Done, you too?"]
        p.add(
            f"activist_{i}",
            f"{words[i % 4]} #saveTheRiver {CHAT[i % len(CHAT)].lower()}",
            ["https://www.change.org/p/save-the-river"],
        )
        for j in range(3):
            p.add(f"activist_{i}", CHAT[(i + j) % len(CHAT)])
    kinds["activism"] = [f"activist_{i}" for i in range(12)]
    # Viral organic sharing of one article with varied comments.
    for i in range(20):
        p.add(
            f"viral_{i}",
            ["wow", "can't believe this", "must read", "finally someone said it"][i % 4]
            + f" — {HEADLINES[0].lower()}",
            ["https://www.theguardian.com/world/2024/may/01/budget"],
        )
        p.add(f"viral_{i}", CHAT[i % len(CHAT)])
    kinds["viral"] = [f"viral_{i}" for i in range(20)]
    # A business's branches linking their own shop, with commentary.
    for city in ("berlin", "hamburg", "munich"):
        for i in range(8):
            p.add(
                f"baeckerei_{city}",
                f"Fresh rolls in {city} from 6am, today's offer: {CHAT[i % len(CHAT)].lower()}",
                [f"https://baeckerei-sonne.de/{city}/angebote"],
            )
    kinds["branches"] = [f"baeckerei_{c}" for c in ("berlin", "hamburg", "munich")]
    # One person, a personal and a hobby account.
    for i in range(10):
        p.add("anna", CHAT[i % len(CHAT)])
        p.add(
            "anna_birds",
            f"Spotted a kingfisher at the pond today, photo {i}",
            [f"https://www.flickr.com/photos/annab/{1000 + i}"] if i % 3 == 0 else [],
        )
    kinds["personal_hobby"] = ["anna", "anna_birds"]
    # A declared hobby bot posting a link with every reading.
    for i in range(24):
        p.add(
            "weather_bot",
            f"Berlin {10 + i % 7}°C, wind {i % 5} bft",
            ["https://wetter.example/berlin"],
        )
    p.bots.add("weather_bot")
    kinds["hobby_bot"] = ["weather_bot"]
    # Fans swarming a star with the video link.
    for i in range(25):
        p.add(
            f"fan_{i}",
            ["omg the new video!!!", "QUEEN 👑👑", "on repeat all day", "best song of the year"][
                i % 4
            ],
            ["https://www.youtube.com/watch?v=abc123"],
        )
    kinds["fans"] = [f"fan_{i}" for i in range(25)]
    return kinds


def lake(tmp_path: Path, p: Posts) -> Lake:
    accounts = pa.table(
        {
            "account_id": p.accounts,
            "declared_automated": [a in p.bots for a in p.accounts],
        }
    )
    posts = pa.Table.from_pylist(
        p.rows,
        schema=pa.schema(
            [
                ("post_id", pa.string()),
                ("account_id", pa.string()),
                ("created_at", pa.timestamp("us")),
                ("text", pa.string()),
                ("urls", pa.list_(pa.string())),
                ("kind", pa.string()),
            ]
        ),
    )
    write_lake(tmp_path, {"accounts": accounts, "posts": posts})
    return Lake(tmp_path)


def ingested(data: Path, tmp_path: Path) -> Lake:
    """A lake made by the product's own ingest from a dataset folder (real data tests)."""
    from lockstep.ingest import ingest
    from lockstep.progress import NullProgress

    ingest(data, tmp_path / "lake", tmp_path / "quarantine", progress=NullProgress())
    return Lake(tmp_path / "lake")


def run(detector: Detector, lake_: Lake) -> list[dict[str, Any]]:
    """The detector's findings as dicts with the evidence parsed."""
    rows = detector.detect(lake_).findings.to_pylist()
    for r in rows:
        r["evidence"] = json.loads(r["evidence"])
    return rows


def flagged_accounts(findings: list[dict[str, Any]]) -> set[str]:
    """Accounts named by any finding: what account-level evaluation counts."""
    return {a for f in findings for a in f["account_ids"]}
