"""Progress reporting that the pipeline uses without knowing about the terminal.

The command line plugs in Rich progress bars; tests and library callers get silence.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol


class Task(Protocol):
    """One running stage; ``advance`` moves its bar."""

    def advance(self, n: int = 1) -> None: ...


class Progress(Protocol):
    """Something that can show a stage running, with a total when it is known."""

    def stage(self, name: str, total: int | None = None) -> AbstractContextManager[Task]: ...


class _NullTask:
    def advance(self, n: int = 1) -> None:
        return None


class NullProgress:
    """Reports nothing."""

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Task]:
        yield _NullTask()
