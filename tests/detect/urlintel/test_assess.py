"""The verdicts on one URL: which behaviours, which subjects, and the rules between signals."""

from __future__ import annotations

from pathlib import Path

import pytest

from lockstep.detect.urlintel import UrlIntel, UrlLists

INTEL = UrlIntel(UrlLists.load())
MAL, MIS = "spam.malicious_url", "spam.misleading_url"


def _verdicts(intel: UrlIntel, url: str) -> dict[str, str]:
    return {v.behaviour: f"{v.subject_type}:{v.subject_id}" for v in intel.assess(url)}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # phishing on a lookalike host: harmful and deceptive, both named by the host
        (
            "https://paypa1-secure.com/login.php",
            {MAL: "domain:paypa1-secure.com", MIS: "domain:paypa1-secure.com"},
        ),
        (
            "http://xn--pypal-4ve.com/signin/verify",
            {MAL: "domain:pаypal.com", MIS: "domain:pаypal.com"},
        ),
        (
            "https://www.paypal.com.account-check.net/webscr",
            {MAL: "domain:account-check.net", MIS: "domain:account-check.net"},
        ),
        (
            "http://paypal.com@evil.example/login",
            {MAL: "domain:evil.example", MIS: "domain:evil.example"},
        ),
        ("https://gooogle.xyz/login", {MAL: "domain:gooogle.xyz", MIS: "domain:gooogle.xyz"}),
        # phishing on a throwaway host: a sign-in page plus an abused TLD and lure words
        ("https://secure-login.top/verify", {MAL: "url:https://secure-login.top/verify"}),
        (
            "https://help-deals.xyz/auth/session-expired",
            {MAL: "url:https://help-deals.xyz/auth/session-expired"},
        ),
        ("http://45.9.1.2/wallet/connect", {MAL: "url:http://45.9.1.2/wallet/connect"}),
        # malware and auto-downloads
        (
            "https://free-vpn.example/dl/free_vpn_pro.apk",
            {MAL: "url:https://free-vpn.example/dl/free_vpn_pro.apk"},
        ),
        ("http://45.9.1.2/invoice_2291.scr", {MAL: "url:http://45.9.1.2/invoice_2291.scr"}),
        (
            "https://github.com/x/y/releases/download/v1/crack_installer.exe",
            {MAL: "url:https://github.com/x/y/releases/download/v1/crack_installer.exe"},
        ),
        ("http://3232235777/", {MAL: "domain:3232235777"}),
        ("javascript:alert(document.cookie)", {MAL: "url:javascript:alert(document.cookie)"}),
        (
            "https://testsafebrowsing.appspot.com/s/malware.html",
            {MAL: "domain:testsafebrowsing.appspot.com"},
        ),
        # deceptive, not harmful
        ("https://paypa1-secure.com/", {MIS: "domain:paypa1-secure.com"}),
        ("https://amaz0n-deals.shop/item/123", {MIS: "domain:amaz0n-deals.shop"}),
        ("https://amazzon.com/best-deal", {MIS: "domain:amazzon.com"}),
        ("https://4pple.com/", {MIS: "domain:4pple.com"}),
        ("https://dhl-help.online/track", {MIS: "domain:dhl-help.online"}),
        ("https://adf.ly/1a2b", {MIS: "domain:adf.ly"}),
        ("https://www.anrdoezrs.net/click-123-456", {MIS: "domain:anrdoezrs.net"}),
        ("http://rover.ebay.com/rover/1/710?campid=5337555197", {MIS: "domain:rover.ebay.com"}),
        (
            "https://www.google.com/url?q=https://megadeal.shop/best-price",
            {MIS: "url:https://www.google.com/url?q=https://megadeal.shop/best-price"},
        ),
        (
            "https://t.example/r?u=https%3A%2F%2Fwww.amazon.com%2Fdp%2FB0%3Ftag%3Dx-20",
            {MIS: "url:https://t.example/r?u=https%3A%2F%2Fwww.amazon.com%2Fdp%2FB0%3Ftag%3Dx-20"},
        ),
    ],
)
def test_verdicts(url: str, expected: dict[str, str]) -> None:
    assert _verdicts(INTEL, url) == expected, INTEL.signals(url)[1]
    for verdict in INTEL.assess(url):
        assert 0.5 <= verdict.score <= 1
        kind = verdict.behaviour.split(".")[1].split("_")[0]
        own = [s for s in verdict.signals if s.kind == kind]
        assert verdict.signals[: len(own)] == tuple(own)  # its own reasons first, strongest first
        assert [s.weight for s in own] == sorted((s.weight for s in own), reverse=True)


@pytest.mark.parametrize(
    "url",
    [
        "https://bit.ly/3abc",  # a shortener is not deceptive by itself
        "https://www.bbc.co.uk/news/uk-12345",
        "https://www.paypal.com/signin",  # the real sign-in page
        "https://www.amazon.com/dp/B000?tag=foo-20",  # a visible affiliate tag on the shop itself
        "https://shop.example/p/1?aff_id=42",  # visible affiliate alone is not enough
        "https://www.google.ro/url?url=http%3A%2F%2Fen.wikipedia.org%2Fwiki%2FX",  # harmless
        "https://t.example/r?u=https%3A%2F%2Fsmall-blog.example%2Fpost",  # tracker, plain target
        "https://l.facebook.com/l.php?u=https%3A%2F%2Fsmall-blog.example%2Fpost",  # link shim
        "https://t.umblr.com/redirect?z=https%3A%2F%2Fsmall-blog.example%2Fpost",
        "http://192.168.1.1/",  # a router's page: a bare IP alone is not enough
        "https://myforum.example/login",  # a login page on an ordinary site
        "https://dailydeals.xyz/best-offer",  # an abused TLD alone
        "https://www.dropbox.com/s/abc/holiday.zip?dl=1",  # archive on an allowlisted host
        "https://mediafire.example/file/Video.rar",  # archive alone
        "https://apple-pie-recipes.com/",
        "https://offices-for-rent.com/",
        "https://domain-6619.invalid/url-34110",
        "not a url at all",
    ],
)
def test_ordinary_links_get_no_verdict(url: str) -> None:
    assert INTEL.assess(url) == [], INTEL.signals(url)[1]


def test_allowlisted_hosts_are_trusted_except_for_executables() -> None:
    _, signals = INTEL.signals("https://www.amazon.com/ap/signin?tag=x-20")
    assert all(s.weight == 0 for s in signals)
    (verdict,) = INTEL.assess("https://github.com/someone/x/raw/main/WhatsApp_Gold.apk")
    assert verdict.behaviour == MAL and verdict.subject_type == "url"
    assert verdict.domain == ""  # github.com is shared: never named as the domain


def test_a_more_specific_list_entry_beats_the_allowlist(tmp_path: Path) -> None:
    deny = tmp_path / "deny.txt"
    deny.write_text("sites.google.com\n")
    intel = UrlIntel(UrlLists.load(deny=str(deny)))
    assert _verdicts(intel, "https://sites.google.com/view/free-robux") == {
        MAL: "domain:sites.google.com"
    }
    assert intel.assess("https://www.google.com/search?q=x") == []


def test_a_redirect_through_a_popular_site_does_not_launder_the_destination() -> None:
    url = "https://www.google.com/url?q=https://paypal-verify-account.xyz/login"
    assert _verdicts(INTEL, url) == {
        MAL: "domain:paypal-verify-account.xyz",
        MIS: "domain:paypal-verify-account.xyz",
    }
    codes = {s.code for v in INTEL.assess(url) for s in v.signals}
    assert {"cloaked_redirect", "disguised_redirect", "phishing", "combosquat"} <= codes
    assert {v.domain for v in INTEL.assess(url)} == {"paypal-verify-account.xyz"}


def test_a_risky_destination_behind_a_link_wrapper_is_still_flagged() -> None:
    url = "https://l.facebook.com/l.php?u=https%3A%2F%2Famaz0n-deals.shop%2Fx"
    assert _verdicts(INTEL, url) == {MIS: "domain:amaz0n-deals.shop"}


def test_typos_of_short_brands_need_a_homoglyph_or_a_lure() -> None:
    assert INTEL.assess("https://appple.com/") == []  # apple/apply/ample: too many words
    assert _verdicts(INTEL, "https://app1e.com/") == {MIS: "domain:app1e.com"}
    assert _verdicts(INTEL, "https://apple-verify.com/") == {MIS: "domain:apple-verify.com"}


def test_threshold_moves_the_line() -> None:
    assert UrlIntel(UrlLists.load(), threshold=0.4).assess("https://shop.example/?aff=1") == []
    assert UrlIntel(UrlLists.load(), threshold=0.3).assess("https://shop.example/?aff=1")
    assert UrlIntel(UrlLists.load(), threshold=0.95).assess("https://paypa1-secure.com/login") == []
