"""``engagement.purchased``: bought followers, likes, views, orders and reviews."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir

from lockstep.detect.base import Detection, Detector, Finding, Requirement, param
from lockstep.detect.engagement.common import follows, on_posts
from lockstep.detect.evidence import CAP, span
from lockstep.lake import Lake

BEHAVIOUR = "engagement.purchased"


@dataclass(frozen=True)
class Purchased(Detector):
    """Bursts of engagement on one target delivered by fake-looking accounts: the buyer and
    the vendor's accounts that delivered.

    **Seed clause.** 000: "manipulating platform mechanisms in order to artificially
    generate orders, views, likes, comments, follows, or positive customer
    feedback/ratings"; 001: "selling/purchasing Tweet or account metric inflation –
    selling or purchasing followers or engagements".

    **Signal.** Each account gets fake-looking signals from what the data holds about it:
    created less than ``young_days`` before the data starts, no avatar, an empty bio, at
    most ``max_followers`` followers, at most ``max_posts`` posts of its own and at most
    ``max_engagements`` engagements in the data (a vendor's stock does little but
    deliver). An account showing at least ``min_signals`` of those (of the ones the input
    has) is *low-quality*. For every target (an account followed; a post liked, viewed,
    ordered, reviewed, reposted, shared, saved or voted on) and kind, a sliding window of
    ``window_hours`` counts engagements and those by low-quality accounts. A target is
    bought when one window holds at least ``min_sources`` low-quality engagements making
    up at least ``min_fake_share`` of the window. The buyer is the account followed or the
    post's author. Sources are the low-quality accounts that delivered inside a bought
    window, and any account that delivered to the bursts of ``min_buyers`` different
    buyers (a vendor's account with a real-looking profile).

    **Not flagged.** Fans swarming a star's post, viral sharing and organic follower
    growth: the crowd is ordinary accounts, so the low-quality share stays low however
    large the burst. An ordinary person who happened to like a bought post in its window.

    **Score.** Buyers: 0.5 + 0.25 × min(1, sources / (4 × ``min_sources``)) + 0.25 × the
    low-quality share of the largest burst. Sources: 0.5 + 0.25 × signals / 6 + 0.25 ×
    min(1, bursts delivered / 3).

    **Evidence.** Per buyer: each bought burst (target, kind, window, engagements,
    low-quality share) with up to 20 source accounts. Per source: the buyers and targets
    it delivered to, with times, and its fake-looking signals.

    **Known limits.** Vendors whose accounts look real (aged, with pictures, bios and
    posts) are only caught through ``min_buyers``; a buyer whose order trickles in slower
    than ``min_sources`` per window is missed. Low-quality accounts genuinely joining a
    burst are flagged as sources.
    """

    name: ClassVar[str] = BEHAVIOUR
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = (BEHAVIOUR,)
    requires: ClassVar[tuple[Requirement, ...]] = (
        Requirement("engagements", ("account_id", "kind", "created_at")),
    )

    kinds: str = param(
        "like,view,order,review,repost,share,save,vote",
        "comma-separated engagement kinds on posts that can be bought (follows always count)",
    )
    window_hours: float = param(8.0, "length of the sliding window for a burst, in hours")
    min_sources: int = param(10, "low-quality engagements one window needs at least")
    min_fake_share: float = param(0.5, "share of a window's engagements that are low-quality")
    min_signals: int = param(4, "fake-looking signals that make an account low-quality")
    young_days: float = param(180.0, "accounts created this soon before the data are young")
    max_followers: int = param(10, "accounts with at most this many followers have few")
    max_posts: int = param(1, "accounts with at most this many posts in the data are idle")
    max_engagements: int = param(
        15, "accounts with at most this many engagements in the data are otherwise idle"
    )
    min_buyers: int = param(3, "buyers an account delivered to that make it a source anyway")

    def detect(self, lake: Lake) -> Detection:
        events = self._events(lake)
        quality = self._quality(lake, events)
        marked = events.left_join(quality, events.src == quality.q_id).select(
            "target", "kind", "buyer", "src", "t", signals=ibis._.signals.fill_null(0)
        )
        low = marked.mutate(fake=(marked.signals >= self._needed(lake)).cast("int64")).cache()
        try:
            bursts = self._bursts(low)
            rows = bursts.to_pyarrow().to_pylist()
            if not rows:
                return Detection(findings=self.findings([]))
            delivered = self._delivered(low, rows)
        finally:
            low.release()
        return Detection(findings=self.findings(self._findings(rows, delivered)))

    # -- engine ----------------------------------------------------------------------------

    def _events(self, lake: Lake) -> ir.Table:
        """``target, kind, buyer, src, t``: every engagement that could have been bought."""
        parts: list[ir.Table] = []
        if not lake.missing_columns("engagements", ("target_account_id",)):
            f = follows(lake)
            parts.append(
                f.select(target=f.dst, kind=ibis.literal("follow"), buyer=f.dst, src="src", t="t")
            )
        kinds = [k.strip() for k in self.kinds.split(",") if k.strip()]
        if (
            kinds
            and lake.has("posts")
            and not lake.missing_columns("engagements", ("target_post_id",))
        ):
            p = on_posts(lake, kinds)
            parts.append(p.select(target=p.post_id, kind="kind", buyer=p.author, src="src", t="t"))
        if not parts:
            eng = lake.table("engagements")
            return eng.select(
                target=ibis.null("string"),
                kind="kind",
                buyer=ibis.null("string"),
                src="account_id",
                t="created_at",
            ).limit(0)
        out = parts[0]
        for part in parts[1:]:
            out = out.union(part, distinct=False)
        return out

    def _signal_columns(self, lake: Lake) -> list[str]:
        wanted = ("created_at", "avatar_hash", "bio", "followers_count")
        return [c for c in wanted if not lake.missing_columns("accounts", (c,))]

    def _needed(self, lake: Lake) -> int:
        available = len(self._signal_columns(lake)) + int(lake.has("posts")) + 1
        return max(1, min(self.min_signals, available))

    def _quality(self, lake: Lake, events: ir.Table) -> ir.Table:
        """``q_id, signals``: fake-looking signals of every account that engaged."""
        acc = lake.table("accounts")
        cols = self._signal_columns(lake)
        start = events.t.min().as_scalar()
        terms: list[ir.IntegerValue] = []
        if "created_at" in cols:
            young = acc.created_at >= start - ibis.interval(seconds=round(self.young_days * 86400))
            terms.append(young.fill_null(False).cast("int64"))
        if "avatar_hash" in cols:
            terms.append((acc.avatar_hash.isnull() | (acc.avatar_hash == "")).cast("int64"))
        if "bio" in cols:
            terms.append((acc.bio.isnull() | (acc.bio.strip() == "")).cast("int64"))
        if "followers_count" in cols:
            few = acc.followers_count <= self.max_followers
            terms.append(few.fill_null(False).cast("int64"))
        signals: ir.IntegerValue = ibis.literal(0)
        for term in terms:
            signals = signals + term
        scored = acc.select(q_id=acc.account_id, signals=signals)
        if lake.has("posts"):
            posts = lake.table("posts")
            counts = posts.group_by(p_id=posts.account_id).aggregate(n=posts.count())
            scored = scored.left_join(counts, scored.q_id == counts.p_id).select(
                "q_id",
                signals=ibis._.signals + (ibis._.n.fill_null(0) <= self.max_posts).cast("int64"),
            )
        eng = lake.table("engagements")
        active = eng.group_by(e_id=eng.account_id).aggregate(m=eng.count())
        return scored.left_join(active, scored.q_id == active.e_id).select(
            "q_id",
            signals=ibis._.signals + (ibis._.m.fill_null(0) <= self.max_engagements).cast("int64"),
        )

    def _bursts(self, low: ir.Table) -> ir.Table:
        """Each bought (target, kind): its peak window of low-quality engagements."""
        fakes = low.filter(low.fake == 1)
        counts = fakes.group_by(["target", "kind"]).aggregate(n=fakes.count())
        busy = counts.filter(counts.n >= self.min_sources).select("target", "kind")
        on = low.semi_join(busy, ["target", "kind"])
        window = ibis.window(
            group_by=[on.target, on.kind],
            order_by=on.t,
            range=(-ibis.interval(seconds=round(self.window_hours * 3600)), 0),
        )
        counted = on.mutate(fakes=on.fake.sum().over(window), total=on.src.count().over(window))
        best = ibis.row_number().over(
            group_by=[counted.target, counted.kind],
            order_by=[ibis.desc(counted.fakes), counted.t],
        )
        peaks = counted.mutate(rank=best).filter(ibis._.rank == 0)
        peaks = peaks.filter(
            (peaks.fakes >= self.min_sources) & (peaks.fakes >= self.min_fake_share * peaks.total)
        )
        return peaks.select(
            "target",
            "kind",
            "buyer",
            "fakes",
            "total",
            w_end="t",
            w_start=peaks.t - ibis.interval(seconds=round(self.window_hours * 3600)),
        ).order_by(["buyer", "target", "kind"])

    def _delivered(self, low: ir.Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Engagements inside the bought windows, with each engager's signals."""
        windows = ibis.memtable(
            {
                "b_target": [r["target"] for r in rows],
                "b_kind": [r["kind"] for r in rows],
                "b_start": [r["w_start"] for r in rows],
                "b_end": [r["w_end"] for r in rows],
            }
        )
        inside = low.join(
            windows,
            [
                low.target == windows.b_target,
                low.kind == windows.b_kind,
                low.t >= windows.b_start,
                low.t <= windows.b_end,
            ],
        )
        ordered = inside.select("target", "kind", "buyer", "src", "t", "signals", "fake")
        found: list[dict[str, Any]] = (
            ordered.order_by(["target", "kind", "t", "src"]).to_pyarrow().to_pylist()
        )
        return found

    # -- findings --------------------------------------------------------------------------

    def _findings(
        self, rows: list[dict[str, Any]], delivered: list[dict[str, Any]]
    ) -> list[Finding]:
        by_burst: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        buyers_of: dict[str, set[str]] = defaultdict(set)
        for d in delivered:
            by_burst[(d["target"], d["kind"])].append(d)
            buyers_of[d["src"]].add(d["buyer"])
        sources = {
            d["src"] for d in delivered if d["fake"] or len(buyers_of[d["src"]]) >= self.min_buyers
        } - {r["buyer"] for r in rows}
        per_buyer: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            per_buyer[r["buyer"]].append(r)
        out = [
            self._buyer(buyer, bursts, by_burst, sources)
            for buyer, bursts in sorted(per_buyer.items())
        ]
        per_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for d in delivered:
            if d["src"] in sources:
                per_source[d["src"]].append(d)
        out.extend(self._source(src, items) for src, items in sorted(per_source.items()))
        return out

    def _buyer(
        self,
        buyer: str,
        bursts: list[dict[str, Any]],
        by_burst: dict[tuple[str, str], list[dict[str, Any]]],
        sources: set[str],
    ) -> Finding:
        listed = []
        all_sources: set[str] = set()
        times: list[datetime] = []
        for b in sorted(bursts, key=lambda b: (-b["fakes"], b["target"], b["kind"])):
            items = by_burst[(b["target"], b["kind"])]
            mine = sorted({d["src"] for d in items if d["src"] in sources})
            all_sources |= set(mine)
            first, last = items[0]["t"], items[-1]["t"]
            times += [first, last]
            listed.append(
                {
                    "target": b["target"],
                    "kind": b["kind"],
                    "window": span(first, last),
                    "engagements": b["total"],
                    "low_quality": b["fakes"],
                    "low_quality_share": round(b["fakes"] / b["total"], 4),
                    "sources": mine[:CAP],
                    "sources_total": len(mine),
                }
            )
        top = listed[0]
        what = "followed" if top["kind"] == "follow" else f"{top['kind']}s of post {top['target']}"
        summary = (
            f"received {top['engagements']} {what} {top['window']}, "
            f"{top['low_quality_share']:.0%} from fake-looking accounts; "
            f"{len(listed)} bought burst(s) from {len(all_sources)} source accounts in all"
        )
        share = top["low_quality_share"]
        return Finding(
            behaviour=BEHAVIOUR,
            subject_type="account",
            subject_id=buyer,
            account_ids=[buyer],
            score=0.5 + 0.25 * min(1.0, len(all_sources) / (4 * self.min_sources)) + 0.25 * share,
            window_start=min(times),
            window_end=max(times),
            evidence={
                "summary": summary,
                "role": "buyer",
                "bursts": listed[:CAP],
                "bursts_total": len(listed),
                "sources_total": len(all_sources),
                "window_hours": self.window_hours,
            },
        )

    def _source(self, src: str, items: list[dict[str, Any]]) -> Finding:
        buyers = sorted({d["buyer"] for d in items})
        bursts = sorted({(d["target"], d["kind"]) for d in items})
        signals = max(d["signals"] for d in items)
        times = sorted(d["t"] for d in items)
        summary = (
            f"fake-looking account ({signals} of 6 signals) that delivered "
            f"{len(items)} engagement(s) into {len(bursts)} bought burst(s) for "
            f"{len(buyers)} buyer(s) ({', '.join(buyers[:3])}) {span(times[0], times[-1])}"
        )
        return Finding(
            behaviour=BEHAVIOUR,
            subject_type="account",
            subject_id=src,
            account_ids=[src],
            score=0.5 + 0.25 * min(1.0, signals / 6) + 0.25 * min(1.0, len(bursts) / 3),
            window_start=times[0],
            window_end=times[-1],
            evidence={
                "summary": summary,
                "role": "source",
                "signals": signals,
                "buyers": buyers[:CAP],
                "buyers_total": len(buyers),
                "deliveries": [
                    {"target": d["target"], "kind": d["kind"], "buyer": d["buyer"], "at": d["t"]}
                    for d in items[:CAP]
                ],
                "deliveries_total": len(items),
            },
        )
