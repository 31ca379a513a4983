"""``lockstep report`` as a person runs it: every format against its golden file, the same
bytes on a rerun, and bad input that stops with exit code 2, one line and nothing written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.clirun import cli
from tests.report.conftest import GOLDEN, by_seq, normalised_json
from tests.report.scenario import Small

FILES = (
    "cop_c14_behaviours.csv",
    "cop_c14_tactics.csv",
    "cop_c16_exchanges.csv",
    "disclosure.csv",
    "enforcement_by_action.csv",
    "enforcement_by_behaviour.csv",
    "enforcement_by_policy.csv",
    "figures.csv",
    "report.html",
    "report.json",
    "report.md",
    "user_reports.csv",
)


@pytest.mark.parametrize("month", ["2024-12", "2025-01"])
def test_every_format_matches_its_golden_file(
    month: str,
    small: Small,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    golden,  # type: ignore[no-untyped-def]
) -> None:
    out = tmp_path / "report"
    code, stdout, err = cli(
        ["report", "--month", month, "--ledger", small.url, "--out", str(out)], capsys, monkeypatch
    )
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == list(FILES)
    for name in FILES:
        text = (out / name).read_text(encoding="utf-8")
        if name == "report.json":
            text = normalised_json(text, small.url)
        golden(GOLDEN / month / name, text)
    golden(GOLDEN / month / "stdout.txt", stdout.replace(str(out), "OUT"))
    page = (out / "report.html").read_text(encoding="utf-8")
    for loads_something in ("<script", "<link", "<img", "src=", "href=", "url(", "@import"):
        assert loads_something not in page  # self-contained: readable offline, leaks nothing


def test_a_rerun_gives_the_same_bytes(
    small: Small,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    args = ["report", "--from", "2024-12-01", "--to", "2025-01-31", "--ledger", small.url]
    for name in ("a", "b"):
        assert cli([*args, "--out", str(tmp_path / name)], capsys, monkeypatch)[0] == 0
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_the_json_traces_every_figure_to_ledger_events(
    small: Small,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "r"
    args = ["report", "--month", "2024-12", "--ledger", small.url, "--out", str(out)]
    assert cli(args, capsys, monkeypatch)[0] == 0
    data = json.loads((out / "report.json").read_text())
    ledger = by_seq(small.url)
    seen = 0

    def check(node: object, where: str) -> None:
        nonlocal seen
        if isinstance(node, dict):
            if set(node) == {"value", "events"}:
                seen += 1
                assert set(node["events"]) <= set(ledger), where
                assert bool(node["value"]) <= bool(node["events"]), f"{where}: no events"
                return
            for key, child in node.items():
                check(child, f"{where}.{key}")
        elif isinstance(node, list):
            for i, child in enumerate(node):
                check(child, f"{where}[{i}]")

    check(data, "report")
    assert seen > 100


BAD = [
    (["--month", "2024-13"], "--month '2024-13' is not a month written YYYY-MM"),
    (["--month", "Dec"], "is not a month written YYYY-MM"),
    (["--from", "2024-12-31", "--to", "2024-12-01"], "--from 2024-12-31 is after --to 2024-12-01"),
    (["--from", "2024-12-01"], "give --month YYYY-MM, or both --from DATE and --to DATE"),
    (["--month", "2024-12", "--from", "2024-12-01", "--to", "2024-12-02"], "not both"),
]


@pytest.mark.parametrize(("args", "message"), BAD)
def test_bad_periods_exit_2_with_one_line_and_write_nothing(
    args: list[str],
    message: str,
    small: Small,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out"
    code, _, err = cli(
        ["report", *args, "--ledger", small.url, "--out", str(out)], capsys, monkeypatch
    )
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err
    assert not out.exists()


def test_a_ledger_that_is_not_there_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("these are not the ledgers you are looking for\n")
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    for ledger, message in [
        (tmp_path / "missing" / "ledger.sqlite", "no ledger here"),
        (tmp_path, "no ledger here"),
        (not_a_db, "cannot open the ledger"),
        (empty, "not a ledger (no ledger_events table)"),
    ]:
        args = ["report", "--month", "2024-12", "--ledger", str(ledger), "--out", str(out)]
        code, _, err = cli(args, capsys, monkeypatch)
        assert code == 2, err
        assert err.count("\n") == 1 and message in err, err
        assert not out.exists()
    # nothing was created where there was no ledger, and the empty database is left alone
    assert not (tmp_path / "missing").exists()
    assert sqlite3.connect(empty).execute("select count(*) from sqlite_master").fetchone() == (0,)
    code, _, err = cli(
        ["report", "--month", "2024-12", "--ledger", "postgresql://nobody@127.0.0.1:1/none",
         "--out", str(out)],
        capsys,
        monkeypatch,
    )  # fmt: skip
    assert code == 2 and err.count("\n") == 1 and "cannot open the ledger" in err


def test_out_must_be_a_folder(
    small: Small,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "report.txt"
    target.write_text("keep me")
    code, _, err = cli(
        ["report", "--month", "2024-12", "--ledger", small.url, "--out", str(target)],
        capsys,
        monkeypatch,
    )
    assert code == 2 and "goes into a folder" in err and err.count("\n") == 1
    assert target.read_text() == "keep me"
