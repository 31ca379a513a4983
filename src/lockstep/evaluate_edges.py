"""Score account-pair edges against a synthetic world's planted coordinated groups.

``lockstep eval`` scores findings; edges (the input of the networks stage) are scored here,
for tests and for benchmarks that compare edge builders (ours and peers') on one world.
At account level an account *has an edge* when it is an end of any edge given; precision
is the share of those accounts that are planted coordinated members (or have an edge to
another account of their own planted campaign: one operator's accounts), recall the share
of planted members that have one. At pair level, precision is the share of edges whose two
ends belong to the same planted campaign. The false-positive rate of every hard-negative
kind (organic activism, fans swarming a star, ...) and of organic accounts is the share of
their accounts with an edge.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The planted groups recall is measured on: covert influence networks.
TARGET = ("coord.network",)
#: Campaign kinds whose members act together on the same objects at the same time: an edge
#: between their members is right, so they count as hits for precision.
COORDINATED = (
    "coord.network",
    "engagement.lockstep",
    "spam.copypasta",
    "coord.multi_account_livestream",
)
PLANTED_ROLES = ("member", "operator")


@dataclass(frozen=True)
class Truth:
    """Per account: campaign, kind and role, from ``truth.jsonl``."""

    campaign: dict[str, str | None]
    kind: dict[str, str]
    role: dict[str, str]

    @classmethod
    def read(cls, data: Path) -> Truth:
        campaign: dict[str, str | None] = {}
        kind: dict[str, str] = {}
        role: dict[str, str] = {}
        with (data / "truth.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                acc = row["account_id"]
                campaign[acc], kind[acc], role[acc] = row["campaign_id"], row["kind"], row["role"]
        return cls(campaign, kind, role)

    def planted(self, kinds: Iterable[str] = COORDINATED) -> set[str]:
        wanted = set(kinds)
        return {a for a, k in self.kind.items() if k in wanted and self.role[a] in PLANTED_ROLES}


@dataclass
class EdgeScore:
    """Account- and pair-level quality of a set of edges."""

    accounts: int
    planted: int
    hits: int
    pairs: int
    same_campaign_pairs: int
    correct: int = 0
    false_positive_rate: dict[str, float] = field(default_factory=dict)
    recall_by_kind: dict[str, float] = field(default_factory=dict)
    other_campaign_accounts: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.accounts if self.accounts else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.planted if self.planted else 1.0

    @property
    def pair_precision(self) -> float:
        return self.same_campaign_pairs / self.pairs if self.pairs else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "accounts_with_edges": self.accounts,
            "planted": self.planted,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "pairs": self.pairs,
            "pair_precision": round(self.pair_precision, 4),
            "false_positive_rate": {k: round(v, 4) for k, v in self.false_positive_rate.items()},
            "recall_by_kind": {k: round(v, 4) for k, v in self.recall_by_kind.items()},
            "other_campaign_accounts": self.other_campaign_accounts,
        }


def score_edges(
    pairs: Iterable[tuple[str, str]],
    truth: Truth,
    target: Iterable[str] = TARGET,
    coordinated: Iterable[str] = COORDINATED,
) -> EdgeScore:
    """Score undirected account pairs (duplicates and self-pairs are ignored): recall on
    the ``target`` kinds, precision and pair precision over all ``coordinated`` kinds."""
    target, coordinated = tuple(target), tuple(dict.fromkeys((*target, *coordinated)))
    planted = truth.planted(coordinated)
    wanted = truth.planted(target)
    unique = {(min(a, b), max(a, b)) for a, b in pairs if a != b}
    accounts = {a for pair in unique for a in pair}
    # an edge inside one planted campaign (one operator's accounts) is right whatever its kind
    inside = [
        (a, b)
        for a, b in unique
        if truth.role.get(a) in PLANTED_ROLES
        and truth.role.get(b) in PLANTED_ROLES
        and truth.campaign.get(a) is not None
        and truth.campaign.get(a) == truth.campaign.get(b)
    ]
    correct = (accounts & planted) | {a for pair in inside for a in pair}
    population = Counter(
        k for a, k in truth.kind.items() if truth.role[a] in ("hard_negative", "organic")
    )
    flagged = Counter(
        truth.kind[a]
        for a in accounts
        if a in truth.role and truth.role[a] in ("hard_negative", "organic")
    )
    other = sum(1 for a in accounts - correct if truth.role.get(a) in PLANTED_ROLES)
    by_kind = {k: truth.planted((k,)) for k in coordinated}
    return EdgeScore(
        accounts=len(accounts),
        planted=len(wanted),
        hits=len(accounts & wanted),
        correct=len(correct),
        recall_by_kind={k: len(v & accounts) / len(v) for k, v in by_kind.items() if v},
        pairs=len(unique),
        same_campaign_pairs=len(inside),
        false_positive_rate={k: flagged[k] / n for k, n in sorted(population.items())},
        other_campaign_accounts=other,
    )
