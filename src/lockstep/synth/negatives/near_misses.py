"""Ordinary people whose habits sit next to a spam pattern, without crossing it.

* Link curators share many links from many sites, a good part of them bare (30–45 % of
  their posts): more than occasional, not the bulk (seed 001).
* Risky-looking but benign links: a shortened link to a news article, a ``.zip`` of a
  project on a well-known code host, a shop link carrying an affiliate tag, each shared
  once or twice with the person's own words.
* A typo fixed: a post deleted minutes after posting and posted again, corrected, once.
* A viral clip re-uploaded as new videos by unrelated people over the following hours.

All are drawn from existing organic accounts, so they cost no new accounts and the groups
can be large enough for a false-positive rate of 0.5 % to mean something.
"""

from __future__ import annotations

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.plant import Group, add_posts, pick_free
from lockstep.synth.rand import HOUR, MINUTE, flip_bits
from lockstep.synth.store import NULL_TIME
from lockstep.synth.text import Noise, attach, compose, noisy, one_at
from lockstep.synth.urls import news_links, organic_links, short_links, slug, token
from lockstep.synth.vocab.web import SHOPS
from lockstep.synth.world import POST_KIND_ID, World


def _share_of_world(group: Group, drawn: int, share: float) -> int:
    """A group size: ``drawn``, but never more than ``share`` of the world's accounts, and
    less still in small worlds (under 2,000 accounts), which must keep an organic majority."""
    n = group.world.target_accounts
    return int(min(drawn, n * share * min(1.0, n / 2000)))


def _uniform_times(group: Group, rows: A.I64) -> A.I64:
    """One time per row, uniform between its account's creation (or the start) and the end."""
    world = group.world
    lo = np.maximum(world.accounts.num("created_at")[rows], world.start)
    out: A.I64 = lo + (group.rng.random(len(rows)) * np.maximum(world.end - lo, 1)).astype(np.int64)
    return out


def _own_words(group: Group, rows: A.I64) -> A.Arr:
    """A post in each account's language on one of its topics."""
    acc = group.world.accounts
    lang = acc.num("lang")[rows].astype(np.int64)
    return compose(group.rng, lang, acc.num("topic_a")[rows].astype(np.int64))


def _posts_and_bare(world: World, accounts: A.I64) -> tuple[A.I64, A.I64]:
    """Per account in ``accounts``: its posts so far (listings aside) and its bare links."""
    posts = world.posts
    owner = posts.num("account")
    mine = np.isin(owner, accounts) & (posts.num("kind") != POST_KIND_ID["product"])
    rows = np.flatnonzero(mine)
    text = [str(t or "") for t in A.take(posts.text("text"), rows).to_pylist()]
    bare = np.array([t.startswith("http") and " " not in t for t in text], dtype=np.bool_)
    size = int(max(int(accounts.max()), int(owner.max()) if len(owner) else 0)) + 1
    total = np.bincount(owner[rows], minlength=size)
    naked = np.bincount(owner[rows[bare]], minlength=size)
    return total[accounts].astype(np.int64), naked[accounts].astype(np.int64)


class _OrganicPeople(Group):
    """A hard negative made of ordinary accounts picked from the organic population.

    Subclasses set ``members`` in ``plan``; the people keep their own background activity and
    the group only adds the near-miss behaviour in ``act``.
    """

    negative = True
    members = 0

    def create(self) -> None:
        self.rows = pick_free(self.world, self.rng, self.members)
        self.open_record()
        self.world.label(self.rows, self.record, "hard_negative")


class LinkCurators(_OrganicPeople):
    """People who share links from many sites all day, a good part of them without a word."""

    kind = "link_curators"

    def plan(self) -> None:
        rng = self.rng
        self.members = _share_of_world(self, int(rng.integers(60, 160)), 0.03)
        self.params = {
            "curators": self.members,
            "links_per_account": [int(rng.integers(15, 30)), int(rng.integers(30, 70))],
            "bare_share": [0.30, 0.45],
        }

    def act(self) -> None:
        rng, world, p = self.rng, self.world, self.params
        if len(self.rows) == 0:
            return
        lo, hi = p["links_per_account"]
        links = rng.integers(lo, hi + 1, len(self.rows))
        # Bare links are 30-45 % of everything the account posts, its own chatter included.
        own, own_bare = _posts_and_bare(world, self.rows)
        low, high = p["bare_share"]
        share = rng.uniform(float(low), float(high), len(self.rows))
        bare = np.round(share * (own + links)).astype(np.int64) - own_bare
        bare = np.clip(bare, 0, links)
        who = np.repeat(self.rows, links)
        n = len(who)
        slot = np.arange(n) - np.repeat(np.cumsum(links) - links, links)
        is_bare = slot < np.repeat(bare, links)
        lang = world.accounts.num("lang")[who].astype(np.int64)
        # Many sites: news in their language, platforms, blogs, shops.
        news = rng.random(n) < 0.5
        url = A.where(news, news_links(rng, lang), organic_links(rng, lang))
        urls = A.lists_from_counts(np.ones(n, dtype=np.int64), url)
        said = A.null_where(is_bare, _own_words(self, who))
        add_posts(world, who, _uniform_times(self, who), attach(said, urls), lang, urls=urls)


class RiskyLinks(_OrganicPeople):
    """People sharing links that look risky to a list but are benign, with their own words."""

    kind = "risky_benign_links"
    SHAPES = ("short_news", "zip", "affiliate")

    def plan(self) -> None:
        rng = self.rng
        self.members = _share_of_world(self, int(rng.integers(150, 300)), 0.05)
        self.params = {"people": self.members, "shapes": list(self.SHAPES)}

    def act(self) -> None:
        rng, world = self.rng, self.world
        if len(self.rows) == 0:
            return
        who = np.repeat(self.rows, rng.integers(1, 3, len(self.rows)))
        n = len(who)
        shape = rng.integers(0, len(self.SHAPES), n)
        lang = world.accounts.num("lang")[who].astype(np.int64)
        parts = []
        rows = np.flatnonzero(shape == 0)
        parts.append((rows, short_links(rng, len(rows))))
        rows = np.flatnonzero(shape == 1)
        m = len(rows)
        repo = A.join(
            "https://github.com/", token(rng, m, 8, "lower"), "/", slug(rng, m, 2), sep=""
        )
        parts.append((rows, A.join(repo, "/archive/refs/heads/main.zip", sep="")))
        rows = np.flatnonzero(shape == 2)
        m = len(rows)
        amazon = [s for s in SHOPS if "amazon" in s] or ["www.amazon.com"]
        shop = A.join(
            "https://",
            A.pick(rng, amazon, m),
            "/dp/B0",
            token(rng, m, 8, "alnum"),
            "?tag=",
            token(rng, m, 6, "lower"),
            "-20",
            sep="",
        )
        parts.append((rows, shop))
        url = A.scatter(n, parts)
        urls = A.lists_from_counts(np.ones(n, dtype=np.int64), url)
        said = _own_words(self, who)
        add_posts(world, who, _uniform_times(self, who), attach(said, urls), lang, urls=urls)


class TypoRepost(_OrganicPeople):
    """People who delete a post with a typo minutes after posting it and post it again."""

    kind = "typo_repost"

    def plan(self) -> None:
        rng = self.rng
        self.members = _share_of_world(self, int(rng.integers(150, 300)), 0.05)
        self.params = {
            "people": self.members,
            "delete_after_minutes": float(rng.uniform(1, 15)),
            "second_typo_share": float(rng.uniform(0.1, 0.3)),
        }

    def act(self) -> None:
        rng, world, p = self.rng, self.world, self.params
        if len(self.rows) == 0:
            return
        # Most fix one post; some fix two different posts over the two weeks.
        who = np.repeat(self.rows, 1 + (rng.random(len(self.rows)) < p["second_typo_share"]))
        n = len(who)
        t = _uniform_times(self, who)
        t = np.minimum(t, world.end - HOUR)
        fixed = _own_words(self, who)
        typo = noisy(rng, fixed, Noise(edit=0.04))
        lang = world.accounts.num("lang")[who].astype(np.int64)
        alive = (rng.lognormal(np.log(p["delete_after_minutes"]), 0.7, n) * MINUTE).astype(np.int64)
        deleted = t + alive
        add_posts(world, who, t, typo, lang, deleted_at=deleted)
        again = deleted + (rng.uniform(0.5, 5, n) * MINUTE).astype(np.int64)
        add_posts(world, who, again, fixed, lang, deleted_at=np.full(n, NULL_TIME))


class ClipReuploads(_OrganicPeople):
    """A viral clip re-uploaded as new videos by unrelated people over the next hours."""

    kind = "clip_reuploads"

    def plan(self) -> None:
        rng = self.rng
        self.members = _share_of_world(self, int(rng.integers(15, 50)), 0.01)
        self.params = {
            "reuploaders": self.members,
            "median_delay_hours": float(rng.uniform(2, 12)),
            "bits_changed": [1, 8],
        }

    def act(self) -> None:
        rng, world, p = self.rng, self.world, self.params
        org = world.organic
        if org is None or len(self.rows) == 0:
            return
        videos = org.rows[(org.kind == POST_KIND_ID["video"]) & ~org.is_reply]
        videos = videos[world.posts.gather("t", videos) < world.end - 2 * 24 * HOUR]
        if len(videos) == 0:
            return
        followers = world.accounts.num("followers")[world.posts.gather("account", videos)]
        source = int(videos[int(np.argmax(followers))])
        media = world.posts.list("media").take([source]).to_pylist()[0] or []
        if not media:
            return
        original = np.uint64(int(str(media[0]), 16))
        n = len(self.rows)
        t0 = int(world.posts.gather("t", np.array([source]))[0])
        delay = rng.lognormal(np.log(p["median_delay_hours"]), 1.0, n) * HOUR
        t = np.maximum(t0 + delay.astype(np.int64), world.accounts.num("created_at")[self.rows])
        keep = t < world.end
        who, t = self.rows[keep], t[keep]
        m = len(who)
        lo, hi = p["bits_changed"]
        hashes = flip_bits(rng, np.full(m, original, dtype=np.uint64), rng.integers(lo, hi, m))
        lang = world.accounts.num("lang")[who].astype(np.int64)
        add_posts(
            world,
            who,
            t,
            _own_words(self, who),
            lang,
            kind=POST_KIND_ID["video"],
            media=one_at(m, np.arange(m), A.hex16(hashes)),
        )
