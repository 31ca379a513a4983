"""Report fixtures: the hand-made ledger (goldens) and the synthetic one (a real run), each
built once per test session; PostgreSQL comes from the enforcement fixtures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lockstep.ledger.store import Ledger
from lockstep.progress import NullProgress
from lockstep.synth import synthesise
from tests.enforce.conftest import postgres_url  # noqa: F401  (a fixture, used by name)
from tests.report.scenario import Small, Synthetic, small_ledger, synthetic_ledger

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> Small:
    return small_ledger(str(tmp_path_factory.mktemp("small") / "ledger.sqlite"))


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``lockstep synth --accounts 600 --days 10 --seed 1``."""
    data = tmp_path_factory.mktemp("world") / "data"
    synthesise(accounts=600, days=10, seed=1, out=data, progress=NullProgress())
    return data


@pytest.fixture(scope="session")
def synthetic(world: Path, tmp_path_factory: pytest.TempPathFactory) -> Synthetic:
    out = tmp_path_factory.mktemp("synthetic") / "run"
    return synthetic_ledger(world, out, str(out.parent / "ledger.sqlite"))


def by_seq(url: str) -> dict[str, int]:
    """event id -> its position in the ledger, for comparing ledgers whose ids differ."""
    with Ledger(url, create=False) as ledger:
        return {e.event_id: e.seq for e in ledger.events()}


def normalised(report: Any, url: str) -> Any:
    """``report.json`` with each (random) event id replaced by its ledger position."""
    seqs = by_seq(url)

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                k: sorted(seqs[e] for e in v) if k == "events" else walk(v) for k, v in node.items()
            }
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(report)


def normalised_json(text: str, url: str) -> str:
    return json.dumps(normalised(json.loads(text), url), indent=2, ensure_ascii=False) + "\n"
