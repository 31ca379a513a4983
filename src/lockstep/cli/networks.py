"""``lockstep networks list|show ID (--run OUT | --ledger URL)``: the networks of a run, or
the networks a ledger recorded offenses for, with the decisions taken on them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from lockstep.errors import BadInputError

app = typer.Typer(help="List networks of a run, or show one with its evidence and tactics.")

RunOption = Annotated[
    Path | None, typer.Option("--run", help="A run's output folder (with networks.jsonl).")
]
LedgerOption = Annotated[
    str | None, typer.Option("--ledger", help="Ledger: SQLite path or SQLAlchemy URL.")
]


def _load(run: Path | None, ledger: str | None) -> list[dict[str, Any]]:
    from lockstep.networks.records import ledger_networks, read_networks

    if (run is None) == (ledger is None):
        raise BadInputError("give one of --run OUT (a run's output folder) or --ledger URL")
    if ledger is not None:
        return ledger_networks(ledger)
    return read_networks(run)  # type: ignore[arg-type]


def _console() -> Console:
    from lockstep.cli import out_console

    return out_console()


@app.command("list")
def list_(run: RunOption = None, ledger: LedgerOption = None) -> None:
    """One line per network: id, size, followers, score, behaviours, tactics."""
    rows = _load(run, ledger)
    table = Table(title=f"Networks ({len(rows)})", title_justify="left")
    for col in ("network", "accounts", "followers", "score", "tactics"):
        table.add_column(
            col, justify="right" if col in ("accounts", "followers", "score") else "left"
        )
    for r in rows:
        table.add_row(
            r["network_id"],
            str(r["size"]),
            f"{r['followers']:,}",
            f"{r['score']:.2f}",
            " ".join(t["id"] for t in r["tactics"]) or "—",
        )
    if not rows:
        table.add_row("(none)", "", "", "", "")
    _console().print(table)


@app.command()
def show(
    network_id: Annotated[str, typer.Argument(help="The network id (net-...).")],
    run: RunOption = None,
    ledger: LedgerOption = None,
) -> None:
    """A network's description, tactics with observables, evidence and members."""
    rows = _load(run, ledger)
    match = [r for r in rows if r["network_id"] == network_id]
    if not match:
        raise BadInputError(f"no network {network_id!r} in this {'ledger' if ledger else 'run'}")
    n = match[0]
    console = _console()
    console.print(f"[bold]Network {n['network_id']}[/bold]", soft_wrap=True)
    console.print(
        f"{n['size']} accounts · {n['followers']:,} followers · score {n['score']:.2f} · "
        f"{n['detection_source']} · seen {n['first_seen']} to {n['last_seen']}",
        soft_wrap=True,
    )
    console.print("Behaviours: " + (", ".join(n["behaviours"]) or "none"), soft_wrap=True)
    console.print()
    console.print(n["description"], soft_wrap=True)
    tactics = Table(title="Tactics", title_justify="left")
    for col in ("DISARM", "technique", "observable"):
        tactics.add_column(col, overflow="fold")
    for t in n["tactics"]:
        tactics.add_row(t["id"], t["name"], t["observable"] or "(not kept in the ledger)")
    if not n["tactics"]:
        tactics.add_row("—", "(none observed)", "")
    console.print(tactics)
    evidence = n["evidence"]
    if "decisions" in n:  # from the ledger: what was decided, not the pair evidence
        decided = Table(title="Decisions", title_justify="left")
        for col in ("decision", "action", "status"):
            decided.add_column(col)
        for d in n["decisions"]:
            decided.add_row(d["decision_id"], d["action"], d["status"])
        if not n["decisions"]:
            decided.add_row("—", "(none)", "")
        console.print("Evidence: " + str(evidence["summary"]), soft_wrap=True)
        console.print(decided)
        console.print("Members: " + " ".join(n["account_ids"]), soft_wrap=True)
        return
    signals = Table(title="Evidence: " + str(evidence["summary"]), title_justify="left")
    for col in ("signal", "pairs", "weight", "edges or findings"):
        signals.add_column(col, overflow="fold")
    for name, s in evidence.get("signals", {}).items():
        refs = s.get("edges") or s.get("findings") or []
        signals.add_row(name, str(s["pairs"]), f"{s['weight']:g}", " ".join(refs[:3]))
    console.print(signals)
    console.print("Members: " + " ".join(n["account_ids"]), soft_wrap=True)
    console.print(
        "Profile: " + json.dumps(evidence.get("profile", {}), sort_keys=True, ensure_ascii=False),
        soft_wrap=True,
    )
