"""Hosts that imitate a protected domain: homoglyphs, typos and brand-plus-lure names.

The protected brands are the allowlisted domains. A host imitates one when:

- its registered label, or a hyphen-separated part of it, has the same confusable skeleton as
  the brand but other characters (``paypa1``, ``pаypal`` with Cyrillic а, ``rnicrosoft``);
- its registered label is a small edit away from a brand of at least ``min_typo_length``
  letters (Damerau–Levenshtein distance 1, or 2 from ten letters on), not counting a plural
  ``s`` (``offices`` is a word, not a typosquat); shorter brands sit among too many
  ordinary words (``apple``/``apply``) and only match by homoglyph or with a lure word;
- it carries the brand name together with a lure word (``paypal-secure-login``,
  ``appleidverify``, ``ebay.account-update.net``) — the combosquat — or a brand's whole domain
  inside a longer host (``paypal.com.verify.example``);
- it is the brand's exact name on a suffix the brand is not listed with (``paypal.xyz``) —
  under the threshold unless the suffix is an abused one, since brands own many country
  domains that no short list covers.

A label mixing scripts (Latin with Cyrillic or Greek) is a homograph even without a brand.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from lockstep.detect.urlintel.lists import DomainList
from lockstep.detect.urlintel.parse import host_parts
from lockstep.detect.urlintel.signals import (
    LURE_WORDS,
    MISLEADING,
    RUN_TOGETHER_LURES,
    Signal,
    words,
)
from lockstep.detect.urlintel.skeleton import scripts, skeleton

#: Brands shorter than this only match by homoglyph or exact name plus lure word.
MIN_BRAND_LENGTH = 3


@dataclass(frozen=True)
class Brand:
    domain: str
    label: str
    skeleton: str


def _how(brand: str, seen: str) -> str:
    """The character changes that turn ``brand`` into ``seen`` (``'l'→'1'``)."""
    changes = []
    for op in Levenshtein.editops(brand, seen):
        if op.tag == "insert":
            changes.append(f"added '{seen[op.dest_pos]}'")
        elif op.tag == "delete":
            changes.append(f"dropped '{brand[op.src_pos]}'")
        else:
            changes.append(f"'{brand[op.src_pos]}'→'{seen[op.dest_pos]}'")
    return ", ".join(changes[:4])


class BrandIndex:
    """The protected brands, indexed for exact-skeleton and fuzzy lookups."""

    def __init__(self, allow: DomainList, min_typo_length: int = 6) -> None:
        by_label: dict[str, list[str]] = {}
        for domain in allow.entries:
            _, label, _, _ = host_parts(domain)
            if len(label) >= MIN_BRAND_LENGTH:
                by_label.setdefault(label, []).append(domain)
        # A brand's canonical domain: its .com if listed, else the first in order.
        self.brands = {
            label: Brand(
                sorted(ds, key=lambda d: (not d.endswith(".com"), d))[0], label, skeleton(label)
            )
            for label, ds in sorted(by_label.items())
        }
        self.by_skeleton: dict[str, Brand] = {}
        for brand in self.brands.values():
            self.by_skeleton.setdefault(brand.skeleton, brand)
        self.min_typo_length = min_typo_length
        self.allow = allow

    @cached_property
    def _typo_choices(self) -> list[str]:
        return sorted(
            b.skeleton for b in self.brands.values() if len(b.label) >= self.min_typo_length
        )

    def _homoglyph(self, part: str) -> Brand | None:
        brand = self.by_skeleton.get(skeleton(part))
        if brand is None or brand.label == part or part in self.brands:
            return None
        return brand

    def _typo(self, label: str) -> tuple[Brand, int] | None:
        if label in self.brands:
            return None
        skel = skeleton(label)
        for choice, dist, _ in process.extract(
            skel, self._typo_choices, scorer=DamerauLevenshtein.distance, score_cutoff=2, limit=3
        ):
            brand = self.by_skeleton[choice]
            limit = 2 if len(brand.label) >= 10 else 1
            plural = {skel, choice} == {choice, choice + "s"} or skel + "s" == choice
            if 0 < dist <= limit and not plural:
                return brand, int(dist)
        return None

    def _brand_with_lure(self, tokens: list[str], label: str) -> tuple[Brand, str] | None:
        """A brand name plus a lure word, as separate tokens or run together."""
        lures = [t for t in tokens if t in LURE_WORDS]
        for token in tokens:
            brand = self.brands.get(token)
            if brand is not None and lures and any(lure != token for lure in lures):
                return brand, next(lure for lure in lures if lure != token)
        for name, brand in self.brands.items():
            if len(name) >= 5 and name in label and label != name:
                rest = label.replace(name, " ")
                for lure in sorted(RUN_TOGETHER_LURES):
                    if lure in rest:
                        return brand, lure
        return None

    def signals(self, host: str, label: str, subdomain: str, suffix: str) -> list[Signal]:
        """Lookalike signals for a host that is not itself allowlisted."""
        out: list[Signal] = []
        parts = [t for t in label.split("-") if t]
        for part in [label, *parts] if len(parts) > 1 else [label]:
            brand = self._homoglyph(part)
            if brand is not None:
                out.append(
                    Signal(
                        "lookalike",
                        MISLEADING,
                        0.8,
                        f"host {host} imitates {brand.domain}: '{part}' looks like "
                        f"'{brand.label}' ({_how(brand.label, part)})",
                        host,
                        "host",
                    )
                )
                return out
        mixed = scripts(label)
        if len(mixed) > 1:
            out.append(
                Signal(
                    "mixed_script",
                    MISLEADING,
                    0.6,
                    f"host {host} mixes scripts in one name ({', '.join(sorted(mixed)).lower()})",
                    host,
                    "host",
                )
            )
        embedded = next(
            (
                b
                for b in self.brands.values()
                if subdomain and (f".{b.domain}." in f".{subdomain}." or subdomain == b.domain)
            ),
            None,
        )
        if embedded is not None:
            out.append(
                Signal(
                    "brand_in_subdomain",
                    MISLEADING,
                    0.7,
                    f"host {host} starts with {embedded.domain} but belongs to another domain",
                    host,
                    "host",
                )
            )
            return out
        tokens = words(f"{subdomain} {label}")
        combo = self._brand_with_lure(tokens, label)
        if combo is not None:
            brand, lure = combo
            out.append(
                Signal(
                    "combosquat",
                    MISLEADING,
                    0.6,
                    f"host {host} pairs the brand name '{brand.label}' ({brand.domain}) "
                    f"with the lure word '{lure}'",
                    host,
                    "host",
                )
            )
            return out
        typo = self._typo(label)
        if typo is not None:
            brand, dist = typo
            out.append(
                Signal(
                    "typosquat",
                    MISLEADING,
                    0.5,
                    f"host {host} is {dist} edit{'s' if dist > 1 else ''} from {brand.domain} "
                    f"({_how(brand.label, label)})",
                    host,
                    "host",
                )
            )
            return out
        if label in self.brands and self.allow.match(host) is None:
            brand = self.brands[label]
            out.append(
                Signal(
                    "brand_other_suffix",
                    MISLEADING,
                    0.4,
                    f"host {host} uses the name '{label}' of {brand.domain} on .{suffix or '?'}",
                    host,
                    "host",
                )
            )
        return out
