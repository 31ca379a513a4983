"""Current state, derived by folding the ledger's events in order.

Nothing here is stored: whether a decision stands, whether an account is suspended, which
strikes still count, where an appeal is — all follow from the events, so a reversal or an
appeal outcome changes state without editing history. The enforcement ladder reads this
state, and the backtest builds one from scratch while it replays offenses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from lockstep.enforce.model import Decision, Offense, parse_time
from lockstep.ledger.store import Event


@dataclass
class DecisionState:
    decision: Decision
    confirmed_by: str | None = None
    reversal: dict[str, Any] | None = None
    appeal_id: str | None = None
    #: challenge outcome: passed, failed or expired
    outcome: str | None = None
    #: keep-one: the account the operator chose
    chosen: str | None = None

    @property
    def applied(self) -> bool:
        return self.reversal is None and (self.decision.automated or self.confirmed_by is not None)

    def keeper(self, now: datetime) -> str | None:
        """Keep-one: the chosen account, or the default once the deadline has passed."""
        if self.chosen:
            return self.chosen
        deadline = self.decision.expires_at
        if deadline is not None and now >= deadline:
            return str(self.decision.details["default_keep"])
        return None

    def status(self, now: datetime) -> str:
        d = self.decision
        if self.reversal is not None:
            return "reversed"
        if not self.applied:
            return "pending_review"
        if d.action == "challenge":
            if self.outcome:
                return f"challenge_{self.outcome}"
            return "challenge_pending" if d.expires_at and now < d.expires_at else "challenge_due"
        if d.action == "keep_one_account":
            return "resolved" if self.keeper(now) else "awaiting_choice"
        if d.expires_at is not None and now >= d.expires_at:
            return "expired"
        return "active"


@dataclass
class AppealState:
    appeal_id: str
    decision_id: str
    account_id: str
    text: str
    filed_at: datetime
    outcome: str | None = None
    reason: str | None = None
    analyst: str | None = None
    new_action: str | None = None
    decided_at: datetime | None = None

    @property
    def hours_to_decision(self) -> float | None:
        if self.decided_at is None:
            return None
        return round((self.decided_at - self.filed_at).total_seconds() / 3600, 2)


@dataclass
class ReportState:
    report_id: str
    reporter_id: str
    target_type: str
    target_id: str
    reason: str
    created_at: datetime
    source: str
    linked_offenses: list[str] = field(default_factory=list)
    weight: float = 1.0

    @property
    def founded(self) -> bool:
        return bool(self.linked_offenses)


@dataclass
class LedgerState:
    decisions: dict[str, DecisionState] = field(default_factory=dict)
    offenses: dict[str, tuple[Offense, str, datetime]] = field(default_factory=dict)
    appeals: dict[str, AppealState] = field(default_factory=dict)
    reports: dict[str, ReportState] = field(default_factory=dict)
    by_account: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_offense: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    #: offenses an appeal overturned: none of their decisions carries a strike any more
    cleared: set[str] = field(default_factory=set)

    # -- folding ---------------------------------------------------------------------------

    @classmethod
    def fold(cls, events: Iterable[Event]) -> LedgerState:
        state = cls()
        for event in events:
            state.apply(event)
        return state

    def apply(self, e: Event) -> None:
        p = e.payload
        if e.kind == "offense":
            self.offenses[str(e.offense_key)] = (
                Offense.from_payload(p["offense"]),
                str(p["run_id"]),
                e.created_at,
            )
        elif e.kind == "decision":
            decision = Decision.from_payload(p)
            self.add_decision(decision)
            if not decision.automated and e.actor != "lockstep":
                # an analyst's own decision (an appeal modification) is confirmed by them
                self.decisions[decision.decision_id].confirmed_by = e.actor
        elif e.kind == "decision_confirmed":
            self.decisions[str(e.decision_id)].confirmed_by = e.actor
        elif e.kind == "reversal":
            ds = self.decisions[str(e.decision_id)]
            if p.get("outcome") == "overturn":
                self.cleared.add(ds.decision.offense_key)
            ds.reversal = {
                **p,
                "at": e.created_at.isoformat(timespec="seconds"),
                "by": e.actor,
            }
        elif e.kind == "challenge_outcome":
            self.decisions[str(e.decision_id)].outcome = str(p["outcome"])
        elif e.kind == "keep_one_choice":
            self.decisions[str(e.decision_id)].chosen = str(p["account_id"])
        elif e.kind == "appeal_filed":
            appeal = AppealState(
                p["appeal_id"], str(e.decision_id), p["account_id"], p["text"], e.created_at
            )
            self.appeals[appeal.appeal_id] = appeal
            self.decisions[appeal.decision_id].appeal_id = appeal.appeal_id
        elif e.kind == "appeal_decided":
            appeal = self.appeals[p["appeal_id"]]
            appeal.outcome, appeal.reason = p["outcome"], p["reason"]
            appeal.analyst, appeal.decided_at = e.actor, e.created_at
            appeal.new_action = p.get("new_action")
        elif e.kind == "report_received":
            created = parse_time(p["created_at"]) or e.created_at
            self.reports[p["report_id"]] = ReportState(
                p["report_id"],
                p["reporter_id"],
                p["target_type"],
                p["target_id"],
                p.get("reason") or "",
                created,
                p.get("source", ""),
            )

    def add_decision(self, decision: Decision) -> None:
        self.decisions[decision.decision_id] = DecisionState(decision)
        for account in decision.account_ids:
            self.by_account[account].append(decision.decision_id)
        self.by_offense[decision.offense_key].append(decision.decision_id)

    # -- queries the ladder asks -------------------------------------------------------------

    def account_decisions(self, account: str) -> list[DecisionState]:
        return [self.decisions[d] for d in self.by_account.get(account, [])]

    def active_strikes(self, account: str, now: datetime) -> list[DecisionState]:
        """Strike-bearing decisions still counting, one per enforcement case."""
        by_case: dict[str, DecisionState] = {}
        for ds in self.account_decisions(account):
            d = ds.decision
            if not d.strike or ds.reversal is not None or d.offense_key in self.cleared:
                continue
            if d.strike_expires_at is not None and now >= d.strike_expires_at:
                continue
            by_case.setdefault(d.case_id, ds)
        return sorted(by_case.values(), key=lambda s: s.decision.created_at)

    def suspended(self, account: str, now: datetime, *, pending: bool = True) -> bool:
        """Suspended (or, with ``pending``, proposed for suspension awaiting review)."""
        for ds in self.account_decisions(account):
            if ds.reversal is not None or not (pending or ds.applied):
                continue
            if ds.decision.action == "permanent_suspension":
                return True
            if ds.decision.action == "keep_one_account":
                keeper = ds.keeper(now)
                if keeper is not None and keeper != account:
                    return True
        return False

    def account_status(self, account: str, now: datetime) -> str:
        if self.suspended(account, now, pending=False):
            return "suspended"
        states = {ds.status(now): ds for ds in self.account_decisions(account)}
        for action, label in (
            ("keep_one_account", "awaiting_keep_one_choice"),
            ("temporary_lock", "locked"),
            ("challenge", "challenged"),
        ):
            for status, ds in states.items():
                if ds.decision.action == action and status in {
                    "active",
                    "awaiting_choice",
                    "challenge_pending",
                }:
                    return label
        return "in_good_standing"

    def offense_decided(self, key: str) -> bool:
        return key in self.offenses

    # -- reports -----------------------------------------------------------------------------

    def link_reports(self, bad_faith_min: int, founded_share: float, weight: float) -> None:
        """Link each report to the offenses on its target; discount bad-faith reporters.

        A report is founded when an offense (not overturned on appeal) names its target. A
        reporter with at least ``bad_faith_min`` reports of which fewer than ``founded_share``
        were founded is reporting in bad faith (brigading, noise): their reports weigh
        ``weight`` instead of 1.
        """
        targets: dict[tuple[str, str], list[str]] = defaultdict(list)
        for key, (offense, _run, _at) in self.offenses.items():
            decided = [self.decisions[d] for d in self.by_offense.get(key, [])]
            if decided and all(ds.reversal is not None for ds in decided):
                continue  # overturned: the report was not borne out
            kind = "url" if offense.subject_type in {"url", "domain"} else "account"
            if kind == "url":
                targets[("url", offense.subject_id)].append(key)
            for account in offense.account_ids:
                targets[("account", account)].append(key)
            for post in offense.post_ids:
                targets[("post", post)].append(key)
        per_reporter: dict[str, list[ReportState]] = defaultdict(list)
        for report in self.reports.values():
            report.linked_offenses = sorted(set(targets.get(_target(report), [])))
            per_reporter[report.reporter_id].append(report)
        for reports in per_reporter.values():
            founded = sum(r.founded for r in reports) / len(reports)
            bad = len(reports) >= bad_faith_min and founded < founded_share
            for r in reports:
                r.weight = weight if bad else 1.0

    def reports_on(self, target_type: str, target_id: str) -> list[ReportState]:
        return [r for r in self.reports.values() if _target(r) == (target_type, target_id)]


def _target(report: ReportState) -> tuple[str, str]:
    if report.target_type == "url":
        return ("url", report.target_id)
    return (report.target_type, report.target_id)


def hours(value: float) -> timedelta:
    return timedelta(hours=value)
