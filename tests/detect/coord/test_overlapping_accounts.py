"""coord.overlapping_accounts: one persona run as several accounts, and what shares a name or
a logo without being that (branches, namesakes, impersonators, declared bots, replacements
of suspended accounts)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from lockstep.detect.coord.overlapping_accounts import OverlappingAccounts
from lockstep.lake import Lake

T0 = datetime(2024, 9, 1, 8, 0)
AVATAR = 0x3C3C_A5A5_0FF0_F00F
TEXTS = [
    "honestly the new season finale deserves more attention this weekend",
    "that plot twist caught me completely off guard, still thinking about it",
    "the new bakery downtown is not what I expected, the croissants are great",
    "anyone else staying up for the match tonight? this one feels different",
    "rewatched the first episode and the foreshadowing is everywhere",
]

Row = dict[str, Any]


def _account(account_id: str, handle: str, name: str, bio: str | None, avatar: int) -> Row:
    return {
        "account_id": account_id,
        "handle": handle,
        "display_name": name,
        "bio": bio,
        "avatar_hash": f"{avatar:016x}",
        "created_at": T0 - timedelta(days=400),
    }


def _background() -> tuple[list[Row], list[Row]]:
    accounts, posts = [], []
    for i in range(60):
        accounts.append(_account(f"bg{i}", f"user{i}x", f"Person {i} Example", None, i * 7919))
        posts.append(_post(f"bgp{i}", f"bg{i}", f"my own thoughts number {i} about things", i))
    return accounts, posts


def _post(post_id: str, account: str, text: str, hours: float) -> Row:
    return {
        "post_id": post_id,
        "account_id": account,
        "created_at": T0 + timedelta(hours=hours),
        "text": text,
    }


def _copies(accounts: list[str], lag_hours: float = 20.0) -> list[Row]:
    """Every account posts every text, ``lag_hours`` after the previous one."""
    return [
        _post(f"{a}-{k}", a, text + (" ✨" if j % 2 else ""), 10 * k + lag_hours * j)
        for j, a in enumerate(accounts)
        for k, text in enumerate(TEXTS)
    ]


def _session(account: str, device: str, hours: float = 1.0) -> Row:
    return {
        "account_id": account,
        "created_at": T0 + timedelta(hours=hours),
        "event": "login",
        "device_id": device,
        "ip": f"10.0.{sum(map(ord, account)) % 250}.{len(account)}",
    }


def _run(
    make_lake: Callable[..., Lake],
    accounts: list[Row],
    posts: list[Row],
    sessions: list[Row] | None = None,
    **params: Any,
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    bg_accounts, bg_posts = _background()
    tables: dict[str, list[Row]] = {"accounts": bg_accounts + accounts, "posts": bg_posts + posts}
    if sessions:
        tables["sessions"] = sessions
    out = OverlappingAccounts(**params).detect(make_lake(tables))
    findings = {
        r["subject_id"]: {**r, "evidence": json.loads(r["evidence"])}
        for r in out.findings.to_pylist()
    }
    return findings, out.edges.to_pylist()


def _persona() -> list[Row]:
    bio = "Film nerd · coffee · Milano"
    return [
        _account("p1", "giulia_ferri", "Giulia Ferri", bio, AVATAR),
        _account("p2", "thegiulia_ferri", "Giulia Ferri ✨", bio, AVATAR ^ 0b101),
        _account("p3", "giulia.ferri_", "Giulia Ferri", bio, AVATAR),
    ]


def test_one_persona_posting_the_same_texts_is_found(make_lake: Callable[..., Lake]) -> None:
    found, edges = _run(make_lake, _persona(), _copies(["p1", "p2", "p3"]))
    assert set(found) == {"p1", "p2", "p3"}
    ev = found["p2"]["evidence"]
    assert ev["group"] == ["p1", "p2", "p3"]
    partner = next(p for p in ev["partners"] if p["account_id"] == "p1")
    assert partner["same_bio"] and partner["avatar_bits"] == 2
    assert partner["shared_texts_total"] == len(TEXTS)
    assert "same persona" in ev["summary"] and "same texts" in ev["summary"]
    assert "@thegiulia_ferri 'Giulia Ferri ✨'" in ev["summary"]
    assert {(e["src"], e["dst"]) for e in edges} == {("p1", "p2"), ("p1", "p3"), ("p2", "p3")}
    assert found["p1"]["account_ids"] == ["p1", "p2", "p3"]


def test_one_persona_on_one_phone_is_found_without_shared_posts(
    make_lake: Callable[..., Lake],
) -> None:
    persona = _persona()[:2]
    sessions = [_session("p1", "phone-1", 1), _session("p2", "phone-1", 30)]
    found, _ = _run(make_lake, persona, [], sessions)
    assert set(found) == {"p1", "p2"}
    assert found["p1"]["evidence"]["partners"][0]["devices"] == ["phone-1"]
    # without the phone nothing shows they are run together
    assert _run(make_lake, persona, [])[0] == {}


def test_an_impersonator_copying_the_persona_is_not_this(make_lake: Callable[..., Lake]) -> None:
    """Same name, bio and picture, but its own phone and its own posts."""
    persona = _persona()[:2]
    posts = [_post(f"v{k}", "p1", t, k) for k, t in enumerate(TEXTS)]
    posts += [_post(f"i{k}", "p2", f"claim your prize now number {k}", k) for k in range(5)]
    sessions = [_session("p1", "phone-1"), _session("p2", "phone-2")]
    found, _ = _run(make_lake, persona, posts, sessions)
    assert found == {}


def test_branch_accounts_with_one_logo_and_one_promotion_are_left_alone(
    make_lake: Callable[..., Lake],
) -> None:
    cities = ["Hamburg", "Köln", "München", "Berlin"]
    accounts = [
        _account(
            f"b{i}", f"cafenord_{c.lower()}", f"Café Nord {c}", f"Café Nord {c} · 7-19", AVATAR
        )
        for i, c in enumerate(cities)
    ]
    promo = "Nur heute: zwei Franzbrötchen zum Preis von einem in allen Filialen!"
    posts = [_post(f"b{i}-{k}", f"b{i}", promo, 30 * k + i) for i in range(4) for k in range(4)]
    sessions = [_session(f"b{i}", "manager-phone", i) for i in range(4)]
    found, _ = _run(make_lake, accounts, posts, sessions)
    assert found == {}


def test_namesakes_are_left_alone(make_lake: Callable[..., Lake]) -> None:
    """Three people called Maria Silva in Lisbon: same name, same bio, different lives."""
    accounts = [
        _account(f"m{i}", handle, "Maria Silva", "📍 Lisboa, Portugal", AVATAR * (i + 3))
        for i, handle in enumerate(["mariasilva", "maria.silva", "mariasilva84"])
    ]
    posts = [
        _post(f"m{i}-{k}", f"m{i}", f"{TEXTS[k]} ({i})", k * 3 + i)
        for i in range(3)
        for k in range(2)
    ]
    sessions = [_session(f"m{i}", f"phone-{i}") for i in range(3)]
    found, _ = _run(make_lake, accounts, posts, sessions)
    assert found == {}


def test_declared_bots_and_replacements_of_suspended_accounts_are_left_to_others(
    make_lake: Callable[..., Lake],
) -> None:
    persona = _persona()
    persona[1]["declared_automated"] = True
    found, _ = _run(make_lake, persona[:2], _copies(["p1", "p2"]))
    assert found == {}
    assert set(
        _run(make_lake, persona[:2], _copies(["p1", "p2"]), exempt_declared_bots=False)[0]
    ) == {
        "p1",
        "p2",
    }
    # p1 was suspended before the data; p2 and p3 both replace it: coord.recidivism
    persona = _persona()
    persona[0]["suspended_at"] = T0 - timedelta(days=20)
    found, _ = _run(make_lake, persona, _copies(["p2", "p3"]))
    assert found == {}


def test_counters_added_to_a_numbered_handle_still_meet(make_lake: Callable[..., Lake]) -> None:
    """``tiny1301`` and ``tiny13012`` (a short first name as display name) are one edit apart."""
    bio = "📍 London"
    accounts = [
        _account("c1", "tiny1301", "Chloe", bio, AVATAR),
        _account("c2", "tiny13012", "Chloe", bio, AVATAR ^ 1),
    ]
    found, _ = _run(make_lake, accounts, _copies(["c1", "c2"]))
    assert set(found) == {"c1", "c2"}
