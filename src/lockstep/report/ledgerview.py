"""The ledger as reporting reads it: each decision with when it took effect, what it was for,
and the events that show every step.

The enforcement state (``lockstep.ledger.state``) answers "what stands now"; a transparency
report asks "what happened between these dates" and must point at the events behind every
figure. So this fold keeps, for each step (recorded, confirmed, reversed, challenge answered,
appeal filed and decided, report received, indicators exchanged), the time and the event id.

Folding stops at ``until``: a report for a past period reads the ledger as it stood at the
period's end, so it does not change as the ledger grows. An event that names a decision the
fold has not seen (possible only when times were given out of order) is left out rather
than guessed at.

Indicator exchanges (``indicators_shared``, ``indicators_received``; written by sharing)
are read from these payload fields:

- ``partner`` (text): the peer platform or forum the indicators went to or came from;
  absent means ``unknown partner``;
- ``indicator_count`` (integer ≥ 0): how many indicators the exchange carried; when absent,
  the length of an ``indicators`` list, else 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lockstep.enforce.model import Decision, Offense
from lockstep.ledger.store import Event

#: the action that removes an account (keep-one removes all but one, and is not counted)
REMOVAL = "permanent_suspension"
RECIDIVISM = "coord.recidivism"
UNKNOWN_PARTNER = "unknown partner"


@dataclass(frozen=True)
class Step:
    """One event: when, which, by whom."""

    at: datetime
    event_id: str
    actor: str = "lockstep"


@dataclass(frozen=True)
class OffenseEntry:
    offense: Offense
    step: Step

    @property
    def network(self) -> Mapping[str, Any]:
        return self.offense.network

    @property
    def external(self) -> bool:
        """Found by a peer (a disclosure or shared indicators), not by this platform."""
        o = self.offense
        return "external" in o.flags or o.network.get("detection_source") == "external"

    @property
    def influence_operation(self) -> bool:
        """A network the networks stage called coordinated inauthentic (``coord.network``
        among its behaviours), or a peer's disclosure. Networks recorded before the ledger
        kept their behaviours count too: enforcement acted on them as networks."""
        n = self.offense.network
        if self.offense.subject_type != "network":
            return False
        if not n or "behaviours" not in n or self.external:
            return True
        return "coord.network" in n["behaviours"]


@dataclass
class Action:
    """One decision and what became of it."""

    decision: Decision
    recorded: Step
    offense: OffenseEntry | None = None
    confirmed: Step | None = None
    reversed: Step | None = None
    outcome: str | None = None
    answered: Step | None = None

    @property
    def effect(self) -> Step | None:
        """When the action took effect: on recording when automated or an analyst's own,
        else when an analyst confirmed it; ``None`` while it waits for review."""
        if self.decision.automated or self.recorded.actor != "lockstep":
            return self.recorded
        return self.confirmed

    @property
    def events(self) -> tuple[str, ...]:
        """The events that make the action taken: the decision and its confirmation."""
        ids = [self.recorded.event_id]
        if self.confirmed is not None and not self.decision.automated:
            ids.append(self.confirmed.event_id)
        return tuple(i for i in ids if i)

    @property
    def recidivist(self) -> bool:
        """Against a previously disrupted network re-establishing itself."""
        if self.decision.behaviour == RECIDIVISM:
            return True
        o = self.offense
        return o is not None and (
            o.offense.behaviour == RECIDIVISM or "recidivist" in o.offense.flags
        )

    @property
    def external(self) -> bool:
        return self.offense is not None and self.offense.external

    @property
    def countries(self) -> Mapping[str, str]:
        """Declared countries of the accounts, as recorded with the offense."""
        if self.offense is None:
            return {}
        found: Mapping[str, str] = self.offense.offense.facts.get("countries") or {}
        return found

    @classmethod
    def proposed(cls, decision: Decision, offense: Offense | None) -> Action:
        """A decision not (or not yet) read back from the ledger: a run's own, or shadow."""
        at = decision.created_at
        entry = OffenseEntry(offense, Step(at, "")) if offense is not None else None
        return cls(decision, Step(at, ""), entry)


@dataclass
class Appeal:
    appeal_id: str
    decision_id: str
    filed: Step
    decided: Step | None = None
    outcome: str | None = None

    @property
    def hours(self) -> float | None:
        if self.decided is None:
            return None
        return (self.decided.at - self.filed.at).total_seconds() / 3600


@dataclass(frozen=True)
class UserReport:
    report_id: str
    target_type: str
    target_id: str
    reason: str
    received: Step


@dataclass(frozen=True)
class Exchange:
    """Indicators shared with or received from a peer."""

    direction: str  # shared | received
    partner: str
    indicators: int
    step: Step


def _indicators(p: Mapping[str, Any]) -> int:
    value = p.get("indicator_count")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    listed = p.get("indicators")
    return len(listed) if isinstance(listed, list) else 0


@dataclass
class LedgerView:
    until: datetime | None = None
    events: int = 0
    last_seq: int = 0
    offenses: dict[str, OffenseEntry] = field(default_factory=dict)
    actions: dict[str, Action] = field(default_factory=dict)
    appeals: dict[str, Appeal] = field(default_factory=dict)
    reports: list[UserReport] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)

    @classmethod
    def fold(cls, events: Iterable[Event], until: datetime | None = None) -> LedgerView:
        """Fold events in ledger order, leaving out those recorded at or after ``until``."""
        view = cls(until=until)
        for e in events:
            if until is not None and e.created_at >= until:
                continue
            view.events += 1
            view.last_seq = max(view.last_seq, e.seq)
            view._apply(e)
        return view

    def _apply(self, e: Event) -> None:
        p, step = e.payload, Step(e.created_at, e.event_id, e.actor)
        action = self.actions.get(str(e.decision_id))
        if e.kind == "offense":
            self.offenses[str(e.offense_key)] = OffenseEntry(
                Offense.from_payload(p["offense"]), step
            )
        elif e.kind == "decision":
            d = Decision.from_payload(p)
            self.actions[d.decision_id] = Action(d, step, self.offenses.get(d.offense_key))
        elif action is None:
            self._other(e, p, step)
        elif e.kind == "decision_confirmed":
            action.confirmed = step
        elif e.kind == "reversal":
            action.reversed = step
        elif e.kind == "challenge_outcome":
            action.outcome, action.answered = str(p["outcome"]), step
        elif e.kind == "appeal_filed":
            appeal = Appeal(str(p["appeal_id"]), action.decision.decision_id, step)
            self.appeals[appeal.appeal_id] = appeal
        elif e.kind == "appeal_decided" and str(p["appeal_id"]) in self.appeals:
            appeal = self.appeals[str(p["appeal_id"])]
            appeal.decided, appeal.outcome = step, str(p["outcome"])

    def _other(self, e: Event, p: Mapping[str, Any], step: Step) -> None:
        """Events that name no decision: user reports and indicator exchanges."""
        if e.kind == "report_received":
            self.reports.append(
                UserReport(
                    str(p["report_id"]),
                    str(p["target_type"]),
                    str(p["target_id"]),
                    str(p.get("reason") or ""),
                    step,
                )
            )
        elif e.kind in {"indicators_shared", "indicators_received"}:
            self.exchanges.append(
                Exchange(
                    e.kind.removeprefix("indicators_"),
                    str(p.get("partner") or UNKNOWN_PARTNER),
                    _indicators(p),
                    step,
                )
            )
