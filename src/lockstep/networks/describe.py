"""The disclosure-style description of a network (seed 002's table), from its card alone.

Every clause is backed by a field of the network record: where it operated from comes from
its members' sessions outside proxies, whom it targeted from the accounts it reached (or,
lacking those, the country its personas claim), and each "was found to" clause from one
tagged tactic with its observable. A clause without evidence is left out, never guessed.
"""

from __future__ import annotations

from collections import Counter

from lockstep.networks.tactics import Tactic

COUNTRY_NAMES = {
    "AR": "Argentina", "AM": "Armenia", "BD": "Bangladesh", "BR": "Brazil", "CA": "Canada",
    "CN": "China", "DE": "Germany", "EG": "Egypt", "ES": "Spain", "FR": "France",
    "GB": "the United Kingdom", "ID": "Indonesia", "IL": "Israel", "IN": "India", "IQ": "Iraq",
    "IR": "Iran", "IT": "Italy", "JP": "Japan", "KR": "South Korea", "MD": "Moldova",
    "MX": "Mexico", "NG": "Nigeria", "NL": "the Netherlands", "PH": "the Philippines",
    "PK": "Pakistan", "PL": "Poland", "RO": "Romania", "RU": "Russia", "SA": "Saudi Arabia",
    "TR": "Turkey", "TW": "Taiwan", "UA": "Ukraine", "US": "the United States",
    "VN": "Vietnam", "ZA": "South Africa",
}  # fmt: skip
LANGUAGE_NAMES = {
    "ar": "Arabic", "bn": "Bengali", "de": "German", "en": "English", "es": "Spanish",
    "fa": "Farsi", "fr": "French", "hi": "Hindi", "id": "Indonesian", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese",
    "zh": "Chinese",
}  # fmt: skip

#: The "was found to" clause of each technique.
PHRASES = {
    "T0143.002": "create fictitious personas",
    "T0145.002": "use AI-generated images as account avatars",
    "T0097.202": "create inauthentic news accounts in an attempt to appear as a more reputable "
    "information source",
    "T0098.001": "direct users to news websites which we assess to be managed by the network",
    "T0128": "use location obfuscation services in order to hide its true location",
    "T0101": "post content in several languages",
    "T0129.002": "post content on unrelated topics before pivoting to its narrative",
    "T0116": "rely on posting comments rather than posts",
    "T0049.003": "repost the same videos repeatedly",
    "T0084.001": "post duplicative content while slightly altering the text",
    "T0092.002": "run follow trains among its accounts",
    "T0122": "redirect users away from the platform through external links",
}

#: A country or language must hold this share of the known values to be named.
NAMED_SHARE = 0.2


def country(code: str) -> str:
    return COUNTRY_NAMES.get(code.upper(), code.upper())


def language(code: str) -> str:
    return LANGUAGE_NAMES.get(code.lower(), code)


def leading(counts: Counter[str], limit: int = 3) -> list[str]:
    """The values holding at least NAMED_SHARE of the counts, most common first."""
    total = sum(counts.values())
    if not total:
        return []
    return [k for k, n in counts.most_common(limit) if n >= NAMED_SHARE * total]


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def describe(
    operated_from: list[str],
    target_countries: list[str],
    target_languages: list[str],
    tactics: list[Tactic],
) -> str:
    """``Accounts targeting … We assess that this network operated from … and targeted …``."""
    where = _join([country(c) for c in target_countries])
    speakers = _join([language(lang) for lang in target_languages])
    if where:
        title = f"Accounts targeting an audience in {where}."
        audience = f"an audience in {where}" + (f" ({speakers} speakers)" if speakers else "")
    elif speakers:
        title = f"Accounts targeting {speakers} speakers."
        audience = f"{speakers} speakers"
    else:
        title, audience = "Coordinated accounts.", ""
    assess = "We assess that this network"
    if operated_from:
        assess += f" operated from {_join([country(c) for c in operated_from])}"
        if audience:
            assess += f" and targeted {audience}"
    elif audience:
        assess += f" targeted {audience}"
    else:
        assess += " acted in coordination"
    sentences = [title, assess + "."]
    found = [PHRASES[t.id] for t in tactics if t.id in PHRASES]
    if found:
        sentences.append(f"The network was found to {_join(found)}.")
    return " ".join(sentences)
