"""spam.bulk_mentions: bursts of cold replies and mentions to strangers."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from lockstep.detect.spam.bulk_mentions import BulkMentions
from lockstep.lake import Lake, write_lake


def _words(text: str) -> list[str]:
    return text.split()


T0 = datetime(2024, 5, 1, 9, 0)
WORDS = _words(
    "river garden coffee bicycle thunder library window mountain violin pepper harbour "
    "lantern meadow orbit pebble quartz saddle tulip velvet walnut yarn zephyr anchor "
    "biscuit candle dolphin ember falcon glacier hazel igloo jasmine kettle lemon marble "
    "nectar olive parrot quiver raven sapphire timber umbrella valley whistle maple cedar"
)


def varied(i: int) -> str:
    """A sentence that shares little with the others (organic, unscripted wording)."""
    return f"{i}: " + " ".join(random.Random(i).sample(WORDS, 7))


@dataclass
class World:
    posts: list[dict[str, Any]] = field(default_factory=list)
    engagements: list[dict[str, Any]] = field(default_factory=list)
    accounts: set[str] = field(default_factory=set)

    def post(
        self,
        account: str,
        at: datetime,
        text: str,
        reply_to: str | None = None,
        mentions: list[str] | None = None,
    ) -> str:
        pid = f"p{len(self.posts):05d}"
        self.accounts.add(account)
        self.accounts.update(mentions or [])
        self.posts.append(
            {
                "post_id": pid,
                "account_id": account,
                "created_at": at,
                "text": text,
                "reply_to": reply_to,
                "mentions": mentions or [],
            }
        )
        return pid

    def follow(self, account: str, target: str, at: datetime) -> None:
        self.accounts.update((account, target))
        self.engagements.append(
            {"account_id": account, "kind": "follow", "created_at": at, "target_account_id": target}
        )

    def lake(self, root: Path, engagements: bool = True) -> Lake:
        tables = {
            "accounts": pa.table({"account_id": sorted(self.accounts)}),
            "posts": pa.Table.from_pylist(self.posts),
        }
        if engagements and self.engagements:
            tables["engagements"] = pa.Table.from_pylist(self.engagements)
        write_lake(root, tables)
        return Lake(root)


def strangers(w: World, prefix: str, n: int) -> list[str]:
    """``n`` accounts with one ordinary post each; returns their post ids."""
    return [w.post(f"{prefix}{i:03d}", T0 - timedelta(days=1), varied(i)) for i in range(n)]


def flagged(lake: Lake, **params: Any) -> dict[str, dict[str, Any]]:
    out = BulkMentions(**params).detect(lake).findings.to_pylist()
    return {f["subject_id"]: json.loads(f["evidence"]) | {"_f": f} for f in out}


def test_templated_replies_to_a_dozen_strangers_within_hours_are_flagged(tmp_path: Path) -> None:
    w = World()
    targets = strangers(w, "s", 15)
    for i, pid in enumerate(targets):
        offer = ["Great post!", "Love this!", "So true!"][i % 3]
        w.post(
            "replyspam",
            T0 + timedelta(minutes=9 * i),
            f"{offer} Get 50% off sneakers at kicks.example today only",
            reply_to=pid,
        )
    found = flagged(w.lake(tmp_path))
    assert set(found) == {"replyspam"}
    ev = found["replyspam"]
    assert ev["burst_recipients"] == 15
    assert ev["templated_share"] == 1.0
    assert [c["to"] for c in ev["contacts"]][:3] == ["s000", "s001", "s002"]
    f = found["replyspam"]["_f"]
    assert f["window_start"] == T0 and f["window_end"] == T0 + timedelta(minutes=9 * 14)
    assert ev["contacts"][0]["text"].startswith("Great post! Get 50% off")


def test_a_high_volume_burst_of_varied_mentions_is_flagged(tmp_path: Path) -> None:
    w = World()
    strangers(w, "s", 40)
    for i in range(32):  # varied text, one stranger per post, within five hours
        w.post("blaster", T0 + timedelta(minutes=9 * i), varied(100 + i), mentions=[f"s{i:03d}"])
    found = flagged(w.lake(tmp_path))
    assert set(found) == {"blaster"}
    assert found["blaster"]["templated_share"] == 0.0
    assert found["blaster"]["burst_recipients"] == 32


def test_one_post_mentioning_dozens_of_strangers_is_flagged(tmp_path: Path) -> None:
    w = World()
    strangers(w, "s", 40)
    w.post("tagger", T0, "look at this!!", mentions=[f"s{i:03d}" for i in range(35)])
    assert set(flagged(w.lake(tmp_path))) == {"tagger"}


def test_fans_swarming_a_star_and_the_star_answering_them_are_left_alone(tmp_path: Path) -> None:
    w = World()
    show = w.post("star", T0, "New single out now!")
    fans = [f"fan{i:03d}" for i in range(80)]
    replies = [
        w.post(fan, T0 + timedelta(minutes=i), varied(i), reply_to=show)
        for i, fan in enumerate(fans)
    ]
    for i, pid in enumerate(replies[:40]):  # the star thanks her fans, always the same words
        w.post(
            "star",
            T0 + timedelta(hours=2, minutes=2 * i),
            "thank you so much, love you all!!",
            reply_to=pid,
        )
    assert flagged(w.lake(tmp_path)) == {}


def test_support_desks_and_bots_answering_those_who_called_them_are_left_alone(
    tmp_path: Path,
) -> None:
    w = World()
    for i in range(40):
        asked = w.post(f"customer{i:03d}", T0 + timedelta(minutes=i), varied(i), mentions=["brand"])
        w.post(
            "brand",
            T0 + timedelta(minutes=i + 5),
            "Sorry to hear that! Please DM us your order number",
            reply_to=asked,
        )
        called = w.post(
            f"user{i:03d}",
            T0 + timedelta(minutes=i),
            "@tidebot when is high tide?",
            mentions=["tidebot"],
        )
        w.post(
            "tidebot",
            T0 + timedelta(minutes=i + 1),
            "High tide today is at 14:05 (automated)",
            reply_to=called,
        )
    assert flagged(w.lake(tmp_path)) == {}


def test_earlier_follows_make_contacts_warm(tmp_path: Path) -> None:
    w = World()
    targets = strangers(w, "mutual", 40)
    for i in range(40):
        w.follow(f"mutual{i:03d}", "socialite", T0 - timedelta(days=30))
    for i, pid in enumerate(targets):
        w.post(
            "socialite", T0 + timedelta(minutes=5 * i), "congrats!! so happy for you", reply_to=pid
        )
    assert flagged(w.lake(tmp_path / "with")) == {}
    # without the engagement data the same replies are indistinguishable from cold ones
    assert set(flagged(w.lake(tmp_path / "without", engagements=False))) == {"socialite"}


def test_slow_or_small_outreach_is_not_a_burst(tmp_path: Path) -> None:
    w = World()
    targets = strangers(w, "s", 30)
    for i, pid in enumerate(targets[:20]):  # templated but spread over five days
        w.post(
            "slowpoke",
            T0 + timedelta(hours=6 * i),
            "Have you heard about our book club?",
            reply_to=pid,
        )
    politicians = [f"mp{i:02d}" for i in range(10)]
    for i, mp in enumerate(politicians):  # one activist writing to ten representatives
        w.post(
            "activist",
            T0 + timedelta(minutes=3 * i),
            "Please vote no on the housing bill this Thursday",
            mentions=[mp],
        )
    w.post("branch_north", T0, "Thanks to our colleagues for the help!", mentions=["branch_south"])
    w.post(
        "branch_south", T0 + timedelta(hours=1), "Any time, neighbours!", mentions=["branch_north"]
    )
    assert flagged(w.lake(tmp_path)) == {}


def test_needs_replies_or_mentions(tmp_path: Path) -> None:
    posts = pa.table({"post_id": ["a"], "account_id": ["x"], "created_at": [T0], "text": ["hi"]})
    write_lake(tmp_path, {"accounts": pa.table({"account_id": ["x"]}), "posts": posts})
    assert BulkMentions().missing(Lake(tmp_path)) == ["posts.reply_to or posts.mentions"]


def _spammy_world() -> World:
    w = World()
    targets = strangers(w, "s", 20)
    for i, pid in enumerate(targets):
        w.post(
            "replyspam",
            T0 + timedelta(minutes=7 * i),
            "Earn $500 a day from home, link in bio!!",
            reply_to=pid,
        )
    show = w.post("star", T0, "Tour dates announced")
    for i in range(30):
        w.post(f"fan{i:02d}", T0 + timedelta(minutes=i), varied(i), reply_to=show)
    return w


def test_the_same_input_gives_the_same_findings(tmp_path: Path) -> None:
    first = BulkMentions().detect(_spammy_world().lake(tmp_path / "a")).findings
    second = BulkMentions().detect(_spammy_world().lake(tmp_path / "b")).findings
    assert first.equals(second) and first.num_rows == 1


@pytest.mark.spark
@pytest.mark.slow
def test_pyspark_finds_the_same_accounts(tmp_path: Path) -> None:
    duck = BulkMentions().detect(_spammy_world().lake(tmp_path)).findings
    spark = BulkMentions().detect(Lake(tmp_path, backend="pyspark")).findings
    assert duck.equals(spark)
