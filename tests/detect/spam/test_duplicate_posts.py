"""spam.duplicate_posts: one account repeatedly posting identical or near-identical content."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest

from lockstep.detect.spam.duplicate_posts import DuplicatePosts
from lockstep.lake import Lake, write_lake

YOUTUBE = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "youtube_spam_dev"
T0 = datetime(2024, 3, 1, 10, 2)

Row = dict[str, Any]
MakeLake = Callable[..., Lake]

PROMO = "Huge sale today only: designer watches at half price, free shipping worldwide"
#: One spammer's seven posts of one promotion, each edited to look new.
PROMO_EDITS = [
    PROMO + " https://shop.example/a?ref=1",
    "HUGE SALE TODAY ONLY!!! designer watches at half price, free shipping worldwide 🔥🔥",
    "Huge sale today only - designer watches at half price - free shipping worldwide #sale",
    "Huge sale today only: luxury designer watches at half price, free shipping worldwide",
    "@bob @carol Huge sale today only: designer watches at half price, free shipping worldwide",
    "Huge   sale today only:\ndesigner watches at half price,   free shipping worldwide "
    "https://shop.example/b",
    "Huge sale today only: designer watches at half price, free shipping worldwide #watches #sale",
]
CHAT = [
    "Morning run done, legs are jelly after those hills",
    "Anyone else watching the match tonight? Big game for us",
    "New recipe this week: lentil soup with smoked paprika",
    "Traffic on the ring road is terrible again, left at seven",
    "Finished the book last night, the ending was a real surprise",
    "The cat has claimed my office chair again, working from the sofa",
]


class World:
    """Accounts and posts with unique ids; ``minutes`` are after T0."""

    def __init__(self) -> None:
        self.posts: list[Row] = []
        self.accounts: dict[str, Row] = {}

    def account(self, account_id: str, **values: Any) -> None:
        self.accounts[account_id] = {"account_id": account_id, **values}

    def post(self, account: str, text: str | None, minutes: float, **values: Any) -> str:
        self.accounts.setdefault(account, {"account_id": account})
        post_id = f"{account}-{len(self.posts):04d}"
        self.posts.append(
            {
                "post_id": post_id,
                "account_id": account,
                "created_at": T0 + timedelta(minutes=minutes),
                "text": text,
                **values,
            }
        )
        return post_id

    def tables(self) -> dict[str, list[Row]]:
        accounts = [self.accounts[a] for a in sorted(self.accounts)]
        if not any("declared_automated" in a for a in accounts):
            for a in accounts:
                a["declared_automated"] = False
        return {"accounts": accounts, "posts": self.posts}


def _run(make_lake: MakeLake, world: World, **params: Any) -> dict[str, Row]:
    """Findings by account, with the evidence parsed."""
    out = DuplicatePosts(**params).detect(make_lake(world.tables())).findings.to_pylist()
    for row in out:
        row["evidence"] = json.loads(row["evidence"])
    return {row["subject_id"]: row for row in out}


def _spammer(w: World, account: str = "spammer") -> list[str]:
    ids = [w.post(account, text, 13 * i, urls=_urls(text)) for i, text in enumerate(PROMO_EDITS)]
    w.post(account, CHAT[0], 200)  # one ordinary post after the run of copies
    return ids


#: Made-up words: posts drawn from them share no more than chance wording.
VOCABULARY = [a + b + c for a in "bdfgk" for b in ("ala", "epo", "iru", "oke") for c in "mnrst"]


def _chatter(i: int) -> str:
    """The ``i``-th of many posts that share no more than chance wording."""
    return " ".join(random.Random(i).sample(VOCABULARY, 8))


def _urls(text: str) -> list[str]:
    return [t for t in text.split() if t.startswith("https://")]


def test_edited_copies_of_one_promotion_are_flagged_with_checkable_evidence(
    make_lake: MakeLake,
) -> None:
    w = World()
    ids = _spammer(w)
    w.post("other", PROMO, 5)  # the same text from another account is not this account's copy
    found = _run(make_lake, w)
    assert set(found) == {"spammer"}
    f = found["spammer"]
    ev = f["evidence"]
    assert ev["post_ids"] == ids and ev["post_count"] == len(ids) == ev["copies"]
    assert ev["times"][0] == "2024-03-01T10:02:00" and len(ev["times"]) == len(ids)
    assert (f["window_start"], f["window_end"]) == (T0, T0 + timedelta(minutes=13 * 6))
    assert ev["summary"] == (
        "Posted 7 near-identical posts between 2024-03-01 10:02 and 11:20 UTC "
        "(text similarity ≥ 0.7)."
    )
    assert ev["posts_in_window"] == 7 and ev["share"] == 1.0
    [content] = ev["contents"]
    assert content["kind"] == "text" and content["copies"] == 7
    assert 0.7 <= content["lowest_similarity"] < 1.0
    assert ev["sample_texts"] == [PROMO_EDITS[0]]
    assert ev["shared_urls"] == []  # every copy carried a different link
    assert f["account_ids"] == ["spammer"] and 0.5 < f["score"] <= 1.0


def test_a_link_repeated_across_copies_is_evidence(make_lake: MakeLake) -> None:
    w = World()
    for i in range(4):
        w.post("spammer", PROMO + " " + "!" * i, 30 * i, urls=["https://shop.example/x"])
    ev = _run(make_lake, w)["spammer"]["evidence"]
    assert ev["shared_urls"] == [{"url": "https://shop.example/x", "posts": 4}]
    assert ev["summary"].startswith("Posted 4 identical posts")


@pytest.mark.parametrize(
    "texts",
    [
        [
            "Покупайте дешёвые часы в нашем магазине, лучшие цены в городе",
            "покупайте ДЕШЁВЫЕ часы в нашем магазине!!! лучшие цены в городе 🔥",
            "Покупайте дешёвые часы в нашем новом магазине, лучшие цены в городе",
            "Покупайте дешёвые часы в нашем магазине — лучшие цены в городе! #часы #скидки",
        ],
        [
            "اشتر الساعات الرخيصة من متجرنا اليوم بأفضل الأسعار في المدينة",
            "اشتر الساعات الرخيصة من متجرنا اليوم!! بأفضل الأسعار في المدينة 🔥",
            "اشتر الساعات الرخيصة من متجرنا اليوم بأفضل الأسعار في كل المدينة",
            "اشتر الساعات الرخيصة من متجرنا اليوم بأفضل الأسعار في المدينة https://x.example/1",
        ],
        [
            "今天我们的商店所有手表半价出售欢迎大家光临选购",
            "今天，我们的商店所有手表半价出售！欢迎大家光临选购！",
            "今天我们的商店所有手表半价出售欢迎大家光临选购谢谢",
            "今天我们的商店所有手表半价出售 欢迎大家光临选购 #手表",
        ],
        [
            "半額セール開催中！",
            "半額セール開催中！！",
            "【半額セール開催中】",
            "半額セール開催中 ✨",
        ],
    ],
    ids=["cyrillic", "arabic", "chinese", "japanese-short"],
)
def test_multilingual_copies_are_flagged(make_lake: MakeLake, texts: list[str]) -> None:
    w = World()
    for i, text in enumerate(texts):
        w.post("spammer", text, 60 * i)
    for i, text in enumerate(CHAT[:3]):
        w.post("person", text, 60 * i)
    found = _run(make_lake, w)
    assert set(found) == {"spammer"}
    assert found["spammer"]["evidence"]["copies"] == 4


def test_identical_media_is_the_same_content_whatever_the_caption(make_lake: MakeLake) -> None:
    """Seed 000: near-identical product videos, captions varied to look new."""
    captions = ["New in: the best blender", "Must-have kitchen gadget!!", "Look at this", "Wow"]
    w = World()
    for i, caption in enumerate(captions):
        w.post("shop", caption, 45 * i, kind="video", media_hashes=["9f3a7c11d2e4b6a8"])
    w.post("shop", "Another product entirely", 200, kind="video", media_hashes=["0123456789abcdef"])
    w.post("creator", "My trip to the mountains, part one", 0, kind="video", media_hashes=["aa"])
    w.post("creator", "My trip to the mountains, part two", 60, kind="video", media_hashes=["bb"])
    found = _run(make_lake, w)
    assert set(found) == {"shop"}
    ev = found["shop"]["evidence"]
    assert ev["copies"] == 4 and ev["posts_in_window"] == 4
    assert ev["contents"][0]["media_hash"] == "9f3a7c11d2e4b6a8"
    assert ev["summary"].endswith("(identical media).")
    assert _run(make_lake, w, use_media=False) == {}


def test_short_stock_replies_are_left_alone(make_lake: MakeLake) -> None:
    w = World()
    for i in range(40):
        w.post(
            "friendly", ["thanks!", "Thanks!!", "lol", "first", "❤️", "thank you so much"][i % 6], i
        )
    assert _run(make_lake, w) == {}


def test_a_talkative_persons_daily_stock_reply_is_left_alone(make_lake: MakeLake) -> None:
    # Stock replies run past min_chars in languages with long words; said once a day among
    # some twenty other posts a day, they are a habit of speech.
    w = World()
    day = 24 * 60
    for d in range(7):
        w.post("talkative", "Kesinlikle katılıyorum 🔥", d * day)
        for i in range(20):
            w.post("talkative", _chatter(100 * d + i), d * day + 30 + i)
    assert _run(make_lake, w) == {}
    # The same habit that makes up more of what the account says counts.
    found = _run(make_lake, w, min_share=0.04)
    assert set(found) == {"talkative"} and found["talkative"]["evidence"]["copies"] == 7


def test_news_headlines_with_the_same_link_are_left_alone(make_lake: MakeLake) -> None:
    headlines = [
        "Parliament passes the budget after a late-night session",
        "Storm warning for the coast as winds pick up tonight",
        "Central bank holds interest rates, signals patience",
        "Local council approves new cycle lanes downtown",
        "Researchers map the oldest coral reef yet found",
        "Rail strike called off after agreement on pay",
    ]
    w = World()
    for i, headline in enumerate(headlines * 2):  # each story updated once, new wording
        text = f"{headline} {'(update)' if i >= len(headlines) else ''} https://news.example/live"
        w.post("newsroom", text, 10 * i, urls=["https://news.example/live"])
    assert _run(make_lake, w) == {}


def test_branches_posting_one_promotion_once_each_are_left_alone(make_lake: MakeLake) -> None:
    """Seed 001: a business with several locations; cross-account is not this behaviour."""
    w = World()
    for i, city in enumerate(["north", "south", "east", "west"]):
        w.post(f"bakery_{city}", "Fresh sourdough this weekend at all our bakeries, come early!", i)
        w.post(f"bakery_{city}", CHAT[i], 100 + i)
    assert _run(make_lake, w) == {}


def test_organic_quoting_is_left_alone(make_lake: MakeLake) -> None:
    """Fans quote one viral line, each once and with their own words; a fan quotes it
    several times, but every time saying something different around it."""
    slogan = '"We rise together, we never give up"'
    w = World()
    viral = w.post("star", slogan + " — thank you all for an unforgettable night", 0)
    for i in range(8):
        w.post(f"fan_{i}", f"{slogan} {CHAT[i % len(CHAT)]}", 5 + i, quote_of=viral)
    comments = [
        "this line got me through my exams last spring",
        "played this at my sister's wedding and everyone sang along",
        "still the best concert opener of the decade in my opinion",
    ]
    for i, comment in enumerate(comments):
        w.post("superfan", f"{comment}: {slogan}", 30 * i, quote_of=viral)
    assert _run(make_lake, w) == {}


def test_declared_hobby_bots_are_left_alone_unless_asked(make_lake: MakeLake) -> None:
    w = World()
    w.account("big_ben", declared_automated=True)
    w.account("person", declared_automated=False)
    for hour in range(24):
        w.post("big_ben", "BONG BONG BONG the clock on the tower strikes the hour", 60 * hour)
    for i, text in enumerate(CHAT):
        w.post("person", text, 30 * i)
    assert _run(make_lake, w) == {}
    assert set(_run(make_lake, w, exempt_declared_bots=False)) == {"big_ben"}


def test_copies_must_fall_within_the_window(make_lake: MakeLake) -> None:
    w = World()
    for week in range(4):  # one copy a week
        w.post("slow", PROMO, week * 7 * 24 * 60 + week)
    assert _run(make_lake, w) == {}
    assert set(_run(make_lake, w, window_hours=24 * 22)) == {"slow"}


def test_two_similar_posts_are_not_repetition(make_lake: MakeLake) -> None:
    w = World()
    for i, text in enumerate(CHAT):
        w.post("person", text, 20 * i)
    w.post("person", CHAT[1] + " !!", 150)
    assert _run(make_lake, w) == {}
    assert set(_run(make_lake, w, min_copies=2)) == {"person"}


def test_a_busy_account_scores_lower_than_one_that_only_repeats(make_lake: MakeLake) -> None:
    w = World()
    for i in range(4):
        w.post("repeater", PROMO, 10 * i)
        w.post("busy", PROMO, 10 * i)
    for i in range(30):
        w.post("busy", _chatter(i), i + 0.5)
    found = _run(make_lake, w)
    assert set(found) == {"repeater", "busy"}
    assert found["busy"]["evidence"]["share"] < 0.5 < found["repeater"]["evidence"]["share"]
    assert found["busy"]["score"] < found["repeater"]["score"]


@pytest.mark.parametrize(
    "bad",
    [
        {"min_copies": 1},
        {"window_hours": 0},
        {"similarity": 0},
        {"min_chars": 1},
        {"min_share": 1.5},
    ],
)
def test_invalid_parameters_are_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        DuplicatePosts(**bad)


def _youtube_lake(root: Path) -> Lake:
    posts = pq.read_table(YOUTUBE / "posts.parquet")
    accounts = pq.read_table(YOUTUBE / "accounts.parquet")
    extra = [
        c
        for c in posts.column_names
        if c not in {"post_id", "account_id", "created_at", "text", "kind", "reply_to"}
    ]
    write_lake(root, {"posts": posts.drop_columns(extra), "accounts": accounts})
    return Lake(root)


@pytest.mark.skipif(not YOUTUBE.exists(), reason="shared real data not available")
def test_on_real_youtube_comments_the_repeaters_are_spammers(tmp_path: Path) -> None:
    """UCI YouTube Spam Collection: accounts are commenters' display names.

    The set has few repeat commenters, so copies are counted from two on and over its
    whole time span; what is flagged must then be spam by the set's own labels.
    """
    labels = {r["post_id"]: r["label"] for r in pcsv.read_csv(YOUTUBE / "labels.csv").to_pylist()}
    lake = _youtube_lake(tmp_path)
    assert DuplicatePosts().detect(lake).findings.num_rows == 0  # no account repeats 4 times
    findings = DuplicatePosts(min_copies=2, window_hours=24 * 365 * 3).detect(lake).findings
    copies = [p for e in findings.column("evidence").to_pylist() for p in json.loads(e)["post_ids"]]
    assert findings.num_rows >= 2
    spam = sum(labels.get(p) == 1 for p in copies)
    assert spam / len(copies) >= 0.9, (spam, len(copies))


@pytest.mark.spark
@pytest.mark.slow
def test_pyspark_gives_the_same_findings_as_duckdb(make_lake: MakeLake, spark_con: Any) -> None:
    w = World()
    _spammer(w)
    w.account("big_ben", declared_automated=True)
    for hour in range(4):
        w.post("big_ben", "BONG BONG BONG the clock on the tower strikes the hour", 60 * hour)
    for i, caption in enumerate(["New in: the best blender", "Must-have gadget", "Look!", ""]):
        w.post("shop", caption, 45 * i, kind="video", media_hashes=["9f3a7c11d2e4b6a8"])
    for i, text in enumerate(["今天我们的商店所有手表半价出售欢迎大家光临选购"] * 4):
        w.post("cjk", text + "！" * i, 30 * i)
    for i, text in enumerate(CHAT):
        w.post("person", text, 15 * i)
    duck_lake = make_lake(w.tables())
    duck = DuplicatePosts().detect(duck_lake).findings
    assert sorted(duck.column("subject_id").to_pylist()) == ["cjk", "shop", "spammer"]
    started = time.perf_counter()
    spark = DuplicatePosts().detect(Lake(duck_lake.root, backend="pyspark", con=spark_con))
    print(f"duplicate_posts on PySpark: {time.perf_counter() - started:.1f} s")
    assert spark.findings.equals(duck)
