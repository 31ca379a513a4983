"""``coord.account_trade``: accounts offering to sell, buy or trade accounts, and what changed
on them afterwards.

The offer phrases live in a shipped data file (``lockstep/data/account_trade_phrases.toml``)
in the syntax of the incentivised-engagement phrases, so a team can add its languages
without touching code; the matching runs in the engine over normalised post and bio text.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib.resources import files
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir

from lockstep.detect.base import Detection, Detector, Finding, Requirement, param
from lockstep.detect.engagement.incentivised import compile_phrase, normalise, search_any
from lockstep.detect.evidence import CAP, clip, iso, span
from lockstep.lake import Lake

BEHAVIOUR = "coord.account_trade"
PHRASES_FILE = "account_trade_phrases.toml"
#: Sides of a trade, as sections of the phrase file.
SIDES = ("sell", "buy")
#: Every phrase names the traded thing with one of these stems; only posts containing one
#: (lower-cased raw text, no normalisation) go through the full phrase search, which is two
#: orders of magnitude slower. Keep it in step with the phrase file's objects.
OBJECT_STEMS = (
    "acc|page|channel|username|handle|cuenta|conta|compte|kanal|akun|hesap"
    "|аккаунт|акк|канал|страниц|حساب"
)
#: Posts on each side of the offers needed before a change of language is claimed.
MIN_POSTS_PER_SIDE = 3


@dataclass(frozen=True)
class Phrases:
    """The phrase file compiled: one expression per side and language, and the exemptions."""

    sides: dict[str, tuple[str, ...]]
    about: tuple[str, ...]

    @property
    def any_offer(self) -> str:
        """One expression for quoting the matched phrase (run on a few posts only)."""
        return "|".join(r for rs in self.sides.values() for r in rs)


@cache
def phrases() -> Phrases:
    """Compile the shipped phrase file (once per process)."""
    raw = tomllib.loads(files("lockstep").joinpath("data", PHRASES_FILE).read_text("utf-8"))

    def section(name: str) -> tuple[str, ...]:
        return tuple(
            "|".join(f"(?:{compile_phrase(p)})" for p in raw[name][lang])
            for lang in sorted(raw[name])
        )

    return Phrases(sides={s: section(s) for s in SIDES}, about=section("about"))


@dataclass(frozen=True)
class AccountTrade(Detector):
    """Accounts that offer to sell, buy or trade accounts; the changes that follow a sale are
    reported with them.

    **Seed clause.** 001: "account transfers or sales – selling, purchasing, trading, or
    offering the sale, purchase, or trade of accounts, usernames, or temporary access to
    accounts"; buying or selling accounts is a severe violation (permanent suspension).

    **What counts.** The seed makes the *offer* the violation, so advertising alone is
    enough: an account posting "selling this account, 12k followers" or "buying aged
    accounts" is flagged whether or not a sale is visible in the data. A change of hands on
    its own is not: people rename themselves, move country and buy new phones, and none of
    that says the account was sold. Changes therefore never flag an account; they raise the
    score of an offer and are listed as evidence that the sale went through.

    **Signal.** Post text (and the bio, when the input has it) is normalised in the engine
    as for ``engagement.incentivised`` and searched with expressions built from the shipped
    phrase list (sell side and buy side, in English, Spanish, Portuguese, German, French,
    Italian, Russian, Arabic, Indonesian and Turkish), which require an account, page,
    channel or username as the object: "selling followers" is engagement sale, not account
    trade. Posts with words of warning or reporting ("beware", "bans", "never sell") are not
    counted. An account is flagged with at least ``min_posts`` offer posts, or an offer in
    its bio. For flagged accounts the detector then compares before the first offer with
    after the last one: a ``previous_handle`` (extra input column kept in ``attrs``) that
    differs from the handle, sessions from devices and countries never seen before while
    the old ones stop, and the main posting language switching.

    **Not flagged.** Renames, relocations and new devices without an offer (an ordinary
    user changing handle); sellers of followers or likes (``engagement.incentivised``);
    posts that warn about or report on account sales.

    **Score.** 0.6 for one offer, 0.7 for several; plus 0.1 for each change seen after the
    offers (handle, device, country, language), at most 1.

    **Evidence.** Offer posts (capped, with total), the matched phrase and the side (sell or
    buy), the bio when it offers; the previous and current handle; devices and countries
    before and after; the dominant posting language before and after.

    **Known limits.** Offers outside the phrase list (other languages, slang, images of
    text, private messages) are missed, and so are sales arranged elsewhere that leave only
    the changes behind. The warning words are a blunt filter: an offer that says "no scam,
    never banned" is let through only if it avoids them. Topic shift of the posts is not
    measured.
    """

    name: ClassVar[str] = BEHAVIOUR
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = (BEHAVIOUR,)
    requires: ClassVar[tuple[Requirement, ...]] = (
        Requirement("posts", ("account_id", "created_at", "text")),
    )

    min_posts: int = param(1, "offer posts that flag an account (an offer in the bio also does)")
    read_bios: bool = param(True, "also search account bios for offers")

    def detect(self, lake: Lake) -> Detection:
        pats = phrases()
        posts = lake.table("posts")
        candidates = posts.filter(posts.text.lower().re_search(OBJECT_STEMS))
        normed = candidates.select(
            "post_id", "account_id", "created_at", norm=normalise(candidates.text.fill_null(""))
        )
        offers = self._offers(normed, pats).cache()
        try:
            counted = offers.group_by("account_id").aggregate(
                offers=offers.count(), first=offers.created_at.min(), last=offers.created_at.max()
            )
            counted = counted.filter(counted.offers >= self.min_posts)
            bios = self._bio_offers(lake, pats)
            if bios is not None:
                flagged = counted.outer_join(bios, "account_id").select(
                    account_id=ibis.coalesce(counted.account_id, bios.account_id),
                    offers=counted.offers.fill_null(0),
                    first=counted.first,
                    last=counted.last,
                    bio=bios.bio,
                )
            else:
                flagged = counted.mutate(bio=ibis.null("string"))
            rows = flagged.order_by("account_id").to_pyarrow().to_pylist()
            if not rows:
                return Detection(findings=self.findings([]))
            keys = ibis.memtable(
                [
                    {"account_id": r["account_id"], "first": r["first"], "last": r["last"]}
                    for r in rows
                ]
            )
            quoted = self._quotes(posts, offers, keys, pats)
            changes = _Changes(lake, keys)
        finally:
            offers.release()
        return Detection(findings=self.findings([self._finding(r, quoted, changes) for r in rows]))

    # -- engine ----------------------------------------------------------------------------

    def _offers(self, normed: ir.Table, pats: Phrases) -> ir.Table:
        """Posts with an offer phrase and no warning word, with the side they take."""
        marked = normed.mutate(**{f"k_{s}": search_any(normed.norm, pats.sides[s]) for s in SIDES})
        hits = marked.filter(ibis.or_(*(marked[f"k_{s}"] for s in SIDES)))
        return hits.filter(~search_any(hits.norm, pats.about))

    def _bio_offers(self, lake: Lake, pats: Phrases) -> ir.Table | None:
        if not self.read_bios or lake.missing_columns("accounts", ("bio",)):
            return None
        acc = lake.table("accounts")
        acc = acc.filter(acc.bio.lower().re_search(OBJECT_STEMS))
        norm = normalise(acc.bio.fill_null(""))
        offer = ibis.or_(*(search_any(norm, pats.sides[s]) for s in SIDES))
        return acc.filter(offer & ~search_any(norm, pats.about)).select("account_id", "bio")

    def _quotes(
        self, posts: ir.Table, offers: ir.Table, keys: ir.Table, pats: Phrases
    ) -> dict[str, list[dict[str, Any]]]:
        """The first ``CAP`` offer posts of each flagged account, with the phrase matched."""
        hits = offers.semi_join(keys, "account_id")
        rank = ibis.row_number().over(
            group_by=hits.account_id, order_by=[hits.created_at, hits.post_id]
        )
        quoted = hits.mutate(rank=rank, phrase=hits.norm.re_extract(pats.any_offer, 0))
        quoted = quoted.filter(quoted.rank < CAP).join(posts.select("post_id", "text"), "post_id")
        quoted = quoted.order_by(["account_id", "created_at", "post_id"])
        out: dict[str, list[dict[str, Any]]] = {}
        for r in quoted.to_pyarrow().to_pylist():
            out.setdefault(r["account_id"], []).append(
                {
                    "post_id": r["post_id"],
                    "created_at": iso(r["created_at"]),
                    "side": "sell" if r["k_sell"] else "buy",
                    "phrase": (r["phrase"] or "").strip(),
                    "text": clip(r["text"] or ""),
                }
            )
        return out

    # -- findings --------------------------------------------------------------------------

    def _finding(
        self, row: dict[str, Any], quoted: dict[str, list[dict[str, Any]]], changes: _Changes
    ) -> Finding:
        account = row["account_id"]
        posts = quoted.get(account, [])
        sides = sorted({p["side"] for p in posts})
        seen = changes.of(account)
        n = int(row["offers"])
        parts = []
        if n:
            first: datetime = row["first"]
            last: datetime = row["last"]
            what = " and ".join({"sell": "sale", "buy": "purchase"}[s] for s in sides)
            example = posts[0]["text"] if posts else ""
            parts.append(
                f"posted {n} account {what} offer(s) {span(first, last)} (first: {example!r})"
            )
        if row["bio"]:
            parts.append(f"its bio offers an account trade ({clip(row['bio'])!r})")
        summary = "; ".join(parts)
        if seen:
            summary += "; afterwards " + ", ".join(seen.values())
        score = (0.7 if n > 1 else 0.6) + 0.1 * len(seen)
        return Finding(
            behaviour=BEHAVIOUR,
            subject_type="account",
            subject_id=account,
            account_ids=[account],
            score=score,
            window_start=row["first"],
            window_end=row["last"],
            evidence={
                "summary": summary,
                "offer_posts": posts,
                "offer_posts_total": n,
                "sides": sides,
                "bio": row["bio"],
                "changes": changes.details(account),
            },
        )


class _Changes:
    """What changed on flagged accounts between before their first offer and after their last.

    Aggregated in the engine per account and side of the offers; only the few flagged
    accounts are read back.
    """

    def __init__(self, lake: Lake, keys: ir.Table) -> None:
        self._handles = self._handle_changes(lake, keys)
        self._sessions = self._session_changes(lake, keys)
        self._langs = self._lang_changes(lake, keys)

    def of(self, account: str) -> dict[str, str]:
        """Change name -> phrase for the summary, in a fixed order."""
        out: dict[str, str] = {}
        if account in self._handles:
            old, new = self._handles[account]
            out["handle"] = f"the handle changed from @{old} to @{new}"
        moved = self._sessions.get(account, {})
        for what, label in (("device_id", "device"), ("ip_country", "country")):
            if what in moved:
                out[what] = f"sessions moved to a new {label} ({', '.join(moved[what][1][:3])})"
        if account in self._langs:
            old_lang, new_lang = self._langs[account]
            out["lang"] = f"posts switched from {old_lang} to {new_lang}"
        return out

    def details(self, account: str) -> dict[str, Any]:
        handle = self._handles.get(account)
        lang = self._langs.get(account)
        moved = self._sessions.get(account, {})
        return {
            "previous_handle": handle[0] if handle else None,
            "handle": handle[1] if handle else None,
            **{
                f"{what}_moved": {"before": old[:CAP], "after": new[:CAP]}
                for what, (old, new) in moved.items()
            },
            "lang_before": lang[0] if lang else None,
            "lang_after": lang[1] if lang else None,
            "changed": sorted(self.of(account)),
        }

    @staticmethod
    def _handle_changes(lake: Lake, keys: ir.Table) -> dict[str, tuple[str, str]]:
        if lake.missing_columns("accounts", ("handle",)):
            return {}
        acc = lake.table("accounts").semi_join(keys, "account_id")
        previous = acc.attrs.get("previous_handle")
        changed = acc.filter(previous.notnull() & (previous.lower() != acc.handle.lower()))
        rows = changed.select("account_id", "handle", previous=previous).to_pyarrow().to_pylist()
        return {r["account_id"]: (r["previous"], r["handle"]) for r in rows}

    @staticmethod
    def _phase(t: ir.TimestampValue, keys: ir.Table) -> ir.StringValue:
        return ibis.cases((t < keys.first, "before"), (t > keys.last, "after"), else_="during")

    @staticmethod
    def _session_changes(
        lake: Lake, keys: ir.Table
    ) -> dict[str, dict[str, tuple[list[str], list[str]]]]:
        """Per account and column (device, country): the values used before the offers and
        the new values that replaced them after, when every old value stopped before the
        first new one appeared (a handover, not a second phone or a holiday)."""
        if not lake.has("sessions"):
            return {}
        ses = lake.table("sessions")
        timed = keys.filter(keys.first.notnull())
        joined = ses.join(timed, "account_id")
        out: dict[str, dict[str, tuple[list[str], list[str]]]] = {}
        for col in ("device_id", "ip_country"):
            if lake.missing_columns("sessions", (col,)):
                continue
            used = joined.filter(joined[col].notnull())
            agg = used.group_by("account_id", value=used[col]).aggregate(
                seen=used.created_at.min(),
                gone=used.created_at.max(),
                first=used.first.min(),
                last=used.last.max(),
            )
            per: dict[str, list[dict[str, Any]]] = {}
            for r in agg.to_pyarrow().to_pylist():
                per.setdefault(r["account_id"], []).append(r)
            for account, values in per.items():
                old = [v for v in values if v["seen"] < v["first"]]
                new = [v for v in values if v["seen"] > v["last"]]
                if old and new and max(v["gone"] for v in old) <= min(v["seen"] for v in new):
                    out.setdefault(account, {})[col] = (
                        sorted(v["value"] for v in old),
                        sorted(v["value"] for v in new),
                    )
        return out

    def _lang_changes(self, lake: Lake, keys: ir.Table) -> dict[str, tuple[str, str]]:
        if lake.missing_columns("posts", ("lang",)):
            return {}
        posts = lake.table("posts")
        joined = posts.join(keys.filter(keys.first.notnull()), "account_id")
        joined = joined.filter(joined.lang.notnull())
        joined = joined.mutate(phase=self._phase(joined.created_at, joined))
        joined = joined.filter(joined.phase != "during")
        agg = joined.group_by("account_id", "phase", "lang").aggregate(n=joined.count())
        counts: dict[str, dict[str, dict[str, int]]] = {}
        for r in agg.to_pyarrow().to_pylist():
            side = counts.setdefault(r["account_id"], {}).setdefault(r["phase"], {})
            side[r["lang"]] = int(r["n"])
        out = {}
        for account, sides in counts.items():
            before, after = sides.get("before", {}), sides.get("after", {})
            if (
                sum(before.values()) < MIN_POSTS_PER_SIDE
                or sum(after.values()) < MIN_POSTS_PER_SIDE
            ):
                continue
            old = max(sorted(before), key=lambda k: before[k])
            new = max(sorted(after), key=lambda k: after[k])
            if old != new:
                out[account] = (old, new)
        return out
