"""Whole runs: determinism, re-runs, ignored files, progress, the lake manifest."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa

from lockstep.ingest import ingest
from tests.ingest.helpers import ACCOUNTS_CSV, NOW, run, write

POSTS = (
    "post_id,account_id,created_at,text,mood\n"
    "p1,a1,2024-03-01,see https://x.example/?utm_source=a #Tag @bob,happy\n"
    "p2,a9,2024-03-01,dup,\n"
    "p2,a9,2024-03-01,dup,\n"
    "p3,a2,bad time,x,\n"
    "p4,a1,2024-03-02,conflict,\n"
    "p4,a1,2024-03-02,conflict!,\n"
)


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_same_input_gives_byte_identical_output(tmp_path: Path) -> None:
    data = write(
        tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": POSTS, "README.md": "hi"}
    )
    first = run(data, tmp_path / "one")
    second = run(data, tmp_path / "two")
    assert _files(first.out) == _files(second.out)
    assert first.report.to_dict() == second.report.to_dict()
    assert first.quarantine("posts")  # the comparison covers quarantine files too


def test_a_rerun_replaces_old_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "lake").mkdir(parents=True)
    (out / "lake" / "engagements.parquet").write_bytes(b"old")
    (out / "quarantine").mkdir()
    (out / "quarantine" / "posts.jsonl").write_text('{"old": true}\n')
    done = run(
        write(
            tmp_path / "d",
            {"accounts.csv": ACCOUNTS_CSV, "posts.csv": "post_id,account_id,created_at\n"},
        ),
        out,
    )
    assert not (out / "lake" / "engagements.parquet").exists()
    assert not (out / "quarantine" / "posts.jsonl").exists()
    assert done.quarantine_dir.is_dir()


def test_unknown_files_are_listed_not_read(tmp_path: Path) -> None:
    data = write(
        tmp_path / "d",
        {
            "accounts.csv": ACCOUNTS_CSV,
            "posts.csv": "post_id,account_id,created_at\n",
            "labels.csv": "x\n",
            "notes.txt": "n",
        },
    )
    (data / "sub").mkdir()
    done = run(data)
    assert sorted(done.report.ignored_files) == ["labels.csv", "notes.txt", "sub"]
    assert "not a table of the data contract" in done.report.ignored_files["labels.csv"]
    assert done.report.to_dict()["ignored_files"] == done.report.ignored_files


def test_manifest_and_report_say_which_columns_the_input_filled(tmp_path: Path) -> None:
    data = write(tmp_path / "d", {"accounts.csv": ACCOUNTS_CSV, "posts.csv": POSTS})
    done = run(data)
    manifest = json.loads((done.lake / "manifest.json").read_text())
    present = manifest["posts"]["present"]
    assert {"text", "urls", "urls_raw", "hashtags", "mentions", "kind"} <= set(present)
    assert "lang" not in present and "deleted_at" not in present
    assert done.report.tables["posts"].present_columns == present
    assert manifest["urls"]["rows"] == 1
    assert done.report.tables["posts"].extra_columns == ["mood"]
    assert done.rows("posts")[0]["attrs"] == [("mood", "happy")]


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int | None, int]] = []

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[_Recorder]:
        self.calls.append((name, total, 0))
        yield self

    def advance(self, n: int = 1) -> None:
        name, total, done = self.calls[-1]
        self.calls[-1] = (name, total, done + n)


def test_progress_is_reported_per_file(tmp_path: Path) -> None:
    data = write(
        tmp_path / "d",
        {
            "accounts.csv": ACCOUNTS_CSV,
            "posts.parquet": pa.table(
                {"post_id": ["p"], "account_id": ["a1"], "created_at": ["2024-03-01"]}
            ),
        },
    )
    progress = _Recorder()
    ingest(data, tmp_path / "o" / "lake", tmp_path / "o" / "q", progress, now=NOW)
    # two steps per file: read and check, then validate rows and write
    assert progress.calls == [("ingest", 4, 4)]
