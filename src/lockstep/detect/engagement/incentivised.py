"""``engagement.incentivised``: accounts whose posts promise engagement in return or sell it.

The phrases live in a shipped data file (``lockstep/data/incentivised_phrases.toml``) so a
trust-and-safety team can extend the list for its languages without touching code. Python
only turns the phrase list into regular expressions; the matching itself runs in the engine
over a normalised copy of every post's text.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib.resources import files
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir

from lockstep.detect.base import Detection, Detector, Finding, Requirement, param
from lockstep.lake import Lake

PHRASES_FILE = "incentivised_phrases.toml"

#: Sections of the phrase file that count as an incentive on their own.
KINDS = ("reciprocal", "sale", "pod")

#: Characters a Latin or Cyrillic letter in a phrase also matches: leetspeak digits and
#: symbols, and the look-alike letter of the other script that spammers swap in to evade
#: exact filters. Accented letters additionally match their unaccented base letter.
_LOOKALIKES: dict[str, str] = {
    "a": "a4@а",
    "c": "cс",
    "e": "e3е",
    "i": "i1іı",
    "k": "kк",
    "l": "l1",
    "o": "o0оο",
    "p": "pр",
    "s": "s5$ѕ",
    "t": "t7",
    "x": "xх",
    "y": "yу",
    "а": "аa",
    "е": "еёe",
    "ё": "ёе",
    "о": "оo0",
    "р": "рp",
    "с": "сc",
    "у": "уy",
    "х": "хx",
    "ı": "ıi",
}

#: Scripts written without spaces between words: no word boundary, no letter repetition.
_UNSPACED = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")

#: Text normalisation, in the engine. Order matters: URLs go first (their paths are not
#: prose), then combining marks and format characters (zero-width joiners, Arabic tatweel)
#: vanish so "f\u200bollow" and NFD-decomposed accents still match, then every run of other
#: non-letter characters (spaces, punctuation, emoji, "#") becomes one space. Currency
#: symbols stay because "$5" is a price ("$" is also leetspeak for "s"), and "@" because it
#: is leetspeak for "a" and marks a handle.
_URL_RE = r"(https?://|www\.)\S+"
_INVISIBLE_RE = "[\\p{Mn}\\p{Cf}\u0640]"
_SEPARATOR_RE = r"[^\p{L}\p{N}\p{Sc}@]+"
#: What ``%`` in a phrase stands for: a price, as a number with a currency symbol on either
#: side or a number followed by a currency word.
_PRICE_RE = (
    r"(?:(?:r|us|ca|au)?\p{Sc} ?[0-9]+|[0-9]+ ?(?:\p{Sc}|元|円|ドル|块|"
    r"(?:usd|eur|euros?|dollars?|dolares|dólares|reais|rb|ribu|rub|руб\p{L}*|lira|tl"
    r"|دولار|ريال|درهم|جنيه)(?: |$)))"
)


def _unspaced(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith(_UNSPACED)


def _normalise_phrase(phrase: str) -> str:
    """The phrase as the engine's normalisation leaves text: lower case, no marks."""
    lowered = unicodedata.normalize("NFC", phrase.lower())
    return "".join(c for c in lowered if unicodedata.category(c) not in ("Mn", "Cf"))


def _letter(ch: str, digits: bool = True) -> str:
    chars = _LOOKALIKES.get(ch, ch)
    if not digits:
        chars = "".join(c for c in chars if not c.isdigit())
    base = unicodedata.normalize("NFD", ch)[0]
    if base != ch:
        chars += base
    unique = "".join(dict.fromkeys(chars))
    atom = f"[{unique}]" if len(unique) > 1 else re.escape(ch)
    return atom if _unspaced(ch) else atom + "+"


def _sequence(text: str, phrase: str) -> str:
    """Regex for a run of phrase text without braces: letters, digits, spaces, ``*``, ``#``."""
    out: list[str] = []
    previous = ""
    for i, ch in enumerate(text):
        if ch == previous and ch.isalpha() and not _unspaced(ch):
            continue  # "follow" -> f+o+l+o+w+: doubled letters are covered by the repeat
        previous = ch
        if ch == " ":
            out.append(" ?")
        elif ch == "*":
            out.append(r"\p{L}*")
        elif ch == "#":
            out.append("[0-9]+")
        elif ch == "%":
            out.append(_PRICE_RE)
        elif ch == "$":
            out.append(r"\$")
        elif ch == "@":
            out.append("@")
        elif ch.isdigit():
            out.append(ch)
        elif ch.isalpha():
            # A word's first and last letter take no digit look-alikes, so a number never
            # matches a word: "l4l" must not match "141", nor "s4s" the price "545".
            edge = i == 0 or i == len(text) - 1 or " " in (text[i - 1], text[i + 1])
            out.append(_letter(ch, digits=not edge))
        else:
            raise ValueError(f"phrase {phrase!r}: character {ch!r} never survives normalisation")
    return "".join(out)


def _items(text: str, phrase: str) -> list[list[str]]:
    """The phrase split into items, each a list of alternatives (a literal run has one)."""
    items: list[list[str]] = []
    pos = 0
    for m in re.finditer(r"\{([^{}]*)\}", text):
        if text[pos : m.start()]:
            items.append([text[pos : m.start()]])
        alternatives = m.group(1).split("|")
        if any(a != a.strip() for a in alternatives):
            raise ValueError(f"phrase {phrase!r}: spaces around an alternative")
        items.append(alternatives)
        pos = m.end()
    if text[pos:]:
        items.append([text[pos:]])
    if any("{" in a or "}" in a for item in items for a in item):
        raise ValueError(f"phrase {phrase!r}: unbalanced braces")
    if not items or all(not a.strip() for item in items for a in item):
        raise ValueError(f"phrase {phrase!r} is empty")
    return items


def _edge(ch: str | None) -> bool:
    """Whether a phrase starting or ending with ``ch`` needs a word boundary there."""
    return ch is not None and ch.isalnum() and not _unspaced(ch)


def _first_char(items: list[list[str]]) -> str | None:
    for item in items:
        for alt in item:
            if alt.strip():
                return alt.strip()[0]
    return None


def compile_phrase(phrase: str) -> str:
    """The regular expression (RE2 and Java syntax) for one phrase of the phrase file.

    Word boundaries are decided per alternative of the first and last item, so "follow
    {me|@}" needs a boundary after "me" but not after "@" (which "@shop" continues).
    """
    items = _items(_normalise_phrase(phrase), phrase)
    last = len(items) - 1
    reversed_items = [[a[::-1] for a in item] for item in reversed(items)]
    out: list[str] = []
    for idx, item in enumerate(items):
        alternatives = []
        for alt in item:
            body = _sequence(alt, phrase)
            if idx == 0:
                first = alt.strip()[0] if alt.strip() else _first_char(items[1:])
                body = ("(?:^| )" if _edge(first) else "") + body
            if idx == last:
                end = alt.strip()[-1] if alt.strip() else _first_char(reversed_items[1:])
                body += "(?: |$)" if _edge(end) else ""
            alternatives.append(body)
        out.append(alternatives[0] if len(item) == 1 else "(?:" + "|".join(alternatives) + ")")
    return "".join(out)


def _alternation(phrases: list[str]) -> str:
    return "|".join(f"(?:{compile_phrase(p)})" for p in phrases)


@dataclass(frozen=True)
class Patterns:
    """The phrase file compiled: per kind, one regular expression per language.

    One expression per language rather than one per kind: RE2 (DuckDB) runs a single
    alternation of every language's phrases an order of magnitude slower, because its
    automaton outgrows the engine's cache, while each language's alternation stays small.
    """

    kinds: dict[str, tuple[str, ...]]
    giveaway_trigger: str
    giveaway_condition: str
    about: tuple[str, ...]

    @property
    def any_incentive(self) -> str:
        """One expression matching any incentive phrase, to quote the matched phrase.

        Only evaluated on the few posts quoted as evidence, so its size does not matter.
        """
        return "|".join([*(r for rs in self.kinds.values() for r in rs), self.giveaway_trigger])


@cache
def patterns() -> Patterns:
    """Compile the shipped phrase file (once per process)."""
    raw = tomllib.loads(files("lockstep").joinpath("data", PHRASES_FILE).read_text("utf-8"))

    def per_language(section: str) -> tuple[str, ...]:
        return tuple(_alternation(raw[section][lang]) for lang in sorted(raw[section]))

    return Patterns(
        kinds={k: per_language(k) for k in KINDS},
        giveaway_trigger=_alternation(raw["giveaway"]["trigger"]),
        giveaway_condition=_alternation(raw["giveaway"]["condition"]),
        about=per_language("about"),
    )


def search_any(text: ir.StringValue, expressions: tuple[str, ...]) -> ir.BooleanValue:
    """Whether ``text`` matches any of ``expressions``."""
    return ibis.or_(*(text.re_search(rx) for rx in expressions))


def normalise(text: ir.StringValue) -> ir.StringValue:
    """Post text as the phrases expect it (see the phrase file's header).

    The result may start or end with a space; the phrases' boundaries allow for that. (Ibis's
    ``strip`` is avoided: on PySpark it also trims the letters "v" and "f".)
    """
    lowered = text.lower()
    # Most posts have no link: the URL expression runs only where one can match.
    linked = lowered.contains("://") | lowered.contains("www.")
    bare = ibis.ifelse(linked, lowered.re_replace(_URL_RE, " "), lowered)
    return bare.re_replace(_INVISIBLE_RE, "").re_replace(_SEPARATOR_RE, " ")


@dataclass(frozen=True)
class Incentivised(Detector):
    """Accounts whose posts promise engagement in return, or sell engagement services.

    Seed clause: 000 "like-for-like promises and false incentives for engagement", "selling
    followers or likes", "promoting artificial traffic generation services"; 001 "using or
    promoting third-party services or apps that claim to add followers or add engagements",
    "trading or coordinating to exchange follows or Tweet engagements".

    Signal: each post's text (and its hashtags, when the input has them) is normalised in
    the engine — lower case, URLs, combining marks and zero-width characters removed, every
    run of punctuation, emoji and spaces collapsed to one space — and searched with regular
    expressions built from the shipped phrase list (`lockstep/data/incentivised_phrases.toml`),
    which covers English, Spanish, Portuguese, German, French, Italian, Russian, Arabic,
    Turkish, Indonesian, Japanese, Korean and Chinese. The expressions tolerate spacing
    ("sub 4 sub", "sub4sub", "#sub4sub"), emoji separators, repeated letters, leetspeak
    ("f0ll0w 4 f0ll0w") and Cyrillic look-alike letters. A post counts when it has a phrase of
    one of three kinds — reciprocal promises (follow-for-follow, "I'll sub back",
    "подписка на подписку", "フォロバ100"), sale of engagement or engagement apps ("buy
    followers", "seguidores baratos", "takipçi satın al"), engagement pods — or a giveaway
    conditional on engagement (a prize word and a follow/retweet condition together), and no
    word of reporting on the practice ("bans", "study", "según", "запрет").

    The subject is the account: it is flagged when at least `min_posts` of its posts count
    and they are at least `min_share` of all its posts, or when counted posts are at least
    `dominant_share` of its posts (a throwaway account whose only posts are the promise).
    One joking "follow for follow?" among many ordinary posts is not enough, and an account
    that quotes the practice now and then while posting mostly other things stays below the
    share. Score: 1 - (1 - share) * 0.7^counted.

    Evidence: counted and total posts, the share, counts per kind, and the first
    `max_evidence` counted posts with their time, kind, the matched phrase and the text.

    Known limits: phrases outside the list (new slang, languages not covered, images of
    text) are missed; the reporting words are a blunt filter, so a promoter who writes
    "no scam, not banned" in every post is let through and a news account that reports on
    the practice without those words, in most of its posts, is flagged. Full-width Latin
    letters and homoglyphs other than the Cyrillic ones are not folded. Profile bios are not
    read.
    """

    name: ClassVar[str] = "engagement.incentivised"
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = ("engagement.incentivised",)
    requires: ClassVar[tuple[Requirement, ...]] = (
        Requirement("posts", ("account_id", "created_at", "text")),
    )

    min_posts: int = param(2, "counted posts an account needs (with min_share)")
    min_share: float = param(0.05, "share of the account's posts that must count (with min_posts)")
    dominant_share: float = param(
        0.5, "share of counted posts that flags an account even with a single such post"
    )
    max_evidence: int = param(20, "counted posts quoted per finding")

    def detect(self, lake: Lake) -> Detection:
        pats = patterns()
        posts = lake.table("posts")
        text = posts.text.fill_null("")
        if not lake.missing_columns("posts", ["hashtags"]):
            text = text.concat(" ", posts.hashtags.join(" ").fill_null(""))
        # Materialised once: engines do not share the normalisation between the dozens of
        # expressions that read it, and recomputing it per expression dominates the cost.
        normed = posts.select("post_id", "account_id", "created_at", norm=normalise(text)).cache()
        try:
            return self._detect(posts, normed, pats)
        finally:
            normed.release()

    def _detect(self, posts: ir.Table, normed: ir.Table, pats: Patterns) -> Detection:
        kinds = {k: search_any(normed.norm, pats.kinds[k]) for k in KINDS}
        kinds["giveaway"] = normed.norm.re_search(pats.giveaway_trigger)
        flagged = normed.mutate(**{f"k_{k}": v for k, v in kinds.items()})
        # The rarer checks run on the few posts with an incentive phrase only.
        hits = flagged.filter(ibis.or_(*(flagged[f"k_{k}"] for k in kinds)))
        hits = hits.mutate(
            k_giveaway=hits.k_giveaway & hits.norm.re_search(pats.giveaway_condition),
            about=search_any(hits.norm, pats.about),
        )
        hits = (
            hits.filter(~hits.about & ibis.or_(*(hits[f"k_{k}"] for k in kinds)))
            .drop("about")
            .cache()
        )
        try:
            totals = posts.group_by("account_id").aggregate(total=posts.count())
            counted = hits.group_by("account_id").aggregate(
                counted=hits.count(),
                first=hits.created_at.min(),
                last=hits.created_at.max(),
                **{f"n_{k}": hits[f"k_{k}"].cast("int64").sum() for k in kinds},
            )
            per_account = counted.join(totals, "account_id")
            share = per_account.counted / per_account.total
            accounts = per_account.filter(
                ((per_account.counted >= self.min_posts) & (share >= self.min_share))
                | (share >= self.dominant_share)
            )
            rows = accounts.order_by("account_id").to_pyarrow().to_pylist()
            evidence = self._evidence(posts, hits, accounts, pats) if rows else {}
        finally:
            hits.release()
        return Detection(findings=self.findings([self._finding(r, evidence) for r in rows]))

    def _evidence(
        self, posts: ir.Table, scored: ir.Table, accounts: ir.Table, pats: Patterns
    ) -> dict[str, list[dict[str, Any]]]:
        """The first ``max_evidence`` counted posts of each flagged account."""
        hits = scored.semi_join(accounts, "account_id")
        rank = ibis.row_number().over(
            group_by=hits.account_id, order_by=[hits.created_at, hits.post_id]
        )
        kinds = [*KINDS, "giveaway"]
        quoted = (
            hits.mutate(rank=rank, phrase=hits.norm.re_extract(pats.any_incentive, 0))
            .filter(lambda t: t.rank < self.max_evidence)
            .select("account_id", "post_id", "created_at", "phrase", *[f"k_{k}" for k in kinds])
        )
        quoted = quoted.join(posts.select("post_id", "text"), "post_id").order_by(
            ["account_id", "created_at", "post_id"]
        )
        out: dict[str, list[dict[str, Any]]] = {}
        for r in quoted.to_pyarrow().to_pylist():
            out.setdefault(r["account_id"], []).append(
                {
                    "post_id": r["post_id"],
                    "created_at": r["created_at"],
                    "kinds": [k for k in kinds if r[f"k_{k}"]],
                    "phrase": (r["phrase"] or "").strip(),
                    "text": (r["text"] or "")[:280],
                }
            )
        return out

    def _finding(self, row: dict[str, Any], evidence: dict[str, list[dict[str, Any]]]) -> Finding:
        counted, total = int(row["counted"]), int(row["total"])
        share = counted / total
        kinds = {k: int(row[f"n_{k}"]) for k in (*KINDS, "giveaway") if row[f"n_{k}"]}
        first: datetime | None = row["first"]
        last: datetime | None = row["last"]
        summary = (
            f"{counted} of {total} posts ({share:.0%}) promise engagement in return or sell it "
            f"({', '.join(f'{k}: {n}' for k, n in kinds.items())})."
        )
        return Finding(
            behaviour="engagement.incentivised",
            subject_type="account",
            subject_id=row["account_id"],
            account_ids=[row["account_id"]],
            score=1.0 - (1.0 - share) * 0.7**counted,
            evidence={
                "summary": summary,
                "counted_posts": counted,
                "total_posts": total,
                "share": round(share, 4),
                "kinds": kinds,
                "posts": evidence.get(row["account_id"], []),
            },
            window_start=first,
            window_end=last,
        )
