"""Incentivised engagement: follow-for-follow, sub4sub, like4like, giveaways for follows and
engagement for sale, in many languages.

The first campaign of a world always spreads over at least six languages, so even a small
world carries the phrases in several scripts; later ones use one to three.
"""

from __future__ import annotations

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.campaigns.content import filled, numbers, spam_domain
from lockstep.synth.plant import Group, add_posts, new_accounts
from lockstep.synth.profiles import recent
from lockstep.synth.text import Noise, Variants, attach, shuffle_lists
from lockstep.synth.urls import site_links
from lockstep.synth.vocab.books import INCENTIVE, PRIZES
from lockstep.synth.vocab.geo import LANG_ID, LANGS

TAGS = (
    "f4f",
    "followforfollow",
    "followback",
    "l4l",
    "like4like",
    "sub4sub",
    "giveaway",
    "teamfollowback",
    "follow4follow",
    "likeforlike",
)


class Incentivised(Group):
    """Accounts promising engagement in return, or selling it."""

    kind = "engagement.incentivised"

    def plan(self) -> None:
        rng = self.rng
        languages = sorted(INCENTIVE)
        k = 6 if self.index == 0 else int(rng.integers(1, 4))
        chosen = [languages[int(i)] for i in rng.choice(len(languages), k, replace=False)]
        self.langs = [LANG_ID[code] for code in chosen]
        self.size = max(k, self.world.size(rng, 2, 10, 2))
        self.params = {
            "size": self.size,
            "languages": chosen,
            "posts": int(rng.integers(5, 41)),
            "with_shop_link": float(rng.uniform(0.0, 0.6)),
            "edit_rate": float(rng.uniform(0.0, 0.25)),
        }

    def create(self) -> None:
        n = self.size
        lang = np.array(self.langs)[np.arange(n) % len(self.langs)]
        self.rows = new_accounts(
            self.world, self.rng, n, lang, created_at=recent(self.world, self.rng, n, 10, 900)
        )
        self.scale_activity(0.4, 0.7)
        self.open_record()
        self.world.label(self.rows, self.record, "member", (self.kind,))

    def act(self) -> None:
        rng, world = self.rng, self.world
        shop = spam_domain(rng, risky=rng.random() < 0.5)
        noise = Noise(edit=self.params["edit_rate"], emoji=0.3, case=0.1)
        for account in self.rows:
            lang = int(world.accounts.num("lang")[account])
            texts = filled(rng, INCENTIVE[LANGS[lang]], 4, price=numbers(rng, 3, 30), prize=PRIZES)
            base = Variants(texts, [lang] * len(texts))
            n = self.params["posts"]
            lo = max(world.start, int(world.accounts.num("created_at")[account]))
            t = np.sort(rng.integers(lo, world.end, n))
            counts = rng.integers(1, 6, n)
            tags = shuffle_lists(
                rng, A.lists_from_counts(counts, A.pick(rng, TAGS, int(counts.sum())))
            )
            linked = rng.random(n) < self.params["with_shop_link"]
            urls = A.lists_from_counts(
                linked.astype(np.int64), site_links(rng, [shop], int(linked.sum()))
            )
            which = rng.integers(0, len(texts), n)
            text = attach(self.copies(base, which, noise, np.full(n, account), t), urls, tags)
            add_posts(world, np.full(n, account), t, text, lang, hashtags=tags, urls=urls)
