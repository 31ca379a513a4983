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


@pytest.fixture(scope="module")
def real_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from lockstep.pipeline import run
    from lockstep.progress import NullProgress
    from lockstep.synth import synthesise

    root = tmp_path_factory.mktemp("networks-ledger")
    synthesise(1500, 10, 2, root / "data", NullProgress())
    run(root / "data", root / "run")
    return root / "run"


def test_the_ledger_lists_the_runs_networks_with_their_decisions(
    real_run: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from lockstep.networks.records import ledger_networks, read_networks

    ledger = str(real_run / "ledger.sqlite")
    from_run = {n["network_id"]: n for n in read_networks(real_run)}
    from_ledger = {n["network_id"]: n for n in ledger_networks(ledger)}
    assert from_run and set(from_ledger) == set(from_run)
    for nid, n in from_ledger.items():
        assert n["account_ids"] == from_run[nid]["account_ids"]
        assert n["followers"] == from_run[nid]["followers"]
        assert [t["id"] for t in n["tactics"]] == [t["id"] for t in from_run[nid]["tactics"]]
        assert n["decisions"], nid
    code, listed, err = cli(["networks", "list", "--ledger", ledger], capsys, monkeypatch)
    assert code == 0, err
    assert all(nid in listed for nid in from_run)
    nid = sorted(from_ledger)[0]
    code, shown, err = cli(["networks", "show", nid, "--ledger", ledger], capsys, monkeypatch)
    assert code == 0, err
    assert "Decisions" in shown and from_ledger[nid]["decisions"][0]["decision_id"] in shown


def test_one_source_is_required_and_a_missing_ledger_is_bad_input(
    real_run: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    both = ["networks", "list", "--run", str(real_run), "--ledger", str(real_run / "x.sqlite")]
    code, _, err = cli(both, capsys, monkeypatch)
    assert code == 2 and "one of --run" in err
    missing = tmp_path / "nowhere.sqlite"
    code, _, err = cli(["networks", "list", "--ledger", str(missing)], capsys, monkeypatch)
    assert code == 2 and err.count("\n") == 1 and not missing.exists()
