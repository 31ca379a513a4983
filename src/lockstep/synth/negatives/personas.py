"""Parody and fan accounts that say what they are.

They take a famous account's name (a handle variant, the display name with a label), often
its photo, and post about it; unlike impersonators they declare themselves in the display
name or the bio ("parody", "fan account", "not affiliated"), which seed 001's distinct
identities and the platforms' parody policies treat as no deception.
"""

from __future__ import annotations

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.campaigns.identity import handle_variant
from lockstep.synth.plant import Group, new_accounts
from lockstep.synth.rand import DAY, flip_bits, random_u64

#: Labels in the display name and declarations in the bio.
NAME_LABELS = ("(parody)", "Parody", "fan account", "Fans", "(fan page)")
BIO_LABELS = (
    "Parody account, not affiliated with {name}.",
    "Fan account · not the real {name} · news and clips",
    "Unofficial fan page for {name}. Not affiliated.",
    "Satire. Not {name}. Follow the real one at @{handle}",
    "Commentary account about {name}, not endorsed by them.",
)


class DeclaredParody(Group):
    """Declared parody and fan accounts of a few famous accounts."""

    kind = "declared_parody"
    negative = True
    STYLES = ("leet", "separator", "double", "suffix")

    def plan(self) -> None:
        rng = self.rng
        self.targets_n = int(rng.integers(2, 5))
        self.per_target = [int(k) for k in rng.integers(2, 7, self.targets_n)]
        self.size = sum(self.per_target)
        self.params = {
            "accounts": self.size,
            "famous_accounts": self.targets_n,
            "photo_share": float(rng.uniform(0.4, 0.9)),
            "label_in_name_share": float(rng.uniform(0.3, 0.8)),
        }

    def create(self) -> None:
        world, rng = self.world, self.rng
        acc = world.accounts
        followers = acc.num("followers")
        famous = acc.num("verified") | (followers >= np.quantile(followers, 0.995))
        famous &= acc.num("has_avatar")
        # The famous account is only looked at, not taken over: it stays available to others.
        candidates = np.flatnonzero(famous & world.free_organic())
        if len(candidates) == 0:
            return
        targets = rng.choice(candidates, min(self.targets_n, len(candidates)), replace=False)
        handles, names = acc.text("handle"), acc.text("display_name")
        rows: list[int] = []
        for target, k in zip(targets, self.per_target, strict=False):
            handle = str(handles[int(target)].as_py())
            name = str(names[int(target)].as_py() or handle)
            style = [self.STYLES[int(i)] for i in rng.integers(0, 4, k)]
            new_handles = [handle_variant(rng, handle, s) for s in style]
            labelled = rng.random(k) < self.params["label_in_name_share"]
            new_names = [
                f"{name} {NAME_LABELS[int(rng.integers(0, len(NAME_LABELS)))]}" if lab else name
                for lab in labelled
            ]
            bios = [
                BIO_LABELS[int(rng.integers(0, len(BIO_LABELS)))].format(name=name, handle=handle)
                for _ in range(k)
            ]
            photo = rng.random(k) < self.params["photo_share"]
            star = np.full(k, acc.num("avatar")[target], dtype=np.uint64)
            avatar = np.where(
                photo, flip_bits(rng, star, rng.integers(1, 5, k)), random_u64(rng, k)
            )
            created = world.start - (rng.uniform(-5, 700, k) * DAY).astype(np.int64)
            new = new_accounts(
                world,
                rng,
                k,
                int(acc.num("lang")[target]),
                created_at=created,
                handle=A.strings(new_handles),
                display_name=A.strings(new_names),
                bio=A.strings(bios),
                avatar=avatar.astype(np.uint64),
                has_avatar=np.ones(k, dtype=bool),
                followers=rng.lognormal(5.0, 1.5, k).astype(np.int64),
                topic_a=np.full(k, acc.num("topic_a")[target]),
                topic_b=np.full(k, acc.num("topic_b")[target]),
            )
            rows.extend(int(r) for r in new)
        self.rows = np.array(rows, dtype=np.int64)
        self.open_record()
        world.label(self.rows, self.record, "hard_negative")

    def act(self) -> None:
        """Their posts are the organic background: talk about the star in their own words."""
