"""Ids: derived when absent, duplicates collapsed, unknown accounts become stubs."""

from __future__ import annotations

import re
from pathlib import Path

from tests.ingest.helpers import ACCOUNTS_CSV, jsonl, run, write

ENG_HEAD = "account_id,kind,created_at,target_post_id\n"


def test_engagement_ids_are_derived_from_content(tmp_path: Path) -> None:
    csv = ENG_HEAD + "a1,like,2024-03-01,p1\na2,like,2024-03-01,p1\na1,like,2024-03-01,p1\n"
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "engagements.csv": csv}))
    ids = done.column("engagements", "engagement_id")
    assert len(ids) == 2 and len(set(ids)) == 2
    assert all(re.fullmatch(r"e-[0-9a-f]{20}", i) for i in ids)
    # the repeated like is an exact duplicate: same content, same derived id, collapsed
    assert done.counts("engagements") == (3, 2, 0, 1)
    assert done.report.tables["engagements"].derived_columns == ["engagement_id"]

    # the same content in another format and another order gives the same ids
    rows = [
        {"account_id": "a2", "kind": "LIKE", "created_at": 1709251200, "target_post_id": "p1"},
        {
            "account_id": "a1",
            "kind": "like",
            "created_at": "2024-03-01T00:00:00Z",
            "target_post_id": "p1",
        },
    ]
    again = run(
        write(tmp_path / "j", {"accounts.csv": ACCOUNTS_CSV, "engagements.jsonl": jsonl(rows)})
    )
    assert sorted(again.column("engagements", "engagement_id")) == sorted(ids)


def test_given_ids_are_kept_and_only_gaps_are_derived(tmp_path: Path) -> None:
    csv = "engagement_id," + ENG_HEAD + "x1,a1,like,2024-03-01,p1\n,a1,like,2024-03-02,p1\n"
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "engagements.csv": csv}))
    given, derived = done.column("engagements", "engagement_id")
    assert given == "x1" and derived.startswith("e-")


def test_report_ids_are_derived_too(tmp_path: Path) -> None:
    csv = (
        "reporter_id,target_type,target_id,created_at,reason\n"
        "a1,account,a2,2024-03-01,spam\na1,Post,p9,2024-03-01,\n"
    )
    done = run(
        write(
            tmp_path / "d",
            {
                "accounts.csv": ACCOUNTS_CSV,
                "posts.csv": "post_id,account_id,created_at\n",
                "reports.csv": csv,
            },
        )
    )
    ids = done.column("reports", "report_id")
    assert all(i.startswith("r-") for i in ids) and len(set(ids)) == 2
    assert done.column("reports", "target_type") == ["account", "post"]


def test_exact_duplicate_sessions_collapse(tmp_path: Path) -> None:
    csv = (
        "account_id,created_at,event,ip,via_proxy\n"
        "a1,2024-03-01T10:00:00Z,login,10.0.0.1,no\n"
        "a1,2024-03-01T10:00:00Z,login,10.0.0.1,no\n"
        "a1,2024-03-01T10:00:00Z,login,10.0.0.2,no\n"
    )
    done = run(
        write(
            tmp_path / "d",
            {
                "accounts.csv": ACCOUNTS_CSV,
                "posts.csv": "post_id,account_id,created_at\n",
                "sessions.csv": csv,
            },
        )
    )
    assert done.column("sessions", "ip") == ["10.0.0.1", "10.0.0.2"]
    assert done.counts("sessions") == (3, 2, 0, 1)


def test_rows_differing_only_in_extra_columns_are_not_duplicates(tmp_path: Path) -> None:
    csv = "post_id,account_id,created_at,source\np1,a1,2024-03-01,web\np1,a1,2024-03-01,app\n"
    done = run(write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": csv}))
    assert [q["reason"] for q in done.quarantine("posts")] == ["conflicting duplicate id"] * 2


def test_activity_of_unknown_accounts_creates_stub_accounts(tmp_path: Path) -> None:
    posts = "post_id,account_id,created_at\np1,a1,2024-03-01\np2,zz,2024-03-01\np3,zz,2024-03-02\n"
    engagements = ENG_HEAD + "yy,like,2024-03-01,p1\na2,like,2024-03-01,p2\n"
    done = run(
        write(
            tmp_path / "d",
            {"accounts.csv": ACCOUNTS_CSV, "posts.csv": posts, "engagements.csv": engagements},
        )
    )
    accounts = done.rows("accounts")
    assert [(a["account_id"], a["is_stub"], a["handle"]) for a in accounts] == [
        ("a1", False, "alice"),
        ("a2", False, "bob"),
        ("yy", True, None),
        ("zz", True, None),
    ]
    counts = done.report.tables["accounts"]
    assert (counts.read, counts.accepted, counts.stubs_created) == (2, 2, 2)


def test_a_quarantined_account_is_replaced_by_a_stub(tmp_path: Path) -> None:
    accounts = "account_id,followers_count\na1,lots\n"
    done = run(
        write(
            tmp_path / "d",
            {
                "accounts.csv": accounts,
                "posts.csv": "post_id,account_id,created_at\np1,a1,2024-03-01\n",
            },
        )
    )
    assert [(a["account_id"], a["is_stub"]) for a in done.rows("accounts")] == [("a1", True)]
    assert done.counts("accounts") == (1, 0, 1, 0)
