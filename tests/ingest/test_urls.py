"""URL normalisation: examples, properties, and registered domains without network."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import idna
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lockstep.ingest import urls
from lockstep.ingest.urls import normalise_url, normalise_urls, url_parts


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://Example.COM/Path", "http://example.com/Path"),
        ("https://example.com:443/a/", "https://example.com/a"),
        ("http://example.com:80", "http://example.com"),
        ("http://example.com:8080/", "http://example.com:8080"),
        (
            "https://example.com/?utm_source=x&UTM_Medium=y&fbclid=1&gclid=2&id=3",
            "https://example.com?id=3",
        ),
        (
            "https://example.com/p?b=2&a=1&igshid=z&si=q&mc_cid=1&mc_eid=2&ref_src=tw",
            "https://example.com/p?a=1&b=2",
        ),
        ("https://example.com/p#section", "https://example.com/p"),
        ("https://example.com/a%20b?q=x%20y", "https://example.com/a%20b?q=x%20y"),
        ("www.example.com/x", "http://www.example.com/x"),
        ("example.com/x?y=1", "http://example.com/x?y=1"),
        ("//cdn.example.com/lib.js", "http://cdn.example.com/lib.js"),
        ("https://bücher.example/", "https://xn--bcher-kva.example"),
        ("https://xn--bcher-kva.example/", "https://xn--bcher-kva.example"),
        ("https://user:pw@Example.com/", "https://user:pw@example.com"),
        ("https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"),
        ("https://example.com./", "https://example.com"),
        ("  https://example.com/\u200b ", "https://example.com"),
        ("mailto:Someone@Example.com", "mailto:Someone@Example.com"),
        ("not a url", "not a url"),
        ("http://[::1", "http://[::1"),
    ],
)
def test_normalisation_examples(raw: str, expected: str) -> None:
    assert normalise_url(raw) == expected


def test_normalising_an_array_works_per_distinct_value() -> None:
    flat = pa.array(["https://A.example/", "https://a.example", None, "https://A.example/"])
    assert normalise_urls(flat).to_pylist() == [
        "https://a.example",
        "https://a.example",
        None,
        "https://a.example",
    ]


@given(st.text())
def test_never_raises_and_is_idempotent_on_any_text(raw: str) -> None:
    once = normalise_url(raw)
    assert normalise_url(once) == once


_label = st.from_regex(r"[a-z0-9]([a-z0-9\-]{0,10}[a-z0-9])?", fullmatch=True)
_unicode_label = st.sampled_from(["bücher", "пример", "例え", "مثال", "straße"])
_host = st.lists(st.one_of(_label, _unicode_label), min_size=1, max_size=3).map(
    lambda labels: ".".join([*labels, "example"])
)
_segment = st.text(alphabet=st.characters(codec="ascii", categories=["L", "N"]), max_size=8)
_param = st.tuples(
    st.sampled_from(["utm_source", "fbclid", "id", "q", "page", "si", "Gclid"]),
    st.text(alphabet="abc123", max_size=4),
)


@st.composite
def _urls(draw: st.DrawFn) -> tuple[str, str]:
    scheme = draw(st.sampled_from(["http", "https", "HTTP", "Https"]))
    host = draw(_host)
    case = draw(st.sampled_from([str.lower, str.upper, str.title]))
    port = draw(st.sampled_from(["", ":80", ":443", ":8080"]))
    path = "/".join(draw(st.lists(_segment, max_size=3)))
    params = draw(st.lists(_param, max_size=4))
    query = "&".join(f"{k}={v}" for k, v in params)
    fragment = draw(st.sampled_from(["", "#top", "#"]))
    written = case(host)
    url = f"{scheme}://{written}{port}/{path}" + (f"?{query}" if query else "") + fragment
    return url, written


@given(_urls())
def test_keeps_the_host_and_drops_only_noise(case: tuple[str, str]) -> None:
    url, host = case
    out = normalise_url(url)
    parts = urlsplit(out)
    # ASCII names are kept as written, lower-cased, even where IDNA 2008 would refuse them
    # (``ab--c.example``); only international names are encoded.
    expected = host.lower() if host.isascii() else idna.encode(host, uts46=True).decode("ascii")
    assert parts.hostname == expected
    assert parts.scheme in ("http", "https")
    assert not parts.fragment
    assert not any(
        k.lower().startswith("utm_") or k.lower() in ("fbclid", "gclid", "si")
        for k in (p.split("=")[0] for p in parts.query.split("&") if p)
    )
    kept = sorted(
        p for p in urlsplit(url).query.split("&") if p.split("=")[0] in ("id", "q", "page")
    )
    assert sorted(p for p in parts.query.split("&") if p) == kept
    assert normalise_url(out) == out


@pytest.mark.parametrize(
    ("url", "domain", "suffix"),
    [
        ("https://www.example.co.uk/a", "example.co.uk", "co.uk"),
        ("https://a.b.example.com", "example.com", "com"),
        ("https://someone.github.io/x", "someone.github.io", "github.io"),
        ("https://sub.domain-12.invalid/url-3", "sub.domain-12.invalid", "invalid"),
        ("http://192.0.2.7/x", "192.0.2.7", ""),
        ("http://[2001:db8::1]/x", "2001:db8::1", ""),
        ("http://localhost:8000/x", "localhost", ""),
        ("https://xn--bcher-kva.de/", "xn--bcher-kva.de", "de"),
    ],
)
def test_registered_domains(url: str, domain: str, suffix: str) -> None:
    _, _, _, got_domain, got_suffix, _, _ = url_parts(normalise_url(url))
    assert (got_domain, got_suffix) == (domain, suffix)


def test_domains_come_from_the_bundled_list_without_network(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tldextract tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    urls._extractor.cache_clear()
    try:
        assert url_parts("https://shop.example.com.au/x")[3] == "example.com.au"
    finally:
        urls._extractor.cache_clear()
