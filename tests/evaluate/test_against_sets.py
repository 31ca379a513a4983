"""The engine's set arithmetic agrees with the definition written as plain Python sets."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from lockstep.evaluate import evaluate
from tests.evaluate.conftest import finding, truth_row, write_jsonl

CODES = ["spam.duplicate_posts", "spam.copypasta", "engagement.lockstep", "coord.network"]
ACCOUNTS = [f"u{i}" for i in range(12)]
KINDS = ["organic_activism", "hobby_bot"]

truth_rows = st.lists(
    st.tuples(
        st.sampled_from(["organic", "member", "operator", "hard_negative", "source"]),
        st.sampled_from([None, "c1", "c2"]),
        st.lists(st.sampled_from(CODES), unique=True, max_size=3),
        st.sampled_from(KINDS),
    ),
    min_size=len(ACCOUNTS),
    max_size=len(ACCOUNTS),
)
finding_rows = st.lists(
    st.tuples(
        st.sampled_from(CODES),
        st.lists(st.sampled_from([*ACCOUNTS, "ghost"]), max_size=4),
    ),
    max_size=8,
)


def _truth(raw: list[tuple[str, str | None, list[str], str]]) -> list[dict[str, Any]]:
    rows = []
    for account, (role, campaign, codes, kind) in zip(ACCOUNTS, raw, strict=True):
        violator = role in ("member", "operator")
        rows.append(
            truth_row(
                account,
                campaign if role not in ("organic", "hard_negative") else None,
                codes if violator else [],
                role,
                kind if role == "hard_negative" else "organic" if role == "organic" else "ring",
            )
        )
    return rows


@settings(max_examples=20, deadline=None)
@given(truth_rows, finding_rows)
def test_scores_match_a_set_based_reference(
    raw_truth: list[tuple[str, str | None, list[str], str]],
    raw_findings: list[tuple[str, list[str]]],
) -> None:
    truth = _truth(raw_truth)
    with tempfile.TemporaryDirectory() as tmp:
        data, run = Path(tmp) / "data", Path(tmp) / "run"
        write_jsonl(data / "truth.jsonl", truth)
        write_jsonl(run / "findings.jsonl", [finding(b, a) for b, a in raw_findings])
        result = evaluate(data, run)

    predicted: dict[str, set[str]] = {}
    for code, accounts in raw_findings:
        predicted.setdefault(code, set()).update(accounts)
    actual: dict[str, set[str]] = {}
    for row in truth:
        for code in row["behaviours"]:
            actual.setdefault(code, set()).add(row["account_id"])
    expected = {
        code: (
            len(predicted.get(code, set()) & actual.get(code, set())),
            len(predicted.get(code, set()) - actual.get(code, set())),
            len(actual.get(code, set()) - predicted.get(code, set())),
        )
        for code in set(predicted) | set(actual)
    }
    assert {b.code: (b.tp, b.fp, b.fn) for b in result.behaviours} == expected

    flagged = set().union(*predicted.values()) if predicted else set()
    organic = [r["account_id"] for r in truth if r["role"] == "organic"]
    assert result.organic.accounts == len(organic)
    assert result.organic.flagged == len(flagged & set(organic))

    campaigns: dict[str, list[dict[str, Any]]] = {}
    for row in truth:
        if row["campaign_id"] and row["behaviours"]:
            campaigns.setdefault(row["campaign_id"], []).append(row)
    want = {}
    for cid, members in campaigns.items():
        codes = {c for m in members for c in m["behaviours"]}
        hit = {
            m["account_id"]
            for m in members
            for c in codes
            if m["account_id"] in predicted.get(c, set())
        }
        want[cid] = (len(members), len(hit))
    assert {c.campaign_id: (c.accounts, c.flagged) for c in result.campaigns} == want
    assert result.unknown_accounts_flagged == int("ghost" in flagged)
