"""``engagement.lockstep``: groups of accounts engaging with the same targets together,
target after target (CopyCatch-style lockstep)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir
import numpy as np

from lockstep.detect.base import Detection, Detector, Edge, Finding, Requirement, param
from lockstep.detect.engagement.common import on_posts
from lockstep.detect.evidence import CAP, span
from lockstep.detect.text import components
from lockstep.lake import Lake

BEHAVIOUR = "engagement.lockstep"
SIGNAL = "lockstep_engagement"


@dataclass(frozen=True)
class Lockstep(Detector):
    """Groups of accounts that engage with the same posts within minutes of each other,
    across many posts by several authors.

    **Seed clause.** 001: "mutually interacting accounts – operating multiple accounts
    that interact with one another in order to inflate or manipulate the prominence of
    specific Tweets or accounts"; "engaging (Retweets, Likes, mentions, Twitter Poll
    votes) repeatedly with the same Tweets or accounts from multiple accounts that you
    operate".

    **Signal.** As in CopyCatch, a lockstep group is a set of accounts and a set of
    targets such that each account engaged each target within a narrow window of the
    others. Engagements of ``kinds`` are blocked by target and time bucket of
    ``window_minutes``: only accounts in the same or the next bucket of one target are
    paired, and only when their engagements are at most ``window_minutes`` apart, so a
    viral post never produces all pairs of its engagers. Buckets holding more than
    ``max_bucket`` accounts are a crowd, not a group, and are skipped. A pair is
    *in lockstep* when it co-engaged at least ``min_targets`` distinct posts by at least
    ``min_authors`` distinct authors, making up at least ``min_overlap`` of the posts the
    less active of the two engaged with at all (busy people who like many popular posts
    meet often by chance, but on a small part of what they like). Accounts with at least
    ``min_partners`` lockstep partners are reported; connected components of lockstep
    pairs are the groups.

    **Not flagged.** Fans swarming a star: the same minutes, but one author's few posts.
    Viral organic sharing: one item, and its crowded buckets are skipped. Organic
    activism: people like each other's posts on the cause, each a different few.
    A business's branches liking each other's posts hours apart. Groups that mostly
    co-engage posts by at least half of their own members are exchanging engagement,
    which ``engagement.reciprocal`` reports. Self-declared bots while
    ``exempt_declared_bots`` is on.

    **Score.** 1 − 0.5^(shared targets of the account's strongest pair / ``min_targets``),
    raised by 0.1 per further partner, capped at 1.

    **Evidence.** The group (component) size and members, the account's lockstep
    partners, the posts it co-engaged with them (with authors and times) and the window.
    Each lockstep pair is an edge (signal ``lockstep_engagement``, weight = shared
    targets) for the network stage.

    **Known limits.** A group that spreads each target's engagements over more than
    ``window_minutes`` or hides inside crowds larger than ``max_bucket`` is missed; a
    group promoting only one author's posts looks like a fan club and is left alone.
    Engagements on accounts (follows) are not compared here; see
    ``engagement.reciprocal``.
    """

    name: ClassVar[str] = BEHAVIOUR
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = (BEHAVIOUR,)
    requires: ClassVar[tuple[Requirement, ...]] = (
        Requirement("engagements", ("account_id", "kind", "created_at", "target_post_id")),
        Requirement("posts", ("post_id", "account_id", "created_at")),
    )

    kinds: str = param("like,repost,share,save,vote", "comma-separated engagement kinds compared")
    window_minutes: float = param(15.0, "engagements of one post this close are together")
    min_targets: int = param(5, "distinct posts a pair must co-engage with")
    min_authors: int = param(3, "distinct authors those posts must have")
    min_overlap: float = param(
        0.25, "share of the less active account's posts the pair co-engaged with"
    )
    min_partners: int = param(2, "lockstep partners an account needs to be reported")
    max_bucket: int = param(300, "accounts in one post's time bucket above which it is a crowd")
    exempt_declared_bots: bool = param(True, "leave out self-declared automated accounts")

    def detect(self, lake: Lake) -> Detection:
        kinds = [k.strip() for k in self.kinds.split(",") if k.strip()]
        events = self._events(lake, kinds).cache()
        try:
            pairs = self._pairs(events).to_pyarrow().to_pylist()
            if not pairs:
                return Detection(findings=self.findings([]), edges=self.edges([]))
            partners: dict[str, set[str]] = defaultdict(set)
            for p in pairs:
                partners[p["a"]].add(p["b"])
                partners[p["b"]].add(p["a"])
            flagged = sorted(a for a, ps in partners.items() if len(ps) >= self.min_partners)
            kept = [p for p in pairs if p["a"] in flagged and p["b"] in flagged]
            detail = self._detail(events, kept)
            backers = self._backers(lake, kinds, kept, detail)
        finally:
            events.release()
        groups = _groups(kept)
        pods = _pods(kept, groups, detail, backers)
        kept = [p for p in kept if p["a"] not in pods]
        flagged = [a for a in flagged if a not in pods]
        findings = [self._finding(a, kept, groups, detail) for a in flagged if a in groups]
        edges = [_edge(p, detail, self.window_minutes) for p in kept]
        return Detection(findings=self.findings(findings), edges=self.edges(edges))

    # -- engine ----------------------------------------------------------------------------

    def _events(self, lake: Lake, kinds: list[str]) -> ir.Table:
        """``src, post_id, author, t, bucket, n``: one row per account and post (its first
        engagement), with ``n`` the distinct posts the account engaged with in all."""
        rows = on_posts(lake, kinds)
        if self.exempt_declared_bots and not lake.missing_columns(
            "accounts", ("declared_automated",)
        ):
            acc = lake.table("accounts")
            bots = acc.filter(acc.declared_automated.fill_null(False)).select(src="account_id")
            rows = rows.anti_join(bots, "src")
        first = rows.group_by(["src", "post_id", "author"]).aggregate(t=rows.t.min())
        width = max(1, round(self.window_minutes * 60))
        bucket = (first.t.epoch_seconds() / width).floor().cast("int64")
        first = first.mutate(bucket=bucket)
        sizes = first.group_by(["post_id", "bucket"]).aggregate(n=first.count())
        ok = sizes.filter((sizes.n >= 2) & (sizes.n <= self.max_bucket)).select("post_id", "bucket")
        # an account pairs only through buckets that are neither lonely nor crowded, and
        # only accounts that engaged with enough posts can reach min_targets
        busy = first.group_by("src").aggregate(n=first.post_id.nunique())
        busy = busy.filter(busy.n >= self.min_targets)
        near = first.join(busy, "src")
        hit = near.semi_join(ok, ["post_id", "bucket"])
        shifted = ok.mutate(bucket=ok.bucket - 1)
        hit_next = near.semi_join(shifted, ["post_id", "bucket"])
        return hit.union(hit_next, distinct=True)

    def _pairs(self, events: ir.Table) -> ir.Table:
        """``a, b, targets, authors``: pairs co-engaging enough posts within the window."""
        left = events.select(a="src", post="post_id", author="author", t1="t", b1="bucket", na="n")
        right = events.select(b="src", post2="post_id", t2="t", b2="bucket", nb="n")
        window = ibis.interval(seconds=round(self.window_minutes * 60))
        same = left.join(
            right,
            [
                left.post == right.post2,
                left.b1 == right.b2,
                left.a < right.b,
                right.t2 <= left.t1 + window,
                left.t1 <= right.t2 + window,
            ],
        ).select("a", "b", "post", "author", least=ibis.least(ibis._.na, ibis._.nb))
        right_next = right.mutate(b2=right.b2 - 1)
        nxt = left.join(
            right_next,
            [
                left.post == right_next.post2,
                left.b1 == right_next.b2,
                left.a != right_next.b,
                right_next.t2 <= left.t1 + window,
            ],
        )
        nxt = nxt.select(
            a=ibis.least(nxt.a, nxt.b),
            b=ibis.greatest(nxt.a, nxt.b),
            post=nxt.post,
            author=nxt.author,
            least=ibis.least(nxt.na, nxt.nb),
        )
        both = same.union(nxt, distinct=True)
        counted = both.group_by(["a", "b"]).aggregate(
            targets=both.post.nunique(), authors=both.author.nunique(), least=both.least.max()
        )
        return counted.filter(
            (counted.targets >= self.min_targets)
            & (counted.authors >= self.min_authors)
            & (counted.targets >= self.min_overlap * counted.least)
        ).order_by(["a", "b"])

    def _detail(self, events: ir.Table, pairs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """Per reported account: its engagements (post, author, time) on co-engaged posts."""
        accounts = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs})
        if not accounts:
            return {}
        mine = events.filter(events.src.isin(accounts)).select("src", "post_id", "author", "t")
        out: dict[str, dict[str, Any]] = defaultdict(dict)
        for r in mine.order_by(["src", "t"]).to_pyarrow().to_pylist():
            out[r["src"]][r["post_id"]] = (r["author"], r["t"])
        return out

    def _backers(
        self,
        lake: Lake,
        kinds: list[str],
        pairs: list[dict[str, Any]],
        detail: dict[str, dict[str, Any]],
    ) -> dict[str, set[str]]:
        """Authors of co-engaged posts outside the reported accounts → the reported accounts
        whose posts they engaged with in turn, at any time: a pod's members beyond the
        lockstep group."""
        flagged = {p["a"] for p in pairs} | {p["b"] for p in pairs}
        outside = sorted({a for d in detail.values() for a, _ in d.values()} - flagged)
        if not outside:
            return {}
        rows = on_posts(lake, kinds)
        theirs = rows.filter(rows.src.isin(outside) & rows.author.isin(sorted(flagged)))
        out: dict[str, set[str]] = defaultdict(set)
        for r in theirs.select("src", "author").distinct().to_pyarrow().to_pylist():
            out[r["src"]].add(r["author"])
        return out

    # -- findings --------------------------------------------------------------------------

    def _finding(
        self,
        account: str,
        pairs: list[dict[str, Any]],
        groups: dict[str, list[str]],
        detail: dict[str, dict[str, Any]],
    ) -> Finding:
        mine = [p for p in pairs if account in (p["a"], p["b"])]
        partners = sorted({p["b"] if p["a"] == account else p["a"] for p in mine})
        own = detail.get(account, {})
        shared: dict[str, set[str]] = defaultdict(set)
        for other in partners:
            theirs = detail.get(other, {})
            for post, (_, t) in own.items():
                if post in theirs and abs((theirs[post][1] - t).total_seconds()) <= (
                    self.window_minutes * 60
                ):
                    shared[post].add(other)
        posts = sorted(shared, key=lambda p: own[p][1])
        times = [own[p][1] for p in posts] or [own[p][1] for p in own]
        authors = sorted({own[p][0] for p in posts})
        strongest = max(p["targets"] for p in mine)
        group = groups[account]
        summary = (
            f"engaged with {len(posts)} posts by {len(authors)} authors within "
            f"{self.window_minutes:g} minutes of {len(partners)} other accounts "
            f"{span(min(times), max(times))}; lockstep group of {len(group)} accounts"
        )
        return Finding(
            behaviour=BEHAVIOUR,
            subject_type="account",
            subject_id=account,
            account_ids=[account],
            score=min(
                1.0,
                1.0 - 0.5 ** (strongest / self.min_targets) + 0.1 * (len(partners) - 1),
            ),
            window_start=min(times),
            window_end=max(times),
            evidence={
                "summary": summary,
                "group_size": len(group),
                "group": group[:CAP],
                "partners": partners[:CAP],
                "partners_total": len(partners),
                "posts": [
                    {
                        "post_id": p,
                        "author": own[p][0],
                        "at": own[p][1],
                        "with": sorted(shared[p])[:CAP],
                    }
                    for p in posts[:CAP]
                ],
                "posts_total": len(posts),
                "authors_total": len(authors),
                "window_minutes": self.window_minutes,
            },
        )


def _groups(pairs: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Each account's group: the connected component of lockstep pairs it is in."""
    names = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs})
    index = {n: i for i, n in enumerate(names)}
    a = np.array([index[p["a"]] for p in pairs], dtype=np.int64)
    b = np.array([index[p["b"]] for p in pairs], dtype=np.int64)
    label = components(a, b, len(names))
    members: dict[int, list[str]] = defaultdict(list)
    for name, lab in zip(names, label, strict=True):
        members[int(lab)].append(name)
    return {name: members[int(label[index[name]])] for name in names}


def _pods(
    pairs: list[dict[str, Any]],
    groups: dict[str, list[str]],
    detail: dict[str, dict[str, Any]],
    backers: dict[str, set[str]],
) -> set[str]:
    """Accounts of groups that mostly co-engage their own members' posts, by at least half
    of the members (and three): an exchange among members (``engagement.reciprocal``),
    not a group amplifying targets or a few principals together.

    A pod is often larger than the part of it that meets in the same minutes: an author
    who engages in turn with the posts of at least half of the group's members (and two)
    is one of the pod, not a target the group amplifies (whose popular authors meet a few
    of the members' posts by chance).
    """
    own: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    authors: dict[str, set[str]] = defaultdict(set)
    for p in pairs:
        group = groups[p["a"]]
        key, members = group[0], set(group)
        left, right = detail.get(p["a"], {}), detail.get(p["b"], {})
        for post in set(left) & set(right):
            author = left[post][0]
            own[key][1] += 1
            backed = len(backers.get(author, set()) & members)
            if author in members or backed >= max(2, len(members) / 2):
                own[key][0] += 1
                authors[key].add(author)
    out: set[str] = set()
    for key, (inside, total) in own.items():
        engaged = len(authors[key])
        if total and inside >= 0.5 * total and engaged >= max(3, len(groups[key]) / 2):
            out |= set(groups[key])
    return out


def _edge(pair: dict[str, Any], detail: dict[str, dict[str, Any]], window_minutes: float) -> Edge:
    """The pair's edge, over the posts both engaged with within the window of each other
    (not every post both touched at some time), so its window is when they acted together."""
    left, right = detail.get(pair["a"], {}), detail.get(pair["b"], {})
    limit = window_minutes * 60
    posts = sorted(
        p
        for p in set(left) & set(right)
        if abs((left[p][1] - right[p][1]).total_seconds()) <= limit
    )
    times = [left[p][1] for p in posts] + [right[p][1] for p in posts]
    return Edge(
        signal=SIGNAL,
        src=pair["a"],
        dst=pair["b"],
        weight=float(pair["targets"]),
        window_start=min(times) if times else None,
        window_end=max(times) if times else None,
        evidence={
            "summary": (
                f"engaged with the same {pair['targets']} posts by {pair['authors']} authors "
                "within minutes of each other"
            ),
            "posts": posts[:CAP],
            "posts_total": pair["targets"],
        },
    )
