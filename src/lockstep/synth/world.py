"""The world under construction: its tables, its clock, its truth and its randomness.

Every generator receives the :class:`World` and appends rows to its tables. Accounts carry,
besides their contract columns, the knobs the background generators read (posting and
engagement rates, topics, devices, home network) and their truth: the campaign or
hard-negative group they belong to, their role and the bit set of behaviour codes they commit.

Randomness is split into independent streams, one per named part of the world
(:meth:`World.rng`), each derived from the seed and the part's name. A part therefore draws
the same numbers whatever the other parts do, which keeps worlds comparable across seeds and
code changes, and the same seed always gives the same world.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lockstep.behaviours import BEHAVIOURS
from lockstep.contract import ENGAGEMENT_KINDS, POST_KINDS
from lockstep.synth import arrow as A
from lockstep.synth.rand import DAY, HOUR
from lockstep.synth.store import NO_ROW, NULL_TIME, Col, Columns
from lockstep.synth.vocab.geo import COUNTRIES, HOSTING, IP_COUNTRY_ID, LANG_ID
from lockstep.synth.vocab.posts import LOCAL_TAGS, TOPIC_ID, TRENDING_TAGS

#: What each worldwide trend is about, as one of the organic topics: people who use a trend
#: mostly talk about its subject, which is what lets a hijacker's unrelated ad stand out.
TREND_TOPIC: dict[str, str] = {
    "worldcupfinal": "sport",
    "eurovision": "music",
    "oscars": "movies",
    "grammys": "music",
    "superbowl": "sport",
    "elclasico": "sport",
    "nbafinals": "sport",
    "metgala": "movies",
    "blackfriday": "daily",
    "wwdc": "tech",
    "championsleague": "sport",
    "wimbledon": "sport",
    "tourdefrance": "sport",
    "f1": "sport",
    "coachella": "music",
    "gameawards": "tech",
    "nationalpetday": "daily",
    "earthday": "politics",
    "pride": "politics",
    "backtoschool": "daily",
    "heatwave": "daily",
    "snowday": "daily",
    "solareclipse": "travel",
    "electionnight": "politics",
    "marchmadness": "sport",
    "bbb": "movies",
    "tatort": "movies",
    "koshien": "sport",
    "ballondor": "sport",
    "fashionweek": "daily",
    "comiccon": "movies",
    "nationaldogday": "daily",
}

#: 2024-01-01T00:00:00Z in microseconds; a world's window starts within 18 months of it.
EPOCH_2024 = 1_704_067_200_000_000

ROLES: tuple[str, ...] = ("organic", "member", "operator", "buyer", "source", "hard_negative")
ROLE_ID: dict[str, int] = {r: i for i, r in enumerate(ROLES)}
CODES: tuple[str, ...] = tuple(BEHAVIOURS)
CODE_BIT: dict[str, int] = {c: 1 << i for i, c in enumerate(CODES)}

POST_KIND_ID: dict[str, int] = {k: i for i, k in enumerate(POST_KINDS)}
ENG: dict[str, int] = {k: i for i, k in enumerate(ENGAGEMENT_KINDS)}
REPORT_TARGETS: tuple[str, ...] = ("account", "post", "url")
REPORT_REASONS: tuple[str, ...] = (
    "spam",
    "fake_account",
    "impersonation",
    "scam_or_phishing",
    "platform_manipulation",
    "harassment",
    "misinformation",
    "other",
)

ACCOUNT_COLUMNS: dict[str, Col] = {
    # contract columns
    "lang": Col("i16"),
    "country": Col("i16"),
    "created_at": Col("i64"),
    "followers": Col("i64"),
    "following": Col("i64"),
    "verified": Col("bool"),
    "automated": Col("bool"),
    "suspended_at": Col("i64", NULL_TIME),
    "handle": Col("str"),
    "display_name": Col("str"),
    "bio": Col("str"),
    "avatar": Col("u64"),
    "has_avatar": Col("bool"),
    #: the handle before a rename, written as the extra input column ``previous_handle``
    "previous_handle": Col("str"),
    # behaviour of the organic background generators
    "post_rate": Col("f64"),
    "eng_rate": Col("f64"),
    "session_rate": Col("f64"),
    "topic_a": Col("i16"),
    "topic_b": Col("i16"),
    "reply_p": Col("f64", 0.12),
    "link_p": Col("f64", 0.06),
    "tag_p": Col("f64", 0.15),
    "video_p": Col("f64", 0.03),
    "product_p": Col("f64"),
    # network and devices
    "device1": Col("u64"),
    "device2": Col("u64"),
    "ip24": Col("u32"),
    "ip_last": Col("i16", 1),
    "asn": Col("i16"),
    "ua1": Col("i16"),
    "ua2": Col("i16"),
    "vpn_p": Col("f64"),
    "vpn": Col("i16"),
    # truth
    "t_record": Col("i32", -1),
    "t_role": Col("i8"),
    "t_beh": Col("i64"),
}

POST_COLUMNS: dict[str, Col] = {
    "account": Col("i64"),
    "t": Col("i64"),
    "text": Col("str"),
    "lang": Col("i16"),
    "kind": Col("i8"),
    "reply_to": Col("i64", NO_ROW),
    "quote_of": Col("i64", NO_ROW),
    "urls": Col("lstr"),
    "hashtags": Col("lstr"),
    "mentions": Col("li64"),
    "media": Col("lstr"),
    "deleted_at": Col("i64", NULL_TIME),
}

ENGAGEMENT_COLUMNS: dict[str, Col] = {
    "account": Col("i64"),
    "kind": Col("i8"),
    "t": Col("i64"),
    "post": Col("i64", NO_ROW),
    "target": Col("i64", NO_ROW),
    "value": Col("f64", math.nan),
}

SESSION_COLUMNS: dict[str, Col] = {
    "account": Col("i64"),
    "t": Col("i64"),
    "event": Col("i8", 1),
    "ip": Col("u32"),
    "asn": Col("i16"),
    "ip_country": Col("i16"),
    "device": Col("u64"),
    "ua": Col("i16"),
    "proxy": Col("bool"),
}

REPORT_COLUMNS: dict[str, Col] = {
    "reporter": Col("i64"),
    "t": Col("i64"),
    "target_type": Col("i8"),
    "account": Col("i64", NO_ROW),
    "post": Col("i64", NO_ROW),
    "url": Col("str"),
    "reason": Col("i8"),
    "text": Col("str"),
}


@dataclass
class Record:
    """One planted campaign or hard-negative group, as written to campaigns.jsonl."""

    campaign_id: str
    kind: str
    behaviours: set[str] = field(default_factory=set)
    tactics: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    targets: dict[str, list[str]] | None = None


@dataclass(frozen=True)
class Network:
    """An autonomous system: its number, the country its addresses geolocate to, its /16s."""

    asn: int
    name: str
    country: int
    hosting: bool
    blocks: A.U64


@dataclass
class OrganicPosts:
    """The background posts, frozen once written, for campaigns to reply to and target."""

    rows: A.I64
    account: A.I64
    t: A.I64
    lang: A.I64
    kind: A.I64
    reply_to: A.I64
    is_reply: A.Bool


class World:
    """Tables, clock, truth and random streams of one synthetic platform."""

    def __init__(
        self,
        accounts: int,
        days: int,
        seed: int,
        extra_organic: float = 0.0,
        after: World | None = None,
    ) -> None:
        """A world of ``accounts`` accounts over ``days`` days; with ``after``, the same
        platform's next period: its window starts a week or two after ``after`` ends, its
        random streams differ, and its ids carry the period number."""
        self.target_accounts = accounts
        self.days = days
        self.seed = seed
        #: share of organic activity added on top of the same world (see ``build``)
        self.extra_organic = extra_organic
        self.period: int = 1 if after is None else after.period + 1
        window = self.rng("window")
        if after is None:
            self.start = EPOCH_2024 + int(window.integers(0, 540)) * DAY
        else:
            self.start = int(after.end) + int(window.integers(7, 15)) * DAY
        self.end: int = self.start + days * DAY
        self.accounts = Columns(ACCOUNT_COLUMNS)
        self.posts = Columns(POST_COLUMNS)
        self.engagements = Columns(ENGAGEMENT_COLUMNS)
        self.sessions = Columns(SESSION_COLUMNS)
        self.reports = Columns(REPORT_COLUMNS)
        self.records: list[Record] = []
        self.networks = self._networks()
        self._blocks = np.stack([n.blocks for n in self.networks])
        self.network_country = np.array([n.country for n in self.networks], dtype=np.int64)
        self.country_networks = self._country_networks()
        self.hosting = np.array([i for i, n in enumerate(self.networks) if n.hosting], np.int64)
        self._trending()
        self.organic: OrganicPosts | None = None
        #: organic accounts already drawn into a hard-negative group or used as a victim
        self.taken = np.zeros(0, dtype=bool)
        #: ``follower << 32 | followed`` pairs background activity must never write: a famous
        #: account following its own impersonator would read as acknowledging it
        self.no_follow = np.zeros(0, dtype=np.int64)
        #: seed of an influence operation this world shares with other worlds, if any
        self.shared_operation: int | None = None

    # -- randomness and scale -------------------------------------------------------------

    def rng(self, *parts: str | int, every_period: bool = False) -> np.random.Generator:
        """An independent random stream for the named part of the world.

        ``every_period``: the same stream in every period of the platform (the internet's
        address blocks do not change between two exports).
        """
        words = [zlib.crc32(str(p).encode()) for p in parts]
        if self.period > 1 and not every_period:  # the first period keeps its old streams
            words.append(zlib.crc32(f"period {self.period}".encode()))
        return np.random.Generator(np.random.PCG64(np.random.SeedSequence([self.seed, *words])))

    def id_prefix(self, letter: str) -> str:
        """The prefix of this period's ids of one kind (``u`` for accounts, ``c`` for
        campaigns, ...): the letter alone in the first period, ``u2-`` in the second, so ids
        of two periods of one platform never collide."""
        return letter if self.period == 1 else f"{letter}{self.period}-"

    def campaign_count(self, rng: np.random.Generator, weight: float = 1.0) -> int:
        """Campaigns of one kind: one in a small world, several (drawn) in a large one."""
        lam = weight * max(0.0, 0.8 * math.sqrt(self.target_accounts / 2000) - 0.5)
        return 1 + int(rng.poisson(lam))

    def size(self, rng: np.random.Generator, lo: int, hi: int, minimum: int) -> int:
        """A group size drawn from ``[lo, hi]`` and scaled gently with the world."""
        factor = min(2.5, max(0.3, (self.target_accounts / 20000) ** 0.35))
        drawn = int(rng.integers(lo, hi + 1))
        scaled: int = round(drawn * factor)
        return max(minimum, scaled)

    # -- networks ---------------------------------------------------------------------------

    def _networks(self) -> list[Network]:
        rng = self.rng("networks", every_period=True)
        used: set[int] = set()
        out: list[Network] = []

        def blocks() -> A.U64:
            chosen: list[int] = []
            while len(chosen) < 4:
                first = int(rng.integers(2, 224))
                if first in (10, 100, 127, 169, 172, 192, 198, 203):
                    continue
                block = (first << 8) | int(rng.integers(0, 256))
                if block not in used:
                    used.add(block)
                    chosen.append(block)
            return np.array(chosen, dtype=np.uint64) << np.uint64(16)

        for country in COUNTRIES:
            for asn, name in country.isps:
                out.append(Network(asn, name, IP_COUNTRY_ID[country.code], False, blocks()))
        for asn, name, cc in HOSTING:
            out.append(Network(asn, name, IP_COUNTRY_ID[cc], True, blocks()))
        return out

    def _country_networks(self) -> list[A.I64]:
        by_country: list[A.I64] = []
        i = 0
        for country in COUNTRIES:
            n = len(country.isps)
            by_country.append(np.arange(i, i + n, dtype=np.int64))
            i += n
        return by_country

    def addresses(self, rng: np.random.Generator, networks: A.I64) -> A.U64:
        """Random /24 prefixes (as integers, last octet 0) inside the given networks."""
        pick = self._blocks[networks, rng.integers(0, 4, len(networks))]
        return pick | (rng.integers(0, 256, len(networks)).astype(np.uint64) << np.uint64(8))

    # -- trending hashtags ----------------------------------------------------------------

    def _trending(self) -> None:
        rng = self.rng("trending")
        tags: list[str] = []
        langs: list[int] = []
        topics: list[int] = []
        t0: list[int] = []
        t1: list[int] = []
        pool = list(TRENDING_TAGS)
        year = 2024 + (self.start - EPOCH_2024) // (365 * DAY)
        for day in range(self.days):
            for _ in range(int(rng.integers(2, 5))):
                if rng.random() < 0.35:
                    lang = str(rng.choice(sorted(LOCAL_TAGS)))
                    topic_id = int(rng.integers(0, 8))
                    topic = LOCAL_TAGS[lang][topic_id]
                    tag = str(topic[0]) + str(int(rng.integers(1, 30)))
                    lang_id = LANG_ID[lang]
                else:
                    tag = str(pool[int(rng.integers(0, len(pool)))])
                    topic_id = TOPIC_ID[TREND_TOPIC.get(tag, "daily")]
                    if rng.random() < 0.5:
                        tag += str(year)
                    lang_id = -1
                start = self.start + day * DAY + int(rng.integers(4, 20)) * HOUR
                tags.append(tag)
                langs.append(lang_id)
                topics.append(topic_id)
                t0.append(start)
                t1.append(start + int(rng.integers(8, 30)) * HOUR)
        self.trend_tags = tags
        self.trend_lang = np.array(langs, dtype=np.int64)
        self.trend_topic = np.array(topics, dtype=np.int64)
        self.trend_t0 = np.array(t0, dtype=np.int64)
        self.trend_t1 = np.array(t1, dtype=np.int64)

    # -- truth ------------------------------------------------------------------------------

    def record(self, kind: str, *, negative: bool = False, **fields: Any) -> int:
        """Register a campaign (``c…``) or hard-negative group (``hn…``); returns its index."""
        n = sum(1 for r in self.records if r.campaign_id.startswith("hn") == negative)
        prefix = self.id_prefix("hn" if negative else "c")
        self.records.append(Record(f"{prefix}{n + 1:04d}", kind, **fields))
        return len(self.records) - 1

    def label(self, rows: A.I64, record: int, role: str, behaviours: tuple[str, ...] = ()) -> None:
        """Put ``rows`` in campaign ``record`` with ``role`` and add ``behaviours`` to them."""
        rows = np.asarray(rows, dtype=np.int64)
        self.accounts.set("t_record", rows, record)
        self.accounts.set("t_role", rows, ROLE_ID[role])
        self.add_behaviours(rows, behaviours)
        self.records[record].behaviours.update(behaviours)

    def add_behaviours(self, rows: A.I64, behaviours: tuple[str, ...]) -> None:
        bits = 0
        for code in behaviours:
            bits |= CODE_BIT[code]
        if bits:
            beh = self.accounts.num("t_beh")
            beh[rows] |= bits

    # -- helpers for generators -----------------------------------------------------------

    def mark_taken(self, rows: A.I64) -> None:
        n = len(self.accounts)
        if len(self.taken) < n:
            self.taken = np.concatenate([self.taken, np.zeros(n - len(self.taken), dtype=bool)])
        self.taken[rows] = True

    def forbid_follows(self, follower: A.I64, followed: A.I64) -> None:
        """Background engagement will never have ``follower`` follow ``followed``."""
        self.no_follow = np.concatenate([self.no_follow, (follower << 32) | followed])

    def free_organic(self) -> A.Bool:
        """Organic accounts not yet drawn into a group, as a mask over all accounts."""
        n = len(self.accounts)
        if len(self.taken) < n:
            self.taken = np.concatenate([self.taken, np.zeros(n - len(self.taken), dtype=bool)])
        role = self.accounts.num("t_role")
        free: A.Bool = (role == ROLE_ID["organic"]) & ~self.taken
        return free
