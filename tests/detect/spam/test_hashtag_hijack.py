"""spam.hashtag_hijack: trending hashtags attached to content unrelated to the trend."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from lockstep.detect.spam.hashtag_hijack import HashtagHijack
from lockstep.lake import Lake, write_lake


def _words(text: str) -> list[str]:
    return text.split()


T0 = datetime(2024, 7, 1)
FOOTBALL = _words(
    "goal keeper penalty final whistle striker midfield header corner stadium fans trophy "
    "extra time shootout captain defence winger tactics referee crossbar champions kickoff "
    "anthem underdog legend comeback celebration"
)
CLIMATE = _words(
    "climate emissions coal plant river clean air future kids council vote solar wind march "
    "street planet heat drought forest protect energy transition pledge youth"
)
FOOD = _words(
    "brunch pancakes coffee sourdough pasta garlic basil tomato soup lentils curry noodles "
    "salad roast oven recipe spicy sweet crunchy"
)
PROMO = [
    "Huge sale on wireless earbuds, 50% off today only, shop now",
    "Flash sale: smart watches from just $19, limited stock, order here",
    "Best skincare deals of the year, don't miss out, link below",
]


def sentence(rng: random.Random, vocab: list[str]) -> str:
    """Varied wording on one subject: each post picks its own words and order."""
    words = rng.sample(vocab, 7)
    return f"{words[0].capitalize()} {' '.join(words[1:4])}, {' '.join(words[4:])}!"


class World:
    def __init__(self, seed: int = 5) -> None:
        self.rng = random.Random(seed)
        self.rows: list[dict[str, Any]] = []
        # a steady tag used every day, and a few quiet mentions of the trend before it trends
        for day in range(10):
            for i in range(25):
                self.add(f"cook{i:02d}", day, sentence(self.rng, FOOD), ["foodie"])
        for day in (0, 2):
            self.add(f"early{day}", day, sentence(self.rng, FOOTBALL), ["worldcupfinal"])
        # the trend: 60 fans on day 6, each in their own words
        for i in range(60):
            self.add(f"fan{i:02d}", 6, sentence(self.rng, FOOTBALL), ["worldcupfinal"])
            if i % 3 == 0:
                self.add(f"fan{i:02d}", 6, sentence(self.rng, FOOTBALL), ["worldcupfinal", "goal"])

    def add(
        self, account: str, day: int, text: str, tags: list[str], urls: list[str] | None = None
    ) -> None:
        k = len(self.rows)
        self.rows.append(
            {
                "post_id": f"p{k:06d}",
                "account_id": account,
                "created_at": T0 + timedelta(days=day, hours=10, minutes=k % 600),
                "text": f"{text} {' '.join('#' + t for t in tags)}",
                "hashtags": tags,
                "urls": urls or [],
                "lang": "en",
                "kind": "post",
            }
        )

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
    out = HashtagHijack(**params).detect(lake).findings.to_pylist()
    return {f["subject_id"]: json.loads(f["evidence"]) for f in out}


def test_ads_under_a_trending_tag_are_flagged_and_the_fans_are_not(tmp_path: Path) -> None:
    w = World()
    for k, text in enumerate(PROMO):
        w.add("adspam", 6, text, ["worldcupfinal"], [f"https://deals.example/{k}"])
    found = flagged(w.lake(tmp_path))
    assert set(found) == {"adspam"}
    ev = found["adspam"]
    assert ev["hijacking_posts"] == 3 and ev["with_links"] == 3
    assert ev["trends"][0]["tag"] == "worldcupfinal" and ev["trends"][0]["accounts"] >= 60
    assert ev["posts"][0]["tags"] == ["worldcupfinal"] and ev["posts"][0]["on_topic"] <= 0.2


def test_a_campaign_of_copies_does_not_become_the_trend(tmp_path: Path) -> None:
    w = World()
    for a in range(12):
        for k in range(3):
            text = PROMO[k] + ["", " 🔥", " !!", " now"][a % 4]
            w.add(f"camp{a:02d}", 6, text, ["worldcupfinal"], [f"https://deals.example/{a}"])
    assert set(flagged(w.lake(tmp_path))) == {f"camp{a:02d}" for a in range(12)}


def test_steady_tags_and_organic_activism_are_left_alone(tmp_path: Path) -> None:
    w = World()
    for i in range(40):  # a cause trending on day 3, in each activist's own words
        for _ in range(2):
            w.add(f"activist{i:02d}", 3, sentence(w.rng, CLIMATE), ["climatestrike"])
    for k, text in enumerate(PROMO):  # ads under a tag that is popular but not trending
        w.add("foodads", 4, text, ["foodie"], [f"https://deals.example/{k}"])
    for day in (6, 6, 7):  # a news account posting its own headlines under the trend
        w.add(
            "sportsdesk",
            day,
            sentence(w.rng, FOOTBALL),
            ["worldcupfinal"],
            ["https://news.example/x"],
        )
    w.add("oneoff", 6, PROMO[0], ["worldcupfinal"])  # a single off-topic post is not a pattern
    w.add("oneoff", 6, sentence(w.rng, FOOTBALL), ["worldcupfinal"])
    assert flagged(w.lake(tmp_path)) == {}


def test_stuffed_posts_and_listings_are_left_to_their_own_detectors(tmp_path: Path) -> None:
    w = World()
    stuffing = ["worldcupfinal", "foodie", "oscars", "crypto", "travel", "vegan", "deals"]
    for text in PROMO:  # seven tags: excessive tags are spam.hashtag_stuffing's to judge
        w.add("stuffer", 6, text, stuffing)
    for k, text in enumerate(PROMO):  # a shop's product listings, tagged with the trend
        w.add("shop", 6, text, ["worldcupfinal"])
        w.rows[-1]["kind"] = "product"
        w.rows[-1]["post_id"] = f"listing{k}"
    assert flagged(w.lake(tmp_path)) == {}
    assert set(flagged(w.lake(tmp_path / "more"), max_tags=10)) == {"stuffer"}


def test_a_trend_needs_enough_accounts(tmp_path: Path) -> None:
    w = World()
    for text in PROMO:
        w.add("adspam", 6, text, ["worldcupfinal"])
    assert flagged(w.lake(tmp_path), min_trend_accounts=100) == {}
    assert set(flagged(w.lake(tmp_path / "again"))) == {"adspam"}


def test_the_same_input_gives_the_same_findings(tmp_path: Path) -> None:
    def world() -> World:
        w = World(seed=9)
        for text in PROMO:
            w.add("adspam", 6, text, ["worldcupfinal"])
        return w

    first = HashtagHijack().detect(world().lake(tmp_path / "a")).findings
    second = HashtagHijack().detect(world().lake(tmp_path / "b")).findings
    assert first.equals(second) and first.num_rows == 1


@pytest.mark.spark
@pytest.mark.slow
@pytest.mark.skip(
    reason="known issue: since copies merge voices, Spark runs out of heap while analysing "
    "the scoring plan; DuckDB is unaffected (tracked in issue 3's notes)"
)
def test_pyspark_finds_the_same_accounts(tmp_path: Path) -> None:
    w = World()
    for text in PROMO:
        w.add("adspam", 6, text, ["worldcupfinal"])
    duck = HashtagHijack().detect(w.lake(tmp_path)).findings
    spark = HashtagHijack().detect(Lake(tmp_path, backend="pyspark")).findings
    assert duck.equals(spark)
    assert duck["subject_id"].to_pylist() == ["adspam"]


def test_one_ad_under_two_trends_is_about_neither_even_in_a_rare_language(
    tmp_path: Path,
) -> None:
    """Too few Spanish voices to judge the wording, but the same ad rides #worldcupfinal and
    #climatemarch2024: it is about neither. A Spanish fan posting on both trends in their
    own words is not, and a repeated trend (the same tag on two days) is one trend."""
    w = World()
    for i in range(60):
        w.add(f"marcher{i:02d}", 8, sentence(w.rng, CLIMATE), ["climatemarch2024"])
    ad = "Gana 500 euros al día desde casa sin experiencia, escríbeme ya"
    for day, tag in ((6, "worldcupfinal"), (6, "worldcupfinal"), (8, "climatemarch2024")):
        w.add("anuncio", day, ad, [tag], ["https://gana.example/x"])
    for day, tag in ((6, "worldcupfinal"), (6, "worldcupfinal"), (8, "climatemarch2024")):
        text = "Qué partido, " + sentence(w.rng, FOOTBALL + CLIMATE)
        w.add("aficionada", day, text, [tag])
    for row in w.rows:
        if row["account_id"] in ("anuncio", "aficionada"):
            row["lang"] = "es"
    found = flagged(w.lake(tmp_path))
    assert set(found) == {"anuncio"}
    ev = found["anuncio"]
    assert ev["hijacking_posts"] == 3 and ev["judged_posts"] == 3
    assert {p["on_topic"] for p in ev["posts"]} == {None}  # not judged on wording
