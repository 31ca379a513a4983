"""The pipeline's enforcement stage: read the facts it needs from the lake, decide, record,
and write ``decisions.jsonl``."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from lockstep.enforce.engine import EnforcementResult, enforce
from lockstep.enforce.model import AccountFacts, load_networks
from lockstep.enforce.offenses import build_offenses, offense_accounts
from lockstep.enforce.policy import Policy, load_policy
from lockstep.fingerprint import ledger as fingerprints
from lockstep.lake import Lake
from lockstep.ledger.store import Ledger


def account_facts(lake: Lake, wanted: set[str]) -> AccountFacts:
    """Known account ids, and for the accounts offenses name: bot label, prior suspension,
    creation time and declared country (reports count actions per EU member state). Filters
    run in the engine; only the few named accounts come back."""
    accounts = lake.table("accounts")
    known = frozenset(str(a) for a in accounts.select("account_id").to_pyarrow()[0].to_pylist())
    if not wanted:
        return AccountFacts(known=known)
    present = [
        c
        for c in ("declared_automated", "suspended_at", "created_at", "country")
        if not lake.missing_columns("accounts", [c])
    ]
    if not present:
        return AccountFacts(known=known)
    named = accounts.filter(accounts.account_id.isin(sorted(wanted)))
    rows = named.select("account_id", *present).to_pyarrow().to_pylist()
    return AccountFacts(
        known=known,
        declared_automated=frozenset(r["account_id"] for r in rows if r.get("declared_automated")),
        suspended_before=frozenset(
            r["account_id"] for r in rows if r.get("suspended_at") is not None
        ),
        created={r["account_id"]: r["created_at"] for r in rows if r.get("created_at")},
        countries={
            r["account_id"]: str(r["country"]).strip().upper()
            for r in rows
            if r.get("country") and str(r["country"]).strip()
        },
    )


def lake_reports(lake: Lake) -> list[dict[str, Any]]:
    if not lake.has("reports") or lake.rows("reports") == 0:
        return []
    t = lake.table("reports")
    cols = [
        c
        for c in (
            "report_id",
            "reporter_id",
            "target_type",
            "target_id",
            "created_at",
            "reason",
            "text",
        )
        if c in t.columns
    ]
    return [dict(r) for r in t.select(*cols).to_pyarrow().to_pylist()]


def enforcement_stage(
    lake: Lake,
    findings: pa.Table,
    out: Path,
    ledger_url: str | None,
    policy: Policy | None = None,
    shadow: bool = False,
    now: datetime | None = None,
) -> EnforcementResult:
    """Decide on the run's findings (and ``networks.jsonl`` when the run wrote one)."""
    policy = policy or load_policy()
    networks = load_networks(out / "networks.jsonl")
    offenses = build_offenses(findings, networks, policy, AccountFacts())
    facts = account_facts(lake, offense_accounts(offenses))
    with Ledger(ledger_url or out / "ledger.sqlite") as ledger:
        result = enforce(
            ledger, findings, networks, facts, policy, lake_reports(lake), now=now, shadow=shadow
        )
        if not shadow:  # only this run has the lake the takedowns were decided on
            result.fingerprinted = fingerprints.record(
                ledger,
                lake,
                result.networks,
                [*result.decisions, *result.earlier],
                result.state,
                result.now,
            )
    with (out / "decisions.jsonl").open("w", encoding="utf-8") as fh:
        for record in result.records():
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return result
