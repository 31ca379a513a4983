"""Missing or malformed inputs stop evaluation with one line naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lockstep.errors import BadInputError
from lockstep.evaluate import evaluate
from tests.evaluate.conftest import CAMPAIGNS, DUP, TRUTH, finding, truth_row, write_jsonl


@pytest.mark.parametrize("name", ["truth.jsonl", "findings.jsonl"])
def test_missing_file_is_bad_input_naming_it(world: tuple[Path, Path], name: str) -> None:
    data, run = world
    path = (data if name == "truth.jsonl" else run) / name
    path.unlink()
    with pytest.raises(BadInputError) as err:
        evaluate(data, run)
    assert err.value.path == str(path)
    assert "not found" in str(err.value)


def test_malformed_line_is_bad_input(world: tuple[Path, Path]) -> None:
    data, run = world
    with (run / "findings.jsonl").open("a") as fh:
        fh.write('{"behaviour": "spam.copypasta", "account_ids": [\n')
    with pytest.raises(BadInputError, match="not valid JSON Lines") as err:
        evaluate(data, run)
    assert err.value.path == str(run / "findings.jsonl")


def test_wrongly_typed_account_ids_is_bad_input(world: tuple[Path, Path]) -> None:
    data, run = world
    write_jsonl(run / "findings.jsonl", [{"behaviour": DUP, "account_ids": "a1"}])
    with pytest.raises(BadInputError, match=r"findings\.jsonl"):
        evaluate(data, run)


def test_unknown_behaviour_code_in_findings_is_bad_input(world: tuple[Path, Path]) -> None:
    data, run = world
    write_jsonl(run / "findings.jsonl", [finding("spam.made_up", ["a1"])])
    with pytest.raises(BadInputError, match=r"unknown behaviour code\(s\): spam.made_up"):
        evaluate(data, run)


def test_finding_without_behaviour_is_bad_input(world: tuple[Path, Path]) -> None:
    data, run = world
    write_jsonl(run / "findings.jsonl", [{"account_ids": ["a1"]}])
    with pytest.raises(BadInputError, match="without behaviour"):
        evaluate(data, run)


def test_unknown_behaviour_code_in_truth_is_bad_input(world: tuple[Path, Path]) -> None:
    data, run = world
    write_jsonl(data / "truth.jsonl", [truth_row("a1", "c1", ["spam.nope"], "member", "x")])
    with pytest.raises(BadInputError, match=r"spam\.nope"):
        evaluate(data, run)


def test_account_twice_in_truth_is_bad_input(world: tuple[Path, Path]) -> None:
    data, run = world
    write_jsonl(data / "truth.jsonl", [*TRUTH, TRUTH[0]])
    with pytest.raises(BadInputError, match="more than one row"):
        evaluate(data, run)


def test_unknown_role_is_bad_input(world: tuple[Path, Path]) -> None:
    data, run = world
    write_jsonl(data / "truth.jsonl", [truth_row("a1", None, [], "bystander", "organic")])
    with pytest.raises(BadInputError, match="unknown role"):
        evaluate(data, run)


def test_campaign_missing_from_campaigns_file_is_bad_input(world: tuple[Path, Path]) -> None:
    data, run = world
    write_jsonl(data / "campaigns.jsonl", CAMPAIGNS[:1])
    with pytest.raises(BadInputError, match="c2") as err:
        evaluate(data, run)
    assert err.value.path == str(data / "campaigns.jsonl")


def test_extra_fields_of_any_shape_are_ignored(world: tuple[Path, Path]) -> None:
    data, run = world
    rows = [
        {**finding(DUP, ["a1"]), "evidence": {"summary": "s", "n": 3}},
        {**finding(DUP, ["a2"]), "evidence": {"summary": ["a", "list"], "n": "three"}},
    ]
    (run / "findings.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert evaluate(data, run).findings == 2
