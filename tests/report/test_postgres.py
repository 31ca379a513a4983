"""The same run and the same month of people acting on it, with the ledger on PostgreSQL:
``lockstep report`` writes the same files as on SQLite (event ids aside, which are random)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.clirun import cli
from tests.report.conftest import normalised_json
from tests.report.scenario import Synthetic, synthetic_ledger


def test_a_postgresql_ledger_gives_the_same_report(
    world: Path,
    synthetic: Synthetic,
    postgres_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    synthetic_ledger(world, tmp_path / "run", postgres_url)
    for month in ("2025-04", "2025-05"):
        outs = {}
        for name, url in (("sqlite", synthetic.url), ("postgresql", postgres_url)):
            out = tmp_path / month / name
            args = ["report", "--month", month, "--ledger", url, "--out", str(out)]
            code, _, err = cli(args, capsys, monkeypatch)
            assert code == 0, err
            outs[name] = (out, url)
        (lite, lite_url), (pg, pg_url) = outs["sqlite"], outs["postgresql"]
        names = sorted(p.name for p in lite.iterdir())
        assert names == sorted(p.name for p in pg.iterdir())
        for name in names:
            if name == "report.json":
                assert normalised_json((pg / name).read_text(), pg_url) == normalised_json(
                    (lite / name).read_text(), lite_url
                )
            else:
                assert (pg / name).read_bytes() == (lite / name).read_bytes(), name


def test_an_empty_postgresql_database_is_not_a_ledger(
    postgres_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out"
    args = ["report", "--month", "2025-04", "--ledger", postgres_url, "--out", str(out)]
    code, _, err = cli(args, capsys, monkeypatch)
    assert code == 2 and err.count("\n") == 1
    assert "not a ledger (no ledger_events table)" in err
    assert "postgresql://" not in err  # a URL may carry a password; it is not echoed
    assert not out.exists()
