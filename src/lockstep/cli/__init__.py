"""The ``lockstep`` command line (DESIGN §5a).

Exit codes everywhere: 0 ok, 1 internal error, 2 bad input or usage — each failure with
one line on stderr. Set ``LOCKSTEP_DEBUG=1`` to see the traceback of an internal error.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from lockstep import __version__
from lockstep.cli.enforce import register as register_enforcement
from lockstep.cli.progress import RichProgress
from lockstep.cli.report import register as register_report
from lockstep.config import Config
from lockstep.errors import BadInputError

app = typer.Typer(
    name="lockstep",
    help=(
        "Find and stop platform manipulation: spam, artificial engagement and coordinated "
        "inauthentic behaviour.\n\nStart with `lockstep demo`, then point `lockstep run` at "
        "a folder of accounts/posts/engagements tables (see docs/data-contract.md)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def out_console() -> Console:
    """A console made now, so output follows the terminal width at the time of printing."""
    return Console()


err_console = Console(stderr=True)


def _register_groups() -> None:
    from lockstep.cli.dsa import app as dsa_app
    from lockstep.cli.networks import app as networks_app
    from lockstep.cli.share import app as share_app

    app.add_typer(networks_app, name="networks")
    app.add_typer(dsa_app, name="dsa")
    app.add_typer(share_app, name="share")


_register_groups()


@app.command()
def detectors() -> None:
    """List the registered detectors with their behaviours and parameters."""
    from lockstep.detect.registry import available

    table = Table(title="Detectors", title_justify="left")
    for col in ("detector", "version", "behaviours", "parameters"):
        table.add_column(col)
    for name, cls in available().items():
        params = ", ".join(f"{k}={v!r}" for k, v in cls().params().items())
        table.add_row(name, cls.version, " ".join(cls.behaviours), params)
    out_console().print(table)


def _version(value: bool) -> None:
    if value:
        out_console().print(f"lockstep {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Lockstep command line."""


ENGINES = ("duckdb", "pyspark")


@app.command()
def run(
    data: Annotated[Path, typer.Argument(help="Folder with accounts, posts, engagements, ...")],
    out: Annotated[Path, typer.Option("--out", help="Folder for findings, summary, report.")],
    config: Annotated[
        Path | None, typer.Option("--config", help="TOML file overriding detector settings.")
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="Execution engine: duckdb (default) or pyspark.")
    ] = "duckdb",
    ledger: Annotated[
        str | None,
        typer.Option("--ledger", help="Ledger: SQLite path or SQLAlchemy URL (default OUT)."),
    ] = None,
    policy: Annotated[
        Path | None, typer.Option("--policy", help="TOML file overriding the policy catalogue.")
    ] = None,
    shadow: Annotated[
        bool, typer.Option("--shadow", help="Decide without recording or applying anything.")
    ] = False,
    previous: Annotated[
        Path | None,
        typer.Option("--previous", help="An earlier run folder whose network ids carry over."),
    ] = None,
) -> None:
    """Ingest DATA, run every detector and write findings, summary and report to OUT."""
    from lockstep.pipeline import run as run_pipeline

    if engine not in ENGINES:
        raise BadInputError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if not data.is_dir():
        raise BadInputError("not a folder of input tables", data)
    from lockstep.enforce.policy import load_policy

    cfg = Config.load(config) if config else Config()
    catalogue = load_policy(policy)
    with RichProgress(err_console) as progress:
        result = run_pipeline(
            data,
            out,
            config=cfg,
            engine=engine,
            progress=progress,
            ledger=ledger,
            policy=catalogue,
            shadow=shadow,
            previous=previous,
        )
    _print_run(result.summary, out)


def _print_run(summary: dict[str, object], out: Path) -> None:
    inp = summary["input"]
    assert isinstance(inp, dict)
    table = Table(title="Input", title_justify="left")
    for col in ("table", "read", "accepted", "quarantined", "collapsed", "stubs"):
        table.add_column(col, justify="left" if col == "table" else "right")
    for name, t in inp["tables"].items():
        table.add_row(
            name,
            *(
                str(t[k])
                for k in (
                    "read",
                    "accepted",
                    "quarantined",
                    "duplicates_collapsed",
                    "stubs_created",
                )
            ),
        )
    out_console().print(table)
    found = summary["findings"]
    assert isinstance(found, dict)
    ftable = Table(title="Findings", title_justify="left")
    ftable.add_column("behaviour")
    ftable.add_column("findings", justify="right")
    for behaviour, n in found.items():
        ftable.add_row(behaviour, str(n))
    if not found:
        ftable.add_row("(none)", "0")
    out_console().print(ftable)
    detectors = summary["detectors"]
    assert isinstance(detectors, dict)
    decided = summary["decisions"]
    assert isinstance(decided, dict)
    made = ", ".join(f"{n} {a}" for a, n in decided["new"].items()) or "none new"
    shadow = " (shadow: nothing recorded)" if decided["shadow"] else ""
    out_console().print(
        f"Decisions{shadow}: {made}; {decided['seen_before']} seen before", soft_wrap=True
    )
    for skip in detectors["skipped"]:
        out_console().print(f"skipped {skip['detector']}: {skip['reason']}", soft_wrap=True)
    out_console().print(f"Report: {out / 'report.html'} · {out / 'report.md'}", soft_wrap=True)


@app.command()
def synth(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the dataset into.")],
    accounts: Annotated[int, typer.Option("--accounts", min=100, help="Accounts.")] = 5000,
    days: Annotated[int, typer.Option("--days", min=1, help="Days of activity.")] = 14,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same world).")] = 1,
    extra_organic: Annotated[
        float,
        typer.Option(
            "--extra-organic",
            help="Add this share more organic posts and engagements to the same world "
            "(0.1 = 10 %); planted campaigns stay identical. For stability checks.",
        ),
    ] = 0.0,
    shared_operation: Annotated[
        int | None,
        typer.Option(
            "--shared-operation",
            help="Also plant an influence operation made from this seed: worlds given the same "
            "one share its content (narratives, sites, links, videos), not its accounts.",
        ),
    ] = None,
    second_period: Annotated[
        Path | None,
        typer.Option(
            "--second-period",
            help="Also write the platform's next period here: disrupted influence networks "
            "return with new accounts (truth: coord.recidivism), beside organic look-alikes.",
        ),
    ] = None,
) -> None:
    """Write a synthetic platform with planted campaigns, plus truth.jsonl."""
    from lockstep.synth import synthesise

    with RichProgress(err_console) as progress:
        counts = synthesise(
            accounts=accounts,
            days=days,
            seed=seed,
            out=out,
            progress=progress,
            extra_organic=extra_organic,
            shared_operation=shared_operation,
            second_period=second_period,
        )
    written = ", ".join(f"{n} {name}" for name, n in counts.items())
    out_console().print(f"{written} written to {out}")
    if second_period is not None:
        out_console().print(f"second period written to {second_period}")


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="Folder for the demo world and run.")] = Path(
        "demo-out"
    ),
    accounts: Annotated[int, typer.Option("--accounts", min=100, help="Accounts.")] = 5000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 7,
) -> None:
    """Synthesise a platform with planted campaigns, run the pipeline on it, evaluate it."""
    from lockstep.evaluate import evaluate, render
    from lockstep.pipeline import run as run_pipeline
    from lockstep.synth import synthesise

    data, run_out = out / "data", out / "run"
    with RichProgress(err_console) as progress:
        synthesise(accounts=accounts, days=14, seed=seed, out=data, progress=progress)
        result = run_pipeline(data, run_out, progress=progress)
    _print_run(result.summary, run_out)
    out_console().print(render(evaluate(data, run_out)))
    out_console().print(
        f"Demo data: {data}  ·  run: {run_out}  ·  report: {run_out / 'report.html'}",
        soft_wrap=True,
    )


@app.command("eval")
def eval_(
    data: Annotated[Path, typer.Argument(help="A synthetic dataset (with truth.jsonl).")],
    out: Annotated[Path, typer.Argument(help="The run's output folder (with findings.jsonl).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Score a run against the dataset's truth: precision, recall and F1 per behaviour."""
    from lockstep.evaluate import evaluate, render

    result = evaluate(data, out)
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), indent=2, sort_keys=True) + "\n")
    else:
        out_console().print(render(result))


register_enforcement(app)
register_report(app)


def _fail(message: str, code: int) -> None:
    """One plain line on stderr (never wrapped, whatever the terminal width), then exit."""
    sys.stderr.write(message.replace("\n", " ") + "\n")
    sys.exit(code)


def main() -> None:
    """Entry point: map errors to exit codes with one line on stderr."""
    try:
        app(standalone_mode=False)
    except BadInputError as exc:
        _fail(f"error: {exc}", 2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.exceptions.TyperException as exc:  # usage errors, bad option values
        _fail(f"error: {exc.format_message()}", 2 if exc.exit_code == 2 else 1)
    except (typer.Abort, KeyboardInterrupt):
        _fail("aborted", 1)
    except Exception as exc:
        if os.environ.get("LOCKSTEP_DEBUG"):
            traceback.print_exc()
        _fail(f"internal error: {type(exc).__name__}: {exc} (set LOCKSTEP_DEBUG=1 for details)", 1)
