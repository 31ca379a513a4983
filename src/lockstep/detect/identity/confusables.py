"""Unicode TR39 confusable prototypes, case-preserving, for names as people write them.

The table is the Unicode consortium's ``confusables.txt`` as packaged (and kept current) by
``confusable_homoglyphs``. The package stores it symmetrically: each source lists its
prototype and each prototype lists its sources. Sources are single code points and
prototypes are never sources, so every group is a star and a key whose only neighbour has
several neighbours is a source. For the rare two-member group the multi-character or ASCII
member, else the lower code point, is taken as the prototype (never a compatibility
character, which NFKC folds anyway); skeleton equality, which is all matching needs, does not
depend on that choice.

The table is case-sensitive (Greek ``Υ`` → ``Y`` but ``υ`` → ``u``; Cyrillic ``К`` → ``K``
but ``к`` → ``ĸ``), so prototypes are applied to the upper-cased text, and once more after
case folding so that lower-case prototypes (``m`` → ``rn``) meet too. Names come in any
case; host names are lower-case, which is why this differs from the host skeleton of the URL
checks.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from importlib import resources

_DIRECTION_MARKS = str.maketrans("", "", "\u200e\u200f")


@lru_cache(maxsize=1)
def prototypes() -> dict[int, str]:
    """Code point → TR39 prototype, for use with ``str.translate``."""
    data = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    raw: dict[str, list[dict[str, str]]] = json.loads(data)
    graph: dict[str, set[str]] = {}
    for key, entries in raw.items():
        # the package wraps right-to-left characters in direction marks for display
        graph.setdefault(key.translate(_DIRECTION_MARKS), set()).update(
            e["c"].translate(_DIRECTION_MARKS) for e in entries
        )
    table: dict[int, str] = {}
    for key, neighbours in graph.items():
        if len(key) != 1 or len(neighbours) != 1:
            continue
        (target,) = neighbours
        hub = len(graph.get(target, ())) > 1 or len(target) > 1
        if hub or (len(target) == 1 and _is_prototype(target, key)):
            table[ord(key)] = target
    return table


def _is_prototype(a: str, b: str) -> bool:
    """In a two-member group, is ``a`` the prototype rather than ``b``?

    A compatibility character (a Kangxi radical, a full-width form) is never the prototype:
    NFKC would turn it into the other member anyway. Then ASCII wins, then the lower code
    point.
    """
    a_stable = unicodedata.normalize("NFKC", a) == a
    b_stable = unicodedata.normalize("NFKC", b) == b
    if a_stable != b_stable:
        return a_stable
    if a.isascii() != b.isascii():
        return a.isascii()
    return ord(a) < ord(b)


def fold(text: str) -> str:
    """Accents removed, TR39 prototypes applied to the upper-case and then the case-folded
    text, ``i``/``l`` and ``vv``/``w`` merged: equal for any two spellings that differ only
    in case, accents or confusable letters.

    ``i``/``l`` are merged because TR39 maps capital ``I`` to ``l`` but leaves ``i`` alone,
    so after case folding ``IBM`` and ``ibm`` would otherwise disagree, and many fonts draw
    them alike anyway; ``vv`` for ``w`` is the multi-letter trick TR39 leaves out (it has
    ``rn`` for ``m``). The pair is then written back as ``m``, so a doubled ``m`` is one
    letter more, not two: ``dimmas`` stays one typo away from ``dimas``.
    """
    table = prototypes()
    # marks come off the decomposed text, which is then recomposed so that scripts built of
    # decomposable syllables (Hangul) keep their letters
    decomposed = unicodedata.normalize("NFD", text)
    bare = unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )
    # upper case first makes the result case-blind: the table maps Cyrillic К to K but к
    # to ĸ, Greek Υ to Y but υ to u; the second pass catches lower-case prototypes (m → rn)
    upper = bare.upper().translate(table)
    folded = unicodedata.normalize("NFKC", upper.casefold()).translate(table)
    return folded.replace("i", "l").replace("vv", "w").replace("rn", "m")
