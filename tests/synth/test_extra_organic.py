"""``--extra-organic``: the same world with a busier organic background, for stability."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from lockstep.errors import BadInputError
from lockstep.progress import NullProgress
from lockstep.synth import synthesise


def _count(path: Path, sql: str) -> int:
    row = duckdb.sql(sql.replace("{dir}", str(path))).fetchall()
    return int(row[0][0])


def test_more_organic_activity_leaves_every_campaign_as_it_was(tmp_path: Path) -> None:
    base, busier = tmp_path / "base", tmp_path / "busier"
    synthesise(800, 7, 3, base, NullProgress())
    synthesise(800, 7, 3, busier, NullProgress(), extra_organic=0.2)
    for name in ("truth.jsonl", "campaigns.jsonl", "accounts.parquet", "sessions.parquet"):
        assert (base / name).read_bytes() == (busier / name).read_bytes(), name
    planted = (
        "SELECT {what} FROM '{dir}/{table}.parquet' t JOIN read_json('{dir}/truth.jsonl') r"
        " USING (account_id) WHERE r.role <> 'organic'"
    )
    for table in ("posts", "engagements"):
        # planted and hard-negative accounts act exactly as before: same count, same times
        q = planted.format(what="count(*), sum(epoch(created_at))", table=table, dir="{dir}")
        kept = duckdb.sql(q.replace("{dir}", str(base))).fetchall()
        assert kept[0][0] > 0
        assert kept == duckdb.sql(q.replace("{dir}", str(busier))).fetchall()
        total = f"SELECT count(*) FROM '{{dir}}/{table}.parquet'"
        before, after = _count(base, total), _count(busier, total)
        assert before < after < 1.3 * before


def test_a_negative_share_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BadInputError):
        synthesise(800, 7, 3, tmp_path, NullProgress(), extra_organic=-0.1)
