"""Impersonation: fresh accounts posing as a verified or famous account.

Each impersonator takes a well-known account's identity with a twist that survives a casual
look: a leetspeak or separator variant of the handle, a display name with a look-alike
Cyrillic letter or a fake check mark, the same avatar re-encoded (a few bits of the
perceptual hash flipped) and the same bio. It is created days before or during the window,
has few followers, and fishes for the famous account's audience by replying to the people
who reply to it.
"""

from __future__ import annotations

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.campaigns.content import effective, filled
from lockstep.synth.plant import (
    Group,
    add_posts,
    at_handles,
    mention_lists,
    new_accounts,
    pick_free,
)
from lockstep.synth.rand import DAY, MINUTE, flip_bits, random_u64
from lockstep.synth.text import Noise, Variants
from lockstep.synth.vocab.books import IMPERSONATE, PRIZES, book
from lockstep.synth.vocab.geo import LANGS
from lockstep.synth.world import POST_KIND_ID

LEET = {"o": "0", "l": "1", "i": "1", "e": "3", "a": "4"}
CYRILLIC = {
    "a": "а",
    "e": "е",
    "o": "о",
    "p": "р",
    "c": "с",
    "x": "х",
    "y": "у",
    "A": "А",
    "E": "Е",
    "O": "О",
    "P": "Р",
    "C": "С",
    "M": "М",
    "T": "Т",
    "H": "Н",
    "K": "К",
}
SUFFIXES = ("_official", "official", "_support", "_hq", "_real", "backup", "_tv")


def handle_variant(rng: np.random.Generator, handle: str, style: str) -> str:
    """A look-alike of ``handle`` in one of the impersonation styles."""
    if style == "leet":
        spots = [i for i, ch in enumerate(handle) if ch in LEET]
        if spots:
            i = spots[int(rng.integers(0, len(spots)))]
            return handle[:i] + LEET[handle[i]] + handle[i + 1 :]
        style = "separator"
    if style == "separator":
        i = int(rng.integers(1, max(2, len(handle))))
        sep = "_" if "_" not in handle else "."
        return handle[:i] + sep + handle[i:]
    if style == "double":
        i = int(rng.integers(0, len(handle)))
        return handle[:i] + handle[i] + handle[i:]
    return handle + SUFFIXES[int(rng.integers(0, len(SUFFIXES)))]


def name_variant(rng: np.random.Generator, name: str) -> str:
    """The display name, exact or with a look-alike letter or a fake check mark."""
    u = rng.random()
    spots = [i for i, ch in enumerate(name) if ch in CYRILLIC]
    if u < 0.45 and spots:
        i = spots[int(rng.integers(0, len(spots)))]
        return name[:i] + CYRILLIC[name[i]] + name[i + 1 :]
    if u < 0.7:
        return name + (" ✓" if rng.random() < 0.5 else " ✔️")
    return name


class Impersonation(Group):
    """Impersonators of one to two well-known accounts."""

    kind = "spam.impersonation"
    STYLES = ("leet", "separator", "double", "suffix")

    def plan(self) -> None:
        rng = self.rng
        self.targets_n = int(rng.integers(1, 3))
        self.per_target = [int(k) for k in rng.integers(1, 4, self.targets_n)]
        self.size = sum(self.per_target)
        self.params = {
            "size": self.size,
            "impersonated_accounts": self.targets_n,
            "bits_flipped": [int(b) for b in rng.integers(1, 5, 2)],
            "posts": int(rng.integers(3, 16)),
            "fan_replies": int(rng.integers(5, 60)),
            # Not every impersonator copies the picture or the bio: some rely on the name.
            "avatar_copy_share": float(rng.uniform(0.2, 1.0)),
            "bio_copy_share": float(rng.uniform(0.3, 1.0)),
        }

    def create(self) -> None:
        world, rng = self.world, self.rng
        acc = world.accounts
        followers = acc.num("followers")
        famous = acc.num("verified") | (followers >= np.quantile(followers, 0.995))
        famous &= acc.num("has_avatar")
        victims = pick_free(world, rng, self.targets_n, famous)
        styles: list[str] = []
        rows: list[int] = []
        handles = acc.text("handle")
        names = acc.text("display_name")
        for victim, k in zip(victims, self.per_target, strict=False):
            n = k
            handle = str(handles[int(victim)].as_py())
            name = str(names[int(victim)].as_py() or handle)
            style = [self.STYLES[int(i)] for i in rng.choice(4, n, replace=n > 4)]
            copy_avatar = rng.random(n) < self.params["avatar_copy_share"]
            copy_bio = rng.random(n) < self.params["bio_copy_share"]
            # With neither the picture nor the bio, the name alone deceives: a disguised one.
            name_only = ~copy_avatar & ~copy_bio
            style = [
                ("leet", "suffix")[int(rng.integers(0, 2))] if alone else s
                for s, alone in zip(style, name_only, strict=True)
            ]
            new_handles = [handle_variant(rng, handle, s) for s in style]
            new_names = [name_variant(rng, name) for _ in range(n)]
            lo, hi = self.params["bits_flipped"]
            copied = flip_bits(
                rng,
                np.full(n, acc.num("avatar")[victim], dtype=np.uint64),
                rng.integers(min(lo, hi), max(lo, hi) + 1, n),
            )
            avatar = np.where(copy_avatar, copied, random_u64(rng, n))
            own_bio = A.take(acc.text("bio"), rng.integers(0, len(acc), n))
            bio = A.where(copy_bio, A.take(acc.text("bio"), np.full(n, victim)), own_bio)
            created = world.start + (rng.uniform(-40, world.days * 0.4, n) * DAY).astype(np.int64)
            lang = int(acc.num("lang")[victim])
            new = new_accounts(
                world,
                rng,
                n,
                lang,
                country=np.full(n, acc.num("country")[victim]),
                created_at=created,
                handle=A.strings(new_handles),
                display_name=A.strings(new_names),
                bio=bio,
                avatar=avatar,
                has_avatar=np.ones(n, dtype=bool),
                followers=rng.lognormal(2.5, 1.0, n).astype(np.int64),
                topic_a=np.full(n, acc.num("topic_a")[victim]),
                topic_b=np.full(n, acc.num("topic_b")[victim]),
            )
            rows.extend(int(r) for r in new)
            styles.extend(style)
        self.rows = np.array(rows, dtype=np.int64)
        self.victims = victims
        self.victim_of = np.repeat(victims, self.per_target[: len(victims)])
        world.forbid_follows(self.victim_of, self.rows)
        self.params["styles"] = sorted(set(styles))
        self.scale_activity(0.3, 0.5)
        self.open_record()
        world.label(self.rows, self.record, "member", (self.kind,))

    def act(self) -> None:
        rng, world = self.rng, self.world
        org = world.organic
        for account, victim in zip(self.rows, self.victim_of, strict=True):
            lang = effective(IMPERSONATE, int(world.accounts.num("lang")[account]))
            texts = filled(rng, book(IMPERSONATE, LANGS[lang]), 3, prize=PRIZES)
            base = Variants(texts, [lang] * 3)
            lo = max(world.start, int(world.accounts.num("created_at")[account]))
            n = self.params["posts"]
            t = np.sort(rng.integers(lo, world.end, n))
            add_posts(
                world,
                np.full(n, account),
                t,
                self.copies(base, rng.integers(0, 3, n), Noise(emoji=0.3), np.full(n, account), t),
                lang,
            )
            if org is None:
                continue
            # Fish in the famous account's audience: reply to those who reply to it.
            victim_posts = org.rows[org.account == victim]
            replies_to_victim = org.rows[np.isin(org.reply_to, victim_posts)]
            pool = replies_to_victim if len(replies_to_victim) else victim_posts
            pool = pool[world.posts.gather("t", pool) > lo]
            if len(pool) == 0:
                continue
            parent = rng.choice(pool, min(self.params["fan_replies"], len(pool)), replace=False)
            fans = world.posts.gather("account", parent)
            keep = fans != account
            parent, fans = parent[keep], fans[keep]
            m = len(parent)
            t = world.posts.gather("t", parent) + (
                rng.lognormal(np.log(30), 1.0, m) * MINUTE
            ).astype(np.int64)
            ok = t < world.end
            m = int(ok.sum())
            text = A.join(
                at_handles(world, fans[ok]),
                self.copies(
                    base, rng.integers(0, 3, m), Noise(emoji=0.3), np.full(m, account), t[ok]
                ),
                sep=" ",
            )
            add_posts(
                world,
                np.full(m, account),
                t[ok],
                text,
                lang,
                kind=POST_KIND_ID["comment"],
                reply_to=parent[ok],
                mentions=mention_lists(fans[ok]),
            )
