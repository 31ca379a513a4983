"""``lockstep report``: the transparency report of a month or a date range, from the ledger.

Bad options (a malformed month, ``--from`` after ``--to``, a ledger that does not exist) stop
the command with exit code 2 and one line on stderr before anything is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from lockstep.errors import BadInputError


def report(
    ledger: Annotated[
        str,
        typer.Option("--ledger", help="Ledger: SQLite path or SQLAlchemy URL (postgresql://...)."),
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder for the report files.")],
    month: Annotated[
        str | None, typer.Option("--month", help="Calendar month to report, YYYY-MM.")
    ] = None,
    first: Annotated[
        str | None, typer.Option("--from", help="First day to report, YYYY-MM-DD.")
    ] = None,
    last: Annotated[
        str | None, typer.Option("--to", help="Last day to report (included), YYYY-MM-DD.")
    ] = None,
) -> None:
    """Transparency report: disrupted networks (seed 002), enforcement statistics, Code of
    Practice metrics; as HTML, Markdown, CSV and JSON in OUT."""
    from lockstep.cli import err_console, out_console
    from lockstep.cli.progress import RichProgress
    from lockstep.ledger.store import Ledger
    from lockstep.report.period import choose_period
    from lockstep.report.render import num, render_all, write_files
    from lockstep.report.transparency import from_ledger

    period = choose_period(month, first, last)
    if out.exists() and not out.is_dir():
        raise BadInputError("the report goes into a folder, and this is a file", out)
    with (
        RichProgress(err_console) as progress,
        progress.stage("report"),
        Ledger(ledger, create=False) as led,
    ):
        result = from_ledger(led, period)
        files = render_all(result)
    written = write_files(out, files)
    table = Table(title=f"Transparency report: {period.title}", title_justify="left")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for name, figure in result.figures().items():
        table.add_row(name, num(figure.value))
    console = out_console()
    console.print(table)
    console.print(
        f"{len(written)} files written to {out}: " + ", ".join(p.name for p in written),
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    """Add ``lockstep report`` to the main app."""
    app.command("report")(report)
