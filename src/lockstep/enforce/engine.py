"""One enforcement pass: offenses in, decisions recorded, all in one locked transaction.

The pass reads the ledger's history, decides the offenses it has not seen before, and records
offenses and decisions together — or, in shadow mode, decides the same way and records
nothing. An account named by an offense that neither the input nor the ledger knows stops the
pass with nothing written.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pyarrow as pa

from lockstep.enforce.actions import _decision_event, expire_challenges, report_event
from lockstep.enforce.ladder import Ladder, group_cases
from lockstep.enforce.model import AccountFacts, Decision, NetworkRecord, Offense
from lockstep.enforce.offenses import build_offenses, offense_accounts
from lockstep.enforce.policy import Policy
from lockstep.errors import BadInputError
from lockstep.ledger.state import LedgerState
from lockstep.ledger.store import Event, Ledger, Writer, now_utc


@dataclass
class EnforcementResult:
    """What a pass decided, and the ledger state after it (for decisions.jsonl)."""

    run_id: str
    shadow: bool
    now: datetime
    offenses: int
    new_offenses: int
    decisions: list[Decision]
    #: decisions recorded earlier for offenses this pass saw again (a rerun of the same data)
    earlier: list[Decision]
    state: LedgerState
    challenges_expired: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    #: the networks this pass saw (decided now or before), for their fingerprints
    networks: tuple[Offense, ...] = ()
    #: fingerprints of this pass's takedowns recorded for the recidivism detector
    fingerprinted: int = 0

    def records(self) -> list[dict[str, Any]]:
        """``decisions.jsonl``: this pass's decisions and the earlier ones it saw again."""
        out = []
        for d in sorted([*self.earlier, *self.decisions], key=lambda d: d.decision_id):
            ds = self.state.decisions.get(d.decision_id)
            if ds is None or self.shadow:
                out.append(d.to_record(applied=False, status="shadow"))
            else:
                out.append(d.to_record(applied=ds.applied, status=ds.status(self.now)))
        return out


def enforce(
    ledger: Ledger,
    findings: pa.Table,
    networks: Sequence[NetworkRecord],
    facts: AccountFacts,
    policy: Policy,
    reports: Iterable[Mapping[str, Any]] = (),
    now: datetime | None = None,
    shadow: bool = False,
    events: Sequence[Event] = (),
) -> EnforcementResult:
    """Decide every new offense under ``policy`` and record it (unless ``shadow``).

    ``events`` are recorded in the same transaction, before the offenses: facts the offenses
    rest on (the provenance of a peer's bundle), so they are recorded together or not at all.
    """
    now = now or now_utc()
    offenses = build_offenses(findings, networks, policy, facts)
    run_id = f"run_{now.strftime('%Y%m%dT%H%M%S')}_{uuid.uuid4().hex[:8]}"
    with ledger.write() as w:
        _check_accounts(w, offenses, facts)
        report_events = [report_event(dict(r), "input") for r in reports]
        if not shadow:
            w.register_accounts(facts.known, now)
            w.append([*events, *report_events])
            state = LedgerState.fold(w.events())
        else:
            state = LedgerState.fold(w.events())
            for e in report_events:
                state.apply(e)
        expired = 0 if shadow else expire_challenges(w, state, policy, now)
        fresh = [o for o in offenses if not state.offense_decided(o.key)]
        earlier = [
            state.decisions[d].decision
            for o in offenses
            if state.offense_decided(o.key)
            for d in state.by_offense.get(o.key, [])
        ]
        for o in fresh:  # reports on this run's offenses count as founded
            state.offenses[o.key] = (o, run_id, now)
        s = policy.settings
        state.link_reports(s.bad_faith_min_reports, s.bad_faith_founded_share, s.bad_faith_weight)
        ladder = Ladder(policy, state, facts, run_id, now)
        decisions = [d for case in group_cases(fresh) for d in ladder.decide(case)]
        if not shadow:
            w.append(_offense_events(fresh, run_id, now) + [_decision_event(d) for d in decisions])
    counts: dict[str, int] = {}
    for d in decisions:
        counts[d.action] = counts.get(d.action, 0) + 1
    return EnforcementResult(
        run_id,
        shadow,
        now,
        len(offenses),
        len(fresh),
        decisions,
        earlier,
        state,
        expired,
        dict(sorted(counts.items())),
        tuple(o for o in offenses if o.subject_type == "network"),
    )


def _check_accounts(w: Writer, offenses: Sequence[Offense], facts: AccountFacts) -> None:
    named = offense_accounts(offenses) - facts.known
    unknown = w.unknown_accounts(named) if named else []
    if unknown:
        more = f" and {len(unknown) - 3} more" if len(unknown) > 3 else ""
        raise BadInputError(
            "cannot decide on accounts that do not exist: " + ", ".join(unknown[:3]) + more
        )


def _offense_events(offenses: Sequence[Offense], run_id: str, now: datetime) -> list[Event]:
    return [
        Event(
            "offense",
            {"offense": o.to_payload(), "run_id": run_id},
            now,
            idempotency_key=f"offense:{o.key}",
            offense_key=o.key,
            subject_type=o.subject_type,
            subject_id=o.subject_id,
        )
        for o in offenses
    ]
