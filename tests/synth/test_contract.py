"""The synthetic world is valid input: contract columns and types, unique ids, resolvable
references, consistent times, truth for every account, and the same bytes for the same seed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from lockstep.behaviours import BEHAVIOURS
from lockstep.contract import ARROW_TYPES, TABLES
from lockstep.errors import BadInputError
from lockstep.progress import NullProgress
from lockstep.synth import synthesise
from tests.synth.conftest import Dataset

FILES = (
    "accounts.parquet",
    "posts.parquet",
    "engagements.parquet",
    "sessions.parquet",
    "reports.parquet",
    "truth.jsonl",
    "campaigns.jsonl",
)
#: Columns only the lake has: an input dataset must not carry them.
LAKE_ONLY = {"is_stub", "urls_raw", "attrs"}
ROLES = {"organic", "member", "operator", "buyer", "source", "hard_negative"}
NEGATIVE_KINDS = {
    "signup_wave",
    "campus_class",
    "namesakes",
    "organic_rename",
    "organic_activism",
    "fan_swarm",
    "branch_accounts",
    "hobby_bot",
    "news_links",
    "personal_hobby",
    "viral_sharing",
}


def test_same_seed_same_bytes_and_other_seed_other_world(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    counts_a = synthesise(400, 4, 11, a, NullProgress())
    counts_b = synthesise(400, 4, 11, b, NullProgress())
    synthesise(400, 4, 12, c, NullProgress())
    assert counts_a == counts_b
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert (a / "posts.parquet").read_bytes() != (c / "posts.parquet").read_bytes()

    def params(path: Path) -> dict[str, object]:
        lines = (path / "campaigns.jsonl").read_text().splitlines()
        return {r["kind"]: r["params"] for r in map(json.loads, lines)}

    # Another seed draws other campaign parameters, not just other rows.
    pa_, pc_ = params(a), params(c)
    shared = set(pa_) & set(pc_)
    assert shared and any(pa_[k] != pc_[k] for k in shared)


def test_worlds_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Another interpreter with another string-hash seed writes the same bytes."""
    script = (
        "import sys; from pathlib import Path; from lockstep.synth import synthesise;"
        " from lockstep.progress import NullProgress;"
        " synthesise(300, 3, 21, Path(sys.argv[1]), NullProgress())"
    )
    runs = []
    for hash_seed in ("1", "4242"):
        out = tmp_path / hash_seed
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-c", script, str(out)], check=True, env=env)
        runs.append(out)
    for name in FILES:
        assert (runs[0] / name).read_bytes() == (runs[1] / name).read_bytes(), name


def test_counts_are_the_rows_written(world: Dataset) -> None:
    for table, n in world.counts.items():
        assert pq.read_metadata(world.path / f"{table}.parquet").num_rows == n
    days = 14
    events = world.counts["posts"] + world.counts["engagements"] + world.counts["sessions"]
    assert 5 <= events / world.counts["accounts"] / days <= 9


@pytest.mark.parametrize("table", ["accounts", "posts", "engagements", "sessions", "reports"])
def test_files_follow_the_contract(world: Dataset, table: str) -> None:
    spec = TABLES[table]
    schema = pq.read_schema(world.path / f"{table}.parquet")
    names = set(schema.names)
    assert set(spec.required) <= names
    assert not names & LAKE_ONLY
    for field in schema:
        if field.name in spec.names:
            assert field.type == ARROW_TYPES[spec.column(field.name).type], field.name
    data = pq.read_table(world.path / f"{table}.parquet")
    for name in spec.required:
        assert data.column(name).null_count == 0, name
    for col in spec.columns:
        if col.choices and col.name in names:
            values = set(data.column(col.name).drop_null().to_pylist())
            assert values <= set(col.choices), (col.name, values - set(col.choices))
    if spec.one_of:
        have = [data.column(c).is_valid() for c in spec.one_of]
        either = have[0]
        for h in have[1:]:
            either = pa.compute.or_(either, h)
        assert all(either.to_pylist())


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("accounts", "account_id"),
        ("posts", "post_id"),
        ("engagements", "engagement_id"),
        ("reports", "report_id"),
    ],
)
def test_ids_are_unique(world: Dataset, table: str, key: str) -> None:
    assert world.value(f"SELECT count(*) - count(DISTINCT {key}) FROM {table}") == 0


def test_handles_are_unique(world: Dataset) -> None:
    assert world.value("SELECT count(*) - count(DISTINCT lower(handle)) FROM accounts") == 0


def test_every_reference_resolves(world: Dataset) -> None:
    dangling = {
        "posts.account_id": "SELECT count(*) FROM posts ANTI JOIN accounts USING (account_id)",
        "engagements.account_id": (
            "SELECT count(*) FROM engagements ANTI JOIN accounts USING (account_id)"
        ),
        "sessions.account_id": (
            "SELECT count(*) FROM sessions ANTI JOIN accounts USING (account_id)"
        ),
        "reports.reporter_id": (
            "SELECT count(*) FROM reports r ANTI JOIN accounts a ON r.reporter_id = a.account_id"
        ),
        "posts.reply_to": (
            "SELECT count(*) FROM posts p WHERE reply_to IS NOT NULL"
            " AND reply_to NOT IN (SELECT post_id FROM posts)"
        ),
        "posts.quote_of": (
            "SELECT count(*) FROM posts p WHERE quote_of IS NOT NULL"
            " AND quote_of NOT IN (SELECT post_id FROM posts)"
        ),
        "posts.mentions": (
            "SELECT count(*) FROM (SELECT unnest(mentions) AS m FROM posts)"
            " WHERE m NOT IN (SELECT account_id FROM accounts)"
        ),
        "engagements.target_post_id": (
            "SELECT count(*) FROM engagements WHERE target_post_id IS NOT NULL"
            " AND target_post_id NOT IN (SELECT post_id FROM posts)"
        ),
        "engagements.target_account_id": (
            "SELECT count(*) FROM engagements WHERE target_account_id IS NOT NULL"
            " AND target_account_id NOT IN (SELECT account_id FROM accounts)"
        ),
        "reports.target_id": (
            "SELECT count(*) FROM reports WHERE (target_type = 'account' AND target_id NOT IN"
            " (SELECT account_id FROM accounts)) OR (target_type = 'post' AND target_id NOT IN"
            " (SELECT post_id FROM posts))"
        ),
    }
    for name, sql in dangling.items():
        assert world.value(sql) == 0, name


def test_times_are_consistent(world: Dataset) -> None:
    """Nothing happens before its account exists, after it was suspended, or before its
    target; replies follow their parents; deletions follow posts."""
    checks = {
        "post before account": (
            "SELECT count(*) FROM posts p JOIN accounts a USING (account_id)"
            " WHERE p.created_at < a.created_at"
        ),
        "engagement before account": (
            "SELECT count(*) FROM engagements e JOIN accounts a USING (account_id)"
            " WHERE e.created_at < a.created_at"
        ),
        "session before account": (
            "SELECT count(*) FROM sessions s JOIN accounts a USING (account_id)"
            " WHERE s.created_at < a.created_at"
        ),
        "activity of suspended accounts": (
            "SELECT (SELECT count(*) FROM posts JOIN accounts a USING (account_id)"
            " WHERE a.suspended_at IS NOT NULL) + (SELECT count(*) FROM engagements"
            " JOIN accounts a USING (account_id) WHERE a.suspended_at IS NOT NULL)"
        ),
        "engagement before its post": (
            "SELECT count(*) FROM engagements e JOIN posts p ON e.target_post_id = p.post_id"
            " WHERE e.created_at < p.created_at"
        ),
        "reply before its parent": (
            "SELECT count(*) FROM posts r JOIN posts p ON r.reply_to = p.post_id"
            " WHERE r.created_at < p.created_at"
        ),
        "deleted before posted": "SELECT count(*) FROM posts WHERE deleted_at <= created_at",
        "self engagement": (
            "SELECT count(*) FROM engagements WHERE target_account_id = account_id"
        ),
    }
    for name, sql in checks.items():
        assert world.value(sql) == 0, name
    window = world.rows(
        "SELECT min(created_at), max(created_at) FROM (SELECT created_at FROM posts"
        " UNION ALL SELECT created_at FROM engagements UNION ALL SELECT created_at FROM sessions)"
    )[0]
    assert (window[1] - window[0]).days <= 14


def test_truth_covers_every_account_once(world: Dataset) -> None:
    assert world.value("SELECT count(*) FROM truth") == world.counts["accounts"]
    assert world.value("SELECT count(*) FROM accounts ANTI JOIN truth USING (account_id)") == 0
    assert world.value("SELECT count(*) - count(DISTINCT account_id) FROM truth") == 0
    roles = {r[0] for r in world.rows("SELECT DISTINCT role FROM truth")}
    assert roles <= ROLES
    codes = {r[0] for r in world.rows("SELECT DISTINCT unnest(behaviours) FROM truth")}
    assert codes <= set(BEHAVIOURS)
    # Organic accounts are in no campaign and commit nothing.
    assert (
        world.value(
            "SELECT count(*) FROM truth WHERE role = 'organic'"
            " AND (campaign_id IS NOT NULL OR len(behaviours) > 0 OR kind <> 'organic')"
        )
        == 0
    )
    assert (
        world.value(
            "SELECT count(*) FROM truth WHERE role = 'hard_negative' AND len(behaviours) > 0"
        )
        == 0
    )


def test_campaigns_file_agrees_with_truth(world: Dataset) -> None:
    assert world.value("SELECT count(*) - count(DISTINCT campaign_id) FROM campaigns") == 0
    mismatched = world.rows(
        "SELECT c.campaign_id FROM campaigns c LEFT JOIN (SELECT campaign_id, count(*) AS n"
        " FROM truth GROUP BY ALL) t USING (campaign_id) WHERE coalesce(t.n, 0) <> c.accounts"
    )
    assert mismatched == []
    unlisted = world.value(
        "SELECT count(*) FROM truth WHERE campaign_id IS NOT NULL"
        " AND campaign_id NOT IN (SELECT campaign_id FROM campaigns)"
    )
    assert unlisted == 0
    # A campaign's behaviours are exactly those of its accounts.
    differing = world.rows(
        "SELECT c.campaign_id FROM campaigns c JOIN (SELECT campaign_id,"
        " list_sort(list_distinct(flatten(list(behaviours)))) AS b FROM truth"
        " WHERE campaign_id IS NOT NULL GROUP BY ALL) t USING (campaign_id)"
        " WHERE list_sort(c.behaviours) <> t.b"
    )
    assert differing == []


def test_every_behaviour_code_is_planted(world: Dataset) -> None:
    planted = {r[0] for r in world.rows("SELECT DISTINCT unnest(behaviours) FROM truth")}
    assert planted == set(BEHAVIOURS)
    kinds = {r[0] for r in world.rows("SELECT DISTINCT kind FROM campaigns")}
    assert set(BEHAVIOURS) <= kinds


def test_every_hard_negative_kind_is_present(world: Dataset) -> None:
    kinds = {
        r[0] for r in world.rows("SELECT DISTINCT kind FROM truth WHERE role = 'hard_negative'")
    }
    assert kinds == NEGATIVE_KINDS


def test_ingest_accepts_every_row(world: Dataset, tmp_path: Path) -> None:
    from lockstep.ingest import ingest

    report = ingest(world.path, tmp_path / "lake", tmp_path / "quarantine", NullProgress())
    for name, counts in report.tables.items():
        assert counts.quarantined == 0, name
        assert counts.accepted == world.counts[name], name
    assert report.tables["accounts"].stubs_created == 0
    assert report.tables["accounts"].extra_columns == ["previous_handle"]


def test_small_worlds_are_refused() -> None:
    with pytest.raises(BadInputError):
        synthesise(10, 14, 1, Path("unused"), NullProgress())
    with pytest.raises(BadInputError):
        synthesise(1000, 0, 1, Path("unused"), NullProgress())


def test_the_smallest_world_still_plants_campaigns(tmp_path: Path) -> None:
    synthesise(100, 2, 5, tmp_path, NullProgress())
    lines = [json.loads(x) for x in (tmp_path / "truth.jsonl").read_text().splitlines()]
    assert len(lines) == 100
    planted = {b for r in lines for b in r["behaviours"]}
    assert len(planted) >= 5
    assert sum(r["role"] == "organic" for r in lines) >= 50
