"""What enforcement reads (offenses, networks, account facts) and writes (decisions).

An *offense* is one behaviour by one subject — an account, a group of accounts run together,
a network, or a URL — with the findings that show it. Offenses are keyed by what was found,
not by what was decided, so the same data seen twice is the same offense and is enforced once.
A *decision* is one action on one subject under one rule of the catalogue.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lockstep.errors import BadInputError


def stable_id(prefix: str, *parts: object) -> str:
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()
    return f"{prefix}{digest[:16]}"


def iso(ts: datetime | None) -> str | None:
    return ts.isoformat(timespec="seconds") if ts is not None else None


def parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True)
class NetworkRecord:
    """A coordinated network from the networks stage (DESIGN §5 ``networks.jsonl``).

    Only the fields enforcement and reporting read; extra keys in the file are ignored. The
    audience and time fields travel into the ledger with the network's offense (``details``),
    so the monthly disclosure (seed 002) is derived from the ledger alone.
    """

    network_id: str
    account_ids: tuple[str, ...]
    behaviours: tuple[str, ...] = ()
    tactics: tuple[str, ...] = ()
    score: float = 1.0
    detection_source: str = "internal"
    description: str = ""
    #: accounts in the network as the networks stage counted them (None: not given)
    size: int | None = None
    #: followers of the network's accounts, summed (None: not given)
    followers: int | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    #: tactic id -> its name, for the tactics that name one
    tactic_names: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, row: Mapping[str, Any]) -> NetworkRecord:
        try:
            raw = list(row.get("tactics") or ())
            tactics = tuple(str(t.get("id", "")) if isinstance(t, Mapping) else str(t) for t in raw)
            names = {
                str(t["id"]): str(t["name"])
                for t in raw
                if isinstance(t, Mapping) and t.get("id") and t.get("name")
            }
            return cls(
                network_id=str(row["network_id"]),
                account_ids=tuple(sorted({str(a) for a in row["account_ids"]})),
                behaviours=tuple(str(b) for b in row.get("behaviours") or ()),
                tactics=tactics,
                score=float(row.get("score", 1.0) or 0.0),
                detection_source=str(row.get("detection_source") or "internal"),
                description=str(row.get("description") or ""),
                size=_count(row.get("size")),
                followers=_count(row.get("followers")),
                first_seen=_when(row.get("first_seen")),
                last_seen=_when(row.get("last_seen")),
                tactic_names=names,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise BadInputError(f"network record lacks or mangles a field: {exc}") from exc

    def details(self) -> dict[str, Any]:
        """What the ledger keeps about the network with its offense (the disclosure's facts)."""
        return {
            "size": self.size if self.size is not None else len(self.account_ids),
            "followers": self.followers,
            "behaviours": list(self.behaviours),
            "tactics": [{"id": t, "name": self.tactic_names.get(t, "")} for t in self.tactics],
            "first_seen": iso(self.first_seen),
            "last_seen": iso(self.last_seen),
            "detection_source": self.detection_source,
            "description": self.description,
        }


def _count(value: Any) -> int | None:
    if value is None:
        return None
    number = int(value)
    if number < 0:
        raise ValueError(f"negative count {value!r}")
    return number


def _when(value: Any) -> datetime | None:
    """A time from networks.jsonl (ISO text, ``Z`` for UTC; naive means UTC), in UTC."""
    if value is None or value == "":
        return None
    ts = datetime.fromisoformat(str(value))
    return ts.replace(tzinfo=UTC) if ts.tzinfo is None else ts.astimezone(UTC)


def load_networks(path: Path) -> list[NetworkRecord]:
    """Networks from a ``networks.jsonl`` file; none when the file is absent."""
    if not path.exists():
        return []
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInputError(f"line {number}: not JSON: {exc}", path) from exc
        out.append(NetworkRecord.from_mapping(row))
    return out


@dataclass(frozen=True)
class AccountFacts:
    """What the input data says about the accounts enforcement touches."""

    known: frozenset[str] = frozenset()
    declared_automated: frozenset[str] = frozenset()
    #: accounts the input marks as suspended before this data (``accounts.suspended_at``)
    suspended_before: frozenset[str] = frozenset()
    created: Mapping[str, datetime] = field(default_factory=dict)
    #: declared country (ISO 3166-1 alpha-2, upper case), where the input gives one
    countries: Mapping[str, str] = field(default_factory=dict)

    def about(self, ids: Iterable[str]) -> dict[str, Any]:
        """The facts about ``ids`` as JSON, stored with an offense so backtests can replay it."""
        wanted = set(ids)
        return {
            "declared_automated": sorted(wanted & self.declared_automated),
            "suspended_before": sorted(wanted & self.suspended_before),
            "created": {a: iso(self.created[a]) for a in sorted(wanted) if a in self.created},
            "countries": {a: self.countries[a] for a in sorted(wanted) if a in self.countries},
        }

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any]) -> AccountFacts:
        created = {a: parse_time(t) for a, t in dict(stored.get("created", {})).items()}
        return cls(
            declared_automated=frozenset(stored.get("declared_automated", ())),
            suspended_before=frozenset(stored.get("suspended_before", ())),
            created={a: t for a, t in created.items() if t is not None},
            countries={str(a): str(c) for a, c in dict(stored.get("countries", {})).items()},
        )


@dataclass(frozen=True)
class Offense:
    """One behaviour by one subject, with the findings (or network) that show it."""

    subject_type: str  # account | group | network | url | domain
    subject_id: str
    account_ids: tuple[str, ...]
    behaviour: str
    score: float
    finding_ids: tuple[str, ...]
    summary: str
    post_ids: tuple[str, ...] = ()
    share: float | None = None
    network_id: str | None = None
    #: severe circumstances the evidence shows (election, recidivist, external)
    flags: tuple[str, ...] = ()
    facts: Mapping[str, Any] = field(default_factory=dict)
    #: a network offense: the network's size, followers, tactics, dates, source and
    #: description (``NetworkRecord.details``); empty for other offenses and for offenses
    #: recorded before the ledger kept them
    network: Mapping[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return stable_id(
            "o_",
            self.subject_type,
            self.subject_id,
            self.behaviour,
            ",".join(self.finding_ids),
            self.network_id or "",
        )

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "account_ids": list(self.account_ids),
            "behaviour": self.behaviour,
            "score": self.score,
            "finding_ids": list(self.finding_ids),
            "summary": self.summary,
            "post_ids": list(self.post_ids),
            "share": self.share,
            "network_id": self.network_id,
            "flags": list(self.flags),
            "facts": dict(self.facts),
        }
        if self.network:
            payload["network"] = dict(self.network)
        return payload

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Offense:
        return cls(
            subject_type=p["subject_type"],
            subject_id=p["subject_id"],
            account_ids=tuple(p["account_ids"]),
            behaviour=p["behaviour"],
            score=float(p["score"]),
            finding_ids=tuple(p["finding_ids"]),
            summary=p["summary"],
            post_ids=tuple(p.get("post_ids", ())),
            share=p.get("share"),
            network_id=p.get("network_id"),
            flags=tuple(p.get("flags", ())),
            facts=dict(p.get("facts", {})),
            network=dict(p.get("network") or {}),
        )


@dataclass(frozen=True)
class Decision:
    """One enforcement action on one subject, with the rule, evidence and a readable reason."""

    decision_id: str
    offense_key: str
    case_id: str
    subject_type: str
    subject_id: str
    account_ids: tuple[str, ...]
    action: str
    policy: str
    behaviour: str
    #: False: the action waits for an analyst to confirm it
    automated: bool
    reason: str
    created_at: datetime
    expires_at: datetime | None
    strike: bool
    strike_expires_at: datetime | None
    details: Mapping[str, Any]
    evidence: Mapping[str, Any]
    policy_version: str

    @property
    def subject(self) -> str:
        return f"{self.subject_type}:{self.subject_id}"

    def to_payload(self) -> dict[str, Any]:
        return {
            "decision_id": self.decision_id,
            "offense_key": self.offense_key,
            "case_id": self.case_id,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "account_ids": list(self.account_ids),
            "action": self.action,
            "policy": self.policy,
            "behaviour": self.behaviour,
            "automated": self.automated,
            "reason": self.reason,
            "created_at": iso(self.created_at),
            "expires_at": iso(self.expires_at),
            "strike": self.strike,
            "strike_expires_at": iso(self.strike_expires_at),
            "details": dict(self.details),
            "evidence": dict(self.evidence),
            "policy_version": self.policy_version,
        }

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Decision:
        created = parse_time(p["created_at"])
        assert created is not None
        return cls(
            decision_id=p["decision_id"],
            offense_key=p["offense_key"],
            case_id=p["case_id"],
            subject_type=p["subject_type"],
            subject_id=p["subject_id"],
            account_ids=tuple(p["account_ids"]),
            action=p["action"],
            policy=p["policy"],
            behaviour=p["behaviour"],
            automated=bool(p["automated"]),
            reason=p["reason"],
            created_at=created,
            expires_at=parse_time(p.get("expires_at")),
            strike=bool(p["strike"]),
            strike_expires_at=parse_time(p.get("strike_expires_at")),
            details=dict(p.get("details", {})),
            evidence=dict(p.get("evidence", {})),
            policy_version=p.get("policy_version", ""),
        )

    def to_record(self, *, applied: bool, status: str) -> dict[str, Any]:
        """One line of ``decisions.jsonl`` (DESIGN §5), plus the detail an analyst needs."""
        p = self.to_payload()
        return {
            "decision_id": self.decision_id,
            "subject": self.subject,
            "action": self.action,
            "policy": self.policy,
            "behaviour": self.behaviour,
            "automated": self.automated,
            "reason": self.reason,
            "created_at": p["created_at"],
            "expires_at": p["expires_at"],
            "applied": applied,
            "status": status,
            "account_ids": p["account_ids"],
            "strike": self.strike,
            "details": p["details"],
            "evidence": p["evidence"],
            "policy_version": self.policy_version,
        }
