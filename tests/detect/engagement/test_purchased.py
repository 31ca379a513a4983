"""engagement.purchased: bursts from fake-looking accounts name the buyer and the sources."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

from lockstep.detect.engagement.purchased import Purchased
from lockstep.lake import Lake
from tests.detect.engagement.worlds import T0, World


def _flagged(lake: Lake) -> dict[str, dict[str, object]]:
    rows = Purchased().detect(lake).findings.to_pylist()
    return {r["subject_id"]: json.loads(r["evidence"]) for r in rows}


def _fakes(w: World, n: int) -> list[str]:
    return [
        w.account(
            f"fake{i:03d}",
            created_at=T0 - timedelta(days=20),
            avatar_hash=None,
            bio=None,
            followers_count=2,
        )
        for i in range(n)
    ]


def test_bought_likes_and_follows_name_buyer_and_sources(make_lake: Callable[..., Lake]) -> None:
    w = World()
    w.account("shop")
    w.account("influencer")
    fakes = _fakes(w, 30)
    post = w.post("shop", 500)
    for i, fake in enumerate(fakes):
        w.engage(fake, "like", 560 + i * 3, post=post)
        if i < 20:
            w.engage(fake, "follow", 3000 + i * 5, target="influencer")
    found = _flagged(make_lake(w.tables()))
    assert set(found) == {"shop", "influencer", *fakes}
    assert found["shop"]["role"] == "buyer" and found["shop"]["sources_total"] == 30
    assert found["influencer"]["bursts"][0]["kind"] == "follow"  # type: ignore[index]
    assert found[fakes[0]]["role"] == "source"
    assert set(found[fakes[0]]["buyers"]) == {"shop", "influencer"}  # type: ignore[arg-type]


def test_fans_swarming_a_star_and_viral_sharing_are_not_bought(
    make_lake: Callable[..., Lake],
) -> None:
    w = World()
    w.account("star", followers_count=400_000, verified=True)
    for k in range(3):
        post = w.post("star", 1000 + k * 1440)
        for i, fan in enumerate(w.people):
            w.engage(fan, "like", 1002 + k * 1440 + i * 0.5, post=post)
            w.engage(fan, "repost", 1003 + k * 1440 + i * 0.5, post=post)
    for i, fan in enumerate(w.people):
        w.engage(fan, "follow", 1100 + i, target="star")
    assert _flagged(make_lake(w.tables())) == {}


def test_an_ordinary_person_liking_a_bought_post_is_not_a_source(
    make_lake: Callable[..., Lake],
) -> None:
    w = World()
    w.account("shop")
    post = w.post("shop", 500)
    for i, fake in enumerate(_fakes(w, 25)):
        w.engage(fake, "like", 560 + i * 3, post=post)
    w.engage("p001", "like", 600, post=post)
    found = _flagged(make_lake(w.tables()))
    assert "shop" in found and "p001" not in found
