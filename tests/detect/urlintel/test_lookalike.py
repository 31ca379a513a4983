"""Lookalike hosts: confusable skeletons, typos, brand plus lure word — and ordinary names."""

from __future__ import annotations

import pytest

from lockstep.detect.urlintel.lists import UrlLists
from lockstep.detect.urlintel.lookalike import BrandIndex
from lockstep.detect.urlintel.parse import parse_url
from lockstep.detect.urlintel.skeleton import scripts, skeleton

INDEX = BrandIndex(UrlLists.load().allow)


def _codes(url: str) -> list[str]:
    p = parse_url(url)
    assert p is not None
    return [s.code for s in INDEX.signals(p.host, p.label, p.subdomain, p.suffix)]


@pytest.mark.parametrize(
    ("seen", "brand"),
    [
        ("paypa1", "paypal"),  # digit one for l
        ("pаypal", "paypal"),  # Cyrillic а
        ("g00gle", "google"),  # zeros
        ("rnicrosoft", "microsoft"),  # r n for m
        ("аррӏе", "apple"),  # whole-script Cyrillic
        ("linkedln", "linkedin"),  # l for i
        ("vvhatsapp", "whatsapp"),  # v v for w
        ("paypál", "paypal"),  # accent
        ("кraken", "kraken"),  # lower-case Cyrillic к (TR39 maps it to ĸ, its capital to K)
        ("n3tfl1x", "netflix"),  # leetspeak
    ],
)
def test_confusables_share_the_brand_skeleton(seen: str, brand: str) -> None:
    assert skeleton(seen) == skeleton(brand)


def test_ordinary_different_words_keep_different_skeletons() -> None:
    assert skeleton("apply") != skeleton("apple")
    assert skeleton("reuters") != skeleton("routers")
    assert scripts("pаypal") == {"LATIN", "CYRILLIC"}
    assert scripts("пример") == {"CYRILLIC"}


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://paypa1.com/", "lookalike"),
        ("https://paypa1-secure.com/", "lookalike"),
        ("http://xn--pypal-4ve.com/", "lookalike"),
        ("https://amaz0n-deals.shop/", "lookalike"),
        ("https://www.paypal.com.account-check.net/", "brand_in_subdomain"),
        ("https://netflix-billing-update.com/", "combosquat"),
        ("https://dhl-parcel-support.com/", "combosquat"),
        ("https://appleidverify.com/", "combosquat"),
        ("https://secure.paypal.verify-now.net/", "combosquat"),
        ("https://gooogle.com/", "typosquat"),
        ("https://instagran.com/", "typosquat"),
        ("https://paypal.xyz/", "brand_other_suffix"),
        ("https://pаyрal-xyz.com/", "lookalike"),
        ("https://bаnk-example.com/", "mixed_script"),
    ],
)
def test_lookalikes_are_named(url: str, code: str) -> None:
    assert code in _codes(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://apple-pie-recipes.com/",  # a brand word, but no lure: a recipe blog
        "https://applebees.com/",
        "https://offices-for-rent.com/",  # a plural is a word, not a typo
        "https://googleadservices.com/pagead",  # brand's own run-together domain
        "https://paypalobjects.com/",
        "https://microsoftonline.com/",
        "https://spiegelonline.example/",
        "https://cnnindonesia.com/",
        "https://meduza.io/",
        "https://aljazeera.net/news",
        "https://пример.рф/",  # single-script Cyrillic is not a homograph
        "https://baeckerei-sonne.de/",
    ],
)
def test_ordinary_names_are_not_lookalikes(url: str) -> None:
    assert not [c for c in _codes(url) if c not in ("typosquat", "brand_other_suffix")]


def test_evidence_names_the_brand_and_the_changed_characters() -> None:
    p = parse_url("https://paypa1-secure.com/")
    assert p is not None
    (sig,) = INDEX.signals(p.host, p.label, p.subdomain, p.suffix)
    assert sig.detail == (
        "host paypa1-secure.com imitates paypal.com: 'paypa1' looks like 'paypal' ('l'→'1')"
    )


def test_users_brands_are_protected_too(tmp_path) -> None:  # type: ignore[no-untyped-def]
    extra = tmp_path / "allow.txt"
    extra.write_text("# our platform\nfediverse-town.social\n")
    index = BrandIndex(UrlLists.load(allow=str(extra)).allow)
    p = parse_url("https://fediverse-t0wn.social/login")
    assert p is not None
    assert [s.code for s in index.signals(p.host, p.label, p.subdomain, p.suffix)] == ["lookalike"]
