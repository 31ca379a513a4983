"""Hashtag abuse: stuffing posts with unrelated tags, and hijacking what trends.

Stuffers pile tags from every topic and language onto promotions. Hijackers post unrelated
promotions with a link under a hashtag exactly while it trends, in the trend's language,
with one or two tags only, so tag counts alone do not give them away.
"""

from __future__ import annotations

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.campaigns.content import PROMO_TAGS, effective, promo_texts, spam_domain
from lockstep.synth.plant import Group, add_posts, new_accounts
from lockstep.synth.profiles import recent
from lockstep.synth.text import Noise, Variants, attach
from lockstep.synth.urls import site_links
from lockstep.synth.vocab.books import MONEY, PROMO
from lockstep.synth.vocab.geo import LANG_ID, LANGS
from lockstep.synth.vocab.posts import LOCAL_TAGS, TOPIC_TAGS, TRENDING_TAGS


def _all_tags() -> list[str]:
    tags = [t for group in TOPIC_TAGS for t in group]
    tags += [t for lang in LOCAL_TAGS.values() for group in lang for t in group]
    return sorted(set(tags + list(TRENDING_TAGS) + list(PROMO_TAGS)))


class HashtagStuffing(Group):
    """Posts carrying eight to thirty hashtags from unrelated topics."""

    kind = "spam.hashtag_stuffing"

    def plan(self) -> None:
        rng = self.rng
        self.size = int(rng.integers(1, 4))
        self.code = self.lang(tuple(PROMO))
        self.params = {
            "size": self.size,
            "posts": [int(p) for p in rng.integers(10, 61, self.size)],
            "tags_per_post": [int(rng.integers(8, 13)), int(rng.integers(14, 31))],
            "with_links": bool(rng.random() < 0.6),
            "languages": [LANGS[self.code]],
        }

    def create(self) -> None:
        n = self.size
        self.rows = new_accounts(
            self.world, self.rng, n, self.code, created_at=recent(self.world, self.rng, n, 5, 400)
        )
        self.scale_activity(0.4, 0.6)
        self.open_record()
        self.world.label(self.rows, self.record, "member", (self.kind,))

    def act(self) -> None:
        rng, world = self.rng, self.world
        pool = _all_tags()
        lo, hi = self.params["tags_per_post"]
        domain = spam_domain(rng)
        for account, n in zip(self.rows, self.params["posts"], strict=True):
            base = Variants(promo_texts(rng, PROMO, self.code, 3), [self.code] * 3)
            which = rng.integers(0, 3, n)
            t = np.sort(
                rng.integers(
                    max(world.start, int(world.accounts.num("created_at")[account])), world.end, n
                )
            )
            text = self.copies(base, which, Noise(edit=0.2, emoji=0.3), np.full(n, account), t)
            counts = rng.integers(lo, hi + 1, n)
            tags = A.lists_from_counts(counts, A.pick(rng, pool, int(counts.sum())))
            urls = None
            if self.params["with_links"]:
                urls = A.lists_from_counts(np.ones(n, dtype=np.int64), site_links(rng, [domain], n))
            add_posts(
                world,
                np.full(n, account),
                t,
                attach(text, urls, tags),
                self.code,
                hashtags=tags,
                urls=urls,
            )


class HashtagHijack(Group):
    """Unrelated promotions with a link, posted under hashtags while they trend."""

    kind = "spam.hashtag_hijack"

    def plan(self) -> None:
        rng = self.rng
        self.size = int(rng.integers(1, 7))
        self.params = {
            "size": self.size,
            "posts_per_account": int(rng.integers(8, 41)),
            "trends_hit": int(rng.integers(2, 9)),
            "minutes_into_trend": float(rng.uniform(10, 240)),
            "link_share": float(rng.uniform(0.5, 1.0)),
            "edit_rate": float(rng.uniform(0.05, 0.3)),
        }

    def create(self) -> None:
        world = self.world
        # Hijackers ride the biggest trends: worldwide ones, and now and then a local one.
        rng = self.rng
        worldwide = np.flatnonzero(world.trend_lang < 0)
        local = np.flatnonzero(world.trend_lang >= 0)
        k = min(self.params["trends_hit"], len(worldwide))
        chosen = [int(i) for i in rng.choice(worldwide, k, replace=False)] if k else []
        if len(local) and (rng.random() < 0.3 or not chosen):
            chosen.append(int(rng.choice(local)))
        self.trends = np.sort(np.array(chosen, dtype=np.int64))
        langs = world.trend_lang[self.trends]
        main = int(langs[langs >= 0][0]) if (langs >= 0).any() else LANG_ID["en"]
        # Under a trend of a language the spam books lack, the spam comes in English.
        self.code = effective(MONEY, main)
        self.params["languages"] = [LANGS[self.code]]
        self.params["trends"] = [world.trend_tags[int(i)] for i in self.trends]
        n = self.size
        self.rows = new_accounts(
            world, self.rng, n, main, created_at=recent(world, self.rng, n, 2, 300)
        )
        self.scale_activity(0.3, 0.5)
        self.open_record()
        self.world.label(self.rows, self.record, "member", (self.kind,))

    def act(self) -> None:
        rng, world = self.rng, self.world
        per = self.params["posts_per_account"]
        n = per * self.size
        account = np.repeat(self.rows, per)
        trend = self.trends[rng.integers(0, len(self.trends), n)]
        lag = rng.exponential(self.params["minutes_into_trend"] * 60e6, n).astype(np.int64)
        t = np.minimum(world.trend_t0[trend] + lag, world.trend_t1[trend] - 1)
        ok = (t >= world.accounts.num("created_at")[account]) & (t < world.end)
        account, trend, t = account[ok], trend[ok], t[ok]
        n = len(t)
        texts = promo_texts(rng, MONEY, self.code, 3) + promo_texts(rng, PROMO, self.code, 3)
        base = Variants(texts, [self.code] * len(texts))
        which = rng.integers(0, len(texts), n)
        noise = Noise(edit=self.params["edit_rate"], emoji=0.4)
        text = self.copies(base, which, noise, account, t)
        second = rng.random(n) < 0.35
        tag1 = A.take(A.strings(world.trend_tags), trend)
        tag2 = A.pick(rng, PROMO_TAGS, n)
        counts = 1 + second.astype(np.int64)
        order = np.repeat(np.arange(n), counts)
        slot = np.arange(len(order)) - np.repeat(np.cumsum(counts) - counts, counts)
        values = A.where(slot == 0, A.take(tag1, order), A.take(tag2, order))
        tags = A.lists_from_counts(counts, A.lower(values))
        domain = spam_domain(self.rng)
        linked = (rng.random(n) < self.params["link_share"]).astype(np.int64)
        urls = A.lists_from_counts(linked, site_links(rng, [domain], int(linked.sum())))
        add_posts(world, account, t, attach(text, urls, tags), self.code, hashtags=tags, urls=urls)
