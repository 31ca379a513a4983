"""engagement.incentivised: promises of engagement in return, and engagement for sale."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest

from lockstep.detect.engagement.incentivised import Incentivised, compile_phrase, patterns
from lockstep.lake import Lake, write_lake

T0 = datetime(2024, 3, 1, 8, 0)
YOUTUBE = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "youtube_spam_dev"

ORDINARY = [
    "Morning run done, legs are jelly",
    "Anyone else watching the match tonight?",
    "New recipe: lentil soup with smoked paprika",
    "Traffic on the ring road is terrible again",
    "Finished the book, the ending was a surprise",
    "Coffee first, then emails",
]


def _lake(tmp_path: Path, posts: dict[str, list[str]], hashtags: bool = False) -> Lake:
    """A lake with one account per key of ``posts``, posting its texts an hour apart."""
    rows: dict[str, list[Any]] = {"post_id": [], "account_id": [], "created_at": [], "text": []}
    tags: list[list[str]] = []
    for account, texts in posts.items():
        for i, text in enumerate(texts):
            rows["post_id"].append(f"{account}-p{i:03d}")
            rows["account_id"].append(account)
            rows["created_at"].append(T0 + timedelta(hours=i))
            rows["text"].append(text)
            tags.append([])
    table = pa.table(rows)
    if hashtags:
        table = table.append_column("hashtags", pa.array(tags, pa.list_(pa.string())))
    accounts = pa.table({"account_id": sorted(posts)})
    write_lake(tmp_path, {"accounts": accounts, "posts": table})
    return Lake(tmp_path)


def _flagged(lake: Lake, **params: Any) -> dict[str, dict[str, Any]]:
    found = Incentivised(**params).detect(lake).findings.to_pylist()
    return {f["subject_id"]: json.loads(f["evidence"]) | {"_score": f["score"]} for f in found}


def _mixed(promises: list[str], ordinary: int = 4) -> list[str]:
    """Promise posts interleaved with ordinary ones, as a real promoter's timeline looks."""
    out: list[str] = []
    for i, p in enumerate(promises):
        out.append(p)
        out.extend(ORDINARY[(i + j) % len(ORDINARY)] for j in range(ordinary))
    return out


def test_promoters_in_many_languages_and_spellings_are_flagged(tmp_path: Path) -> None:
    promoters = {
        "en_leet": [
            "f0ll0w 4 f0ll0w!!! 💯",
            "sub 🔥4🔥 sub, I always sub back",
            "#f4f #l4l #instagood",
        ],
        "en_train": [
            "🚂 FOLLOW TRAIN 🚂 follow everyone who RTs this",
            "All aboard the gain train",
        ],
        "en_sale": [
            "Buy real Instagram followers cheap 👉 shop.example",
            "cheap likes delivered in 1 hour",
            "1000 followers for $5, DM me",
        ],
        "es": [
            "sigo de vuelta a todos 💕",
            "sígueme y te sigo",
            "seguidores baratos, envío inmediato",
        ],
        "pt": ["me segue que eu sigo de volta", "SDV 100%", "Todos no trem 🚂 siga quem der RT"],
        "de": ["Folgst du mir, folg ich dir!", "Abo gegen Abo 🙌", "Follower kaufen, günstig"],
        "fr": ["abonne toi je m'abonne en retour", "acheter des followers pas cher"],
        "ru": ["ПОДПИСКА НА ПОДПИСКУ 💥", "взаимная подписка, пишите в лс", "накрутка подписчиков"],
        "ar": ["متابعة مقابل متابعة", "تابعني وأتابعك", "شراء متابعين حقيقيين"],
        "tr": ["TAKİPÇİ SATIN AL", "takip edene takip 🔁", "ucuz takipçi"],
        "id": ["follback dong kak, saling follow yuk", "jual followers murah"],
        "ja": ["フォロバ100%！", "相互フォロー募集中です"],
    }
    lake = _lake(tmp_path, {a: _mixed(p) for a, p in promoters.items()} | {"plain": ORDINARY})
    found = _flagged(lake)
    assert set(found) == set(promoters)
    assert found["en_sale"]["kinds"] == {"sale": 3}
    assert found["ru"]["counted_posts"] == 3
    assert found["ru"]["total_posts"] == 15
    quoted = found["es"]["posts"][0]
    assert quoted["post_id"] == "es-p000"
    assert quoted["phrase"] == "sigo de vuelta"
    assert quoted["kinds"] == ["reciprocal"]


def test_one_joke_among_many_ordinary_posts_is_not_enough(tmp_path: Path) -> None:
    joker = [ORDINARY[i % len(ORDINARY)] for i in range(199)] + ["lol follow for follow?"]
    lake = _lake(tmp_path, {"joker": joker, "promoter": _mixed(["f4f"] * 3, ordinary=10)})
    assert set(_flagged(lake)) == {"promoter"}


def test_a_throwaway_account_whose_only_post_is_the_promise_is_flagged(tmp_path: Path) -> None:
    lake = _lake(tmp_path, {"throwaway": ["Subscribe to me and I'll subscribe back!!!"]})
    assert set(_flagged(lake)) == {"throwaway"}
    assert _flagged(lake, dominant_share=1.01) == {}


def test_reporting_on_the_practice_is_not_a_promise(tmp_path: Path) -> None:
    news = [
        "Platform bans follow-for-follow schemes",
        "Study finds 30% of influencers buy real followers",
        "Regulator fines agency that sold cheap likes to politicians",
        "Según un estudio, comprar seguidores es cada vez más común",
        "Запрет на накрутку подписчиков: что изменится",
    ]
    retail = ["Like-for-like sales rose 4% in the third quarter"] * 5
    lake = _lake(tmp_path, {"newsdesk": news, "retail_desk": retail})
    assert _flagged(lake) == {}


def test_near_misses_in_organic_activity_are_left_alone(tmp_path: Path) -> None:
    # the seeds' non-violations, written with the words a careless filter trips over
    lake = _lake(
        tmp_path,
        {
            "activist": [
                "Follow the march live from 2pm, bring water",
                "We stand with the nurses. Share if you agree",
                "Thousands came out today, thank you all",
            ],
            "fan": [
                "she followed me back!!! best day ever",
                "I like you back, you know who you are",
            ],
            "creator": ["Thanks for 1000 followers for 2 years!", "New video is up, link in bio"],
            "football": ["What a giveaway by the keeper", "We won the game, to win a cup next"],
            "branch_north": [
                "Our north branch opens at 9 tomorrow",
                "Fresh bread at the north shop",
            ],
            "branch_south": [
                "Our south branch opens at 9 tomorrow",
                "Fresh bread at the south shop",
            ],
            "hobby_bot": [f"Hourly tide height: {h} m (automated)" for h in range(20)],
            # numbers are not leetspeak words: "141" is not "l4l", "545" is not "s4s"
            "shop": ["🛍️ LED strip lights · 141", "🛍️ sunglasses · 545", "🛍️ phone cases · 141"],
        },
    )
    assert _flagged(lake) == {}


def test_hashtags_count_when_the_text_lacks_them(tmp_path: Path) -> None:
    posts = pa.table(
        {
            "post_id": ["a1", "a2", "b1"],
            "account_id": ["a", "a", "b"],
            "created_at": [T0, T0 + timedelta(hours=1), T0],
            "text": ["sunset photo", "beach day", "sunset photo"],
            "hashtags": [["followforfollow", "photo"], ["like4like"], ["photo"]],
        }
    )
    write_lake(tmp_path, {"accounts": pa.table({"account_id": ["a", "b"]}), "posts": posts})
    assert set(_flagged(Lake(tmp_path))) == {"a"}


def test_the_same_input_gives_the_same_findings(tmp_path: Path) -> None:
    posts = {"a": _mixed(["sub4sub", "f4f", "l4l"]), "b": _mixed(["seguidores baratos"] * 2)}
    first = Incentivised().detect(_lake(tmp_path / "one", posts)).findings
    second = Incentivised().detect(_lake(tmp_path / "two", posts)).findings
    assert first.equals(second)
    assert first.num_rows == 2


def test_the_shipped_phrase_list_compiles_and_bad_phrases_are_refused() -> None:
    pats = patterns()
    assert all(pats.kinds.values()) and pats.about and pats.giveaway_condition
    with pytest.raises(ValueError, match="never survives"):
        compile_phrase("follow & like")
    with pytest.raises(ValueError, match="braces"):
        compile_phrase("{follow|like")
    with pytest.raises(ValueError, match="spaces around"):
        compile_phrase("{follow | like}")


@pytest.mark.skipif(not YOUTUBE.exists(), reason="real YouTube spam sample not available")
def test_real_youtube_comments_flag_only_spam(tmp_path: Path) -> None:
    posts = pq.read_table(YOUTUBE / "posts.parquet")
    labels = pcsv.read_csv(YOUTUBE / "labels.csv").to_pylist()
    spam_posts = {r["post_id"] for r in labels if r["label"] == 1}
    spam_accounts = {
        a
        for a, p in zip(posts["account_id"].to_pylist(), posts["post_id"].to_pylist(), strict=True)
        if p in spam_posts
    }
    posts = posts.select(["post_id", "account_id", "created_at", "text"]).cast(
        pa.schema(
            [
                ("post_id", pa.string()),
                ("account_id", pa.string()),
                ("created_at", pa.timestamp("us")),
                ("text", pa.string()),
            ]
        )
    )
    accounts = pa.table({"account_id": sorted(set(posts["account_id"].to_pylist()))})
    write_lake(tmp_path, {"accounts": accounts, "posts": posts})
    found = _flagged(Lake(tmp_path))
    # the comments promising a "sub back" / "follow 4 follow" are about a dozen of 350 spam
    assert len(found) >= 8
    assert set(found) <= spam_accounts


@pytest.mark.spark
def test_pyspark_finds_the_same_accounts(tmp_path: Path) -> None:
    posts = {
        "en": _mixed(["f0ll0w 4 f0ll0w", "#f4f #l4l", "i'll sub back"]),
        "tr": _mixed(["TAKİPÇİ SATIN AL", "takip edene takip"]),
        "ja": _mixed(["フォロバ100%", "相互フォロー募集"]),
        "news": ["Platform bans follow-for-follow schemes"] * 3,
    }
    duck = Incentivised().detect(_lake(tmp_path, posts)).findings
    spark = Incentivised().detect(Lake(tmp_path, backend="pyspark")).findings
    assert duck.equals(spark)
    assert sorted(duck["subject_id"].to_pylist()) == ["en", "ja", "tr"]
