"""A small handwritten world: truth, campaigns and a run's findings, scored by hand in tests.

Accounts
    a1 a2 a3 a4  campaign c1 (spam_ring): a1-a3 duplicate + copypasta, a4 copypasta only
    b1 b2        campaign c2 (engagement_pod): reciprocal; s1 is the pod's victim ("source",
                 no behaviour of its own)
    o1 o2 o3 o4  organic
    h1 h2        hard negatives, organic_activism, listed as group g1 in campaigns.jsonl
    h3           hard negative, hobby_bot
    h4           hard negative, branch_accounts

Findings
    spam.duplicate_posts  [a1]  [a2]  [a2, o1]  [h1]
    spam.copypasta        [a1, a2, a3, h3]
    spam.link_only        [x9, o2, a4]      (x9 has no truth row; nobody's truth has link_only)
    engagement.reciprocal none              (no detector yet)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

DUP, COPY, LINK, RECIP = (
    "spam.duplicate_posts",
    "spam.copypasta",
    "spam.link_only",
    "engagement.reciprocal",
)


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def truth_row(
    account: str, campaign: str | None, behaviours: list[str], role: str, kind: str
) -> dict[str, Any]:
    return {
        "account_id": account,
        "campaign_id": campaign,
        "behaviours": behaviours,
        "role": role,
        "kind": kind,
    }


TRUTH = [
    truth_row("a1", "c1", [DUP, COPY], "member", "spam_ring"),
    truth_row("a2", "c1", [DUP, COPY], "member", "spam_ring"),
    truth_row("a3", "c1", [DUP, COPY], "operator", "spam_ring"),
    truth_row("a4", "c1", [COPY], "member", "spam_ring"),
    truth_row("b1", "c2", [RECIP], "member", "engagement_pod"),
    truth_row("b2", "c2", [RECIP], "member", "engagement_pod"),
    truth_row("s1", "c2", [], "source", "engagement_pod"),
    *(truth_row(f"o{i}", None, [], "organic", "organic") for i in range(1, 5)),
    truth_row("h1", "g1", [], "hard_negative", "organic_activism"),
    truth_row("h2", "g1", [], "hard_negative", "organic_activism"),
    truth_row("h3", None, [], "hard_negative", "hobby_bot"),
    truth_row("h4", None, [], "hard_negative", "branch_accounts"),
]

CAMPAIGNS = [
    {
        "campaign_id": "c1",
        "kind": "spam_ring",
        "behaviours": [DUP, COPY],
        "accounts": 4,
        "tactics": ["T0084.001"],
        "params": {"posts_per_day": 12},
        "targets": [],
    },
    {
        "campaign_id": "c2",
        "kind": "engagement_pod",
        "behaviours": [RECIP],
        "accounts": 3,
        "tactics": [],
        "params": {},
        "targets": ["s1"],
    },
    {
        # a hard-negative group: listed like a campaign, but it violates nothing
        "campaign_id": "g1",
        "kind": "organic_activism",
        "behaviours": [],
        "accounts": 2,
        "tactics": [],
        "params": {"topic": "climate"},
        "targets": [],
    },
]


def finding(behaviour: str, accounts: list[str], subject: str = "account") -> dict[str, Any]:
    """A findings.jsonl row shaped like the pipeline writes it, evidence object included."""
    return {
        "finding_id": f"{behaviour}:{'-'.join(accounts)}",
        "behaviour": behaviour,
        "policy": "platform-manipulation.spam",
        "detector": behaviour,
        "detector_version": "1",
        "subject_type": subject,
        "subject_id": accounts[0] if accounts else "p1",
        "account_ids": accounts,
        "score": 0.9,
        "window_start": "2024-01-01T00:00:00Z",
        "window_end": None,
        "evidence": {"summary": "test", "posts": [{"id": "p1", "n": 3}]},
    }


FINDINGS = [
    finding(DUP, ["a1"]),
    finding(DUP, ["a2"]),
    finding(DUP, ["a2", "o1"], subject="post"),
    finding(DUP, ["h1"]),
    finding(COPY, ["a1", "a2", "a3", "h3"], subject="post"),
    finding(LINK, ["x9", "o2", "a4"], subject="url"),
]


@pytest.fixture
def world(tmp_path: Path) -> tuple[Path, Path]:
    """(data folder, run folder) of the handwritten world."""
    data, run = tmp_path / "data", tmp_path / "run"
    write_jsonl(data / "truth.jsonl", TRUTH)
    write_jsonl(data / "campaigns.jsonl", CAMPAIGNS)
    write_jsonl(run / "findings.jsonl", FINDINGS)
    return data, run
