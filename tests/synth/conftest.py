"""Synthetic worlds shared by the synth tests, generated once per test session.

``world(seed)`` is a 2,000-account, 14-day world: the smallest size that must still plant
every behaviour code. Tests query its files through DuckDB views named after the tables
(``accounts``, ``posts``, ``engagements``, ``sessions``, ``reports``, ``truth``,
``campaigns``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from lockstep.progress import NullProgress
from lockstep.synth import synthesise

ACCOUNTS = 2000
DAYS = 14
#: Property-style checks run over these worlds.
SEEDS = (1, 2, 3)


class Dataset:
    """A written world and a DuckDB connection with a view per file."""

    def __init__(self, path: Path, counts: dict[str, int]) -> None:
        self.path = path
        self.counts = counts
        self.con = duckdb.connect()
        for table in ("accounts", "posts", "engagements", "sessions", "reports"):
            self.con.execute(f"CREATE VIEW {table} AS SELECT * FROM '{path / table}.parquet'")
        self.con.execute(
            "CREATE VIEW truth AS SELECT * FROM read_json("
            f"'{path / 'truth.jsonl'}', columns={{account_id: 'VARCHAR', campaign_id: 'VARCHAR',"
            " behaviours: 'VARCHAR[]', role: 'VARCHAR', kind: 'VARCHAR'})"
        )
        self.con.execute(
            "CREATE VIEW campaigns AS SELECT * FROM read_json("
            f"'{path / 'campaigns.jsonl'}', columns={{campaign_id: 'VARCHAR', kind: 'VARCHAR',"
            " behaviours: 'VARCHAR[]', accounts: 'BIGINT', tactics: 'VARCHAR[]', params: 'JSON',"
            " targets: 'JSON'})"
        )

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, list(params)).fetchall()

    def value(self, sql: str, *params: Any) -> Any:
        return self.rows(sql, *params)[0][0]

    def members(self, code: str) -> list[str]:
        """Accounts whose truth lists ``code``."""
        return [
            r[0]
            for r in self.rows(
                "SELECT account_id FROM truth WHERE list_contains(behaviours, ?)", code
            )
        ]


@pytest.fixture(scope="session")
def make_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Dataset]]:
    """Build (once per arguments) and open a world."""
    cache: dict[tuple[int, int, int], Dataset] = {}

    def make(seed: int, accounts: int = ACCOUNTS, days: int = DAYS) -> Dataset:
        key = (seed, accounts, days)
        if key not in cache:
            out = tmp_path_factory.mktemp(f"world-{seed}-{accounts}-{days}")
            counts = synthesise(accounts, days, seed, out, NullProgress())
            cache[key] = Dataset(out, counts)
        return cache[key]

    yield make
    for dataset in cache.values():
        dataset.con.close()


@pytest.fixture(params=SEEDS, ids=[f"seed{s}" for s in SEEDS])
def world(request: pytest.FixtureRequest, make_world: Callable[..., Dataset]) -> Dataset:
    """Each 2,000-account world of SEEDS in turn."""
    return make_world(request.param)
