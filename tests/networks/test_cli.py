"""``lockstep networks list|show`` on a run folder (golden terminal output)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pytest

from lockstep.cli import main
from lockstep.lake import Lake
from lockstep.networks import NETWORKS_FILE, build_networks
from lockstep.report.output import write_jsonl
from lockstep.report.runreport import _networks
from tests.networks import world

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def run_dir(make_lake: Callable[..., Lake], tmp_path: Path) -> tuple[Path, pa.Table]:
    result = build_networks(make_lake(world.tables()), world.findings(), world.edges())
    out = tmp_path / "run"
    out.mkdir()
    write_jsonl(out / NETWORKS_FILE, result.networks, json_columns=("evidence",))
    return out, result.networks


def cli(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["lockstep", *args])
    monkeypatch.setenv("COLUMNS", "100")
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_list_and_show(
    run_dir: tuple[Path, pa.Table],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    golden,  # type: ignore[no-untyped-def]
) -> None:
    out, networks = run_dir
    nid = networks.column("network_id")[0].as_py()
    code, listed, err = cli(["networks", "list", "--run", str(out)], capsys, monkeypatch)
    assert code == 0, err
    golden(GOLDEN / "list.txt", listed)
    code, shown, err = cli(["networks", "show", nid, "--run", str(out)], capsys, monkeypatch)
    assert code == 0, err
    assert nid in shown and "T0128" in shown and "n00" in shown
    golden(GOLDEN / "show.txt", shown)


def test_report_section(run_dir: tuple[Path, pa.Table], golden) -> None:  # type: ignore[no-untyped-def]
    golden(GOLDEN / "report.md", "\n".join(_networks(run_dir[1])))


@pytest.mark.parametrize(
    "args",
    [
        ["networks", "show", "net-nope"],
        ["networks", "list"],
        ["networks", "list", "--ledger", "x.sqlite"],
    ],
)
def test_bad_usage_exits_2_with_one_line(
    args: list[str],
    run_dir: tuple[Path, pa.Table],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if args[1] == "show":
        args = [*args, "--run", str(run_dir[0])]
    code, _, err = cli(args, capsys, monkeypatch)
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1


def test_not_a_run_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = cli(["networks", "list", "--run", str(tmp_path)], capsys, monkeypatch)
    assert code == 2 and "networks.jsonl" in err
