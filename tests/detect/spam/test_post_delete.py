"""spam.post_delete: posting and deleting the same content repeatedly."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

from lockstep.detect.spam.post_delete import PostDelete
from lockstep.lake import Lake

T0 = datetime(2024, 3, 1, 10, 2)
Row = dict[str, Any]
MakeLake = Callable[..., Lake]

PROMO = "Crypto giveaway tonight: send 0.1 and get 1 back, only for the first hundred people"
#: One spammer's cycles of one promotion, each copy edited a little.
PROMO_EDITS = [
    PROMO,
    "CRYPTO GIVEAWAY TONIGHT!!! send 0.1 and get 1 back, only for the first hundred people 🚀",
    "Crypto giveaway tonight - send 0.1 and get 1 back - only for the first hundred people #btc",
    "@dan Crypto giveaway tonight: send 0.1 and get 1 back, only for the first hundred people",
    "Crypto giveaway tonight: send 0.1 and get 1 back, only for the first 100 people https://x.io",
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

    def post(self, account: str, text: str, minutes: float, deleted: float | None = None) -> str:
        """A post, deleted ``deleted`` minutes after it was posted when given."""
        self.accounts.setdefault(account, {"account_id": account, "declared_automated": False})
        post_id = f"{account}-{len(self.posts):04d}"
        created = T0 + timedelta(minutes=minutes)
        self.posts.append(
            {
                "post_id": post_id,
                "account_id": account,
                "created_at": created,
                "text": text,
                "deleted_at": None if deleted is None else created + timedelta(minutes=deleted),
            }
        )
        return post_id

    def tables(self) -> dict[str, list[Row]]:
        return {"accounts": [self.accounts[a] for a in sorted(self.accounts)], "posts": self.posts}


def _run(make_lake: MakeLake, world: World, **params: Any) -> dict[str, Row]:
    out = PostDelete(**params).detect(make_lake(world.tables())).findings.to_pylist()
    for row in out:
        row["evidence"] = json.loads(row["evidence"])
    return {row["subject_id"]: row for row in out}


def _cycler(w: World, account: str = "cycler", edits: list[str] = PROMO_EDITS) -> list[str]:
    """Posts each edit, deletes it 10-14 minutes later, every 90 minutes."""
    ids = [w.post(account, text, 90 * i, 10 + i) for i, text in enumerate(edits)]
    w.post(account, edits[0], 90 * len(edits))  # the last copy stays up
    return ids


def test_edited_copies_posted_and_deleted_are_flagged_with_checkable_evidence(
    make_lake: MakeLake,
) -> None:
    w = World()
    ids = _cycler(w)
    w.post("other", PROMO, 3, 5)  # another account's deleted copy is not this account's cycle
    found = _run(make_lake, w)
    assert set(found) == {"cycler"}
    f = found["cycler"]
    ev = f["evidence"]
    assert ev["post_ids"] == ids and ev["cycles"] == ev["post_count"] == 5
    assert ev["times"][0] == "2024-03-01T10:02:00"
    assert ev["deleted_times"][0] == "2024-03-01T10:12:00"
    assert ev["median_lifetime_minutes"] == 12.0
    assert ev["summary"] == (
        "Posted and deleted near-identical content 5 times between 2024-03-01 10:02 and "
        "16:16 UTC; each copy deleted after a median of 12 minutes."
    )
    assert ev["sample_texts"] == [PROMO]
    assert (f["window_start"], f["window_end"]) == (T0, T0 + timedelta(minutes=360 + 14))
    assert f["account_ids"] == ["cycler"] and 0.0 < f["score"] <= 1.0


def test_more_cycles_score_higher(make_lake: MakeLake) -> None:
    w = World()
    _cycler(w, "few", PROMO_EDITS[:3])
    _cycler(w, "many", PROMO_EDITS * 3)
    found = _run(make_lake, w)
    assert found["many"]["score"] > found["few"]["score"]
    # the first three edits differ only in case, punctuation, emoji and a closing hashtag
    assert found["few"]["evidence"]["summary"].startswith(
        "Posted and deleted identical content 3 times"
    )


def test_min_cycles_and_window_decide(make_lake: MakeLake) -> None:
    w = World()
    _cycler(w, edits=PROMO_EDITS[:3])
    assert _run(make_lake, w, min_cycles=4) == {}
    assert _run(make_lake, w, window_hours=2.0) == {}
    assert set(_run(make_lake, w)) == {"cycler"}


def test_deleting_a_typo_and_reposting_once_is_not_flagged(make_lake: MakeLake) -> None:
    w = World()
    w.post("person", "Congratulatoins to the whole team on a brilliant season, so proud", 0, 2)
    w.post("person", "Congratulations to the whole team on a brilliant season, so proud", 3)
    assert _run(make_lake, w) == {}


def test_cleaning_up_many_different_posts_is_not_flagged(make_lake: MakeLake) -> None:
    w = World()
    for i, text in enumerate(CHAT * 2):  # different posts, each deleted within the hour
        w.post("tidy", f"{text} ({'again' if i >= len(CHAT) else 'today'}, part {i})", 60 * i, 30)
    w.post("tidy", CHAT[0] + " and more words", 1000)
    found = _run(make_lake, w)
    assert "tidy" not in found


def test_a_late_clean_up_of_repeated_posts_is_not_a_cycle(make_lake: MakeLake) -> None:
    w = World()
    for i, text in enumerate(PROMO_EDITS):  # posted over days, all deleted a week later
        w.post("late", text, 60 * 24 * i, 60 * 24 * 7)
    assert _run(make_lake, w) == {}
    assert set(_run(make_lake, w, max_lifetime_hours=24 * 8.0)) == {"late"}


def test_repeated_posts_that_stay_up_are_not_this_behaviour(make_lake: MakeLake) -> None:
    w = World()
    for i, text in enumerate(PROMO_EDITS):
        w.post("repeater", text, 30 * i)
    assert _run(make_lake, w) == {}


def test_declared_bots_are_exempt_unless_asked(make_lake: MakeLake) -> None:
    w = World()
    _cycler(w, "clockbot")
    w.accounts["clockbot"]["declared_automated"] = True
    assert _run(make_lake, w) == {}
    assert set(_run(make_lake, w, exempt_declared_bots=False)) == {"clockbot"}


def test_skipped_when_deleted_at_was_never_filled(make_lake: MakeLake) -> None:
    w = World()
    _cycler(w)
    tables = w.tables()
    for row in tables["posts"]:
        del row["deleted_at"]
    assert PostDelete().missing(make_lake(tables)) == ["posts.deleted_at"]


@pytest.mark.parametrize("bad", [{"min_cycles": 1}, {"window_hours": 0.0}, {"similarity": 0.0}])
def test_bad_parameters_are_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        PostDelete(**bad)


@pytest.mark.spark
@pytest.mark.slow
def test_pyspark_gives_the_same_findings_as_duckdb(make_lake: MakeLake, spark_con: Any) -> None:
    w = World()
    _cycler(w)
    _cycler(w, "few", PROMO_EDITS[:3])
    w.post("person", "Congratulatoins to the whole team on a brilliant season, so proud", 0, 2)
    w.post("person", "Congratulations to the whole team on a brilliant season, so proud", 3)
    duck_lake = make_lake(w.tables())
    duck = PostDelete().detect(duck_lake).findings
    assert sorted(duck.column("subject_id").to_pylist()) == ["cycler", "few"]
    spark = PostDelete().detect(Lake(duck_lake.root, backend="pyspark", con=spark_con))
    assert spark.findings.equals(duck)
