"""Enforcement fixtures: findings built by hand, and a ledger on SQLite or PostgreSQL.

PostgreSQL tests use ``postgresql://postgres@127.0.0.1:5432/test`` (override with
``LOCKSTEP_TEST_POSTGRES``), each in a schema of its own that is dropped afterwards. They skip
when the server is unreachable, unless ``LOCKSTEP_REQUIRE_POSTGRES=1`` (CI), where they fail.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
import sqlalchemy as sa

from lockstep.behaviours import BEHAVIOURS
from lockstep.detect.base import FINDING_SCHEMA
from lockstep.enforce.model import AccountFacts

PG_URL = os.environ.get("LOCKSTEP_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
NOW = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


def finding(
    behaviour: str,
    subject_id: str,
    accounts: list[str] | None = None,
    score: float = 0.95,
    subject_type: str = "account",
    window: str = "2024-03-01",
    **evidence: Any,
) -> dict[str, Any]:
    return {
        "finding_id": f"f-{behaviour}-{subject_id}-{window}",
        "behaviour": behaviour,
        "policy": BEHAVIOURS[behaviour].policy,
        "detector": behaviour,
        "detector_version": "1",
        "subject_type": subject_type,
        "subject_id": subject_id,
        "account_ids": accounts if accounts is not None else [subject_id],
        "score": score,
        "window_start": None,
        "window_end": None,
        "evidence": json.dumps({"summary": f"{behaviour} by {subject_id}", **evidence}),
    }


def findings(*rows: dict[str, Any]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=FINDING_SCHEMA)


def facts(
    *accounts: str, bots: tuple[str, ...] = (), suspended: tuple[str, ...] = ()
) -> AccountFacts:
    return AccountFacts(
        known=frozenset(accounts),
        declared_automated=frozenset(bots),
        suspended_before=frozenset(suspended),
    )


def _postgres_schema() -> Iterator[str]:
    name = f"lockstep_test_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{name}"'))
    except sa.exc.OperationalError as exc:
        engine.dispose()
        if os.environ.get("LOCKSTEP_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL required but unreachable at {PG_URL}: {exc.orig}")
        pytest.skip(f"PostgreSQL unreachable at {PG_URL} (set LOCKSTEP_REQUIRE_POSTGRES=1 to fail)")
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{name}"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{name}" CASCADE'))
        engine.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL ledger URL in a fresh schema, dropped after the test."""
    yield from _postgres_schema()


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The same test on a SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.sqlite")
    else:
        yield from _postgres_schema()


Maker = Callable[..., pa.Table]
