"""URL normalisation and the lake's ``urls`` table.

Two posts linking ``HTTPS://Example.com:443/a/?utm_source=x#top`` and ``https://example.com/a``
link the same page; detectors that count shared links must see one URL. Normalisation runs
once per distinct URL in Python (the standard library's ``urllib``, ``idna`` for
international hosts) and is joined back onto the rows by Arrow, so its cost follows the
number of distinct URLs, not of posts.

Registered domains come from ``tldextract`` with its bundled public-suffix snapshot and no
network access, so a run is reproducible and works offline.
"""

from __future__ import annotations

import ipaddress
import re
from functools import cache
from typing import Any
from urllib.parse import unquote_plus, urlsplit

import idna
import pyarrow as pa
import pyarrow.compute as _pc
import tldextract

from lockstep.ingest.convert import Arr

# pyarrow-stubs reject valid compute calls (ChunkedArray and Python-scalar arguments)
# and lack some kernels; Arrow checks the types at run time.
pc: Any = _pc

#: Query parameters that only say where a click came from. Names compare case-insensitively.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "igsh",
        "mc_cid",
        "mc_eid",
        "ref_src",
        "ref_url",
        "si",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "s_cid",
        "wt.mc_id",
        "spm",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")

#: whitespace and the zero-width characters that ride along when links are copied
_EDGES = re.compile("^[\\s\u200b\u200c\u200d\u2060\ufeff]+|[\\s\u200b\u200c\u200d\u2060\ufeff]+$")

# trailing dots (fully qualified names) and stray spaces at the end of a host
_HOST_END = re.compile(r"[\s.]+$")

_PATH_END = re.compile(r"[/\s]+$")

DEFAULT_PORTS = {"http": "80", "https": "443", "ftp": "21", "ws": "80", "wss": "443"}

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# scheme-less "domain.tld/..." as people write links in lists
_BARE_DOMAIN = re.compile(r"(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}(?::\d+)?(?:[/?#]|$)")

URLS_SCHEMA = pa.schema(
    [
        pa.field("url", pa.string()),
        pa.field("scheme", pa.string()),
        pa.field("host", pa.string()),
        pa.field("registered_domain", pa.string()),
        pa.field("suffix", pa.string()),
        pa.field("path", pa.string()),
        pa.field("query", pa.string()),
    ]
)


def _is_tracking(piece: str) -> bool:
    key = unquote_plus(piece.split("=", 1)[0]).strip().lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def _host(host: str) -> str:
    """Lower-case; international names as IDNA punycode when they can be encoded."""
    host = _HOST_END.sub("", host.strip().lower())
    if host.isascii():
        return host
    try:
        return idna.encode(host, uts46=True).decode("ascii").rstrip(".")
    except idna.IDNAError:
        return host


def _split_port(hostport: str) -> tuple[str, str] | None:
    """``(host, port)``; port "" when absent; None when it is not ``host[:digits]``."""
    if hostport.startswith("["):
        host, bracket, rest = hostport.partition("]")
        host += bracket
        if not bracket or (rest and not rest.startswith(":")):
            return None
        port = rest[1:]
    else:
        host, colon, port = hostport.rpartition(":")
        if not colon:
            return hostport, ""
        if ":" in host:
            return None
    if port and not (port.isascii() and port.isdigit()):
        return None
    return host, port


def _netloc(scheme: str, netloc: str) -> str:
    userinfo, at, hostport = netloc.strip().rpartition("@")
    split = _split_port(hostport)
    if split is None:
        return userinfo + at + hostport.lower()
    host, port = split
    host = host.lower() if host.startswith("[") else _host(host)
    port = str(int(port)) if port else ""
    if not port or DEFAULT_PORTS.get(scheme) == port:
        return f"{userinfo}{at}{host}"
    return f"{userinfo}{at}{host}:{port}"


def normalise_url(raw: str) -> str:
    """The canonical form of one URL; never raises (unparseable input comes back trimmed).

    Lower-case scheme and host, IDNA host, no default port, no fragment, no tracking
    parameters, remaining parameters sorted (kept as written, not re-encoded), no trailing
    slash. ``www.x.com`` and ``x.com/path`` get ``http://``. Idempotent.
    """
    text = _EDGES.sub("", raw)
    try:
        return _EDGES.sub("", _normalise(text))
    except (ValueError, UnicodeError):
        return text


def _normalise(text: str) -> str:
    if text.lower().startswith("www.") or _BARE_DOMAIN.match(text):
        text = "http://" + text
    elif text.startswith("//"):
        text = "http:" + text
    if not _SCHEME.match(text):
        return text
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if not parts.netloc:
        # mailto:, tel:, data: ... have no host to normalise
        rest = text[len(parts.scheme) + 1 :]
        return f"{scheme}:{rest.split('#', 1)[0]}"
    netloc = _netloc(scheme, parts.netloc)
    path = _PATH_END.sub("", parts.path)
    pieces = sorted(
        p for p in (p.strip() for p in parts.query.split("&")) if p and not _is_tracking(p)
    )
    query = "&".join(pieces)
    return f"{scheme}://{netloc}{path}" + (f"?{query}" if query else "")


def normalise_urls(flat: Arr) -> Arr:
    """Normalise every item of ``flat`` (strings), computing each distinct URL once."""
    distinct = pc.unique(flat)
    normal = pa.array(
        [None if u is None else normalise_url(u) for u in distinct.to_pylist()], pa.string()
    )
    out: Arr = pc.take(normal, pc.index_in(flat, value_set=distinct))
    return out


@cache
def _extractor() -> tldextract.TLDExtract:
    # no suffix-list URLs and no cache folder: the snapshot shipped with the package only
    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
    )


def _domain(host: str) -> tuple[str, str]:
    """``(registered_domain, suffix)`` of a host (see docs/data-contract.md)."""
    bare = host.strip("[]")
    try:
        ipaddress.ip_address(bare)
    except ValueError:
        pass
    else:
        return bare, ""
    if host == "invalid" or host.endswith(".invalid"):
        # RFC 2606 reserved name, used by anonymised data sets: the host is the domain
        return host, "invalid"
    ext = _extractor().extract_str(host)
    if ext.suffix and ext.domain:
        return ext.top_domain_under_public_suffix, ext.suffix
    return host, ext.suffix


def url_parts(url: str) -> tuple[str, str, str, str, str, str, str]:
    """One row of the ``urls`` table for a normalised URL."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.netloc.rpartition("@")[2].startswith("["):
            host = f"[{host}]"
    except ValueError:
        return url, "", "", "", "", "", ""
    domain, suffix = _domain(host) if host else ("", "")
    return url, parts.scheme, host, domain, suffix, parts.path, parts.query


def urls_table(urls: Arr) -> pa.Table:
    """The lake table ``urls``: one row per distinct normalised URL, sorted by URL."""
    distinct = sorted(u for u in pc.unique(urls).to_pylist() if u is not None)
    rows = [url_parts(u) for u in distinct]
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(URLS_SCHEMA)
    return pa.Table.from_arrays(
        [pa.array(list(c), pa.string()) for c in columns], schema=URLS_SCHEMA
    )
