"""Crowds that are not campaigns: organic activism, fans swarming a star, viral sharing.

All three are drawn from existing organic accounts (diverse ages, devices, networks and
their own background activity) and then act together in time, which is what makes them
hard: hundreds of people post on one cause with one hashtag in the same hours, often with
the same petition link but in their own words; fans reply to and like a star's posts
within minutes, often with the same short cheers; thousands repost one item in a few hours.
"""

from __future__ import annotations

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.organic import diurnal
from lockstep.synth.plant import Group, add_engagements, add_posts, pick_free
from lockstep.synth.profiles import COUNTRY_TZ
from lockstep.synth.rand import DAY, HOUR, MINUTE, flip_bits, random_u64
from lockstep.synth.text import LANG_POOLS, Noise, attach, compose, noisy, one_at, tag_lists
from lockstep.synth.urls import news_links, slug
from lockstep.synth.vocab.books import CAUSES, FAN_REPLY
from lockstep.synth.vocab.geo import LANG_ID, LANGS
from lockstep.synth.world import POST_KIND_ID


def _crowd(world_accounts: int, share: float, lo: int, hi: int) -> int:
    """A crowd's size: a share of the world within ``[lo, hi]``, never over 5 % of it."""
    return int(min(hi, max(lo, world_accounts * share), world_accounts / 20))


def _bare_name(handle: str) -> str:
    """A handle without separators and digits, lower-cased: ``Ahmet_Yildiz2`` -> ``ahmetyildiz``."""
    return "".join(c for c in handle.lower() if c.isalpha())


def _namesakes(names: list[A.Arr], star: int, rows: A.I64) -> A.Bool:
    """Which of ``rows`` have a handle or display name that reads as the ``star``'s."""
    out = np.zeros(len(rows), dtype=bool)
    for column in names:
        name = _bare_name(str(column[star]))
        picked = A.take(column, rows).to_pylist()
        out |= np.array([_bare_name(h or "") == name for h in picked], dtype=bool)
    return out


class OrganicActivism(Group):
    """Many real people posting on one cause, with one hashtag, in the same hours."""

    kind = "organic_activism"
    negative = True

    def plan(self) -> None:
        rng = self.rng
        self.cause = CAUSES[int(rng.integers(0, len(CAUSES)))]
        self.members = int(
            _crowd(self.world.target_accounts, 0.008, 25, 800) * rng.uniform(0.7, 1.3)
        )
        self.params = {
            "participants": self.members,
            "hashtag": self.cause[1],
            "language": self.cause[0],
            "hours": float(rng.uniform(2, 6)),
            "petition_share": float(rng.uniform(0.1, 0.5)),
            "likes_per_person": int(rng.integers(2, 9)),
        }

    def create(self) -> None:
        world = self.world
        lang = world.accounts.num("lang") == LANG_ID[self.cause[0]]
        self.rows = pick_free(world, self.rng, self.members, lang)
        self.open_record(targets={"languages": [self.cause[0]]})
        world.label(self.rows, self.record, "hard_negative")

    def act(self) -> None:
        rng, world, p = self.rng, self.world, self.params
        if len(self.rows) == 0:
            return
        code, tag, subjects, stances, personal = self.cause
        lang = LANG_ID[code]
        pools = LANG_POOLS[lang]
        span = int(p["hours"] * HOUR)
        t0 = self.start_within(span + DAY)
        per = 1 + rng.poisson(0.6, len(self.rows))
        who = np.repeat(self.rows, per)
        n = len(who)
        t = np.maximum(
            t0 + (rng.random(n) * span).astype(np.int64), world.accounts.num("created_at")[who]
        )
        subject = A.pick(rng, subjects, n)
        stance = A.pick(rng, stances, n)
        # Everyone says something of their own (one or two personal lines), which is what
        # keeps a crowd's posts on one cause from reading as one text.
        own = A.strings(personal)
        first_line = rng.integers(0, len(personal), n)
        second_line = (first_line + rng.integers(1, len(personal), n)) % len(personal)
        mine = A.join(
            A.take(own, first_line),
            A.null_where(rng.random(n) < 0.5, A.take(own, second_line)),
            sep=" ",
        )
        opener = A.null_where(rng.random(n) < 0.5, A.pick(rng, pools.open, n))
        body = A.join(opener, subject, stance, sep=" ")
        first = rng.random(n) < 0.3
        text = A.where(first, A.join(mine, body, sep=" "), A.join(body, mine, sep=" "))
        text = noisy(rng, A.join(text, A.pick(rng, pools.close, n), sep=""), Noise(case=0.05))
        own_tag = rng.random(n) < 0.2
        counts = 1 + own_tag.astype(np.int64)
        order = np.repeat(np.arange(n), counts)
        slot = np.arange(len(order)) - np.repeat(np.cumsum(counts) - counts, counts)
        values = A.where(
            slot == 0,
            A.strings([tag] * len(order)),
            A.pick(rng, ("solidarity", "together", code), len(order)),
        )
        tags = tag_lists(values, counts)
        petition = f"https://www.change.org/p/{slug(rng, 1, 4)[0].as_py()}"
        sign = np.flatnonzero(rng.random(n) < p["petition_share"])
        urls = one_at(n, sign, A.strings([petition] * len(sign)))
        posts = add_posts(world, who, t, attach(text, urls, tags), lang, hashtags=tags, urls=urls)
        # People like and share each other's posts about the cause.
        k = p["likes_per_person"]
        liker = np.repeat(self.rows, k)
        target = posts[rng.integers(0, len(posts), len(liker))]
        t_like = world.posts.gather("t", target) + (
            rng.lognormal(np.log(30), 1.2, len(liker)) * MINUTE
        ).astype(np.int64)
        add_engagements(world, liker, "like", t_like, post=target)
        share = rng.random(len(liker)) < 0.25
        add_engagements(world, liker[share], "repost", t_like[share] + MINUTE, post=target[share])


class FanSwarm(Group):
    """Fans replying to and liking a star's posts within minutes."""

    kind = "fan_swarm"
    negative = True

    def plan(self) -> None:
        rng = self.rng
        options = ("en", "es", "pt", "ja", "id", "tr", "de")
        self.code = LANG_ID[options[int(rng.integers(0, len(options)))]]
        self.fans = int(_crowd(self.world.target_accounts, 0.01, 20, 1500) * rng.uniform(0.7, 1.3))
        self.params = {
            "fans": self.fans,
            "language": LANGS[self.code],
            "star_posts": int(rng.integers(2, 6)),
            "reply_share": float(rng.uniform(0.2, 0.6)),
            "like_share": float(rng.uniform(0.4, 0.9)),
            "delay_minutes": float(rng.uniform(1, 6)),
            "star_avatar_share": float(rng.uniform(0.0, 0.2)),
        }

    def create(self) -> None:
        world, rng = self.world, self.rng
        acc = world.accounts
        lang = acc.num("lang") == self.code
        followers = acc.num("followers")
        big = lang & (followers >= np.quantile(followers[lang], 0.99) if lang.any() else lang)
        star = pick_free(world, rng, 1, big)
        if len(star) == 0:
            star = pick_free(world, rng, 1, lang)
        acc.set("verified", star, True)
        acc.set("followers", star, np.maximum(acc.num("followers")[star], 250_000))
        self.star = star
        fans = pick_free(world, rng, self.fans, lang)
        # Stan accounts use a photo of the star as their avatar (other crops, other bits).
        # A fan who happens to share the star's name and wears its photo would be posing as
        # the star, whatever the intent; with a small pool of names that coincidence is far
        # likelier here than on a real platform, so namesakes keep their own pictures.
        stan = fans[rng.random(len(fans)) < self.params["star_avatar_share"]]
        if len(star) and len(stan):
            names = [acc.text("handle"), acc.text("display_name")]
            stan = stan[~_namesakes(names, int(star[0]), stan)]
        if len(star) and len(stan):
            photo = np.full(len(stan), acc.num("avatar")[star[0]], dtype=np.uint64)
            acc.set("avatar", stan, flip_bits(rng, photo, rng.integers(3, 8, len(stan))))
            acc.set("has_avatar", stan, True)
        self.fan_rows = fans
        self.rows = np.concatenate([star, fans])
        self.open_record(targets={"languages": [LANGS[self.code]]})
        world.label(self.rows, self.record, "hard_negative")

    def act(self) -> None:
        rng, world, p = self.rng, self.world, self.params
        if len(self.star) == 0 or len(self.fan_rows) == 0:
            return
        star = int(self.star[0])
        k = p["star_posts"]
        tz = COUNTRY_TZ[world.accounts.num("country")[np.full(k, star)]]
        since = max(world.start, int(world.accounts.num("created_at")[star]))
        t = np.sort(diurnal(world, rng, tz, np.full(k, since)))
        video = rng.random(k) < 0.5
        kind = np.where(video, POST_KIND_ID["video"], POST_KIND_ID["post"])
        media = one_at(k, np.flatnonzero(video), A.hex16(random_u64(rng, int(video.sum()))))
        text = compose(rng, np.full(k, self.code, dtype=np.int64), rng.integers(0, 8, k))
        posts = add_posts(world, np.full(k, star), t, text, self.code, kind=kind, media=media)
        fans = self.fan_rows
        for post, t_post in zip(posts, t, strict=True):
            like = fans[rng.random(len(fans)) < p["like_share"]]
            delay = rng.lognormal(np.log(p["delay_minutes"]), 1.0, len(like)) * MINUTE
            add_engagements(
                world, like, "like", t_post + delay.astype(np.int64), post=np.full(len(like), post)
            )
            reply = fans[rng.random(len(fans)) < p["reply_share"]]
            m = len(reply)
            t_reply = t_post + (
                rng.lognormal(np.log(p["delay_minutes"] * 2), 1.0, m) * MINUTE
            ).astype(np.int64)
            cheers = noisy(
                rng,
                A.pick(rng, FAN_REPLY.get(LANGS[self.code], FAN_REPLY["en"]), m),
                Noise(emoji=0.4),
            )
            keep = (t_reply < world.end) & (t_reply >= world.accounts.num("created_at")[reply])
            add_posts(
                world,
                reply[keep],
                t_reply[keep],
                A.take(cheers, np.flatnonzero(keep)),
                self.code,
                kind=POST_KIND_ID["comment"],
                reply_to=np.full(int(keep.sum()), post),
            )


class ViralSharing(Group):
    """One organic item shared, reposted and quoted by thousands within hours."""

    kind = "viral_sharing"
    negative = True

    def plan(self) -> None:
        rng = self.rng
        self.sharers = int(
            _crowd(self.world.target_accounts, 0.02, 40, 3000) * rng.uniform(0.7, 1.3)
        )
        self.params = {
            "sharers": self.sharers,
            "item": str(rng.choice(["video", "article"])),
            "cascade_minutes": float(rng.uniform(30, 180)),
            "repost_share": float(rng.uniform(0.45, 0.65)),
            "post_share": float(rng.uniform(0.1, 0.25)),
        }

    def create(self) -> None:
        world, rng = self.world, self.rng
        self.origin = pick_free(world, rng, 1)
        self.sharer_rows = pick_free(world, rng, self.sharers)
        self.rows = np.concatenate([self.origin, self.sharer_rows])
        self.open_record()
        world.label(self.rows, self.record, "hard_negative")

    def act(self) -> None:
        rng, world, p = self.rng, self.world, self.params
        if len(self.origin) == 0:
            return
        origin = int(self.origin[0])
        lang = int(world.accounts.num("lang")[origin])
        t0 = self.start_within(2 * DAY, int(world.accounts.num("created_at")[origin]))
        video = p["item"] == "video"
        url = news_links(rng, np.array([lang]))
        urls = None if video else one_at(1, np.array([0]), url)
        media = one_at(1, np.array([0]), A.hex16(random_u64(rng, 1))) if video else None
        text = attach(compose(rng, np.array([lang]), rng.integers(0, 8, 1)), urls)
        post = add_posts(
            world,
            np.array([origin]),
            np.array([t0]),
            text,
            lang,
            kind=POST_KIND_ID["video" if video else "post"],
            urls=urls,
            media=media,
        )
        s = self.sharer_rows
        n = len(s)
        t = t0 + (rng.lognormal(np.log(p["cascade_minutes"]), 1.0, n) * MINUTE).astype(np.int64)
        t = np.maximum(t, world.accounts.num("created_at")[s])
        u = rng.random(n)
        repost = u < p["repost_share"]
        write = (u >= p["repost_share"]) & (u < p["repost_share"] + p["post_share"])
        like = ~repost & ~write
        add_engagements(
            world, s[repost], "repost", t[repost], post=np.full(int(repost.sum()), post[0])
        )
        add_engagements(
            world,
            s[like | repost],
            "like",
            t[like | repost] - MINUTE // 2,
            post=np.full(int((like | repost).sum()), post[0]),
        )
        if video:
            add_engagements(world, s, "view", t - MINUTE, post=np.full(n, post[0]))
        writers = s[write]
        m = len(writers)
        lang_w = world.accounts.num("lang")[writers].astype(np.int64)
        own = compose(rng, lang_w, rng.integers(0, 8, m))
        t_w = t[write]
        keep = np.flatnonzero(t_w < world.end)
        m = len(keep)
        if video:
            add_posts(
                world,
                writers[keep],
                t_w[keep],
                A.take(own, keep),
                lang_w[keep],
                quote_of=np.full(m, post[0]),
            )
        else:
            w_urls = A.lists_from_counts(
                np.ones(m, dtype=np.int64), A.take(url, np.zeros(m, dtype=np.int64))
            )
            add_posts(
                world,
                writers[keep],
                t_w[keep],
                attach(A.take(own, keep), w_urls),
                lang_w[keep],
                urls=w_urls,
            )
