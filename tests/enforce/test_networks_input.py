"""Networks reach enforcement through ``networks.jsonl`` (DESIGN §5); absent means none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lockstep.enforce.model import NetworkRecord, load_networks
from lockstep.enforce.offenses import build_offenses
from lockstep.enforce.policy import load_policy
from lockstep.errors import BadInputError
from tests.enforce.conftest import facts, findings


def test_absent_file_means_no_networks(tmp_path: Path) -> None:
    assert load_networks(tmp_path / "networks.jsonl") == []


def test_network_records_become_flagged_network_offenses(tmp_path: Path) -> None:
    rows = [
        {
            "network_id": "n1",
            "account_ids": ["b", "a"],
            "size": 2,
            "behaviours": ["coord.network", "coord.recidivism"],
            "tactics": [{"id": "T0143.002", "observable": "stock avatars"}],
            "score": 0.8,
            "detection_source": "external",
            "description": "Posed as local voters before the referendum",
        }
    ]
    path = tmp_path / "networks.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    [net] = load_networks(path)
    assert net == NetworkRecord(
        "n1",
        ("a", "b"),
        ("coord.network", "coord.recidivism"),
        ("T0143.002",),
        0.8,
        "external",
        "Posed as local voters before the referendum",
        size=2,
    )
    [offense] = build_offenses(findings(), [net], load_policy(), facts("a", "b"))
    assert offense.subject_type == "network" and offense.behaviour == "coord.network"
    assert set(offense.flags) == {"election", "recidivist", "external"}
    # the ledger keeps what the monthly disclosure reports (followers not given here)
    assert offense.network["size"] == 2 and offense.network["followers"] is None
    assert offense.network["tactics"] == [{"id": "T0143.002", "name": ""}]


def test_a_mangled_network_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "networks.jsonl"
    path.write_text('{"network_id": "n1"}\nnot json\n', encoding="utf-8")
    with pytest.raises(BadInputError, match="account_ids"):
        load_networks(path)
    path.write_text("not json\n", encoding="utf-8")
    with pytest.raises(BadInputError, match="line 1: not JSON"):
        load_networks(path)
