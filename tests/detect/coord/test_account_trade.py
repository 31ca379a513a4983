"""coord.account_trade: offers to sell or buy accounts (the violation, seed 001), the changes
that follow a sale (evidence), and renames, warnings and other sales that are not that."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

from lockstep.detect.coord.account_trade import AccountTrade
from lockstep.lake import Lake

T0 = datetime(2024, 10, 1, 9, 0)
Row = dict[str, Any]


def _post(account: str, day: float, text: str, lang: str = "en") -> Row:
    return {
        "post_id": f"{account}-{day:g}-{abs(hash(text)) % 10_000}",
        "account_id": account,
        "created_at": T0 + timedelta(days=day),
        "text": text,
        "lang": lang,
    }


def _sessions(account: str, days: range, device: str, country: str) -> list[Row]:
    return [
        {
            "account_id": account,
            "created_at": T0 + timedelta(days=d, hours=3),
            "event": "login",
            "device_id": device,
            "ip_country": country,
        }
        for d in days
    ]


def _chatter(account: str, days: range, lang: str = "en") -> list[Row]:
    words = {"en": "what a lovely day at the park", "es": "qué buen día en el parque hoy"}
    return [_post(account, d + 0.5, f"{words[lang]} {d}", lang) for d in days]


def _run(
    make_lake: Callable[..., Lake],
    posts: list[Row],
    accounts: list[Row] | None = None,
    sessions: list[Row] | None = None,
    **params: Any,
) -> dict[str, dict[str, Any]]:
    ids = sorted({p["account_id"] for p in posts})
    tables: dict[str, list[Row]] = {
        "accounts": accounts or [{"account_id": a, "handle": a} for a in ids],
        "posts": posts,
    }
    if sessions:
        tables["sessions"] = sessions
    out = AccountTrade(**params).detect(make_lake(tables))
    return {
        r["subject_id"]: {**r, "evidence": json.loads(r["evidence"])}
        for r in out.findings.to_pylist()
    }


def test_a_sold_account_is_found_with_what_changed_after(make_lake: Callable[..., Lake]) -> None:
    posts = _chatter("acc", range(0, 5))
    posts += [
        _post("acc", 5.2, "Selling this account, 12k followers, DM for price 💰"),
        _post("acc", 5.9, "Account for sale: 12k real followers, serious buyers only"),
    ]
    posts += _chatter("acc", range(8, 14), "es")
    accounts = [
        {"account_id": "acc", "handle": "ofertas_mx", "attrs": [("previous_handle", "jenny_hikes")]}
    ]
    sessions = _sessions("acc", range(0, 6), "old-phone", "GB")
    sessions += _sessions("acc", range(8, 14), "new-phone", "MX")
    found = _run(make_lake, posts, accounts, sessions)
    assert set(found) == {"acc"}
    ev = found["acc"]["evidence"]
    assert ev["offer_posts_total"] == 2 and ev["sides"] == ["sell"]
    changes = ev["changes"]
    assert changes["changed"] == ["device_id", "handle", "ip_country", "lang"]
    assert changes["previous_handle"] == "jenny_hikes"
    assert changes["device_id_moved"] == {"before": ["old-phone"], "after": ["new-phone"]}
    assert (changes["lang_before"], changes["lang_after"]) == ("en", "es")
    assert "@jenny_hikes to @ofertas_mx" in ev["summary"]
    assert found["acc"]["score"] == 1.0


def test_advertising_alone_is_the_violation(make_lake: Callable[..., Lake]) -> None:
    """Seed 001 forbids *offering* a sale or purchase: nothing needs to change hands."""
    posts = [
        *_chatter("buyer", range(0, 6)),
        _post("buyer", 2.5, "Buying aged accounts with 10k+ followers, paying well. DM"),
        *_chatter("seller", range(0, 6)),
        _post("seller", 3.5, "This account is for sale: 8k followers, food niche. DM me"),
    ]
    found = _run(make_lake, posts)
    assert set(found) == {"buyer", "seller"}
    assert found["buyer"]["evidence"]["sides"] == ["buy"]
    assert found["buyer"]["score"] == pytest.approx(0.6)
    assert found["buyer"]["evidence"]["changes"]["changed"] == []
    # nothing moved either way: the sessions stay on one phone in one country
    sessions = _sessions("seller", range(0, 6), "phone", "DE")
    assert (
        _run(make_lake, posts, sessions=sessions)["seller"]["evidence"]["changes"]["changed"] == []
    )


@pytest.mark.parametrize(
    "text",
    [
        "Vendo esta cuenta, 20k seguidores, precio por DM",
        "Conta à venda 💰 15k seguidores reais, só compradores sérios",
        "Продам этот аккаунт, 9k подписчиков, цена в ЛС",
        "Bu hesap satılık, 30B takipçi, fiyat için DM",
        "Jual akun ini, 12rb followers, harga via DM",
        "حساب للبيع 💰 20 ألف متابع حقيقي",
        "Kaufe Accounts mit 5k+ Followern, zahle gut. DM",
        "S3lling this acc0unt 10k followers",
    ],
)
def test_offers_in_other_languages_and_spellings(make_lake: Callable[..., Lake], text: str) -> None:
    assert set(_run(make_lake, [*_chatter("a", range(3)), _post("a", 1.2, text)])) == {"a"}


@pytest.mark.parametrize(
    "text",
    [
        "Beware of people selling accounts in the replies, it's a scam",
        "I would never sell my account, no matter the price",
        "Selling followers cheap, 1000 for $5",
        "Selling my old bike, barely used, DM me",
        "The platform bans account sales, says the new policy",
        "My account got hacked yesterday, changed my password",
    ],
)
def test_warnings_other_sales_and_ordinary_posts_are_not_offers(
    make_lake: Callable[..., Lake], text: str
) -> None:
    assert _run(make_lake, [*_chatter("a", range(3)), _post("a", 1.2, text)]) == {}


def test_a_rename_and_a_move_without_an_offer_are_left_alone(
    make_lake: Callable[..., Lake],
) -> None:
    """Someone marries, renames the account and moves abroad with a new phone."""
    posts = _chatter("anna", range(0, 14))
    accounts = [
        {"account_id": "anna", "handle": "anna_berg", "attrs": [("previous_handle", "anna_lind")]}
    ]
    sessions = _sessions("anna", range(0, 7), "old-phone", "SE") + _sessions(
        "anna", range(7, 14), "new-phone", "NO"
    )
    assert _run(make_lake, posts, accounts, sessions) == {}


def test_an_offer_in_the_bio_counts(make_lake: Callable[..., Lake]) -> None:
    posts = _chatter("shop", range(3))
    accounts = [{"account_id": "shop", "handle": "shop", "bio": "We buy aged accounts 💸 DM"}]
    found = _run(make_lake, posts, accounts)
    assert set(found) == {"shop"}
    assert "bio" in found["shop"]["evidence"]["summary"]
    assert _run(make_lake, posts, accounts, read_bios=False) == {}


def test_min_posts(make_lake: Callable[..., Lake]) -> None:
    posts = [*_chatter("a", range(3)), _post("a", 1.2, "Account for sale, DM")]
    assert set(_run(make_lake, posts)) == {"a"}
    assert _run(make_lake, posts, min_posts=2) == {}
