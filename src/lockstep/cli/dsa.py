"""``lockstep dsa export|submit``: EU DSA statements of reasons from the ledger."""

from __future__ import annotations

import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Annotated

import typer

from lockstep.errors import BadInputError

app = typer.Typer(
    help="EU DSA statements of reasons (Transparency Database API format).", no_args_is_help=True
)

LedgerOpt = Annotated[
    str, typer.Option("--ledger", help="Ledger: SQLite path or SQLAlchemy URL (postgresql://...).")
]
TerritoryOpt = Annotated[
    str | None,
    typer.Option("--territory", help="Member states the decisions apply in (AT,DE,...); EEA."),
]
SinceOpt = Annotated[
    str | None, typer.Option("--since", help="Only decisions from this date (YYYY-MM-DD).")
]


def _since(value: str | None) -> datetime | None:
    from datetime import UTC

    if value is None:
        return None
    try:
        return datetime.combine(date.fromisoformat(value), time(), tzinfo=UTC)
    except ValueError as exc:
        raise BadInputError(f"--since wants a date YYYY-MM-DD, not {value!r}") from exc


@app.command()
def export(
    ledger: LedgerOpt,
    out: Annotated[Path, typer.Option("--out", help="Folder for the batch files.")],
    territory: TerritoryOpt = None,
    since: SinceOpt = None,
) -> None:
    """Write one statement per decision that took effect, in batches of at most 100."""
    from lockstep.cli import out_console
    from lockstep.ledger.state import LedgerState
    from lockstep.ledger.store import Ledger
    from lockstep.report.dsa import owed, parse_territory, write_batches

    scope, start = parse_territory(territory), _since(since)
    with Ledger(ledger) as led:
        state = LedgerState.fold(led.events())
    statements = owed(state, scope, start)
    paths = write_batches(statements, out)
    out_console().print(
        f"{len(statements.records)} statements of reasons in {len(paths)} batch files "
        f"written to {out}",
        soft_wrap=True,
    )


@app.command()
def submit(
    ledger: LedgerOpt,
    endpoint: Annotated[
        str, typer.Option("--endpoint", help="The statements URL (…/api/v1/statements).")
    ],
    token: Annotated[
        str,
        typer.Option(
            "--token",
            envvar="LOCKSTEP_DSA_TOKEN",
            help="API token (or LOCKSTEP_DSA_TOKEN); never printed or logged.",
            show_default=False,
        ),
    ] = "",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be sent; send and record nothing.")
    ] = False,
    retries: Annotated[int, typer.Option("--retries", min=0, help="Retries per batch.")] = 4,
    territory: TerritoryOpt = None,
    since: SinceOpt = None,
) -> None:
    """Send the statements the database has not accepted yet; record what it accepts."""
    from lockstep.cli import out_console
    from lockstep.ledger.state import LedgerState
    from lockstep.ledger.store import Ledger, now_utc
    from lockstep.report.dsa import owed, parse_territory
    from lockstep.report.dsa_submit import SubmitError, accepted_puids
    from lockstep.report.dsa_submit import submit as send

    scope, start = parse_territory(territory), _since(since)
    console = out_console()
    with Ledger(ledger) as led:
        state = LedgerState.fold(led.events())
        statements = owed(state, scope, start, exclude=accepted_puids(led))
        batches = statements.batches()
        if dry_run:
            console.print(
                f"dry run: would send {len(statements.records)} new statements in "
                f"{len(batches)} batches to {endpoint}; nothing sent or recorded",
                soft_wrap=True,
            )
            return
        try:
            outcome = send(batches, endpoint, token, led, retries=retries, now=now_utc)
        except SubmitError as exc:
            sys.stderr.write(f"error: {exc}; statements accepted so far are recorded\n")
            raise typer.Exit(1) from exc
    console.print(
        f"sent {outcome.sent} statements in {outcome.batches} batches "
        f"({outcome.retries} retries): {len(outcome.accepted)} accepted and recorded, "
        f"{len(outcome.rejected)} rejected, {outcome.held_back} held back with them",
        soft_wrap=True,
    )
    if outcome.rejected:
        first = next(iter(sorted(outcome.rejected.items())))
        raise BadInputError(
            f"the database rejected {len(outcome.rejected)} statements, e.g. {first[0]}: {first[1]}"
        )
