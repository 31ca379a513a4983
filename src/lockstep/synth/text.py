"""Post texts built column-wise: organic composition, near-duplicate copies, links and tags.

* :func:`compose` writes organic posts from the phrase pools of each row's language: one
  vectorised pass per language (a loop over at most 14 languages, never over rows).
* :class:`Variants` turns a campaign's few base texts into many copies with per-copy word
  edits (substitution, deletion, insertion of filler words), case changes and emoji or
  punctuation noise: the evasions real copy-paste operations use. Base texts are tokenised in
  Python (a handful per campaign); the copies are edited with NumPy over the flat token array.
* :func:`attach` appends URLs and hashtags to texts the way people write them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.vocab.geo import COUNTRIES, LANGS, UNSPACED
from lockstep.synth.vocab.names import NAMES
from lockstep.synth.vocab.posts import DETAILS, POOLS, Details, Pools

LANG_POOLS: tuple[Pools, ...] = tuple(POOLS[code] for code in LANGS)
SEPARATOR: tuple[str, ...] = tuple("" if code in UNSPACED else " " for code in LANGS)
_SEPARATORS = A.strings(SEPARATOR)
LANG_DETAILS: tuple[Details, ...] = tuple(DETAILS[code] for code in LANGS)


def _names(code: str) -> tuple[str, ...]:
    """How friends are addressed: first names, or full names where family names come first."""
    names = NAMES[code]
    if names.family_first:
        return tuple(f"{last}{first}" for last, _ in names.last for first, _ in names.first)
    return tuple(first for first, _ in names.first)


_FRIENDS: tuple[tuple[str, ...], ...] = tuple(_names(code) for code in LANGS)
_CITIES: tuple[tuple[str, ...], ...] = tuple(
    tuple(city for country in COUNTRIES if country.lang == code for city, _ in country.cities)
    for code in LANGS
)
_MINUTES = A.strings([f"{m:02d}" for m in range(60)])

#: Appended to some copies of a campaign text to defeat exact matching.
NOISE_SUFFIX: tuple[str, ...] = (
    " !!",
    " 🔥",
    " 👇",
    "...",
    " ✅",
    " 💯",
    " 🙏",
    "!",
    " 🔥🔥",
    " ‼️",
    " ⭐",
    " 👉",
)


def _flat(pools: Sequence[Sequence[str]]) -> tuple[A.Arr, A.I64, A.I64]:
    """Several pools as one array with the offset and size of each."""
    sizes = np.array([len(p) for p in pools], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    return A.strings([s for p in pools for s in p]), offsets, sizes


_FILLER, _FILLER_OFF, _FILLER_SIZE = _flat([p.filler for p in LANG_POOLS])


def pick_within(rng: np.random.Generator, flat: tuple[A.Arr, A.I64, A.I64], group: A.I64) -> A.Arr:
    """One entry per row from the pool of the row's group."""
    values, offsets, sizes = flat
    idx = offsets[group] + (rng.random(len(group)) * sizes[group]).astype(np.int64)
    return A.take(values, idx)


def by_group(keys: A.I64, build: Callable[[int, A.I64], A.Arr]) -> A.Arr:
    """Build a string column group by group (``build(key, rows)``), then restore row order."""
    n = len(keys)
    if n == 0:
        return A.nulls(0)
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    bounds = np.flatnonzero(np.diff(sorted_keys)) + 1
    starts = np.concatenate([[0], bounds])
    ends = np.concatenate([bounds, [n]])
    parts = [build(int(sorted_keys[s]), order[s:e]) for s, e in zip(starts, ends, strict=True)]
    inverse = np.empty(n, dtype=np.int64)
    inverse[order] = np.arange(n, dtype=np.int64)
    return A.take(A.concat(parts), inverse)


def _maybe(rng: np.random.Generator, arr: A.Arr, p: float) -> A.Arr:
    """``arr`` kept with probability ``p`` per row, null otherwise."""
    return A.null_where(rng.random(len(arr)) >= p, arr)


def _fill(template: str, values: A.Arr) -> A.Arr:
    """``values`` set into a ``{}`` template, row by row."""
    before, after = template.split("{}")
    return A.join(before, values, after, sep="")


def full_names(rng: np.random.Generator, code: int, m: int) -> A.Arr:
    """``m`` full names of the language, written as it writes them (family first in ja, zh)."""
    names = NAMES[LANGS[code]]
    first = A.pick(rng, [f for f, _ in names.first], m)
    last = A.pick(rng, [f for f, _ in names.last], m)
    if names.family_first:
        return A.join(last, first, sep="")
    return A.join(first, last, sep=" ")


def cities(rng: np.random.Generator, code: int, m: int) -> A.Arr:
    """``m`` cities where the language is spoken, as written locally."""
    return A.pick(rng, _CITIES[code], m)


def clock(rng: np.random.Generator, code: int, m: int) -> A.Arr:
    """Clock times as the language writes them (``7:45``, French ``7h45``)."""
    hours = A.ints(rng.integers(0, 24, m))
    minutes = A.take(_MINUTES, rng.integers(0, 60, m))
    return A.join(hours, minutes, sep="h" if LANGS[code] == "fr" else ":")


def _body(rng: np.random.Generator, code: int, subject: A.Arr) -> A.Arr:
    """Subject and comment with the particulars of one post: where, when, who, which day.

    The particulars are what keeps two posts of one person (or of two people) about the same
    thing from reading alike: a post is ordinary words plus its own details.
    """
    pools, details = LANG_POOLS[code], LANG_DETAILS[code]
    m = len(subject)
    comment = A.pick(rng, pools.comment, m)
    place = _maybe(rng, _fill(details.place, cities(rng, code, m)), 0.45)
    when = _maybe(rng, _fill(details.clock, clock(rng, code, m)), 0.35)
    extra = _maybe(rng, A.pick(rng, pools.extra, m), 0.4)
    if SEPARATOR[code]:
        return A.join(subject, place, comment, when, extra, sep=" ")
    return A.join(extra, when, place, subject, comment, sep="")


def _lead(rng: np.random.Generator, code: int, m: int) -> A.Arr:
    """How a post opens: a stock opener, a friend's name, a day count, or straight in."""
    pools, details = LANG_POOLS[code], LANG_DETAILS[code]
    u = rng.random(m)
    opener = A.pick(rng, pools.open, m)
    name = _fill(details.name, A.pick(rng, _FRIENDS[code], m))
    day = _fill(details.day, A.ints(rng.integers(2, 61, m)))
    lead = A.where(u < 0.2, name, A.where(u < 0.35, day, opener))
    return A.null_where((u >= 0.35) & (u < 0.5), lead)


def compose(rng: np.random.Generator, lang: A.I64, topic: A.I64) -> A.Arr:
    """Organic posts: opener, topic phrase and comment with their details, closer, second
    sentence."""

    def build(code: int, rows: A.I64) -> A.Arr:
        pools = LANG_POOLS[code]
        m = len(rows)
        subject = pick_within(rng, _flat(pools.topics), topic[rows])
        lead = _lead(rng, code, m)
        # A lead ending in a space ("Sarah, ") leaves a double space, closed up below.
        body = A.join(lead, _body(rng, code, subject), sep=SEPARATOR[code])
        body = A.replace(A.join(body, A.pick(rng, pools.close, m), sep=""), "  ", " ")
        # A second thought on the same topic, or a stock closing line. Most posts say more
        # than one stock sentence: with phrase pools this small, a lone one would often
        # match five strangers' posts in a day, which real people's words seldom do.
        more = _body(rng, code, pick_within(rng, _flat(pools.topics), topic[rows]))
        more = A.join(more, A.pick(rng, pools.close, m), sep="")
        u = rng.random(m)
        tail = A.where(u < 0.6, more, A.pick(rng, pools.tail, m))
        tail = A.null_where((u >= 0.6) & (u < 0.8), tail)
        return A.join(body, tail, sep=SEPARATOR[code])

    return A.replace(by_group(lang, build), " ,", ",")


def compose_reply(rng: np.random.Generator, lang: A.I64, topic: A.I64) -> A.Arr:
    """Replies: a short reaction, sometimes followed by a remark of the replier's own."""

    def build(code: int, rows: A.I64) -> A.Arr:
        pools = LANG_POOLS[code]
        m = len(rows)
        reaction = A.pick(rng, pools.reply, m)
        remark = _maybe(
            rng, _body(rng, code, pick_within(rng, _flat(pools.topics), topic[rows])), 0.45
        )
        sep = ", " if SEPARATOR[code] else "、"
        return A.join(A.join(reaction, remark, sep=sep), A.pick(rng, pools.close, m), sep="")

    return A.replace(by_group(lang, build), " ,", ",")


def bios(rng: np.random.Generator, lang: A.I64, city: A.Arr) -> A.Arr:
    """Profile bios: role, interest and city in a few layouts; some people leave it empty."""

    def build(code: int, rows: A.I64) -> A.Arr:
        pools = LANG_POOLS[code]
        m = len(rows)
        role = A.pick(rng, pools.bio_role, m)
        like = A.pick(rng, pools.bio_like, m)
        where = A.take(city, rows)
        layout = rng.integers(0, 4, m)
        a = A.join(role, like, where, sep=" | ")
        b = A.join(role, like, sep=" · ")
        c = A.join(A.join(like, "❤️", sep=" "), where, sep=" · ")
        d = A.join("📍", where, sep=" ")
        out = A.where(layout == 0, a, A.where(layout == 1, b, A.where(layout == 2, c, d)))
        return A.null_where(rng.random(m) < 0.15, out)

    return by_group(lang, build)


@dataclass(frozen=True)
class Noise:
    """How copies of a campaign text differ from their base text.

    ``edit`` is the largest share of words a copy edits (each copy draws its own share
    uniformly below it); ``case`` and ``emoji`` are the chances a copy changes case or gains
    emoji or punctuation.
    """

    edit: float = 0.0
    case: float = 0.0
    emoji: float = 0.0


def tokenise(text: str, lang: int) -> list[str]:
    """Words of a spaced language; runs of three characters of an unspaced one."""
    if SEPARATOR[lang]:
        return text.split(" ")
    return [text[i : i + 3] for i in range(0, len(text), 3)]


class Variants:
    """A campaign's base texts, and near-identical copies of them made column-wise."""

    def __init__(self, texts: Sequence[str], langs: Sequence[int]) -> None:
        if len(texts) != len(langs) or not texts:
            raise ValueError("one language per base text, and at least one text")
        tokens = [tokenise(t, lang) for t, lang in zip(texts, langs, strict=True)]
        counts = np.array([len(t) for t in tokens], dtype=np.int64)
        self.tokens = A.lists_from_counts(counts, A.strings([w for t in tokens for w in t]))
        self.langs = np.asarray(langs, dtype=np.int64)
        self.texts = list(texts)

    def __len__(self) -> int:
        return len(self.texts)

    def copies(self, rng: np.random.Generator, which: A.I64, noise: Noise) -> A.Arr:
        """Copy ``which[i]`` of the base texts for row i, edited according to ``noise``."""
        n = len(which)
        if n == 0:
            return A.nulls(0)
        tok = A.take_lists(self.tokens, which)
        lang = self.langs[which]
        sizes = A.list_lengths(tok)
        values = A.list_values(tok)
        m = len(values)
        row = np.repeat(np.arange(n, dtype=np.int64), sizes)
        rate = rng.uniform(0.0, noise.edit, n)[row] if noise.edit > 0 else np.zeros(m)
        u = rng.random(m)
        first = np.zeros(m, dtype=bool)
        first[(np.cumsum(sizes) - sizes)[sizes > 0]] = True
        substitute = u < rate * 0.5
        drop = (u >= rate * 0.5) & (u < rate * 0.8) & ~first
        insert = (u >= rate * 0.8) & (u < rate)
        filler = pick_within(rng, (_FILLER, _FILLER_OFF, _FILLER_SIZE), lang[row])
        values = A.where(substitute, filler, values)
        counts = 1 - drop.astype(np.int64) + insert.astype(np.int64)
        src = np.repeat(np.arange(m, dtype=np.int64), counts)
        first_pos = np.cumsum(counts) - counts
        second = (np.arange(len(src), dtype=np.int64) - first_pos[src]) == 1
        out = A.where(second, A.take(filler, src), A.take(values, src))
        new_sizes = np.bincount(row, weights=counts, minlength=n).astype(np.int64)
        text = A.join_lists(A.lists_from_counts(new_sizes, out), A.take(_SEPARATORS, lang))
        return noisy(rng, text, noise)


def noisy(rng: np.random.Generator, text: A.Arr, noise: Noise) -> A.Arr:
    """Case changes and emoji or punctuation appended, per row by chance."""
    n = len(text)
    c = rng.random(n)
    if noise.case > 0:
        text = A.where(c < noise.case / 2, A.upper(text), text)
        text = A.where((c >= noise.case / 2) & (c < noise.case), A.lower(text), text)
    if noise.emoji > 0:
        suffix = A.null_where(rng.random(n) >= noise.emoji, A.pick(rng, NOISE_SUFFIX, n))
        text = A.join(text, suffix, sep="")
    return text


def tag_lists(values: A.Arr, counts: A.I64) -> A.ListArr:
    """Hashtag lists from flat tags (lower-cased, without '#') and a count per row."""
    return A.lists_from_counts(counts, A.lower(values))


def attach(text: A.Arr, urls: A.ListArr | None = None, tags: A.ListArr | None = None) -> A.Arr:
    """Text followed by its URLs and ``#tags``, as people type them (a null text stays out)."""
    parts: list[A.Arr] = [text]
    if urls is not None:
        joined = A.join_lists(urls, " ")
        parts.append(A.null_where(A.list_lengths(urls) == 0, joined))
    if tags is not None:
        flat = A.join("#", A.list_values(tags), sep="")
        joined = A.join_lists(A.lists(A.list_offsets(tags), flat), " ")
        parts.append(A.null_where(A.list_lengths(tags) == 0, joined))
    return A.join(*parts, sep=" ")


def shuffle_lists(rng: np.random.Generator, arr: A.ListArr) -> A.ListArr:
    """Each row's list in a random order (reordered hashtags of evasive copies)."""
    sizes = A.list_lengths(arr)
    row = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)
    order = np.lexsort((rng.random(len(row)), row))
    return A.lists_from_counts(sizes, A.take(A.list_values(arr), order))


def one_at(n: int, rows: A.I64, values: A.Arr) -> A.ListArr:
    """``n`` lists: the single value ``values[i]`` at row ``rows[i]`` (ascending), else empty."""
    counts = np.zeros(n, dtype=np.int64)
    counts[rows] = 1
    return A.lists_from_counts(counts, values)
