"""Rich progress bars for the pipeline's stages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from lockstep.progress import Task


class _RichTask:
    def __init__(self, progress: Progress, task_id: TaskID) -> None:
        self._progress = progress
        self._id = task_id

    def advance(self, n: int = 1) -> None:
        self._progress.advance(self._id, n)


class RichProgress:
    """One bar per stage on stderr; stages without a known total show a spinner.

    Shown only when stderr is a terminal.
    """

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description:<12}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
            # bars are for people at a terminal; nightly jobs and pipes get clean logs
            disable=not console.is_terminal,
        )

    def __enter__(self) -> RichProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Task]:
        task_id = self._progress.add_task(name, total=total)
        try:
            yield _RichTask(self._progress, task_id)
        finally:
            if total is None:
                self._progress.update(task_id, total=1, completed=1)
            else:
                self._progress.update(task_id, completed=total)
