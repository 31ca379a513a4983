"""Visual skeletons of handles and display names.

An impersonator does not copy a name byte for byte: it writes ``paypa1_support``,
``PаyPal`` with a Cyrillic ``а``, ``the.real.elonmusk`` or ``ＰａｙＰａｌ``. A *skeleton* is the
form that survives those tricks, so names a person would read as the same collapse to one
key, and comparing names becomes an equality join (or a small edit distance) on keys.

The folds, in order, and why each is there:

1. NFKC, so full-width and mathematical letters become plain ones (``ＰａｙＰａｌ``, ``𝐏𝐚𝐲``).
2. ``@`` → a and ``$`` → s before splitting, because they are word characters to a reader.
3. Split into tokens on separators (anything not a letter or digit, and ``_``), so
   ``pay.pal``, ``pay_pal`` and ``pay pal`` agree; emoji and badges fall away here.
4. A trailing counter or year (``paypal_2024``, ``paypal2024``) is dropped; a single
   trailing digit is kept for the next fold (``paypa1``). Two more readings of the trailing
   digits are kept beside this one (all dropped: ``davidjohnson3``; all kept: ``grace1115``),
   see :class:`Skeleton`.
5. Leetspeak digits: 0→o, 1→l, 3→e, 4→a, 5→s, 7→t.
6. Accents removed, Unicode TR39 confusable prototypes (``а``→a, ``Υ``→Y, ``m``→rn) applied
   around case folding, and ``i``/``l`` and ``vv``/``w`` merged (:mod:`.confusables`).
7. Words that lend false authority (``official``, ``real``, ``support``, ...) are dropped
   as tokens, and as glued prefixes or suffixes (``therealpaypal``) while at least
   ``MIN_CORE`` letters remain.

Distinct *words* are kept: ``Café Nord Hamburg`` and ``Café Nord Köln`` keep different
skeletons (``cafenordharnburg`` and ``cafenordkoln``; ``m`` reads as ``rn``), which is how a
business's branch accounts stay apart while ``Cafe_N0rd`` and ``Café Nord`` meet.

Skeletons are computed once per distinct string (handles are per account, not per post);
callers pass whole columns to :func:`skeletons`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from confusable_homoglyphs import categories

from lockstep.detect.identity.confusables import fold
from lockstep.detect.text import DENSE_SCRIPT, DENSE_WEIGHT

#: Words an impersonator adds to look like the official account (or its "backup", or its
#: channel). Location or product words are deliberately absent: they mark distinct
#: identities (a branch, a hobby account).
AUTHORITY_WORDS: tuple[str, ...] = (
    "the",
    "real",
    "official",
    "officiel",
    "oficial",
    "support",
    "help",
    "helpdesk",
    "service",
    "services",
    "care",
    "team",
    "hq",
    "secure",
    "security",
    "verify",
    "verified",
    "account",
    "accounts",
    "login",
    "admin",
    "backup",
    "tv",
    "inc",
    "llc",
    "ltd",
)
#: Authority words also stripped when glued to the name without a separator.
GLUED_PREFIXES: tuple[str, ...] = ("the", "real", "official", "iam")
GLUED_SUFFIXES: tuple[str, ...] = ("official", "support", "help", "team", "hq", "real", "backup")
#: Glued affixes are only removed while this many characters remain.
MIN_CORE = 4

_SEPARATORS = re.compile(r"[\W_]+")
_NON_ALNUM = re.compile(r"[\W_]")
_TRAILING_COUNTER = re.compile(r"^(.*\D)\d{2,}$")
_TRAILING_DIGITS = re.compile(r"^(.*\D)\d+$")
#: A capital I inside a lower-case word is an l in disguise (``PaypaI``).
_CAPITAL_I_AS_L = re.compile(r"[a-z]I")
_SYMBOL_LEET = str.maketrans({"@": "a", "$": "s"})
_DIGIT_LEET = str.maketrans("013457", "oleast")
_BADGES = frozenset("✓✔☑✅🗸🔵")
_DENSE = re.compile(DENSE_SCRIPT)


@dataclass(frozen=True)
class Skeleton:
    """The key of one name, the tricks undone to reach it, and its counter variants.

    ``variants`` are (key, techniques) for the three readings of trailing digits: a single
    trailing digit read as a letter (the primary reading, ``paypa1``), every trailing digit
    dropped as a counter (``davidjohnson3``), and the digits kept (``grace1115``, whose
    number is part of who it is). Duplicates are removed; the primary reading comes first.
    """

    key: str
    #: subset of: homoglyph, accent, leetspeak, separators, digits, authority_word, badge
    techniques: frozenset[str]
    variants: tuple[tuple[str, frozenset[str]], ...]
    #: the letters and digits as written (case folded, separators dropped): two names with
    #: one skeleton but different spellings differ by a substituted character
    spelled: str = ""

    @property
    def numbered(self) -> bool:
        """The name ends in digits (some reading drops them)."""
        return any("digits" in techniques for _, techniques in self.variants)

    @property
    def identity(self) -> tuple[str, frozenset[str]]:
        """The reading to compare others against: one that keeps a trailing number.

        When a well-known account is ``grace1115``, its number is part of its identity, and
        ``grace102`` (another Grace) must not meet it on ``grace``.
        """
        return next((v for v in self.variants if "digits" not in v[1]), self.variants[0])


@lru_cache(maxsize=1 << 16)
def _fold_letters(token: str) -> str:
    """Confusable prototypes with case, accents and i/l folded; only letters and digits.

    Cached: the same words (first names, brand words) recur across many names and readings.
    """
    return _NON_ALNUM.sub("", fold(token))


@lru_cache(maxsize=1)
def _folded_words() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    return (
        frozenset(_fold_letters(w) for w in AUTHORITY_WORDS),
        tuple(_fold_letters(w) for w in GLUED_PREFIXES),
        tuple(_fold_letters(w) for w in GLUED_SUFFIXES),
    )


def _disguise(char: str) -> str | None:
    """``homoglyph`` for a letter of another script (or a full-width or mathematical form)
    that reads as an ASCII letter or digit; ``accent`` for a Latin letter variant (é, ı, ø).

    Latin variants are how people spell their names; a Cyrillic ``а`` in a Latin name, or
    a whole name in Greek capitals that reads as ``PAYPAL``, is not.
    """
    if char.isascii() or not char.isalnum():
        return None
    compat = unicodedata.normalize("NFKC", char)
    folded = _fold_letters(compat)
    if not folded or not folded.isascii():
        return None
    if compat != char:
        return "homoglyph"  # full-width, mathematical, ligature forms
    return "accent" if categories.alias(char) == "LATIN" else "homoglyph"


def _strip_glued(key: str, prefixes: Sequence[str], suffixes: Sequence[str]) -> str:
    changed = True
    while changed:
        changed = False
        for p in prefixes:
            if key.startswith(p) and len(key) - len(p) >= MIN_CORE:
                key, changed = key[len(p) :], True
        for s in suffixes:
            if key.endswith(s) and len(key) - len(s) >= MIN_CORE:
                key, changed = key[: -len(s)], True
    return key


def _counter(tokens: list[str], mode: str) -> tuple[list[str], bool]:
    """Tokens with the trailing number handled per ``mode``; and whether one was dropped.

    ``leet``: drop a separate trailing number or a run of two or more digits, keep a single
    digit for the leetspeak fold; ``strip``: drop any trailing digits; ``keep``: drop nothing.
    """
    if mode == "keep" or not tokens:
        return tokens, False
    out = list(tokens)
    if len(out) > 1 and out[-1].isdigit():
        out.pop()
        return out, True
    pattern = _TRAILING_COUNTER if mode == "leet" else _TRAILING_DIGITS
    if m := pattern.match(out[-1]):
        out[-1] = m.group(1)
        return out, True
    return out, False


def _reading(tokens: list[str], mode: str, base: set[str]) -> tuple[str, frozenset[str]]:
    """One key of the name's tokens under one reading of its trailing digits."""
    techniques = set(base)
    tokens, dropped = _counter(tokens, mode)
    if dropped:
        techniques.add("digits")
    leet = [t.translate(_DIGIT_LEET) for t in tokens]
    if any(a != b and not a.isdigit() for a, b in zip(tokens, leet, strict=True)):
        techniques.add("leetspeak")
    folded = [f for f in (_fold_letters(t) for t in leet) if f]
    words, prefixes, suffixes = _folded_words()
    kept = [t for t in folded if t not in words]
    if kept and len(kept) < len(folded):
        techniques.add("authority_word")
        folded = kept
    joined = "".join(folded)
    key = _strip_glued(joined, prefixes, suffixes)
    if key != joined:
        techniques.add("authority_word")
    return key, frozenset(techniques)


@lru_cache(maxsize=1 << 18)
def analyse(name: str) -> Skeleton:
    """The skeleton of one handle or display name (see the module docstring).

    Cached: impersonation, overlapping accounts and recidivism read the same names.
    """
    base: set[str] = set()
    if any(c in _BADGES for c in name):
        base.add("badge")
    if not name.isascii():
        base.update(d for d in map(_disguise, name) if d)
    if _CAPITAL_I_AS_L.search(name):
        base.add("homoglyph")
    text = unicodedata.normalize("NFKC", name)
    symbols = text.translate(_SYMBOL_LEET)
    if symbols != text:
        base.add("leetspeak")
    tokens = [t for t in _SEPARATORS.split(symbols) if t]
    if len(tokens) > 1:
        base.add("separators")
    variants: list[tuple[str, frozenset[str]]] = []
    # the readings differ only in how trailing digits are read
    numbered = bool(tokens) and tokens[-1][-1].isdigit()
    for mode in ("leet", "strip", "keep") if numbered else ("keep",):
        reading = _reading(tokens, mode, base)
        if all(reading[0] != key for key, _ in variants):
            variants.append(reading)
    key, techniques = variants[0]
    return Skeleton(key, techniques, tuple(variants), _NON_ALNUM.sub("", text.casefold()))


def skeletons(names: Iterable[str | None]) -> list[Skeleton | None]:
    """Skeletons of a column of names, each distinct name analysed once; None stays None."""
    seen: dict[str, Skeleton] = {}
    out: list[Skeleton | None] = []
    for name in names:
        if name is None or not name.strip():
            out.append(None)
            continue
        sk = seen.get(name)
        if sk is None:
            sk = seen[name] = analyse(name)
        out.append(sk)
    return out


def weighted_length(key: str) -> int:
    """Length of a key with Han, kana and Hangul characters counting ``DENSE_WEIGHT`` each,
    as in the text checks: ``小林蓮`` is a full name, ``abc`` is not."""
    return len(key) + (DENSE_WEIGHT - 1) * len(_DENSE.findall(key))


def skeleton(name: str) -> str:
    """Just the key of :func:`analyse`."""
    return analyse(name).key
