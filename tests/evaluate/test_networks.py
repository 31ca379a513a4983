"""Network metrics of ``lockstep eval`` on the handwritten world, scored by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lockstep.evaluate import evaluate, render
from tests.evaluate.conftest import CAMPAIGNS, write_jsonl


def network(nid: str, accounts: list[str], tactics: list[str]) -> dict[str, Any]:
    return {
        "network_id": nid,
        "account_ids": accounts,
        "size": len(accounts),
        "tactics": [{"id": t, "name": t, "observable": "x"} for t in tactics],
    }


def test_best_match_jaccard_tactics_and_majority_negative(world: tuple[Path, Path]) -> None:
    data, run = world
    planted = {
        "campaign_id": "n1",
        "kind": "coord.network",
        "behaviours": ["spam.copypasta"],
        "accounts": 4,
        "tactics": ["T0128", "T0143.002"],
        "params": {},
        "targets": [],
    }
    write_jsonl(data / "campaigns.jsonl", [*CAMPAIGNS, planted])
    # truth names a1..a4 campaign c1; relabel them as the planted network n1
    truth = [json.loads(x) for x in (data / "truth.jsonl").read_text().splitlines()]
    for row in truth:
        if row["campaign_id"] == "c1":
            row["campaign_id"] = "n1"
    write_jsonl(data / "truth.jsonl", truth)
    write_jsonl(
        run / "networks.jsonl",
        [
            # 3 of a1..a4 plus one organic: Jaccard 3/5
            network("net-a", ["a1", "a2", "a3", "o1"], ["T0128", "T0101"]),
            # a smaller overlap loses the match
            network("net-b", ["a4", "b1"], ["T0143.002"]),
            # organic and hard-negative majority
            network("net-c", ["o2", "o3", "h1", "b2"], []),
        ],
    )
    result = evaluate(data, run).networks
    assert result is not None
    (match,) = result.campaigns
    assert (match.network_id, match.jaccard) == ("net-a", 0.6)
    # planted T0128 T0143.002, found T0128 T0101: tp 1, fp 1, fn 1
    assert result.tactics_precision == 0.5
    assert result.tactics_recall == 0.5
    assert result.majority_negative == {"net-c": 0.75}
    assert result.to_dict()["min_jaccard"] == 0.6


def test_a_run_without_networks_has_no_network_metrics(world: tuple[Path, Path]) -> None:
    data, run = world
    result = evaluate(data, run)
    assert result.networks is None
    assert result.to_dict()["networks"] is None
    assert render(result) is not None
