"""How values of each contract type are read, in text and in native Parquet types."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pytest

from tests.ingest.helpers import ACCOUNTS_CSV, jsonl, run, write

NOON = datetime(2024, 3, 1, 12, 0)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2024-03-01T12:00:00Z", NOON),
        ("2024-03-01T14:00:00+02:00", NOON),
        ("2024-03-01T07:00:00-0500", NOON),
        ("2024-03-01T12:00:00", NOON),
        ("2024-03-01 12:00:00", NOON),
        ("2024-03-01T12:00:00.250Z", NOON + timedelta(milliseconds=250)),
        ("2024-03-01", datetime(2024, 3, 1)),
        ("1709294400", NOON),
        ("1709294400000", NOON),
        ("1709294400.5", NOON + timedelta(milliseconds=500)),
        ("Fri Mar 01 12:00:00 +0000 2024", NOON),
        ("  2024-03-01T12:00:00Z  ", NOON),
    ],
)
def test_timestamp_forms_in_text(tmp_path: Path, written: str, expected: datetime) -> None:
    done = run(
        write(
            tmp_path / "d",
            {
                "accounts.csv": ACCOUNTS_CSV,
                "posts.csv": f'post_id,account_id,created_at\np1,a1,"{written}"\n',
            },
        )
    )
    assert done.column("posts", "created_at") == [expected]


def test_timestamps_as_json_numbers(tmp_path: Path) -> None:
    rows = [
        {"post_id": "s", "account_id": "a1", "created_at": 1709294400},
        {"post_id": "ms", "account_id": "a1", "created_at": 1709294400000},
        {"post_id": "f", "account_id": "a1", "created_at": 1709294400.25},
    ]
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.jsonl": jsonl(rows)}))
    assert done.column("posts", "created_at") == [NOON, NOON, NOON + timedelta(milliseconds=250)]


def test_timestamps_in_native_parquet_types(tmp_path: Path) -> None:
    berlin = NOON.replace(tzinfo=UTC).astimezone(timezone(timedelta(hours=1)))
    accounts = pa.table(
        {
            "account_id": ["a1", "a2", "a3", "a4"],
            "created_at": pa.array([berlin] * 4, pa.timestamp("us", tz="Europe/Berlin")),
            "suspended_at": pa.array([1709294400, 1709294400000, None, 0], pa.int64()),
        }
    )
    posts = pa.table(
        {
            "post_id": ["p1"],
            "account_id": ["a1"],
            "created_at": pa.array([date(2024, 3, 1)], pa.date32()),
            "deleted_at": pa.array([NOON], pa.timestamp("ns")),
        }
    )
    done = run(write(tmp_path / "d", {"accounts.parquet": accounts, "posts.parquet": posts}))
    assert done.column("accounts", "created_at") == [NOON] * 3
    assert done.column("accounts", "suspended_at") == [NOON, NOON, None]
    # epoch 0 is 1970: outside the accepted range
    assert [(q["row"], q["column"]) for q in done.quarantine("accounts")] == [(4, "suspended_at")]
    assert done.rows("posts")[0]["created_at"] == datetime(2024, 3, 1)
    assert done.rows("posts")[0]["deleted_at"] == NOON


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("yesterday", "unparseable timestamp"),
        ("2024-02-30", "unparseable timestamp"),
        ("1999-12-31T23:59:59Z", "timestamp out of range (before 2000-01-01 or after tomorrow)"),
        ("2025-06-03", "timestamp out of range (before 2000-01-01 or after tomorrow)"),
        # eight digits are epoch seconds (1970), not a compact date
        ("20240301", "timestamp out of range (before 2000-01-01 or after tomorrow)"),
    ],
)
def test_bad_timestamps_are_quarantined(tmp_path: Path, written: str, reason: str) -> None:
    done = run(
        write(
            tmp_path / "d",
            {
                "accounts.csv": ACCOUNTS_CSV,
                "posts.csv": f"post_id,account_id,created_at\np1,a1,{written}\np2,a1,2024-03-01\n",
            },
        )
    )
    assert done.column("posts", "post_id") == ["p2"]
    [bad] = done.quarantine("posts")
    assert (bad["row"], bad["line"], bad["column"], bad["reason"]) == (1, 2, "created_at", reason)
    assert bad["original"]["created_at"] == written


def test_lists_in_every_form(tmp_path: Path) -> None:
    csv = (
        "post_id,account_id,created_at,media_hashes,hashtags\n"
        'p1,a1,2024-03-01,ab  cd\tef,"#Tag #Two"\n'
        'p2,a1,2024-03-01,"[""x y"", ""z"", """"]","[""Ünï""]"\n'
        "p3,a1,2024-03-01,[],\n"
    )
    done = run(write(tmp_path / "csv", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": csv}))
    assert done.column("posts", "media_hashes") == [["ab", "cd", "ef"], ["x y", "z"], []]
    assert done.column("posts", "hashtags") == [["tag", "two"], ["ünï"], None]

    rows = [
        {
            "post_id": "p1",
            "account_id": "a1",
            "created_at": "2024-03-01",
            "media_hashes": ["a", 1, None],
        }
    ]
    done = run(write(tmp_path / "json", {"accounts.csv": ACCOUNTS_CSV, "posts.jsonl": jsonl(rows)}))
    assert done.column("posts", "media_hashes") == [["a", "1"]]

    posts = pa.table(
        {
            "post_id": ["p1", "p2"],
            "account_id": ["a1", "a1"],
            "created_at": ["2024-03-01", "2024-03-01"],
            "media_hashes": pa.array([[" h1 ", "", None], None], pa.large_list(pa.large_string())),
            "hashtags": pa.array(
                [["#A", "b"], []], pa.list_(pa.dictionary(pa.int8(), pa.string()))
            ),
        }
    )
    done = run(write(tmp_path / "pq", {"accounts.csv": ACCOUNTS_CSV, "posts.parquet": posts}))
    assert done.column("posts", "media_hashes") == [["h1"], None]
    assert done.column("posts", "hashtags") == [["a", "b"], []]


def test_a_broken_json_array_is_not_a_list(tmp_path: Path) -> None:
    csv = 'post_id,account_id,created_at,media_hashes\np1,a1,2024-03-01,"[""a"", "\n'
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": csv}))
    [bad] = done.quarantine("posts")
    assert bad["column"] == "media_hashes"
    assert bad["reason"].startswith("not a list")


def test_booleans(tmp_path: Path) -> None:
    words = ["true", "FALSE", "1", "0", "yes", "No", "t", "F", "maybe", ""]
    csv = "account_id,verified\n" + "".join(f"a{i},{w}\n" for i, w in enumerate(words))
    done = run(
        write(tmp_path / "d", {"accounts.csv": csv, "posts.csv": "post_id,account_id,created_at\n"})
    )
    assert done.column("accounts", "verified") == [
        True,
        False,
        True,
        False,
        True,
        False,
        True,
        False,
        None,
    ]
    [bad] = done.quarantine("accounts")
    assert (bad["row"], bad["column"]) == (9, "verified")
    assert bad["reason"].startswith("not a boolean")

    native = pa.table(
        {
            "account_id": ["b1", "b2", "b3", "b4"],
            "verified": [True, False, None, True],
            "declared_automated": pa.array([1, 0, 2, None], pa.int8()),
        }
    )
    done = run(
        write(
            tmp_path / "pq",
            {"accounts.parquet": native, "posts.csv": "post_id,account_id,created_at\n"},
        )
    )
    assert done.column("accounts", "declared_automated") == [True, False, None]
    assert [(q["row"], q["column"]) for q in done.quarantine("accounts")] == [
        (3, "declared_automated")
    ]


def test_numbers_and_their_type_errors(tmp_path: Path) -> None:
    csv = (
        "account_id,followers_count,following_count\n"
        "a1,10,+5\n"
        "a2,12.0,0\n"
        "a3,1.5,0\n"
        "a4,1_000,0\n"
        "a5,ten,0\n"
        "a6,,7\n"
    )
    done = run(
        write(tmp_path / "d", {"accounts.csv": csv, "posts.csv": "post_id,account_id,created_at\n"})
    )
    assert done.column("accounts", "account_id") == ["a1", "a2", "a6"]
    assert done.column("accounts", "followers_count") == [10, 12, None]
    assert done.column("accounts", "following_count") == [5, 0, 7]
    assert [(q["row"], q["column"], q["reason"]) for q in done.quarantine("accounts")] == [
        (3, "followers_count", "not an integer"),
        (4, "followers_count", "not an integer"),
        (5, "followers_count", "not an integer"),
    ]
    assert done.report.tables["accounts"].reasons == {"followers_count: not an integer": 3}

    engagements = (
        "account_id,kind,created_at,target_post_id,value\n"
        "a1,vote,2024-03-01,p1,4.5\na1,vote,2024-03-01,p2,-1e2\na1,vote,2024-03-01,p3,high\n"
    )
    done = run(
        write(tmp_path / "e", {"accounts.csv": ACCOUNTS_CSV, "engagements.csv": engagements})
    )
    assert done.column("engagements", "value") == [4.5, -100.0]
    assert [(q["row"], q["column"], q["reason"]) for q in done.quarantine("engagements")] == [
        (3, "value", "not a number")
    ]


def test_parquet_numbers_of_other_widths(tmp_path: Path) -> None:
    accounts = pa.table(
        {
            "account_id": pa.array([1, 2, 3], pa.uint32()),
            "followers_count": pa.array([1.0, float("nan"), 2.5]),
            "following_count": pa.array([1, 2, 3], pa.int16()),
        }
    )
    done = run(
        write(
            tmp_path / "d",
            {"accounts.parquet": accounts, "posts.csv": "post_id,account_id,created_at\n"},
        )
    )
    # integer ids become text; NaN is a missing value, 2.5 followers is not an integer
    assert done.column("accounts", "account_id") == ["1", "2"]
    assert done.column("accounts", "followers_count") == [1, None]
    assert done.column("accounts", "following_count") == [1, 2]
    assert [(q["row"], q["column"]) for q in done.quarantine("accounts")] == [
        (3, "followers_count")
    ]


def test_float_ids_from_pandas_become_whole_numbers(tmp_path: Path) -> None:
    posts = pa.table(
        {
            "post_id": pa.array([1.0, 2.0, 3.5]),
            "account_id": ["a1", "a1", "a1"],
            "created_at": ["2024-03-01"] * 3,
            "reply_to": pa.array([None, 1.0, None]),
        }
    )
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.parquet": posts}))
    assert done.column("posts", "post_id") == ["1", "2"]
    assert done.column("posts", "reply_to") == [None, "1"]
    [bad] = done.quarantine("posts")
    assert (bad["row"], bad["column"], bad["original"]["post_id"]) == (3, "post_id", "3.5")


def test_choices_defaults_and_case(tmp_path: Path) -> None:
    csv = (
        "post_id,account_id,created_at,kind\n"
        "p1,a1,2024-03-01,\np2,a1,2024-03-01, Comment \np3,a1,2024-03-01,story\n"
    )
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": csv}))
    assert done.column("posts", "kind") == ["post", "comment"]
    [bad] = done.quarantine("posts")
    assert (bad["row"], bad["column"]) == (3, "kind")
    assert "expected one of post, comment" in bad["reason"]

    csv = "post_id,account_id,created_at\np1,a1,2024-03-01\n"
    done = run(write(tmp_path / "nokind", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": csv}))
    assert done.column("posts", "kind") == ["post"]


def test_ids_and_choices_are_trimmed_but_text_is_not(tmp_path: Path) -> None:
    csv = 'post_id,account_id,created_at,text\n" p1 ",a1 ,2024-03-01,"  spaced  "\n'
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": csv}))
    [post] = done.rows("posts")
    assert (post["post_id"], post["account_id"], post["text"]) == ("p1", "a1", "  spaced  ")


def test_unknown_columns_are_kept_in_attrs(tmp_path: Path) -> None:
    accounts = pa.table(
        {
            "account_id": ["a1", "a2"],
            "platform": ["x", None],
            "score": [1.5, 2.0],
            "tags": [["a", "b"], []],
            "seen": pa.array([NOON, None], pa.timestamp("s")),
            "is_stub": [True, True],
        }
    )
    done = run(
        write(
            tmp_path / "d",
            {"accounts.parquet": accounts, "posts.csv": "post_id,account_id,created_at\n"},
        )
    )
    attrs = [dict(a) for a in done.column("accounts", "attrs")]
    assert attrs == [
        {
            "platform": "x",
            "score": "1.5",
            "tags": '["a","b"]',
            "seen": "2024-03-01T12:00:00.000000Z",
            "is_stub": "true",
        },
        {"score": "2", "tags": "[]", "is_stub": "true"},
    ]
    # is_stub is set by ingest: the input's column of that name is an extra column
    assert done.column("accounts", "is_stub") == [False, False]
    assert done.report.tables["accounts"].extra_columns == [
        "platform",
        "score",
        "tags",
        "seen",
        "is_stub",
    ]
