"""``engagement.follow_churn``: following many accounts, then unfollowing them again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import ibis

from lockstep.detect.base import Detection, Detector, Finding, Requirement, param
from lockstep.detect.engagement.common import follows, quantile
from lockstep.detect.evidence import CAP, iso
from lockstep.lake import Lake

BEHAVIOUR = "engagement.follow_churn"


@dataclass(frozen=True)
class FollowChurn(Detector):
    """Accounts that follow many accounts and unfollow most of them again soon after.

    **Seed clause.** 001: "follow churn – following and then unfollowing large numbers of
    accounts in an effort to inflate one's own follower count".

    **Signal.** A *churned* follow is a follow of an account undone by an unfollow of the
    same account within ``max_gap_hours``: the churner waits for the follow-back, then
    drops the follow so its own ratio looks good. Per account the detector counts churned
    follows and their share of all its follows. The threshold is relative to the data:
    an account is flagged when its churned follows reach ``min_churned`` and
    ``factor`` times the ``quantile`` of churned follows among all accounts that follow
    anyone (so a platform where people prune follows more often raises the bar), and at
    least ``min_share`` of its follows were churned.

    **Not flagged.** People who unfollow now and then (a handful of churned follows), or
    unfollow accounts they followed long ago (outside the gap). Popular accounts gaining
    and losing followers: only the account that follows and unfollows is counted.

    **Score.** 0.5 + 0.5 × min(1, churned / (4 × threshold)) scaled by the churned share.

    **Evidence.** Churned follows with the share of all follows, the threshold used and the
    population level behind it, the number of churned accounts that followed back in
    between, and up to 20 churned targets with follow and unfollow times.

    **Known limits.** Needs both follows and unfollows as engagements; a platform export
    with only current follow state cannot show churn. A churner that waits longer than
    ``max_gap_hours`` before unfollowing is missed; raise it for slow churn.
    """

    name: ClassVar[str] = BEHAVIOUR
    version: ClassVar[str] = "1"
    behaviours: ClassVar[tuple[str, ...]] = (BEHAVIOUR,)
    requires: ClassVar[tuple[Requirement, ...]] = (
        Requirement("engagements", ("account_id", "kind", "created_at", "target_account_id")),
    )

    max_gap_hours: float = param(168.0, "an unfollow this soon after the follow churns it")
    min_churned: int = param(40, "churned follows an account needs at least")
    quantile: float = param(0.99, "population quantile of churned follows the bar is set by")
    factor: float = param(3.0, "times the population quantile an account must reach")
    min_share: float = param(0.3, "share of the account's follows that were churned")

    def detect(self, lake: Lake) -> Detection:
        followed = follows(lake, "follow")
        unfollowed = follows(lake, "unfollow").rename(usrc="src", udst="dst", tu="t")
        gap = ibis.interval(seconds=round(self.max_gap_hours * 3600))
        joined = followed.join(
            unfollowed,
            [
                followed.src == unfollowed.usrc,
                followed.dst == unfollowed.udst,
                unfollowed.tu > followed.t,
                unfollowed.tu <= followed.t + gap,
            ],
        )
        churned = joined.group_by(["src", "dst"]).aggregate(
            t_follow=joined.t.min(), t_unfollow=joined.tu.min()
        )
        per = churned.group_by("src").aggregate(churned=churned.count())
        everyone = followed.group_by("src").aggregate(follows=followed.dst.nunique())
        counted = everyone.left_join(per, "src").select(
            "src", "follows", churned=ibis._.churned.fill_null(0)
        )
        level = quantile(lake, counted.churned, self.quantile)
        threshold = max(float(self.min_churned), self.factor * level)
        hits = counted.filter(
            (counted.churned >= threshold) & (counted.churned >= self.min_share * counted.follows)
        )
        rows = hits.order_by("src").to_pyarrow().to_pylist()
        if not rows:
            return Detection(findings=self.findings([]))
        targets = self._targets(lake, churned, [r["src"] for r in rows])
        findings = [self._finding(r, targets[r["src"]], threshold, level) for r in rows]
        return Detection(findings=self.findings(findings))

    def _targets(
        self, lake: Lake, churned: ibis.Table, accounts: list[str]
    ) -> dict[str, list[dict[str, Any]]]:
        """Churned follows of the flagged accounts, with whether the target followed back
        between the follow and the unfollow."""
        mine = churned.filter(churned.src.isin(accounts))
        back = follows(lake, "follow").rename(bsrc="src", bdst="dst", tb="t")
        joined = mine.left_join(
            back,
            [
                mine.dst == back.bsrc,
                mine.src == back.bdst,
                back.tb >= mine.t_follow,
                back.tb <= mine.t_unfollow,
            ],
        )
        rows = (
            joined.group_by(["src", "dst", "t_follow", "t_unfollow"])
            .aggregate(back=joined.tb.notnull().any())
            .order_by(["src", "t_follow", "dst"])
            .to_pyarrow()
            .to_pylist()
        )
        out: dict[str, list[dict[str, Any]]] = {a: [] for a in accounts}
        for r in rows:
            out[r["src"]].append(r)
        return out

    def _finding(
        self, row: dict[str, Any], targets: list[dict[str, Any]], threshold: float, level: float
    ) -> Finding:
        share = row["churned"] / max(1, row["follows"])
        backs = sum(1 for t in targets if t["back"])
        first = min(t["t_follow"] for t in targets)
        last = max(t["t_unfollow"] for t in targets)
        hours = [(t["t_unfollow"] - t["t_follow"]).total_seconds() / 3600 for t in targets]
        median = sorted(hours)[len(hours) // 2]
        summary = (
            f"followed and then unfollowed {row['churned']} accounts ({share:.0%} of its "
            f"{row['follows']} follows) between {iso(first)} and {iso(last)}, a median of "
            f"{median:.0f} h after following; {backs} of them had followed back in between"
        )
        return Finding(
            behaviour=BEHAVIOUR,
            subject_type="account",
            subject_id=row["src"],
            account_ids=[row["src"]],
            score=(0.5 + 0.5 * min(1.0, row["churned"] / (4 * threshold))) * min(1.0, 0.5 + share),
            window_start=first,
            window_end=last,
            evidence={
                "summary": summary,
                "churned": row["churned"],
                "follows": row["follows"],
                "churned_share": round(share, 4),
                "followed_back": backs,
                "median_hours_to_unfollow": round(median, 1),
                "threshold": threshold,
                "population_level": level,
                "churned_targets": [
                    {
                        "account_id": t["dst"],
                        "followed_at": iso(t["t_follow"]),
                        "unfollowed_at": iso(t["t_unfollow"]),
                        "followed_back": bool(t["back"]),
                    }
                    for t in targets[:CAP]
                ],
                "churned_targets_total": len(targets),
            },
        )
