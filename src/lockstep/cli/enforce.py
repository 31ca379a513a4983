"""Commands over the enforcement ledger: policy, decisions, appeals, challenges, keep-one,
user reports and backtests. Every one takes ``--ledger`` (a SQLite path or a SQLAlchemy URL);
errors follow the CLI's convention (exit 2 with one line on stderr, nothing changed)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

LedgerOpt = Annotated[
    str, typer.Option("--ledger", help="Ledger: SQLite path or SQLAlchemy URL (postgresql://...).")
]
PolicyOpt = Annotated[
    Path | None, typer.Option("--policy", help="TOML file overriding the policy catalogue.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
AnalystOpt = Annotated[str, typer.Option("--analyst", help="Who decides (recorded).")]


def _print(*objects: Any, **kw: Any) -> None:
    """Print through a console made now, so output follows the current terminal width."""
    from lockstep.cli import out_console

    out_console().print(*objects, **kw)


policy_app = typer.Typer(help="The policy catalogue.", no_args_is_help=True)
decisions_app = typer.Typer(help="Enforcement decisions in the ledger.", no_args_is_help=True)
appeal_app = typer.Typer(help="Appeals against decisions.", no_args_is_help=True)
challenge_app = typer.Typer(help="Anti-spam challenges.", no_args_is_help=True)
keep_one_app = typer.Typer(help="Keep-one-account choices.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the enforcement commands to the main ``lockstep`` app."""
    app.add_typer(policy_app, name="policy")
    app.add_typer(decisions_app, name="decisions")
    app.add_typer(appeal_app, name="appeal")
    app.add_typer(challenge_app, name="challenge")
    app.add_typer(keep_one_app, name="keep-one")
    app.command("report-abuse")(report_abuse)
    app.command("backtest")(backtest)


def _json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def _ledger(url: str) -> Any:
    from lockstep.ledger.store import Ledger

    return Ledger(url)


# -- policy ---------------------------------------------------------------------------------


@policy_app.command("show")
def policy_show(policy: PolicyOpt = None, as_json: JsonOpt = False) -> None:
    """Show the effective catalogue: each behaviour's seed clause, severity and ladder."""
    from lockstep.enforce.policy import load_policy

    p = load_policy(policy)
    if as_json:
        _json(p.to_dict())
        return
    _print(f"Policy catalogue {p.version} ({p.source}, digest {p.digest})", soft_wrap=True)
    table = Table(title="Behaviours", title_justify="left")
    table.add_column("behaviour", no_wrap=True)
    for col in ("severity", "first offense", "repeat offense"):
        table.add_column(col)
    for code, r in sorted(p.rules.items()):
        first = " + ".join(r.first) or "-"
        if r.challenge:
            first += f" (or {r.challenge} challenge)"
        if r.url_action:
            first = f"{r.url_action}; accounts: {first}"
        table.add_row(code, r.severity, first, " + ".join(r.repeat) or "-")
    _print(table)
    _print("Seed clauses")
    for code, r in sorted(p.rules.items()):
        _print(f"  {code}: {r.citation}", soft_wrap=True)
    settings = Table(title="Settings", title_justify="left")
    settings.add_column("setting")
    settings.add_column("value")
    for key, value in p.to_dict()["settings"].items():
        shown = ", ".join(value) if isinstance(value, tuple | list) else str(value)
        settings.add_row(key, shown)
    _print(settings)
    _print("Not violations (exclusions)")
    for e in p.exclusions:
        checked = f"; enforcement checks {e.check}" if e.check else ""
        _print(
            f"  {e.id} ({' '.join(e.behaviours)}{checked}): seed {e.seed}: “{e.clause}”",
            soft_wrap=True,
        )


# -- decisions ------------------------------------------------------------------------------


@decisions_app.command("list")
def decisions_list(
    ledger: LedgerOpt,
    account: Annotated[str | None, typer.Option("--account", help="Only this account.")] = None,
    action: Annotated[str | None, typer.Option("--action", help="Only this action.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List decisions, newest first, with their current status."""
    from lockstep.ledger.state import LedgerState
    from lockstep.ledger.store import now_utc

    with _ledger(ledger) as led:
        state = LedgerState.fold(led.events())
    now = now_utc()
    rows = [
        ds
        for ds in state.decisions.values()
        if (account is None or account in ds.decision.account_ids)
        and (action is None or ds.decision.action == action)
    ]
    rows.sort(key=lambda ds: (ds.decision.created_at, ds.decision.decision_id), reverse=True)
    if as_json:
        _json([ds.decision.to_record(applied=ds.applied, status=ds.status(now)) for ds in rows])
        return
    table = Table(title=f"Decisions ({len(rows)})", title_justify="left")
    for col in ("decision", "subject", "action", "behaviour", "status", "automated", "created"):
        table.add_column(col)
    for ds in rows:
        d = ds.decision
        table.add_row(
            d.decision_id,
            d.subject,
            d.action,
            d.behaviour,
            ds.status(now),
            "yes" if d.automated else "no",
            d.created_at.isoformat(timespec="minutes"),
        )
    _print(table)


@decisions_app.command("show")
def decisions_show(
    decision_id: Annotated[str, typer.Argument(help="Decision id (d_...).")],
    ledger: LedgerOpt,
    as_json: JsonOpt = False,
) -> None:
    """One decision: subject, action, rule, evidence, reason, status, appeal."""
    from lockstep.errors import BadInputError
    from lockstep.ledger.state import LedgerState
    from lockstep.ledger.store import now_utc

    with _ledger(ledger) as led:
        state = LedgerState.fold(led.events())
    if decision_id not in state.decisions:
        raise BadInputError(f"unknown decision {decision_id!r}")
    ds = state.decisions[decision_id]
    d, now = ds.decision, now_utc()
    record = d.to_record(applied=ds.applied, status=ds.status(now))
    appeal = state.appeals.get(ds.appeal_id or "")
    record["confirmed_by"] = ds.confirmed_by
    record["reversal"] = ds.reversal
    record["appeal"] = None
    if appeal is not None:
        record["appeal"] = {
            "appeal_id": appeal.appeal_id,
            "account_id": appeal.account_id,
            "filed_at": appeal.filed_at.isoformat(timespec="seconds"),
            "outcome": appeal.outcome,
            "reason": appeal.reason,
            "hours_to_decision": appeal.hours_to_decision,
        }
    if d.action == "keep_one_account":
        record["keeper"] = ds.keeper(now)
    if as_json:
        _json(record)
        return
    for key in (
        "decision_id",
        "subject",
        "action",
        "behaviour",
        "policy",
        "status",
        "automated",
        "created_at",
        "expires_at",
        "strike",
    ):
        _print(f"{key}: {record[key]}", soft_wrap=True)
    _print(f"accounts: {', '.join(d.account_ids) or '-'}", soft_wrap=True)
    _print(f"reason: {d.reason}", soft_wrap=True)
    _print(f"evidence: {d.evidence.get('summary', '')}", soft_wrap=True)
    _print(f"findings: {', '.join(d.evidence.get('finding_ids', [])) or '-'}", soft_wrap=True)
    if ds.reversal:
        _print(f"reversed: {ds.reversal['reason']}", soft_wrap=True)
    if appeal is not None:
        _print(f"appeal: {appeal.appeal_id} {appeal.outcome or 'open'}", soft_wrap=True)


@decisions_app.command("confirm")
def decisions_confirm(
    decision_id: Annotated[str, typer.Argument(help="Decision id waiting for review.")],
    ledger: LedgerOpt,
    analyst: AnalystOpt,
) -> None:
    """Confirm a decision that waits for an analyst; it then applies."""
    from lockstep.enforce.actions import confirm

    with _ledger(ledger) as led:
        confirm(led, decision_id, analyst)
    _print(f"confirmed {decision_id}")


# -- appeals --------------------------------------------------------------------------------


@appeal_app.command("file")
def appeal_file(
    decision_id: Annotated[str, typer.Argument(help="The decision appealed against.")],
    ledger: LedgerOpt,
    account: Annotated[str, typer.Option("--account", help="The affected account appealing.")],
    text: Annotated[str, typer.Option("--text", help="What the account says.")] = "",
) -> None:
    """The affected account files an appeal (one per decision)."""
    from lockstep.enforce.actions import file_appeal

    with _ledger(ledger) as led:
        appeal_id = file_appeal(led, decision_id, account, text)
    _print(appeal_id)


@appeal_app.command("decide")
def appeal_decide(
    appeal_id: Annotated[str, typer.Argument(help="The appeal (a_...).")],
    ledger: LedgerOpt,
    outcome: Annotated[str, typer.Option("--outcome", help="uphold, overturn or modify.")],
    reason: Annotated[str, typer.Option("--reason", help="Why (shown to the account).")],
    analyst: AnalystOpt,
    action: Annotated[
        str | None, typer.Option("--action", help="modify: the replacement action.")
    ] = None,
) -> None:
    """An analyst decides an appeal: overturn reverses the action and removes the strike."""
    from lockstep.enforce.actions import decide_appeal

    with _ledger(ledger) as led:
        replacement = decide_appeal(led, appeal_id, outcome, reason, analyst, action)
    suffix = f" (replacement decision {replacement.decision_id})" if replacement else ""
    _print(f"{appeal_id}: {outcome}{suffix}")


@appeal_app.command("list")
def appeal_list(ledger: LedgerOpt, as_json: JsonOpt = False) -> None:
    """Appeals with their outcome and time to decision."""
    from lockstep.ledger.state import LedgerState

    with _ledger(ledger) as led:
        state = LedgerState.fold(led.events())
    appeals = sorted(state.appeals.values(), key=lambda a: a.filed_at)
    rows = [
        {
            "appeal_id": a.appeal_id,
            "decision_id": a.decision_id,
            "account_id": a.account_id,
            "filed_at": a.filed_at.isoformat(timespec="seconds"),
            "outcome": a.outcome or "open",
            "hours_to_decision": a.hours_to_decision,
        }
        for a in appeals
    ]
    if as_json:
        _json(rows)
        return
    table = Table(title=f"Appeals ({len(rows)})", title_justify="left")
    for col in (
        "appeal_id",
        "decision_id",
        "account_id",
        "filed_at",
        "outcome",
        "hours_to_decision",
    ):
        table.add_column(col)
    for r in rows:
        table.add_row(*(str(r[c]) for c in r))
    _print(table)


# -- challenges and keep-one -------------------------------------------------------------------


@challenge_app.command("outcome")
def challenge_outcome(
    decision_id: Annotated[str, typer.Argument(help="The challenge decision.")],
    result: Annotated[str, typer.Argument(help="passed, failed or expired.")],
    ledger: LedgerOpt,
    policy: PolicyOpt = None,
) -> None:
    """Record a challenge's outcome; failed or expired locks the account with a strike."""
    from lockstep.enforce.actions import challenge_outcome as record
    from lockstep.enforce.policy import load_policy

    with _ledger(ledger) as led:
        lock = record(led, load_policy(policy), decision_id, result)
    _print(f"{decision_id}: {result}" + (f" → {lock.decision_id} temporary_lock" if lock else ""))


@keep_one_app.command("choose")
def keep_one_choose(
    decision_id: Annotated[str, typer.Argument(help="The keep-one-account decision.")],
    account: Annotated[str, typer.Argument(help="The account to keep.")],
    ledger: LedgerOpt,
) -> None:
    """The operator names the account to keep; the others are suspended."""
    from lockstep.enforce.actions import choose_keep

    with _ledger(ledger) as led:
        choose_keep(led, decision_id, account)
    _print(f"{decision_id}: keeping {account}")


# -- reports and backtests -------------------------------------------------------------------


def report_abuse(
    ledger: LedgerOpt,
    reporter: Annotated[str, typer.Option("--reporter", help="The reporting account.")],
    target: Annotated[str, typer.Option("--target", help="The reported account, post or URL.")],
    target_type: Annotated[
        str, typer.Option("--target-type", help="account, post or url.")
    ] = "account",
    reason: Annotated[str, typer.Option("--reason", help="Reason picked by the user.")] = "spam",
    text: Annotated[str, typer.Option("--text", help="Free text.")] = "",
) -> None:
    """Record a user report; it is linked to findings and weighed by the reporter's record."""
    from lockstep.enforce.actions import report_abuse as record

    with _ledger(ledger) as led:
        report_id = record(led, reporter, target_type, target, reason, text)
    _print(report_id)


def backtest(
    ledger: LedgerOpt,
    policy: PolicyOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Replay the ledger's offenses under a (changed) policy: how many decisions would change."""
    from lockstep.enforce.backtest import backtest as run_backtest
    from lockstep.enforce.policy import load_policy

    with _ledger(ledger) as led:
        result = run_backtest(led, load_policy(policy))
    if as_json:
        _json(result.to_dict())
        return
    _print(
        f"Replayed {result.offenses} offenses from {result.runs} runs under policy "
        f"{result.policy_version}: {result.before} decisions before, {result.after} after; "
        f"{result.changed} would change ({result.removed} dropped, {result.added} new), "
        f"{result.offenses_changed} offenses enforced differently.",
        soft_wrap=True,
    )
    if result.transitions:
        table = Table(title="Changes", title_justify="left")
        table.add_column("before → after")
        table.add_column("offenses", justify="right")
        for label, n in result.transitions.items():
            table.add_row(label, str(n))
        _print(table)
