"""Reconciliation on a real run: ``lockstep run`` over a synthetic world, a month of analysts,
users and peers acting on it (tests/report/scenario.py), then the report's totals against a
fold of the raw ledger events written here, independently of ``lockstep.report``."""

from __future__ import annotations

import json
import statistics
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from lockstep.ledger.store import Event, Ledger
from lockstep.report.period import Period, month_period, range_period
from lockstep.report.render import render_all
from lockstep.report.transparency import EU_MEMBER_STATES, NON_EU, from_ledger
from tests.report.scenario import Synthetic

PERIODS = [
    month_period("2025-04"),
    month_period("2025-05"),
    range_period("2025-04-21", "2025-05-06"),
]


def _events(url: str) -> list[Event]:
    with Ledger(url, create=False) as ledger:
        return ledger.events()


def fold(events: Sequence[Event], start: datetime, end: datetime) -> dict[str, Any]:
    """The report's totals from raw events, the plain way."""
    seen = [e for e in events if e.created_at < end]

    def inside(t: datetime | None) -> bool:
        return t is not None and start <= t < end

    decisions = [e for e in seen if e.kind == "decision"]
    confirmed = {e.decision_id: e.created_at for e in seen if e.kind == "decision_confirmed"}
    reversed_ = {e.decision_id for e in seen if e.kind == "reversal"}
    offenses = {e.offense_key: e.payload["offense"] for e in seen if e.kind == "offense"}

    def effect(e: Event) -> datetime | None:
        if e.payload["automated"] or e.actor != "lockstep":
            return e.created_at
        return confirmed.get(e.decision_id)

    taken = [e for e in decisions if inside(effect(e))]
    outcomes = Counter(
        e.payload["outcome"] for e in seen if e.kind == "challenge_outcome" and inside(e.created_at)
    )
    filed = {e.payload["appeal_id"]: e.created_at for e in seen if e.kind == "appeal_filed"}
    decided = [e for e in seen if e.kind == "appeal_decided" and inside(e.created_at)]
    hours = [(e.created_at - filed[e.payload["appeal_id"]]).total_seconds() / 3600 for e in decided]

    def recidivist(e: Event) -> bool:
        o = offenses.get(e.offense_key, {})
        return e.payload["behaviour"] == "coord.recidivism" or "recidivist" in o.get("flags", [])

    def indicators(kind: str) -> int:
        total = 0
        for e in seen:
            if e.kind == kind and inside(e.created_at):
                p = e.payload
                total += p["indicator_count"] if "indicator_count" in p else len(p["indicators"])
        return total

    networks = {}
    for key, o in offenses.items():
        n = o.get("network", {})
        operation = "coord.network" in n.get("behaviours", []) or (
            n.get("detection_source") == "external"
        )
        if o["subject_type"] != "network" or not operation or "recidivist" in o["flags"]:
            continue
        mine = [e for e in decisions if e.offense_key == key and effect(e) is not None]
        first = min((effect(e) for e in mine), default=None)  # type: ignore[type-var]
        if inside(first) and not all(e.decision_id in reversed_ for e in mine):
            networks[o["network_id"]] = n["followers"]
    return {
        "figures": {
            "networks_disrupted": len(networks),
            "actions_taken": len(taken),
            "actions_automated": sum(1 for e in taken if e.payload["automated"]),
            "actions_human_reviewed": sum(1 for e in taken if not e.payload["automated"]),
            "actions_reversed_by_period_end": sum(1 for e in taken if e.decision_id in reversed_),
            "challenges_issued": sum(1 for e in taken if e.payload["action"] == "challenge"),
            "challenges_passed": outcomes["passed"],
            "challenges_failed": outcomes["failed"],
            "challenges_expired": outcomes["expired"],
            "user_reports_received": sum(
                1 for e in seen if e.kind == "report_received" and inside(e.created_at)
            ),
            "appeals_filed": sum(1 for t in filed.values() if inside(t)),
            "appeals_decided": len(decided),
            "appeals_overturned": sum(1 for e in decided if e.payload["outcome"] == "overturn"),
            "appeals_median_hours_to_decision": (
                round(statistics.median(hours), 2) if hours else None
            ),
            "recidivist_accounts_removed": len(
                {
                    a
                    for e in taken
                    if e.payload["action"] == "permanent_suspension"
                    and e.decision_id not in reversed_
                    and recidivist(e)
                    for a in e.payload["account_ids"]
                }
            ),
            "cop_c16_indicators_shared": indicators("indicators_shared"),
            "cop_c16_indicators_received": indicators("indicators_received"),
            "cop_c16_actions_on_peer_disclosures": sum(
                1 for e in taken if "external" in offenses.get(e.offense_key, {}).get("flags", [])
            ),
        },
        "by_action": dict(Counter(e.payload["action"] for e in taken)),
        "by_behaviour": dict(Counter(e.payload["behaviour"] for e in taken)),
        "accounts_by_behaviour": {
            b: len(
                {a for e in taken if e.payload["behaviour"] == b for a in e.payload["account_ids"]}
            )
            for b in {e.payload["behaviour"] for e in taken}
        },
        "followers": networks,
    }


def _report(url: str, period: Period) -> dict[str, Any]:
    with Ledger(url, create=False) as ledger:
        data: dict[str, Any] = json.loads(render_all(from_ledger(ledger, period))["report.json"])
    return data


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: f"{p.first}..{p.last}")
def test_the_report_reconciles_with_a_plain_fold_of_the_events(
    period: Period, synthetic: Synthetic
) -> None:
    report = _report(synthetic.url, period)
    expected = fold(_events(synthetic.url), period.start, period.end)
    got = {k: report["figures"][k]["value"] for k in expected["figures"]}
    assert got == expected["figures"]
    by_action = {r["key"]: r["decisions"]["value"] for r in report["enforcement"]["by_action"]}
    assert by_action == expected["by_action"]
    rows = report["enforcement"]["by_behaviour"]
    assert {r["key"]: r["decisions"]["value"] for r in rows} == expected["by_behaviour"]
    assert {r["key"]: r["accounts"]["value"] for r in rows} == expected["accounts_by_behaviour"]
    # Commitment 14 splits each behaviour's accounts over member states, losing none
    c14: Counter[str] = Counter()
    for row in report["code_of_practice"]["commitment_14"]["by_behaviour"]:
        c14[row["key"]] += row["accounts"]["value"]
    assert dict(c14) == {b: n for b, n in expected["accounts_by_behaviour"].items() if n}
    listed = report["covert_influence_operations"]
    assert {n["network_id"]: n["followers_of_network"]["value"] for n in listed} == (
        expected["followers"]
    )
    # the totals of the tables add up to the single figures
    assert sum(by_action.values()) == report["figures"]["actions_taken"]["value"]


def test_the_scenario_shows_in_the_report(synthetic: Synthetic) -> None:
    april = _report(synthetic.url, month_period("2025-04"))["figures"]
    assert {k: april[f"appeals_{k}"]["value"] for k in ("filed", "decided", "overturned")} == {
        "filed": 4,
        "decided": 3,
        "overturned": 1,
    }
    assert april["appeals_median_hours_to_decision"]["value"] == 24.0  # 12, 24 and 48 hours
    assert (april["challenges_passed"]["value"], april["challenges_failed"]["value"]) == (3, 1)
    assert april["cop_c16_indicators_shared"]["value"] == 17
    assert april["actions_awaiting_review_at_period_end"]["value"] > 0
    assert april["networks_disrupted"]["value"] >= 1  # the world plants influence operations
    may = _report(synthetic.url, month_period("2025-05"))
    figures = may["figures"]
    assert figures["recidivist_accounts_removed"]["value"] == 4  # 3 returning + 1 recidivist
    assert figures["appeals_median_hours_to_decision"]["value"] == 72.0
    assert figures["cop_c16_indicators_received"]["value"] == 3
    assert figures["cop_c16_actions_on_peer_disclosures"]["value"] == 3
    assert figures["user_reports_actioned"]["value"] == 1  # reported, then removed as a peer's
    [peer] = may["covert_influence_operations"]
    assert (peer["network_id"], peer["detection_source"]) == ("net-peer-disclosed", "external")
    assert peer["accounts_in_network"]["value"] == 3


def test_networks_reach_the_report_through_the_ledger_unchanged(synthetic: Synthetic) -> None:
    run = {
        r["network_id"]: r
        for r in map(json.loads, (synthetic.out / "networks.jsonl").read_text().splitlines())
    }
    listed = _report(synthetic.url, month_period("2025-04"))["covert_influence_operations"]
    assert listed
    for n in listed:
        record = run[n["network_id"]]
        assert "coord.network" in record["behaviours"]
        assert n["accounts_in_network"]["value"] == record["size"]
        assert n["followers_of_network"]["value"] == record["followers"]
        assert n["description"] == record["description"]
        assert [t["id"] for t in n["tactics"]] == [t["id"] for t in record["tactics"]]
    # networks that are not influence operations (engagement rings, spam rings) are left out
    others = {k for k, r in run.items() if "coord.network" not in r["behaviours"]}
    assert others and not others & {n["network_id"] for n in listed}


def test_the_same_ledger_gives_the_same_bytes(synthetic: Synthetic) -> None:
    with Ledger(synthetic.url, create=False) as ledger:
        first = render_all(from_ledger(ledger, month_period("2025-04")))
        second = render_all(from_ledger(ledger, month_period("2025-04")))
    assert first == second


def test_the_run_report_shows_what_the_run_decided(synthetic: Synthetic) -> None:
    decisions = [
        json.loads(x) for x in (synthetic.out / "decisions.jsonl").read_text().splitlines()
    ]
    md = (synthetic.out / "report.md").read_text()
    page = (synthetic.out / "report.html").read_text()
    section = md[md.index("## Enforcement") : md.index("## Findings")]
    for action, n in Counter(d["action"] for d in decisions).items():
        waiting = sum(1 for d in decisions if d["action"] == action and not d["automated"])
        accounts = len({a for d in decisions if d["action"] == action for a in d["account_ids"]})
        assert f"| {action} | {n} | {accounts} | {n - waiting} | {waiting} |" in section
        assert f"<td>{action}</td>" in page
    assert "<svg" in page and "Influence operations acted on" in md


def test_declared_countries_travel_from_the_input_into_offenses(
    synthetic: Synthetic, world: Path
) -> None:
    table = pq.read_table(world / "accounts.parquet", columns=["account_id", "country"])
    declared = {a: c for a, c in zip(*(table.column(i).to_pylist() for i in (0, 1)), strict=True)}
    stored: dict[str, str] = {}
    for e in _events(synthetic.url):
        if e.kind == "offense" and e.payload["run_id"].startswith("run_20250420"):
            offense = e.payload["offense"]
            stored |= offense["facts"]["countries"]
            named = set(offense["account_ids"])
            assert set(offense["facts"]["countries"]) == {a for a in named if declared.get(a)}
    assert stored and all(declared[a] == c for a, c in stored.items())
    states = {
        r["member_state"]
        for r in _report(synthetic.url, month_period("2025-04"))["code_of_practice"][
            "commitment_14"
        ]["by_behaviour"]
    }
    assert states & set(EU_MEMBER_STATES) and NON_EU in states
