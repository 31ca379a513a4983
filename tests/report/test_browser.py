"""The HTML reports in a real browser: Debian's headless Chromium renders the page offline,
its DOM holds the disclosure table cell by cell, and a screenshot shows the table painted.

Chromium comes from ``make browser``. Without it the tests skip, unless
``LOCKSTEP_REQUIRE_BROWSER=1`` (CI), where they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lockstep.report.document import HEADER_RGB
from tests.clirun import cli
from tests.report.png import decode
from tests.report.scenario import Small, Synthetic

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
WIDTH, HEIGHT = 1280, 1400


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if found is None:
        if os.environ.get("LOCKSTEP_REQUIRE_BROWSER") == "1":
            pytest.fail("LOCKSTEP_REQUIRE_BROWSER=1 but no chromium on PATH; run `make browser`")
        pytest.skip("headless Chromium is not installed (`make browser` installs it)")
    return found


def browse(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """One headless Chromium, a fresh profile, no network services."""
    done = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


class Tables(HTMLParser):
    """Every table's cells, by the table's id (``#n`` for tables without one)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.svg_rects = 0
        self._table: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._table = dict(attrs).get("id") or f"#{len(self.tables)}"
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append([])
        elif tag in {"td", "th"}:
            self._cell = []
        elif tag == "rect":
            self.svg_rects += 1

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append("".join(self._cell))
            self._cell = None
        elif tag == "table":
            self._table = None


def test_the_transparency_report_renders_in_chromium(
    chromium: str,
    small: Small,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "report"
    args = ["report", "--month", "2024-12", "--ledger", small.url, "--out", str(out)]
    assert cli(args, capsys, monkeypatch)[0] == 0
    page = (out / "report.html").resolve().as_uri()
    expected = json.loads((out / "report.json").read_text())["covert_influence_operations"]

    dom = browse(chromium, tmp_path / "profile-dom", "--dump-dom", page).stdout
    parsed = Tables()
    parsed.feed(dom)
    header, *rows = parsed.tables["disclosure"]
    assert header == [
        "Detection source",
        "Accounts in network",
        "Followers of network",
        "Description",
    ]
    assert rows == [
        [
            n["detection_source"].capitalize(),
            f"{n['accounts_in_network']['value']:,}",
            f"{n['followers_of_network']['value']:,}",
            n["description"],
        ]
        for n in expected
    ]
    assert rows[0][1:3] == ["27,217", "70,892"]
    assert parsed.svg_rects > 5  # the inline charts are in the rendered page
    assert next(iter(parsed.tables)) == "disclosure"  # the first table on the page

    shot = tmp_path / "shot.png"
    browse(
        chromium,
        tmp_path / "profile-shot",
        f"--screenshot={shot}",
        f"--window-size={WIDTH},{HEIGHT}",
        "--hide-scrollbars",
        page,
    )
    image = decode(shot.read_bytes())
    assert (image.width, image.height) == (WIDTH, HEIGHT)
    assert len(image.colours()) > 50  # text, charts and tables, not a blank page
    # header colour across most of the page width: the headings' rules (2 px) and the tables'
    # header rows; the first tall band is the disclosure table's, the first table on the page
    runs: list[list[int]] = []
    for y in range(image.height):
        if image.count(y, HEADER_RGB) > WIDTH // 2:
            if runs and runs[-1][-1] == y - 1:
                runs[-1].append(y)
            else:
                runs.append([y])
    tall = [r for r in runs if len(r) >= 20]
    assert tall, "no table header painted in the screenshot"
    top = tall[0]
    assert any(len(r) <= 3 for r in runs if r[-1] < top[0])  # the section heading's rule
    # below the header, the table's first row: dark text on white
    below = range(top[-1] + 5, top[-1] + 60)
    assert any(image.pixel(x, y)[0] < 100 for y in below for x in range(60, WIDTH // 3))


def test_the_run_report_renders_in_chromium(
    chromium: str, synthetic: Synthetic, tmp_path: Path
) -> None:
    page = (synthetic.out / "report.html").resolve().as_uri()
    dom = browse(chromium, tmp_path / "profile", "--dump-dom", page).stdout
    parsed = Tables()
    parsed.feed(dom)
    assert "<h2>Enforcement</h2>" in dom and parsed.svg_rects > 0
    by_action = next(t for t in parsed.tables.values() if t[0][0] == "action")
    assert by_action[0] == ["action", "decisions", "accounts", "automated", "awaiting review"]
    decisions = (synthetic.out / "decisions.jsonl").read_text().splitlines()
    assert sum(int(row[1].replace(",", "")) for row in by_action[1:]) == len(decisions)
