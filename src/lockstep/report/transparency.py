"""The transparency report of a period, computed from the ledger and nothing else.

Every figure is a ``Figure``: its value and the ids of the ledger events it was counted
from, so a reader of ``report.json`` (or an auditor) can trace any number back to the
decisions, confirmations, reports, appeals and exchanges behind it.

What counts where (the period is ``[start, end)``, the ledger read as it stood at ``end``):

- **an action was taken** in the period when it took effect in it: an automated decision
  (or an analyst's own) when recorded, a reviewed one when an analyst confirmed it. Actions
  later reversed still count as taken; ``reversed`` says how many were reversed by ``end``.
- **a network was disrupted** in the period (seed 002) when the first of its actions took
  effect in it and not all of them were reversed by ``end``. The table lists influence
  operations (``OffenseEntry.influence_operation``) that are not re-establishing a network
  removed before; those that are count, with every other account removed for recidivism,
  in ``recidivist_accounts_removed``.
- **a user report was actioned** when an action naming its target (the account, a removed
  post, the URL or its domain) took effect between the report and ``end``.
- **Code of Practice on Disinformation**: Commitment 14 counts the accounts actioned per
  behaviour and per DISARM tactic of the network, per EU member state of the account's
  declared country; Commitment 16 counts indicator exchanges per partner and the actions
  taken on offenses a peer disclosed.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from lockstep.ledger.store import Ledger
from lockstep.report.ledgerview import REMOVAL, Action, Appeal, LedgerView, UserReport
from lockstep.report.period import Period

#: ISO 3166-1 alpha-2 codes of the EU member states (Greece is GR, not the EU's EL)
EU_MEMBER_STATES = (
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
)
NON_EU = "outside the EU"
UNKNOWN = "unknown"


def member_state(country: str | None) -> str:
    """The EU member state a declared country is, else ``outside the EU`` or ``unknown``."""
    if not country:
        return UNKNOWN
    code = country.strip().upper()
    return code if code in EU_MEMBER_STATES else NON_EU


def _state_order(state: str) -> tuple[int, str]:
    return (0 if state in EU_MEMBER_STATES else 1 if state == NON_EU else 2, state)


@dataclass(frozen=True)
class Figure:
    """A number and the ledger events it was counted from (ids, sorted, no duplicates)."""

    value: int | float | None
    events: tuple[str, ...] = ()

    @classmethod
    def of(cls, value: int | float | None, events: Iterable[str]) -> Figure:
        return cls(value, tuple(sorted({e for e in events if e})))

    @classmethod
    def count(cls, actions: Sequence[Action]) -> Figure:
        return cls.of(len(actions), (e for a in actions for e in a.events))

    @classmethod
    def reversed(cls, actions: Sequence[Action]) -> Figure:
        """The reversed ones among ``actions``: each decision and its reversal."""
        gone = [a for a in actions if a.reversed is not None]
        return cls.of(
            len(gone),
            (e for a in gone for e in (*a.events, a.reversed.event_id if a.reversed else "")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "events": list(self.events)}


def _accounts(actions: Sequence[Action]) -> Figure:
    return Figure.of(
        len({acc for a in actions for acc in a.decision.account_ids}),
        (e for a in actions for e in a.events),
    )


# -- shared with the run report -----------------------------------------------------------


@dataclass(frozen=True)
class TallyRow:
    """Decisions of one behaviour, policy or action."""

    key: str
    decisions: Figure
    accounts: Figure
    automated: Figure
    human: Figure
    pending: Figure
    reversed: Figure

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            **{
                name: getattr(self, name).to_dict()
                for name in ("decisions", "accounts", "automated", "human", "pending", "reversed")
            },
        }


def tally(actions: Sequence[Action], key: Callable[[Action], str]) -> list[TallyRow]:
    """Decisions grouped by ``key``: how many, on how many accounts, automated or by a
    person, still awaiting review, reversed. Largest group first."""
    groups: dict[str, list[Action]] = defaultdict(list)
    for a in actions:
        groups[key(a)].append(a)
    rows = [
        TallyRow(
            k,
            Figure.count(group),
            _accounts(group),
            Figure.count([a for a in group if a.decision.automated]),
            Figure.count([a for a in group if not a.decision.automated and a.effect]),
            Figure.count([a for a in group if a.effect is None and a.reversed is None]),
            Figure.reversed(group),
        )
        for k, group in groups.items()
    ]
    rows.sort(key=lambda r: (-int(r.decisions.value or 0), r.key))
    return rows


def by_behaviour(a: Action) -> str:
    return a.decision.behaviour


def by_policy(a: Action) -> str:
    return a.decision.policy


def by_action(a: Action) -> str:
    return a.decision.action


@dataclass(frozen=True)
class NetworkRow:
    """One row of seed 002's disclosure table, with where it came from."""

    network_id: str
    offense_key: str
    detection_source: str
    accounts: Figure
    followers: Figure
    description: str
    tactics: tuple[tuple[str, str], ...]
    first_seen: str | None
    last_seen: str | None
    disrupted_at: str | None
    decisions: Figure
    recidivist: bool

    @property
    def source_label(self) -> str:
        return self.detection_source.capitalize()

    def to_dict(self) -> dict[str, Any]:
        return {
            "network_id": self.network_id,
            "offense_key": self.offense_key,
            "detection_source": self.detection_source,
            "accounts_in_network": self.accounts.to_dict(),
            "followers_of_network": self.followers.to_dict(),
            "description": self.description,
            "tactics": [{"id": t, "name": n} for t, n in self.tactics],
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "disrupted_at": self.disrupted_at,
            "decisions": self.decisions.to_dict(),
            "recidivist": self.recidivist,
        }


def network_rows(actions: Sequence[Action]) -> list[NetworkRow]:
    """Influence-operation networks among the offenses of ``actions``, one row each, in the
    seed's order (largest network first)."""
    by_offense: dict[str, list[Action]] = defaultdict(list)
    for a in actions:
        if a.offense is not None and a.offense.influence_operation:
            by_offense[a.decision.offense_key].append(a)
    rows = []
    for key, group in by_offense.items():
        entry = group[0].offense
        assert entry is not None
        o, n = entry.offense, entry.network
        size = n.get("size")
        followers = n.get("followers")
        effects = [a.effect.at for a in group if a.effect is not None]
        rows.append(
            NetworkRow(
                network_id=o.network_id or o.subject_id,
                offense_key=key,
                detection_source=str(
                    n.get("detection_source") or ("external" if entry.external else "internal")
                ),
                accounts=Figure.of(
                    int(size) if size is not None else len(o.account_ids), [entry.step.event_id]
                ),
                followers=Figure.of(
                    int(followers) if followers is not None else None, [entry.step.event_id]
                ),
                description=str(n.get("description") or o.summary),
                tactics=tuple(
                    (str(t.get("id", "")), str(t.get("name", ""))) for t in n.get("tactics") or ()
                ),
                first_seen=n.get("first_seen"),
                last_seen=n.get("last_seen"),
                disrupted_at=min(effects).isoformat(timespec="seconds") if effects else None,
                decisions=Figure.count(group),
                recidivist=any(a.recidivist for a in group),
            )
        )
    rows.sort(
        key=lambda r: (
            -int(r.accounts.value or 0),
            -int(r.followers.value or 0),
            r.network_id,
        )
    )
    return rows


# -- the period's report ---------------------------------------------------------------------


@dataclass(frozen=True)
class StateRow:
    """Code of Practice, Commitment 14: one behaviour or tactic in one member state."""

    key: str
    name: str
    member_state: str
    accounts: Figure
    decisions: Figure
    networks: Figure | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {
            "key": self.key,
            "name": self.name,
            "member_state": self.member_state,
            "accounts": self.accounts.to_dict(),
            "decisions": self.decisions.to_dict(),
        }
        if self.networks is not None:
            out["networks"] = self.networks.to_dict()
        return out


@dataclass(frozen=True)
class ExchangeRow:
    """Code of Practice, Commitment 16: indicators shared with or received from one peer."""

    direction: str
    partner: str
    exchanges: Figure
    indicators: Figure

    def to_dict(self) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "partner": self.partner,
            "exchanges": self.exchanges.to_dict(),
            "indicators": self.indicators.to_dict(),
        }


@dataclass(frozen=True)
class ReportRow:
    target_type: str
    received: Figure
    actioned: Figure


@dataclass
class TransparencyReport:
    period: Period
    ledger_events: int
    last_seq: int
    networks: list[NetworkRow]
    recidivist_accounts_removed: Figure
    taken: Figure
    automated: Figure
    human: Figure
    reversed: Figure
    awaiting_review: Figure
    by_behaviour: list[TallyRow]
    by_policy: list[TallyRow]
    by_action: list[TallyRow]
    challenges: dict[str, Figure]
    reports: dict[str, Figure]
    reports_by_target: list[ReportRow]
    appeals: dict[str, Figure]
    c14_behaviours: list[StateRow]
    c14_tactics: list[StateRow]
    c16_exchanges: list[ExchangeRow]
    c16: dict[str, Figure]

    def figures(self) -> dict[str, Figure]:
        """The report's single numbers, by name (``figures.csv``)."""
        out = {
            "networks_disrupted": Figure.of(
                len(self.networks),
                (e for n in self.networks for e in (*n.accounts.events, *n.decisions.events)),
            ),
            "recidivist_accounts_removed": self.recidivist_accounts_removed,
            "actions_taken": self.taken,
            "actions_automated": self.automated,
            "actions_human_reviewed": self.human,
            "actions_reversed_by_period_end": self.reversed,
            "actions_awaiting_review_at_period_end": self.awaiting_review,
        }
        out |= {f"challenges_{k}": v for k, v in self.challenges.items()}
        out |= {f"user_reports_{k}": v for k, v in self.reports.items()}
        out |= {f"appeals_{k}": v for k, v in self.appeals.items()}
        out |= {f"cop_c16_{k}": v for k, v in self.c16.items()}
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "report": "lockstep transparency report",
            "period": self.period.to_dict(),
            "ledger": {
                "events_before_period_end": self.ledger_events,
                "last_seq": self.last_seq,
            },
            "figures": {k: v.to_dict() for k, v in self.figures().items()},
            "covert_influence_operations": [n.to_dict() for n in self.networks],
            "enforcement": {
                "by_behaviour": [r.to_dict() for r in self.by_behaviour],
                "by_policy": [r.to_dict() for r in self.by_policy],
                "by_action": [r.to_dict() for r in self.by_action],
            },
            "user_reports_by_target": [
                {
                    "target_type": r.target_type,
                    "received": r.received.to_dict(),
                    "actioned": r.actioned.to_dict(),
                }
                for r in self.reports_by_target
            ],
            "code_of_practice": {
                "commitment_14": {
                    "by_behaviour": [r.to_dict() for r in self.c14_behaviours],
                    "by_tactic": [r.to_dict() for r in self.c14_tactics],
                },
                "commitment_16": {
                    "exchanges": [r.to_dict() for r in self.c16_exchanges],
                    **{k: v.to_dict() for k, v in self.c16.items()},
                },
            },
        }


def from_ledger(ledger: Ledger, period: Period) -> TransparencyReport:
    """The report of ``period``, reading the ledger as it stood at the period's end."""
    return build(LedgerView.fold(ledger.events(), until=period.end), period)


def build(view: LedgerView, period: Period) -> TransparencyReport:
    """The report of ``period`` from a view folded up to ``period.end``."""
    actions = sorted(view.actions.values(), key=lambda a: (a.recorded.at, a.decision.decision_id))
    taken = [a for a in actions if a.effect is not None and period.covers(a.effect.at)]
    standing = [a for a in actions if a.effect is not None]
    networks = [
        r
        for r in network_rows(standing)
        if r.disrupted_at is not None
        and period.covers(datetime.fromisoformat(r.disrupted_at))
        and not r.recidivist
        and not _all_reversed(standing, r.offense_key)
    ]
    removed = [
        a for a in taken if a.recidivist and a.decision.action == REMOVAL and a.reversed is None
    ]
    reports, reports_by_target = _reports(view.reports, actions, period)
    return TransparencyReport(
        period=period,
        ledger_events=view.events,
        last_seq=view.last_seq,
        networks=networks,
        recidivist_accounts_removed=_accounts(removed),
        taken=Figure.count(taken),
        automated=Figure.count([a for a in taken if a.decision.automated]),
        human=Figure.count([a for a in taken if not a.decision.automated]),
        reversed=Figure.reversed(taken),
        awaiting_review=Figure.count(
            [a for a in actions if a.effect is None and a.reversed is None]
        ),
        by_behaviour=tally(taken, by_behaviour),
        by_policy=tally(taken, by_policy),
        by_action=tally(taken, by_action),
        challenges=_challenges(actions, taken, period),
        reports=reports,
        reports_by_target=reports_by_target,
        appeals=_appeals(view, period),
        c14_behaviours=_c14_behaviours(taken),
        c14_tactics=_c14_tactics(taken),
        c16_exchanges=_c16_exchanges(view, period),
        c16=_c16(view, taken, period),
    )


def _all_reversed(actions: Sequence[Action], offense_key: str) -> bool:
    mine = [a for a in actions if a.decision.offense_key == offense_key]
    return bool(mine) and all(a.reversed is not None for a in mine)


def _challenges(
    actions: Sequence[Action], taken: Sequence[Action], period: Period
) -> dict[str, Figure]:
    issued = [a for a in taken if a.decision.action == "challenge"]
    out = {"issued": Figure.count(issued)}
    answered = [
        a
        for a in actions
        if a.decision.action == "challenge" and a.answered and period.covers(a.answered.at)
    ]
    for outcome in ("passed", "failed", "expired"):
        those = [a for a in answered if a.outcome == outcome]
        out[outcome] = Figure.of(len(those), (a.answered.event_id for a in those if a.answered))
    return out


Target = tuple[str, str]


def _acts_on(a: Action) -> set[Target]:
    """What an action acts on: its accounts, the posts it removed, its URL or domain."""
    d = a.decision
    out: set[Target] = {("account", acc) for acc in d.account_ids}
    posts = set(d.details.get("post_ids") or ())
    if a.offense is not None:
        posts.update(a.offense.offense.post_ids)
    out |= {("post", p) for p in posts}
    if d.subject_type in {"url", "domain"}:
        out.add((d.subject_type, d.subject_id))
    return out


def _reported(r: UserReport) -> set[Target]:
    """What a report points at; a reported URL is also reported under each of its domains."""
    if r.target_type != "url":
        return {(r.target_type, r.target_id)}
    target = r.target_id
    host = (urlsplit(target if "://" in target else f"//{target}").hostname or "").lower()
    labels = host.split(".")
    return {("url", target)} | {("domain", ".".join(labels[i:])) for i in range(len(labels))}


def _reports(
    reports: Sequence[UserReport], actions: Sequence[Action], period: Period
) -> tuple[dict[str, Figure], list[ReportRow]]:
    received = [r for r in reports if period.covers(r.received.at)]
    index: dict[Target, list[Action]] = defaultdict(list)
    for a in actions:
        if a.effect is not None and a.reversed is None:
            for target in _acts_on(a):
                index[target].append(a)
    actioned: list[tuple[UserReport, list[Action]]] = []
    for r in received:
        acting = {
            a.decision.decision_id: a
            for target in _reported(r)
            for a in index.get(target, ())
            if a.effect is not None and a.effect.at >= r.received.at
        }
        if acting:
            actioned.append((r, list(acting.values())))

    def fig(items: Sequence[tuple[UserReport, list[Action]]]) -> Figure:
        return Figure.of(
            len(items), (e for r, acts in items for e in (r.received.event_id, *_ids(acts)))
        )

    rows = []
    for kind in sorted({r.target_type for r in received}):
        mine = [r for r in received if r.target_type == kind]
        rows.append(
            ReportRow(
                kind,
                Figure.of(len(mine), (r.received.event_id for r in mine)),
                fig([(r, acts) for r, acts in actioned if r.target_type == kind]),
            )
        )
    totals = {
        "received": Figure.of(len(received), (r.received.event_id for r in received)),
        "actioned": fig(actioned),
    }
    return totals, rows


def _ids(actions: Iterable[Action]) -> list[str]:
    return [e for a in actions for e in a.events]


def _appeals(view: LedgerView, period: Period) -> dict[str, Figure]:
    appeals = sorted(view.appeals.values(), key=lambda a: a.appeal_id)
    filed = [a for a in appeals if period.covers(a.filed.at)]
    decided = [a for a in appeals if a.decided is not None and period.covers(a.decided.at)]

    def fig(items: Sequence[Appeal]) -> Figure:
        """Decided appeals: each is its filing and its decision."""
        return Figure.of(
            len(items),
            (e for a in items for e in (a.filed.event_id, a.decided.event_id if a.decided else "")),
        )

    hours = [a.hours for a in decided if a.hours is not None]
    median = fig(decided)
    return {
        "filed": Figure.of(len(filed), (a.filed.event_id for a in filed)),
        "decided": fig(decided),
        "upheld": fig([a for a in decided if a.outcome == "uphold"]),
        "overturned": fig([a for a in decided if a.outcome == "overturn"]),
        "modified": fig([a for a in decided if a.outcome == "modify"]),
        "median_hours_to_decision": Figure(
            round(statistics.median(hours), 2) if hours else None, median.events
        ),
    }


def _per_state(
    entries: Iterable[tuple[str, str, str, Action, str | None]],
) -> dict[tuple[str, str, str], list[tuple[str, Action, str | None]]]:
    grouped: dict[tuple[str, str, str], list[tuple[str, Action, str | None]]] = defaultdict(list)
    for key, name, account, action, network in entries:
        state = member_state(action.countries.get(account))
        grouped[(key, name, state)].append((account, action, network))
    return grouped


def _state_rows(
    grouped: dict[tuple[str, str, str], list[tuple[str, Action, str | None]]], networks: bool
) -> list[StateRow]:
    rows = []
    for (key, name, state), items in grouped.items():
        acts = {a.decision.decision_id: a for _, a, _ in items}
        ids = _ids(acts.values())
        if networks:
            ids += [a.offense.step.event_id for a in acts.values() if a.offense is not None]
        rows.append(
            StateRow(
                key,
                name,
                state,
                Figure.of(len({acc for acc, _, _ in items}), ids),
                Figure.count(list(acts.values())),
                Figure.of(len({n for _, _, n in items if n}), ids) if networks else None,
            )
        )
    rows.sort(key=lambda r: (r.key, _state_order(r.member_state)))
    return rows


def _c14_behaviours(taken: Sequence[Action]) -> list[StateRow]:
    """Accounts actioned per manipulative behaviour and member state."""
    entries = [
        (a.decision.behaviour, "", acc, a, None) for a in taken for acc in a.decision.account_ids
    ]
    return _state_rows(_per_state(entries), networks=False)


def _c14_tactics(taken: Sequence[Action]) -> list[StateRow]:
    """Accounts actioned per DISARM tactic of their network and member state."""
    entries = []
    for a in taken:
        if a.offense is None or a.offense.offense.subject_type != "network":
            continue
        for t in a.offense.network.get("tactics") or ():
            for acc in a.decision.account_ids:
                entries.append(
                    (str(t.get("id", "")), str(t.get("name", "")), acc, a, a.decision.offense_key)
                )
    return _state_rows(_per_state(entries), networks=True)


def _c16_exchanges(view: LedgerView, period: Period) -> list[ExchangeRow]:
    grouped: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for x in view.exchanges:
        if period.covers(x.step.at):
            grouped[(x.direction, x.partner)].append(x)
    return [
        ExchangeRow(
            direction,
            partner,
            Figure.of(len(items), (x.step.event_id for x in items)),
            Figure.of(sum(x.indicators for x in items), (x.step.event_id for x in items)),
        )
        for (direction, partner), items in sorted(grouped.items())
    ]


def _c16(view: LedgerView, taken: Sequence[Action], period: Period) -> dict[str, Figure]:
    out: dict[str, Figure] = {}
    for direction in ("shared", "received"):
        items = [x for x in view.exchanges if x.direction == direction and period.covers(x.step.at)]
        ids = [x.step.event_id for x in items]
        out[f"indicators_{direction}"] = Figure.of(sum(x.indicators for x in items), ids)
        out[f"partners_{direction}"] = Figure.of(len({x.partner for x in items}), ids)
    peer = [a for a in taken if a.external]
    out["actions_on_peer_disclosures"] = Figure.count(peer)
    out["accounts_actioned_on_peer_disclosures"] = _accounts(peer)
    networks = {
        a.decision.offense_key
        for a in peer
        if a.offense is not None and a.offense.offense.subject_type == "network"
    }
    out["networks_actioned_on_peer_disclosures"] = Figure.of(
        len(networks), [e for a in peer for e in a.events]
    )
    return out
