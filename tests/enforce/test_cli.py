"""The enforcement commands as a person uses them: run → decisions → appeal → backtest,
on SQLite and PostgreSQL, with one-line errors and exit code 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import ACCOUNTS, _posts, cli

GOLDEN = Path(__file__).parent / "golden"
#: only the detector this data exercises, to keep each `lockstep run` short
ONLY_DUPLICATES = "\n".join(
    f'[detectors."{name}"]\nenabled = false'
    for name in (
        "spam.post_delete",
        "spam.malicious_url",
        "spam.misleading_url",
        "spam.link_only",
        "engagement.incentivised",
        "spam.bulk_mentions",
        "spam.hashtag_stuffing",
        "spam.hashtag_hijack",
        "spam.impersonation",
        "coord.multi_account_livestream",
    )
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "accounts.csv").write_text(ACCOUNTS, encoding="utf-8")
    (folder / "posts.csv").write_text(_posts(), encoding="utf-8")
    (tmp_path / "config.toml").write_text(ONLY_DUPLICATES, encoding="utf-8")
    (folder / "reports.csv").write_text(
        "report_id,reporter_id,target_type,target_id,created_at,reason\n"
        "rep1,u1,account,spam1,2024-03-01T18:00:00Z,spam\n",
        encoding="utf-8",
    )
    return folder


Cap = pytest.CaptureFixture[str]
MP = pytest.MonkeyPatch


def _decisions(out: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in (out / "decisions.jsonl").read_text().splitlines()]


def test_policy_show(capsys: Cap, monkeypatch: MP, golden) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli(["policy", "show"], capsys, monkeypatch)
    assert code == 0
    golden(GOLDEN / "policy_show.txt", out)
    code, out, _ = cli(["policy", "show", "--json"], capsys, monkeypatch)
    assert json.loads(out)["behaviours"]["coord.account_trade"]["severity"] == "severe"


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_run_decide_appeal_and_backtest(
    backend: str,
    data: Path,
    tmp_path: Path,
    capsys: Cap,
    monkeypatch: MP,
    request: pytest.FixtureRequest,
) -> None:
    out = tmp_path / "out"
    ledger = (
        request.getfixturevalue("postgres_url")
        if backend == "postgresql"
        else str(tmp_path / "ledger.sqlite")
    )
    code, stdout, err = cli(
        [
            "run",
            str(data),
            "--config",
            str(data.parent / "config.toml"),
            "--out",
            str(out),
            "--ledger",
            ledger,
        ],
        capsys,
        monkeypatch,
    )
    assert code == 0, err
    assert "Decisions: 1 permanent_suspension; 0 seen before" in stdout
    decisions = _decisions(out)
    # every post of spam1 is a near-duplicate: "the majority of behavior is in violation",
    # a severe case; the score is under auto_confirm_score, so it waits for an analyst
    assert [(d["subject"], d["action"], d["status"]) for d in decisions] == [
        ("account:spam1", "permanent_suspension", "pending_review")
    ]
    for d in decisions:
        assert set(d) >= {
            "decision_id",
            "subject",
            "action",
            "policy",
            "behaviour",
            "automated",
            "reason",
            "created_at",
            "expires_at",
        }
        assert d["evidence"]["user_reports"] == {"count": 1, "weight": 1.0}
    lock = decisions[0]

    # the same data again: no new decisions, the same file
    code, stdout, _ = cli(
        [
            "run",
            str(data),
            "--config",
            str(data.parent / "config.toml"),
            "--out",
            str(out),
            "--ledger",
            ledger,
        ],
        capsys,
        monkeypatch,
    )
    assert code == 0 and "none new; 1 seen before" in stdout
    assert {d["decision_id"] for d in _decisions(out)} == {d["decision_id"] for d in decisions}

    code, stdout, _ = cli(["decisions", "list", "--ledger", ledger, "--json"], capsys, monkeypatch)
    assert code == 0 and len(json.loads(stdout)) == 1
    code, stdout, _ = cli(
        ["decisions", "confirm", lock["decision_id"], "--analyst", "ana", "--ledger", ledger],
        capsys,
        monkeypatch,
    )
    assert code == 0
    code, stdout, _ = cli(
        ["decisions", "show", lock["decision_id"], "--ledger", ledger], capsys, monkeypatch
    )
    assert code == 0 and "status: active" in stdout and "nearly identical Tweets" in stdout

    code, stdout, err = cli(
        [
            "appeal",
            "file",
            lock["decision_id"],
            "--account",
            "spam1",
            "--text",
            "a sale, not spam",
            "--ledger",
            ledger,
        ],
        capsys,
        monkeypatch,
    )
    assert code == 0, err
    appeal_id = stdout.strip()
    code, _, err = cli(
        ["appeal", "file", lock["decision_id"], "--account", "spam1", "--ledger", ledger],
        capsys,
        monkeypatch,
    )
    assert code == 2 and err.count("\n") == 1 and "already has appeal" in err
    code, _, err = cli(
        [
            "appeal",
            "decide",
            appeal_id,
            "--outcome",
            "overturn",
            "--reason",
            "a one-day sale",
            "--analyst",
            "ana",
            "--ledger",
            ledger,
        ],
        capsys,
        monkeypatch,
    )
    assert code == 0, err
    code, stdout, _ = cli(
        ["decisions", "show", lock["decision_id"], "--ledger", ledger, "--json"],
        capsys,
        monkeypatch,
    )
    shown = json.loads(stdout)
    assert shown["status"] == "reversed" and shown["appeal"]["outcome"] == "overturn"
    code, stdout, _ = cli(["appeal", "list", "--ledger", ledger, "--json"], capsys, monkeypatch)
    assert json.loads(stdout)[0]["hours_to_decision"] is not None

    code, stdout, _ = cli(
        ["report-abuse", "--reporter", "u2", "--target", "spam1", "--ledger", ledger],
        capsys,
        monkeypatch,
    )
    assert code == 0 and stdout.startswith("r_")
    code, stdout, _ = cli(["backtest", "--ledger", ledger], capsys, monkeypatch)
    assert code == 0 and "0 would change" in stdout


BAD = [
    (["decisions", "show", "d_nope"], "unknown decision 'd_nope'"),
    (["appeal", "file", "d_nope", "--account", "spam1"], "unknown decision"),
    (
        ["appeal", "decide", "a_nope", "--outcome", "uphold", "--reason", "x", "--analyst", "a"],
        "unknown appeal",
    ),
    (["report-abuse", "--reporter", "u1", "--target", "ghost"], "unknown account 'ghost'"),
    (["challenge", "outcome", "d_nope", "passed"], "unknown decision"),
    (["keep-one", "choose", "d_nope", "u1"], "unknown decision"),
    (["decisions", "confirm", "d_nope", "--analyst", "a"], "unknown decision"),
]


def test_bad_ids_exit_2_with_one_line_and_change_nothing(
    data: Path, tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    out, ledger = tmp_path / "out", str(tmp_path / "ledger.sqlite")
    run = ["run", str(data), "--config", str(data.parent / "config.toml"), "--out", str(out)]
    assert cli([*run, "--ledger", ledger], capsys, monkeypatch)[0] == 0
    before = Path(ledger).read_bytes()
    for args, message in BAD:
        code, stdout, err = cli([*args, "--ledger", ledger], capsys, monkeypatch)
        assert code == 2 and stdout == "", args
        assert err.startswith("error: ") and message in err and err.count("\n") == 1, err
    assert Path(ledger).read_bytes() == before


def test_shadow_run_records_nothing(
    data: Path, tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    out = tmp_path / "out"
    code, stdout, _ = cli(
        [
            "run",
            str(data),
            "--config",
            str(data.parent / "config.toml"),
            "--out",
            str(out),
            "--shadow",
        ],
        capsys,
        monkeypatch,
    )
    assert code == 0 and "shadow: nothing recorded" in stdout
    assert {d["status"] for d in _decisions(out)} == {"shadow"}
    code, stdout, _ = cli(
        ["decisions", "list", "--ledger", str(out / "ledger.sqlite"), "--json"], capsys, monkeypatch
    )
    assert json.loads(stdout) == []


def test_run_without_ledger_keeps_it_in_out(
    data: Path, tmp_path: Path, capsys: Cap, monkeypatch: MP
) -> None:
    out = tmp_path / "out"
    assert (
        cli(
            ["run", str(data), "--config", str(data.parent / "config.toml"), "--out", str(out)],
            capsys,
            monkeypatch,
        )[0]
        == 0
    )
    assert (out / "ledger.sqlite").exists()
    code, _, err = cli(
        [
            "run",
            str(data),
            "--config",
            str(data.parent / "config.toml"),
            "--out",
            str(out),
            "--policy",
            str(tmp_path / "no.toml"),
        ],
        capsys,
        monkeypatch,
    )
    assert code == 2 and "policy file not found" in err
