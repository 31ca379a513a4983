"""``engagement.indiscriminate_follow``: following many unrelated accounts in a short time,
or copying another account's followers."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir

from lockstep.detect.base import Detection, Detector, Finding, Requirement, param
from lockstep.detect.engagement.common import follows, languages, quantile
from lockstep.detect.evidence import CAP, span
from lockstep.lake import Lake

BEHAVIOUR = "engagement.indiscriminate_follow"


def diversity(counts: Counter[str]) -> float:
    """Gini-Simpson diversity: the chance two follows picked at random differ in language."""
    total = sum(counts.values())
    if total == 0:
        return 0.0
    return 1.0 - sum((n / total) ** 2 for n in counts.values())


@dataclass(frozen=True)
class IndiscriminateFollow(Detector):
    """Accounts following a burst of unrelated accounts, or another account's followers.

    **Seed clause.** 001: "indiscriminate following – following and/or unfollowing a large
    number of unrelated accounts in a short time period, particularly by automated means;
    and duplicating another account's followers, particularly using automation".

    **Signal.** For every account, a sliding window of ``window_hours`` counts its follows;
    the peak is its burst. A burst is large when it reaches ``min_follows`` and ``factor``
    times the ``quantile`` of all following accounts' peaks (relative to the data's normal
    rate). A large burst is flagged when its targets are *unrelated* or *copied*:

    * unrelated: the targets' languages are as mixed as the whole population's. Their
      Gini-Simpson diversity (the chance two targets differ in language) reaches
      ``min_diversity`` times the population's; people follow within their own language
      and a lingua franca, so even keen followers stay well below.
    * copied: at least ``min_copy_share`` of the burst's targets are followers of one
      other account, and they cover at least ``min_copy_coverage`` of that account's
      followers in the data (a burst that *is* someone's follower list, not one that
      overlaps the audience of a popular account of the same community).

    **Not flagged.** Popular accounts gaining many followers (only the follower side is
    counted). A fan following many accounts of one community or language in an evening
    (related targets). Follow churners that follow popular accounts of their own language
    (``engagement.follow_churn`` covers them). Following the followers of a star whose
    followers are a small part of one's burst.

    **Score.** 0.5 + 0.25 × min(1, burst / (4 × threshold)) + 0.25 for each of the two
    signals present.

    **Evidence.** The burst (follows, window), the population level behind the threshold,
    the targets' language mix against the population's, the copied account with overlap
    and coverage, and up to 20 targets.

    **Known limits.** Relatedness is judged by declared language only (topics and
    communities are not in the input contract); a burst of unrelated follows all in one
    language is caught only when copied. Without ``accounts.lang`` only copying is checked.
    """

    name: ClassVar[str] = BEHAVIOUR
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = (BEHAVIOUR,)
    requires: ClassVar[tuple[Requirement, ...]] = (
        Requirement("engagements", ("account_id", "kind", "created_at", "target_account_id")),
    )

    window_hours: float = param(6.0, "length of the sliding window for a burst, in hours")
    min_follows: int = param(60, "follows in one window an account needs at least")
    quantile: float = param(0.99, "population quantile of burst peaks the bar is set by")
    factor: float = param(3.0, "times the population quantile a burst must reach")
    min_diversity: float = param(
        0.6, "target-language diversity, as a share of the population's, that is unrelated"
    )
    min_copy_share: float = param(0.8, "share of the burst that is one account's followers")
    min_copy_coverage: float = param(0.5, "share of that account's followers the burst covers")

    def detect(self, lake: Lake) -> Detection:
        followed = follows(lake).cache()
        try:
            peaks = self._peaks(followed)
            level = quantile(lake, peaks.peak, self.quantile)
            threshold = max(float(self.min_follows), self.factor * level)
            rows = peaks.filter(peaks.peak >= threshold).order_by("src").to_pyarrow().to_pylist()
            if not rows:
                return Detection(findings=self.findings([]))
            burst = self._burst(followed, rows)
            langs = self._languages(lake, burst)
            copied = self._copied(followed, burst)
        finally:
            followed.release()
        findings = []
        for r in rows:
            found = self._finding(r, burst[r["src"]], langs, copied.get(r["src"]), threshold, level)
            if found is not None:
                findings.append(found)
        return Detection(findings=self.findings(findings))

    def _peaks(self, followed: ir.Table) -> ir.Table:
        """``src, peak, peak_end``: every following account's largest burst."""
        window = ibis.window(
            group_by=followed.src,
            order_by=followed.t,
            range=(-ibis.interval(seconds=round(self.window_hours * 3600)), 0),
        )
        counted = followed.mutate(n=followed.dst.count().over(window))
        best = ibis.row_number().over(
            group_by=counted.src, order_by=[ibis.desc(counted.n), counted.t]
        )
        return (
            counted.mutate(rank=best)
            .filter(ibis._.rank == 0)
            .select("src", peak=ibis._.n, peak_end=ibis._.t)
        )

    def _burst(self, followed: ir.Table, rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
        """The follows inside each flagged account's peak window."""
        width = timedelta(hours=self.window_hours)
        windows = ibis.memtable(
            {
                "w_src": [r["src"] for r in rows],
                "w_end": [r["peak_end"] for r in rows],
                "w_start": [r["peak_end"] - width for r in rows],
            }
        )
        inside = followed.join(windows, followed.src == windows.w_src)
        inside = inside.filter((inside.t >= inside.w_start) & (inside.t <= inside.w_end))
        out: dict[str, list[Any]] = defaultdict(list)
        ordered = inside.select("src", "dst", "t").order_by(["src", "t", "dst"])
        for r in ordered.to_pyarrow().to_pylist():
            out[r["src"]].append((r["dst"], r["t"]))
        return out

    def _languages(self, lake: Lake, burst: dict[str, list[Any]]) -> dict[str, Any]:
        """The population's language diversity and each target's language."""
        table = languages(lake)
        if table is None:
            return {}
        counts = table.group_by("lang").aggregate(n=table.count()).to_pyarrow().to_pylist()
        population = Counter({r["lang"]: int(r["n"]) for r in counts})
        wanted = sorted({d for pairs in burst.values() for d, _ in pairs} | set(burst))
        known = table.filter(table.account_id.isin(wanted)).to_pyarrow().to_pylist()
        return {
            "population": diversity(population),
            "of": {r["account_id"]: r["lang"] for r in known},
        }

    def _copied(self, followed: ir.Table, burst: dict[str, list[Any]]) -> dict[str, Any]:
        """Per bursting account, the account whose followers its burst copies most."""
        pairs = ibis.memtable(
            {
                "c_src": [s for s, items in burst.items() for _ in items],
                "c_dst": [d for items in burst.values() for d, _ in items],
            }
        ).distinct()
        theirs = followed.select(f_src="src", model="dst").distinct()
        joined = pairs.join(theirs, pairs.c_dst == theirs.f_src)
        joined = joined.filter(joined.model != joined.c_src)
        common = joined.group_by(["c_src", "model"]).aggregate(common=joined.c_dst.nunique())
        sizes = theirs.group_by("model").aggregate(followers=theirs.f_src.nunique())
        best = common.join(sizes, "model")
        rank = ibis.row_number().over(
            group_by=best.c_src, order_by=[ibis.desc(best.common), best.model]
        )
        top = best.mutate(rank=rank).filter(ibis._.rank == 0)
        return {r["c_src"]: r for r in top.to_pyarrow().to_pylist()}

    def _finding(
        self,
        row: dict[str, Any],
        items: list[Any],
        langs: dict[str, Any],
        copy: dict[str, Any] | None,
        threshold: float,
        level: float,
    ) -> Finding | None:
        targets = sorted({d for d, _ in items})
        evidence: dict[str, Any] = {}
        reasons = []
        if langs:
            of = langs["of"]
            mix = Counter(of[d] for d in targets if d in of)
            div = diversity(mix)
            unrelated = div >= self.min_diversity * langs["population"] and len(mix) > 1
            evidence.update(
                target_languages=dict(mix.most_common(CAP)),
                language_diversity=round(div, 4),
                population_language_diversity=round(langs["population"], 4),
                own_language=of.get(row["src"]),
            )
            if unrelated:
                reasons.append(f"in {len(mix)} languages")
        if copy is not None:
            share = copy["common"] / max(1, len(targets))
            coverage = copy["common"] / max(1, copy["followers"])
            evidence.update(
                copied_account=copy["model"],
                copied_followers=copy["common"],
                copied_share=round(share, 4),
                copied_coverage=round(coverage, 4),
            )
            if share >= self.min_copy_share and coverage >= self.min_copy_coverage:
                reasons.append(
                    f"{share:.0%} of them followers of {copy['model']} "
                    f"({coverage:.0%} of that account's followers)"
                )
        if not reasons:
            return None
        first: datetime = items[0][1]
        last: datetime = items[-1][1]
        summary = (
            f"followed {row['peak']} accounts {span(first, last)} "
            f"(normal peak here: {level:g} per {self.window_hours:g} h), " + " and ".join(reasons)
        )
        return Finding(
            behaviour=BEHAVIOUR,
            subject_type="account",
            subject_id=row["src"],
            account_ids=[row["src"]],
            score=0.5 + 0.25 * min(1.0, row["peak"] / (4 * threshold)) + 0.25 * len(reasons) / 2,
            window_start=first,
            window_end=last,
            evidence={
                "summary": summary,
                "burst_follows": row["peak"],
                "window_hours": self.window_hours,
                "threshold": threshold,
                "population_level": level,
                **evidence,
                "targets": targets[:CAP],
                "targets_total": len(targets),
            },
        )
