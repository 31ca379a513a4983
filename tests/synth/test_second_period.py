"""``lockstep synth --second-period``: the platform's next period, with returning networks."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lockstep.errors import BadInputError
from lockstep.progress import NullProgress
from lockstep.synth import synthesise
from tests.synth.conftest import Dataset

SEEDS = (1, 2)


@pytest.fixture(scope="module", params=SEEDS, ids=[f"seed{s}" for s in SEEDS])
def periods(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Dataset, Dataset]]:
    root = tmp_path_factory.mktemp(f"periods-{request.param}")
    synthesise(2000, 14, request.param, root / "p1", NullProgress(), second_period=root / "p2")
    first, second = Dataset(root / "p1", {"seed": request.param}), Dataset(root / "p2", {})
    yield first, second
    first.con.close()
    second.con.close()


def _campaigns(d: Dataset) -> dict[str, dict[str, object]]:
    return {
        c["campaign_id"]: c
        for c in map(json.loads, (d.path / "campaigns.jsonl").read_text().splitlines())
    }


def test_the_first_period_is_the_world_it_always_was(
    periods: tuple[Dataset, Dataset], make_world: Callable[..., Dataset]
) -> None:
    first, _ = periods
    alone = make_world(int(first.counts["seed"]))
    for name in ("accounts.parquet", "posts.parquet", "truth.jsonl", "campaigns.jsonl"):
        assert (first.path / name).read_bytes() == (alone.path / name).read_bytes(), name


def test_ids_and_times_follow_on(periods: tuple[Dataset, Dataset]) -> None:
    first, second = periods
    for table, column in (("accounts", "account_id"), ("posts", "post_id")):
        a = {r[0] for r in first.rows(f"SELECT {column} FROM {table}")}
        b = {r[0] for r in second.rows(f"SELECT {column} FROM {table}")}
        assert a and b and not a & b, table
    assert all(c.startswith(("c2-", "hn2-")) for c in _campaigns(second))
    assert second.value("SELECT min(created_at) FROM posts") > first.value(
        "SELECT max(created_at) FROM posts"
    )


def test_every_network_returns_with_new_accounts(periods: tuple[Dataset, Dataset]) -> None:
    first, second = periods
    before, after = _campaigns(first), _campaigns(second)
    networks = {c for c, v in before.items() if v["kind"] == "coord.network"}
    returning = {c: v for c, v in after.items() if v["params"].get("returns")}  # type: ignore[union-attr]
    assert networks and {v["params"]["returns"] for v in returning.values()} == networks  # type: ignore[index]
    end = first.value("SELECT max(created_at) FROM posts")
    for cid, campaign in returning.items():
        assert campaign["kind"] == "coord.recidivism"
        origin = before[campaign["params"]["returns"]]  # type: ignore[index]
        rows = second.rows(
            "SELECT a.account_id, a.created_at, t.behaviours FROM accounts a"
            " JOIN truth t USING (account_id) WHERE t.campaign_id = ?",
            cid,
        )
        assert rows and all(created > end for _, created, _ in rows)
        assert all({"coord.recidivism", "coord.network"} <= set(b) for _, _, b in rows)
        # its sites and its narratives again
        kept = set(origin["params"]["sites"]) & set(campaign["params"]["sites"])  # type: ignore[index]
        assert kept
        ids = [r[0] for r in rows]
        texts2 = {
            r[0][:40]
            for r in second.rows("SELECT text FROM posts WHERE list_contains(?, account_id)", ids)
        }
        olds = [
            r[0]
            for r in first.rows(
                "SELECT account_id FROM truth WHERE campaign_id = ?", origin["campaign_id"]
            )
        ]
        texts1 = {
            r[0][:40]
            for r in first.rows("SELECT text FROM posts WHERE list_contains(?, account_id)", olds)
        }
        assert texts1 & texts2


def test_look_alikes_are_hard_negatives(periods: tuple[Dataset, Dataset]) -> None:
    first, second = periods
    after = _campaigns(second)
    looks = {c: v for c, v in after.items() if v["kind"] == "return_lookalikes"}
    assert looks
    for cid, group in looks.items():
        origin = _campaigns(first)[group["params"]["resembles"]]  # type: ignore[index]
        roles = second.rows(
            "SELECT DISTINCT role, len(behaviours) FROM truth WHERE campaign_id = ?", cid
        )
        assert roles == [("hard_negative", 0)]
        # some write about the network with its hashtag and link its sites
        tag = origin["params"]["hashtag"]  # type: ignore[index]
        writing = second.value(
            "SELECT count(DISTINCT account_id) FROM posts p JOIN truth t USING (account_id)"
            " WHERE t.campaign_id = ? AND list_contains(p.hashtags, ?)",
            cid,
            tag,
        )
        assert writing >= 1
        # some carry the name of a removed member
        names = {
            r[0]
            for r in first.rows(
                "SELECT display_name FROM accounts JOIN truth USING (account_id)"
                " WHERE campaign_id = ?",
                origin["campaign_id"],
            )
        }
        mine = {
            r[0]
            for r in second.rows(
                "SELECT display_name FROM accounts JOIN truth USING (account_id)"
                " WHERE campaign_id = ?",
                cid,
            )
        }
        assert names & mine


def test_the_second_period_needs_its_own_folder(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="folder of its own"):
        synthesise(200, 2, 1, tmp_path, NullProgress(), second_period=tmp_path)
