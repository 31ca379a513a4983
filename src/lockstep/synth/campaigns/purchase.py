"""Bought engagement: a vendor's stock of fake accounts delivering orders to buyers.

The vendor's sources are low-quality accounts (recent, default pictures, empty bios, tiny
audiences, sessions through hosting networks) with little activity of their own. Buyers are
ordinary-looking shops and would-be influencers. Each order lands as a burst on one buyer:
follows of the account, likes of a post, views of a video, or orders and five-star reviews
of a product. Both sides are labelled: buyers with role ``buyer``, the fake accounts with
role ``source``. Only sources that delivered at least one order carry the behaviour: the rest
of the vendor's stock sits idle in this window and shows nothing to detect.
"""

from __future__ import annotations

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.campaigns.content import effective, promo_texts
from lockstep.synth.plant import Group, add_engagements, add_posts, new_accounts
from lockstep.synth.profiles import recent
from lockstep.synth.rand import DAY, MINUTE, burst, random_u64
from lockstep.synth.text import compose, one_at
from lockstep.synth.vocab.books import PROMO
from lockstep.synth.vocab.geo import LANGS
from lockstep.synth.world import POST_KIND_ID

ORDER_KINDS = ("follow", "like", "view", "order")


class Purchased(Group):
    """One vendor, its fake sources and the buyers it delivers to."""

    kind = "engagement.purchased"

    def plan(self) -> None:
        rng = self.rng
        self.sources = self.world.size(rng, 30, 600, 15)
        self.buyers = int(rng.integers(1, 4))
        self.size = self.sources + self.buyers
        self.code = self.lang()
        orders = [
            [str(k) for k in rng.choice(ORDER_KINDS, int(rng.integers(1, 4)))]
            for _ in range(self.buyers)
        ]
        self.params = {
            "size": self.size,
            "sources": self.sources,
            "buyers": self.buyers,
            "orders": orders,
            "order_share": [float(rng.uniform(0.3, 1.0)), float(rng.uniform(0.3, 1.0))],
            "burst_minutes": float(rng.uniform(20, 480)),
            "no_avatar_share": float(rng.uniform(0.3, 0.8)),
            "hosting_share": float(rng.uniform(0.3, 0.9)),
            "languages": [LANGS[self.code]],
        }

    def create(self) -> None:
        rng, world = self.rng, self.world
        b, s = self.buyers, self.sources
        self.buyer_rows = new_accounts(
            world,
            rng,
            b,
            self.code,
            created_at=world.start - (rng.uniform(1, 6, b) * 365 * DAY).astype(np.int64),
            product_p=np.full(b, 0.3),
            video_p=np.full(b, 0.3),
        )
        hosted = rng.random(s) < self.params["hosting_share"]
        self.source_rows = new_accounts(
            world,
            rng,
            s,
            None,
            created_at=recent(world, rng, s, 2, 150),
            has_avatar=rng.random(s) >= self.params["no_avatar_share"],
            followers=rng.lognormal(1.5, 1.0, s).astype(np.int64),
            following=rng.lognormal(5.5, 0.8, s).astype(np.int64),
            post_rate=np.full(s, 0.02),
            eng_rate=np.full(s, 0.15),
            session_rate=np.full(s, 0.4),
            vpn_p=np.where(hosted, 0.9, 0.0),
            blank_bio=0.7,
        )
        self.rows = np.concatenate([self.buyer_rows, self.source_rows])
        self.open_record()
        world.label(self.buyer_rows, self.record, "buyer", (self.kind,))
        world.label(self.source_rows, self.record, "source")

    def _buyer_post(self, buyer: int, t: int, kind: str) -> int:
        rng, world = self.rng, self.world
        one = np.array([buyer])
        lang = np.array([self.code])
        if kind == "product":
            text = A.strings(promo_texts(rng, PROMO, self.code, 1))
            lang = np.array([effective(PROMO, self.code)])
        else:
            text = compose(rng, lang, rng.integers(0, 8, 1))
        media = one_at(1, np.array([0]), A.hex16(random_u64(rng, 1)))
        rows = add_posts(
            world, one, np.array([t]), text, lang, kind=POST_KIND_ID[kind], media=media
        )
        return int(rows[0])

    def act(self) -> None:
        rng, world = self.rng, self.world
        span = int(self.params["burst_minutes"] * MINUTE)
        lo, hi = sorted(self.params["order_share"])
        delivered: list[np.ndarray] = []
        for buyer, orders in zip(self.buyer_rows, self.params["orders"], strict=True):
            for order in orders:
                t0 = self.start_within(span + 3 * 60 * MINUTE)
                share = rng.uniform(lo, hi)
                who = self.source_rows[rng.random(self.sources) < share]
                t = burst(rng, len(who), t0 + 60 * MINUTE, span)
                delivered.append(who)
                if order == "follow":
                    add_engagements(world, who, "follow", t, target=np.full(len(who), buyer))
                    continue
                kind = {"like": "post", "view": "video", "order": "product"}[order]
                post = self._buyer_post(int(buyer), t0, kind)
                posts = np.full(len(who), post)
                if order == "like":
                    add_engagements(world, who, "like", t, post=posts)
                elif order == "view":
                    add_engagements(world, who, "view", t, post=posts)
                    liked = rng.random(len(who)) < 0.2
                    add_engagements(world, who[liked], "like", t[liked] + MINUTE, post=posts[liked])
                else:
                    add_engagements(world, who, "order", t, post=posts)
                    rated = rng.random(len(who)) < 0.6
                    stars = np.where(rng.random(int(rated.sum())) < 0.92, 5.0, 4.0)
                    add_engagements(
                        world,
                        who[rated],
                        "review",
                        t[rated] + 30 * MINUTE,
                        post=posts[rated],
                        value=stars,
                    )
        if delivered:
            world.add_behaviours(np.unique(np.concatenate(delivered)), (self.kind,))
