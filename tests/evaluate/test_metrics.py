"""Scores of the handwritten world (see conftest.py), each figure worked out by hand here."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from lockstep.evaluate import BehaviourScore, Evaluation, evaluate
from tests.evaluate.conftest import COPY, DUP, LINK, RECIP, TRUTH, finding, truth_row, write_jsonl


def by_code(result: Evaluation) -> dict[str, BehaviourScore]:
    return {b.code: b for b in result.behaviours}


def f1(p: Fraction, r: Fraction) -> Fraction:
    return 2 * p * r / (p + r) if p + r else Fraction(0)


def test_precision_recall_f1_per_behaviour(world: tuple[Path, Path]) -> None:
    scores = by_code(evaluate(*world))

    # duplicate: flagged {a1, a2, o1, h1}, truth {a1, a2, a3} -> right a1, a2
    dup = scores[DUP]
    assert (dup.findings, dup.tp, dup.fp, dup.fn) == (4, 2, 2, 1)
    assert dup.precision == pytest.approx(float(Fraction(2, 4)))
    assert dup.recall == pytest.approx(float(Fraction(2, 3)))
    assert dup.f1 == pytest.approx(float(f1(Fraction(2, 4), Fraction(2, 3))))

    # copypasta: flagged {a1, a2, a3, h3}, truth {a1, a2, a3, a4}
    copy = scores[COPY]
    assert (copy.findings, copy.tp, copy.fp, copy.fn) == (1, 3, 1, 1)
    assert copy.precision == pytest.approx(0.75)
    assert copy.recall == pytest.approx(0.75)
    assert copy.f1 == pytest.approx(0.75)


def test_a_behaviour_without_findings_scores_recall_zero_and_says_so(
    world: tuple[Path, Path],
) -> None:
    recip = by_code(evaluate(*world))[RECIP]
    assert (recip.findings, recip.tp, recip.fp, recip.fn) == (0, 0, 0, 2)
    assert recip.recall == 0.0
    assert recip.precision is None  # nothing flagged: undefined, not a perfect 1 or a 0
    assert recip.f1 == 0.0
    assert recip.status == "no findings"


def test_flags_for_a_behaviour_nobody_has_are_all_false_positives(
    world: tuple[Path, Path],
) -> None:
    result = evaluate(*world)
    link = by_code(result)[LINK]
    # x9 (no truth row), o2 (organic) and a4 (a campaign member, but not for link_only)
    assert (link.tp, link.fp, link.fn) == (0, 3, 0)
    assert link.precision == 0.0
    assert link.recall is None
    assert link.status == "not in truth"
    assert result.unknown_accounts_flagged == 1


def test_behaviours_are_those_in_truth_or_findings_in_catalogue_order(
    world: tuple[Path, Path],
) -> None:
    assert [b.code for b in evaluate(*world).behaviours] == [DUP, COPY, LINK, RECIP]


def test_micro_and_macro_averages_cover_behaviours_with_findings(
    world: tuple[Path, Path],
) -> None:
    result = evaluate(*world)
    assert result.averaged_over == (DUP, COPY, LINK)  # reciprocal has no findings

    # micro pools the counts: tp 2+3+0, fp 2+1+3, fn 1+1+0
    tp, fp, fn = 5, 6, 2
    assert result.micro.precision == pytest.approx(tp / (tp + fp))
    assert result.micro.recall == pytest.approx(tp / (tp + fn))
    assert result.micro.f1 == pytest.approx(f1(Fraction(tp, tp + fp), Fraction(tp, tp + fn)))

    # macro is the plain mean; link_only has no recall, so recall averages over two
    p = [Fraction(2, 4), Fraction(3, 4), Fraction(0)]
    r = [Fraction(2, 3), Fraction(3, 4)]
    f = [f1(p[0], r[0]), f1(p[1], r[1]), Fraction(0)]
    assert result.macro.precision == pytest.approx(float(sum(p) / 3))
    assert result.macro.recall == pytest.approx(float(sum(r) / 2))
    assert result.macro.f1 == pytest.approx(float(sum(f) / 3))


def test_campaign_recall_counts_only_the_campaigns_own_behaviours(
    world: tuple[Path, Path],
) -> None:
    campaigns = {c.campaign_id: c for c in evaluate(*world).campaigns}
    assert set(campaigns) == {"c1", "c2"}  # g1 is a hard-negative group: nothing to recall
    # c1: a1-a3 flagged for duplicate/copypasta; a4 only for link_only, which c1 does not do
    c1 = campaigns["c1"]
    assert (c1.kind, c1.accounts, c1.flagged) == ("spam_ring", 4, 3)
    assert c1.recall == pytest.approx(0.75)
    # c2: nothing caught; the victim s1 (no behaviour of its own) is not in the denominator
    c2 = campaigns["c2"]
    assert (c2.kind, c2.accounts, c2.flagged, c2.recall) == ("engagement_pod", 2, 0, 0.0)
    assert c2.behaviours == (RECIP,)


def test_false_positive_rate_per_hard_negative_kind_and_on_organic(
    world: tuple[Path, Path],
) -> None:
    result = evaluate(*world)
    # organic o1 (duplicate, via a post finding) and o2 (link_only) of o1-o4
    assert (result.organic.accounts, result.organic.flagged) == (4, 2)
    assert result.organic.rate == pytest.approx(0.5)
    hard = {h.group: (h.accounts, h.flagged, h.rate) for h in result.hard_negatives}
    assert hard == {
        "branch_accounts": (1, 0, 0.0),
        "hobby_bot": (1, 1, 1.0),
        "organic_activism": (2, 1, 0.5),
    }


def test_without_campaigns_file_campaigns_come_from_truth(world: tuple[Path, Path]) -> None:
    data, run = world
    (data / "campaigns.jsonl").unlink()
    campaigns = {c.campaign_id: c for c in evaluate(data, run).campaigns}
    assert campaigns["c1"].behaviours == tuple(sorted((DUP, COPY)))
    assert campaigns["c1"].kind == "spam_ring"
    assert (campaigns["c1"].accounts, campaigns["c1"].flagged) == (4, 3)
    assert (campaigns["c2"].accounts, campaigns["c2"].flagged) == (2, 0)


def test_a_run_with_no_findings_scores_zero_recall_everywhere(world: tuple[Path, Path]) -> None:
    data, run = world
    (run / "findings.jsonl").write_text("")
    result = evaluate(data, run)
    assert result.findings == 0
    assert {b.code: (b.recall, b.status) for b in result.behaviours} == {
        DUP: (0.0, "no findings"),
        COPY: (0.0, "no findings"),
        RECIP: (0.0, "no findings"),
    }
    assert result.micro.f1 is None and result.macro.precision is None
    assert result.organic.flagged == 0
    assert all(c.flagged == 0 for c in result.campaigns)


def test_a_clean_run_leaves_every_non_violator_unflagged(tmp_path: Path) -> None:
    data, run = tmp_path / "data", tmp_path / "run"
    write_jsonl(data / "truth.jsonl", TRUTH)
    write_jsonl(run / "findings.jsonl", [finding(DUP, ["a1", "a2", "a3"])])
    result = evaluate(data, run)
    assert by_code(result)[DUP].precision == 1.0
    assert by_code(result)[DUP].recall == 1.0
    assert result.organic.rate == 0.0
    assert all(h.rate == 0.0 for h in result.hard_negatives)
    assert result.unknown_accounts_flagged == 0


def test_truth_without_kind_column_groups_hard_negatives_as_unspecified(tmp_path: Path) -> None:
    # DESIGN §5 promises only account_id, campaign_id, behaviours and role
    data, run = tmp_path / "data", tmp_path / "run"
    rows = [{k: v for k, v in r.items() if k != "kind"} for r in TRUTH]
    write_jsonl(data / "truth.jsonl", rows)
    write_jsonl(run / "findings.jsonl", [finding(DUP, ["h4"])])
    hard = evaluate(data, run).hard_negatives
    assert [(h.group, h.accounts, h.flagged) for h in hard] == [("unspecified", 4, 1)]


def test_same_input_gives_the_same_result(world: tuple[Path, Path]) -> None:
    assert evaluate(*world).to_dict() == evaluate(*world).to_dict()


def test_blank_lines_are_not_rows(tmp_path: Path) -> None:
    data, run = tmp_path / "data", tmp_path / "run"
    write_jsonl(data / "truth.jsonl", [truth_row("a1", "c1", [DUP], "member", "spam_ring")])
    run.mkdir()
    (run / "findings.jsonl").write_text("\n\n")
    result = evaluate(data, run)
    assert (result.accounts, result.findings) == (1, 0)
