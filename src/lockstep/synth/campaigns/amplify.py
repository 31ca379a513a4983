"""Coordinated amplification: lockstep engagement, and reciprocal pods and follow trains.

A lockstep group (one operator's accounts, often on a handful of shared phones) likes and
reposts the same posts within minutes of each other, post after post, each member skipping
some and arriving with its own lag; the targets are mostly popular posts it promotes, and
sometimes posts of the one or two principal accounts it is run for. A pod
or follow train is reciprocal: members (different people) follow each other densely within
hours and like each other's posts soon after they appear; the conductor who announces the
train promises follow-backs and so also commits ``engagement.incentivised``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from lockstep.synth import arrow as A
from lockstep.synth.campaigns.content import filled
from lockstep.synth.plant import (
    Group,
    add_engagements,
    add_posts,
    at_handles,
    new_accounts,
    organic_roots,
    popular,
)
from lockstep.synth.rand import DAY, MINUTE, random_u64
from lockstep.synth.text import compose
from lockstep.synth.vocab.books import TRAIN, book
from lockstep.synth.vocab.geo import LANGS
from lockstep.synth.vocab.posts import TOPICS


def _created(group: Group, n: int) -> A.I64:
    rng = group.rng
    years = np.where(rng.random(n) < 0.6, rng.uniform(0.08, 1.1, n), rng.uniform(1.1, 9, n))
    return group.world.start - (years * 365 * DAY).astype(np.int64)


def _own_posts(group: Group, authors: A.I64, lang: int) -> A.I64:
    """Posts by group members (to be amplified), at random times after their creation."""
    rng, world = group.rng, group.world
    n = len(authors)
    lo = np.maximum(world.accounts.num("created_at")[authors], world.start)
    t = lo + (rng.random(n) * (world.end - lo) * 0.9).astype(np.int64)
    langs = np.full(n, lang, dtype=np.int64)
    text = compose(rng, langs, rng.integers(0, len(TOPICS), n))
    return add_posts(world, authors, t, text, lang)


class Lockstep(Group):
    """A group engaging with the same targets together, repeatedly, within minutes."""

    kind = "engagement.lockstep"

    def plan(self) -> None:
        rng = self.rng
        self.size = self.world.size(rng, 6, 40, 6)
        self.code = self.lang()
        self.params = {
            "size": self.size,
            "targets": int(rng.integers(10, 51)),
            "participation": float(rng.uniform(0.65, 0.95)),
            "jitter_minutes": float(rng.uniform(0.5, 10)),
            "delay_minutes": float(rng.uniform(1, 180)),
            "repost_share": float(rng.uniform(0.0, 0.7)),
            "own_share": float(rng.choice([0.0, 0.3, 0.6])),
            "shared_devices": bool(rng.random() < 0.6),
            "languages": [LANGS[self.code]],
        }

    def create(self) -> None:
        rng, n = self.rng, self.size
        devices: dict[str, Any] = {}
        if self.params["shared_devices"]:
            # One operator's handful of phones, each running several of the accounts.
            phones = random_u64(rng, max(1, n // 4))
            devices["device1"] = phones[rng.integers(0, len(phones), n)]
        self.rows = new_accounts(
            self.world, rng, n, self.code, created_at=_created(self, n), **devices
        )
        self.scale_activity(0.6, 0.6)
        self.open_record()
        self.world.label(self.rows, self.record, "member", (self.kind,))

    def act(self) -> None:
        rng, world = self.rng, self.world
        k = self.params["targets"]
        own = round(k * self.params["own_share"])
        # Its own posts to promote are its principals' (one or two accounts it is run for),
        # not every sock's: a ring whose members all boost each other is a pod instead.
        principals = self.rows[: int(rng.integers(1, 3))]
        targets = _own_posts(self, principals[rng.integers(0, len(principals), own)], self.code)
        external = popular(world, rng, organic_roots(world, self.code), k - own)
        targets = np.unique(np.concatenate([targets, external]))
        if len(targets) == 0:
            return
        author = world.posts.gather("account", targets)
        t_post = world.posts.gather("t", targets)
        lag = self.params["delay_minutes"] * rng.uniform(0.5, 1.5, len(targets)) * MINUTE
        wave = t_post + lag.astype(np.int64)
        join = rng.random((len(targets), self.size)) < self.params["participation"]
        join &= self.rows[None, :] != author[:, None]
        ti, mi = np.nonzero(join)
        jitter = rng.random(len(ti)) * self.params["jitter_minutes"] * MINUTE
        t = wave[ti] + jitter.astype(np.int64)
        add_engagements(world, self.rows[mi], "like", t, post=targets[ti])
        again = rng.random(len(ti)) < self.params["repost_share"]
        add_engagements(
            world, self.rows[mi[again]], "repost", t[again] + MINUTE, post=targets[ti[again]]
        )


class Reciprocal(Group):
    """An engagement pod or follow train: dense mutual follows and likes in short spans."""

    kind = "engagement.reciprocal"

    def plan(self) -> None:
        rng = self.rng
        self.size = self.world.size(rng, 8, 60, 5)
        self.code = self.lang(("en", "es", "pt", "de", "fr", "id", "tr"))
        mode = str(rng.choice(["follow_train", "like_pod", "both"]))
        self.params = {
            "size": self.size,
            "mode": mode,
            "trains": int(rng.integers(1, 4)) if mode != "like_pod" else 0,
            "train_hours": float(rng.uniform(1, 12)),
            "follow_share": float(rng.uniform(0.6, 1.0)),
            "pod_posts": int(rng.integers(2, 7)) if mode != "follow_train" else 0,
            "like_share": float(rng.uniform(0.6, 1.0)),
            "like_window_minutes": float(rng.uniform(5, 180)),
            "languages": [LANGS[self.code]],
        }

    def create(self) -> None:
        self.rows = new_accounts(
            self.world, self.rng, self.size, self.code, created_at=_created(self, self.size)
        )
        self.scale_activity(0.7, 0.5)
        self.open_record()
        conductor = self.rows[:1] if self.params["trains"] else self.rows[:0]
        self.world.label(self.rows, self.record, "member", (self.kind,))
        if len(conductor):
            # The conductor announces the train and promises follow-backs.
            self.world.label(conductor, self.record, "operator", ("engagement.incentivised",))

    def act(self) -> None:
        rng, world = self.rng, self.world
        n = self.size
        created = world.accounts.num("created_at")[self.rows]
        for _ in range(self.params["trains"]):
            span = int(self.params["train_hours"] * 60 * MINUTE)
            t0 = self.start_within(span + MINUTE, int(created.max()))
            shown = self.rows[1 : 1 + min(20, n - 1)]
            one_list = np.array([0, len(shown)])
            handles = A.join_lists(A.lists(one_list, at_handles(world, shown)), " ")
            announce = A.strings(filled(rng, book(TRAIN, LANGS[self.code]), 1))
            mentions = A.lists(one_list, pa.array(shown, type=pa.int64()))
            train = add_posts(
                world,
                self.rows[:1],
                np.array([t0]),
                A.join(announce, handles),
                self.code,
                mentions=mentions,
            )
            follower, followed = np.nonzero(rng.random((n, n)) < self.params["follow_share"])
            keep = follower != followed
            follower, followed = follower[keep], followed[keep]
            t = t0 + MINUTE + (rng.random(len(follower)) * span).astype(np.int64)
            add_engagements(world, self.rows[follower], "follow", t, target=self.rows[followed])
            likers = self.rows[1:][rng.random(n - 1) < self.params["follow_share"]]
            t_like = t0 + (rng.random(len(likers)) * span).astype(np.int64) + MINUTE
            add_engagements(world, likers, "like", t_like, post=np.repeat(train, len(likers)))
            add_engagements(
                world, likers, "repost", t_like + MINUTE, post=np.repeat(train, len(likers))
            )
        if self.params["pod_posts"]:
            authors = np.repeat(self.rows, self.params["pod_posts"])
            posts = _own_posts(self, authors, self.code)
            t_post = world.posts.gather("t", posts)
            pi, mi = np.nonzero(rng.random((len(posts), n)) < self.params["like_share"])
            keep = self.rows[mi] != authors[pi]
            pi, mi = pi[keep], mi[keep]
            window = self.params["like_window_minutes"] * MINUTE
            t = t_post[pi] + (rng.random(len(pi)) * window).astype(np.int64) + MINUTE
            add_engagements(world, self.rows[mi], "like", t, post=posts[pi])
            boost = rng.random(len(pi)) < 0.3
            add_engagements(
                world, self.rows[mi[boost]], "repost", t[boost] + MINUTE, post=posts[pi[boost]]
            )
