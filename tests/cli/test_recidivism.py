"""End to end: a network taken down in one run comes back, and the next run catches it.

``lockstep synth --second-period`` writes two periods of one platform; ``lockstep run`` on the
first, with a ledger, disrupts its influence network once an analyst confirms the takedown
(``lockstep decisions confirm``); ``lockstep run`` on the second, with the same ledger, names
the network's new accounts to it and suspends them as the severe violation seed 001 makes of
"creating accounts to replace or mimic a suspended account".
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.clirun import cli

pytestmark = pytest.mark.slow


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_a_disrupted_network_that_returns_is_caught(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    p1, p2, ledger = tmp_path / "p1", tmp_path / "p2", str(tmp_path / "ledger.sqlite")

    def ok(*args: str) -> str:
        code, out, err = cli(list(args), capsys, monkeypatch)
        assert code == 0, err
        return out

    out = ok(
        "synth", "--accounts", "1500", "--days", "7", "--seed", "3",
        "--out", str(p1), "--second-period", str(p2),
    )  # fmt: skip
    assert f"second period written to {p2}" in out
    ok("run", str(p1), "--out", str(tmp_path / "r1"), "--ledger", ledger)
    summary = json.loads((tmp_path / "r1" / "summary.json").read_text())
    enforce = next(s for s in summary["stages"] if s["name"] == "enforce")
    assert enforce["counts"]["fingerprints"] >= 1

    # the analyst confirms the network takedowns waiting for review
    pending = [
        d
        for d in json.loads(ok("decisions", "list", "--ledger", ledger, "--json"))
        if d["status"] == "pending_review" and d["evidence"].get("network_id")
    ]
    for d in pending:
        ok("decisions", "confirm", d["decision_id"], "--analyst", "ana", "--ledger", ledger)

    r2 = tmp_path / "r2"
    ok("run", str(p2), "--out", str(r2), "--ledger", ledger)

    # which first-period network each planted influence campaign became
    truth1 = {r["account_id"]: r for r in _jsonl(p1 / "truth.jsonl")}
    network_of: dict[str, str] = {}
    for n in _jsonl(tmp_path / "r1" / "networks.jsonl"):
        campaign, k = Counter(truth1[a]["campaign_id"] for a in n["account_ids"]).most_common(1)[0]
        if campaign and 2 * k > n["size"]:
            network_of[campaign] = n["network_id"]
    campaigns2 = {c["campaign_id"]: c for c in _jsonl(p2 / "campaigns.jsonl")}
    truth2 = {r["account_id"]: r for r in _jsonl(p2 / "truth.jsonl")}
    returning = {
        a: campaigns2[r["campaign_id"]]["params"]["returns"]
        for a, r in truth2.items()
        if r["campaign_id"] and "returns" in campaigns2[r["campaign_id"]]["params"]
    }
    assert returning and set(returning.values()) <= set(network_of)

    findings = {
        f["subject_id"]: f
        for f in _jsonl(r2 / "findings.jsonl")
        if f["behaviour"] == "coord.recidivism"
    }
    named = [
        a
        for a, origin in returning.items()
        if a in findings and findings[a]["evidence"].get("network_id") == network_of[origin]
    ]
    assert len(named) >= 0.9 * len(returning), (len(named), len(returning))
    # nobody organic, and no look-alike, is taken for the network
    innocent = {a for a, r in truth2.items() if r["role"] in {"organic", "hard_negative"}}
    assert not innocent & set(findings)
    example = findings[named[0]]["evidence"]
    assert example["summary"].startswith("new account @") or "re-establishes" in example["summary"]

    # recidivism is severe: permanent suspension at first detection
    decisions = [d for d in _jsonl(r2 / "decisions.jsonl") if d["behaviour"] == "coord.recidivism"]
    suspended = {a for d in decisions for a in d["account_ids"]}
    assert set(named) <= suspended
    assert {d["action"] for d in decisions} == {"permanent_suspension"}
    assert all("severe" in d["reason"] for d in decisions)
    back = [n for n in _jsonl(r2 / "networks.jsonl") if "returns" in n["evidence"]]
    assert back and {n["evidence"]["returns"]["network_id"] for n in back} <= set(
        network_of.values()
    )

    # the same second period again: the same findings, nothing decided twice
    again = tmp_path / "r2-again"
    out = ok("run", str(p2), "--out", str(again), "--ledger", ledger)
    assert "none new" in out
    assert (again / "findings.jsonl").read_bytes() == (r2 / "findings.jsonl").read_bytes()
