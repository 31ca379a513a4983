"""Every kind of bad input has a documented outcome, and the counts always reconcile.

File-level problems stop the run with BadInputError before anything is written; row-level
problems send the row to quarantine with file, row, line, column and reason.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from lockstep.errors import BadInputError
from lockstep.ingest import ingest
from lockstep.ingest.raw import BROKEN_QUOTING
from lockstep.progress import NullProgress
from tests.ingest.helpers import ACCOUNTS_CSV, NOW, jsonl, run, write

POSTS_HEAD = "post_id,account_id,created_at,text\n"


def _fails(data: Path, *needles: str) -> BadInputError:
    """Ingest must raise naming ``needles`` in one line, and write nothing."""
    out = data.parent / "out"
    with pytest.raises(BadInputError) as caught:
        ingest(data, out / "lake", out / "quarantine", NullProgress(), now=NOW)
    message = str(caught.value)
    assert "\n" not in message
    for needle in needles:
        assert needle in message, message
    assert not out.exists(), "nothing may be written when the input is bad"
    return caught.value


# --- row level -------------------------------------------------------------------------


def test_csv_broken_quoting_swallowing_records(tmp_path: Path) -> None:
    csv = (
        POSTS_HEAD
        + "p1,a1,2024-03-01,fine\n"
        + 'p2,a1,2024-03-01,"starts a quote, never ends\n'
        + "p3,a1,2024-03-01,swallowed\n"
        + 'p4,a1,2024-03-01,"closes here"\n'
        + "p5,a1,2024-03-01,after\n"
    )
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": csv}))
    assert done.column("posts", "post_id") == ["p1", "p5"]
    [bad] = done.quarantine("posts")
    assert (bad["file"], bad["row"], bad["line"], bad["column"]) == ("posts.csv", 2, 3, None)
    assert bad["reason"] == BROKEN_QUOTING
    assert "p3,a1" in str(bad["original"])
    assert done.counts("posts") == (3, 2, 1, 0)
    [note] = done.report.tables["posts"].notes
    assert "row 2 (line 3)" in note and "cannot be recovered" in note


def test_csv_quote_left_open_to_the_end_of_the_file(tmp_path: Path) -> None:
    csv = POSTS_HEAD + "p1,a1,2024-03-01,ok\n" + 'p2,a1,"2024-03-01,x\np3,a1,2024-03-01,y\n'
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": csv}))
    assert done.column("posts", "post_id") == ["p1"]
    [bad] = done.quarantine("posts")
    assert (bad["row"], bad["line"], bad["reason"]) == (2, 3, BROKEN_QUOTING)
    assert bad["original"] == {"_raw": 'p2,a1,"2024-03-01,x\np3,a1,2024-03-01,y'}


def test_csv_rows_with_the_wrong_number_of_fields(tmp_path: Path) -> None:
    csv = POSTS_HEAD + "p1,a1,2024-03-01\n\np2,a1,2024-03-01,t,extra\np3,a1,2024-03-01,ok\n"
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": csv}))
    assert done.column("posts", "post_id") == ["p3"]
    assert [(q["row"], q["line"], q["reason"]) for q in done.quarantine("posts")] == [
        (1, 2, "wrong number of fields (expected 4)"),
        (2, 4, "wrong number of fields (expected 4)"),
    ]
    assert done.counts("posts") == (3, 1, 2, 0)
    assert done.report.tables["posts"].notes == ["skipped 1 empty line(s) (no values)"]


def test_quoted_newlines_keep_line_numbers_right(tmp_path: Path) -> None:
    csv = POSTS_HEAD + 'p1,a1,2024-03-01,"two\nlines"\np2,a1,never,x\n'
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": csv}))
    [bad] = done.quarantine("posts")
    assert (bad["row"], bad["line"], bad["column"]) == (2, 4, "created_at")


def test_unparseable_timestamp(tmp_path: Path) -> None:
    csv = POSTS_HEAD + "p1,a1,2024-03-01T25:00:00,x\np2,a1,2024-03-01,y\n"
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": csv}))
    assert done.quarantine("posts") == [
        {
            "file": "posts.csv",
            "row": 1,
            "line": 2,
            "column": "created_at",
            "reason": "unparseable timestamp",
            "original": {
                "post_id": "p1",
                "account_id": "a1",
                "created_at": "2024-03-01T25:00:00",
                "text": "x",
            },
        }
    ]
    assert done.counts("posts") == (2, 1, 1, 0)


def test_missing_ids(tmp_path: Path) -> None:
    csv = POSTS_HEAD + ",a1,2024-03-01,x\np2,  ,2024-03-01,y\np3,a1,2024-03-01,z\n"
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": csv}))
    assert [(q["row"], q["column"], q["reason"]) for q in done.quarantine("posts")] == [
        (1, "post_id", "missing required value"),
        (2, "account_id", "missing required value"),
    ]
    assert done.counts("posts") == (3, 1, 2, 0)


def test_engagement_needs_a_target(tmp_path: Path) -> None:
    rows = [
        {
            "account_id": "a1",
            "kind": "follow",
            "created_at": "2024-03-01",
            "target_account_id": "a2",
        },
        {"account_id": "a1", "kind": "like", "created_at": "2024-03-01"},
        {"account_id": "a1", "kind": "teleport", "created_at": "2024-03-01", "target_post_id": "p"},
    ]
    done = run(
        write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "engagements.jsonl": jsonl(rows)})
    )
    assert [(q["row"], q["column"], q["reason"][:20]) for q in done.quarantine("engagements")] == [
        (2, None, "needs target_post_id"),
        (3, "kind", "unknown value; expec"),
    ]


def test_conflicting_duplicate_ids_all_go_to_quarantine(tmp_path: Path) -> None:
    csv = (
        POSTS_HEAD
        + "p1,a1,2024-03-01,first\n"
        + "p2,a1,2024-03-01,same\n"
        + "p1,a1,2024-03-01,second\n"
        + "p2,a1,2024-03-01T00:00:00Z,same\n"
        + "p1,a2,2024-03-01,third\n"
    )
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": csv}))
    # p2 twice with the same content (the time only written differently) collapses
    assert done.column("posts", "post_id") == ["p2"]
    assert [(q["row"], q["column"], q["reason"]) for q in done.quarantine("posts")] == [
        (1, "post_id", "conflicting duplicate id"),
        (3, "post_id", "conflicting duplicate id"),
        (5, "post_id", "conflicting duplicate id"),
    ]
    assert done.counts("posts") == (5, 1, 3, 1)


def test_wrong_types_name_their_column(tmp_path: Path) -> None:
    csv = (
        "account_id,followers_count,verified,created_at\n"
        "a1,many,true,2020-01-01\na2,3,perhaps,2020-01-01\na3,3,true,soon\n"
    )
    done = run(write(tmp_path / "d", {"accounts.csv": csv, "posts.csv": POSTS_HEAD}))
    assert [(q["row"], q["column"]) for q in done.quarantine("accounts")] == [
        (1, "followers_count"),
        (2, "verified"),
        (3, "created_at"),
    ]
    assert done.counts("accounts") == (3, 0, 3, 0)


def test_jsonl_lines_that_are_not_json_objects(tmp_path: Path) -> None:
    text = (
        '{"post_id": "p1", "account_id": "a1", "created_at": "2024-03-01"}\n'
        "{not json}\n"
        "\n"
        '["a", "list"]\n'
        '{"post_id": "p2", "account_id": "a1", "created_at": "2024-03-01"}\r\n'
    )
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.jsonl": text}))
    assert done.column("posts", "post_id") == ["p1", "p2"]
    assert done.quarantine("posts") == [
        {
            "file": "posts.jsonl",
            "row": 2,
            "line": 2,
            "column": None,
            "reason": "not valid JSON",
            "original": {"_raw": "{not json}"},
        },
        {
            "file": "posts.jsonl",
            "row": 3,
            "line": 4,
            "column": None,
            "reason": "not a JSON object",
            "original": {"_raw": '["a", "list"]'},
        },
    ]
    assert done.counts("posts") == (4, 2, 2, 0)


def test_gzip_files_report_their_own_name(tmp_path: Path) -> None:
    done = run(
        write(
            tmp_path / "d",
            {
                "accounts.csv.gz": ACCOUNTS_CSV,
                "posts.jsonl.gz": "oops\n"
                + jsonl([{"post_id": "p", "account_id": "a1", "created_at": "2024-03-01"}]),
            },
        )
    )
    assert [q["file"] for q in done.quarantine("posts")] == ["posts.jsonl.gz"]


# --- file level: stop before writing ---------------------------------------------------


def test_non_utf8_bytes_stop_the_run_naming_the_line(tmp_path: Path) -> None:
    raw = (POSTS_HEAD + "p1,a1,2024-03-01,ok\np2,a1,2024-03-01,caf\xe9\n").encode("latin-1")
    _fails(
        write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": raw}),
        "posts.csv",
        "line 3",
        "UTF-8",
    )


def test_non_utf8_bytes_in_gzipped_jsonl(tmp_path: Path) -> None:
    raw = b'{"post_id": "p1"}\n{"post_id": "\xff"}\n'
    _fails(
        write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.jsonl.gz": raw}),
        "posts.jsonl.gz",
        "line 2",
    )


@pytest.mark.parametrize("name", ["posts.csv", "posts.jsonl", "posts.parquet", "accounts.csv"])
def test_zero_byte_file(tmp_path: Path, name: str) -> None:
    files: dict[str, str | bytes | pa.Table] = {
        "accounts.csv": ACCOUNTS_CSV,
        "posts.csv": POSTS_HEAD,
    }
    files.pop("posts.csv" if name.startswith("posts") else "accounts.csv")
    files[name] = b""
    _fails(write(tmp_path / "d", files), name, "empty")


def test_whitespace_only_file(tmp_path: Path) -> None:
    _fails(
        write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.jsonl": "\n \n"}),
        "posts.jsonl",
        "empty",
    )


def test_missing_required_column(tmp_path: Path) -> None:
    _fails(
        write(
            tmp_path / "d",
            {"accounts.csv": ACCOUNTS_CSV, "posts.csv": "post_id,account_id,text\np1,a1,x\n"},
        ),
        "posts.csv",
        "missing required column 'created_at'",
    )
    rows = [{"account_id": "a1", "kind": "like", "created_at": "2024-03-01"}]
    _fails(
        write(tmp_path / "e", {"accounts.csv": ACCOUNTS_CSV, "engagements.jsonl": jsonl(rows)}),
        "engagements.jsonl",
        "'target_post_id' or 'target_account_id'",
    )


@pytest.mark.parametrize(
    ("column", "values", "type_name"),
    [
        ("created_at", pa.array([{"y": 2024}], pa.struct([("y", pa.int64())])), "struct<y: int64>"),
        ("created_at", pa.array([["2024-03-01"]]), "list<element: string>"),
        ("account_id", pa.array([["a1"]]), "list<element: string>"),
        ("created_at", pa.array([True]), "bool"),
        ("media_hashes", pa.array([[{"h": "x"}]]), "list<element: struct<h: string>>"),
    ],
)
def test_parquet_column_of_a_type_that_cannot_hold_the_contract_type(
    tmp_path: Path, column: str, values: pa.Array, type_name: str
) -> None:
    posts = {"post_id": ["p1"], "account_id": ["a1"], "created_at": ["2024-03-01"]}
    table = pa.table({**posts, column: values})
    _fails(
        write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.parquet": table}),
        "posts.parquet",
        f"column '{column}' has type {type_name}",
    )


def test_unreadable_parquet(tmp_path: Path) -> None:
    _fails(
        write(
            tmp_path / "d",
            {"accounts.csv": ACCOUNTS_CSV, "posts.parquet": b"PAR1 this is not parquet"},
        ),
        "posts.parquet",
        "cannot read Parquet",
    )


def test_corrupt_gzip(tmp_path: Path) -> None:
    data = write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV})
    (data / "posts.csv.gz").write_bytes(b"\x1f\x8b\x08 broken")
    _fails(data, "posts.csv.gz", "gzip")


def test_duplicate_header_names(tmp_path: Path) -> None:
    _fails(
        write(
            tmp_path / "d",
            {
                "accounts.csv": ACCOUNTS_CSV,
                "posts.csv": "post_id,account_id,created_at,text,text\n",
            },
        ),
        "posts.csv",
        "'text' appears twice",
    )


def test_two_files_for_one_table(tmp_path: Path) -> None:
    data = write(
        tmp_path / "d",
        {"accounts.csv": ACCOUNTS_CSV, "posts.csv": POSTS_HEAD, "posts.jsonl.gz": "{}\n"},
    )
    _fails(data, "posts.csv", "posts.jsonl.gz")


def test_accounts_and_some_activity_are_required(tmp_path: Path) -> None:
    _fails(write(tmp_path / "a", {"posts.csv": POSTS_HEAD}), "accounts")
    _fails(
        write(
            tmp_path / "b",
            {"accounts.csv": ACCOUNTS_CSV, "sessions.csv": "account_id,created_at\n"},
        ),
        "posts or engagements",
    )


def test_a_bad_file_leaves_the_previous_output_alone(tmp_path: Path) -> None:
    good = run(
        write(tmp_path / "good", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": POSTS_HEAD}),
        tmp_path / "out",
    )
    before = (good.lake / "accounts.parquet").read_bytes()
    bad = write(tmp_path / "bad", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": "post_id\n"})
    with pytest.raises(BadInputError):
        ingest(bad, good.lake, good.quarantine_dir, NullProgress(), now=NOW)
    assert (good.lake / "accounts.parquet").read_bytes() == before
