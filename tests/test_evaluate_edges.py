"""Edge scoring against planted groups: account- and pair-level precision and recall, and
the false-positive rate per hard-negative kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lockstep.evaluate_edges import Truth, score_edges

ROWS = [
    ("n1", "c1", "coord.network", "member"),
    ("n2", "c1", "coord.network", "member"),
    ("n3", "c1", "coord.network", "operator"),
    ("n4", "c1", "coord.network", "member"),
    ("h1", "c2", "spam.hashtag_hijack", "member"),
    ("h2", "c2", "spam.hashtag_hijack", "member"),
    ("f1", "c3", "fan_swarm", "hard_negative"),
    ("f2", "c3", "fan_swarm", "hard_negative"),
    ("o1", None, "organic", "organic"),
    ("o2", None, "organic", "organic"),
]


@pytest.fixture
def truth(tmp_path: Path) -> Truth:
    with (tmp_path / "truth.jsonl").open("w") as fh:
        for acc, camp, kind, role in ROWS:
            row = {"account_id": acc, "campaign_id": camp, "kind": kind, "role": role}
            fh.write(json.dumps({**row, "behaviours": []}) + "\n")
    return Truth.read(tmp_path)


def test_scores_accounts_and_pairs(truth: Truth) -> None:
    pairs = [("n1", "n2"), ("n2", "n1"), ("n3", "n2"), ("h1", "h2"), ("f1", "o1"), ("n4", "n4")]
    score = score_edges(pairs, truth)
    assert score.pairs == 4  # duplicates and self-pairs ignored
    assert score.recall == 3 / 4  # n4 has only a self-pair
    # n1 n2 n3 planted; h1 h2 one operator's accounts; f1 and o1 are false positives
    assert score.precision == 5 / 7
    assert score.pair_precision == 3 / 4
    assert score.false_positive_rate == {"fan_swarm": 0.5, "organic": 0.5}
    assert score.recall_by_kind == {"coord.network": 0.75}
    assert score.other_campaign_accounts == 0


def test_an_edge_across_campaigns_is_wrong(truth: Truth) -> None:
    score = score_edges([("n1", "h1")], truth)
    assert score.pair_precision == 0.0
    assert score.other_campaign_accounts == 1  # h1: a campaign member, but not coordinated here
    assert score.precision == 1 / 2
