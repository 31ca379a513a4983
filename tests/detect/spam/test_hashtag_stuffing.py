"""spam.hashtag_stuffing: excessive or unrelated hashtags, in one post or across posts."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from lockstep.detect.spam.hashtag_stuffing import HashtagStuffing, weighted_quantile
from lockstep.lake import Lake, write_lake

T0 = datetime(2024, 6, 1)
TOPICS = {
    "food": ["foodie", "homecooking", "brunch", "coffee", "recipes", "baking", "vegan", "dinner"],
    "sport": ["matchday", "football", "gameday", "running", "goal", "derby", "fans", "league"],
    "music": [
        "nowplaying",
        "newmusic",
        "livemusic",
        "playlist",
        "vinyl",
        "concert",
        "indie",
        "jazz",
    ],
    "tech": ["tech", "ai", "android", "opensource", "coding", "gadgets", "linux", "startup"],
    "travel": [
        "travel",
        "wanderlust",
        "roadtrip",
        "hiking",
        "beach",
        "mountains",
        "camping",
        "sunset",
    ],
    "politics": [
        "politics",
        "localnews",
        "budget",
        "vote",
        "election",
        "council",
        "policy",
        "debate",
    ],
}
TRENDING = "worldcupfinal"


class World:
    """Organic accounts tagging posts from their own topic, plus a trending tag."""

    def __init__(self, accounts: int = 240, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.rows: list[dict[str, Any]] = []
        names = sorted(TOPICS)
        for i in range(accounts):
            topic = TOPICS[names[i % len(names)]]
            for k in range(8):
                tags = self.rng.sample(topic, self.rng.choice((1, 1, 2, 2, 3)))
                if self.rng.random() < 0.15:
                    tags = [TRENDING, *tags[:2]]
                self.add(f"org{i:03d}", tags, k)

    def add(self, account: str, tags: list[str], k: int = 0) -> None:
        self.rows.append(
            {
                "post_id": f"{account}-{len(self.rows):06d}",
                "account_id": account,
                "created_at": T0 + timedelta(hours=k, minutes=len(self.rows) % 60),
                "text": "post " + " ".join(f"#{t}" for t in tags),
                "hashtags": tags,
            }
        )

    def mixed_tags(self, n: int) -> list[str]:
        """``n`` tags drawn across every topic, the way a stuffer picks them."""
        pool = [t for tags in TOPICS.values() for t in tags]
        return [TRENDING, *self.rng.sample(pool, n - 1)]

    def lake(self, root: Path) -> Lake:
        accounts = sorted({r["account_id"] for r in self.rows})
        write_lake(
            root,
            {
                "accounts": pa.table({"account_id": accounts}),
                "posts": pa.Table.from_pylist(self.rows),
            },
        )
        return Lake(root)


def flagged(lake: Lake, **params: Any) -> dict[str, dict[str, Any]]:
    out = HashtagStuffing(**params).detect(lake).findings.to_pylist()
    return {f["subject_id"]: json.loads(f["evidence"]) for f in out}


def test_repeated_excessive_unrelated_tags_are_flagged(tmp_path: Path) -> None:
    w = World()
    for k in range(3):
        w.add("stuffer", w.mixed_tags(12), k)
    for k in range(6):
        w.add("stuffer", ["coffee"], 10 + k)
    found = flagged(w.lake(tmp_path))
    assert set(found) == {"stuffer"}
    ev = found["stuffer"]
    assert ev["stuffed_posts"] == 3 and ev["tagged_posts"] == 9
    assert ev["excessive_from"] == 6  # the organic norm is 3 tags, the floor wins
    assert ev["posts"][0]["n_tags"] == 12 and ev["posts"][0]["kind"] == "stuffed"


def test_a_stuffing_campaign_does_not_make_its_own_tags_related(tmp_path: Path) -> None:
    w = World()
    campaign = w.mixed_tags(10)
    for a in range(15):
        for k in range(3):
            w.add(f"camp{a:02d}", w.rng.sample(campaign, len(campaign)), k)
    assert set(flagged(w.lake(tmp_path))) == {f"camp{a:02d}" for a in range(15)}


def test_unrelated_tags_cycled_across_many_posts_are_flagged(tmp_path: Path) -> None:
    w = World()
    names = sorted(TOPICS)
    for k in range(8):  # four tags per post, each from a different topic
        picks = w.rng.sample(names, 4)
        w.add("cycler", [w.rng.choice(TOPICS[t]) for t in picks], k)
    found = flagged(w.lake(tmp_path))
    assert set(found) == {"cycler"}
    assert found["cycler"]["scattered_posts"] >= 5


def test_many_related_tags_and_single_lapses_are_left_alone(tmp_path: Path) -> None:
    w = World()
    for k in range(4):  # a photographer's long but coherent tag lists
        w.add("photographer", w.rng.sample(TOPICS["travel"], 7), k)
    w.add("lapse", w.mixed_tags(12), 0)  # one stuffed post among ordinary ones
    for k in range(20):
        w.add("lapse", w.rng.sample(TOPICS["food"], 2), k + 1)
    for k in range(10):  # a newsroom: two tags per post, a different topic each time
        topic = TOPICS[sorted(TOPICS)[k % len(TOPICS)]]
        w.add("newsroom", topic[:2], k)
    for k in range(10):  # a hobby nobody else tags
        w.add("bonsai_fan", ["bonsai", "juniper", "yamadori"], k)
    for k in range(10):  # a business's branches, each tagging its own city and the brand
        w.add("bakery_north", ["bakery", "northtown", "freshbread"], k)
        w.add("bakery_south", ["bakery", "southtown", "freshbread"], k)
    assert flagged(w.lake(tmp_path)) == {}


def test_the_norm_follows_the_platform(tmp_path: Path) -> None:
    w = World(accounts=0)
    rng = random.Random(3)
    pool = [t for tags in TOPICS.values() for t in tags]
    for i in range(100):  # a platform where a dozen tags per post is how everyone writes
        topic = TOPICS[sorted(TOPICS)[i % len(TOPICS)]]
        for k in range(4):
            w.add(f"insta{i:03d}", [*topic, *rng.sample(pool, 4)][: rng.choice((10, 11, 12))], k)
    found = flagged(w.lake(tmp_path))
    assert found == {}
    det = HashtagStuffing()
    lake = Lake(tmp_path)
    from lockstep.detect.spam.hashtag_stuffing import post_tags, tagged_posts

    norm, limit = det.limit(tagged_posts(lake, post_tags(lake)))
    assert norm == 12 and limit == 24


def test_weighted_quantile() -> None:
    assert weighted_quantile([1, 2, 3], [1.0, 1.0, 1.0], 0.5) == 2
    assert weighted_quantile([1, 10], [99.0, 1.0], 0.99) == 1
    assert weighted_quantile([1, 10], [98.0, 2.0], 0.99) == 10


def test_the_same_input_gives_the_same_findings(tmp_path: Path) -> None:
    def world() -> World:
        w = World(seed=11)
        for k in range(3):
            w.add("stuffer", w.mixed_tags(9), k)
        return w

    first = HashtagStuffing().detect(world().lake(tmp_path / "a")).findings
    second = HashtagStuffing().detect(world().lake(tmp_path / "b")).findings
    assert first.equals(second) and first.num_rows == 1


@pytest.mark.spark
@pytest.mark.slow
def test_pyspark_finds_the_same_accounts(tmp_path: Path) -> None:
    w = World(accounts=60)
    for k in range(3):
        w.add("stuffer", w.mixed_tags(10), k)
    duck = HashtagStuffing().detect(w.lake(tmp_path)).findings
    spark = HashtagStuffing().detect(Lake(tmp_path, backend="pyspark")).findings
    assert duck.equals(spark)
    assert duck["subject_id"].to_pylist() == ["stuffer"]
