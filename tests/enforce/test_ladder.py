"""The enforcement ladder of seeds 000/001, run through a real ledger (SQLite here; the
PostgreSQL parametrisation lives in test_ledger.py)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from lockstep.enforce.engine import EnforcementResult, enforce
from lockstep.enforce.model import NetworkRecord
from lockstep.enforce.policy import load_policy
from lockstep.ledger.store import Ledger
from tests.enforce.conftest import NOW, facts, finding, findings


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    return Ledger(tmp_path / "ledger.sqlite")


ACCOUNTS = ("u1", "u2", "u3", "u4", "bot")


def run(ledger: Ledger, *rows: dict, days: float = 0, networks=(), **kw) -> EnforcementResult:  # type: ignore[no-untyped-def]
    return enforce(
        ledger,
        findings(*rows),
        list(networks),
        kw.pop("facts", facts(*ACCOUNTS)),
        kw.pop("policy", load_policy()),
        now=NOW + timedelta(days=days),
        **kw,
    )


def actions(result: EnforcementResult) -> list[tuple[str, str]]:
    return sorted((d.subject, d.action) for d in result.decisions)


def test_first_offense_removes_content_and_locks(ledger: Ledger) -> None:
    res = run(ledger, finding("spam.duplicate_posts", "u1", post_ids=["p1", "p2"]))
    assert actions(res) == [("account:u1", "remove_content"), ("account:u1", "temporary_lock")]
    lock = next(d for d in res.decisions if d.action == "temporary_lock")
    assert lock.expires_at == NOW + timedelta(hours=12)
    assert lock.automated and lock.strike
    assert "first offense" in lock.reason and "nearly identical Tweets" in lock.reason
    removal = next(d for d in res.decisions if d.action == "remove_content")
    assert removal.details["post_ids"] == ["p1", "p2"]


def test_several_behaviours_at_once_are_one_first_offense(ledger: Ledger) -> None:
    res = run(
        ledger,
        finding("spam.duplicate_posts", "u1"),
        finding("spam.hashtag_stuffing", "u1"),
    )
    assert [d.action for d in res.decisions].count("temporary_lock") == 1
    assert "permanent_suspension" not in {d.action for d in res.decisions}


def test_subsequent_offense_is_permanent_suspension(ledger: Ledger) -> None:
    run(ledger, finding("spam.duplicate_posts", "u1"))
    res = run(ledger, finding("spam.bulk_mentions", "u1", window="2024-03-05"), days=4)
    assert actions(res) == [("account:u1", "permanent_suspension")]
    assert "repeat offense" in res.decisions[0].reason
    # a suspended account gets no further decisions
    assert run(ledger, finding("spam.copypasta", "u1", window="x"), days=5).decisions == []


def test_strikes_expire_after_the_window(tmp_path: Path) -> None:
    policy_file = tmp_path / "p.toml"
    policy_file.write_text("[settings]\nstrike_window_days = 30\n", encoding="utf-8")
    policy = load_policy(policy_file)
    ledger = Ledger(tmp_path / "l.sqlite")
    run(ledger, finding("spam.duplicate_posts", "u1"), policy=policy)
    res = run(ledger, finding("spam.duplicate_posts", "u1", window="late"), days=31, policy=policy)
    assert "temporary_lock" in {d.action for d in res.decisions}
    assert "permanent_suspension" not in {d.action for d in res.decisions}


def test_suspicious_activity_gets_a_challenge_not_a_lock(ledger: Ledger) -> None:
    res = run(ledger, finding("spam.bulk_mentions", "u1", score=0.6))
    challenge = next(d for d in res.decisions if d.action == "challenge")
    assert challenge.details["kind"] == "phone"
    assert not challenge.strike
    assert "temporary_lock" not in {d.action for d in res.decisions}


@pytest.mark.parametrize("behaviour", ["coord.account_trade", "coord.recidivism"])
def test_severe_behaviours_suspend_at_first_detection(ledger: Ledger, behaviour: str) -> None:
    res = run(ledger, finding(behaviour, "u1"))
    assert actions(res) == [("account:u1", "permanent_suspension")]
    assert res.decisions[0].evidence["ladder_step"] == "severe"


def test_majority_of_activity_violating_is_severe(ledger: Ledger) -> None:
    res = run(ledger, finding("spam.link_only", "u1", share=0.97))
    assert actions(res) == [("account:u1", "permanent_suspension")]
    three = run(
        ledger,
        finding("spam.duplicate_posts", "u2"),
        finding("spam.hashtag_stuffing", "u2"),
        finding("spam.bulk_mentions", "u2"),
    )
    assert ("account:u2", "permanent_suspension") in actions(three)


def test_multi_account_violation_keeps_one_account(ledger: Ledger) -> None:
    res = run(ledger, finding("coord.overlapping_accounts", "u1", ["u1", "u2", "u3"]))
    assert len(res.decisions) == 1
    d = res.decisions[0]
    assert d.action == "keep_one_account" and d.account_ids == ("u1", "u2", "u3")
    assert d.details["default_keep"] == "u1"
    assert d.expires_at == NOW + timedelta(days=14)
    state = res.state
    assert state.account_status("u2", NOW) == "awaiting_keep_one_choice"
    # without a choice by the deadline the default is kept and the others are suspended
    later = NOW + timedelta(days=15)
    assert not state.suspended("u1", later) and state.suspended("u2", later)


def test_group_with_a_suspended_account_is_attributed_to_a_known_violator(ledger: Ledger) -> None:
    res = run(
        ledger,
        finding("coord.overlapping_accounts", "u1", ["u1", "u2"]),
        facts=facts(*ACCOUNTS, suspended=("u2",)),
    )
    assert {d.action for d in res.decisions} == {"permanent_suspension"}
    assert "already suspended" in res.decisions[0].reason


def test_network_targeting_elections_is_suspended_whole(ledger: Ledger) -> None:
    net = NetworkRecord(
        "n1", ("u1", "u2", "u3"), description="Accounts posing as voters ahead of the election"
    )
    res = run(ledger, networks=[net])
    assert actions(res) == [(f"account:{a}", "permanent_suspension") for a in ("u1", "u2", "u3")]
    plain = NetworkRecord("n2", ("u4", "bot"), description="A network amplifying a brand")
    res2 = run(ledger, networks=[plain])
    assert [d.action for d in res2.decisions] == ["keep_one_account"]


def test_unsafe_urls_are_denylisted_or_warned(ledger: Ledger) -> None:
    res = run(
        ledger,
        finding("spam.malicious_url", "evil.example", ["u1"], subject_type="domain"),
        finding("spam.misleading_url", "https://aff.example/x", ["u2"], subject_type="url"),
    )
    assert ("domain:evil.example", "url_denylist") in actions(res)
    assert ("url:https://aff.example/x", "url_warning") in actions(res)
    # sharers of a phishing link lose the posts but earn no strike
    removal = next(d for d in res.decisions if d.subject == "account:u1")
    assert removal.action == "remove_content" and not removal.strike
    assert not any(d.subject == "account:u2" for d in res.decisions)


def test_fake_engagement_is_discounted(ledger: Ledger) -> None:
    res = run(ledger, finding("engagement.purchased", "u1"))
    discount = next(d for d in res.decisions if d.action == "discount_engagement")
    assert "like" in discount.details["discounted"]
    assert "no longer counts" in discount.reason


def test_declared_hobby_bots_are_excluded(ledger: Ledger) -> None:
    res = run(
        ledger,
        finding("spam.duplicate_posts", "bot"),
        facts=facts(*ACCOUNTS, bots=("bot",)),
    )
    assert res.decisions == []


def test_low_confidence_suspension_waits_for_an_analyst(ledger: Ledger) -> None:
    res = run(ledger, finding("coord.account_trade", "u1", score=0.7))
    d = res.decisions[0]
    assert not d.automated
    assert not res.state.decisions[d.decision_id].applied
    assert res.records()[0]["status"] == "pending_review"


def test_per_account_findings_naming_co_accounts_form_one_keep_one_group(ledger: Ledger) -> None:
    res = run(
        ledger,
        finding("coord.multi_account_livestream", "u1", co_distributors=["u2", "u4"]),
        finding("coord.multi_account_livestream", "u2", co_distributors=["u1"]),
        finding("coord.multi_account_livestream", "u3"),
    )
    # u4 is named but not flagged itself: it stays out of the group; u3 acts alone
    assert sorted((d.action, d.account_ids) for d in res.decisions) == [
        ("keep_one_account", ("u1", "u2")),
        ("temporary_lock", ("u3",)),
    ]
    keep = next(d for d in res.decisions if d.action == "keep_one_account")
    assert keep.account_ids == ("u1", "u2")
    assert len(keep.evidence["finding_ids"]) == 2
