"""The command line as a person uses it: exit codes, one-line errors, outputs, golden text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lockstep import __version__
from tests.clirun import cli

GOLDEN = Path(__file__).parent / "golden"

ACCOUNTS = """account_id,handle,display_name,created_at,followers_count,declared_automated
u1,alice,Alice,2023-01-05T10:00:00Z,120,false
u2,bob,Bob,2022-06-01T08:00:00+02:00,45,false
spam1,dealz,Best Dealz,2024-02-28,3,false
bot1,clockbot,Clock Bot,2021-01-01,900,true
"""

POSTS_HEADER = "post_id,account_id,created_at,text,urls\n"


def _posts() -> str:
    rows = [
        "p1,u1,2024-03-01T09:00:00Z,Lovely morning walk by the river today,",
        "p2,u2,2024-03-01T09:05:00Z,@alice that looks great! where was it?,",
        "p3,u1,2024-03-01T12:00:00Z,Reading the news https://news.example.org/a,"
        "https://news.example.org/a",
    ]
    variants = [
        "MEGA SALE!!! Designer bags 90% off today only, click the link now",
        "mega sale designer bags 90% off today only click the link now 🔥",
        "MEGA SALE: designer bags 90% OFF today only — click the link now!",
        "Mega sale, designer bags 90% off today only, click the link now",
        "MEGA SALE designer bags 90% off TODAY ONLY click the link now!!",
        "mega SALE designer bags 90% off today only... click the link now",
    ]
    for i, text in enumerate(variants):
        rows.append(
            f'd{i},spam1,2024-03-01T{10 + i:02d}:15:00Z,"{text} https://dealz.example/x?utm_source={i}",'
        )
    for i in range(6):
        rows.append(f"b{i},bot1,2024-03-01T{10 + i:02d}:00:00Z,It is {10 + i} o'clock. BONG,")
    return POSTS_HEADER + "\n".join(rows) + "\n"


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "accounts.csv").write_text(ACCOUNTS, encoding="utf-8")
    (data / "posts.csv").write_text(_posts(), encoding="utf-8")
    return data


def test_version(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = cli(["--version"], capsys, monkeypatch)
    assert code == 0
    assert out.strip() == f"lockstep {__version__}"


def test_help_lists_the_stable_commands(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = cli(["--help"], capsys, monkeypatch)
    assert code == 0
    for command in ("run", "demo", "synth", "eval"):
        assert command in out


def test_run_writes_every_output_and_reconciles(
    dataset: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    golden,  # type: ignore[no-untyped-def]
) -> None:
    out = tmp_path / "out"
    code, stdout, err = cli(["run", str(dataset), "--out", str(out)], capsys, monkeypatch)
    assert code == 0, err
    for name in (
        "findings.jsonl",
        "findings.parquet",
        "edges.parquet",
        "networks.jsonl",
        "networks.parquet",
        "networks.gexf",
        "networks.graphml",
        "summary.json",
        "report.md",
        "report.html",
    ):
        assert (out / name).exists(), name
    summary = json.loads((out / "summary.json").read_text())
    assert summary["input"]["reconciles"] is True
    posts = summary["input"]["tables"]["posts"]
    assert posts["read"] == posts["accepted"] == 15
    assert [s["name"] for s in summary["stages"]] == [
        "ingest",
        "detect",
        "networks",
        "write",
        "enforce",
        "report",
    ]

    findings = [json.loads(line) for line in (out / "findings.jsonl").read_text().splitlines()]
    dup = [f for f in findings if f["behaviour"] == "spam.duplicate_posts"]
    assert [f["subject_id"] for f in dup] == ["spam1"]
    assert dup[0]["evidence"]["summary"]
    # the declared hobby bot's templated posts are not spam (seed 001)
    assert all("bot1" not in f["account_ids"] for f in findings)

    report = (out / "report.md").read_text().replace(str(dataset), "DATA")
    golden(GOLDEN / "report.md", report)
    golden(GOLDEN / "report.html", (out / "report.html").read_text().replace(str(dataset), "DATA"))
    golden(GOLDEN / "run.txt", stdout.replace(str(out), "OUT"))


def test_same_input_twice_gives_the_same_output(
    dataset: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert cli(["run", str(dataset), "--out", str(first)], capsys, monkeypatch)[0] == 0
    assert cli(["run", str(dataset), "--out", str(second)], capsys, monkeypatch)[0] == 0
    for name in ("findings.jsonl", "networks.jsonl", "report.md", "report.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_missing_folder_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    code, _, err = cli(["run", str(tmp_path / "nope"), "--out", str(out)], capsys, monkeypatch)
    assert code == 2
    assert "nope" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_missing_required_column_stops_before_writing(
    dataset: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (dataset / "posts.csv").write_text("post_id,account_id,text\np1,u1,hello\n")
    out = tmp_path / "out"
    code, _, err = cli(["run", str(dataset), "--out", str(out)], capsys, monkeypatch)
    assert code == 2
    assert "posts.csv" in err and "created_at" in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


@pytest.mark.parametrize(
    ("config", "needle"),
    [
        ('[detectors."spam.nope"]\nx = 1\n', "spam.nope"),
        ('[detectors."spam.duplicate_posts"]\nmin_copies = "many"\n', "min_copies"),
        ("this is = not toml [", "TOML"),
    ],
)
def test_bad_config_is_bad_input(
    dataset: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    config: str,
    needle: str,
) -> None:
    cfg = tmp_path / "lockstep.toml"
    cfg.write_text(config)
    out = tmp_path / "out"
    code, _, err = cli(
        ["run", str(dataset), "--out", str(out), "--config", str(cfg)], capsys, monkeypatch
    )
    assert code == 2, err
    assert needle in err
    assert not out.exists()


def test_disabled_detector_is_reported_as_skipped(
    dataset: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cfg = tmp_path / "lockstep.toml"
    cfg.write_text('[detectors."spam.duplicate_posts"]\nenabled = false\n')
    out = tmp_path / "out"
    code, stdout, _ = cli(
        ["run", str(dataset), "--out", str(out), "--config", str(cfg)], capsys, monkeypatch
    )
    assert code == 0
    summary = json.loads((out / "summary.json").read_text())
    assert {"detector": "spam.duplicate_posts", "reason": "disabled by configuration"} in summary[
        "detectors"
    ]["skipped"]
    assert "skipped spam.duplicate_posts" in stdout


def test_unknown_engine_is_usage_error(
    dataset: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, _, err = cli(
        ["run", str(dataset), "--out", str(tmp_path / "o"), "--engine", "oracle"],
        capsys,
        monkeypatch,
    )
    assert code == 2
    assert "oracle" in err


def test_internal_error_exits_1_with_one_line(
    dataset: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("lockstep.pipeline.run_detectors", boom)
    code, _, err = cli(["run", str(dataset), "--out", str(tmp_path / "o")], capsys, monkeypatch)
    assert code == 1
    assert "internal error" in err and "disk on fire" in err
