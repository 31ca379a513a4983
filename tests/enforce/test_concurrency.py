"""Two writers at once never double-enforce: same offenses decided once, and different
offenses of one account climb the ladder as if the writers had taken turns.

Writers are separate processes (as two `lockstep run`s would be), started together behind a
barrier so their transactions overlap.
"""

from __future__ import annotations

import multiprocessing as mp
from typing import Any

import pytest

from lockstep.enforce.engine import enforce
from lockstep.enforce.policy import load_policy
from lockstep.ledger.state import LedgerState
from lockstep.ledger.store import Ledger
from tests.enforce.conftest import NOW, facts, finding, findings


def _writer(url: str, rows: list[dict[str, Any]], barrier: Any) -> None:
    with Ledger(url) as ledger:
        barrier.wait()
        enforce(ledger, findings(*rows), [], facts("u1", "u2"), load_policy(), now=NOW)


def _race(url: str, *batches: list[dict[str, Any]]) -> LedgerState:
    Ledger(url).close()  # migrate once up front; migrations have their own lock too
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(len(batches))
    procs = [ctx.Process(target=_writer, args=(url, rows, barrier)) for rows in batches]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    with Ledger(url) as ledger:
        return LedgerState.fold(ledger.events())


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_writers_on_the_same_data_enforce_once(
    backend: str, request: pytest.FixtureRequest, tmp_path: Any
) -> None:
    url = (
        request.getfixturevalue("postgres_url")
        if backend == "postgresql"
        else str(tmp_path / "l.sqlite")
    )
    rows = [finding("spam.duplicate_posts", "u1"), finding("spam.bulk_mentions", "u2")]
    state = _race(url, rows, rows)
    actions = sorted((d.decision.subject, d.decision.action) for d in state.decisions.values())
    assert actions == [
        ("account:u1", "remove_content"),
        ("account:u1", "temporary_lock"),
        ("account:u2", "remove_content"),
        ("account:u2", "temporary_lock"),
    ]
    assert len(state.offenses) == 2


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_writers_with_different_offenses_take_turns_on_the_ladder(
    backend: str, request: pytest.FixtureRequest, tmp_path: Any
) -> None:
    url = (
        request.getfixturevalue("postgres_url")
        if backend == "postgresql"
        else str(tmp_path / "l.sqlite")
    )
    state = _race(
        url,
        [finding("spam.post_delete", "u1")],
        [finding("spam.impersonation", "u1")],
    )
    actions = sorted(d.decision.action for d in state.decisions.values())
    # one writer's first offense (a lock), then the other's subsequent offense (suspension)
    assert actions == ["permanent_suspension", "temporary_lock"]
