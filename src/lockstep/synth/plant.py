"""What every planted campaign and hard-negative group shares: planning, accounts, rows.

A :class:`Group` is planned first (its parameters and its number of new accounts are drawn
from ranges, per seed), then, once the organic population exists, ``create`` makes or picks
its accounts and labels them, and after the organic posts exist ``act`` writes its activity.
The helpers here append posts, engagements and sessions for a group's accounts and pick
targets among the organic background.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lockstep.detect.text import components
from lockstep.repetition import (
    COPYPASTA_ACCOUNTS,
    COPYPASTA_MIN_CHARS,
    COPYPASTA_WINDOW_HOURS,
    DUPLICATE_COPIES,
    DUPLICATE_MIN_CHARS,
    DUPLICATE_MIN_SHARE,
    DUPLICATE_WINDOW_HOURS,
    SIMILARITY,
    repeated,
    wave_members,
)
from lockstep.synth import arrow as A
from lockstep.synth.profiles import people
from lockstep.synth.rand import HOUR, GroupedSampler
from lockstep.synth.similar import normalise, same_text, weighted_length
from lockstep.synth.store import NULL_TIME
from lockstep.synth.text import Noise, Variants
from lockstep.synth.vocab.geo import LANG_ID, LANG_WEIGHTS, LANGS
from lockstep.synth.world import ENG, POST_KIND_ID, World

_pc: Any = pc
_LANG_P = np.array(LANG_WEIGHTS) / np.sum(LANG_WEIGHTS)

DUPLICATE = "spam.duplicate_posts"
COPYPASTA = "spam.copypasta"
COPYPASTA_TACTIC = "T0084.001"


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
        #: (accounts, times, texts) of the copies written through :meth:`copies`
        self.copied: list[tuple[A.I64, A.I64, A.Arr]] = []
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

    # -- helpers ----------------------------------------------------------------------------

    def copies(
        self, base: Variants, which: A.I64, noise: Noise, accounts: A.I64, t: A.I64
    ) -> A.Arr:
        """Copies of ``base`` texts posted by ``accounts`` at ``t`` (row i posts copy
        ``which[i]``).

        Every campaign text that may repeat goes through here, so :func:`label_copies` can
        label what the copies show. All of a group's copies are compared with each other, whichever
        base texts they come from (accounts that fill one template alike post one text).
        """
        text = base.copies(self.rng, which, noise)
        n = len(which)
        accounts = np.broadcast_to(np.asarray(accounts, dtype=np.int64), (n,))
        times = np.broadcast_to(np.asarray(t, dtype=np.int64), (n,))
        self.copied.append((accounts, times, text))
        return text

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


def label_copies(world: World, groups: Sequence[Group]) -> None:
    """Label what the campaigns' copies show, as :mod:`lockstep.repetition` defines it and the
    detectors measure it (:mod:`lockstep.synth.similar`): duplicate posting for accounts that
    repeated one text, copypasta for accounts that took up a text in a wave of accounts.

    A copy edited too much to read as the same text, or too short to compare, counts for
    neither. One account's copies are compared with each other (as the duplicate detector
    compares within an account); for waves, a group's copies are compared with each other,
    and copies of different groups with the very same text are one text too, so two
    campaigns filling one template make one wave. Hard negatives are never labelled.
    """
    planted = [
        (i, g) for i, g in enumerate(groups) if g.copied and g.record >= 0 and not g.negative
    ]
    if not planted:
        return
    parts = [(i, c) for i, g in planted for c in g.copied]
    account = np.concatenate([c[0] for _, c in parts])
    t = np.concatenate([c[1] for _, c in parts])
    group = np.concatenate([np.full(len(c[0]), i, dtype=np.int64) for i, c in parts])
    norm = normalise(A.concat([c[2] for _, c in parts]))
    length = weighted_length(norm)
    shown_dup = np.zeros(len(t), dtype=bool)
    dup = np.flatnonzero(length >= DUPLICATE_MIN_CHARS)
    if len(dup):
        text = same_text(A.take(norm, dup), account[dup], SIMILARITY)
        window = _hours(DUPLICATE_WINDOW_HOURS)
        shown_dup[dup] = repeated(account[dup], text, t[dup], DUPLICATE_COPIES, window)
        shown_dup &= _enough_share(world, account, t, shown_dup)
    shown_paste = np.zeros(len(t), dtype=bool)
    paste = np.flatnonzero(length >= COPYPASTA_MIN_CHARS)
    if len(paste):
        pasted = A.take(norm, paste)
        text = same_text(pasted, group[paste], SIMILARITY)
        # Identical texts of different groups join their groups' texts into one.
        same = A.to_numpy_int(_pc.dictionary_encode(pasted).indices)
        n = len(paste)
        text = components(text, n + same, 2 * n)[text]
        window = _hours(COPYPASTA_WINDOW_HOURS)
        who = account[paste]
        shown_paste[paste] = wave_members(
            text, who, t[paste], COPYPASTA_ACCOUNTS, window, identity=_identities(world, who)
        )
    for behaviour, shown in ((DUPLICATE, shown_dup), (COPYPASTA, shown_paste)):
        if shown.any():
            world.add_behaviours(np.unique(account[shown]), (behaviour,))
            for i in np.unique(group[shown]).tolist():
                world.records[groups[i].record].behaviours.add(behaviour)
    _label_copypasta_tactic(world, groups, group, account, shown_paste)


def _label_copypasta_tactic(
    world: World,
    groups: Sequence[Group],
    group: A.I64,
    account: A.I64,
    shown: A.Bool,
) -> None:
    """An operation's DISARM tactics (those that have any) list copypasta (T0084.001)
    exactly when two or more of its members' copies show as copypasta: what the data
    shows, whether the operation meant near-verbatim copies or reworded ones that stayed
    close."""
    for i, g in enumerate(groups):
        if g.record < 0 or g.negative or not world.records[g.record].tactics:
            continue
        record = world.records[g.record]
        members = np.unique(account[shown & (group == i)])
        has = COPYPASTA_TACTIC in record.tactics
        if len(members) >= 2 and not has:
            record.tactics = sorted([*record.tactics, COPYPASTA_TACTIC])
        elif len(members) < 2 and has:
            record.tactics = [t for t in record.tactics if t != COPYPASTA_TACTIC]


def _identities(world: World, account: A.I64) -> A.I64:
    """Per row, who the account is towards a wave, as ``spam.copypasta`` reads profiles:
    accounts whose bio opens with their display name declare an organisation, and those
    whose names share a first word are one; any other account is itself."""
    ids, inverse = np.unique(account, return_inverse=True)
    names = A.take(world.accounts.text("display_name"), ids).to_pylist()
    bios = A.take(world.accounts.text("bio"), ids).to_pylist()
    orgs: dict[str, int] = {}
    who = ids.copy()
    # One pass over the few copying accounts (not over posts).
    for i, (raw, bio) in enumerate(zip(names, bios, strict=True)):
        name = (raw or "").strip()
        if len(name) >= 3 and (bio or "").startswith(name):
            org = name.lower().split()[0]
            who[i] = -1 - orgs.setdefault(org, len(orgs))
    out: A.I64 = who[inverse.reshape(-1)]
    return out


def _enough_share(world: World, account: A.I64, t: A.I64, shown: A.Bool) -> A.Bool:
    """Per copy: do its account's ``shown`` copies make up ``DUPLICATE_MIN_SHARE`` of all
    the account's posts from its first such copy to its last?"""
    if not shown.any():
        return shown
    ids, inv = np.unique(account[shown], return_inverse=True)
    inv = inv.reshape(-1)
    first = np.full(len(ids), np.iinfo(np.int64).max, dtype=np.int64)
    last = np.full(len(ids), np.iinfo(np.int64).min, dtype=np.int64)
    np.minimum.at(first, inv, t[shown])
    np.maximum.at(last, inv, t[shown])
    copies = np.bincount(inv, minlength=len(ids))
    author = world.posts.num("account").astype(np.int64)
    mine = np.isin(author, ids)
    owner = np.searchsorted(ids, author[mine])
    posted = world.posts.num("t").astype(np.int64)[mine]
    inside = (posted >= first[owner]) & (posted <= last[owner])
    in_span = np.bincount(owner[inside], minlength=len(ids))
    enough = copies >= DUPLICATE_MIN_SHARE * np.maximum(in_span, copies)
    out = np.zeros(len(shown), dtype=bool)
    out[shown] = enough[inv]
    return out


def _hours(hours: float) -> int:
    return int(hours * HOUR)


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
