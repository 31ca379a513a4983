"""Account profiles: names, handles, bios, avatars, audience, activity and devices.

:func:`people` draws ordinary accounts; campaign and hard-negative generators call it for their
own accounts and then override what makes them what they are (a shared device, a copied
avatar, a name template). Audience and activity are heavy-tailed (lognormal), so a few
accounts have huge followings and post all day while most post rarely.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.rand import DAY, lognormal_mean, random_u64
from lockstep.synth.text import bios, by_group
from lockstep.synth.vocab.geo import (
    COUNTRIES,
    LANG_WEIGHTS,
    LANGS,
    USER_AGENT_WEIGHTS,
    USER_AGENTS,
)
from lockstep.synth.vocab.names import HANDLE_WORDS, NAME_EMOJI, NAMES
from lockstep.synth.vocab.posts import TOPICS
from lockstep.synth.world import World

#: Average organic events per account and day, by table (calibrated so that the whole world
#: comes to about seven events per account and day).
POSTS_PER_DAY = 1.06
ENGAGEMENTS_PER_DAY = 5.3
SESSIONS_PER_DAY = 1.08

_TRANSLIT = str.maketrans({"ı": "i", "ß": "ss", "ø": "o", "æ": "ae", "ł": "l", "đ": "d"})

COUNTRY_TZ = np.array([c.tz for c in COUNTRIES], dtype=np.float64)
COUNTRY_LANG = np.array([LANGS.index(c.lang) for c in COUNTRIES], dtype=np.int64)


def ascii_name(text: str) -> str:
    """Latin-script name as it goes into a handle: no accents, lower case, letters only."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_TRANSLIT))
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())


def countries_for(rng: np.random.Generator, lang: A.I64) -> A.I64:
    """A declared country per account, among the countries of its language."""
    out = np.zeros(len(lang), dtype=np.int64)
    for code in np.unique(lang):
        rows = np.flatnonzero(lang == code)
        options = np.flatnonzero(code == COUNTRY_LANG)
        weights = np.array([COUNTRIES[i].weight for i in options])
        out[rows] = options[rng.choice(len(options), len(rows), p=weights / weights.sum())]
    return out


def organic_created(world: World, rng: np.random.Generator, n: int) -> A.I64:
    """Creation times over the past years, more of them recent; a few inside the window."""
    years = np.minimum(rng.exponential(3.0, n) + 0.05, 15.0)
    created = world.start - (years * 365 * DAY).astype(np.int64)
    fresh = rng.random(n) < 0.012
    span = world.end - world.start
    created[fresh] = world.start + (rng.random(int(fresh.sum())) * span * 0.9).astype(np.int64)
    return created


def city_of(rng: np.random.Generator, country: A.I64, latin: bool = False) -> A.Arr:
    """A city of each account's country, as written locally (or in Latin script)."""
    flat = [c[1 if latin else 0] for country_ in COUNTRIES for c in country_.cities]
    sizes = np.array([len(c.cities) for c in COUNTRIES], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    idx = offsets[country] + (rng.random(len(country)) * sizes[country]).astype(np.int64)
    return A.take(A.strings(flat), idx)


def names(rng: np.random.Generator, lang: A.I64) -> tuple[A.Arr, A.Arr, A.Arr]:
    """(display name, first name and family name in handle form) per account."""
    n = len(lang)
    first_i = np.zeros(n, dtype=np.int64)
    last_i = np.zeros(n, dtype=np.int64)
    for code in np.unique(lang):
        rows = np.flatnonzero(lang == code)
        pool = NAMES[LANGS[code]]
        first_i[rows] = rng.integers(0, len(pool.first), len(rows))
        last_i[rows] = rng.integers(0, len(pool.last), len(rows))

    def column(part: str, handle_form: bool) -> A.Arr:
        def build(code: int, rows: A.I64) -> A.Arr:
            pool = getattr(NAMES[LANGS[code]], part)
            values = [ascii_name(p[1]) if handle_form else p[0] for p in pool]
            return A.take(A.strings(values), (first_i if part == "first" else last_i)[rows])

        return by_group(lang, build)

    first, last = column("first", False), column("last", False)
    family_first = np.array([NAMES[code].family_first for code in LANGS])[lang]
    display = A.where(family_first, A.join(last, first, sep=""), A.join(first, last, sep=" "))
    style = rng.random(n)
    display = A.where(style < 0.1, first, display)
    decorated = A.join(display, A.pick(rng, NAME_EMOJI, n), sep=" ")
    display = A.where((style >= 0.1) & (style < 0.17), decorated, display)
    return display, column("first", True), column("last", True)


def handles(rng: np.random.Generator, first: A.Arr, last: A.Arr) -> A.Arr:
    """Handles in the patterns people pick: name parts, separators, numbers, nicknames."""
    n = len(first)
    digits = A.ints(rng.integers(1, 9999, n))
    year = A.ints(rng.integers(70, 100, n))
    word = A.pick(rng, HANDLE_WORDS, n)
    patterns = [
        A.join(first, last, sep=""),
        A.join(first, last, sep="."),
        A.join(first, last, sep="_"),
        A.join(first, digits, sep=""),
        A.join(first, last, year, sep=""),
        A.join(word, digits, sep=""),
        A.join(last, first, year, sep=""),
        A.join(first, word, sep="_"),
    ]
    choice = rng.integers(0, len(patterns), n)
    out = patterns[0]
    for i, pattern in enumerate(patterns[1:], start=1):
        out = A.where(choice == i, pattern, out)
    return out


def people(
    world: World,
    rng: np.random.Generator,
    n: int,
    *,
    lang: A.I64 | None = None,
    country: A.I64 | None = None,
    created_at: A.I64 | None = None,
) -> dict[str, Any]:
    """Columns for ``n`` ordinary accounts; pass ``lang``/``country``/``created_at`` to fix them."""
    if lang is None:
        weights = np.array(LANG_WEIGHTS)
        lang = rng.choice(len(LANGS), n, p=weights / weights.sum()).astype(np.int64)
    if country is None:
        country = countries_for(rng, lang)
    if created_at is None:
        created_at = organic_created(world, rng, n)
    age_years = np.maximum(world.start - created_at, 0) / (365 * DAY)
    followers = rng.lognormal(3.4 + 0.35 * np.log1p(age_years), 1.7, n)
    following = rng.lognormal(4.9, 1.0, n)
    display, first, last = names(rng, lang)
    city = city_of(rng, country)

    activity = lognormal_mean(rng, 1.0, 1.1, n)
    lurker = rng.random(n) < 0.3
    post_rate = POSTS_PER_DAY * activity * np.where(lurker, 0.08, 1.0) / 0.724
    eng_rate = ENGAGEMENTS_PER_DAY * (0.5 * activity + 0.5 * lognormal_mean(rng, 1.0, 0.9, n))
    session_rate = SESSIONS_PER_DAY * (0.35 + 0.65 * np.sqrt(activity)) / 0.95

    creator = rng.random(n) < 0.08
    shop = rng.random(n) < 0.02
    vpn_user = rng.random(n) < 0.06
    ua_weights = np.array(USER_AGENT_WEIGHTS)
    asn = home_networks(world, rng, country)
    has_avatar = rng.random(n) < 0.93
    avatar = random_u64(rng, n)
    return {
        "lang": lang,
        "country": country,
        "created_at": created_at,
        "followers": np.minimum(followers, 4e7).astype(np.int64),
        "following": np.minimum(following, 7500).astype(np.int64),
        "handle": handles(rng, first, last),
        "display_name": display,
        "bio": bios(rng, lang, city),
        "avatar": avatar,
        "has_avatar": has_avatar,
        "post_rate": post_rate,
        "eng_rate": eng_rate,
        "session_rate": session_rate,
        "topic_a": rng.integers(0, len(TOPICS), n),
        "topic_b": rng.integers(0, len(TOPICS), n),
        "reply_p": rng.beta(2.0, 12.0, n),
        "link_p": rng.beta(1.2, 18.0, n),
        "tag_p": rng.beta(1.5, 8.0, n),
        "video_p": np.where(creator, rng.beta(3.0, 4.0, n), 0.01),
        "product_p": np.where(shop, 0.35, 0.0),
        "device1": random_u64(rng, n),
        "device2": random_u64(rng, n),
        "ip24": world.addresses(rng, asn).astype(np.uint32),
        "ip_last": rng.integers(2, 255, n),
        "asn": asn,
        "ua1": rng.choice(len(USER_AGENTS), n, p=ua_weights / ua_weights.sum()),
        "ua2": rng.integers(0, len(USER_AGENTS), n),
        "vpn_p": np.where(vpn_user, rng.uniform(0.2, 0.9, n), 0.0),
        "vpn": world.hosting[rng.integers(0, len(world.hosting), n)],
    }


def home_networks(world: World, rng: np.random.Generator, country: A.I64) -> A.I64:
    """A consumer internet provider of each account's country."""
    asn = np.zeros(len(country), dtype=np.int64)
    for c in np.unique(country):
        rows = np.flatnonzero(country == c)
        options = world.country_networks[int(c)]
        asn[rows] = options[rng.integers(0, len(options), len(rows))]
    return asn


def recent(world: World, rng: np.random.Generator, n: int, lo_days: float, hi_days: float) -> A.I64:
    """Creation times between ``lo_days`` and ``hi_days`` before the window starts."""
    back = rng.uniform(lo_days, hi_days, n) * DAY
    return (world.start - back).astype(np.int64)
