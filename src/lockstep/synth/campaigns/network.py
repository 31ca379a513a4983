"""Covert influence operations (``coord.network``) with DISARM tactics planted per campaign.

A network targets one country and language. Its members are fabricated personas (names and
bios of the target country; with T0145.002 their avatars come from one image generator, so
their perceptual hashes share their top bits), some possibly posing as news outlets
(T0097.202) that link to network-run sites (T0098.001). The operator may sit abroad: its
sessions then come from its own country unless it hides behind proxies and VPNs (T0128), in
which case they exit in a third country. Several accounts share each of the operator's phones.

The work is done in items: a seeding member posts a narrative (text, a link to a network
site or an off-platform channel (T0122), or a video) and other members amplify it within
minutes: they repost it (T0049.003 for videos), like it, and post the same link or hashtag
with their own words, or the same words near-verbatim (T0084.001). Truth labels
``spam.copypasta`` and ``spam.duplicate_posts`` by what the copies show
(:mod:`lockstep.repetition`), whatever the tactic. Some networks work mostly in the
comments under popular posts of the target country (T0116), alternate between two
languages (T0101), build their audience with non-political posts before pivoting to
politics (T0129.002), or run follow trains among themselves (T0092.002, which also labels
them ``engagement.reciprocal``).
"""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.campaigns.content import fictional_names, filled
from lockstep.synth.plant import (
    Group,
    add_engagements,
    add_posts,
    new_accounts,
    organic_roots,
    popular,
)
from lockstep.synth.profiles import city_of, home_networks
from lockstep.synth.rand import DAY, HOUR, MINUTE, random_u64, share_bits
from lockstep.synth.text import Noise, Variants, attach, compose, one_at, tag_lists
from lockstep.synth.urls import site_links, token
from lockstep.synth.vocab.books import COUNTRY_NAMES, NARRATIVE, book
from lockstep.synth.vocab.geo import COUNTRIES, COUNTRY_ID, IP_COUNTRY_ID, LANG_ID, LANGS
from lockstep.synth.vocab.posts import POLITICS, TOPICS
from lockstep.synth.vocab.web import COUNTRY_TLD, NETWORK_SITE_WORDS, OUTLET_WORDS
from lockstep.synth.world import POST_KIND_ID, World

#: Amplifying this many seeded items together with each of two or more other members, of at
#: least ``LOCKSTEP_SEEDERS`` different seeders, within minutes of the other amplifiers each
#: time, is lockstep engagement by the data (a ring boosting one or two accounts only looks
#: like those accounts' fans).
LOCKSTEP_ITEMS = 5
LOCKSTEP_SEEDERS = 3
#: Two amplifiers' likes of one item this close together count as together.
LOCKSTEP_MINUTES = 15

#: (target country, language) pairs networks aim at.
TARGETS: tuple[tuple[str, str], ...] = (
    ("RO", "ro"),
    ("MD", "ro"),
    ("ID", "id"),
    ("UA", "uk"),
    ("DE", "de"),
    ("BR", "pt"),
    ("MX", "es"),
    ("IQ", "ar"),
    ("JP", "ja"),
    ("US", "en"),
    ("FR", "fr"),
    ("TR", "tr"),
    ("IT", "it"),
    ("TW", "zh"),
)
#: The second language a network alternates with, per target language.
SECOND: dict[str, str] = {
    "ro": "ru",
    "uk": "ru",
    "ja": "zh",
    "zh": "ja",
    "ar": "en",
    "de": "en",
    "es": "en",
    "pt": "es",
    "id": "en",
    "en": "es",
    "fr": "ar",
    "tr": "ar",
    "it": "en",
    "ru": "uk",
}
#: Countries an operator abroad works from.
OPERATOR_ABROAD = ("RU", "EG", "CN", "TR", "RO", "IT", "ID")

TACTICS: dict[str, float] = {
    "T0145.002": 0.5,  # AI-generated account imagery
    "T0097.202": 0.4,  # news outlet persona (with T0098.001 inauthentic news sites)
    "T0128": 0.5,  # conceal network identity: proxies, location obfuscation
    "T0084.001": 0.5,  # copypasta
    "T0092.002": 0.3,  # follow trains
    "T0101": 0.3,  # localised content: alternating languages
    "T0129.002": 0.3,  # content unrelated to the narrative, then a pivot
    "T0116": 0.4,  # comment or reply on content
    "T0049.003": 0.4,  # amplify by reposting the same videos
    "T0122": 0.4,  # direct users to alternative platforms
}


class InfluenceNetwork(Group):
    """One covert influence operation."""

    kind = "coord.network"

    def plan(self) -> None:
        rng = self.rng
        size = self.world.size(rng, 8, 150, 6)
        if rng.random() < 0.15:
            size = min(3 * size, max(size, self.world.target_accounts // 50))
        self.size = size
        target, lang = TARGETS[int(rng.integers(0, len(TARGETS)))]
        self.target, self.code = COUNTRY_ID[target], LANG_ID[lang]
        self.second = LANG_ID[SECOND[lang]]
        tactics = ["T0143.002"] + [t for t, p in TACTICS.items() if rng.random() < p]
        abroad = rng.random() < 0.5
        operator = target
        if abroad:
            operator = str(rng.choice([c for c in OPERATOR_ABROAD if c != target]))
        if "T0097.202" in tactics:
            tactics.append("T0098.001")
        self.tactics = sorted(tactics)
        cand, rival = fictional_names(rng, lang, 2)
        words = NETWORK_SITE_WORDS[lang]
        tld = COUNTRY_TLD.get(target, "com")
        sites = sorted(
            {
                f"{words[int(a)]}{words[int(b)]}.{tld if rng.random() < 0.5 else 'info'}"
                for a, b in rng.integers(0, len(words), (int(rng.integers(2, 4)), 2))
                if a != b
            }
            or {f"{words[0]}-{words[1]}.com"}
        )
        tag_word = words[int(rng.integers(0, len(words)))]
        self.params = {
            "size": self.size,
            "operated_from": operator,
            "items": int(rng.integers(5, 41)),
            "amplifier_share": float(rng.uniform(0.3, 0.9)),
            "jitter_minutes": float(rng.uniform(1, 30)),
            "accounts_per_device": int(rng.integers(1, 7)),
            "candidate": cand,
            "rival": rival,
            "hashtag": f"{tag_word}{target.lower()}{int(rng.integers(1, 99))}",
            "sites": sites,
            "channel": f"t.me/{words[0]}_{token(rng, 1, 5, 'lower')[0].as_py()}",
            "pivot_day": float(rng.uniform(0.3, 0.6) * self.world.days),
            "comments_per_member": int(rng.integers(3, 16)),
            "copy_edit_rate": float(rng.uniform(0.0, 0.15)),
            "languages": [lang, SECOND[lang]] if "T0101" in self.tactics else [lang],
        }

    def has(self, tactic: str) -> bool:
        return tactic in self.tactics

    def create(self) -> None:
        rng, world, p = self.rng, self.world, self.params
        n = self.size
        years = np.where(rng.random(n) < 0.6, rng.uniform(0.02, 0.6, n), rng.uniform(1, 6, n))
        created = world.start - (years * 365 * DAY).astype(np.int64)
        phones = random_u64(rng, max(1, n // p["accounts_per_device"] + 1))
        device = phones[rng.integers(0, len(phones), n)]
        home = home_networks(world, rng, np.full(n, COUNTRY_ID[p["operated_from"]]))
        shared: dict[str, Any] = {
            "device1": device,
            "device2": device,
            "asn": home,
            "ip24": world.addresses(rng, home).astype(np.uint32),
            "vpn_p": np.zeros(n),
            "created_at": created,
            "country": np.full(n, self.target),
        }
        if self.has("T0128"):
            target_ip = IP_COUNTRY_ID[COUNTRIES[self.target].code]
            exits = np.array([i for i in world.hosting if world.network_country[i] != target_ip])
            shared["vpn"] = exits[rng.integers(0, len(exits), n)]
            shared["vpn_p"] = np.full(n, 0.95)
        if self.has("T0145.002"):
            shared["avatar"] = share_bits(rng, int(random_u64(rng, 1)[0]), n, 20)
            shared["has_avatar"] = np.ones(n, dtype=bool)
        k = max(1, n // 7) if self.has("T0097.202") else 0
        news: dict[str, Any] = {name: np.asarray(v)[:k] for name, v in shared.items()}
        personas: dict[str, Any] = {name: np.asarray(v)[k:] for name, v in shared.items()}
        self.news = (
            new_accounts(world, rng, k, self.code, **news, **self._outlets(k))
            if k
            else np.zeros(0, np.int64)
        )
        fabricated = new_accounts(world, rng, n - k, self.code, **personas)
        self.rows = np.concatenate([self.news, fabricated])
        self.scale_activity(0.0, 0.3)
        self.open_record(
            tactics=self.tactics,
            targets={"countries": [COUNTRIES[self.target].code], "languages": p["languages"]},
        )
        world.label(self.rows, self.record, "member", (self.kind,))
        self.seeders = np.concatenate([self.news, fabricated[: max(1, n // 10)]])
        world.label(self.seeders, self.record, "operator")

    def _outlets(self, k: int) -> dict[str, Any]:
        """Profiles of ``k`` members posing as news outlets of the target country's cities."""
        rng = self.rng
        city = city_of(rng, np.full(k, self.target))
        city_latin = city_of(rng, np.full(k, self.target), latin=True)
        words = OUTLET_WORDS[LANGS[self.code]]
        pick = rng.integers(0, len(words), k)
        word = A.take(A.strings([w[0] for w in words]), pick)
        slug = A.take(A.strings([w[1] for w in words]), pick)
        display = A.join(city, word)
        handle = A.lower(A.join(A.replace(city_latin, " ", ""), slug, sep="_"))
        site = A.pick(rng, self.params["sites"], k)
        return {
            "display_name": display,
            "handle": handle,
            "bio": A.join(display, "·", site, sep=" "),
            "followers": rng.lognormal(8.5, 1.0, k).astype(np.int64),
        }

    def _narratives(self, lang: int, k: int) -> list[str]:
        code = LANGS[lang]
        country = COUNTRY_NAMES.get(COUNTRIES[self.target].code, COUNTRIES[self.target].code)
        return filled(
            self.rng,
            book(NARRATIVE, code),
            k,
            cand=[self.params["candidate"]],
            rival=[self.params["rival"]],
            country=[country],
        )

    def act(self) -> None:
        world, p = self.world, self.params
        langs = [self.code, self.second] if self.has("T0101") else [self.code]
        pivot = world.start + int(p["pivot_day"] * DAY) if self.has("T0129.002") else world.start
        self._filler(langs, pivot)
        texts, text_lang = self._base_texts(langs)
        #: the narratives the items spread (a returning network takes them up again)
        self.narratives = (texts, text_lang)
        base = Variants(texts, text_lang)
        tags = A.strings([p["hashtag"]])
        # Copypasta is labelled by what the copies show (``finish``), not by the tactic.
        self._amplified: list[tuple[A.I64, A.I64, int]] = []
        for item in range(p["items"]):
            self._item(item, base, np.array(text_lang), tags, pivot)
        self._label_lockstep()
        if self.has("T0116"):
            self._comments(base, np.array(text_lang), pivot)
        if self.has("T0092.002"):
            self._follow_trains()

    def _base_texts(self, langs: list[int]) -> tuple[list[str], list[int]]:
        """Four narratives per language, and the language of each."""
        texts: list[str] = []
        text_lang: list[int] = []
        for lang in langs:
            for text in self._narratives(lang, 4):
                texts.append(text)
                text_lang.append(lang)
        return texts, text_lang

    def _label_lockstep(self) -> None:
        """Members that amplified at least ``LOCKSTEP_ITEMS`` items together (within
        ``LOCKSTEP_MINUTES``) with each of two or more other members, items of
        ``LOCKSTEP_SEEDERS`` or more seeders in all, engage in lockstep. With a low
        amplifier share or a slow, spread-out response the members rarely meet on the same
        items, and the data shows no lockstep group."""
        if not self._amplified:
            return
        index = {int(r): i for i, r in enumerate(self.rows)}
        together = np.zeros((len(self.rows), len(self.rows)), dtype=np.int64)
        seeders: list[set[int]] = [set() for _ in self.rows]
        for amp, t, seeder in self._amplified:
            rows = np.array([index[int(r)] for r in amp], dtype=np.int64)
            close = np.abs(t[:, None] - t[None, :]) <= LOCKSTEP_MINUTES * MINUTE
            together[np.ix_(rows, rows)] += close
            for r in rows:
                seeders[int(r)].add(seeder)
        np.fill_diagonal(together, 0)
        partners = (together >= LOCKSTEP_ITEMS).sum(axis=1)
        varied = np.array([len(s) >= LOCKSTEP_SEEDERS for s in seeders])
        enough = (partners >= 2) & varied
        if enough.any():
            self.world.add_behaviours(self.rows[enough], ("engagement.lockstep",))
            self.world.records[self.record].behaviours.add("engagement.lockstep")

    def _filler(self, langs: list[int], pivot: int) -> None:
        """Ordinary-looking posts of the personas (only before the pivot, when there is one)."""
        rng, world = self.rng, self.world
        created = np.maximum(world.accounts.num("created_at")[self.rows], world.start)
        end = pivot if self.has("T0129.002") else world.end
        days = np.maximum(end - created, 0) / DAY
        counts = rng.poisson(0.5 * days)
        a = np.repeat(self.rows, counts)
        n = len(a)
        if n == 0:
            return
        lo = np.repeat(created, counts)
        t = lo + (rng.random(n) * (end - lo)).astype(np.int64)
        lang = np.array(langs)[rng.integers(0, len(langs), n)]
        topic = rng.choice([i for i in range(len(TOPICS)) if i != POLITICS], n)
        add_posts(world, a, t, compose(rng, lang, topic.astype(np.int64)), lang)

    def _item(self, item: int, base: Variants, base_lang: A.I64, tags: A.Arr, pivot: int) -> None:
        """One narrative item: seeded by one member, amplified by others within minutes."""
        rng, world, p = self.rng, self.world, self.params
        kinds = ["text"]
        if self.has("T0049.003"):
            kinds.append("video")
        if self.has("T0098.001") or self.has("T0122"):
            kinds.append("link")
        what = kinds[item % len(kinds)]
        t0 = self.start_within(6 * HOUR, pivot)
        seeder = int(self.seeders[rng.integers(0, len(self.seeders))])
        if what == "link" and len(self.news):
            seeder = int(self.news[rng.integers(0, len(self.news))])
        which = int(rng.integers(0, len(base)))
        lang = int(base_lang[which])
        url = None
        if what == "link":
            use_channel = self.has("T0122") and (not self.has("T0098.001") or rng.random() < 0.5)
            link = f"https://{p['channel']}" if use_channel else self._site_link()
            url = A.strings([str(link)])
        media = None
        kind = POST_KIND_ID["post"]
        if what == "video":
            media = one_at(1, np.array([0]), self._video())
            kind = POST_KIND_ID["video"]
        seed_tags = tag_lists(tags, np.array([1]))
        seed_urls = one_at(1, np.array([0]), url) if url is not None else None
        seed_text = self.copies(
            base, np.array([which]), Noise(), np.array([seeder]), np.array([t0])
        )
        text = attach(seed_text, seed_urls, seed_tags)
        post = add_posts(
            world,
            np.array([seeder]),
            np.array([t0]),
            text,
            lang,
            kind=kind,
            hashtags=seed_tags,
            urls=seed_urls,
            media=media,
        )
        others = self.rows[self.rows != seeder]
        amp = others[rng.random(len(others)) < p["amplifier_share"]]
        m = len(amp)
        if m == 0:
            return
        t = t0 + (rng.exponential(p["jitter_minutes"], m) * MINUTE).astype(np.int64) + MINUTE
        add_engagements(world, amp, "like", t, post=np.repeat(post, m))
        self._amplified.append((amp, t, seeder))
        reposting = rng.random(m) < (0.9 if what == "video" else 0.5)
        add_engagements(
            world,
            amp[reposting],
            "repost",
            t[reposting] + MINUTE,
            post=np.repeat(post, int(reposting.sum())),
        )
        if what == "video":
            return
        # The rest post the link or hashtag themselves: near-verbatim (copypasta) or reworded.
        t_w = t[~reposting] + 2 * MINUTE
        writers = amp[~reposting][t_w < world.end]
        t_w = t_w[t_w < world.end]
        k = len(writers)
        if k == 0:
            return
        if self.has("T0084.001"):
            noise = Noise(edit=p["copy_edit_rate"], emoji=0.2)
            text_w = self.copies(base, np.full(k, which), noise, writers, t_w)
            lang_w = np.full(k, lang)
        else:
            same_lang = np.flatnonzero(base_lang == lang)
            pick = same_lang[rng.integers(0, len(same_lang), k)]
            text_w = self.copies(base, pick, Noise(edit=0.3, emoji=0.2), writers, t_w)
            lang_w = base_lang[pick]
        w_tags = tag_lists(A.take(tags, np.zeros(k, dtype=np.int64)), np.ones(k, dtype=np.int64))
        w_urls = None
        if url is not None:
            w_urls = A.lists_from_counts(
                np.ones(k, dtype=np.int64), A.take(url, np.zeros(k, dtype=np.int64))
            )
        text_w = attach(text_w, w_urls, w_tags)
        add_posts(world, writers, t_w, text_w, lang_w, hashtags=w_tags, urls=w_urls)

    def _site_link(self) -> str:
        """A link to an article on one of the network's sites."""
        return str(site_links(self.rng, self.params["sites"], 1)[0].as_py())

    def _video(self) -> A.Arr:
        """The media hash of a new video upload."""
        return A.hex16(random_u64(self.rng, 1))

    def _comments(self, base: Variants, base_lang: A.I64, pivot: int) -> None:
        """Narrative comments under popular posts of the target language."""
        rng, world, p = self.rng, self.world, self.params
        roots = organic_roots(world, self.code, since=pivot)
        if len(roots) == 0:
            return
        per = p["comments_per_member"]
        author = np.repeat(self.rows, per)
        parent = popular(world, rng, roots, len(author))
        ok = world.posts.gather("account", parent) != author
        author, parent = author[ok], parent[ok]
        n = len(author)
        t = world.posts.gather("t", parent) + (rng.lognormal(np.log(40), 1.0, n) * MINUTE).astype(
            np.int64
        )
        keep = t < world.end
        n = int(keep.sum())
        which = rng.integers(0, len(base), n)
        add_posts(
            world,
            author[keep],
            t[keep],
            self.copies(base, which, Noise(edit=0.25, emoji=0.2), author[keep], t[keep]),
            base_lang[which],
            kind=POST_KIND_ID["comment"],
            reply_to=parent[keep],
        )

    def _follow_trains(self) -> None:
        rng, world = self.rng, self.world
        n = len(self.rows)
        for _ in range(int(rng.integers(1, 3))):
            span = int(rng.uniform(1, 8) * HOUR)
            t0 = self.start_within(span)
            a, b = np.nonzero(rng.random((n, n)) < 0.8)
            keep = a != b
            a, b = a[keep], b[keep]
            t = t0 + (rng.random(len(a)) * span).astype(np.int64)
            add_engagements(world, self.rows[a], "follow", t, target=self.rows[b])
        self.world.add_behaviours(self.rows, ("engagement.reciprocal",))
        self.world.records[self.record].behaviours.add("engagement.reciprocal")


class SharedOperation(InfluenceNetwork):
    """One influence operation working on several platforms at once.

    Worlds made with the same operation seed (``lockstep synth --shared-operation SEED``)
    each hold this operation with their own accounts, but with the same target, narratives,
    sites, article links, off-platform channel, hashtag and videos — what a peer platform
    would see of it and share. Everything the operation *is* comes from a random stream of
    the operation seed; everything a platform's copy *does* (accounts, timing, which
    article when) from the world's own stream. It always runs news-outlet personas linking
    its sites and posts near-verbatim copies (T0097.202, T0098.001, T0084.001), so every
    copy leaves links and text a peer can match.
    """

    #: article links and videos the operation pushes on every platform
    ARTICLES = 6
    VIDEOS = 4

    def __init__(self, world: World, operation: int) -> None:
        self.operation = operation
        super().__init__(world, 0)

    def _operation_rng(self, part: str) -> np.random.Generator:
        words = [zlib.crc32(b"shared-operation"), zlib.crc32(part.encode())]
        return np.random.Generator(
            np.random.PCG64(np.random.SeedSequence([self.operation, *words]))
        )

    def plan(self) -> None:
        self.rng = self._operation_rng("plan")
        super().plan()
        self.tactics = sorted({*self.tactics, "T0097.202", "T0098.001", "T0084.001"})
        content = self._operation_rng("content")
        self.params["articles"] = site_links(
            content, self.params["sites"], self.ARTICLES
        ).to_pylist()
        self.params["videos"] = A.hex16(random_u64(content, self.VIDEOS)).to_pylist()
        self.params["shared_operation"] = self.operation
        # from here on, this platform's own randomness
        self.rng = self.world.rng("group", "shared-operation", self.operation)

    def _narratives(self, lang: int, k: int) -> list[str]:
        own, self.rng = self.rng, self._operation_rng(f"narratives-{lang}")
        try:
            return super()._narratives(lang, k)
        finally:
            self.rng = own

    def _site_link(self) -> str:
        articles = self.params["articles"]
        return str(articles[int(self.rng.integers(0, len(articles)))])

    def _video(self) -> A.Arr:
        videos = self.params["videos"]
        return A.strings([str(videos[int(self.rng.integers(0, len(videos)))])])
