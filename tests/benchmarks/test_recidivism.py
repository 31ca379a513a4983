"""The recidivism harness: the share caught and named, and every group's false-positive rate,
are judged on the worst seed."""

from __future__ import annotations

import sys

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import recidivism


def seed(n: int, named: int, of: int, lookalikes: int) -> recidivism.SeedResult:
    return recidivism.SeedResult(
        seed=n,
        returning=of,
        returning_disrupted=of,
        caught=named,
        named=named,
        groups={"organic": [0, 3000], "return_lookalikes": [lookalikes, 40]},
    )


def test_the_worst_seed_decides() -> None:
    good, weak = seed(1, 95, 100, 0), seed(2, 89, 100, 1)
    assert good.named_share == 0.95 and weak.fpr("return_lookalikes") == 0.025
    assert recidivism.misses([good, good]) == []
    assert recidivism.misses([good, weak]) == ["caught and named", "return_lookalikes (seed 2)"]
    text = recidivism.render([good, weak], 5000, 14)
    assert (
        "| caught and named to the right network (bar ≥ 90%) | 95 (95.0%) | 89 (89.0%) | **no** |"
        in text
    )
    assert "| `organic` | 0.00% (0/3000) | 0.00% (0/3000) | yes |" in text


def test_a_network_is_a_campaigns_when_most_members_are() -> None:
    truth = {
        "a": {"campaign_id": "c1", "role": "member"},
        "b": {"campaign_id": "c1", "role": "operator"},
        "c": {"campaign_id": None, "role": "organic"},
        "d": {"campaign_id": "hn1", "role": "hard_negative"},
    }
    assert recidivism._majority(["a", "b", "c"], truth) == "c1"
    assert recidivism._majority(["a", "c", "d"], truth) is None
