"""spam.copypasta: the same text taken up by many accounts within a short span."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pytest

from lockstep.detect.spam.copypasta import Copypasta
from lockstep.lake import Lake
from lockstep.repetition import repeated, wave_members

T0 = datetime(2024, 3, 1, 10, 0)
Row = dict[str, Any]
MakeLake = Callable[..., Lake]

#: A chain message and the small edits copiers make (words, emoji, case, links, tags).
CHAIN = {
    "latin": [
        "Share this before they delete it: the water company is raising prices again next month",
        "SHARE THIS before they delete it: the water company is raising prices again next month!!",
        "Share this before they delete it - the water company is raising prices again next "
        "month 🔥🔥 https://x.example/a",
        "share this before they delete it: the water company is raising all prices again "
        "next month #wakeup #truth",
        "Share this before they delete it: the water company is raising prices again next "
        "month #truth #wakeup https://x.example/b",
        "Please share this before they delete it: the water company is raising prices again "
        "next month 🙏",
    ],
    "cyrillic": [
        "Поделитесь, пока не удалили: водоканал снова поднимает цены со следующего месяца",
        "ПОДЕЛИТЕСЬ, пока не удалили: водоканал снова поднимает цены со следующего месяца!!",
        "Поделитесь пока не удалили - водоканал снова поднимает цены со следующего месяца 🔥",
        "Поделитесь, пока не удалили: водоканал снова поднимает все цены со следующего месяца",
        "Поделитесь, пока не удалили: водоканал снова поднимает цены со следующего месяца #правда",
    ],
    "arabic": [
        "انشروا هذا قبل حذفه: شركة المياه سترفع الأسعار مرة أخرى في الشهر القادم",
        "انشروا هذا قبل حذفه!! شركة المياه سترفع الأسعار مرة أخرى في الشهر القادم 🔥",
        "انشروا هذا قبل حذفه: شركة المياه سترفع الأسعار مرة أخرى في الشهر القادم #الحقيقة",
        "انشروا هذا قبل حذفه: شركة المياه سترفع كل الأسعار مرة أخرى في الشهر القادم",
        "انشروا هذا قبل حذفه : شركة المياه سترفع الأسعار مرة أخرى في الشهر القادم https://x.example",
    ],
    "cjk": [
        "削除される前に拡散して：水道会社が来月からまた料金を値上げするそうです",
        "削除される前に拡散して！水道会社が来月からまた料金を値上げするそうです🔥",
        "削除される前に拡散して：水道会社が来月からまた料金を値上げするそうです #拡散希望",
        "削除される前に拡散して：水道会社が来月からまた料金を値上げするそうです。",
        "削除される前に拡散して：水道会社が来月からまた料金を値上げするそうです‼️",
    ],
}

#: Made-up words: posts drawn from them share no more than chance wording.
VOCABULARY = [a + b + c for a in "bdfgk" for b in ("ala", "epo", "iru", "oke") for c in "mnrst"]


def _own_words(i: int) -> str:
    return " ".join(random.Random(i).sample(VOCABULARY, 9))


class World:
    def __init__(self) -> None:
        self.posts: list[Row] = []
        self.accounts: dict[str, Row] = {}

    def account(self, account_id: str, **values: Any) -> None:
        self.accounts[account_id] = {"account_id": account_id, **values}

    def post(self, account: str, text: str, minutes: float, **values: Any) -> str:
        self.accounts.setdefault(account, {"account_id": account})
        post_id = f"{account}-{len(self.posts):04d}"
        urls = [w for w in text.split() if w.startswith("https://")]
        self.posts.append(
            {
                "post_id": post_id,
                "account_id": account,
                "created_at": T0 + timedelta(minutes=minutes),
                "text": text,
                "urls": urls,
                **values,
            }
        )
        return post_id

    def tables(self) -> dict[str, list[Row]]:
        accounts = [self.accounts[a] for a in sorted(self.accounts)]
        for a in accounts:
            a.setdefault("display_name", a["account_id"].title())
            a.setdefault("bio", "just me")
        return {"accounts": accounts, "posts": self.posts}


def _run(make_lake: MakeLake, world: World, **params: Any) -> list[Row]:
    out = Copypasta(**params).detect(make_lake(world.tables())).findings.to_pylist()
    for row in out:
        row["evidence"] = json.loads(row["evidence"])
    return out


def _flagged(findings: list[Row]) -> set[str]:
    return {a for f in findings for a in f["account_ids"]}


def _background(w: World, n: int = 30) -> None:
    for i in range(n):
        w.post(f"person{i:02d}", _own_words(i), 7 * i)


@pytest.mark.parametrize("script", sorted(CHAIN))
def test_edited_copies_across_accounts_are_one_wave(make_lake: MakeLake, script: str) -> None:
    w = World()
    _background(w)
    texts = CHAIN[script]
    ids = [w.post(f"copier{i}", text, 20 * i) for i, text in enumerate(texts)]
    findings = _run(make_lake, w)
    assert len(findings) == 1
    f = findings[0]
    assert set(f["account_ids"]) == {f"copier{i}" for i in range(len(texts))}
    assert f["subject_type"] == "post" and f["subject_id"] == ids[0]
    ev = f["evidence"]
    assert ev["post_ids"] == ids and ev["account_count"] == len(texts)
    assert ev["summary"].startswith(f"{len(texts)} accounts posted {len(texts)}")
    assert ev["sample_texts"][0] == texts[0]


def test_evidence_lists_shared_urls(make_lake: MakeLake) -> None:
    w = World()
    for i in range(6):
        w.post(f"c{i}", CHAIN["latin"][0] + " https://x.example/same", 3 * i)
    (f,) = _run(make_lake, w)
    assert f["evidence"]["shared_urls"] == [{"url": "https://x.example/same", "posts": 6}]
    assert "identical" in f["evidence"]["summary"]


def test_too_few_accounts_or_too_slow_is_not_a_wave(make_lake: MakeLake) -> None:
    w = World()
    for i in range(4):  # four friends share a message
        w.post(f"friend{i}", CHAIN["latin"][i], 30 * i)
    for i in range(6):  # one account a day: a text spreading slowly
        w.post(f"slow{i}", CHAIN["latin"][1] + " slowly", 26 * 60 * i + 10_000)
    assert _run(make_lake, w) == []
    assert len(_run(make_lake, w, min_accounts=4)) == 1


def test_one_account_repeating_itself_is_not_copypasta(make_lake: MakeLake) -> None:
    w = World()
    for i in range(8):
        w.post("spammer", CHAIN["latin"][i % 6], 10 * i)
    assert _run(make_lake, w) == []


def test_fans_with_stock_phrases_are_left_alone(make_lake: MakeLake) -> None:
    w = World()
    w.post("star", "New single out now, thank you all for waiting so long", 0)
    stock = ["thank you!!", "lol", "first", "❤️❤️", "Couldn't have said it better", "so good 😭"]
    for i in range(60):
        w.post(f"fan{i:02d}", stock[i % len(stock)], 1 + i / 10, reply_to="star-0000")
    assert _run(make_lake, w) == []


def test_activism_in_own_words_and_quotes_are_left_alone(make_lake: MakeLake) -> None:
    w = World()
    for i in range(40):  # one cause, a shared hashtag, everyone's own words
        w.post(f"activist{i:02d}", f"{_own_words(100 + i)} #savethepark", i)
    quoted = "The council just voted to close the central library for good"
    w.post("reporter", quoted, 0)
    for i in range(20):  # viral sharing: quotes with a comment of one's own
        w.post(f"quoter{i:02d}", f"{_own_words(200 + i)}", 5 + i, quote_of="reporter-0040")
    assert _run(make_lake, w) == []


def test_declared_branches_of_one_business_count_once(make_lake: MakeLake) -> None:
    w = World()
    promo = "Spring offer at every branch: two coffees for the price of one until Sunday"
    cities = ["Porto Alegre", "São Paulo", "Recife", "Rio de Janeiro", "Belo Horizonte", "Natal"]
    for i, city in enumerate(cities):
        name = f"Padaria Aurora {city}"
        w.account(f"branch{i}", display_name=name, bio=f"{name} · 8-20 · 📍 {city}")
        w.post(f"branch{i}", promo, 5 * i)
    assert _run(make_lake, w) == []
    # The same promotion from six undeclared accounts, two days later, is a wave of theirs.
    for i in range(6):
        w.post(f"anon{i}", promo + " 🔥", 48 * 60 + i)
    assert _flagged(_run(make_lake, w)) == {f"anon{i}" for i in range(6)}


def test_branches_joining_a_wave_of_others_are_copiers(make_lake: MakeLake) -> None:
    # Seed 001 lets a business run an account per branch, not post duplicative content in
    # concert with other accounts: the business counts once, and when it joins four other
    # accounts in one text within the window, all its branches are in the wave.
    w = World()
    promo = "Spring offer at every branch: two coffees for the price of one until Sunday"
    for i, city in enumerate(["Recife", "Natal"]):
        name = f"Padaria Aurora {city}"
        w.account(f"branch{i}", display_name=name, bio=f"{name} · 8-20 · 📍 {city}")
        w.post(f"branch{i}", promo, i)
    for i in range(3):
        w.post(f"anon{i}", promo + " 🔥", 60 + i)
    assert _run(make_lake, w) == []  # four identities: no wave
    w.post("anon3", promo + "!!", 120)
    assert _flagged(_run(make_lake, w)) == {"branch0", "branch1"} | {f"anon{i}" for i in range(4)}
    # A third branch posting it days later is not in the wave because its siblings were.
    name = "Padaria Aurora Olinda"
    w.account("branch2", display_name=name, bio=f"{name} · 8-20 · 📍 Olinda")
    w.post("branch2", promo, 3 * 24 * 60)
    assert "branch2" not in _flagged(_run(make_lake, w))


def test_parameters_are_validated() -> None:
    with pytest.raises(ValueError):
        Copypasta(min_accounts=1)
    with pytest.raises(ValueError):
        Copypasta(window_hours=0)


def test_wave_members_counts_each_account_once_at_its_first_copy() -> None:
    hour = 3600
    content = np.zeros(7, dtype=np.int64)
    account = np.array([0, 0, 0, 1, 2, 3, 4], dtype=np.int64)
    t = np.array([0, 1, 2, 30, 31, 32, 33], dtype=np.int64) * hour
    # account 0's copies at hours 1-2 do not bring it into the wave at hours 30-33
    assert not wave_members(content, account, t, 5, 24 * hour).any()
    t[:3] = np.array([29, 40, 50]) * hour
    assert wave_members(content, account, t, 5, 24 * hour).all()


def test_waves_count_identities_but_membership_is_the_accounts_own() -> None:
    hour = 3600
    content = np.zeros(6, dtype=np.int64)
    account = np.arange(6, dtype=np.int64)
    identity = np.array([0, 0, 1, 2, 3, 4], dtype=np.int64)  # accounts 0 and 1: one business
    t = np.array([0, 1, 2, 3, 4, 5], dtype=np.int64) * hour
    assert wave_members(content, account, t, 5, 24 * hour, identity).all()
    t[1] = 72 * hour  # the second branch's first copy comes days later
    member = wave_members(content, account, t, 5, 24 * hour, identity)
    assert member.tolist() == [True, False, True, True, True, True]
    # Five identities are no wave of six, however many accounts they hold.
    t[1] = 1 * hour
    assert not wave_members(content, account, t, 6, 24 * hour, identity).any()
    assert wave_members(content, account, t, 6, 24 * hour).all()


def test_repeated_needs_the_copies_within_the_window() -> None:
    owner = np.zeros(5, dtype=np.int64)
    content = np.array([0, 0, 0, 0, 1], dtype=np.int64)
    t = np.array([0, 2, 4, 6, 1], dtype=np.int64)
    assert repeated(owner, content, t, 4, 6).tolist() == [True] * 4 + [False]
    assert not repeated(owner, content, t, 4, 5).any()
