"""Every input format gives the same lake for the same rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pytest

from tests.ingest.helpers import jsonl, run, write

ACCOUNTS = [
    {"account_id": "a1", "handle": "alice", "followers_count": 10, "verified": True},
    {"account_id": "a2", "handle": "bob", "followers_count": 0, "verified": False},
]
# the same three posts; times written differently per format on purpose
TIMES = [
    datetime(2024, 3, 1, 12, 0, tzinfo=UTC),
    datetime(2024, 3, 1, 14, 30, tzinfo=timezone(timedelta(hours=2))),
    datetime(2024, 3, 2, 0, 0, 0, 500000, tzinfo=UTC),
]
POSTS = [
    {"post_id": "p1", "account_id": "a1", "text": "hello #World", "hashtags": ["world"]},
    {"post_id": "p2", "account_id": "a2", "text": "see", "hashtags": ["x", "y"]},
    {"post_id": "p3", "account_id": "a1", "text": "multi\nline, with comma", "hashtags": []},
]


def _csv(rows: list[dict[str, object]], columns: list[str]) -> str:
    def cell(v: object) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, list):
            return " ".join(v)
        text = str(v)
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text

    lines = [",".join(columns)] + [",".join(cell(r[c]) for c in columns) for r in rows]
    return "\n".join(lines) + "\n"


def _files(fmt: str) -> dict[str, str | bytes | pa.Table]:
    if fmt == "parquet":
        posts = pa.table(
            {
                "post_id": [p["post_id"] for p in POSTS],
                "account_id": [p["account_id"] for p in POSTS],
                "created_at": pa.array(
                    [t.astimezone(UTC) for t in TIMES], pa.timestamp("ms", tz="Europe/Berlin")
                ),
                "text": [p["text"] for p in POSTS],
                "hashtags": [p["hashtags"] for p in POSTS],
            }
        )
        return {"accounts.parquet": pa.Table.from_pylist(ACCOUNTS), "posts.parquet": posts}
    if fmt.startswith("csv"):
        rows = [{**p, "created_at": t.isoformat()} for p, t in zip(POSTS, TIMES, strict=True)]
        cols = ["post_id", "account_id", "created_at", "text", "hashtags"]
        return {
            f"accounts.{fmt}": _csv(
                ACCOUNTS, ["account_id", "handle", "followers_count", "verified"]
            ),
            f"posts.{fmt}": _csv(rows, cols),
        }
    # JSONL: times as epoch milliseconds, lists as arrays
    rows = [
        {**p, "created_at": int(t.timestamp() * 1000)} for p, t in zip(POSTS, TIMES, strict=True)
    ]
    return {f"accounts.{fmt}": jsonl(ACCOUNTS), f"posts.{fmt}": jsonl(rows)}


FORMATS = ["parquet", "csv", "csv.gz", "jsonl", "jsonl.gz"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_reads_the_rows(tmp_path: Path, fmt: str) -> None:
    done = run(write(tmp_path / fmt, _files(fmt)))
    posts = done.rows("posts")
    assert [p["post_id"] for p in posts] == ["p1", "p2", "p3"]
    assert [p["created_at"] for p in posts] == [
        datetime(2024, 3, 1, 12, 0),
        datetime(2024, 3, 1, 12, 30),
        datetime(2024, 3, 2, 0, 0, 0, 500000),
    ]
    assert [p["hashtags"] for p in posts] == [["world"], ["x", "y"], []]
    assert posts[2]["text"] == "multi\nline, with comma"
    accounts = done.rows("accounts")
    assert [(a["account_id"], a["followers_count"], a["verified"]) for a in accounts] == [
        ("a1", 10, True),
        ("a2", 0, False),
    ]
    assert done.report.tables["posts"].files == [f"posts.{fmt}"]


def test_all_formats_give_identical_lake_files(tmp_path: Path) -> None:
    runs = [run(write(tmp_path / f, _files(f))) for f in FORMATS]
    for name in ("accounts", "posts", "urls"):
        first = (runs[0].lake / f"{name}.parquet").read_bytes()
        for other in runs[1:]:
            assert (other.lake / f"{name}.parquet").read_bytes() == first, (name, other.out)


def test_csv_with_byte_order_mark_and_crlf_lines(tmp_path: Path) -> None:
    csv = '\ufeffpost_id,account_id,created_at,text\r\np1,a1,2024-03-01,"a\r\nb"\r\np2,a1,x,y\r\n'
    done = run(write(tmp_path / "d", {"accounts.csv": "account_id\na1\n", "posts.csv": csv}))
    assert done.column("posts", "text") == ["a\r\nb"]
    [bad] = done.quarantine("posts")
    assert (bad["row"], bad["line"], bad["column"]) == (2, 4, "created_at")
    assert list(bad["original"]) == ["post_id", "account_id", "created_at", "text"]
