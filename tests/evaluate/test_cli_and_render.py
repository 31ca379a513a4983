"""``lockstep eval`` as a person runs it: tables on the terminal, JSON for scripts, exit codes."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from lockstep.evaluate import evaluate, render
from tests.clirun import cli
from tests.evaluate.conftest import DUP, finding, truth_row, write_jsonl

GOLDEN = Path(__file__).parent / "golden"


def as_text(renderable: object, width: int = 100) -> str:
    console = Console(record=True, width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    # trailing blanks are padding, not content; editors strip them from the golden file
    return "\n".join(line.rstrip() for line in console.export_text().split("\n"))


def test_rendered_tables_match_golden(
    world: tuple[Path, Path], golden: Callable[[Path, str], None]
) -> None:
    golden(GOLDEN / "eval.txt", as_text(render(evaluate(*world))))


def test_json_output_has_the_documented_shape(
    world: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, run = world
    code, out, err = cli(["eval", str(data), str(run), "--json"], capsys, monkeypatch)
    assert code == 0, err
    doc = json.loads(out)
    assert set(doc) == {
        "data",
        "run",
        "accounts",
        "findings",
        "behaviours",
        "averages",
        "campaigns",
        "false_positive_rate",
        "unknown_accounts_flagged",
        "networks",
    }
    assert (doc["accounts"], doc["findings"]) == (15, 6)
    assert set(doc["behaviours"][DUP]) == {
        "findings",
        "predicted",
        "actual",
        "tp",
        "fp",
        "fn",
        "precision",
        "recall",
        "f1",
        "status",
    }
    assert doc["behaviours"]["engagement.reciprocal"]["status"] == "no findings"
    assert doc["behaviours"]["engagement.reciprocal"]["precision"] is None
    assert set(doc["averages"]) == {"over", "micro", "macro"}
    assert doc["campaigns"]["c1"]["recall"] == 0.75
    assert doc["false_positive_rate"]["hard_negative"]["hobby_bot"]["rate"] == 1.0
    assert doc["false_positive_rate"]["organic"]["accounts"] == 4


def test_terminal_output_names_behaviours_without_findings(
    world: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, run = world
    code, out, _ = cli(["eval", str(data), str(run)], capsys, monkeypatch)
    assert code == 0
    assert "No findings (recall 0): engagement.reciprocal." in out


def test_missing_truth_exits_2_with_one_line_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run = tmp_path / "run"
    write_jsonl(run / "findings.jsonl", [finding(DUP, ["a1"])])
    code, out, err = cli(["eval", str(tmp_path / "data"), str(run)], capsys, monkeypatch)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "truth.jsonl" in err and "not found" in err


def test_many_campaigns_are_summed_per_kind_on_the_terminal(tmp_path: Path) -> None:
    data, run = tmp_path / "data", tmp_path / "run"
    truth = [
        truth_row(f"a{i}", f"c{i:02d}", [DUP], "member", "spam_ring" if i % 2 else "bot_farm")
        for i in range(40)
    ]
    write_jsonl(data / "truth.jsonl", truth)
    write_jsonl(run / "findings.jsonl", [finding(DUP, ["a1", "a2", "a3"])])
    text = as_text(render(evaluate(data, run)))
    assert "Campaign recall by kind (40 campaigns" in text
    # a1, a3 are odd (spam_ring, 20 accounts); a2 is even (bot_farm, 20 accounts)
    assert any(
        line.split()[:5] == ["spam_ring", "20", "20", "2", "0.100"] for line in text.split("\n")
    )
    assert any(
        line.split()[:5] == ["bot_farm", "20", "20", "1", "0.050"] for line in text.split("\n")
    )
