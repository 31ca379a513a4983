"""What people do to the ledger: confirm, appeal, decide appeals, answer challenges, choose
the account to keep, report abuse. Each call validates against the derived state inside the
writer's transaction and either records its events or raises ``BadInputError`` having
changed nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from lockstep.enforce.model import Decision, iso, stable_id
from lockstep.enforce.policy import ACTIONS, Policy
from lockstep.errors import BadInputError
from lockstep.ledger.state import AppealState, DecisionState, LedgerState
from lockstep.ledger.store import Event, Ledger, Writer, now_utc

APPEAL_OUTCOMES = ("uphold", "overturn", "modify")
CHALLENGE_OUTCOMES = ("passed", "failed", "expired")
REPORT_TARGETS = ("account", "post", "url")


def _state(w: Writer) -> LedgerState:
    return LedgerState.fold(w.events())


def _decision(state: LedgerState, decision_id: str) -> DecisionState:
    if decision_id not in state.decisions:
        raise BadInputError(f"unknown decision {decision_id!r}")
    return state.decisions[decision_id]


def _appeal(state: LedgerState, appeal_id: str) -> AppealState:
    if appeal_id not in state.appeals:
        raise BadInputError(f"unknown appeal {appeal_id!r}")
    return state.appeals[appeal_id]


def _decision_event(d: Decision, actor: str = "lockstep") -> Event:
    return Event(
        "decision",
        d.to_payload(),
        d.created_at,
        actor=actor,
        idempotency_key=f"decision:{d.decision_id}",
        decision_id=d.decision_id,
        offense_key=d.offense_key,
        subject_type=d.subject_type,
        subject_id=d.subject_id,
    )


def confirm(ledger: Ledger, decision_id: str, analyst: str, now: datetime | None = None) -> None:
    """An analyst confirms a decision that waited for review; it then applies."""
    now = now or now_utc()
    with ledger.write() as w:
        ds = _decision(_state(w), decision_id)
        if ds.reversal is not None:
            raise BadInputError(f"decision {decision_id} was reversed; nothing to confirm")
        if ds.decision.automated or ds.confirmed_by:
            raise BadInputError(f"decision {decision_id} needs no confirmation")
        w.append(
            [
                Event(
                    "decision_confirmed",
                    {},
                    now,
                    actor=analyst,
                    idempotency_key=f"confirm:{decision_id}",
                    decision_id=decision_id,
                )
            ]
        )


def file_appeal(
    ledger: Ledger, decision_id: str, account_id: str, text: str, now: datetime | None = None
) -> str:
    """The affected account appeals a decision; one appeal per decision."""
    now = now or now_utc()
    with ledger.write() as w:
        state = _state(w)
        ds = _decision(state, decision_id)
        if account_id not in ds.decision.account_ids:
            raise BadInputError(
                f"account {account_id!r} is not affected by decision {decision_id}; "
                "only an affected account can appeal"
            )
        if ds.reversal is not None:
            raise BadInputError(f"decision {decision_id} was already reversed")
        if ds.appeal_id is not None:
            raise BadInputError(f"decision {decision_id} already has appeal {ds.appeal_id}")
        appeal_id = stable_id("a_", decision_id)
        w.append(
            [
                Event(
                    "appeal_filed",
                    {"appeal_id": appeal_id, "account_id": account_id, "text": text},
                    now,
                    actor=account_id,
                    idempotency_key=f"appeal:{decision_id}",
                    decision_id=decision_id,
                    subject_type="account",
                    subject_id=account_id,
                )
            ]
        )
    return appeal_id


def decide_appeal(
    ledger: Ledger,
    appeal_id: str,
    outcome: str,
    reason: str,
    analyst: str,
    new_action: str | None = None,
    now: datetime | None = None,
) -> Decision | None:
    """Uphold, overturn (reverse the action, remove the strike) or modify (replace the action).

    Returns the replacement decision of a modification.
    """
    now = now or now_utc()
    if outcome not in APPEAL_OUTCOMES:
        raise BadInputError(
            f"appeal outcome {outcome!r} is not one of {', '.join(APPEAL_OUTCOMES)}"
        )
    if not reason.strip():
        raise BadInputError("an appeal decision needs a reason")
    if outcome == "modify":
        if new_action not in ACTIONS:
            raise BadInputError(f"modify needs --action, one of {', '.join(ACTIONS)}")
    elif new_action is not None:
        raise BadInputError("--action only goes with modify")
    with ledger.write() as w:
        state = _state(w)
        appeal = _appeal(state, appeal_id)
        if appeal.outcome is not None:
            raise BadInputError(f"appeal {appeal_id} was already decided ({appeal.outcome})")
        ds = state.decisions[appeal.decision_id]
        if outcome == "modify" and new_action == ds.decision.action:
            raise BadInputError(f"decision {ds.decision.decision_id} already is {new_action}")
        items = [
            Event(
                "appeal_decided",
                {
                    "appeal_id": appeal_id,
                    "outcome": outcome,
                    "reason": reason,
                    "new_action": new_action,
                },
                now,
                actor=analyst,
                idempotency_key=f"appeal-decided:{appeal_id}",
                decision_id=appeal.decision_id,
            )
        ]
        replacement = None
        if outcome in {"overturn", "modify"}:
            items.append(
                _reversal(
                    ds.decision, f"appeal {appeal_id} {outcome}: {reason}", outcome, now, analyst
                )
            )
        if outcome == "modify":
            assert new_action is not None
            replacement = _modified(ds.decision, new_action, reason, now, analyst)
            items.append(_decision_event(replacement, actor=analyst))
        w.append(items)
    return replacement


def _reversal(d: Decision, why: str, outcome: str, now: datetime, actor: str) -> Event:
    """Reverse ``d``; an overturn also clears the strike of its whole offense."""
    return Event(
        "reversal",
        {"reason": why, "outcome": outcome},
        now,
        actor=actor,
        idempotency_key=f"reversal:{d.decision_id}",
        decision_id=d.decision_id,
        subject_type=d.subject_type,
        subject_id=d.subject_id,
    )


def _modified(d: Decision, action: str, why: str, now: datetime, analyst: str) -> Decision:
    """The analyst's replacement: a human decision keeping the original's evidence."""
    hours = d.details.get("lock_hours")
    expires = None
    details: dict[str, Any] = {"replaces": d.decision_id}
    if action == "temporary_lock":
        hours = float(hours or 12)
        details["lock_hours"] = hours
        expires = now + timedelta(hours=hours)
    strike = (
        action in {"temporary_lock", "permanent_suspension", "keep_one_account", "remove_content"}
        and d.strike
    )
    return replace(
        d,
        decision_id=stable_id("d_", d.decision_id, "modify", action),
        action=action,
        automated=False,
        reason=f"On appeal, the action was changed to {action.replace('_', ' ')}: {why}",
        created_at=now,
        expires_at=expires,
        strike=strike,
        strike_expires_at=d.strike_expires_at if strike else None,
        details=details,
        evidence={**d.evidence, "modified_by": analyst},
    )


def challenge_outcome(
    ledger: Ledger,
    policy: Policy,
    decision_id: str,
    outcome: str,
    now: datetime | None = None,
    actor: str = "lockstep",
) -> Decision | None:
    """Record a challenge's outcome; a failed or expired one becomes a lock with a strike."""
    now = now or now_utc()
    with ledger.write() as w:
        state = _state(w)
        return record_challenge(w, state, policy, decision_id, outcome, now, actor)


def record_challenge(
    w: Writer,
    state: LedgerState,
    policy: Policy,
    decision_id: str,
    outcome: str,
    now: datetime,
    actor: str,
) -> Decision | None:
    if outcome not in CHALLENGE_OUTCOMES:
        raise BadInputError(
            f"challenge outcome {outcome!r} is not one of {', '.join(CHALLENGE_OUTCOMES)}"
        )
    ds = _decision(state, decision_id)
    if ds.decision.action != "challenge":
        raise BadInputError(f"decision {decision_id} is not a challenge")
    if ds.reversal is not None:
        raise BadInputError(f"decision {decision_id} was reversed")
    if ds.outcome is not None:
        raise BadInputError(f"challenge {decision_id} already has an outcome ({ds.outcome})")
    items = [
        Event(
            "challenge_outcome",
            {"outcome": outcome},
            now,
            actor=actor,
            idempotency_key=f"challenge:{decision_id}",
            decision_id=decision_id,
        )
    ]
    ds.outcome = outcome
    lock = None
    if outcome in {"failed", "expired"}:
        lock = _failed_challenge_lock(ds.decision, outcome, policy, now)
        items.append(_decision_event(lock))
        state.add_decision(lock)
    w.append(items)
    return lock


def _failed_challenge_lock(d: Decision, outcome: str, policy: Policy, now: datetime) -> Decision:
    s = policy.settings
    hours = s.temporary_lock_hours
    return replace(
        d,
        decision_id=stable_id("d_", d.decision_id, "challenge", outcome),
        action="temporary_lock",
        automated=True,
        reason=(
            f"The account is locked for {hours:g} hours: the anti-spam challenge "
            f"({d.details.get('kind', 'check')}) was {outcome}. " + d.reason.split(". ", 1)[-1]
        ),
        created_at=now,
        expires_at=now + timedelta(hours=hours),
        strike=True,
        strike_expires_at=now + timedelta(days=s.strike_window_days),
        details={"lock_hours": hours, "after_challenge": d.decision_id},
    )


def expire_challenges(w: Writer, state: LedgerState, policy: Policy, now: datetime) -> int:
    """Unanswered challenges past their deadline count as expired (and escalate)."""
    due = [
        ds.decision.decision_id
        for ds in state.decisions.values()
        if ds.decision.action == "challenge" and ds.status(now) == "challenge_due"
    ]
    for decision_id in due:
        record_challenge(w, state, policy, decision_id, "expired", now, "lockstep")
    return len(due)


def choose_keep(
    ledger: Ledger, decision_id: str, account_id: str, now: datetime | None = None
) -> None:
    """The operator names the one account to keep; the others are suspended."""
    now = now or now_utc()
    with ledger.write() as w:
        ds = _decision(_state(w), decision_id)
        d = ds.decision
        if d.action != "keep_one_account":
            raise BadInputError(f"decision {decision_id} is not a keep-one-account decision")
        if ds.reversal is not None:
            raise BadInputError(f"decision {decision_id} was reversed")
        if account_id not in d.account_ids:
            raise BadInputError(f"account {account_id!r} is not one of {', '.join(d.account_ids)}")
        if ds.keeper(now) is not None:
            raise BadInputError(f"the account to keep is already settled: {ds.keeper(now)}")
        w.append(
            [
                Event(
                    "keep_one_choice",
                    {"account_id": account_id},
                    now,
                    actor=account_id,
                    idempotency_key=f"keep:{decision_id}",
                    decision_id=decision_id,
                )
            ]
        )


def report_event(report: dict[str, Any], source: str) -> Event:
    """A user report as an event; its id comes from the row, or from its content."""
    created = report["created_at"]
    report_id = str(
        report.get("report_id")
        or stable_id(
            "r_", report["reporter_id"], report["target_type"], report["target_id"], iso(created)
        )
    )
    payload = {
        "report_id": report_id,
        "reporter_id": str(report["reporter_id"]),
        "target_type": str(report["target_type"]),
        "target_id": str(report["target_id"]),
        "reason": report.get("reason"),
        "text": report.get("text"),
        "created_at": iso(created),
        "source": source,
    }
    return Event(
        "report_received",
        payload,
        created,
        actor=str(report["reporter_id"]),
        idempotency_key=f"report:{report_id}",
        subject_type=payload["target_type"],
        subject_id=payload["target_id"],
    )


def report_abuse(
    ledger: Ledger,
    reporter_id: str,
    target_type: str,
    target_id: str,
    reason: str = "",
    text: str = "",
    now: datetime | None = None,
) -> str:
    """A user report through the command line or the API."""
    now = now or now_utc()
    if target_type not in REPORT_TARGETS:
        raise BadInputError(
            f"target type {target_type!r} is not one of {', '.join(REPORT_TARGETS)}"
        )
    with ledger.write() as w:
        if target_type == "account" and w.unknown_accounts([target_id]):
            raise BadInputError(f"unknown account {target_id!r}")
        event = report_event(
            {
                "reporter_id": reporter_id,
                "target_type": target_type,
                "target_id": target_id,
                "reason": reason,
                "text": text,
                "created_at": now,
            },
            "api",
        )
        if not w.append([event]):
            raise BadInputError("this report was already received")
    return str(event.payload["report_id"])
