"""Errors the command line turns into exit codes (2: bad input or usage)."""

from __future__ import annotations

from pathlib import Path


class BadInputError(Exception):
    """Input a person must fix: exit code 2 with one line naming the file and the problem."""

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        self.path = str(path) if path is not None else None
        super().__init__(f"{self.path}: {message}" if self.path else message)
