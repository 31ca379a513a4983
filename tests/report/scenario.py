"""Ledgers for the report tests, built only through the enforcement API and ``lockstep run``.

- ``small_ledger``: a hand-made history over December 2024 and January 2025 (findings and
  networks written by hand, so it does not move when detectors change): the goldens.
- ``synthetic_ledger``: ``lockstep run`` over a synthetic world, then the people's side
  (confirmations, challenge answers, appeals, user reports, indicator exchanges) and a second
  pass with a peer's network and a recidivist one: reconciliation, PostgreSQL, the browser.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from lockstep.enforce.actions import (
    challenge_outcome,
    confirm,
    decide_appeal,
    file_appeal,
    report_abuse,
)
from lockstep.enforce.engine import enforce
from lockstep.enforce.model import AccountFacts, NetworkRecord
from lockstep.enforce.policy import load_policy
from lockstep.ledger.state import LedgerState
from lockstep.ledger.store import Event, Ledger
from lockstep.pipeline import run
from tests.enforce.conftest import finding, findings


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def exchange(kind: str, when: datetime, partner: str | None, **payload: Any) -> Event:
    """An indicator exchange as sharing records it (the fields the report documents)."""
    body = dict(payload)
    if partner is not None:
        body["partner"] = partner
    return Event(kind, body, when, actor="analyst@example", idempotency_key=f"{kind}:{when}")


def append(ledger: Ledger, items: Sequence[Event]) -> None:
    with ledger.write() as w:
        w.append(items)


# -- the hand-made ledger ------------------------------------------------------------------

COUNTRIES = {
    "u01": "DE",
    "u02": "FR",
    "u03": "US",
    "u05": "RO",
    "u06": "RO",
    "u07": "RO",
    "u08": "MD",
    "u10": "ID",
    "u11": "ID",
    "u12": "ID",
    "u20": "DE",
    "u21": "PL",
    "u22": "PL",
    "u30": "GR",
    "u31": "GR",
    "u40": "IT",
    "u60": "AT",
}
ACCOUNTS = tuple(
    sorted({*COUNTRIES, "u04", "u09", "u13", "u14", "u15", "u16", "u17", "u18", "u50"})
)
FACTS = AccountFacts(known=frozenset(ACCOUNTS), countries=COUNTRIES)

ROMANIA = NetworkRecord(
    "net-ro",
    ("u05", "u06", "u07", "u08", "u09"),
    behaviours=("coord.network", "spam.copypasta"),
    tactics=("T0143.002", "T0084.001"),
    score=0.95,
    description=(
        "Accounts targeting political discourse in Romania We assess that this network "
        "operated from Romania and targeted a Romanian audience, attempting to manipulate "
        "Romanian elections discourse. The network was found to create fictitious personas."
    ),
    size=27217,
    followers=70892,
    first_seen=at("2024-11-20T08:00:00"),
    last_seen=at("2024-12-01T22:00:00"),
    tactic_names={"T0143.002": "fabricated persona", "T0084.001": "copypasta"},
)
INDONESIA = NetworkRecord(
    "net-id",
    ("u10", "u11", "u12", "u13", "u14", "u15", "u16", "u17", "u18"),
    behaviours=("coord.network",),
    tactics=("T0097.202",),
    score=0.7,
    description=(
        "Accounts targeting political discourse in Indonesia We assess that this network "
        "operated from Indonesia and targeted an Indonesian audience. The network was found "
        "to create inauthentic news accounts in an attempt to appear as a more reputable "
        "information source."
    ),
    followers=41584,
    tactic_names={"T0097.202": "news outlet persona"},
)
#: an engagement pod: a network record, but not an influence operation
POD = NetworkRecord(
    "net-pod",
    ("u30", "u31"),
    behaviours=("engagement.reciprocal",),
    tactics=("T0092.002",),
    score=0.95,
    description="Accounts trading follows in a follow train.",
    followers=300,
)
PEER = NetworkRecord(
    "net-peer",
    ("u20", "u21", "u22"),
    behaviours=("coord.network",),
    score=0.95,
    detection_source="external",
    description=(
        "Accounts targeting political discourse in Germany We assess that this network "
        "operated from Germany and targeted a German audience."
    ),
    size=42,
    followers=127451,
)
RETURNING = NetworkRecord(
    "net-back",
    ("u40", "u50"),
    behaviours=("coord.network", "coord.recidivism"),
    score=0.95,
    description="Accounts re-establishing the Romanian network removed in December.",
    followers=80,
)


@dataclass(frozen=True)
class Small:
    url: str


def small_ledger(url: str) -> Small:
    """December: spam, fake engagement, a challenge, two networks (one confirmed by an
    analyst), an engagement pod, user reports, appeals, indicator exchanges. January: a
    peer's network, a returning network, a recidivist account, an appeal decided late."""
    policy = load_policy()
    with Ledger(url) as ledger:
        enforce(
            ledger,
            findings(
                finding("spam.duplicate_posts", "u01", post_ids=["p1", "p2"]),
                finding("engagement.purchased", "u02"),
                finding("spam.copypasta", "u03", score=0.5),
                finding("spam.malicious_url", "evil.example", ["u04"], subject_type="domain"),
            ),
            [ROMANIA, INDONESIA, POD],
            FACTS,
            policy,
            reports=[
                _report("r1", "u90", "account", "u01", "2024-12-02T08:00:00"),
                _report("r2", "u91", "account", "u50", "2024-12-02T09:00:00"),
                _report("r3", "u92", "post", "p2", "2024-12-02T10:00:00"),
                _report("r4", "u93", "url", "https://evil.example/login", "2024-12-02T11:00:00"),
            ],
            now=at("2024-12-03T10:00:00"),
        )
        state = LedgerState.fold(ledger.events())
        challenge = _one(state, "account:u03", "challenge")
        challenge_outcome(ledger, policy, challenge, "passed", now=at("2024-12-04T09:00:00"))
        for d in sorted(state.decisions.values(), key=lambda s: s.decision.decision_id):
            if d.decision.evidence.get("network_id") == "net-id" and not d.decision.automated:
                confirm(
                    ledger, d.decision.decision_id, "analyst@example", at("2024-12-05T12:00:00")
                )
        lock_u01 = _one(state, "account:u01", "temporary_lock")
        lock_u02 = _one(state, "account:u02", "temporary_lock")
        a1 = file_appeal(
            ledger, lock_u01, "u01", "I post my own recipes", at("2024-12-06T10:00:00")
        )
        decide_appeal(
            ledger, a1, "uphold", "copies of one advert", "analyst@example", None,
            at("2024-12-06T16:00:00"),
        )  # fmt: skip
        a2 = file_appeal(ledger, lock_u02, "u02", "I never bought likes", at("2024-12-06T09:00:00"))
        decide_appeal(
            ledger, a2, "overturn", "the likes came from a fan club", "analyst@example", None,
            at("2024-12-07T15:00:00"),
        )  # fmt: skip
        removal = _one(state, "account:u01", "remove_content")
        file_appeal(ledger, removal, "u01", "those posts were mine", at("2024-12-30T12:00:00"))
        report_abuse(ledger, "u94", "account", "u09", "spam", now=at("2024-12-04T12:00:00"))
        append(
            ledger,
            [
                exchange(
                    "indicators_shared", at("2024-12-10T09:00:00"), "Meta", indicator_count=14
                ),
                exchange("indicators_shared", at("2024-12-11T09:00:00"), "Meta", indicator_count=3),
                exchange(
                    "indicators_received",
                    at("2024-12-12T09:00:00"),
                    "Google TAG",
                    indicators=["domain:a.example", "domain:b.example"],
                ),
                exchange("indicators_received", at("2025-01-02T09:00:00"), None, indicator_count=5),
            ],
        )
        appeal = LedgerState.fold(ledger.events()).decisions[removal].appeal_id
        assert appeal is not None
        decide_appeal(
            ledger, appeal, "modify", "one post was an original", "analyst@example",
            "temporary_lock", at("2025-01-02T12:00:00"),
        )  # fmt: skip
        enforce(
            ledger,
            findings(finding("coord.recidivism", "u60")),
            [PEER, RETURNING],
            FACTS,
            policy,
            now=at("2025-01-08T10:00:00"),
        )
    return Small(url)


def _report(rid: str, reporter: str, kind: str, target: str, when: str) -> dict[str, Any]:
    return {
        "report_id": rid,
        "reporter_id": reporter,
        "target_type": kind,
        "target_id": target,
        "created_at": at(when),
        "reason": "spam",
    }


def _one(state: LedgerState, subject: str, action: str) -> str:
    [found] = [
        d.decision.decision_id
        for d in state.decisions.values()
        if d.decision.subject == subject and d.decision.action == action
    ]
    return found


# -- the synthetic ledger ------------------------------------------------------------------

RUN_AT = at("2025-04-20T09:00:00")
SECOND_PASS_AT = at("2025-05-06T09:00:00")


@dataclass(frozen=True)
class Synthetic:
    url: str
    out: Path
    peer_accounts: tuple[str, ...]
    returning_accounts: tuple[str, ...]
    recidivist_account: str


def _countries(data: Path) -> dict[str, str]:
    t = pq.read_table(data / "accounts.parquet", columns=["account_id", "country"])
    return {
        a: c for a, c in zip(*(t.column(n).to_pylist() for n in t.column_names), strict=True) if c
    }


def _clean(state: LedgerState, accounts: Iterable[str], countries: dict[str, str]) -> list[str]:
    """Accounts no decision names, those with a declared country first."""
    free = [a for a in sorted(accounts) if a not in state.by_account]
    return sorted(free, key=lambda a: (a not in countries, a))


def synthetic_ledger(data: Path, out: Path, url: str) -> Synthetic:
    """``lockstep run`` on ``data`` into ``url``, then a month of people acting on it."""
    policy = load_policy()
    run(data, out, ledger=url, now=RUN_AT)
    with Ledger(url) as ledger:
        state = LedgerState.fold(ledger.events())
        pending = sorted(
            d.decision.decision_id
            for d in state.decisions.values()
            if not d.decision.automated and d.decision.subject_type == "account"
        )
        # the analyst works through the network cases and leaves the rest in the queue
        networks = {
            key for key, (o, _run, _at) in state.offenses.items() if o.subject_type == "network"
        }
        for decision_id in pending:
            if state.decisions[decision_id].decision.offense_key in networks:
                confirm(ledger, decision_id, "analyst@example", at("2025-04-21T10:00:00"))
        challenges = sorted(
            d.decision.decision_id
            for d in state.decisions.values()
            if d.decision.action == "challenge"
        )
        for i, decision_id in enumerate(challenges[:4]):
            outcome = "failed" if i == 3 else "passed"
            challenge_outcome(ledger, policy, decision_id, outcome, now=at("2025-04-22T10:00:00"))
        locks = sorted(
            (d.decision.decision_id, d.decision.account_ids[0])
            for d in state.decisions.values()
            if d.decision.action == "temporary_lock"
        )
        plan = [
            ("2025-04-23T08:00:00", "uphold", "2025-04-23T20:00:00", None),
            ("2025-04-23T08:00:00", "overturn", "2025-04-25T08:00:00", None),
            ("2025-04-23T08:00:00", "modify", "2025-04-24T08:00:00", "remove_content"),
            ("2025-04-29T12:00:00", "overturn", "2025-05-02T12:00:00", None),
        ]
        for (decision_id, account), (filed, outcome, decided, action) in zip(
            locks, plan, strict=False
        ):
            appeal = file_appeal(ledger, decision_id, account, "not me", at(filed))
            decide_appeal(
                ledger, appeal, outcome, "reviewed", "analyst@example", action, at(decided)
            )
        countries = _countries(data)
        known = sorted(r for r in LedgerState.fold(ledger.events()).by_account)
        clean = _clean(state, _all_accounts(data), countries)
        peer, back, recidivist = tuple(clean[:3]), tuple(clean[3:6]), clean[6]
        report_abuse(
            ledger, "u-reporter", "account", known[0], "spam", now=at("2025-04-25T10:00:00")
        )
        report_abuse(
            ledger, "u-reporter", "account", peer[0], "spam", now=at("2025-05-03T10:00:00")
        )
        append(
            ledger,
            [
                exchange(
                    "indicators_shared", at("2025-04-26T09:00:00"), "peer-a", indicator_count=12
                ),
                exchange(
                    "indicators_shared", at("2025-04-27T09:00:00"), "peer-b", indicator_count=5
                ),
                exchange(
                    "indicators_received", at("2025-04-28T09:00:00"), "peer-a", indicator_count=7
                ),
                exchange(
                    "indicators_received",
                    at("2025-05-04T09:00:00"),
                    "peer-c",
                    indicators=["url:x", "url:y", "url:z"],
                ),
            ],
        )
        enforce(
            ledger,
            findings(finding("coord.recidivism", recidivist)),
            [
                NetworkRecord(
                    "net-peer-disclosed",
                    peer,
                    behaviours=("coord.network",),
                    score=0.95,
                    detection_source="external",
                    description="Accounts a peer disclosed as a covert influence operation.",
                    followers=5000,
                ),
                NetworkRecord(
                    "net-returning",
                    back,
                    behaviours=("coord.network", "coord.recidivism"),
                    score=0.95,
                    description="Accounts re-establishing a network removed in April.",
                    followers=90,
                ),
            ],
            AccountFacts(known=frozenset(_all_accounts(data)), countries=countries),
            policy,
            now=SECOND_PASS_AT,
        )
    return Synthetic(url, out, peer, back, recidivist)


def _all_accounts(data: Path) -> list[str]:
    return [
        str(a)
        for a in pq.read_table(data / "accounts.parquet", columns=["account_id"])[0].to_pylist()
    ]
