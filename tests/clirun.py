"""Running ``lockstep`` in-process the way a person runs it, for tests of any area."""

from __future__ import annotations

import sys

import pytest

from lockstep.cli import main


def cli(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    """Run ``lockstep ARGS`` at a fixed terminal width; return exit code, stdout, stderr."""
    monkeypatch.setattr(sys, "argv", ["lockstep", *args])
    monkeypatch.setenv("COLUMNS", "100")
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
