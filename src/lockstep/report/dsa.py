"""EU DSA statements of reasons: one per enforcement decision, in the Transparency Database
API format, validated against the project's own JSON Schema.

Article 24(5) DSA makes online platforms send every statement of reasons (Article 17) to the
Commission's Transparency Database. Everything here is derived from the ledger: a decision
that took effect (automated, or confirmed by an analyst) owes a statement; one still waiting
for review does not yet. A reversal does not edit a statement — the database keeps what was
decided — and an appeal that modifies a decision records a new decision, hence a new
statement with a new ``puid``. The ``puid`` is ``lockstep:<decision id>``: decision ids are
unique and never reused, so neither are puids, and the ledger records each one the database
accepted (``statement_submitted``), so a rerun never sends it again.

The schema (``data/dsa_statement.schema.json``) was written from the database's API
documentation: required fields, allowed values, and the conditional fields (a ground's
explanation, an "other" restriction's text). Every record is checked against it before it
is written or sent; a record that fails is a bug here, not bad input, and stops the export.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from lockstep.enforce.model import Decision, Offense, parse_time
from lockstep.errors import BadInputError
from lockstep.ledger.state import DecisionState, LedgerState

#: The multiple-statements endpoint takes at most this many statements per request.
BATCH = 100
#: The European Economic Area, the default territorial scope of a decision.
# fmt: off
EEA = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
)
# fmt: on
PUID_PREFIX = "lockstep:"

CIVIC = "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS"
TERMS = "STATEMENT_CATEGORY_OTHER_VIOLATION_TC"

#: action → the restriction fields it sets (end dates are added from the decision)
RESTRICTIONS: dict[str, dict[str, Any]] = {
    "remove_content": {"decision_visibility": ["DECISION_VISIBILITY_CONTENT_REMOVED"]},
    "url_denylist": {"decision_visibility": ["DECISION_VISIBILITY_CONTENT_DISABLED"]},
    "url_warning": {"decision_visibility": ["DECISION_VISIBILITY_CONTENT_LABELLED"]},
    "discount_engagement": {
        "decision_visibility": ["DECISION_VISIBILITY_OTHER"],
        "decision_visibility_other": (
            "Likes, follows and other engagement from inauthentic accounts were removed from "
            "the content's counts and from ranking"
        ),
    },
    "temporary_lock": {"decision_account": "DECISION_ACCOUNT_SUSPENDED"},
    "permanent_suspension": {"decision_account": "DECISION_ACCOUNT_TERMINATED"},
    "keep_one_account": {"decision_provision": "DECISION_PROVISION_PARTIAL_TERMINATION"},
    "challenge": {"decision_provision": "DECISION_PROVISION_PARTIAL_SUSPENSION"},
}
#: actions whose end date (``expires_at``) bounds the restriction, and the field it goes in
END_DATES = {
    "temporary_lock": "end_date_account_restriction",
    "challenge": "end_date_service_restriction",
}


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    text = resources.files("lockstep").joinpath("data/dsa_statement.schema.json").read_text()
    schema = json.loads(text)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def problems(record: Mapping[str, Any]) -> list[str]:
    """What makes ``record`` invalid against the schema, one line each (none: valid)."""
    errors = sorted(validator().iter_errors(record), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}" for e in errors]


def _category(behaviour: str) -> tuple[str, list[str]]:
    """The statement category and keywords of a behaviour code (DESIGN §4 families)."""
    if behaviour == "coord.network":
        return CIVIC, ["KEYWORD_COORDINATED_HARM", "KEYWORD_INAUTHENTIC_ACCOUNTS"]
    if behaviour.startswith("coord."):
        return CIVIC, ["KEYWORD_INAUTHENTIC_ACCOUNTS"]
    # spam and fake engagement break the terms of service
    return TERMS, ["KEYWORD_OTHER_SPAM"]


def _source(decision: Decision, offense: Offense | None) -> str:
    if offense is not None and "external" in offense.flags:
        return "SOURCE_TYPE_OTHER_NOTIFICATION"  # a peer platform's disclosure
    reports = decision.evidence.get("user_reports") or {}
    if isinstance(reports, Mapping) and int(reports.get("count") or 0) > 0:
        return "SOURCE_ARTICLE_16"  # users' notices counted towards the decision
    return "SOURCE_VOLUNTARY"


def _automation(ds: DecisionState) -> str:
    if ds.decision.automated:
        return "AUTOMATED_DECISION_FULLY"
    if ds.confirmed_by is not None and ds.confirmed_by != "lockstep":
        return "AUTOMATED_DECISION_PARTIALLY"  # proposed by the system, confirmed by a person
    return "AUTOMATED_DECISION_NOT_AUTOMATED"


def _content_date(decision: Decision, offense: Offense | None) -> date:
    """When the affected information was created: the earliest creation time of the
    accounts concerned where the ledger kept it, never after the decision."""
    applied = decision.created_at.date()
    created = (offense.facts.get("created") if offense is not None else None) or {}
    times = [parse_time(str(v)) for v in created.values() if v] if isinstance(created, dict) else []
    known = [t.date() for t in times if t is not None]
    return min([*known, applied])


def statement(
    ds: DecisionState, offense: Offense | None, territory: Sequence[str]
) -> dict[str, Any]:
    """The statement of reasons of one decision that took effect."""
    d = ds.decision
    if d.action not in RESTRICTIONS:
        raise ValueError(f"no DSA restriction for action {d.action!r}")
    category, keywords = _category(d.behaviour)
    record: dict[str, Any] = {
        "puid": PUID_PREFIX + d.decision_id,
        **RESTRICTIONS[d.action],
        "decision_ground": "DECISION_GROUND_INCOMPATIBLE_CONTENT",
        "incompatible_content_ground": f"{d.policy} ({d.behaviour})"[:500],
        "incompatible_content_explanation": d.reason[:2000],
        "incompatible_content_illegal": "No",
        "category": category,
        "category_specification": keywords,
        "content_type": ["CONTENT_TYPE_TEXT"]
        if d.subject_type in ("post", "url")
        else ["CONTENT_TYPE_OTHER"],
        "content_date": _content_date(d, offense).isoformat(),
        "application_date": d.created_at.date().isoformat(),
        "territorial_scope": sorted(territory),
        "decision_facts": d.reason[:5000],
        "source_type": _source(d, offense),
        "automated_detection": "Yes",
        "automated_decision": _automation(ds),
    }
    if record["content_type"] == ["CONTENT_TYPE_OTHER"]:
        record["content_type_other"] = (
            "a network of accounts and their activity"
            if d.subject_type == "network"
            else "an account and its activity"
        )
    end = END_DATES.get(d.action)
    if end and d.expires_at is not None:
        record[end] = d.expires_at.date().isoformat()
    return record


def took_effect(ds: DecisionState) -> bool:
    """Automated, or confirmed by an analyst — whether or not it was reversed since."""
    return ds.decision.automated or ds.confirmed_by is not None


@dataclass(frozen=True)
class Statements:
    """The statements a ledger owes, in a stable order (application date, decision id)."""

    records: tuple[dict[str, Any], ...]

    def batches(self) -> list[list[dict[str, Any]]]:
        return [list(self.records[i : i + BATCH]) for i in range(0, len(self.records), BATCH)]


def parse_territory(value: str | None) -> list[str]:
    """``AT,DE`` → the member states; None or empty → the whole EEA."""
    if not value:
        return list(EEA)
    codes = sorted({c.strip().upper() for c in value.split(",") if c.strip()})
    unknown = [c for c in codes if c not in EEA]
    if unknown:
        raise BadInputError(f"not EEA country codes: {', '.join(unknown)}")
    return codes


def owed(
    state: LedgerState,
    territory: Sequence[str],
    since: datetime | None = None,
    exclude: Iterable[str] = (),
) -> Statements:
    """Every statement the ledger's decisions owe (from ``since``), validated, minus the
    puids in ``exclude`` (already accepted by the database)."""
    skip = set(exclude)
    rows = []
    for ds in state.decisions.values():
        d = ds.decision
        if not took_effect(ds) or (since is not None and d.created_at < since):
            continue
        if PUID_PREFIX + d.decision_id in skip:
            continue
        found = state.offenses.get(d.offense_key)
        rows.append(statement(ds, found[0] if found else None, territory))
    rows.sort(key=lambda r: (r["application_date"], r["puid"]))
    for r in rows:
        issues = problems(r)
        if issues:
            raise RuntimeError(f"statement {r['puid']} breaks the DSA schema: {issues[0]}")
    return Statements(tuple(rows))


def write_batches(statements: Statements, out: Path) -> list[Path]:
    """``statements-0001.json`` … (each a ``{"statements": [...]}`` request body of at most
    ``BATCH``) and ``manifest.json``; byte-identical for the same ledger."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("statements-*.json"):
        old.unlink()
    paths = []
    for i, batch in enumerate(statements.batches(), start=1):
        path = out / f"statements-{i:04d}.json"
        body = json.dumps({"statements": batch}, indent=2, ensure_ascii=False, sort_keys=True)
        path.write_text(body + "\n", encoding="utf-8")
        paths.append(path)
    manifest = {
        "statements": len(statements.records),
        "batch_size": BATCH,
        "files": [p.name for p in paths],
        "schema": "dsa_statement.schema.json",
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return paths
