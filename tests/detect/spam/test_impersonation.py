"""spam.impersonation: lookalike accounts of protected accounts, and the seeds' look-alikes
that are not impersonation (branches, personal + hobby accounts, parody, namesakes)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from lockstep.detect.spam.impersonation import Impersonation
from lockstep.lake import Lake, write_lake

T0 = datetime(2024, 3, 1, 12, 0)
OLD = datetime(2016, 5, 1)
BRAND_AVATAR = "ffff0000ffff0000"


def _account(account_id: str, handle: str, name: str, **kw: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "account_id": account_id,
        "handle": handle,
        "display_name": name,
        "created_at": OLD,
        "bio": None,
        "avatar_hash": None,
        "followers_count": 150,
        "verified": False,
        "suspended_at": None,
    }
    row.update(kw)
    return row


def _crowd(n: int = 300) -> list[dict[str, Any]]:
    """Ordinary accounts, so that the followers quantile means something."""
    return [
        _account(f"u{i:03d}", f"person{i}", f"Person {i}", followers_count=50 + i) for i in range(n)
    ]


def _targets() -> list[dict[str, Any]]:
    return [
        _account(
            "paypal",
            "paypal",
            "PayPal",
            verified=True,
            followers_count=4_000_000,
            avatar_hash=BRAND_AVATAR,
            created_at=datetime(2009, 1, 1),
        ),
        # unverified but in the high-audience tail
        _account(
            "star",
            "janedoe",
            "Jane Doe",
            followers_count=900_000,
            avatar_hash="0f0f0f0f0f0f0f0f",
            created_at=datetime(2012, 1, 1),
        ),
    ]


def _run(
    tmp_path: Path,
    accounts: list[dict[str, Any]],
    posts: list[dict[str, Any]] | None = None,
    engagements: list[dict[str, Any]] | None = None,
    **params: Any,
) -> dict[str, dict[str, Any]]:
    tables = {"accounts": pa.Table.from_pylist(accounts)}
    if posts:
        tables["posts"] = pa.Table.from_pylist(posts)
    if engagements:
        tables["engagements"] = pa.Table.from_pylist(engagements)
    write_lake(tmp_path, tables)
    found = Impersonation(**params).detect(Lake(tmp_path)).findings
    return {
        r["subject_id"]: {**r, "evidence": json.loads(r["evidence"])} for r in found.to_pylist()
    }


def _post(post_id: str, account_id: str, when: datetime) -> dict[str, Any]:
    return {"post_id": post_id, "account_id": account_id, "created_at": when, "text": "hello"}


def test_lookalike_handles_with_corroboration_are_found_and_name_their_target(
    tmp_path: Path,
) -> None:
    imps = [
        # leetspeak + authority word, copied avatar (3 bits off), made two days before posting
        _account(
            "imp_leet",
            "paypa1_support",
            "PayPal Support",
            created_at=T0 - timedelta(days=2),
            avatar_hash="ffff0000ffff0007",
            followers_count=3,
        ),
        # Cyrillic а in the handle: the disguise itself corroborates
        _account("imp_cyr", "pаypal", "PayPal", followers_count=12),
        # separators and "the real", check-mark badge, exact avatar, an old account
        _account("imp_sep", "the.real.paypal", "PayPal ✅", avatar_hash=BRAND_AVATAR),
        # a typo of the high-audience (unverified) star's handle, freshly created
        _account(
            "imp_typo",
            "jannedoe",
            "Jane Doe",
            created_at=T0 - timedelta(days=5),
            followers_count=40,
        ),
    ]
    posts = [_post("p1", "imp_leet", T0), _post("p2", "imp_typo", T0 + timedelta(hours=1))]
    found = _run(tmp_path, _crowd() + _targets() + imps, posts)
    assert set(found) == {"imp_leet", "imp_cyr", "imp_sep", "imp_typo"}

    leet = found["imp_leet"]
    assert leet["account_ids"] == ["imp_leet"]  # the target is a victim, not a subject
    ev = leet["evidence"]
    assert ev["target"]["account_id"] == "paypal"
    assert ev["avatar_bits"] == 3 and ev["recent"] is True
    assert ev["age_days_at_first_activity"] == 2
    assert {"leetspeak", "authority_word"} <= set(ev["techniques"])
    assert "@paypal" in ev["summary"] and "'paypal'" in ev["summary"]
    assert "3 bits" in ev["summary"] and "2 days before its first post" in ev["summary"]

    assert found["imp_cyr"]["evidence"]["techniques"] == ["homoglyph"]
    typo = found["imp_typo"]["evidence"]
    assert typo["target"]["account_id"] == "star" and typo["typosquat"] is True
    assert "one typo from" in typo["summary"]
    assert found["imp_sep"]["score"] > found["imp_cyr"]["score"]


def test_display_name_copy_counts_only_with_a_copied_avatar(tmp_path: Path) -> None:
    accounts = [
        *_crowd(),
        *_targets(),
        # random handle, PayPal's name and picture
        _account("imp_pic", "xk_88121", "PayPal", avatar_hash="ffff0000ffff0001"),
        # a namesake of the star: same display name, own picture, years old
        _account("namesake", "jane_d_1990", "Jane Doe", avatar_hash="1234123412341234"),
    ]
    found = _run(tmp_path, accounts)
    assert set(found) == {"imp_pic"}
    assert found["imp_pic"]["evidence"]["matched"][0]["field"] == "display"


def test_a_display_name_disguised_with_a_badge_counts_without_a_copied_avatar(
    tmp_path: Path,
) -> None:
    accounts = [
        *_crowd(),
        *_targets(),
        _account(
            "imp_badge",
            "xk_88121",
            "Jane Doe ✔️",
            avatar_hash="1234123412341234",
            created_at=T0 - timedelta(days=1),
        ),
        # a namesake spelling her name with its own accent is not disguised, however new
        _account(
            "namesake",
            "jane_d_1990",
            "Jané Doe",
            avatar_hash="4321432143214321",
            created_at=T0 - timedelta(days=1),
        ),
    ]
    posts = [_post("p1", "imp_badge", T0), _post("p2", "namesake", T0)]
    found = _run(tmp_path, accounts, posts)
    assert set(found) == {"imp_badge"}
    assert found["imp_badge"]["evidence"]["techniques"] == ["badge"]


def test_a_digit_swapped_into_a_numbered_handle_is_a_disguise(tmp_path: Path) -> None:
    star = _account(
        "star", "mango4810", "Pablo Torres", verified=True, avatar_hash="b6df05474c8e2f9b"
    )
    accounts = [
        *_crowd(),
        star,
        # 0 for o: reads as mango4810, spelt differently, own picture, freshly made
        _account(
            "imp", "mang04810", "Pablo Torres", created_at=T0 - timedelta(days=3), followers_count=4
        ),
        # the same handle with another number is just another mango fan
        _account("fan", "mango4811", "Pablo T", created_at=T0 - timedelta(days=3)),
    ]
    posts = [_post("p1", "imp", T0), _post("p2", "fan", T0)]
    found = _run(tmp_path, accounts, posts)
    assert set(found) == {"imp"}
    assert "leetspeak" in found["imp"]["evidence"]["techniques"]


def test_a_short_name_in_a_dense_script_counts_and_its_namesakes_do_not(tmp_path: Path) -> None:
    star = _account(
        "ren", "ren.kobayashi9", "小林蓮", followers_count=80_000, avatar_hash="03adf8c7d0d5f871"
    )
    namesakes = [
        _account(f"ren{i}", f"renkobayashi{i}{i}", "小林蓮", avatar_hash=f"{i:x}" * 16)
        for i in range(1, 6)
    ]
    imp = _account(
        "imp", "ren.kobayashi_real", "小林蓮 ✓", avatar_hash="03adf8c6d0d5f871", followers_count=18
    )
    found = _run(tmp_path, [*_crowd(), star, *namesakes, imp])
    assert set(found) == {"imp"}
    assert found["imp"]["evidence"]["matched"][0]["field"] == "display"


def test_a_name_match_alone_is_not_enough(tmp_path: Path) -> None:
    # the handles read as the star's, but nothing points at mimicry: their own pictures and
    # bios, no disguise (other Jane Does who got jane_doe and janedoe_84; one just joined)
    accounts = [
        *_crowd(),
        *_targets(),
        _account("other_jane", "jane_doe", "Jane Doe", bio="Nurse in Leeds. Dogs and tea."),
        _account("new_jane", "janedoe_84", "Jane Doe", created_at=T0 - timedelta(days=2)),
    ]
    posts = [_post("n1", "new_jane", T0)]
    assert _run(tmp_path, accounts, posts) == {}


def test_a_copied_distinctive_bio_is_mimicry_and_a_common_one_is_not(tmp_path: Path) -> None:
    stars = _targets()
    stars[1]["bio"] = "Singer, songwriter. New album Northern Lights out now! Tour dates below"
    copier = _account(
        "bio_copy",
        "jane_doe",
        "Jane Doe",
        bio="singer, songwriter.  new album Northern Lights OUT NOW!\ttour dates below",
    )
    found = _run(tmp_path / "distinctive", [*_crowd(), *stars, copier])
    assert set(found) == {"bio_copy"}
    assert found["bio_copy"]["evidence"]["bio_copied"] is True
    assert "bio copied from @janedoe" in found["bio_copy"]["evidence"]["summary"]
    # a stock bio that many people write is no evidence of copying
    common = "Coffee lover. Dog mom. Living my best life"
    crowd = [{**a, "bio": common} if i % 50 == 0 else a for i, a in enumerate(_crowd())]
    stars[1]["bio"] = common
    assert _run(tmp_path / "common", [*crowd, *stars, {**copier, "bio": common}]) == {}
    # a three-item template bio is three words, however many separators it has
    stars[1]["bio"] = template = "Nurse | Cinema | Munich"
    assert _run(tmp_path / "template", [*_crowd(), *stars, {**copier, "bio": template}]) == {}


def test_branch_accounts_of_a_business_are_not_impersonation(tmp_path: Path) -> None:
    brand = "aaaa5555aaaa5555"
    accounts = [
        *_crowd(),
        _account(
            "cafe",
            "cafenord",
            "Café Nord",
            verified=True,
            followers_count=80_000,
            avatar_hash=brand,
        ),
        # branches share the brand's avatar and name plus a distinct location word; one
        # of them is brand new
        _account("hh", "cafenord_hamburg", "Café Nord Hamburg", avatar_hash=brand),
        _account(
            "koeln",
            "cafenord_koeln",
            "Café Nord Köln",
            avatar_hash=brand,
            created_at=T0 - timedelta(days=3),
        ),
        _account("ber", "cafe.nord.berlin", "Café Nord · Berlin", avatar_hash=brand),
    ]
    posts = [_post("k1", "koeln", T0)]
    assert _run(tmp_path, accounts, posts) == {}


def test_personal_plus_hobby_accounts_are_not_impersonation(tmp_path: Path) -> None:
    accounts = [
        *_crowd(),
        *_targets(),
        # the star's own hobby account: distinct handle and name, her usual picture
        _account(
            "hobby",
            "janedoe_knits",
            "Jane Doe Knits",
            avatar_hash="0f0f0f0f0f0f0f0f",
            created_at=T0 - timedelta(days=1),
        ),
        # her second account under the same name and picture, which she follows
        _account(
            "second",
            "jane_doe_2",
            "Jane Doe",
            avatar_hash="0f0f0f0f0f0f0f0f",
            created_at=T0 - timedelta(days=1),
        ),
    ]
    follows = [
        {"account_id": "star", "kind": "follow", "created_at": T0, "target_account_id": "second"}
    ]
    assert _run(tmp_path, accounts, engagements=follows) == {}
    # without her acknowledgement the second account reads as an impersonator
    assert set(_run(tmp_path / "unacknowledged", accounts)) == {"second"}


def test_only_the_first_holder_of_a_persona_is_protected(tmp_path: Path) -> None:
    # an older account is not posing as a newer one, however alike
    older = _account(
        "older", "paypal_hq", "PayPal", created_at=datetime(2005, 1, 1), avatar_hash=BRAND_AVATAR
    )
    assert _run(tmp_path / "older", [*_crowd(), *_targets(), older]) == {}
    # a sock-puppet family: the popular member copies an older one, so its copies are not
    # impersonating anyone genuine
    puppet = "3c3c3c3c00000000"
    family = [
        _account("p0", "emily77", "Emily Evans", avatar_hash=puppet, created_at=OLD),
        _account(
            "p1",
            "emily7722",
            "Emily Evans",
            avatar_hash=puppet,
            followers_count=50_000,
            created_at=OLD + timedelta(days=400),
        ),
        _account("p2", "emily77_", "Emily Evans", avatar_hash="3c3c3c3c00000001", created_at=T0),
    ]
    assert _run(tmp_path / "family", [*_crowd(), *family]) == {}
    # without the older original in the data, the popular one is all there is to protect
    assert set(_run(tmp_path / "no_original", [*_crowd(), *family[1:]])) == {"p2"}


def test_a_replacement_of_a_suspended_account_is_left_to_recidivism(tmp_path: Path) -> None:
    banned = _account(
        "banned",
        "andrey.shevchuk",
        "Andrey Shevchuk",
        avatar_hash="59dba3d423bf137f",
        bio="teacher · books · dealviral.org",
        suspended_at=datetime(2024, 2, 1),
    )
    # a live namesake with a large audience, and the banned account back under a new handle
    namesake = _account("namesake", "andreyshevchuk", "Andrey Shevchuk", followers_count=90_000)
    back = _account(
        "back",
        "theandrey.shevchuk",
        "Andrey Shevchuk",
        avatar_hash="59fba3d4233f1377",
        bio="teacher · books · dealviral.org",
        created_at=T0 - timedelta(days=1),
    )
    assert _run(tmp_path / "with_banned", [*_crowd(), banned, namesake, back]) == {}
    # without the suspended original in the data, it reads as posing as the namesake
    assert set(_run(tmp_path / "without", [*_crowd(), namesake, back])) == {"back"}


def test_declared_parody_and_fan_accounts_are_exempt(tmp_path: Path) -> None:
    fresh = T0 - timedelta(days=1)
    accounts = [
        *_crowd(),
        *_targets(),
        _account(
            "parody",
            "paypa1",
            "PayPal",
            bio="Parody account. Not affiliated with PayPal.",
            avatar_hash=BRAND_AVATAR,
            created_at=fresh,
        ),
        _account(
            "fan",
            "janedoe_daily",
            "Jane Doe",
            bio="fan account ✨ daily pics of Jane",
            avatar_hash="0f0f0f0f0f0f0f0f",
            created_at=fresh,
        ),
        _account("satire", "paypal_", "PayPal (satire)", avatar_hash=BRAND_AVATAR),
    ]
    assert _run(tmp_path, accounts) == {}


def test_the_genuine_and_other_protected_accounts_are_never_flagged(tmp_path: Path) -> None:
    accounts = [
        *_crowd(),
        *_targets(),
        # a verified regional account of the same brand: protected itself
        _account("pp_uk", "paypal_uk", "PayPal UK", verified=True, avatar_hash=BRAND_AVATAR),
        # the same brand's support account, verified
        _account("pp_help", "paypal_support", "PayPal", verified=True, avatar_hash=BRAND_AVATAR),
    ]
    assert _run(tmp_path, accounts) == {}


def test_without_protected_accounts_nothing_is_compared(tmp_path: Path) -> None:
    accounts = [
        *_crowd(50),
        _account("a", "paypal", "PayPal", followers_count=10),
        _account("b", "paypa1", "PayPal", followers_count=5, avatar_hash=BRAND_AVATAR),
    ]
    assert _run(tmp_path, accounts) == {}


def test_the_protected_threshold_is_a_parameter(tmp_path: Path) -> None:
    accounts = [
        *_crowd(),
        _account("shop", "bestshop", "Best Shop", followers_count=800),
        _account(
            "imp", "be5tshop", "Best Shop", followers_count=2, created_at=T0 - timedelta(days=1)
        ),
    ]
    assert _run(tmp_path / "default", accounts) == {}  # 800 is under the 1,000 floor
    found = _run(tmp_path / "low", accounts, protected_min_followers=500)
    assert set(found) == {"imp"}
    assert found["imp"]["evidence"]["protected_followers_threshold"] >= 500
    # with no floor the quantile decides: at the 100th percentile the largest account counts
    top = _run(tmp_path / "top", accounts, protected_min_followers=0, protected_quantile=1.0)
    assert set(top) == {"imp"}


def test_same_input_gives_the_same_findings(tmp_path: Path) -> None:
    accounts = [
        *_crowd(),
        *_targets(),
        _account("imp", "paypa1", "PayPal", avatar_hash=BRAND_AVATAR),
        _account("imp2", "PayPaI_help", "PayPal", created_at=T0 - timedelta(days=1)),
    ]
    write_lake(tmp_path, {"accounts": pa.Table.from_pylist(accounts)})
    first = Impersonation().detect(Lake(tmp_path)).findings
    again = Impersonation().detect(Lake(tmp_path)).findings
    assert first.num_rows == 2 and first.equals(again)


@pytest.mark.spark
@pytest.mark.slow
def test_pyspark_finds_the_same_accounts(tmp_path: Path) -> None:
    accounts = [
        *_crowd(),
        *_targets(),
        _account("imp", "paypa1", "PayPal", avatar_hash=BRAND_AVATAR),
        _account("second", "jane_doe_2", "Jane Doe", avatar_hash="0f0f0f0f0f0f0f0f"),
    ]
    follows = [
        {"account_id": "star", "kind": "follow", "created_at": T0, "target_account_id": "second"}
    ]
    posts = [_post("p", "imp", T0)]
    write_lake(
        tmp_path,
        {
            "accounts": pa.Table.from_pylist(accounts),
            "posts": pa.Table.from_pylist(posts),
            "engagements": pa.Table.from_pylist(follows),
        },
    )
    duck = Impersonation().detect(Lake(tmp_path)).findings
    spark = Impersonation().detect(Lake(tmp_path, backend="pyspark")).findings
    assert duck.num_rows == 1
    assert duck.equals(spark)
