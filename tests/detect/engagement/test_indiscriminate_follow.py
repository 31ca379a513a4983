"""engagement.indiscriminate_follow: bursts of unrelated follows, copied follower lists."""

from __future__ import annotations

import json
from collections.abc import Callable

from lockstep.detect.engagement.indiscriminate_follow import IndiscriminateFollow
from lockstep.lake import Lake
from tests.detect.engagement.worlds import LANGS, World


def _flagged(lake: Lake) -> dict[str, dict[str, object]]:
    rows = IndiscriminateFollow().detect(lake).findings.to_pylist()
    return {r["subject_id"]: json.loads(r["evidence"]) for r in rows}


def _targets(w: World, lang: str | None, n: int, prefix: str) -> list[str]:
    return [w.account(f"{prefix}{i:03d}", lang=lang or LANGS[i % len(LANGS)]) for i in range(n)]


def test_unrelated_follows_in_a_short_time_are_flagged(make_lake: Callable[..., Lake]) -> None:
    w = World()
    w.account("follower")
    for i, target in enumerate(_targets(w, None, 90, "t")):
        w.engage("follower", "follow", 100 + i, target=target)
    found = _flagged(make_lake(w.tables()))
    assert set(found) == {"follower"}
    assert len(found["follower"]["target_languages"]) == len(LANGS)  # type: ignore[arg-type]


def test_a_fan_following_one_community_is_not_flagged(make_lake: Callable[..., Lake]) -> None:
    w = World()
    w.account("fan", lang="es")
    for i, target in enumerate(_targets(w, "es", 90, "t")):
        w.engage("fan", "follow", 100 + i, target=target)
    assert _flagged(make_lake(w.tables())) == {}


def test_copying_another_accounts_followers_is_flagged(make_lake: Callable[..., Lake]) -> None:
    w = World()
    w.account("model", followers_count=90_000)
    w.account("copier")
    fans = _targets(w, "en", 90, "f")
    for i, fan in enumerate(fans):
        w.engage(fan, "follow", 10 + i * 7, target="model")
    for i, fan in enumerate(fans):
        w.engage("copier", "follow", 2000 + i, target=fan)
    found = _flagged(make_lake(w.tables()))
    assert set(found) == {"copier"}
    assert found["copier"]["copied_account"] == "model"
    assert found["copier"]["copied_share"] == 1.0
