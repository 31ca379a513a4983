"""``engagement.reciprocal``: engagement pods, follow trains, like-for-like and
repost-for-repost rings."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir

from lockstep.detect.base import Detection, Detector, Edge, Finding, Requirement, param
from lockstep.detect.engagement.common import follows, languages, on_posts
from lockstep.detect.evidence import CAP, span
from lockstep.lake import Lake

BEHAVIOUR = "engagement.reciprocal"
SIGNAL = "reciprocal_engagement"
_WORD = re.compile(r"[^\W_]{3,}")


@dataclass(frozen=True)
class Reciprocal(Detector):
    """Sets of accounts that follow each other and engage each other's posts densely and
    quickly: pods, follow trains and like-for-like rings.

    **Seed clause.** 001: "reciprocal inflation – trading or coordinating to exchange
    follows or Tweet engagements (including but not limited to participation in 'follow
    trains,' 'decks,' and 'Retweet for Retweet' behavior)"; 000: "engagement pods (groups
    that agree to interact with each other's content)".

    **Signal.** Two accounts are *mutual* when they followed each other within
    ``follow_span_hours`` of one another, or each engaged (``kinds``) with posts of the
    other within ``max_delay_hours`` of posting, at least ``min_lift`` times as often as
    the other's audience explains (its share of the engagement received by accounts of
    its language, times the engager's engagement given): liking a popular account's posts
    is explained by its audience, liking a small account's every post is not.

    Mutual pairs form a graph. Pairs with at least ``min_partners`` common mutual
    partners, making up at least ``min_overlap`` of the smaller one's other partners, are
    kept (pruned until stable, a truss, so chance friendships and a member's own organic
    friends do not chain rings and crowds into one component); their connected
    components are rings. A ring of at least ``min_members`` accounts whose density
    (mutual pairs over possible pairs) reaches ``min_density`` is reported,
    every member with its own finding. Ordinary audiences do not explain such rings:
    people follow and like popular accounts, which rarely follow or like them back, and
    never all of a dozen of them within hours.

    **Not flagged.** A business's branches or a chapter organisation liking each other's
    posts: accounts that openly present as one organisation (most members' handles or
    display names share one word, such as the brand, that few other accounts use) are
    left alone while
    ``exempt_shared_name`` is on. A person's personal and hobby accounts (two accounts,
    below ``min_members``). Organic activism: people like a few posts on the cause, rarely
    each other's and rarely back. Fans of a star (the star does not engage back).
    Declared bots while ``exempt_declared_bots`` is on.

    **Score.** 0.5 + 0.25 × density + 0.25 × min(1, the member's mutual partners / 8).

    **Evidence.** The ring (size, density, members), the member's mutual partners with
    how each pair is mutual (follows with times, engaged posts), and the span.
    Each mutual pair inside a ring is an edge (signal ``reciprocal_engagement``).

    **Known limits.** A pod that trades engagement slower than ``max_delay_hours`` or a
    train whose follow-backs come days later is missed; a ring that disguises itself as
    one organisation is exempted by ``exempt_shared_name``. Rings smaller than
    ``min_members`` are not reported.
    """

    name: ClassVar[str] = BEHAVIOUR
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = (BEHAVIOUR,)
    requires: ClassVar[tuple[Requirement, ...]] = (
        Requirement("engagements", ("account_id", "kind", "created_at")),
    )

    kinds: str = param("like,repost,share,save,vote", "comma-separated kinds of post engagement")
    max_delay_hours: float = param(24.0, "engagement this soon after posting counts as traded")
    min_lift: float = param(
        10.0, "times more engagement each way than the other's audience share predicts"
    )
    follow_span_hours: float = param(48.0, "follows both ways this close together are mutual")
    min_partners: int = param(
        1, "triangles a mutual pair must close to count (common mutual partners)"
    )
    min_overlap: float = param(
        0.5, "share of the smaller of two accounts' other mutual partners they must share"
    )
    min_members: int = param(4, "accounts a ring needs to be reported")
    min_density: float = param(0.3, "mutual pairs over possible pairs a ring must reach")
    exempt_shared_name: bool = param(
        True, "leave out rings whose members openly share a name (branches of one business)"
    )
    exempt_declared_bots: bool = param(True, "leave out self-declared automated accounts")

    def detect(self, lake: Lake) -> Detection:
        empty = Detection(findings=self.findings([]), edges=self.edges([]))
        directed = self._directed(lake)
        if directed is None:
            return empty
        mutual = self._mutual(directed).to_pyarrow().to_pylist()
        rings = self._rings(mutual)
        if rings and self.exempt_shared_name:
            rings = self._without_shared_names(lake, rings)
        if not rings:
            return empty
        member_of = {a: i for i, ring in enumerate(rings) for a in ring["members"]}
        inside = [
            m
            for m in mutual
            if m["a"] in member_of and member_of[m["a"]] == member_of.get(m["b"], -1)
        ]
        findings = [self._finding(a, rings[member_of[a]], inside) for a in sorted(member_of)]
        edges = [_edge(m) for m in inside]
        return Detection(findings=self.findings(findings), edges=self.edges(edges))

    # -- engine ----------------------------------------------------------------------------

    def _directed(self, lake: Lake) -> ir.Table | None:
        """``src, dst, follow_t, engaged, first, last``: what one account did to another."""
        parts: list[ir.Table] = []
        if not lake.missing_columns("engagements", ("target_account_id",)):
            f = follows(lake)
            parts.append(
                f.select("src", "dst", "t", follow=ibis.literal(1), post=ibis.null("string"))
            )
        kinds = [k.strip() for k in self.kinds.split(",") if k.strip()]
        if (
            kinds
            and lake.has("posts")
            and not lake.missing_columns("engagements", ("target_post_id",))
        ):
            p = on_posts(lake, kinds)
            delay = ibis.interval(seconds=round(self.max_delay_hours * 3600))
            p = p.filter((p.t >= p.posted) & (p.t <= p.posted + delay))
            parts.append(
                p.select(src="src", dst="author", t="t", follow=ibis.literal(0), post="post_id")
            )
        if not parts:
            return None
        rows = parts[0] if len(parts) == 1 else parts[0].union(parts[1], distinct=False)
        if self.exempt_declared_bots and not lake.missing_columns(
            "accounts", ("declared_automated",)
        ):
            acc = lake.table("accounts")
            bots = acc.filter(acc.declared_automated.fill_null(False))
            rows = rows.anti_join(bots.select(src="account_id"), "src")
            rows = rows.anti_join(bots.select(dst="account_id"), "dst")
        pairs = rows.group_by(["src", "dst"]).aggregate(
            follow_t=rows.t.min(where=rows.follow == 1),
            posts=rows.post.collect(distinct=True),
            n=(rows.follow == 0).cast("int64").sum(),
            first=rows.t.min(),
            last=rows.t.max(),
        )
        # lift: how many times more often src engaged dst's posts than dst's share of all
        # engagement received predicts; popular accounts are engaged by everyone
        engaged = rows.filter(rows.follow == 0)
        given = engaged.group_by(g_src="src").aggregate(given=engaged.count())
        got = engaged.group_by(r_dst="dst").aggregate(got=engaged.count())
        pairs = pairs.left_join(given, pairs.src == given.g_src).drop("g_src")
        pairs = pairs.left_join(got, pairs.dst == got.r_dst).drop("r_dst")
        langs = languages(lake)
        if langs is None:
            pairs = pairs.mutate(pool=engaged.count().as_scalar())
        else:
            # shares within the receiver's language: a small community engages itself
            by_lang = got.join(langs, got.r_dst == langs.account_id)
            pools = by_lang.group_by("lang").aggregate(pool=by_lang.got.sum())
            own = langs.join(pools, "lang").select(l_id="account_id", pool="pool")
            pairs = pairs.left_join(own, pairs.dst == own.l_id).drop("l_id")
            pairs = pairs.mutate(pool=pairs.pool.fill_null(engaged.count().as_scalar()))
        expected = pairs.given.cast("float64") * pairs.got.cast("float64") / pairs.pool
        return pairs.mutate(lift=(pairs.n.cast("float64") / expected).fill_null(0.0)).drop(
            "given", "got", "n", "pool"
        )

    def _mutual(self, directed: ir.Table) -> ir.Table:
        """``a, b, follows, a_posts, b_posts, first, last``: pairs mutual either way."""
        back = directed.select(
            b_src="src",
            b_dst="dst",
            b_follow="follow_t",
            b_posts="posts",
            b_first="first",
            b_last="last",
            b_lift="lift",
        )
        j = directed.join(
            back,
            [directed.src == back.b_dst, directed.dst == back.b_src, directed.src < back.b_src],
        )
        gap = ibis.interval(seconds=round(self.follow_span_hours * 3600))
        follow_both = (
            j.follow_t.notnull()
            & j.b_follow.notnull()
            & (j.follow_t <= j.b_follow + gap)
            & (j.b_follow <= j.follow_t + gap)
        )
        engaged_both = (
            (j.posts.length() > 0)
            & (j.b_posts.length() > 0)
            & (j.lift >= self.min_lift)
            & (j.b_lift >= self.min_lift)
        )
        j = j.filter(follow_both | engaged_both)
        return j.select(
            a=j.src,
            b=j.dst,
            follows=follow_both,
            a_follow=j.follow_t,
            b_follow=j.b_follow,
            a_posts=j.posts,
            b_posts=j.b_posts,
            first=ibis.least(j.first, j.b_first),
            last=ibis.greatest(j.last, j.b_last),
        ).order_by(["a", "b"])

    # -- rings -----------------------------------------------------------------------------

    def _rings(self, mutual: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Dense rings: mutual pairs that share enough of their mutual partners, pruned
        until stable, joined into components that are big and dense enough."""
        nbrs: dict[str, set[str]] = defaultdict(set)
        for m in mutual:
            nbrs[m["a"]].add(m["b"])
            nbrs[m["b"]].add(m["a"])
        changed = True
        while changed:
            changed = False
            for a in sorted(nbrs):
                for b in sorted(nbrs[a]):
                    common = len(nbrs[a] & nbrs[b])
                    least = min(len(nbrs[a]), len(nbrs[b])) - 1
                    if a < b and (common < self.min_partners or common < self.min_overlap * least):
                        nbrs[a].discard(b)
                        nbrs[b].discard(a)
                        changed = True
        nbrs = defaultdict(set, {a: ns for a, ns in nbrs.items() if ns})
        seen: set[str] = set()
        rings = []
        for start in sorted(nbrs):
            if start in seen:
                continue
            stack, members = [start], []
            seen.add(start)
            while stack:
                a = stack.pop()
                members.append(a)
                for b in nbrs[a]:
                    if b not in seen:
                        seen.add(b)
                        stack.append(b)
            n = len(members)
            pairs = sum(len(nbrs[a]) for a in members) // 2
            density = pairs / (n * (n - 1) / 2) if n > 1 else 0.0
            if n >= self.min_members and density >= self.min_density:
                rings.append({"members": sorted(members), "pairs": pairs, "density": density})
        return rings

    def _without_shared_names(
        self, lake: Lake, rings: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Rings whose members do not openly present as one organisation."""
        cols = [c for c in ("handle", "display_name") if not lake.missing_columns("accounts", (c,))]
        if not cols:
            return rings
        members = sorted({a for r in rings for a in r["members"]})
        acc = lake.table("accounts")
        rows = acc.filter(acc.account_id.isin(members)).select("account_id", *cols)
        words: dict[str, set[str]] = {}
        for r in rows.to_pyarrow().to_pylist():
            text = " ".join(str(r[c] or "") for c in cols).casefold()
            words[r["account_id"]] = set(_WORD.findall(text))
        kept = []
        total = max(1, lake.rows("accounts"))
        for ring in rings:
            counts = Counter(w for a in ring["members"] for w in words.get(a, set()))
            shared = [w for w, n in counts.items() if n >= 0.8 * len(ring["members"])]
            # a brand is the ring's own word; a word many accounts use ("person") is not
            if not any(
                self._users(acc, cols, w) <= max(len(ring["members"]), 0.01 * total) for w in shared
            ):
                kept.append(ring)
        return kept

    @staticmethod
    def _users(acc: ir.Table, cols: list[str], word: str) -> int:
        """Accounts whose handle or display name contains ``word``."""
        hit: ir.BooleanValue = ibis.literal(False)
        for c in cols:
            hit = hit | acc[c].lower().contains(word).fill_null(False)
        return int(acc.filter(hit).count().to_pyarrow().as_py())

    # -- findings --------------------------------------------------------------------------

    def _finding(self, account: str, ring: dict[str, Any], inside: list[dict[str, Any]]) -> Finding:
        mine = [m for m in inside if account in (m["a"], m["b"])]
        partners = []
        follows_both = 0
        posts = 0
        for m in sorted(mine, key=lambda m: m["first"]):
            other = m["b"] if m["a"] == account else m["a"]
            follows_both += int(m["follows"])
            posts += len(m["a_posts"] or []) + len(m["b_posts"] or [])
            partners.append(
                {
                    "account_id": other,
                    "follow_each_other": bool(m["follows"]),
                    "engaged_posts": sorted((m["a_posts"] or []) + (m["b_posts"] or []))[:CAP],
                    "between": span(m["first"], m["last"]),
                }
            )
        first = min(m["first"] for m in mine)
        last = max(m["last"] for m in mine)
        members = ring["members"]
        summary = (
            f"one of a ring of {len(members)} accounts that follow and engage each other "
            f"(density {ring['density']:.0%}); it is mutual with {len(partners)} of them "
            f"({follows_both} follow each other, {posts} posts engaged both ways) "
            f"{span(first, last)}"
        )
        return Finding(
            behaviour=BEHAVIOUR,
            subject_type="account",
            subject_id=account,
            account_ids=[account],
            score=0.5 + 0.25 * ring["density"] + 0.25 * min(1.0, len(partners) / 8),
            window_start=first,
            window_end=last,
            evidence={
                "summary": summary,
                "ring_size": len(members),
                "ring_density": round(ring["density"], 4),
                "ring": members[:CAP],
                "partners": partners[:CAP],
                "partners_total": len(partners),
                "mutual_follows": follows_both,
            },
        )


def _edge(m: dict[str, Any]) -> Edge:
    posts = len(m["a_posts"] or []) + len(m["b_posts"] or [])
    how = "follow each other" if m["follows"] else "engage each other's posts"
    return Edge(
        signal=SIGNAL,
        src=m["a"],
        dst=m["b"],
        weight=float(int(m["follows"]) + posts),
        window_start=m["first"],
        window_end=m["last"],
        evidence={
            "summary": f"{how} ({posts} posts engaged both ways)",
            "follow_each_other": bool(m["follows"]),
            "posts": sorted((m["a_posts"] or []) + (m["b_posts"] or []))[:CAP],
        },
    )
