"""The sharing bar of issue 8: a bundle exported from one synthetic platform and imported into
another that shares some of the same operation finds the shared accounts' counterparts by
URLs, domains and content, with no organic account actioned automatically.

Two worlds of different seeds are made with the same ``--shared-operation``; platform A runs
the whole pipeline and exports the network that holds the operation; platform B, which has
not detected anything yet (an empty ledger), imports the bundle straight from its input
data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lockstep.lake import Lake
from lockstep.ledger.state import LedgerState
from lockstep.ledger.store import Ledger
from lockstep.pipeline import run as run_pipeline
from lockstep.progress import NullProgress
from lockstep.share.export import ExportOptions, build_bundle, validation_errors
from lockstep.share.extract import network_observables
from lockstep.share.source import from_run
from lockstep.synth import synthesise
from tests.clirun import cli

OPERATION = 5
ACCOUNTS = 2000


def _truth(data: Path) -> tuple[set[str], dict[str, dict[str, Any]]]:
    campaigns = [json.loads(line) for line in (data / "campaigns.jsonl").read_text().splitlines()]
    shared = [c for c in campaigns if c["params"].get("shared_operation") == OPERATION]
    assert len(shared) == 1
    truth = {
        r["account_id"]: r for r in map(json.loads, (data / "truth.jsonl").read_text().splitlines())
    }
    members = {a for a, r in truth.items() if r["campaign_id"] == shared[0]["campaign_id"]}
    return members, truth


@pytest.mark.slow
def test_counterparts_across_platforms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_a, data_b = tmp_path / "a", tmp_path / "b"
    synthesise(ACCOUNTS, 14, 11, data_a, NullProgress(), shared_operation=OPERATION)
    synthesise(ACCOUNTS, 14, 12, data_b, NullProgress(), shared_operation=OPERATION)
    run_a = tmp_path / "run_a"
    run_pipeline(data_a, run_a)

    members_a, _ = _truth(data_a)
    networks = [json.loads(line) for line in (run_a / "networks.jsonl").read_text().splitlines()]
    found = max(networks, key=lambda n: len(members_a & set(n["account_ids"])))
    assert len(members_a & set(found["account_ids"])) >= 0.9 * len(members_a)
    network = from_run(run_a, found["network_id"])
    observables = network_observables(Lake(run_a / "lake"), network.account_ids)
    bundle = build_bundle(network, observables, ExportOptions("Platform A"))
    assert validation_errors(bundle.text) == []
    assert {"url", "domain", "text"} <= set(bundle.indicators)
    path = tmp_path / "bundle.json"
    path.write_text(bundle.text, encoding="utf-8")

    ledger = str(tmp_path / "ledger_b.sqlite")
    code, out, err = cli(
        [
            "share",
            "import",
            str(path),
            "--ledger",
            ledger,
            "--data",
            str(data_b),
            "--max-auto",
            "500",
            "--json",
        ],
        capsys,
        monkeypatch,
    )
    assert code == 0, err
    result = json.loads(out)
    members_b, truth_b = _truth(data_b)
    every = {a for c in result["cases"] for a in c["accounts"]}
    core = {a for c in result["cases"] if not c["held_back"] for a in c["accounts"]}
    with Ledger(ledger) as led:
        state = LedgerState.fold(led.events())
    automatic = {
        a
        for ds in state.decisions.values()
        if ds.decision.automated
        for a in ds.decision.account_ids
    }
    organic = {a for a, r in truth_b.items() if r["role"] in ("organic", "hard_negative")}
    precision = len(core & members_b) / len(core)
    recall = len(core & members_b) / len(members_b)
    print(
        f"\nshared operation: {len(members_b)} accounts on B; counterparts {len(core)} "
        f"(+{len(every - core)} held back); precision {precision:.3f}, recall {recall:.3f}; "
        f"automatic {len(automatic)}, organic among them {len(automatic & organic)}; "
        f"matched by {sorted(result['by_kind'])}"
    )
    assert not automatic & organic
    assert automatic <= core
    assert precision >= 0.95 and recall >= 0.9
    # the counterparts are found by links, sites and content, not by account ids
    assert {"url", "domain", "text"} <= set(result["by_kind"])
    assert "account" not in result["by_kind"]
