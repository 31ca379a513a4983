"""engagement.reciprocal: follow trains, pods and like-for-like rings."""

from __future__ import annotations

import json
from collections.abc import Callable

from lockstep.detect.engagement.reciprocal import Reciprocal
from lockstep.lake import Lake
from tests.detect.engagement.worlds import World


def _flagged(lake: Lake) -> dict[str, dict[str, object]]:
    out = Reciprocal().detect(lake)
    return {r["subject_id"]: json.loads(r["evidence"]) for r in out.findings.to_pylist()}


def test_a_follow_train_is_flagged(make_lake: Callable[..., Lake]) -> None:
    w = World()
    names = (
        "Ava Lee",
        "Ben Okafor",
        "Chloé Martin",
        "Dan Wu",
        "Eda Kaya",
        "Finn Berg",
        "Gia Rossi",
    )
    train = [w.account(f"u{i}", display_name=n) for i, n in enumerate(names)]
    for i, a in enumerate(train):
        for j, b in enumerate(train):
            if i != j:
                w.engage(a, "follow", 500 + 13 * i + 7 * j, target=b)
    found = _flagged(make_lake(w.tables()))
    assert set(found) == set(train)
    assert found[train[0]]["ring_size"] == 7 and found[train[0]]["mutual_follows"] == 6


def test_a_like_pod_is_flagged(make_lake: Callable[..., Lake]) -> None:
    w = World()
    names = ("Ivy Chen", "Jon Silva", "Kai Müller", "Lea Dubois", "Max Novak", "Nia Adeyemi")
    pod = [w.account(f"c{i}", display_name=n) for i, n in enumerate(names)]
    for i, author in enumerate(pod):
        for k in range(3):
            post = w.post(author, 1000 + i * 200 + k * 1440)
            for j, member in enumerate(pod):
                if j != i:
                    w.engage(member, "like", 1000 + i * 200 + k * 1440 + 5 + j, post=post)
    assert set(_flagged(make_lake(w.tables()))) == set(pod)


def test_branches_of_one_business_are_left_alone(make_lake: Callable[..., Lake]) -> None:
    w = World()
    branches = [
        w.account(f"cafenord_{c}", display_name=f"Café Nord {c.title()}")
        for c in ("berlin", "hamburg", "koeln", "bremen", "kiel")
    ]
    for i, author in enumerate(branches):
        for k in range(3):
            post = w.post(author, 1000 + i * 200 + k * 1440)
            for j, member in enumerate(branches):
                if j != i:
                    w.engage(member, "like", 1000 + i * 200 + k * 1440 + 40 + j, post=post)
    lake = make_lake(w.tables())
    assert _flagged(lake) == {}
    out = Reciprocal(exempt_shared_name=False).detect(lake).findings
    assert out.num_rows == len(branches)


def test_a_personal_and_a_hobby_account_are_left_alone(make_lake: Callable[..., Lake]) -> None:
    w = World()
    me, hobby = w.account("anna"), w.account("anna_bakes")
    for k in range(6):
        for author, fan in ((me, hobby), (hobby, me)):
            post = w.post(author, 700 + k * 1000)
            w.engage(fan, "like", 760 + k * 1000, post=post)
    w.engage(me, "follow", 10, target=hobby)
    w.engage(hobby, "follow", 20, target=me)
    assert _flagged(make_lake(w.tables())) == {}
