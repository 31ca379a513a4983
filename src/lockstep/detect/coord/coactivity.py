"""``coord.coactivity``: pairs of accounts that keep sharing the same things at the same time.

The edges the networks stage clusters into ``coord.network``; this detector emits no
findings of its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from lockstep.detect.base import Detection, Detector, Requirement, param
from lockstep.detect.coord.edgetable import (
    iso_seconds,
    json_object,
    json_string,
    to_edge_table,
)
from lockstep.detect.coord.objects import OTYPES, post_objects
from lockstep.detect.coord.pairs import (
    common_partners,
    fast_share_window,
    first_in_window,
    neighbour_pairs,
    pair_support,
    seconds,
    weighted,
)
from lockstep.detect.evidence import CAP
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
    the post's near-duplicate text group. Two accounts *co-share* an object when one shares
    it within ``window_minutes`` after the other. Each share is paired only with the next
    ``neighbours`` shares of the same object (:mod:`lockstep.detect.coord.pairs`), so a
    viral item's sharers are never all paired. An object shared ``n`` times weighs
    ``1/ln(n)`` (Adamic–Adar, counting shares so that a stock phrase a crowd posts every day
    weighs as little as its use says). A pair becomes edges, judged on the *strong* object
    types (reposts, links, media, text) and on at least ``min_days`` distinct days, in one
    of two ways. *On its own*: it co-shared in at least ``min_moments`` distinct *moments*
    with a weight of at least ``min_weight``. *Through its group*: it co-shared in at least
    ``group_moments`` moments, on as many distinct objects, with a weight of at least
    ``group_weight``, and its two accounts have at least ``min_common`` partners in common
    among such pairs (it closes that many triangles; partners are looked for among the
    ``witnesses`` partners the first account met most often, which bounds the cost).
    Operations act as groups: a big one meets each of its pairs rarely among ``neighbours``
    strangers, and a small one acts on few items, but their pairs that met twice on rare
    items share partners, while strangers who met twice by chance share none. A moment is a
    post or repost of the first account of the pair, so the link and text of one post are
    one moment. The *weak* types (hashtags, domains, reply targets) are too common between
    strangers to judge a pair by, and have many shares: they are paired afterwards among the
    accounts of qualifying pairs only, adding evidence and ``weak_factor`` times their
    weight. A qualifying pair gets one edge per object type it co-shared (signals
    ``co_repost``, ``co_link``, ``co_domain``, ``co_hashtag``, ``co_reply``, ``co_media``,
    ``co_text``), weighted by that type's part of the weight. With ``estimate_window`` the
    window is CooRnet's fast-share estimate from the data instead (the median of the
    ``fast_share_quantile`` fastest first co-shares), floored at one minute.

    **Left alone by design.** Viral organic items and fans swarming a star: a crowd's time
    neighbours are strangers who do not meet again, and a star's posts or a trending tag
    weigh little. Organic activism: one burst on one day around one hashtag and petition.
    A business's branches posting a promotion now and then: one moment per promotion,
    rarely within the window for every branch. Hobby bots: an account's repeats of its own
    object count once per window, and accounts that declare themselves automated are left
    out.

    **Weight.** The edge's share of the pair's Adamic–Adar weight (not bounded by 1).

    **Evidence.** The objects co-shared (capped) with both accounts' times and the gap in
    seconds, the pair's moments, objects, total weight and partners in common (counted
    only for pairs that passed the group conditions, else 0), and the window used.

    **Known limits.** Needs timestamps finer than the window. Two heavy reposters of one
    small community can meet on the same popular posts four times in two weeks by chance,
    and so can members of a dense fandom (a few hundred fans) who repost every one of a
    star's posts within minutes, day after day (the same few hundred accounts reposting
    one outlet within the hour every day likewise).
    A member who joins fewer than ``group_moments`` actions of its operation (or fewer than
    ``min_moments`` when its co-members rarely meet each other), or whose co-members are
    buried among more than ``neighbours`` strangers sharing the same object within
    minutes, gets no edge. A crowd small enough that its few stock phrases weigh over
    ``group_weight`` and dense enough to close triangles would be linked through its
    group. Near-duplicate text uses MinHash estimates (no exact check) for speed, and is
    the costliest signal.
    """

    name: ClassVar[str] = "coord.coactivity"
    version: ClassVar[str] = "2"
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
    neighbours: int = param(50, "each share is paired with at most this many next shares")
    min_moments: int = param(4, "distinct moments of co-sharing a pair needs for edges")
    min_days: int = param(2, "distinct days (UTC) those moments must fall on")
    min_weight: float = param(1.0, "Adamic-Adar weight a pair needs for edges on its own")
    group_moments: int = param(
        2,
        "distinct moments and objects a pair needs for edges when its accounts have partners"
        " in common",
    )
    group_weight: float = param(
        0.5, "with group_moments: Adamic-Adar weight a pair needs (two objects of <= 54 shares)"
    )
    min_common: int = param(
        2, "with group_moments: repeatedly co-sharing partners the pair's accounts share"
    )
    witnesses: int = param(
        20, "with min_common: partners in common are looked for among this many met most often"
    )
    weak_factor: float = param(0.25, "weight factor of hashtags, domains and replies")
    signals: str = param(",".join(OTYPES), "comma-separated object types to pair on")

    def detect(self, lake: Lake) -> Detection:
        objects = self._objects(lake).cache()
        try:
            window = self._window(objects)
            shares = weighted(first_in_window(objects, window)).cache()
            try:
                edges = self._edge_table(shares, window)
            finally:
                shares.release()
        finally:
            objects.release()
        return Detection(edges=edges)

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
        s = objects.mutate(s=seconds(objects.t))
        value = fast_share_window(s, self.fast_share_quantile).execute()
        if value is None or math.isnan(float(value)):
            return 60
        return max(60, round(float(value)))

    def _edge_table(self, shares: ir.Table, window: int) -> pa.Table:
        """The edges of the pairs that pass the thresholds, built in the engine.

        Pairs are found and judged on the strong object types alone; the weak ones (many
        shares, little meaning) are paired afterwards among the accounts of qualifying pairs
        only, for the evidence and the weight of their edges.
        """
        strong = shares.filter(~shares.otype.isin(WEAK))
        pairs = neighbour_pairs(strong, window, self.neighbours).cache()
        try:
            keep = self._qualifying(pairs).cache()
            try:
                ends = keep.select(account_id=keep.lo).union(keep.select(account_id=keep.hi))
                weak = shares.filter(shares.otype.isin(WEAK)).semi_join(ends, "account_id")
                weak_pairs = neighbour_pairs(weak, window, self.neighbours)
                found = pairs.union(weak_pairs, distinct=False).join(keep, ["lo", "hi"])
                return to_edge_table(
                    _edges(found, window, self.weak_factor), self.name, self.version
                )
            finally:
                keep.release()
        finally:
            pairs.release()

    def _qualifying(self, pairs: ir.Table) -> ir.Table:
        """``lo, hi, moments, common`` of the pairs that qualify, on their own or through
        their group."""
        support = pair_support(pairs, {})
        support = support.filter(support.days >= self.min_days)
        repeated = support.filter(
            (support.moments >= self.group_moments)
            & (support.objects >= self.group_moments)
            & (support.weight >= self.group_weight)
        )
        common = common_partners(repeated.select("lo", "hi", "moments", "objects"), self.witnesses)
        support = support.left_join(common, ["lo", "hi"]).select(
            *support.columns, common=common.common.fill_null(0)
        )
        keep = support.filter(
            ((support.moments >= self.min_moments) & (support.weight >= self.min_weight))
            | (support.common >= self.min_common)
        )
        return keep.select("lo", "hi", "moments", "common")


def _edges(found: ir.Table, window: int, weak_factor: float) -> ir.Table:
    """One edge per qualifying pair and object type: ``signal, src, dst, weight,
    window_start, window_end, evidence`` (the objects, heaviest first, capped)."""
    per_object = found.group_by("lo", "hi", "otype", "value").aggregate(
        idf=found.idf.max(),
        sharers=found.sharers.max(),
        t_lo=found.t_lo.min(),
        t_hi=found.t_hi.min(),
        gap=found.gap.min(),
        times=found.moment.nunique(),
        moments=found.moments.max(),
        common=found.common.max(),
    )
    w = per_object.idf * ibis.ifelse(per_object.otype.isin(WEAK), weak_factor, 1.0)
    per_object = per_object.mutate(w=w)
    per_object = per_object.mutate(
        pair_weight=per_object.w.sum().over(group_by=["lo", "hi"]),
        rank=ibis.row_number().over(
            group_by=["lo", "hi", "otype"],
            order_by=[per_object.w.desc(), per_object.t_lo, per_object.value],
        ),
        entry=json_object(
            {
                "value": json_string(per_object.value),
                "sharers": per_object.sharers,
                "src_time": json_string(iso_seconds(per_object.t_lo)),
                "dst_time": json_string(iso_seconds(per_object.t_hi)),
                "gap_seconds": per_object.gap,
                "times": per_object.times,
            }
        ),
    )
    top = per_object.rank == 0
    g = per_object.group_by("lo", "hi", "otype").aggregate(
        weight=per_object.w.sum(),
        window_start=ibis.least(per_object.t_lo, per_object.t_hi).min(),
        window_end=ibis.greatest(per_object.t_lo, per_object.t_hi).max(),
        total=per_object.count(),
        # the CAP heaviest entries one column each: an ordered string aggregation is
        # not portable across engines (Spark has none)
        **{f"e{k}": per_object.entry.max(where=per_object.rank == k) for k in range(CAP)},
        value=per_object.value.max(where=top),
        t_lo=per_object.t_lo.max(where=top),
        t_hi=per_object.t_hi.max(where=top),
        sharers=per_object.sharers.max(where=top),
        moments=per_object.moments.max(),
        common=per_object.common.max(),
        pair_weight=per_object.pair_weight.max(),
    )
    listed = ibis.literal(", ").join([g[f"e{k}"] for k in range(CAP)])  # skips the nulls
    noun = g.otype.substitute(NOUNS)
    summary = g.lo.concat(
        " and ",
        g.hi,
        " ",
        noun,
        " ",
        g.total.cast("string"),
        f" time(s) within {window // 60} minutes of each other (e.g. ",
        g.value,
        ": ",
        iso_seconds(g.t_lo),
        " and ",
        iso_seconds(g.t_hi),
        ", ",
        g.sharers.cast("string"),
        " sharers in all); ",
        g.moments.cast("string"),
        " moments of co-activity in all",
    )
    evidence = json_object(
        {
            "summary": json_string(summary),
            "objects": ibis.literal("[").concat(listed, ibis.literal("]")),
            "objects_total": g.total,
            "pair_moments": g.moments,
            "pair_weight": g.pair_weight.round(6),
            "pair_common_partners": g.common,
            "window_seconds": ibis.literal(window),
        }
    )
    return g.select(
        signal=ibis.literal("co_").concat(g.otype),
        src=g.lo,
        dst=g.hi,
        weight=g.weight,
        window_start=g.window_start,
        window_end=g.window_end,
        evidence=evidence,
    )
