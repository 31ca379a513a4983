"""``coord.coactivity``: pairs of accounts that keep sharing the same things at the same time.

The edges the networks stage clusters into ``coord.network``; this detector emits no
findings of its own.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

import ibis.expr.types as ir

from lockstep.detect.base import Detection, Detector, Edge, Requirement, param
from lockstep.detect.coord.objects import OTYPES, post_objects
from lockstep.detect.coord.pairs import (
    fast_share_window,
    first_in_window,
    neighbour_pairs,
    pair_support,
    weighted,
)
from lockstep.detect.evidence import CAP, iso
from lockstep.lake import Lake

#: Object types whose sharing is common between unrelated people (a trending hashtag, a
#: big news site, a reply under a friend's post): they count with ``weak_factor``.
WEAK = ("hashtag", "domain", "reply")
NOUNS = {
    "repost": "reposted or quoted the same post",
    "link": "posted the same link",
    "domain": "linked the same site",
    "hashtag": "used the same hashtag",
    "reply": "replied to the same post",
    "media": "posted the same media",
    "text": "posted near-identical text",
}


@dataclass(frozen=True)
class CoActivity(Detector):
    """Account pairs that share the same objects within minutes of each other, again and again.

    **Seed clause.** 001: "coordinating with or compensating others to engage in or
    artificially amplify"; 002: networks of fabricated accounts amplifying one narrative.
    This detector supplies the evidence; ``coord.network`` is decided by the networks stage.

    **Signal.** Every post and repost is reduced to its *objects*
    (:mod:`lockstep.detect.coord.objects`): the post reposted or quoted, each normalised
    link and its registered domain, each hashtag, the post replied to, each media hash and
    the post's near-duplicate text group. Two accounts *co-share* an object when one
    shares it within ``window_minutes`` after the other. Each share is paired only with
    the next ``neighbours`` shares of the same object (:mod:`lockstep.detect.coord.pairs`),
    so a viral item's sharers are never all paired. An object shared by ``n`` accounts
    weighs ``1 / ln(n)`` (Adamic–Adar), times ``weak_factor`` for hashtags, domains and
    replies. A pair becomes edges when it co-shared in at least ``min_moments`` distinct
    moments (posts or reposts of the first account of the pair: the link, hashtag and text
    of one post are one moment) and its weight reaches ``min_weight``; then it gets one
    edge per object type it co-shared (signals ``co_repost``, ``co_link``, ``co_domain``,
    ``co_hashtag``, ``co_reply``, ``co_media``, ``co_text``), weighted by that type's share
    of the weight. With ``estimate_window`` the window is CooRnet's fast-share estimate
    from the data instead (the median of the ``fast_share_quantile`` fastest first
    co-shares), floored at one minute.

    **Left alone by design.** Viral organic items and fans swarming a star: their objects
    have hundreds of sharers (low weight) and a crowd's time neighbours are strangers who
    do not meet again. Organic activism: one burst around one hashtag and petition gives
    one or two moments. A business's branches posting one promotion: one moment per
    promotion. Hobby bots: an account's repeats of its own object count once per window,
    and accounts that declare themselves automated are left out.

    **Weight.** The edge's share of the pair's Adamic–Adar weight (not bounded by 1).

    **Evidence.** The objects co-shared (capped) with both accounts' times and the gap in
    seconds, the pair's moments, objects and total weight, and the window used.

    **Known limits.** Needs timestamps finer than the window. Two heavy users of the same
    small community who reply under the same friends' posts for weeks can pass; so can a
    group that coordinates only on one object type too popular to weigh. Near-duplicate
    text uses MinHash estimates (no exact check) for speed.
    """

    name: ClassVar[str] = "coord.coactivity"
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = ("coord.network",)
    requires: ClassVar[tuple[Requirement, ...]] = (
        Requirement("posts", ("post_id", "account_id", "created_at")),
    )

    window_minutes: float = param(30.0, "co-shares further apart than this are not paired")
    estimate_window: bool = param(
        False, "use CooRnet's fast-share estimate from the data instead of window_minutes"
    )
    fast_share_quantile: float = param(
        0.1, "with estimate_window: the window is the median of this share of fastest co-shares"
    )
    neighbours: int = param(10, "each share is paired with at most this many next shares")
    min_moments: int = param(4, "distinct moments of co-sharing a pair needs for edges")
    min_weight: float = param(1.0, "Adamic-Adar weight a pair needs for edges")
    weak_factor: float = param(0.25, "weight factor of hashtags, domains and replies")
    signals: str = param(",".join(OTYPES), "comma-separated object types to pair on")

    def detect(self, lake: Lake) -> Detection:
        objects = self._objects(lake).cache()
        try:
            window = self._window(objects)
            shares = weighted(first_in_window(objects, window)).cache()
            try:
                rows = self._qualifying(neighbour_pairs(shares, window, self.neighbours))
            finally:
                shares.release()
        finally:
            objects.release()
        return Detection(edges=self.edges(_edges(rows, window)))

    def _objects(self, lake: Lake) -> ir.Table:
        """Post objects of the chosen signals, less those of declared (self-labelled) bots."""
        otypes = [s.strip() for s in self.signals.split(",") if s.strip()]
        objects = post_objects(lake, otypes)
        if lake.has("accounts") and not lake.missing_columns("accounts", ["declared_automated"]):
            acc = lake.table("accounts")
            bots = acc.filter(acc.declared_automated.fill_null(False)).select("account_id")
            objects = objects.anti_join(bots, "account_id")
        return objects

    def window_seconds(self, lake: Lake) -> int:
        """The window this detector uses on ``lake``, in seconds."""
        return self._window(self._objects(lake))

    def _window(self, objects: ir.Table) -> int:
        """The window in seconds: fixed, or estimated from the data."""
        if not self.estimate_window:
            return max(1, round(self.window_minutes * 60))
        s = objects.mutate(s=objects.t.epoch_seconds().cast("int64"))
        value = fast_share_window(s, self.fast_share_quantile).execute()
        if value is None or math.isnan(float(value)):
            return 60
        return max(60, round(float(value)))

    def _qualifying(self, pairs: ir.Table) -> list[dict[str, Any]]:
        """Per-object rows of the pairs that pass ``min_moments`` and ``min_weight``."""
        pairs = pairs.cache()
        try:
            factors = dict.fromkeys(WEAK, self.weak_factor)
            support = pair_support(pairs, factors)
            keep = support.filter(
                (support.moments >= self.min_moments) & (support.weight >= self.min_weight)
            )
            joined = pairs.join(keep, ["lo", "hi"])
            per_object = joined.group_by("lo", "hi", "otype", "value").aggregate(
                idf=joined.idf.max(),
                sharers=joined.sharers.max(),
                t_lo=joined.t_lo.min(),
                t_hi=joined.t_hi.min(),
                gap=joined.gap.min(),
                times=joined.moment.nunique(),
                moments=joined.moments.max(),
                pair_weight=joined.weight.max(),
            )
            rows: list[dict[str, Any]] = (
                per_object.order_by("lo", "hi", "otype", "value").to_pyarrow().to_pylist()
            )
        finally:
            pairs.release()
        factor = {o: (self.weak_factor if o in WEAK else 1.0) for o in OTYPES}
        for r in rows:
            r["w"] = r["idf"] * factor[r["otype"]]
        return rows


def _edges(rows: list[dict[str, Any]], window: int) -> list[Edge]:
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        grouped[(r["lo"], r["hi"], r["otype"])].append(r)
    out = []
    for (lo, hi, otype), objs in sorted(grouped.items()):
        objs.sort(key=lambda r: (-r["w"], r["t_lo"], r["value"]))
        first: datetime = min(min(r["t_lo"], r["t_hi"]) for r in objs)
        last: datetime = max(max(r["t_lo"], r["t_hi"]) for r in objs)
        top = objs[0]
        out.append(
            Edge(
                signal=f"co_{otype}",
                src=lo,
                dst=hi,
                weight=sum(r["w"] for r in objs),
                window_start=first,
                window_end=last,
                evidence={
                    "summary": (
                        f"{lo} and {hi} {NOUNS[otype]} {len(objs)} time(s) within "
                        f"{window // 60} minutes of each other (e.g. {top['value']}: "
                        f"{iso(top['t_lo'])} and {iso(top['t_hi'])}, {top['sharers']} "
                        f"sharers in all); {top['moments']} moments of co-activity in all"
                    ),
                    "objects": [
                        {
                            "value": r["value"],
                            "sharers": r["sharers"],
                            "src_time": iso(r["t_lo"]),
                            "dst_time": iso(r["t_hi"]),
                            "gap_seconds": r["gap"],
                            "times": r["times"],
                        }
                        for r in objs[:CAP]
                    ],
                    "objects_total": len(objs),
                    "pair_moments": top["moments"],
                    "pair_weight": round(top["pair_weight"], 6),
                    "window_seconds": window,
                },
            )
        )
    return out
