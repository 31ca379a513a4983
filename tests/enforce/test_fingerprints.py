"""Fingerprints in the ledger, on SQLite and PostgreSQL: recorded once per takedown, used only
while the takedown stands (confirmed, not reversed), and handed to a later run's lake."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest

from lockstep.enforce import actions as act
from lockstep.enforce.engine import EnforcementResult, enforce
from lockstep.enforce.model import NetworkRecord
from lockstep.enforce.policy import load_policy
from lockstep.fingerprint.ledger import (
    FINGERPRINTS_TABLE,
    KNOWN_TABLE,
    attach,
    in_effect,
    read_fingerprints,
    record,
)
from lockstep.lake import Lake
from lockstep.ledger.store import Ledger
from tests.detect.coord.test_recidivism import MEMBERS, PEOPLE, first_period, period, second_period
from tests.enforce.conftest import NOW, facts, finding, findings

POLICY = load_policy()
NETWORK = NetworkRecord("net-romania", tuple(sorted(MEMBERS)), ("coord.network",), score=0.7)


@pytest.fixture
def ledger(ledger_url: str) -> Iterator[Ledger]:
    with Ledger(ledger_url) as led:
        yield led


@pytest.fixture
def lake(make_lake: Callable[..., Lake]) -> Lake:
    return period(make_lake, first_period())


def _pass(
    ledger: Ledger, lake: Lake, *rows, networks=(NETWORK,), days: float = 0
) -> EnforcementResult:  # type: ignore[no-untyped-def]
    now = NOW + timedelta(days=days)
    result = enforce(
        ledger, findings(*rows), list(networks), facts(*MEMBERS, *PEOPLE), POLICY, now=now
    )
    result.fingerprinted = record(
        ledger, lake, result.networks, [*result.decisions, *result.earlier], result.state, now
    )
    return result


def test_a_takedown_is_fingerprinted_once(ledger: Ledger, lake: Lake) -> None:
    first = _pass(ledger, lake)
    assert first.fingerprinted == 1
    kept = next(d for d in first.decisions if d.action == "keep_one_account")
    events = [e for e in ledger.events() if e.kind == "fingerprint"]
    assert len(events) == 1
    e = events[0]
    assert (e.subject_type, e.subject_id, e.offense_key) == (
        "network",
        "net-romania",
        kept.offense_key,
    )
    assert e.payload["member_total"] == 4 and e.payload["texts"]
    # a rerun of the same data adds nothing
    again = _pass(ledger, lake, days=1)
    assert again.decisions == [] and again.fingerprinted == 0
    assert sum(1 for e in ledger.events() if e.kind == "fingerprint") == 1


def test_used_only_while_the_takedown_stands(ledger: Ledger, lake: Lake) -> None:
    result = _pass(ledger, lake)
    keep = next(d for d in result.decisions if d.action == "keep_one_account")
    assert not keep.automated  # the network scores 0.7: an analyst confirms it
    assert in_effect(ledger.events(), NOW) == []
    act.confirm(ledger, keep.decision_id, "ana", NOW)
    assert [fp.subject_id for fp in in_effect(ledger.events(), NOW)] == ["net-romania"]
    appeal = act.file_appeal(ledger, keep.decision_id, MEMBERS[0], "we are real", NOW)
    act.decide_appeal(ledger, appeal, "overturn", "four real people", "ana", now=NOW)
    assert in_effect(ledger.events(), NOW) == []


def test_members_suspended_on_their_own_take_the_network_down(ledger: Ledger, lake: Lake) -> None:
    """Members suspended for their own severe conduct leave the network offense nothing to
    decide; its fingerprint is still recorded and used."""
    rows = [finding("coord.account_trade", m) for m in MEMBERS]
    result = _pass(ledger, lake, *rows)
    assert not [d for d in result.decisions if d.evidence.get("network_id")]
    assert {d.action for d in result.decisions} == {"permanent_suspension"}
    found = in_effect(ledger.events(), NOW)
    assert [(fp.kind, fp.subject_id) for fp in found] == [("network", "net-romania")]


def test_suspended_accounts_outside_networks(ledger: Ledger, lake: Lake) -> None:
    result = _pass(ledger, lake, finding("coord.account_trade", PEOPLE[0]), networks=())
    assert result.fingerprinted == 1
    (fp,) = in_effect(ledger.events(), NOW)
    assert (fp.kind, fp.subject_id, fp.member_total) == ("account", PEOPLE[0], 1)
    suspension = result.decisions[0]
    appeal = act.file_appeal(ledger, suspension.decision_id, PEOPLE[0], "not for sale", NOW)
    act.decide_appeal(ledger, appeal, "overturn", "a joke", "ana", now=NOW)
    assert in_effect(ledger.events(), NOW) == []


def test_a_later_run_gets_them_as_lake_tables(
    ledger: Ledger, lake: Lake, make_lake: Callable[..., Lake]
) -> None:
    result = _pass(ledger, lake)
    keep = next(d for d in result.decisions if d.action == "keep_one_account")
    act.confirm(ledger, keep.decision_id, "ana", NOW)
    later = period(make_lake, second_period())
    assert attach(later, ledger, NOW) == 1
    (fp,) = read_fingerprints(later.path(FINGERPRINTS_TABLE))
    assert fp.subject_id == "net-romania" and fp.since == NOW.replace(tzinfo=None)
    known = later.table(KNOWN_TABLE).to_pyarrow().to_pylist()
    # the people of the first period were seen by the ledger; the new accounts were not
    assert {r["account_id"] for r in known} == set(PEOPLE)
    assert all(r["first_seen"] == NOW.replace(tzinfo=None) for r in known)


def test_stale_tables_are_removed(ledger: Ledger, make_lake: Callable[..., Lake]) -> None:
    later = period(make_lake, second_period())
    for name in (FINGERPRINTS_TABLE, KNOWN_TABLE):
        later.path(name).write_bytes(b"left over from another ledger")
    assert attach(later, ledger, NOW) == 0
    assert not later.has(FINGERPRINTS_TABLE) and not later.has(KNOWN_TABLE)
