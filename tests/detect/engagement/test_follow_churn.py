"""engagement.follow_churn: follow many, unfollow most of them soon after."""

from __future__ import annotations

import json
from collections.abc import Callable

from lockstep.detect.engagement.follow_churn import FollowChurn
from lockstep.lake import Lake
from tests.detect.engagement.worlds import World


def _flagged(lake: Lake, **params: object) -> dict[str, dict[str, object]]:
    rows = FollowChurn(**params).detect(lake).findings.to_pylist()  # type: ignore[arg-type]
    return {r["subject_id"]: json.loads(r["evidence"]) for r in rows}


def test_a_churner_is_flagged_and_occasional_unfollows_are_not(
    make_lake: Callable[..., Lake],
) -> None:
    w = World()
    w.account("churner")
    for i, person in enumerate(w.people[:80]):
        w.engage("churner", "follow", 60 + i * 5, target=person)
        if i % 8:
            w.engage("churner", "unfollow", 60 + i * 5 + 30 * 60, target=person)
        if i % 3 == 0:
            w.engage(person, "follow", 60 + i * 5 + 120, target="churner")
    found = _flagged(make_lake(w.tables()))
    assert set(found) == {"churner"}
    assert found["churner"]["churned"] == 70
    assert found["churner"]["followed_back"] > 0
    assert "followed and then unfollowed 70 accounts" in str(found["churner"]["summary"])


def test_a_popular_account_gaining_and_losing_followers_is_not_flagged(
    make_lake: Callable[..., Lake],
) -> None:
    w = World()
    w.account("star", followers_count=500_000)
    for i, person in enumerate(w.people):
        w.engage(person, "follow", 10 + i, target="star")
        if i % 2:
            w.engage(person, "unfollow", 600 + i, target="star")
    assert _flagged(make_lake(w.tables())) == {}


def test_the_bar_rises_with_the_population_level(make_lake: Callable[..., Lake]) -> None:
    w = World()
    w.account("churner")
    for i, person in enumerate(w.people[:50]):
        w.engage("churner", "follow", 60 + i, target=person)
        w.engage("churner", "unfollow", 60 + i + 600, target=person)
    lake = make_lake(w.tables())
    assert set(_flagged(lake)) == {"churner"}
    # where pruning follows is the norm (a high population level), the same churn is not enough
    assert _flagged(lake, quantile=1.0, factor=1.5) == {}
