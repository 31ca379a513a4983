"""Shared test fixtures. Each area keeps its own fixtures in its folder; only what several
areas use lives here."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from lockstep.contract import TABLES
from lockstep.lake import Lake, connect, write_lake

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output instead of comparing.",
    )


@pytest.fixture
def regen_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


@pytest.fixture
def golden(regen_golden: bool):  # type: ignore[no-untyped-def]
    """Compare text with a golden file next to the test, or rewrite it with --regen-golden."""

    def check(path: Path, text: str) -> None:
        if regen_golden:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        if not path.exists():
            pytest.fail(f"golden file {path.name} is missing; run pytest --regen-golden")
        expected = path.read_text(encoding="utf-8")
        assert text == expected, f"output differs from {path.name}; see diff, or --regen-golden"

    return check


Rows = Sequence[Mapping[str, Any]]


def lake_from_rows(
    root: Path, tables: Mapping[str, Rows], backend: str = "duckdb", con: Any = None
) -> Lake:
    """A lake under ``root`` written straight from Python rows with ``write_lake``.

    Detector tests build exactly the data they need without depending on ingest. Rows are
    dicts of contract columns (naive-UTC datetimes, lists of strings); a column no row of a
    table names is absent from the input, so detectors that need it are skipped.
    """
    arrow = {}
    for name, rows in tables.items():
        schema = TABLES[name].arrow_schema()
        named = {key for row in rows for key in row}
        fields = [f for f in schema if f.name in named]
        unknown = named - set(schema.names)
        if unknown:
            raise KeyError(f"{name}: not contract columns: {sorted(unknown)}")
        arrow[name] = pa.Table.from_pylist(list(rows), schema=pa.schema(fields))
    write_lake(root, arrow)
    return Lake(root, backend=backend, con=con)


@pytest.fixture
def make_lake(tmp_path: Path) -> Callable[..., Lake]:
    """``make_lake(tables, backend="duckdb", con=None)``: a fresh lake from Python rows."""
    made = 0

    def make(tables: Mapping[str, Rows], backend: str = "duckdb", con: Any = None) -> Lake:
        nonlocal made
        made += 1
        return lake_from_rows(tmp_path / f"lake{made}", tables, backend, con)

    return make


@pytest.fixture(scope="session")
def spark_con() -> Iterator[Any]:
    """One Ibis PySpark connection (local Spark session) for the whole test session.

    Test lakes are tiny, so the session is set for tiny jobs: one shuffle partition and no
    adaptive re-planning (a fifth of the Spark jobs) and interpreted expressions instead of
    generated code (compiling it costs more than running it). Results are the same.
    """
    from lockstep.lake.spark import local_session

    session = local_session()
    for key, value in {
        "spark.sql.shuffle.partitions": "1",
        "spark.sql.adaptive.enabled": "false",
        "spark.sql.codegen.wholeStage": "false",
        "spark.sql.codegen.factoryMode": "NO_CODEGEN",
    }.items():
        session.conf.set(key, value)
    yield connect("pyspark")
