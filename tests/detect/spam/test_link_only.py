"""spam.link_only: links without commentary as the bulk of an account's posts."""

from __future__ import annotations

from pathlib import Path

import ibis
import pyarrow as pa
import pytest

from lockstep.detect.spam.link_only import LinkOnly, words
from lockstep.lake import Lake, write_lake
from tests.detect.urlintel.worlds import (
    CHAT,
    HEADLINES,
    T0,
    Posts,
    flagged_accounts,
    hard_negatives,
    ingested,
    lake,
    run,
)

YOUTUBE = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "youtube_spam_dev"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://x.com/a", 0),
        ("@bob #deal https://a.example/c 👉👉", 0),
        ("www.foo.com/bar lol", 1),
        ("Check this https://x.com", 2),
        ("Katy Perry - Roar (Official): http://youtu.be/x", 4),
        ("shop.example/item/1 and more words here", 4),
        ("看这个 http://x.com", 3),  # unspaced scripts: one word per character
        ("Ünïcödé wörds ñ", 3),
        (None, 0),
    ],
)
def test_words_besides_urls_mentions_and_hashtags(text: str | None, expected: int) -> None:
    t = ibis.memtable(pa.table({"text": pa.array([text], pa.string())}))
    assert t.select(n=words(t.text)).to_pyarrow()["n"][0].as_py() == expected


def _spammers(p: Posts) -> list[str]:
    """Link-only accounts with varied shapes of 'no commentary'."""
    for i in range(12):  # nothing but the link
        p.add("bare", None if i % 2 else "", [f"https://deals-hub.example/item/{i}"])
    for i in range(10):  # emoji, mentions and hashtags are not commentary
        p.add("emoji", f"👉👉 @user{i} #deal #promo https://bit.ly/x{i}", [f"https://bit.ly/x{i}"])
    for i in range(9):  # one or two filler words
        p.add(
            "filler",
            ["wow", "look!!", "check this", "omg"][i % 4] + f" https://ex.example/{i}",
            [f"https://ex.example/{i}"],
        )
    for i in range(14):  # bare links as the bulk, some ordinary chat mixed in
        if i % 3 == 0:
            p.add("mostly", CHAT[i % len(CHAT)])
        else:
            p.add("mostly", f"https://mostly.example/{i}", [f"https://mostly.example/{i}"])
    return ["bare", "emoji", "filler", "mostly"]


def test_link_only_accounts_are_flagged_and_hard_negatives_are_not(tmp_path: Path) -> None:
    p = Posts()
    negatives = hard_negatives(p)
    positives = _spammers(p)
    found = run(LinkOnly(), lake(tmp_path, p))
    assert flagged_accounts(found) == set(positives)
    by_id = {f["subject_id"]: f for f in found}
    assert all(f["subject_type"] == "account" for f in found)
    mostly = by_id["mostly"]["evidence"]
    assert mostly["post_count"] == 14 and mostly["bare_link_count"] == 9
    assert by_id["mostly"]["score"] == pytest.approx(9 / 14, abs=1e-6)
    assert len(mostly["posts"]) == 9 and all(x["urls"] for x in mostly["posts"])
    assert "9 of its 14 posts" in mostly["summary"]
    assert not set().union(*negatives.values()) & flagged_accounts(found)


def test_occasional_bare_links_are_fine(tmp_path: Path) -> None:
    p = Posts()
    for i in range(50):  # 4 bare links in 50 posts, and 5 bare links in 11
        p.add(
            "chatty",
            CHAT[i % len(CHAT)] if i % 12 else None,
            [] if i % 12 else ["https://a.example"],
        )
    for i in range(11):
        p.add(
            "half", CHAT[i % len(CHAT)] if i % 2 else None, [] if i % 2 else ["https://b.example"]
        )
    found = run(LinkOnly(), lake(tmp_path, p))
    assert flagged_accounts(found) == {"half"}  # 6 of 11 is the bulk
    assert not run(LinkOnly(min_share=0.6, min_share_own_sites=0.6), lake(tmp_path, p))


def test_own_sites_pushed_bare_nearly_half_the_time_but_widely_read_sources_are_not(
    tmp_path: Path,
) -> None:
    """Near misses either side: 9 bare of 20 posts (45 %) all to the account's own shop,
    against a curator with 9 bare of 20 posts to outlets that many people link to."""
    p = Posts()
    outlets = [
        "https://www.bbc.co.uk/news/",
        "https://apnews.com/article/",
        "https://elpais.com/x/",
    ]
    for reader in range(6):  # other people read the same outlets
        for j, outlet in enumerate(outlets):
            p.add(f"reader{reader}", CHAT[j % len(CHAT)] + " " + outlet + str(j), [outlet + str(j)])
    for i in range(20):
        own = f"https://my-shop.example/deal/{i}"
        p.add("pusher", None if i % 20 < 9 else f"{CHAT[i % len(CHAT)]} {own}", [own])
        news = outlets[i % 3] + f"{100 + i}"
        p.add("curator", None if i % 20 < 9 else f"{CHAT[i % len(CHAT)]} {news}", [news])
    found = run(LinkOnly(), lake(tmp_path, p))
    assert flagged_accounts(found) == {"pusher"}
    assert "20 of its 20 links go to sites" in found[0]["evidence"]["summary"]
    assert not run(LinkOnly(max_site_accounts=0), lake(tmp_path / "strict", p))


def test_few_bare_links_are_not_enough_whatever_the_share(tmp_path: Path) -> None:
    p = Posts()
    for i in range(4):
        p.add("new_account", None, [f"https://c.example/{i}"])
    assert not run(LinkOnly(), lake(tmp_path, p))
    assert flagged_accounts(run(LinkOnly(min_bare_posts=4), lake(tmp_path, p))) == {"new_account"}


def test_headlines_count_as_commentary_and_max_words_is_a_parameter(tmp_path: Path) -> None:
    p = Posts()
    for i in range(20):
        p.add(
            "short_titles",
            f"Read: {HEADLINES[i % 8].split()[0]} https://n.example/{i}",
            [f"https://n.example/{i}"],
        )
    assert flagged_accounts(run(LinkOnly(), lake(tmp_path, p))) == {"short_titles"}
    assert not run(LinkOnly(max_words=1), lake(tmp_path, p))


def test_declared_bots_are_exempt_unless_switched_off(tmp_path: Path) -> None:
    p = Posts()
    for i in range(10):
        p.add("feed_bot", None, [f"https://feed.example/{i}"])
    p.bots.add("feed_bot")
    assert not run(LinkOnly(), lake(tmp_path, p))
    assert flagged_accounts(run(LinkOnly(exempt_declared_bots=False), lake(tmp_path, p))) == {
        "feed_bot"
    }


def test_product_listings_are_not_link_posts(tmp_path: Path) -> None:
    p = Posts()
    for i in range(10):
        p.add("shop", None, [f"https://shop.example/p/{i}"], kind="product")
    assert not run(LinkOnly(), lake(tmp_path, p))


def test_same_input_same_output(tmp_path: Path) -> None:
    p = Posts()
    _spammers(p)
    lk = lake(tmp_path, p)
    assert LinkOnly().detect(lk).findings.equals(LinkOnly().detect(Lake(tmp_path)).findings)


def test_skipped_without_text(tmp_path: Path) -> None:
    posts = pa.table(
        {"post_id": ["1"], "account_id": ["a"], "created_at": [T0], "urls": [["https://x.example"]]}
    )
    write_lake(tmp_path, {"accounts": pa.table({"account_id": ["a"]}), "posts": posts})
    assert LinkOnly().missing(Lake(tmp_path)) == ["posts.text"]


@pytest.mark.skipif(not YOUTUBE.exists(), reason="shared YouTube spam sample not present")
def test_youtube_comments_have_no_link_only_account(tmp_path: Path) -> None:
    """Real comments: no commenter posts a bulk of bare links (each wrote one to a few)."""
    lk = ingested(YOUTUBE, tmp_path)
    assert not LinkOnly().missing(lk)  # ingest found the links in the text
    assert not run(LinkOnly(), lk)
    # ... while the same data with the threshold at one bare link does have bare links
    assert run(LinkOnly(min_bare_posts=1, min_share=0.01), lk)
