"""``spam.hashtag_stuffing``: posts carrying far more hashtags than the platform's norm, or
tags that have nothing to do with each other.

Both halves are measured on the data itself rather than fixed: the norm is a high quantile
of hashtags per post with every account weighted equally (so a few prolific stuffers cannot
move it), and two tags are *related* when other accounts use them together in ordinary
posts. A photographer's "#sunset #beach #goldenhour" is related however many there are; a
spammer's "#worldcupfinal #foodie #crypto #oscars" is not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir

from lockstep.detect.base import Detection, Detector, Finding, Requirement, param
from lockstep.lake import Lake


def post_tags(lake: Lake) -> ir.Table:
    """``post_id, account_id, tag``: one row per distinct hashtag of a post."""
    posts = lake.table("posts")
    one = posts.select("post_id", "account_id", tag=posts.hashtags.unnest())
    return one.filter(one.tag.notnull() & (one.tag != "")).distinct()


def tagged_posts(lake: Lake, tags: ir.Table) -> ir.Table:
    """``post_id, account_id, created_at, n``: posts with at least one hashtag."""
    posts = lake.table("posts").select("post_id", "created_at")
    counts = tags.group_by(["post_id", "account_id"]).aggregate(n=tags.count())
    return counts.join(posts, "post_id")


def weighted_quantile(values: list[int], weights: list[float], q: float) -> float:
    """The ``q`` quantile of ``values`` with ``weights`` (lower value at exact ties)."""
    pairs = sorted(zip(values, weights, strict=True))
    total = sum(w for _, w in pairs)
    seen = 0.0
    for value, weight in pairs:
        seen += weight
        if seen >= q * total - 1e-9:
            return float(value)
    return float(pairs[-1][0]) if pairs else 0.0


@dataclass(frozen=True)
class HashtagStuffing(Detector):
    """Accounts posting excessive or mutually unrelated hashtags, in one post or many.

    Seed clause: 001 "Tweeting with excessive, unrelated hashtags in a single Tweet or across
    multiple Tweets".

    Signal, computed in the engine:
    - the *norm*: the `norm_quantile` quantile of distinct hashtags per tagged post, each
      account weighing the same. A post is *excessive* when it has at least
      max(`min_tags`, `excess_factor` × norm) tags.
    - *relatedness* of two tags: the number of other accounts (the post's own account
      excluded) that used both in one ordinary (not excessive) post. A pair is *known* when
      each tag was used by at least `min_tag_accounts` other accounts, and *related* when at
      least `min_pair_accounts` other accounts used the two together and they did so at
      least `min_lift` times as often as chance (lift = N·n(a,b) / (n(a)·n(b)) over the N
      accounts with ordinary tagged posts, i.e. exponentiated PMI). Lift rather than raw
      co-occurrence, because a trending tag shows up next to every topic without being
      related to any, and a campaign pairing two big tags stays near chance. A post's
      related share is related over known pairs; it is *coherent* with at least
      `min_known_pairs` known pairs and a related share above `max_related_share`.
    - a post is *stuffed* when it is excessive and not coherent, and *scattered* when it is
      not excessive but has at least 3 tags, at least `min_known_pairs` known pairs and a
      related share of at most `max_related_share`.
    An account is flagged with at least `min_posts` stuffed posts (one excessive post is a
    lapse, a habit is a violation), or when stuffed and scattered posts together number at
    least `min_posts_across` and are at least `min_share_across` of its tagged posts (tags
    cycled across many posts). Score: 0.5 + 0.5 × the share of its tagged posts that are
    stuffed or scattered.

    Evidence: the norm and the limit in force, the account's tagged, stuffed and scattered
    posts, and up to `max_evidence` of them with time, tag count, related share and tags.

    Known limits: relatedness needs other accounts' ordinary posts; tags nobody else uses
    are unknown, so a post of excessive niche tags counts as stuffed while a few niche tags
    never count as scattered. Tags are compared as written (no stemming, "#worldcup2026" and
    "#worldcup" are different tags). Relatedness ignores the post text; attaching a trending
    tag to unrelated text is `spam.hashtag_hijack`.
    """

    name: ClassVar[str] = "spam.hashtag_stuffing"
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = ("spam.hashtag_stuffing",)
    requires: ClassVar[tuple[Requirement, ...]] = (
        Requirement("posts", ("post_id", "account_id", "created_at", "hashtags")),
    )

    norm_quantile: float = param(0.9, "quantile of tags per post (accounts weighted equally)")
    excess_factor: float = param(2.0, "a post is excessive at this multiple of the norm")
    min_tags: int = param(6, "floor of the excessive limit, in distinct tags")
    min_tag_accounts: int = param(3, "other accounts a tag needs before its pairs are judged")
    min_pair_accounts: int = param(2, "other accounts that must use a pair for it to be related")
    min_lift: float = param(2.0, "co-use of a pair, relative to chance, for it to be related")
    min_known_pairs: int = param(3, "known pairs a post needs to be judged coherent or not")
    max_related_share: float = param(0.25, "related share at or below which tags are unrelated")
    min_posts: int = param(2, "stuffed posts that flag an account")
    min_posts_across: int = param(5, "stuffed and scattered posts that flag an account")
    min_share_across: float = param(
        0.5, "share of tagged posts that must be stuffed or scattered (with min_posts_across)"
    )
    max_evidence: int = param(20, "posts quoted per finding")

    def limit(self, tagged: ir.Table) -> tuple[float, int]:
        """The norm of tags per post and the excessive limit derived from it."""
        per_account = tagged.group_by("account_id").aggregate(posts=tagged.count())
        weighted = tagged.join(per_account, "account_id")
        hist = (
            weighted.group_by("n")
            .aggregate(w=(1.0 / weighted.posts).sum())
            .order_by("n")
            .to_pyarrow()
        )
        if hist.num_rows == 0:
            return 0.0, self.min_tags
        norm = weighted_quantile(hist["n"].to_pylist(), hist["w"].to_pylist(), self.norm_quantile)
        return norm, max(self.min_tags, math.ceil(self.excess_factor * norm))

    def detect(self, lake: Lake) -> Detection:
        tags = post_tags(lake).cache()
        tagged = tagged_posts(lake, tags).cache()
        try:
            norm, limit = self.limit(tagged)
            judged = self._judge(tags, tagged, limit)
            flags = judged.mutate(
                excessive=judged.n >= limit,
                coherent=(judged.known >= self.min_known_pairs)
                & (judged.related > self.max_related_share * judged.known),
                unrelated=(judged.known >= self.min_known_pairs)
                & (judged.related <= self.max_related_share * judged.known),
            )
            flags = flags.mutate(
                stuffed=flags.excessive & ~flags.coherent,
                scattered=~flags.excessive & (flags.n >= 3) & flags.unrelated,
            )
            per_account = flags.group_by("account_id").aggregate(
                tagged=flags.count(),
                stuffed=flags.stuffed.cast("int64").sum(),
                scattered=flags.scattered.cast("int64").sum(),
                first=flags.created_at.min(where=flags.stuffed | flags.scattered),
                last=flags.created_at.max(where=flags.stuffed | flags.scattered),
            )
            hits = per_account.stuffed + per_account.scattered
            accounts = per_account.filter(
                (per_account.stuffed >= self.min_posts)
                | (
                    (hits >= self.min_posts_across)
                    & (hits >= self.min_share_across * per_account.tagged)
                )
            )
            rows = accounts.order_by("account_id").to_pyarrow().to_pylist()
            evidence = self._evidence(flags, tags, accounts) if rows else {}
        finally:
            tagged.release()
            tags.release()
        context = {"norm_tags_per_post": norm, "excessive_from": limit}
        return Detection(
            findings=self.findings([self._finding(r, evidence, context) for r in rows])
        )

    def _judge(self, tags: ir.Table, tagged: ir.Table, limit: int) -> ir.Table:
        """Each tagged post with ``known`` and ``related`` pair counts (posts of 3+ tags)."""
        one = tags.join(tagged.select("post_id", "n"), "post_id")
        a = one.rename(a="tag")
        b = one.select(pid="post_id", b="tag")
        pairs = a.join(b, (a.post_id == b.pid) & (a.a < b.b)).select(
            "post_id", "account_id", "n", "a", "b"
        )
        ordinary = pairs.filter(pairs.n < limit)
        own_pairs = ordinary.select("account_id", "a", "b").distinct()
        pair_support = own_pairs.group_by(["a", "b"]).aggregate(pair_accounts=ibis._.count())
        own_tags = one.filter(one.n < limit).select("account_id", "tag").distinct()
        tag_support = own_tags.group_by("tag").aggregate(tag_accounts=ibis._.count())
        population = max(1, int(own_tags.account_id.nunique().to_pyarrow().as_py() or 0))

        check = pairs.filter(pairs.n >= 3)
        mine_pair = own_pairs.mutate(mine_pair=ibis.literal(1))
        check = check.left_join(mine_pair, ["account_id", "a", "b"]).select(
            *check.columns, mine_pair=ibis._.mine_pair
        )
        check = check.left_join(pair_support, ["a", "b"]).select(
            *check.columns, pair_accounts=ibis._.pair_accounts
        )
        for side in ("a", "b"):
            support = tag_support.rename(**{side: "tag", f"{side}_accounts": "tag_accounts"})
            mine = own_tags.rename(**{side: "tag"}).mutate(**{f"mine_{side}": ibis.literal(1)})
            check = check.left_join(support, side).select(
                *check.columns, **{f"{side}_accounts": ibis._[f"{side}_accounts"]}
            )
            check = check.left_join(mine, ["account_id", side]).select(
                *check.columns, **{f"mine_{side}": ibis._[f"mine_{side}"]}
            )

        def others(total: str, mine: str) -> ir.IntegerValue:
            value: ir.IntegerValue = check[total].fill_null(0) - check[mine].fill_null(0)
            return value

        other_pair = others("pair_accounts", "mine_pair")
        other_a, other_b = others("a_accounts", "mine_a"), others("b_accounts", "mine_b")
        known = ibis.least(other_a, other_b) >= self.min_tag_accounts
        chance = other_a.cast("float64") * other_b / population
        related = (
            known & (other_pair >= self.min_pair_accounts) & (other_pair >= self.min_lift * chance)
        )
        scored = check.select("post_id", known=known, related=related)
        counts = scored.group_by("post_id").aggregate(
            known=scored.known.cast("int64").sum(),
            related=scored.related.cast("int64").sum(),
        )
        out = tagged.left_join(counts, "post_id").select(
            *tagged.columns,
            known=ibis._.known.fill_null(0),
            related=ibis._.related.fill_null(0),
        )
        return out

    def _evidence(
        self, flags: ir.Table, tags: ir.Table, accounts: ir.Table
    ) -> dict[str, list[dict[str, Any]]]:
        hits = flags.filter(flags.stuffed | flags.scattered).semi_join(accounts, "account_id")
        rank = ibis.row_number().over(
            group_by=hits.account_id, order_by=[ibis.desc(hits.n), hits.created_at, hits.post_id]
        )
        quoted = (
            hits.mutate(rank=rank)
            .filter(ibis._.rank < self.max_evidence)
            .select("account_id", "post_id", "created_at", "n", "known", "related", "stuffed")
        )
        lists = tags.semi_join(quoted, "post_id")
        lists = lists.group_by("post_id").aggregate(tags=lists.tag.collect())
        quoted = quoted.join(lists, "post_id").to_pyarrow()
        quoted = quoted.sort_by(
            [("account_id", "ascending"), ("created_at", "ascending"), ("post_id", "ascending")]
        )
        out: dict[str, list[dict[str, Any]]] = {}
        for r in quoted.to_pylist():
            out.setdefault(r["account_id"], []).append(
                {
                    "post_id": r["post_id"],
                    "created_at": r["created_at"],
                    "kind": "stuffed" if r["stuffed"] else "scattered",
                    "tags": sorted(r["tags"])[:30],
                    "n_tags": r["n"],
                    "related_share": round(r["related"] / r["known"], 3) if r["known"] else None,
                }
            )
        return out

    def _finding(
        self,
        row: dict[str, Any],
        evidence: dict[str, list[dict[str, Any]]],
        context: dict[str, Any],
    ) -> Finding:
        hits = int(row["stuffed"]) + int(row["scattered"])
        share = hits / int(row["tagged"])
        first: datetime | None = row["first"]
        last: datetime | None = row["last"]
        summary = (
            f"{row['stuffed']} posts with excessive hashtags (from {context['excessive_from']} "
            f"tags; the norm is {context['norm_tags_per_post']:g}) and {row['scattered']} with "
            f"unrelated ones, of {row['tagged']} tagged posts."
        )
        return Finding(
            behaviour="spam.hashtag_stuffing",
            subject_type="account",
            subject_id=row["account_id"],
            account_ids=[row["account_id"]],
            score=0.5 + 0.5 * share,
            evidence={
                "summary": summary,
                **context,
                "tagged_posts": row["tagged"],
                "stuffed_posts": row["stuffed"],
                "scattered_posts": row["scattered"],
                "posts": evidence.get(row["account_id"], []),
            },
            window_start=first,
            window_end=last,
        )
