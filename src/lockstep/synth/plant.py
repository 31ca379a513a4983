"""What every planted campaign and hard-negative group shares: planning, accounts, rows.

A :class:`Group` is planned first (its parameters and its number of new accounts are drawn
from ranges, per seed), then, once the organic population exists, ``create`` makes or picks
its accounts and labels them, and after the organic posts exist ``act`` writes its activity.
The helpers here append posts, engagements and sessions for a group's accounts and pick
targets among the organic background.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from lockstep.synth import arrow as A
from lockstep.synth.profiles import people
from lockstep.synth.rand import GroupedSampler
from lockstep.synth.store import NULL_TIME
from lockstep.synth.text import Noise, Variants
from lockstep.synth.vocab.geo import LANG_ID, LANG_WEIGHTS, LANGS
from lockstep.synth.world import ENG, POST_KIND_ID, World

_LANG_P = np.array(LANG_WEIGHTS) / np.sum(LANG_WEIGHTS)

#: An account that posts one base text at least this many times (edited or not) shows
#: ``spam.duplicate_posts``, whatever its campaign: truth lists what the data shows.
REPEAT_MIN = 5
DUPLICATE = "spam.duplicate_posts"


class Group(ABC):
    """A planted campaign or a hard-negative group of one kind."""

    #: campaign kind (a behaviour code) or hard-negative kind
    kind: ClassVar[str]
    negative: ClassVar[bool] = False

    def __init__(self, world: World, index: int) -> None:
        self.world = world
        self.index = index
        self.rng = world.rng("group", self.kind, index)
        self.params: dict[str, Any] = {}
        #: accounts this group creates (the organic population is what is left)
        self.size = 0
        self.record = -1
        self.rows = np.zeros(0, dtype=np.int64)
        self._copied: list[tuple[A.I64, A.I64]] = []
        self._bases: list[Variants] = []
        self.plan()

    @abstractmethod
    def plan(self) -> None:
        """Draw parameters and ``size`` (new accounts) from this group's ranges."""

    @abstractmethod
    def create(self) -> None:
        """Make or pick the accounts and label them."""

    @abstractmethod
    def act(self) -> None:
        """Write the group's own posts, engagements and sessions."""

    def finish(self) -> None:
        """Label accounts that repeated one base text REPEAT_MIN times with duplicate posting."""
        if not self._copied or self.record < 0:
            return
        accounts = np.concatenate([a for a, _ in self._copied])
        texts = np.concatenate([k for _, k in self._copied])
        pairs, counts = np.unique(np.stack([accounts, texts]), axis=1, return_counts=True)
        repeaters = np.unique(pairs[0, counts >= REPEAT_MIN])
        if len(repeaters):
            self.world.add_behaviours(repeaters, (DUPLICATE,))
            self.world.records[self.record].behaviours.add(DUPLICATE)

    # -- helpers ----------------------------------------------------------------------------

    def copies(self, base: Variants, which: A.I64, noise: Noise, accounts: A.I64) -> A.Arr:
        """Copies of ``base`` texts posted by ``accounts`` (row i posts copy ``which[i]``).

        Remembers who posted which base text (near-identical bases count as one), so
        :meth:`finish` can tell repeaters.
        """
        # Kept by reference, so a later set of base texts never takes an earlier one's number.
        known = [i for i, b in enumerate(self._bases) if b is base]
        key = known[0] if known else len(self._bases)
        if not known:
            self._bases.append(base)
        family = base.family[which]
        self._copied.append((np.asarray(accounts, dtype=np.int64), key * 1_000_000 + family))
        return base.copies(self.rng, which, noise)

    def open_record(self, tactics: list[str] | None = None, targets: Any = None) -> None:
        self.record = self.world.record(
            self.kind,
            negative=self.negative,
            tactics=tactics or [],
            params=self.params,
            targets=targets,
        )

    def scale_activity(self, posts: float, engagements: float, sessions: float = 1.0) -> None:
        """Scale the background activity of this group's accounts (filler around the act)."""
        acc = self.world.accounts
        for column, factor in (
            ("post_rate", posts),
            ("eng_rate", engagements),
            ("session_rate", sessions),
        ):
            acc.set(column, self.rows, acc.num(column)[self.rows] * factor)

    def lang(self, options: tuple[str, ...] | None = None) -> int:
        """A language for the group, weighted like the population (or among ``options``)."""
        if options:
            return LANG_ID[str(options[int(self.rng.integers(0, len(options)))])]
        return int(self.rng.choice(len(LANGS), p=_LANG_P))

    def start_within(self, duration: int, earliest: int | None = None) -> int:
        """A start time such that ``duration`` still fits in the window."""
        lo = max(self.world.start, earliest or self.world.start)
        hi = max(lo + 1, self.world.end - duration)
        return int(self.rng.integers(lo, hi))


def new_accounts(
    world: World,
    rng: np.random.Generator,
    n: int,
    lang: int | A.I64 | None = None,
    country: A.I64 | None = None,
    created_at: A.I64 | None = None,
    blank_bio: float = 0.0,
    **overrides: Any,
) -> A.I64:
    """Add ``n`` accounts drawn like ordinary people, with ``overrides`` applied.

    ``blank_bio`` is the share of accounts whose bio is left empty (fake accounts' habit).
    """
    langs = None if lang is None else np.broadcast_to(np.asarray(lang, dtype=np.int64), (n,)).copy()
    cols = people(world, rng, n, lang=langs, country=country, created_at=created_at)
    if blank_bio:
        cols["bio"] = A.null_where(rng.random(n) < blank_bio, cols["bio"])
    cols.update(overrides)
    return world.accounts.add(n, **cols)


def add_posts(
    world: World, account: A.I64, t: A.I64, text: A.Arr, lang: A.I64 | int, **cols: Any
) -> A.I64:
    """Append posts; ``kind`` may be given by name. Returns the new post rows."""
    n = len(account)
    kind = cols.pop("kind", "post")
    if isinstance(kind, str):
        kind = POST_KIND_ID[kind]
    lang_arr = np.broadcast_to(np.asarray(lang, dtype=np.int64), (n,))
    return world.posts.add(n, account=account, t=t, text=text, lang=lang_arr, kind=kind, **cols)


def add_engagements(
    world: World,
    account: A.I64,
    kind: str,
    t: A.I64,
    post: A.I64 | None = None,
    target: A.I64 | None = None,
    value: A.F64 | None = None,
) -> None:
    """Append engagements of one kind, dropping any outside the account's or post's lifetime."""
    ok = (t < world.end) & (t >= world.accounts.num("created_at")[account])
    if post is not None and len(post):
        ok &= t > world.posts.gather("t", post)
    if target is not None and len(target):
        ok &= target != account
    n = int(ok.sum())
    world.engagements.add(
        n,
        account=account[ok],
        kind=ENG[kind],
        t=t[ok],
        post=None if post is None else post[ok],
        target=None if target is None else target[ok],
        value=None if value is None else value[ok],
    )


def organic_roots(world: World, lang: int | None = None, since: int | None = None) -> A.I64:
    """Organic top-level posts (not replies), optionally of one language and after a time."""
    org = world.organic
    if org is None:
        return np.zeros(0, dtype=np.int64)
    mask = ~org.is_reply & (world.posts.gather("deleted_at", org.rows) == NULL_TIME)
    if lang is not None:
        mask &= org.lang == lang
    if since is not None:
        mask &= org.t >= since
    out: A.I64 = org.rows[mask]
    return out


def popular(
    world: World, rng: np.random.Generator, rows: A.I64, n: int, power: float = 0.7
) -> A.I64:
    """``n`` of the given post rows, favouring posts of accounts with big audiences."""
    if len(rows) == 0:
        return np.zeros(0, dtype=np.int64)
    author = world.posts.gather("account", rows)
    weight = (world.accounts.num("followers")[author].astype(np.float64) + 1) ** power
    pick = GroupedSampler(weight, np.zeros(len(rows), dtype=np.int64), 1).pick(
        rng, np.zeros(n, dtype=np.int64)
    )
    return rows[pick]


def pick_free(world: World, rng: np.random.Generator, n: int, mask: A.Bool | None = None) -> A.I64:
    """``n`` organic accounts not yet in any group (fewer if fewer are free), marked taken."""
    free = world.free_organic()
    if mask is not None:
        free &= mask
    candidates = np.flatnonzero(free)
    chosen = np.sort(rng.choice(candidates, min(n, len(candidates)), replace=False))
    world.mark_taken(chosen)
    return chosen.astype(np.int64)


def mention_lists(targets: A.I64) -> A.ListArr:
    """One-element mention lists, one per row."""
    return A.lists_from_counts(
        np.ones(len(targets), dtype=np.int64), pa.array(targets, type=pa.int64())
    )


def at_handles(world: World, targets: A.I64) -> A.Arr:
    """``@handle`` of each target account."""
    return A.join("@", A.take(world.accounts.text("handle"), targets), sep="")
