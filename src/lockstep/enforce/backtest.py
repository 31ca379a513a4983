"""Replay the ledger's offenses under another policy and count the decisions that change.

Offenses are replayed run by run, in the order they were recorded, through the same ladder
against a state that starts empty and holds only the replayed decisions — so a change to a
strike window or a ladder step shows its knock-on effect on later runs. Offenses whose
decisions were all overturned on appeal are left out: an analyst ruled them not violations.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lockstep.enforce.ladder import Ladder, group_cases
from lockstep.enforce.model import AccountFacts, Offense
from lockstep.enforce.policy import Policy
from lockstep.ledger.state import LedgerState
from lockstep.ledger.store import Ledger

Key = tuple[str, str, str]  # offense key, subject, action


@dataclass
class BacktestResult:
    policy_version: str
    runs: int
    offenses: int
    before: int
    after: int
    unchanged: int
    removed: int
    added: int
    #: offenses whose set of actions changes
    offenses_changed: int
    transitions: dict[str, int] = field(default_factory=dict)
    examples: list[dict[str, Any]] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.removed + self.added

    def to_dict(self) -> dict[str, Any]:
        return {
            "policy_version": self.policy_version,
            "runs": self.runs,
            "offenses": self.offenses,
            "decisions_before": self.before,
            "decisions_after": self.after,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "added": self.added,
            "decisions_changed": self.changed,
            "offenses_changed": self.offenses_changed,
            "transitions": self.transitions,
            "examples": self.examples,
        }


def backtest(ledger: Ledger, policy: Policy, limit_examples: int = 10) -> BacktestResult:
    """How the recorded history would have been enforced under ``policy``."""
    history = LedgerState.fold(ledger.events())
    runs: dict[str, list[Offense]] = defaultdict(list)
    run_time: dict[str, datetime] = {}
    for key, (offense, run_id, at) in history.offenses.items():
        if key in history.cleared:
            continue
        runs[run_id].append(offense)
        run_time.setdefault(run_id, at)
    replay = LedgerState()
    replay.reports = history.reports
    s = policy.settings
    replay.link_reports(s.bad_faith_min_reports, s.bad_faith_founded_share, s.bad_faith_weight)
    for run_id in sorted(runs, key=lambda r: (run_time[r], r)):
        ladder = Ladder(policy, replay, AccountFacts(), run_id, run_time[run_id])
        for case in group_cases(runs[run_id]):
            ladder.decide(case)
    before = {
        k: v for k, v in _keys(history, original_only=True).items() if k[0] not in history.cleared
    }
    after = _keys(replay, original_only=False)
    return _compare(policy, len(runs), sum(map(len, runs.values())), before, after, limit_examples)


def _keys(state: LedgerState, original_only: bool) -> dict[Key, str]:
    """(offense, subject, action) → decision id, for the ladder's own decisions."""
    out: dict[Key, str] = {}
    for ds in state.decisions.values():
        d = ds.decision
        if original_only and ("replaces" in d.details or "after_challenge" in d.details):
            continue  # analysts' modifications and challenge follow-ups are not the ladder's
        out[(d.offense_key, d.subject, d.action)] = d.decision_id
    return out


def _compare(
    policy: Policy,
    runs: int,
    offenses: int,
    before: dict[Key, str],
    after: dict[Key, str],
    limit: int,
) -> BacktestResult:
    removed = sorted(set(before) - set(after))
    added = sorted(set(after) - set(before))
    old_by_offense: dict[tuple[str, str], set[str]] = defaultdict(set)
    new_by_offense: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key, subject, action in before:
        old_by_offense[(key, subject)].add(action)
    for key, subject, action in after:
        new_by_offense[(key, subject)].add(action)
    transitions: Counter[str] = Counter()
    examples: list[dict[str, Any]] = []
    for pair in sorted(set(old_by_offense) | set(new_by_offense)):
        old, new = old_by_offense.get(pair, set()), new_by_offense.get(pair, set())
        if old == new:
            continue
        label = f"{'+'.join(sorted(old)) or 'none'} → {'+'.join(sorted(new)) or 'none'}"
        transitions[label] += 1
        if len(examples) < limit:
            examples.append(
                {
                    "offense": pair[0],
                    "subject": pair[1],
                    "before": sorted(old),
                    "after": sorted(new),
                }
            )
    return BacktestResult(
        policy_version=f"{policy.version}+{policy.digest}",
        runs=runs,
        offenses=offenses,
        before=len(before),
        after=len(after),
        unchanged=len(set(before) & set(after)),
        removed=len(removed),
        added=len(added),
        offenses_changed=sum(transitions.values()),
        transitions=dict(sorted(transitions.items())),
        examples=examples,
    )
