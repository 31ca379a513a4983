"""Campaign text and link material: filled templates, throwaway domains, tag sets.

Templates are filled in Python per campaign (a handful of base texts each); every row-level
step after that (picking, editing, attaching) is vectorised elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.vocab.books import PRODUCTS, book
from lockstep.synth.vocab.geo import LANGS
from lockstep.synth.vocab.names import NAMES
from lockstep.synth.vocab.web import PLAIN_TLDS, RISKY_TLDS, SPAM_WORDS

#: Hashtags spam and promotion posts carry.
PROMO_TAGS: tuple[str, ...] = (
    "sale",
    "deal",
    "deals",
    "promo",
    "discount",
    "shopping",
    "musthave",
    "limitedoffer",
    "freeshipping",
    "bestprice",
)


def filled(
    rng: np.random.Generator, templates: Sequence[str], k: int, **values: Sequence[str]
) -> list[str]:
    """``k`` texts, each a random template with each placeholder a random value."""
    out = []
    for _ in range(k):
        template = templates[int(rng.integers(0, len(templates)))]
        chosen = {name: vals[int(rng.integers(0, len(vals)))] for name, vals in values.items()}
        out.append(template.format(**chosen))
    return out


def effective(b: dict[str, tuple[str, ...]], lang: int) -> int:
    """The language texts of book ``b`` come out in for ``lang`` (English when it lacks it)."""
    return lang if LANGS[lang] in b else LANGS.index("en")


def numbers(rng: np.random.Generator, lo: int, hi: int, k: int = 6) -> list[str]:
    return [str(int(v)) for v in rng.integers(lo, hi, k)]


def promo_texts(
    rng: np.random.Generator, templates: dict[str, tuple[str, ...]], lang: int, k: int
) -> list[str]:
    """Product promotions in ``lang`` (price, discount and product filled in)."""
    code = LANGS[lang]
    return filled(
        rng,
        book(templates, code),
        k,
        product=book(PRODUCTS, code),
        pct=numbers(rng, 30, 80),
        price=numbers(rng, 5, 60),
    )


def spam_domain(rng: np.random.Generator, risky: bool = False) -> str:
    """A throwaway domain built from spam words (risky TLDs when ``risky``)."""
    a, b = rng.choice(len(SPAM_WORDS), 2, replace=False)
    sep = "-" if rng.random() < 0.4 else ""
    tlds = RISKY_TLDS if risky else PLAIN_TLDS
    return f"{SPAM_WORDS[int(a)]}{sep}{SPAM_WORDS[int(b)]}.{tlds[int(rng.integers(0, len(tlds)))]}"


def tag_sets(rng: np.random.Generator, pool: Sequence[str], n: int, lo: int, hi: int) -> A.ListArr:
    """``n`` hashtag lists of ``lo..hi`` tags drawn from ``pool`` (spam repeats tags too)."""
    counts = rng.integers(lo, hi + 1, n)
    values = A.pick(rng, pool, int(counts.sum()))
    return A.lists_from_counts(counts, values)


def fictional_names(rng: np.random.Generator, code: str, k: int) -> list[str]:
    """``k`` made-up full names in language ``code`` (candidates, rivals)."""
    pool = NAMES[code]
    sep = "" if pool.family_first else " "
    out = []
    for _ in range(k):
        first = pool.first[int(rng.integers(0, len(pool.first)))][0]
        last = pool.last[int(rng.integers(0, len(pool.last)))][0]
        out.append(f"{last}{sep}{first}" if pool.family_first else f"{first}{sep}{last}")
    return out
