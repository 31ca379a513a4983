"""URL parsing for the risk signals: hosts as a reader sees them, IPs in disguise, redirects."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lockstep.detect.urlintel.parse import clean, nested_urls, parse_url


def test_registered_domain_label_and_suffix_come_from_the_public_suffix_list() -> None:
    p = parse_url("https://login.secure.bbc.co.uk/a/b.html?x=1")
    assert p is not None
    assert (p.domain, p.label, p.subdomain, p.suffix) == (
        "bbc.co.uk",
        "bbc",
        "login.secure",
        "co.uk",
    )
    assert p.file_name == "b.html"
    # private suffixes count: each user site on a shared host is its own domain
    q = parse_url("https://paypal-login.github.io/x")
    assert q is not None and q.domain == "paypal-login.github.io"


def test_hosts_without_public_suffix_are_their_own_domain() -> None:
    p = parse_url("https://domain-6619.invalid/url-34110")
    assert p is not None and p.domain == "domain-6619.invalid" and p.suffix == ""


def test_punycode_is_decoded_to_what_the_reader_sees() -> None:
    p = parse_url("http://xn--pypal-4ve.com/login")
    assert p is not None and p.host == "pаypal.com" and p.punycode  # Cyrillic а
    assert parse_url("http://xn--zz.com/") is not None  # undecodable: kept, not an error


@pytest.mark.parametrize(
    ("url", "ip", "obfuscated"),
    [
        ("http://45.9.1.2/x", "45.9.1.2", False),
        ("http://[2001:db8::1]/x", "2001:db8::1", False),
        ("http://3232235777/login", "192.168.1.1", True),
        ("http://0xC0A80101/", "192.168.1.1", True),
        ("http://0300.0250.1.1/", "192.168.1.1", True),
        ("http://example.com/", None, False),
        ("http://99999999999/", None, False),  # too large for an address
    ],
)
def test_ip_literals_in_every_spelling(url: str, ip: str | None, obfuscated: bool) -> None:
    p = parse_url(url)
    assert p is not None and (p.ip, p.ip_obfuscated) == (ip, obfuscated)


def test_userinfo_is_separated_from_the_real_host() -> None:
    p = parse_url("http://paypal.com@evil.example/login")
    assert p is not None and p.host == "evil.example" and p.userinfo == "paypal.com"


def test_text_debris_around_urls_is_trimmed() -> None:
    assert clean("http://x.example/a),\ufeff") == "http://x.example/a"
    assert (
        clean("https://en.wikipedia.org/wiki/Foo_(bar)")
        == "https://en.wikipedia.org/wiki/Foo_(bar)"
    )
    assert clean("http://x.example/?a=1&amp;b=2") == "http://x.example/?a=1&b=2"


def test_scheme_less_and_script_links() -> None:
    p = parse_url("www.marketglory.com/strategygame/x")
    assert p is not None and p.domain == "marketglory.com"
    js = parse_url("javascript:alert(1)")
    assert js is not None and js.scheme == "javascript" and js.host == ""


def test_redirect_destinations_are_found_in_the_query() -> None:
    p = parse_url(
        "https://www.google.com/url?sa=t&url=http%3A%2F%2Fen.wikipedia.org%2Fwiki%2FX&q=&u=//cdn.example/a"
    )
    assert p is not None
    assert nested_urls(p) == ["http://en.wikipedia.org/wiki/X", "//cdn.example/a"]
    twice = parse_url("https://r.example/?to=https%253A%252F%252Fevil.example%252Fa")
    assert twice is not None and nested_urls(twice) == ["https://evil.example/a"]


def test_html_escaped_ampersands_do_not_hide_parameter_names() -> None:
    p = parse_url("http://rover.ebay.com/rover/1?amp;campid=5&amp;customid=b")
    assert p is not None and dict(p.params) == {"campid": "5", "customid": "b"}


@given(st.text(max_size=80))
def test_parsing_never_raises(text: str) -> None:
    parse_url(text)
    parse_url("http://" + text)
