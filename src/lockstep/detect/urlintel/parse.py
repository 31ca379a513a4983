"""One URL taken apart the way the risk signals need it.

The standard library splits the URL; ``tldextract`` finds the registered domain with its
bundled public-suffix snapshot (never a fetch at run time; private suffixes such as
``github.io`` count, so each user site there is its own domain). Hosts are compared in
Unicode: a punycode label (``xn--...``) is decoded, because the homograph it spells is what a
reader sees. Parsing never raises: a URL too broken to parse yields None and is left alone.
"""

from __future__ import annotations

import html
import ipaddress
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlsplit

import tldextract

_EXTRACT = tldextract.TLDExtract(
    suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
)

#: Characters a URL found in text often carries at its end that are not part of it.
_TRAILING = "\ufeff\u200b\u200e\u200f.,;:!?]}>'\"…"
#: Schemes that run code or carry a whole page inside the link.
SCRIPT_SCHEMES = frozenset({"javascript", "data", "vbscript"})
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:", re.IGNORECASE)
#: A host written as one number (decimal, octal or hex): an IP address in disguise.
_NUMERIC_HOST = re.compile(r"^(?:0x[0-9a-f]+|[0-9]+)(?:\.(?:0x[0-9a-f]+|[0-9]+)){0,3}$")


@dataclass(frozen=True)
class ParsedUrl:
    """The parts of one URL; ``host`` is lower-case Unicode, ``domain`` its registered domain."""

    url: str
    scheme: str
    userinfo: str
    host: str
    port: int | None
    path: str
    params: tuple[tuple[str, str], ...]
    #: registered domain (``paypal.com``); the whole host when it has no public suffix
    domain: str
    #: the label registered under the suffix (``paypal``), or the host's first label
    label: str
    subdomain: str
    suffix: str
    #: the IP address when the host is one (also when written as a bare number)
    ip: str | None
    #: the host is an IP address written in an unusual form (one number, hex, octal)
    ip_obfuscated: bool
    #: some label of the host was punycode (``xn--``)
    punycode: bool

    @property
    def file_name(self) -> str:
        """The last path segment, lower case (``setup.exe``)."""
        return self.path.rstrip("/").rsplit("/", 1)[-1].lower()


def _decode_label(label: str) -> str:
    """A punycode label decoded; one that does not decode is kept as written."""
    if not label.startswith("xn--"):
        return label
    try:
        return label[4:].encode("ascii").decode("punycode").lower()
    except (UnicodeError, ValueError):
        return label


def decode_host(host: str) -> str:
    """``host`` lower-cased, without a trailing dot, with punycode labels decoded."""
    return ".".join(_decode_label(label) for label in host.strip().rstrip(".").lower().split("."))


def _number(part: str) -> int:
    """One part of an inet_aton address: hex with 0x, octal with a leading 0, else decimal."""
    if part.startswith("0x"):
        return int(part, 16)
    return int(part, 8) if len(part) > 1 and part.startswith("0") else int(part)


def _ip(host: str) -> tuple[str | None, bool]:
    """(address, written unusually) when ``host`` is an IP literal, else (None, False)."""
    bare = host.strip("[]")
    try:
        return str(ipaddress.ip_address(bare)), False
    except ValueError:
        pass
    if not _NUMERIC_HOST.match(bare):
        return None, False
    # inet_aton's forms: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x).
    parts = bare.split(".")
    try:
        values = [_number(p) for p in parts]
    except ValueError:
        return None, False
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (5 - len(values)):
        return None, False
    number = 0
    for v in head:
        number = number * 256 + v
    number = number * 256 ** (5 - len(values)) + last
    if number >= 2**32:
        return None, False
    return str(ipaddress.IPv4Address(number)), True


def clean(url: str) -> str:
    """The URL with HTML entities decoded and text punctuation trimmed from its end."""
    url = html.unescape(url.strip()).strip(_TRAILING)
    while url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    return url


@lru_cache(maxsize=65536)
def host_parts(host: str) -> tuple[str, str, str, str]:
    """(domain, label, subdomain, suffix) of a Unicode host, via the public-suffix list."""
    ext = _EXTRACT(host)
    if ext.suffix and ext.domain:
        return f"{ext.domain}.{ext.suffix}", ext.domain, ext.subdomain, ext.suffix
    # No public suffix (".invalid", "localhost", an intranet name): the host is the domain.
    return host, host.split(".", 1)[0], "", ""


def parse_url(raw: str) -> ParsedUrl | None:
    """``raw`` taken apart, or None when it has no usable host."""
    url = clean(raw)
    if not url:
        return None
    if not _SCHEME.match(url) or url.lower().startswith(("localhost:", "www.")):
        url = "http://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme in SCRIPT_SCHEMES:
        return ParsedUrl(
            url=url,
            scheme=scheme,
            userinfo="",
            host="",
            port=None,
            path=parts.path,
            params=(),
            domain="",
            label="",
            subdomain="",
            suffix="",
            ip=None,
            ip_obfuscated=False,
            punycode=False,
        )
    netloc = parts.netloc
    userinfo = netloc.rsplit("@", 1)[0] if "@" in netloc else ""
    raw_host = unquote(parts.hostname or "")
    host = decode_host(raw_host)
    if not host:
        return None
    ip, obfuscated = _ip(host)
    if ip is not None:
        domain, label, subdomain, suffix = host, host, "", ""
    else:
        domain, label, subdomain, suffix = host_parts(host)
    return ParsedUrl(
        url=url,
        scheme=scheme,
        userinfo=unquote(userinfo),
        host=host,
        port=port,
        path=unquote(parts.path),
        # "amp;" left over from an HTML-escaped "&amp;" is not part of the parameter's name
        params=tuple(
            (k.removeprefix("amp;"), v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        ),
        domain=domain,
        label=label,
        subdomain=subdomain,
        suffix=suffix,
        ip=ip,
        ip_obfuscated=obfuscated,
        punycode="xn--" in raw_host.lower(),
    )


#: Where a redirect carries its destination: a parameter value that is itself a URL.
_NESTED = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
_ENCODED = re.compile(r"^https?%3a", re.IGNORECASE)


def nested_urls(parsed: ParsedUrl) -> list[str]:
    """URLs carried inside ``parsed``'s query (a redirect's destination), in order."""
    out = []
    for _, value in parsed.params:
        candidate = value.strip()
        if _ENCODED.match(candidate):  # encoded twice: parse_qsl undid one layer
            candidate = unquote(candidate)
        if _NESTED.match(candidate):
            out.append(candidate)
    return out
