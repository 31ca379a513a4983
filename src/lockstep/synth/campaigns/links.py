"""Bad links: malicious (phishing, malware, data harvesting) and misleading (lookalikes,
hidden affiliate links, cloaked redirects).

Malicious campaigns link to login-harvesting paths on throwaway hosts, to bare IP addresses
and to executable downloads; a campaign that also dresses its host up as a brand
(``paypal.com.secure-login.xyz``) is misleading as well and labelled so. Misleading campaigns
imitate popular domains with typos, leetspeak and confusable letters (written as punycode, as
links carry them), or hide affiliate parameters and ad-paid redirects behind harmless text.
Both post their own lures and spray them as replies under strangers' posts.
"""

from __future__ import annotations

from abc import abstractmethod

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.campaigns.content import filled, numbers, spam_domain
from lockstep.synth.plant import Group, add_posts, new_accounts, organic_roots
from lockstep.synth.profiles import recent
from lockstep.synth.rand import MINUTE
from lockstep.synth.text import Noise, Variants, attach
from lockstep.synth.urls import short_links, slug, token
from lockstep.synth.vocab.books import APPS, MISLEAD, PHISH, PRIZES, book
from lockstep.synth.vocab.geo import LANGS
from lockstep.synth.vocab.web import (
    AFFILIATE_HOSTS,
    BRANDS,
    CLOAKERS,
    DOWNLOADS,
    LURE_WORDS,
    PHISH_PATHS,
    PLAIN_TLDS,
    RISKY_TLDS,
    SPAM_WORDS,
)
from lockstep.synth.world import POST_KIND_ID

#: Latin letters and the Cyrillic letters that look the same.
CONFUSABLE = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і"}
LEET = {"o": "0", "l": "1", "i": "1", "e": "3", "a": "4", "s": "5"}


def typos(rng: np.random.Generator, name: str) -> list[str]:
    """Misspellings of a brand name: leetspeak, doubled, dropped or swapped letters, rn/m."""
    out: set[str] = set()
    for ch, sub in LEET.items():
        if ch in name:
            out.add(name.replace(ch, sub, 1))
    i = int(rng.integers(1, len(name) - 1))
    out.add(name[:i] + name[i] + name[i:])
    out.add(name[:i] + name[i + 1 :])
    out.add(name[: i - 1] + name[i] + name[i - 1] + name[i + 1 :])
    if "m" in name:
        out.add(name.replace("m", "rn", 1))
    if "w" in name:
        out.add(name.replace("w", "vv", 1))
    out.discard(name)
    return sorted(out)


def confusable_host(rng: np.random.Generator, name: str, tld: str) -> str:
    """The brand with one letter swapped for a look-alike Cyrillic letter, as punycode."""
    spots = [i for i, ch in enumerate(name) if ch in CONFUSABLE]
    if not spots:
        return f"{name}-{LURE_WORDS[0]}.{tld}"
    i = spots[int(rng.integers(0, len(spots)))]
    host = name[:i] + CONFUSABLE[name[i]] + name[i + 1 :]
    return f"{host}.{tld}".encode("idna").decode("ascii")


def _brand(rng: np.random.Generator) -> tuple[str, str]:
    name, domain = BRANDS[int(rng.integers(0, len(BRANDS)))]
    return name, domain


def _lure_host(rng: np.random.Generator) -> str:
    a = LURE_WORDS[int(rng.integers(0, len(LURE_WORDS)))]
    b = SPAM_WORDS[int(rng.integers(0, len(SPAM_WORDS)))]
    return f"{a}-{b}.{RISKY_TLDS[int(rng.integers(0, len(RISKY_TLDS)))]}"


class _LinkCampaign(Group):
    """Shared posting for link campaigns: own posts plus replies sprayed under strangers."""

    book_ = PHISH
    kinds: tuple[str, ...] = ()

    def plan(self) -> None:
        rng = self.rng
        self.size = int(rng.integers(1, 6))
        self.code = self.lang(tuple(self.book_))
        chosen = rng.choice(
            len(self.kinds), int(rng.integers(1, min(3, len(self.kinds)) + 1)), replace=False
        )
        self.variants = [self.kinds[int(i)] for i in sorted(chosen)]
        self.params = {
            "size": self.size,
            "posts": [int(p) for p in rng.integers(8, 51, self.size)],
            "reply_share": float(rng.uniform(0.0, 0.7)),
            "link_kinds": self.variants,
            "edit_rate": float(rng.uniform(0.0, 0.2)),
            "languages": [LANGS[self.code]],
        }

    def behaviours(self) -> tuple[str, ...]:
        return (self.kind,)

    def create(self) -> None:
        n = self.size
        self.rows = new_accounts(
            self.world, self.rng, n, self.code, created_at=recent(self.world, self.rng, n, 1, 200)
        )
        self.scale_activity(0.2, 0.4)
        self.open_record()
        self.world.label(self.rows, self.record, "member", self.behaviours())

    @abstractmethod
    def links(self, n: int) -> A.Arr:
        """``n`` links of this campaign's kinds."""

    def act(self) -> None:
        rng, world = self.rng, self.world
        code = LANGS[self.code]
        texts = filled(
            rng, book(self.book_, code), 4, prize=PRIZES, app=APPS, pct=numbers(rng, 40, 90)
        )
        base = Variants(texts, [self.code] * len(texts))
        noise = Noise(edit=self.params["edit_rate"])
        roots = organic_roots(world, self.code)
        for account, n in zip(self.rows, self.params["posts"], strict=True):
            lo = max(world.start, int(world.accounts.num("created_at")[account]))
            t = np.sort(rng.integers(lo, world.end, n))
            reply_to = np.full(n, -1, dtype=np.int64)
            as_reply = np.flatnonzero(rng.random(n) < self.params["reply_share"])
            if len(roots) and len(as_reply):
                parent = roots[rng.integers(0, len(roots), len(as_reply))]
                ok = world.posts.gather("account", parent) != account
                reply_to[as_reply[ok]] = parent[ok]
                after = world.posts.gather("t", parent[ok]) + 2 * MINUTE
                t[as_reply[ok]] = np.maximum(t[as_reply[ok]], after)
            keep = np.flatnonzero(t < world.end)
            m = len(keep)
            urls = A.lists_from_counts(np.ones(m, dtype=np.int64), self.links(m))
            which = rng.integers(0, len(texts), m)
            text = attach(self.copies(base, which, noise, np.full(m, account), t[keep]), urls)
            replies = reply_to[keep]
            kind = np.where(replies >= 0, POST_KIND_ID["comment"], POST_KIND_ID["post"])
            add_posts(
                world,
                np.full(m, account),
                t[keep],
                text,
                self.code,
                kind=kind,
                reply_to=replies,
                urls=urls,
            )


class MaliciousUrl(_LinkCampaign):
    """Phishing and malware links: login paths on throwaway hosts, IP literals, downloads."""

    kind = "spam.malicious_url"
    book_ = PHISH
    kinds = ("phishing", "ip_literal", "download", "brand_subdomain")

    def behaviours(self) -> tuple[str, ...]:
        if "brand_subdomain" in self.variants:
            return (self.kind, "spam.misleading_url")
        return (self.kind,)

    def plan(self) -> None:
        super().plan()
        rng = self.rng
        self.hosts = [_lure_host(rng) for _ in range(int(rng.integers(1, 4)))]
        _, domain = _brand(rng)
        self.brand_host = f"{domain}.{_lure_host(rng)}"
        self.params["hosts"] = self.hosts
        if "brand_subdomain" in self.variants:
            self.params["brand_host"] = self.brand_host

    def links(self, n: int) -> A.Arr:
        rng = self.rng
        variant = rng.integers(0, len(self.variants), n)
        path = A.pick(rng, PHISH_PATHS, n)
        session = A.join("?session=", token(rng, n, 10, "lower"), sep="")
        octets = [
            A.ints(rng.integers(lo, hi, n)) for lo, hi in ((5, 224), (0, 256), (0, 256), (1, 255))
        ]
        shapes = {
            "phishing": A.join("https://", A.pick(rng, self.hosts, n), path, session, sep=""),
            "ip_literal": A.join("http://", A.join(*octets, sep="."), path, sep=""),
            "download": A.join(
                "https://",
                A.pick(rng, self.hosts, n),
                "/download/",
                A.pick(rng, DOWNLOADS, n),
                sep="",
            ),
            "brand_subdomain": A.join("https://", self.brand_host, path, session, sep=""),
        }
        out = shapes[self.variants[0]]
        for i, name in enumerate(self.variants[1:], start=1):
            out = A.where(variant == i, shapes[name], out)
        return out


class MisleadingUrl(_LinkCampaign):
    """Deceptive links: lookalike domains, hidden affiliate links, cloaked redirects."""

    kind = "spam.misleading_url"
    book_ = MISLEAD
    kinds = ("typosquat", "brand_lure", "punycode", "affiliate", "cloaker", "open_redirect")

    def plan(self) -> None:
        super().plan()
        rng = self.rng
        name, domain = _brand(rng)
        tld = domain.split(".", 1)[1]
        squats = typos(rng, name)
        lure = LURE_WORDS[int(rng.integers(0, len(LURE_WORDS)))]
        tld_plain = PLAIN_TLDS[int(rng.integers(0, len(PLAIN_TLDS)))]
        self.lookalikes = {
            "typosquat": [
                f"{s}.{tld}" for s in rng.choice(squats, min(3, len(squats)), replace=False)
            ],
            "brand_lure": [f"{name}-{lure}.{tld_plain}"],
            "punycode": [confusable_host(rng, name, tld)],
        }
        self.spam_site = spam_domain(rng)
        self.params["imitates"] = domain
        self.params["hosts"] = sorted(
            {h for k in self.variants for h in self.lookalikes.get(k, [])}
        )
        # Some also hide links behind ordinary shorteners, besides the tricks above.
        if rng.random() < 0.4:
            self.variants.append("shortener")
            self.params["link_kinds"] = self.variants

    def links(self, n: int) -> A.Arr:
        rng = self.rng
        variant = rng.integers(0, len(self.variants), n)
        page = slug(rng, n)
        look = {
            k: A.join("https://", A.pick(rng, v, n), "/", page, sep="")
            for k, v in self.lookalikes.items()
        }
        shapes = {
            **look,
            "affiliate": A.where(
                rng.random(n) < 0.5,
                A.join(
                    "https://www.amazon.com/dp/B0",
                    token(rng, n, 8),
                    "?tag=",
                    A.pick(rng, SPAM_WORDS, n),
                    "-20",
                    sep="",
                ),
                A.join(
                    "https://",
                    A.pick(rng, AFFILIATE_HOSTS, n),
                    "/click-",
                    A.ints(rng.integers(10**6, 10**7, n)),
                    "?url=https%3A%2F%2F",
                    self.spam_site,
                    sep="",
                ),
            ),
            "cloaker": A.join("https://", A.pick(rng, CLOAKERS, n), "/", token(rng, n, 6), sep=""),
            "shortener": short_links(rng, n),
            "open_redirect": A.join(
                "https://www.google.com/url?q=https://", self.spam_site, "/", page, sep=""
            ),
        }
        out = shapes[self.variants[0]]
        for i, name in enumerate(self.variants[1:], start=1):
            out = A.where(variant == i, shapes[name], out)
        return out
