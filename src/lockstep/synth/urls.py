"""URLs built column-wise: organic links and the link shapes of each kind of abuse.

Every builder returns one URL per row as an Arrow string array. Random path parts (video ids,
slugs, query values) come from byte matrices over small alphabets, so even millions of links
cost a few array operations.
"""

from __future__ import annotations

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.vocab.geo import LANGS
from lockstep.synth.vocab.web import (
    BLOG_HOSTS,
    NEWS,
    PLATFORMS,
    SHOPS,
    SHORTENERS,
    SLUG_WORDS,
)

_ALNUM = np.frombuffer(
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", dtype=np.uint8
)
_LOWER = np.frombuffer(b"abcdefghijklmnopqrstuvwxyz0123456789", dtype=np.uint8)
_VIDEO = np.frombuffer(
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", dtype=np.uint8
)


def token(rng: np.random.Generator, n: int, width: int, alphabet: str = "alnum") -> A.Arr:
    """Random strings of ``width`` characters (video ids, short codes, session ids)."""
    chars = {"alnum": _ALNUM, "lower": _LOWER, "video": _VIDEO}[alphabet]
    return A.fixed_width(chars[rng.integers(0, len(chars), (n, width), dtype=np.uint8)])


def slug(rng: np.random.Generator, n: int, words: int = 3) -> A.Arr:
    parts = [A.pick(rng, SLUG_WORDS, n) for _ in range(words)]
    return A.join(*parts, sep="-")


def news_links(rng: np.random.Generator, lang: A.I64) -> A.Arr:
    """Article links of major outlets of each row's language."""
    n = len(lang)
    flat = [d for code in LANGS for d in NEWS[code]]
    sizes = np.array([len(NEWS[code]) for code in LANGS], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    idx = offsets[lang] + (rng.random(n) * sizes[lang]).astype(np.int64)
    domain = A.take(A.strings(flat), idx)
    www = A.null_where(rng.random(n) < 0.4, A.strings(["www"] * n))
    host = A.join(www, domain, sep=".")
    number = A.ints(rng.integers(100_000, 9_999_999, n))
    path = A.join(A.pick(rng, SLUG_WORDS, n), A.join(slug(rng, n), number, sep="-"), sep="/")
    return A.join("https://", host, "/", path, sep="")


def _platform(rng: np.random.Generator, shape: str, lang: A.I64) -> A.Arr:
    n = len(lang)
    word = A.pick(rng, SLUG_WORDS, n)
    if shape == "video":
        return A.join("https://www.youtube.com/watch?v=", token(rng, n, 11, "video"), sep="")
    if shape == "short_video":
        return A.join("https://youtu.be/", token(rng, n, 11, "video"), sep="")
    if shape == "wiki":
        code = A.take(A.strings(LANGS), lang)
        title = A.join(word, A.pick(rng, SLUG_WORDS, n), sep="_")
        return A.join("https://", code, ".wikipedia.org/wiki/", title, sep="")
    if shape == "track":
        return A.join("https://open.spotify.com/track/", token(rng, n, 22), sep="")
    if shape == "repo":
        return A.join("https://github.com/", word, "/", slug(rng, n, 2), sep="")
    if shape == "thread":
        code = token(rng, n, 6, "lower")
        return A.join("https://www.reddit.com/r/", word, "/comments/", code, sep="")
    if shape == "profile":
        return A.join("https://www.instagram.com/", word, token(rng, n, 4, "lower"), sep="")
    if shape == "title":
        number = A.ints(rng.integers(10**6, 10**7, n))
        return A.join("https://www.imdb.com/title/tt", number, sep="")
    tail = A.join(slug(rng, n), token(rng, n, 12, "lower"), sep="-")
    return A.join("https://medium.com/@", word, "/", tail, sep="")


def platform_links(rng: np.random.Generator, lang: A.I64) -> A.Arr:
    """Links to big platforms: videos, wiki pages, tracks, repos, threads, profiles."""
    kind = rng.integers(0, len(PLATFORMS), len(lang))
    parts = []
    for i, (_, shape) in enumerate(PLATFORMS):
        rows = np.flatnonzero(kind == i)
        parts.append((rows, _platform(rng, shape, lang[rows])))
    return A.scatter(len(lang), parts)


def blog_links(rng: np.random.Generator, n: int) -> A.Arr:
    host = A.join(A.pick(rng, SLUG_WORDS, n), A.pick(rng, SLUG_WORDS, n), sep="")
    return A.join("https://", host, ".", A.pick(rng, BLOG_HOSTS, n), "/p/", slug(rng, n), sep="")


def shop_links(rng: np.random.Generator, n: int, utm: float = 0.3) -> A.Arr:
    base = A.join(
        "https://",
        A.pick(rng, SHOPS, n),
        "/listing/",
        A.ints(rng.integers(10**8, 10**9, n)),
        "/",
        slug(rng, n, 2),
        sep="",
    )
    query = A.null_where(rng.random(n) >= utm, A.strings(["?utm_source=social"] * n))
    return A.join(base, query, sep="")


def short_links(rng: np.random.Generator, n: int) -> A.Arr:
    return A.join("https://", A.pick(rng, SHORTENERS, n), "/", token(rng, n, 7), sep="")


def organic_links(rng: np.random.Generator, lang: A.I64) -> A.Arr:
    """What people link to: news, platforms, blogs, shops, now and then a shortened link."""
    n = len(lang)
    kind = np.searchsorted(np.array([0.40, 0.72, 0.84, 0.95]), rng.random(n), side="right")
    parts = []
    for i in range(5):
        rows = np.flatnonzero(kind == i)
        m = len(rows)
        if i == 0:
            values = news_links(rng, lang[rows])
        elif i == 1:
            values = platform_links(rng, lang[rows])
        elif i == 2:
            values = blog_links(rng, m)
        elif i == 3:
            values = shop_links(rng, m)
        else:
            values = short_links(rng, m)
        parts.append((rows, values))
    return A.scatter(n, parts)


def site_links(rng: np.random.Generator, domains: list[str], n: int, section: bool = True) -> A.Arr:
    """Article-like links on given domains (outlets, network-run sites, content farms)."""
    sec = A.join(A.pick(rng, SLUG_WORDS, n), "/", sep="") if section else A.strings([""] * n)
    return A.join(
        "https://",
        A.pick(rng, domains, n),
        "/",
        sec,
        slug(rng, n),
        "-",
        A.ints(rng.integers(1000, 99999, n)),
        sep="",
    )
