"""What each figure counts, on the hand-made ledger (tests/report/scenario.py): networks in
the seed-002 table and those that are not, recidivism, reports, appeals, the Code of
Practice, old ledger events, and a past period that does not move as the ledger grows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from lockstep.enforce.model import Decision, NetworkRecord, Offense, stable_id
from lockstep.ledger.store import Event, Ledger
from lockstep.report.ledgerview import LedgerView
from lockstep.report.period import Period, month_period, range_period
from lockstep.report.transparency import (
    NON_EU,
    UNKNOWN,
    TransparencyReport,
    build,
    from_ledger,
    member_state,
)
from tests.report.scenario import PEER, ROMANIA, Small


def report(small: Small, period: Period) -> TransparencyReport:
    with Ledger(small.url, create=False) as ledger:
        return from_ledger(ledger, period)


def value(r: TransparencyReport, name: str) -> int | float | None:
    return r.figures()[name].value


def test_the_disclosure_lists_influence_operations_largest_first(small: Small) -> None:
    dec = report(small, month_period("2024-12"))
    assert [(n.network_id, n.source_label) for n in dec.networks] == [
        ("net-ro", "Internal"),
        ("net-id", "Internal"),
    ]
    ro, indonesia = dec.networks
    assert (ro.accounts.value, ro.followers.value) == (27217, 70892)
    assert ro.description == ROMANIA.description
    assert ro.first_seen == "2024-11-20T08:00:00+00:00"
    assert [t for t, _ in ro.tactics] == ["T0143.002", "T0084.001"]
    # net-id's keep-one waited for an analyst: it was disrupted when confirmed
    assert indonesia.accounts.value == 9 and indonesia.disrupted_at == "2024-12-05T12:00:00+00:00"
    # the engagement pod was acted on as a network but is not an influence operation
    assert "net-pod" not in {n.network_id for n in dec.networks}
    assert any(r.key == "keep_one_account" and r.accounts.value == 11 for r in dec.by_action)


def test_a_network_awaiting_review_is_not_yet_disrupted(small: Small) -> None:
    before = report(small, range_period("2024-12-03", "2024-12-04"))
    assert [n.network_id for n in before.networks] == ["net-ro"]
    assert value(before, "actions_awaiting_review_at_period_end") == 1
    assert value(before, "actions_human_reviewed") == 0
    after = report(small, range_period("2024-12-05", "2024-12-05"))
    assert [n.network_id for n in after.networks] == ["net-id"]
    assert value(after, "actions_human_reviewed") == 1
    assert value(after, "actions_awaiting_review_at_period_end") == 0


def test_peers_networks_are_external_and_returning_ones_count_as_recidivism(small: Small) -> None:
    jan = report(small, month_period("2025-01"))
    [peer] = jan.networks
    assert (peer.network_id, peer.source_label, peer.accounts.value) == ("net-peer", "External", 42)
    assert peer.followers.value == PEER.followers
    # net-back (re-establishing a removed network) and u60 (coord.recidivism) are removals
    # of previously disrupted networks, not new disruptions
    assert value(jan, "recidivist_accounts_removed") == 3
    assert value(jan, "cop_c16_actions_on_peer_disclosures") == 3
    assert value(jan, "cop_c16_networks_actioned_on_peer_disclosures") == 1
    assert value(report(small, month_period("2024-12")), "recidivist_accounts_removed") == 0


def test_user_reports_are_actioned_only_by_a_later_action_on_their_target(small: Small) -> None:
    dec = report(small, month_period("2024-12"))
    rows = {r.target_type: (r.received.value, r.actioned.value) for r in dec.reports_by_target}
    # account: u01 actioned after r1; u50 untouched in December; u09 reported after its removal
    # post: p2 was one of the removed posts; url: its domain was denylisted
    assert rows == {"account": (3, 1), "post": (1, 1), "url": (1, 1)}
    assert value(dec, "user_reports_received") == 5
    assert value(dec, "user_reports_actioned") == 3


def test_appeals_and_reversals(small: Small) -> None:
    dec = report(small, month_period("2024-12"))
    assert [value(dec, f"appeals_{k}") for k in ("filed", "decided", "upheld", "overturned")] == [
        3,
        2,
        1,
        1,
    ]
    assert value(dec, "appeals_median_hours_to_decision") == 18.0  # 6 h and 30 h
    assert value(dec, "actions_reversed_by_period_end") == 1
    jan = report(small, month_period("2025-01"))
    assert value(jan, "appeals_filed") == 0
    assert value(jan, "appeals_modified") == 1
    assert value(jan, "appeals_median_hours_to_decision") == 72.0
    # the analyst's replacement is a human action of January
    lock = next(r for r in jan.by_action if r.key == "temporary_lock")
    assert (lock.decisions.value, lock.human.value) == (1, 1)


def test_code_of_practice(small: Small) -> None:
    dec = report(small, month_period("2024-12"))
    c14 = {(r.key, r.member_state): r.accounts.value for r in dec.c14_behaviours}
    assert c14[("coord.network", "RO")] == 3
    assert c14[("coord.network", NON_EU)] == 4  # MD and three ID accounts
    assert c14[("spam.duplicate_posts", "DE")] == 1
    assert c14[("spam.copypasta", NON_EU)] == 1  # US
    tactics = {(r.key, r.member_state): (r.accounts.value, r.networks) for r in dec.c14_tactics}
    accounts, networks = tactics[("T0143.002", "RO")]
    assert accounts == 3 and networks is not None and networks.value == 1
    exchanges = {(x.direction, x.partner): x.indicators.value for x in dec.c16_exchanges}
    assert exchanges == {("shared", "Meta"): 17, ("received", "Google TAG"): 2}
    jan = report(small, month_period("2025-01"))
    assert {(x.partner, x.indicators.value) for x in jan.c16_exchanges} == {("unknown partner", 5)}


def test_member_states() -> None:
    assert [member_state(c) for c in ("ro", "GR", "GB", "", None, "EL")] == [
        "RO",
        "GR",
        NON_EU,
        UNKNOWN,
        UNKNOWN,
        NON_EU,
    ]


def test_a_past_period_reads_the_ledger_as_it_stood_then(small: Small) -> None:
    dec = month_period("2024-12")
    with Ledger(small.url, create=False) as ledger:
        events = ledger.events()
    then = [e for e in events if e.created_at < dec.end]
    assert len(then) < len(events)
    now = build(LedgerView.fold(events, until=dec.end), dec).to_dict()
    assert now == build(LedgerView.fold(then), dec).to_dict()


def test_offenses_recorded_before_networks_carried_details_still_report(tmp_path: Path) -> None:
    """An offense event in the older shape (no network details, no countries)."""
    when = datetime(2024, 6, 3, 9, tzinfo=UTC)
    old = Offense(
        "network",
        "net-old",
        ("a1", "a2"),
        "coord.network",
        0.95,
        (),
        "a coordinated network of 2 accounts",
        network_id="net-old",
        facts={"declared_automated": [], "suspended_before": [], "created": {}},
    )
    payload = old.to_payload()
    assert "network" not in payload
    decision = Decision(
        stable_id("d_", old.key),
        old.key,
        "run_old",
        "account",
        "a1",
        ("a1",),
        "permanent_suspension",
        "platform-manipulation.coordination",
        "coord.network",
        True,
        "old",
        when,
        None,
        True,
        None,
        {},
        {},
        "2024.1",
    )
    with Ledger(tmp_path / "old.sqlite") as ledger, ledger.write() as w:
        w.append(
            [
                Event(
                    "offense", {"offense": payload, "run_id": "run_old"}, when, offense_key=old.key
                ),
                Event("decision", decision.to_payload(), when, decision_id=decision.decision_id),
            ]
        )
    with Ledger(tmp_path / "old.sqlite", create=False) as ledger:
        june = from_ledger(ledger, month_period("2024-06"))
    [row] = june.networks
    assert (row.accounts.value, row.followers.value) == (2, None)
    assert row.description == "a coordinated network of 2 accounts"
    assert [(r.member_state, r.accounts.value) for r in june.c14_behaviours] == [(UNKNOWN, 1)]


def test_network_records_carry_what_the_disclosure_needs() -> None:
    row = {
        "network_id": "n1",
        "account_ids": ["b", "a"],
        "size": 12,
        "followers": 3715,
        "behaviours": ["coord.network"],
        "tactics": [{"id": "T0128", "name": "location obfuscation", "observable": "VPN"}],
        "first_seen": "2025-02-14T02:31:02.725174Z",
        "last_seen": "2025-02-23T14:00:22",
        "detection_source": "internal",
        "description": "Accounts targeting an audience in Japan.",
    }
    details = NetworkRecord.from_mapping(row).details()
    assert details == {
        "size": 12,
        "followers": 3715,
        "behaviours": ["coord.network"],
        "tactics": [{"id": "T0128", "name": "location obfuscation"}],
        "first_seen": "2025-02-14T02:31:02+00:00",
        "last_seen": "2025-02-23T14:00:22+00:00",
        "detection_source": "internal",
        "description": "Accounts targeting an audience in Japan.",
    }
