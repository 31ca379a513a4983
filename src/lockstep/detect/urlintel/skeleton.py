"""Confusable skeletons of host labels, for comparing hosts the way a reader sees them.

Two labels that look alike get the same skeleton: ``pаypal`` (Cyrillic а), ``paypa1``,
``paypál`` and ``paypal`` all become ``paypal``. The Unicode TR39 folding (accents off,
confusable prototypes, ``i``/``l`` and ``vv``/``w`` merged) is the one the identity checks use
for names (``lockstep.detect.identity.confusables.fold``), so a handle and a host are judged
alike. Hosts add leetspeak: digits that stand for letters in lookalike domains (``4pple``,
``n3tflix``; TR39 itself already maps ``0`` to ``o`` and ``1`` to ``l``) — a brand's name
spelled with them is never an accident.
"""

from __future__ import annotations

from functools import lru_cache

from confusable_homoglyphs import categories

from lockstep.detect.identity.confusables import fold

_LEET = str.maketrans({"3": "e", "4": "a", "5": "s", "7": "t"})


@lru_cache(maxsize=65536)
def skeleton(label: str) -> str:
    """The confusable skeleton of a host label (case-blind)."""
    return fold(label.translate(_LEET))


def scripts(text: str) -> set[str]:
    """The scripts of ``text``'s letters (``LATIN``, ``CYRILLIC``, ...), ignoring common ones."""
    return {categories.alias(c) for c in text if c.isalpha()} - {"COMMON", "INHERITED"}
