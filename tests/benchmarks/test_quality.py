"""The quality harness judges each behaviour and group by its worst seed, and says which miss."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from lockstep.evaluate import Average, BehaviourScore, Evaluation, FalsePositiveRate
from lockstep.evaluate_networks import CampaignMatch, NetworkEvaluation
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import quality


def result(dup: tuple[int, int, int], organic_flagged: int, fans_flagged: int) -> Evaluation:
    """An evaluation with duplicate posting scored ``(tp, fp, fn)`` and nothing for copypasta."""
    none = Average(None, None, None)
    return Evaluation(
        data=Path("data"),
        run=Path("run"),
        accounts=1000,
        findings=sum(dup),
        behaviours=(
            BehaviourScore("spam.duplicate_posts", 5, *dup),
            BehaviourScore("spam.copypasta", 0, 0, 0, 12),
        ),
        micro=none,
        macro=none,
        campaigns=(),
        organic=FalsePositiveRate("organic", 800, organic_flagged),
        hard_negatives=(FalsePositiveRate("fan_swarm", 50, fans_flagged),),
        unknown_accounts_flagged=0,
    )


def test_worst_seed_decides_and_undetected_behaviours_have_no_row() -> None:
    good, weak = result((40, 0, 1), 0, 0), result((40, 5, 5), 8, 0)
    rows = {r.name: r for r in quality.behaviour_rows([good, weak])}
    assert set(rows) == {"spam.duplicate_posts"}  # copypasta has no detector in these runs
    assert rows["spam.duplicate_posts"].meets is False
    assert rows["spam.duplicate_posts"].figures[0] > 0.95
    groups = {r.name: r for r in quality.group_rows([good, weak])}
    assert groups["organic"].figures == (0.0, 0.01)
    assert groups["organic"].meets is False and groups["fan_swarm"].meets is True
    assert quality.misses([good, weak]) == ["spam.duplicate_posts", "organic"]
    assert quality.misses([good, good]) == []


def test_a_planted_behaviour_never_flagged_in_one_seed_misses(tmp_path: Path) -> None:
    flagged, silent = result((40, 0, 0), 0, 0), result((0, 0, 30), 0, 0)
    silent = Evaluation(
        **{
            **silent.__dict__,
            "behaviours": (
                BehaviourScore("spam.duplicate_posts", 0, 0, 0, 30),
                *silent.behaviours[1:],
            ),
        }
    )
    (row,) = quality.behaviour_rows([flagged, silent])
    assert row.figures == (1.0, 0.0) and row.meets is False


def _networks(jaccard: float, negative: dict[str, float], found: tuple[str, ...]) -> Evaluation:
    match = CampaignMatch("c1", 20, "net-1", jaccard, ("T0128", "T0143.002"), found)
    return Evaluation(
        **{
            **result((40, 0, 0), 0, 0).__dict__,
            "networks": NetworkEvaluation(3, (match,), negative),
        }
    )


def test_network_bars_are_judged_per_seed() -> None:
    good = _networks(0.95, {}, ("T0128", "T0143.002"))
    loose = _networks(0.8, {"net-9": 0.7}, ("T0128",))
    rows = {r.name: r for r in quality.network_rows([good, loose])}
    assert rows["min Jaccard"].figures == (0.95, 0.8) and rows["min Jaccard"].meets is False
    assert rows["negative-majority networks"].figures == (0.0, 1.0)
    assert rows["negative-majority networks"].meets is False
    assert rows["tactics precision"].meets is True
    assert rows["tactics recall"].figures == (1.0, 0.5) and rows["tactics recall"].meets is False
    assert quality.misses([good, good]) == []
    assert "| `min Jaccard` | 0.950 | 0.800 | **no** |" in quality.render(
        [1, 2], 1000, 14, [good, loose]
    )


def test_the_table_shows_every_seed_and_the_verdict() -> None:
    text = quality.render([1, 2], 1000, 14, [result((40, 0, 0), 0, 0), result((40, 0, 0), 0, 3)])
    assert "| `spam.duplicate_posts` | 1.000 | 1.000 | yes |" in text
    assert "| `fan_swarm` | 0.0000 | 0.0600 | **no** |" in text


def test_a_small_run_writes_scores_and_gates_on_check(tmp_path: Path) -> None:
    code = quality.main(
        ["--seeds", "3", "--accounts", "400", "--days", "3", "--out", str(tmp_path)]
    )
    assert code == 0
    payload = json.loads((tmp_path / "quality.json").read_text(encoding="utf-8"))
    assert payload["seeds"] == [3] and "3" in payload["results"]
    assert (tmp_path / "quality.md").read_text(encoding="utf-8").startswith("Worlds of 400")
    checked = quality.main(
        ["--seeds", "3", "--accounts", "400", "--days", "3", "--out", str(tmp_path), "--check"]
    )
    assert checked == (1 if payload["misses"] else 0)
