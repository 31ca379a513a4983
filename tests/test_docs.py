"""The documentation that is generated from code stays equal to the code."""

from __future__ import annotations

from lockstep.detect.docs import render
from lockstep.detect.registry import available
from tests.conftest import REPO


def test_detectors_page_matches_the_registered_detectors(golden) -> None:  # type: ignore[no-untyped-def]
    golden(REPO / "docs" / "detectors.md", render(available()))


def test_readme_shows_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
