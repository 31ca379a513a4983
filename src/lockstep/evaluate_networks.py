"""Network metrics of ``lockstep eval``: planted campaigns against detected networks.

For every planted coordinated campaign (``kind`` ``coord.network`` in campaigns.jsonl) the
best-matching detected network is the one with the highest Jaccard similarity of account
sets (all the campaign's accounts in truth.jsonl, whatever their role). Tactics are scored
against that best match: a planted DISARM id the network carries is a true positive, one it
lacks a false negative, one it carries that was not planted a false positive; precision
and recall pool the counts over campaigns (a campaign with no match contributes only false
negatives). A detected network is *majority negative* when more than half of its members
are organic accounts or the seeds' hard negatives (activists, fans, branches, ...).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.table import Table

from lockstep.errors import BadInputError

NETWORKS_FILE = "networks.jsonl"
PLANTED_KIND = "coord.network"
NEGATIVE_ROLES = ("organic", "hard_negative")


@dataclass(frozen=True)
class CampaignMatch:
    campaign_id: str
    accounts: int
    network_id: str | None
    jaccard: float
    planted: tuple[str, ...]
    found: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "accounts": self.accounts,
            "network_id": self.network_id,
            "jaccard": self.jaccard,
            "tactics_planted": list(self.planted),
            "tactics_found": list(self.found),
        }


@dataclass(frozen=True)
class NetworkEvaluation:
    networks: int
    campaigns: tuple[CampaignMatch, ...]
    #: network id -> share of members that are organic or hard negatives, when above half
    majority_negative: dict[str, float]

    def _counts(self) -> tuple[int, int, int]:
        tp = sum(len(set(c.planted) & set(c.found)) for c in self.campaigns)
        fp = sum(len(set(c.found) - set(c.planted)) for c in self.campaigns)
        fn = sum(len(set(c.planted) - set(c.found)) for c in self.campaigns)
        return tp, fp, fn

    @property
    def tactics_precision(self) -> float | None:
        tp, fp, _ = self._counts()
        return tp / (tp + fp) if tp + fp else None

    @property
    def tactics_recall(self) -> float | None:
        tp, _, fn = self._counts()
        return tp / (tp + fn) if tp + fn else None

    @property
    def min_jaccard(self) -> float | None:
        return min((c.jaccard for c in self.campaigns), default=None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "networks": self.networks,
            "campaigns": {c.campaign_id: c.to_dict() for c in self.campaigns},
            "min_jaccard": self.min_jaccard,
            "majority_negative": self.majority_negative,
            "tactics_precision": self.tactics_precision,
            "tactics_recall": self.tactics_recall,
        }


def _jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except ValueError as exc:
                raise BadInputError(f"line {number} is not JSON: {exc}", path) from exc
    return rows


def evaluate_networks(data: Path, out: Path) -> NetworkEvaluation | None:
    """Network metrics, or None when the run has no networks.jsonl (an older run)."""
    path = Path(out) / NETWORKS_FILE
    if not path.is_file():
        return None
    networks = _jsonl(path)
    truth = _jsonl(Path(data) / "truth.jsonl")
    campaigns_path = Path(data) / "campaigns.jsonl"
    campaigns = _jsonl(campaigns_path) if campaigns_path.is_file() else []
    members: dict[str, set[str]] = defaultdict(set)
    role: dict[str, str] = {}
    for row in truth:
        role[row["account_id"]] = row.get("role") or ""
        if row.get("campaign_id"):
            members[row["campaign_id"]].add(row["account_id"])
    found = [(str(n["network_id"]), set(n["account_ids"]), n) for n in networks]
    matches = []
    for c in campaigns:
        if c.get("kind") != PLANTED_KIND:
            continue
        cid = str(c["campaign_id"])
        planted = set(members.get(cid, set()))
        best: tuple[float, str | None, list[str]] = (0.0, None, [])
        for nid, accounts, record in found:
            union = len(planted | accounts)
            score = len(planted & accounts) / union if union else 0.0
            if score > best[0]:
                best = (score, nid, [t["id"] for t in record.get("tactics") or []])
        matches.append(
            CampaignMatch(
                cid,
                len(planted),
                best[1],
                round(best[0], 4),
                tuple(sorted(c.get("tactics") or [])),
                tuple(sorted(best[2])),
            )
        )
    negative = {}
    for nid, accounts, _ in found:
        share = sum(1 for a in accounts if role.get(a) in NEGATIVE_ROLES) / len(accounts)
        if share > 0.5:
            negative[nid] = round(share, 4)
    return NetworkEvaluation(len(networks), tuple(matches), negative)


def network_table(result: NetworkEvaluation, style: dict[str, Any]) -> Table:
    """Best match per planted campaign, then tactics P/R and majority-negative networks."""

    def fmt(value: float | None) -> str:
        return "—" if value is None else f"{value:.3f}"

    notes = [
        f"{result.networks} network(s) detected; {len(result.majority_negative)} with a "
        "majority of organic or hard-negative accounts.",
        f"Tactics precision {fmt(result.tactics_precision)}, recall {fmt(result.tactics_recall)}.",
    ]
    table = Table(
        title="Planted networks (best-matching detected network)",
        title_justify="left",
        caption="\n".join(notes),
        caption_justify="left",
        **style,
    )
    table.add_column("campaign")
    table.add_column("accounts", justify="right")
    table.add_column("network")
    table.add_column("Jaccard", justify="right")
    table.add_column("tactics found/planted", justify="right")
    for c in result.campaigns:
        hit = len(set(c.planted) & set(c.found))
        table.add_row(
            c.campaign_id,
            str(c.accounts),
            c.network_id or "—",
            fmt(c.jaccard),
            f"{hit}/{len(c.planted)} (+{len(set(c.found) - set(c.planted))})",
        )
    if not result.campaigns:
        table.add_row("(no planted networks)", "", "", "", "")
    return table
