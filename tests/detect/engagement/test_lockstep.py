"""engagement.lockstep: groups engaging the same posts together, post after post."""

from __future__ import annotations

import json
from collections.abc import Callable

from lockstep.detect.engagement.lockstep import Lockstep
from lockstep.lake import Lake
from tests.detect.engagement.worlds import World


def _flagged(lake: Lake) -> dict[str, dict[str, object]]:
    out = Lockstep().detect(lake)
    assert all(e["signal"] == "lockstep_engagement" for e in out.edges.to_pylist())
    return {r["subject_id"]: json.loads(r["evidence"]) for r in out.findings.to_pylist()}


def _ring(w: World, n: int) -> list[str]:
    ring = [w.account(f"sock{i}") for i in range(n)]
    for k in range(12):
        post = w.post(w.people[k % 6], 300 + k * 400)
        for j, sock in enumerate(ring):
            if (j + k) % 5:  # each member skips some targets
                w.engage(sock, "like", 300 + k * 400 + 40 + j * 0.7, post=post)
    return ring


def test_a_group_engaging_together_is_flagged(make_lake: Callable[..., Lake]) -> None:
    w = World()
    ring = _ring(w, 8)
    found = _flagged(make_lake(w.tables()))
    assert set(found) == set(ring)
    ev = found[ring[0]]
    assert ev["group_size"] == 8 and ev["authors_total"] == 6


def test_fans_swarming_a_stars_posts_are_not_flagged(make_lake: Callable[..., Lake]) -> None:
    w = World()
    w.account("star", followers_count=300_000)
    for k in range(5):
        post = w.post("star", 900 + k * 1440)
        for i, fan in enumerate(w.people[:40]):
            w.engage(fan, "like", 900 + k * 1440 + 1 + (i % 7), post=post)
    assert _flagged(make_lake(w.tables())) == {}


def test_branch_accounts_liking_each_other_hours_apart_are_not_flagged(
    make_lake: Callable[..., Lake],
) -> None:
    w = World()
    branches = [w.account(f"bakery_{c}", display_name=f"Bakery {c}") for c in "abcde"]
    for k in range(3):
        posts = [w.post(b, 2000 + k * 1440 + i * 30) for i, b in enumerate(branches)]
        for i, b in enumerate(branches):
            for j, post in enumerate(posts):
                if i != j:
                    w.engage(b, "like", 2000 + k * 1440 + j * 30 + 45 + 37 * i, post=post)
    assert _flagged(make_lake(w.tables())) == {}


def test_a_viral_crowd_is_not_paired(make_lake: Callable[..., Lake]) -> None:
    w = World(people=400)
    post = w.post("p000", 100)
    for i, person in enumerate(w.people):
        w.engage(person, "repost", 101 + i * 0.01, post=post)
    assert _flagged(make_lake(w.tables())) == {}


def test_a_pod_larger_than_its_lockstep_core_is_left_to_reciprocal(
    make_lake: Callable[..., Lake],
) -> None:
    # 12 members take turns posting; six of them like every post within minutes of each
    # other, the other six like the core's posts too, but hours later
    w = World()
    core = [w.account(f"core{i}") for i in range(6)]
    outer = [w.account(f"outer{i}") for i in range(6)]
    members = core + outer
    for k in range(24):
        start = 200 + k * 300
        post = w.post(members[k % 12], start)
        for j, m in enumerate(core):
            if m != members[k % 12] and (j + k) % 5:
                w.engage(m, "like", start + 20 + j * 0.9, post=post)
        if members[k % 12] in core:
            for j, m in enumerate(outer):
                w.engage(m, "like", start + 150 + 35 * j, post=post)
    assert _flagged(make_lake(w.tables())) == {}


def test_targets_liking_a_few_of_the_groups_posts_do_not_make_it_a_pod(
    make_lake: Callable[..., Lake],
) -> None:
    w = World()
    ring = _ring(w, 8)
    for k, sock in enumerate(ring[:3]):
        post = w.post(sock, 6000 + k * 60)
        for person in w.people[:6]:  # the amplified authors like back a few socks' posts
            w.engage(person, "like", 6000 + k * 60 + 30, post=post)
    assert set(_flagged(make_lake(w.tables()))) == set(ring)
