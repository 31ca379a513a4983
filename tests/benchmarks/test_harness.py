"""The benchmark harness measures each step on its own and reports failures by name.

The full harness needs minutes of synthetic data; these tests check what its figures rest on:
per-process peak memory, timeouts, failure reporting, world sizing and the Markdown table.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import harness
import run as bench


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


MEASURE_TWO = """
import json, sys
from pathlib import Path
import harness
tmp = Path(sys.argv[1])
touch = "b = bytearray(600 * 2**20); b[::4096] = b'x' * len(b[::4096])"
big = harness.measure([sys.executable, "-c", touch], tmp / "big.log")
small = harness.measure([sys.executable, "-c", "pass"], tmp / "small.log")
print(json.dumps([big.ok, big.peak_rss_bytes, small.ok, small.peak_rss_bytes]))
"""


def test_peak_memory_is_each_childs_own(tmp_path: Path) -> None:
    # From a fresh, small parent like run.py: Linux starts a child's peak at its parent's,
    # so measuring from inside pytest would measure pytest.
    out = subprocess.run(
        [sys.executable, "-c", MEASURE_TWO, str(tmp_path)],
        cwd=REPO / "benchmarks",
        capture_output=True,
        text=True,
        check=True,
    )
    big_ok, big, small_ok, small = json.loads(out.stdout)
    assert big_ok and small_ok
    assert big > 600 * 2**20
    # measured after the big child: a cumulative RUSAGE_CHILDREN figure would be > 600 MiB
    assert small < 100 * 2**20


def test_a_failing_step_keeps_its_error(tmp_path: Path) -> None:
    m = harness.measure(python("raise SystemExit('synthesiser exploded')"), tmp_path / "x.log")
    assert not m.ok
    assert m.returncode == 1
    assert "synthesiser exploded" in m.stderr_tail
    assert "synthesiser exploded" in (tmp_path / "x.log").read_text()


def test_a_step_past_its_timeout_is_killed(tmp_path: Path) -> None:
    m = harness.measure(python("import time; time.sleep(60)"), tmp_path / "t.log", timeout=0.5)
    assert m.timed_out and not m.ok
    assert m.wall_seconds < 30


@pytest.mark.parametrize(
    ("text", "accounts"),
    [("1m", 10_204), ("10m", 102_041), ("250k", 2_551), ("5000", 100)],
)
def test_sizes_yield_about_the_asked_events(text: str, accounts: int) -> None:
    size = bench.parse_size(text, days=14)
    assert size.accounts == accounts
    # the planned world is within one account's worth of the target
    planned = size.accounts * size.days * bench.EVENTS_PER_ACCOUNT_DAY
    assert abs(planned - size.target_events) <= 98 or size.accounts == bench.MIN_ACCOUNTS


def test_a_size_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(SystemExit, match="not a number"):
        bench.parse_size("huge", days=14)


def _results(run_step: dict[str, Any]) -> dict[str, Any]:
    ok = {"status": "ok", "wall_seconds": 2.0, "peak_rss_mib": 100.0}
    return {
        "command": "benchmarks/run.py --sizes 1m",
        "machine": {
            "date_utc": "2024-01-01T00:00:00Z",
            "cpu": "cpu",
            "logical_cores": 2,
            "ram_gib": 24.0,
            "os": "Linux",
            "python": "3.11",
            "versions": {"duckdb": "1", "ibis-framework": "12", "pyarrow": "17", "lockstep": "0"},
            "git_commit": None,
        },
        "sizes": [
            {
                "size": "1m",
                "source": "synthetic",
                "accounts": 10_204,
                "days": 14,
                "events": 1_000_000,
                "steps": {"synth": ok, "run": run_step},
            }
        ],
    }


def test_markdown_names_a_failed_step() -> None:
    text = bench.markdown(_results({"status": "failed", "wall_seconds": 1.0}))
    row = next(line for line in text.splitlines() if line.startswith("| 1m "))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[:8] == ["1m", "10,204 × 14", "1,000,000", "2.0", "100.0", "FAILED", "FAILED", "—"]


def test_markdown_shows_rate_and_stages_of_a_run() -> None:
    run_step = {
        "status": "ok",
        "wall_seconds": 4.0,
        "peak_rss_mib": 300.0,
        "stages": [{"name": "ingest", "seconds": 1.5}, {"name": "detect", "seconds": 2.0}],
        "detectors": [{"detector": "spam.duplicate_posts", "seconds": 2.0, "findings": 1234}],
        "skipped_detectors": [{"detector": "spam.link_only", "reason": "input lacks posts.urls"}],
    }
    text = bench.markdown(_results(run_step))
    assert "| 250,000 |" in text  # 1,000,000 events in 4 s
    assert "| world | ingest | detect |" in text
    assert "| 1m | 1.5 | 2.0 |" in text
    assert "| 1m | spam.duplicate_posts | 2.0 | 1,234 |" in text
    assert "Skipped on 1m: spam.link_only (input lacks posts.urls)." in text
