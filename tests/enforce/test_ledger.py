"""The ledger on SQLite and PostgreSQL: idempotent, append-only, appeals, challenges,
keep-one choices, reports, shadow mode, backtests, and bad input that changes nothing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from lockstep.enforce import actions as act
from lockstep.enforce.backtest import backtest
from lockstep.enforce.engine import enforce
from lockstep.enforce.policy import load_policy
from lockstep.errors import BadInputError
from lockstep.ledger.state import LedgerState
from lockstep.ledger.store import Ledger
from tests.enforce.conftest import NOW, facts, finding, findings

ACCOUNTS = ("u1", "u2", "u3", "r1", "r2")
POLICY = load_policy()


def _enforce(ledger: Ledger, *rows, days: float = 0, **kw):  # type: ignore[no-untyped-def]
    return enforce(
        ledger,
        findings(*rows),
        [],
        kw.pop("facts", facts(*ACCOUNTS)),
        kw.pop("policy", POLICY),
        now=NOW + timedelta(days=days),
        **kw,
    )


def _count(ledger: Ledger) -> int:
    return len(ledger.events())


@pytest.fixture
def ledger(ledger_url: str):  # type: ignore[no-untyped-def]
    with Ledger(ledger_url) as led:
        yield led


def test_same_data_twice_creates_no_duplicate_decisions(ledger: Ledger) -> None:
    rows = (finding("spam.duplicate_posts", "u1"), finding("spam.bulk_mentions", "u2"))
    first = _enforce(ledger, *rows)
    events = _count(ledger)
    again = _enforce(ledger, *rows, days=1)
    assert again.decisions == [] and _count(ledger) == events
    assert {d.decision_id for d in again.earlier} == {d.decision_id for d in first.decisions}
    assert [r["decision_id"] for r in again.records()] == [
        r["decision_id"] for r in first.records()
    ]


def test_events_are_append_only(ledger: Ledger) -> None:
    _enforce(ledger, finding("spam.duplicate_posts", "u1"))
    for statement in ("UPDATE ledger_events SET actor = 'x'", "DELETE FROM ledger_events"):
        with (
            pytest.raises(sa.exc.DBAPIError, match="append-only"),
            ledger.engine.begin() as conn,
        ):
            conn.execute(sa.text(statement))


def test_overturned_appeal_reverses_the_action_and_removes_the_strike(ledger: Ledger) -> None:
    res = _enforce(ledger, finding("spam.duplicate_posts", "u1"))
    lock = next(d for d in res.decisions if d.action == "temporary_lock")
    appeal = act.file_appeal(ledger, lock.decision_id, "u1", "I was quoting a poem", NOW)
    act.decide_appeal(
        ledger, appeal, "overturn", "A poem, not spam", "ana", now=NOW + timedelta(hours=5)
    )
    state = LedgerState.fold(ledger.events())
    assert state.decisions[lock.decision_id].status(NOW) == "reversed"
    assert state.appeals[appeal].hours_to_decision == 5.0
    # the overturn clears the offense's strike (the removal of the same offense included)
    assert state.active_strikes("u1", NOW) == []
    # with the strike gone the next offense is a first offense again
    nxt = _enforce(ledger, finding("spam.bulk_mentions", "u1", window="w2"), days=2)
    assert "permanent_suspension" not in {d.action for d in nxt.decisions}


def test_modify_and_uphold(ledger: Ledger) -> None:
    res = _enforce(ledger, finding("coord.account_trade", "u1"))
    suspension = res.decisions[0]
    appeal = act.file_appeal(ledger, suspension.decision_id, "u1", "bought by mistake", NOW)
    new = act.decide_appeal(ledger, appeal, "modify", "first time", "ana", "temporary_lock", NOW)
    assert new is not None and new.action == "temporary_lock" and not new.automated
    state = LedgerState.fold(ledger.events())
    assert state.decisions[suspension.decision_id].reversal is not None
    assert state.account_status("u1", NOW) == "locked"
    res2 = _enforce(ledger, finding("spam.duplicate_posts", "u2"))
    up = act.file_appeal(ledger, res2.decisions[0].decision_id, "u2", "no", NOW)
    act.decide_appeal(ledger, up, "uphold", "the posts are identical", "ana", now=NOW)
    assert LedgerState.fold(ledger.events()).appeals[up].outcome == "uphold"


def test_bad_input_is_refused_and_changes_nothing(ledger: Ledger) -> None:
    res = _enforce(ledger, finding("spam.duplicate_posts", "u1"))
    lock = next(d for d in res.decisions if d.action == "temporary_lock")
    appeal = act.file_appeal(ledger, lock.decision_id, "u1", "", NOW)
    before = _count(ledger)
    cases = [
        (lambda: act.file_appeal(ledger, "d_nope", "u1", "", NOW), "unknown decision"),
        (lambda: act.file_appeal(ledger, lock.decision_id, "u1", "", NOW), "already has appeal"),
        (lambda: act.file_appeal(ledger, lock.decision_id, "u2", "", NOW), "not affected"),
        (lambda: act.decide_appeal(ledger, "a_nope", "uphold", "x", "ana"), "unknown appeal"),
        (lambda: act.decide_appeal(ledger, appeal, "maybe", "x", "ana"), "not one of"),
        (lambda: act.decide_appeal(ledger, appeal, "uphold", " ", "ana"), "needs a reason"),
        (lambda: act.decide_appeal(ledger, appeal, "modify", "x", "ana", "ban"), "modify needs"),
        (lambda: act.confirm(ledger, "d_nope", "ana"), "unknown decision"),
        (lambda: act.report_abuse(ledger, "r1", "account", "ghost"), "unknown account"),
        (lambda: _enforce(ledger, finding("spam.duplicate_posts", "ghost")), "do not exist"),
    ]
    for call, message in cases:
        with pytest.raises(BadInputError, match=message):
            call()
    assert _count(ledger) == before
    act.decide_appeal(ledger, appeal, "overturn", "fine", "ana", now=NOW)
    removal = next(d for d in res.decisions if d.action == "remove_content")
    act.file_appeal(ledger, removal.decision_id, "u1", "", NOW)
    before = _count(ledger)
    with pytest.raises(BadInputError, match="already decided"):
        act.decide_appeal(ledger, appeal, "uphold", "x", "ana")
    with pytest.raises(BadInputError, match="already reversed"):
        act.file_appeal(ledger, lock.decision_id, "u1", "", NOW)
    assert _count(ledger) == before


def test_appeal_against_a_reversed_decision_is_refused(ledger: Ledger) -> None:
    res = _enforce(ledger, finding("spam.bulk_mentions", "u1", score=0.5))
    challenge = next(d for d in res.decisions if d.action == "challenge")
    lock = act.challenge_outcome(ledger, POLICY, challenge.decision_id, "failed", NOW)
    assert lock is not None and lock.action == "temporary_lock" and lock.strike
    appeal = act.file_appeal(ledger, lock.decision_id, "u1", "it was me", NOW)
    act.decide_appeal(ledger, appeal, "modify", "ok", "ana", "remove_content", NOW)
    before = _count(ledger)
    with pytest.raises(BadInputError, match="already reversed"):
        act.file_appeal(ledger, lock.decision_id, "u1", "again", NOW)
    with pytest.raises(BadInputError, match="already has an outcome"):
        act.challenge_outcome(ledger, POLICY, challenge.decision_id, "passed", NOW)
    assert _count(ledger) == before


def test_challenges_pass_or_expire(ledger: Ledger) -> None:
    res = _enforce(
        ledger,
        finding("spam.bulk_mentions", "u1", score=0.5),
        finding("spam.bulk_mentions", "u2", score=0.5),
    )
    c1, c2 = sorted((d for d in res.decisions if d.action == "challenge"), key=lambda d: d.subject)
    assert act.challenge_outcome(ledger, POLICY, c1.decision_id, "passed", NOW) is None
    later = _enforce(ledger, days=4)  # past the 72-hour expiry: the open one expires
    assert later.challenges_expired == 1
    state = LedgerState.fold(ledger.events())
    assert state.decisions[c1.decision_id].outcome == "passed"
    assert state.decisions[c2.decision_id].outcome == "expired"
    assert len(state.active_strikes("u2", NOW + timedelta(days=4))) == 1
    assert state.active_strikes("u1", NOW) == []


def test_keep_one_choice(ledger: Ledger) -> None:
    res = _enforce(ledger, finding("coord.multi_account_livestream", "u1", ["u1", "u2", "u3"]))
    d = res.decisions[0]
    with pytest.raises(BadInputError, match="not one of"):
        act.choose_keep(ledger, d.decision_id, "r1", NOW)
    act.choose_keep(ledger, d.decision_id, "u3", NOW)
    state = LedgerState.fold(ledger.events())
    assert [state.account_status(a, NOW) for a in ("u1", "u2", "u3")] == [
        "suspended",
        "suspended",
        "in_good_standing",
    ]
    with pytest.raises(BadInputError, match="already settled"):
        act.choose_keep(ledger, d.decision_id, "u1", NOW)


def test_reports_link_to_findings_and_bad_faith_reporters_are_discounted(ledger: Ledger) -> None:
    reports = [
        {
            "report_id": f"b{i}",
            "reporter_id": "r2",
            "target_type": "account",
            "target_id": "u3",
            "created_at": NOW.replace(tzinfo=None),
            "reason": "spam",
        }
        for i in range(6)
    ]
    reports.append(
        {
            "report_id": "g1",
            "reporter_id": "r1",
            "target_type": "account",
            "target_id": "u1",
            "created_at": NOW.replace(tzinfo=None),
            "reason": "spam",
        }
    )
    res = _enforce(ledger, finding("spam.duplicate_posts", "u1"), reports=reports)
    state = res.state
    assert state.reports["g1"].linked_offenses and state.reports["g1"].weight == 1.0
    assert not state.reports["b0"].founded and state.reports["b0"].weight == pytest.approx(0.1)
    lock = next(d for d in res.decisions if d.action == "temporary_lock")
    assert lock.evidence["user_reports"] == {"count": 1, "weight": 1.0}
    rid = act.report_abuse(ledger, "r1", "account", "u2", "spam", "", NOW)
    assert rid in LedgerState.fold(ledger.events()).reports


def test_shadow_mode_decides_without_recording(ledger: Ledger) -> None:
    before = _count(ledger)
    res = _enforce(ledger, finding("spam.duplicate_posts", "u1"), shadow=True)
    assert res.decisions and all(
        r["status"] == "shadow" and not r["applied"] for r in res.records()
    )
    assert _count(ledger) == before


def test_backtest_counts_decisions_that_would_change(ledger: Ledger, tmp_path: Path) -> None:
    _enforce(ledger, finding("spam.link_only", "u1"))
    _enforce(ledger, finding("spam.link_only", "u1", window="w2"), days=3)
    _enforce(ledger, finding("spam.hashtag_stuffing", "u2"))
    same = backtest(ledger, POLICY)
    assert same.changed == 0 and same.before == same.after == 3
    stricter = tmp_path / "strict.toml"
    stricter.write_text(
        '[behaviours."spam.link_only"]\nfirst = ["remove_content", "temporary_lock"]\n'
        'repeat = ["permanent_suspension"]\n',
        encoding="utf-8",
    )
    result = backtest(ledger, load_policy(stricter))
    assert result.offenses_changed == 2
    assert result.transitions == {
        "remove_content → remove_content+temporary_lock": 1,
        "temporary_lock → permanent_suspension": 1,
    }
