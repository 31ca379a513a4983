"""Follow abuse: churn (follow, wait for follow-backs, unfollow) and indiscriminate following.

Churners follow hundreds of popular accounts of their own language over a day, unfollow
most of them one to three days later, and start again; their own follower counts are
inflated. Indiscriminate followers follow hundreds of unrelated accounts of every language
within hours, or copy another account's followers one by one.
"""

from __future__ import annotations

import numpy as np

from lockstep.synth.plant import Group, add_engagements, new_accounts, pick_free
from lockstep.synth.rand import DAY, HOUR, GroupedSampler
from lockstep.synth.store import NULL_TIME
from lockstep.synth.vocab.geo import LANGS
from lockstep.synth.world import World


def _followable(world: World) -> np.ndarray:
    """Weights of accounts one can follow: audience-weighted, never suspended ones."""
    acc = world.accounts
    weight = (acc.num("followers").astype(np.float64) + 1) ** 0.7
    weight[acc.num("suspended_at") != NULL_TIME] = 0
    return weight


def _distinct(
    rng: np.random.Generator, sampler: GroupedSampler, group: int, n: int, exclude: int
) -> np.ndarray:
    picks = np.unique(sampler.pick(rng, np.full(3 * n, group, dtype=np.int64)))
    picks = picks[(picks >= 0) & (picks != exclude)]
    return rng.permutation(picks)[:n]


class FollowChurn(Group):
    """Follow many, unfollow most a day or more later, repeat."""

    kind = "engagement.follow_churn"

    def plan(self) -> None:
        rng = self.rng
        self.size = int(rng.integers(1, 5))
        self.code = self.lang()
        self.params = {
            "size": self.size,
            "cycles": int(rng.integers(2, 6)),
            "follows_per_cycle": int(rng.integers(80, 401)),
            "follow_hours": float(rng.uniform(6, 24)),
            "unfollow_after_hours": [float(rng.uniform(12, 30)), float(rng.uniform(30, 72))],
            "unfollow_share": float(rng.uniform(0.7, 1.0)),
            "languages": [LANGS[self.code]],
        }

    def create(self) -> None:
        rng, world = self.rng, self.world
        n = self.size
        self.rows = new_accounts(
            world,
            rng,
            n,
            self.code,
            created_at=world.start - (rng.uniform(0.3, 4, n) * 365 * DAY).astype(np.int64),
            followers=rng.lognormal(8.0, 0.8, n).astype(np.int64),
        )
        self.scale_activity(0.6, 0.6)
        self.open_record()
        world.label(self.rows, self.record, "member", (self.kind,))

    def act(self) -> None:
        rng, world = self.rng, self.world
        sampler = GroupedSampler(
            _followable(world), world.accounts.num("lang").astype(np.int64), len(LANGS)
        )
        p = self.params
        lo, hi = p["unfollow_after_hours"]
        cycle_len = int((p["follow_hours"] + hi) * HOUR)
        n_cycles = max(1, min(p["cycles"], (world.end - world.start) // cycle_len))
        for account in self.rows:
            t0 = world.start + int(
                rng.integers(0, max(1, world.end - world.start - n_cycles * cycle_len))
            )
            for c in range(n_cycles):
                start = t0 + c * cycle_len
                targets = _distinct(rng, sampler, self.code, p["follows_per_cycle"], int(account))
                m = len(targets)
                t = start + (rng.random(m) * p["follow_hours"] * HOUR).astype(np.int64)
                add_engagements(world, np.full(m, account), "follow", t, target=targets)
                drop = rng.random(m) < p["unfollow_share"]
                later = t[drop] + (rng.uniform(lo, hi, int(drop.sum())) * HOUR).astype(np.int64)
                add_engagements(
                    world,
                    np.full(int(drop.sum()), account),
                    "unfollow",
                    later,
                    target=targets[drop],
                )


class IndiscriminateFollow(Group):
    """Hundreds of unrelated follows within hours, or a copy of another account's followers."""

    kind = "engagement.indiscriminate_follow"

    def plan(self) -> None:
        rng = self.rng
        self.size = int(rng.integers(1, 5))
        self.code = self.lang()
        self.params = {
            "size": self.size,
            "variant": str(rng.choice(["unrelated", "follower_copy"])),
            "follows": int(rng.integers(150, 801)),
            "hours": float(rng.uniform(1, 6)),
            "languages": [LANGS[self.code]],
        }

    def create(self) -> None:
        rng, world = self.rng, self.world
        n = self.size
        self.rows = new_accounts(
            world,
            rng,
            n,
            self.code,
            created_at=world.start - (rng.uniform(0.05, 3, n) * 365 * DAY).astype(np.int64),
        )
        self.scale_activity(0.5, 0.5)
        self.open_record()
        world.label(self.rows, self.record, "member", (self.kind,))
        self.model = -1
        if self.params["variant"] == "follower_copy":
            # The copied account stays organic; its new followers are ordinary people.
            acc = world.accounts
            top = acc.num("followers") >= np.quantile(acc.num("followers"), 0.95)
            picked = pick_free(world, rng, 1, top & (acc.num("lang") == self.code))
            self.model = int(picked[0]) if len(picked) else -1

    def act(self) -> None:
        rng, world = self.rng, self.world
        p = self.params
        span = int(p["hours"] * HOUR)
        n_acc = len(world.accounts)
        if self.model >= 0:
            # The model gains followers through the first half of the window ...
            m = p["follows"]
            fans = rng.choice(
                np.flatnonzero(world.free_organic()), min(m, n_acc // 4), replace=False
            )
            half = (world.end - world.start) // 2
            t_fans = world.start + (rng.random(len(fans)) * half).astype(np.int64)
            add_engagements(world, fans, "follow", t_fans, target=np.full(len(fans), self.model))
            order = np.argsort(t_fans, kind="stable")
            # ... and each copier follows the same people, in the same order, within hours.
            for account in self.rows:
                t0 = self.start_within(span, world.start + half)
                t = t0 + np.sort((rng.random(len(fans)) * span).astype(np.int64))
                add_engagements(world, np.full(len(fans), account), "follow", t, target=fans[order])
            return
        weight = world.accounts.num("suspended_at") == NULL_TIME
        for account in self.rows:
            targets = rng.choice(
                np.flatnonzero(weight), min(p["follows"], n_acc - 1), replace=False
            )
            targets = targets[targets != account]
            t0 = self.start_within(span)
            t = t0 + (rng.random(len(targets)) * span).astype(np.int64)
            add_engagements(world, np.full(len(targets), account), "follow", t, target=targets)
