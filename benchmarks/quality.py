"""``make quality``: detection quality on synthetic worlds of several seeds, against the bars.

The issues set their quality bars per behaviour on worlds of three seeds: F1 ≥ 0.95 for every
behaviour a detector emits, and a false-positive rate ≤ 0.5 % on organic accounts and on every
kind of hard negative the seeds say is not a violation. One seed can flatter a detector; this
harness scores the same detectors on several worlds and shows, per behaviour and per group, the
figure of each seed and whether the worst of them meets the bar. Issue 5's network bars are a
third table: each planted coordinated campaign's best-matching network has Jaccard ≥ 0.9, no
network has a majority of organic or hard-negative accounts, and tactics precision and recall
are ≥ 0.9 (``coord.network``'s F1 row is shown but judged by this table).

For each seed it writes a world (``lockstep.synth.synthesise``), runs the pipeline on it
(``lockstep.pipeline.run``) and scores the run (``lockstep.evaluate.evaluate``): the same calls
as ``lockstep synth``, ``lockstep run`` and ``lockstep eval``. Results go to
``bench-out/quality.json`` and ``bench-out/quality.md`` (printed on stdout too).

    .venv/bin/python benchmarks/quality.py [--seeds 1,2,3] [--accounts 5000] [--days 14]
                                           [--out bench-out] [--check]

With ``--check`` the exit code is 1 when a bar is missed, for use as a gate.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lockstep.evaluate import Evaluation, evaluate
from lockstep.evaluate_networks import NetworkEvaluation
from lockstep.pipeline import run
from lockstep.progress import NullProgress
from lockstep.synth import synthesise

#: The issues' bars: per-behaviour F1 at least this, per-group false-positive rate at most this.
F1_BAR = 0.95
FPR_BAR = 0.005
#: Issue 5: each planted campaign's best-matching network, Jaccard at least this.
NETWORK_BAR = 0.9
NETWORK = "coord.network"


@dataclass(frozen=True)
class Row:
    """One line of a table: a name, one figure per seed (None: not measurable), and the verdict."""

    name: str
    figures: tuple[float | None, ...]
    meets: bool | None


def score_seed(seed: int, accounts: int, days: int, out: Path) -> Evaluation:
    """Synthesise, run and evaluate one world; keeps nothing but the scores."""
    data, run_dir = out / f"seed-{seed}" / "data", out / f"seed-{seed}" / "run"
    for folder in (data, run_dir):
        shutil.rmtree(folder, ignore_errors=True)
    synthesise(accounts, days, seed, data, NullProgress())
    run(data, run_dir)
    return evaluate(data, run_dir)


def behaviour_rows(results: Sequence[Evaluation]) -> list[Row]:
    """F1 per behaviour and seed, for behaviours some detector flagged in some world.

    A behaviour with findings in no world has no detector yet and no row; one planted in a
    world but never flagged there scores F1 0 for that seed, which misses the bar.
    """
    codes = [b.code for b in results[0].behaviours]
    rows = []
    for code in codes:
        scores = [next(b for b in r.behaviours if b.code == code) for r in results]
        if not any(s.findings for s in scores):
            continue
        figures = tuple(s.f1 for s in scores)
        known = [f for f in figures if f is not None]
        # coord.network is judged by the network bars below (Jaccard per planted campaign),
        # not by F1: its accounts include every coordinated campaign's, not only networks'
        bar = None if code == NETWORK or not known else min(known) >= F1_BAR
        rows.append(Row(code, figures, bar))
    return rows


def network_rows(results: Sequence[Evaluation]) -> list[Row]:
    """Issue 5's bars per seed: the worst planted campaign's Jaccard with its best network,
    networks whose majority is organic or hard-negative, tactics precision and recall."""
    nets = [r.networks for r in results]

    def figures(read: Callable[[NetworkEvaluation], float | None]) -> tuple[float | None, ...]:
        return tuple(None if n is None else read(n) for n in nets)

    def judged(name: str, values: tuple[float | None, ...], ok: Callable[[float], bool]) -> Row:
        known = [v for v in values if v is not None]
        return Row(name, values, all(ok(v) for v in known) if known else None)

    return [
        judged("min Jaccard", figures(lambda n: n.min_jaccard), lambda v: v >= NETWORK_BAR),
        judged(
            "negative-majority networks",
            figures(lambda n: float(len(n.majority_negative))),
            lambda v: v == 0,
        ),
        judged("tactics precision", figures(lambda n: n.tactics_precision), lambda v: v >= 0.9),
        judged("tactics recall", figures(lambda n: n.tactics_recall), lambda v: v >= 0.9),
    ]


def group_rows(results: Sequence[Evaluation]) -> list[Row]:
    """False-positive rate of organic accounts and of each hard-negative kind, per seed."""
    groups: list[str] = ["organic"]
    for result in results:
        groups += [h.group for h in result.hard_negatives if h.group not in groups]
    rows = []
    for group in groups:
        figures: list[float | None] = []
        for result in results:
            rates = [result.organic] if group == "organic" else list(result.hard_negatives)
            match = [g.rate for g in rates if g.group == group]
            figures.append(match[0] if match else None)
        known = [f for f in figures if f is not None]
        rows.append(Row(group, tuple(figures), max(known) <= FPR_BAR if known else None))
    return rows


def _cell(value: float | None, digits: int) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _verdict(meets: bool | None) -> str:
    return {True: "yes", False: "**no**", None: "—"}[meets]


def table(title: str, seeds: Sequence[int], rows: Sequence[Row], digits: int) -> str:
    head = " | ".join(f"seed {s}" for s in seeds)
    lines = [
        f"| {title} | {head} | meets bar |",
        "|---|" + "--:|" * len(seeds) + "---|",
    ]
    for row in rows:
        cells = " | ".join(_cell(f, digits) for f in row.figures)
        lines.append(f"| `{row.name}` | {cells} | {_verdict(row.meets)} |")
    return "\n".join(lines)


def render(seeds: Sequence[int], accounts: int, days: int, results: Sequence[Evaluation]) -> str:
    behaviours, groups = behaviour_rows(results), group_rows(results)
    return "\n\n".join(
        [
            f"Worlds of {accounts:,} accounts × {days} days, seeds {', '.join(map(str, seeds))}.",
            f"F1 per behaviour (bar: ≥ {F1_BAR} on every seed)\n\n"
            + table("behaviour", seeds, behaviours, 3),
            f"False-positive rate per group (bar: ≤ {FPR_BAR:.1%} on every seed)\n\n"
            + table("group", seeds, groups, 4),
            f"Planted networks (bars: Jaccard ≥ {NETWORK_BAR}, no network with a majority of "
            "organic or hard-negative accounts, tactics precision and recall ≥ 0.9)\n\n"
            + table("network metric", seeds, network_rows(results), 3),
        ]
    )


def misses(results: Sequence[Evaluation]) -> list[str]:
    """Names of the behaviours, groups and network metrics that miss their bar."""
    rows = behaviour_rows(results) + group_rows(results) + network_rows(results)
    return [r.name for r in rows if r.meets is False]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="1,2,3", help="comma-separated seeds (default 1,2,3)")
    parser.add_argument("--accounts", type=int, default=5000, help="accounts per world")
    parser.add_argument("--days", type=int, default=14, help="days of activity per world")
    parser.add_argument("--out", type=Path, default=Path("bench-out"), help="working folder")
    parser.add_argument("--check", action="store_true", help="exit 1 when a bar is missed")
    args = parser.parse_args(argv)
    seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    out: Path = args.out / "quality"
    results = []
    for seed in seeds:
        print(f"seed {seed}: synth, run, eval …", file=sys.stderr, flush=True)
        results.append(score_seed(seed, args.accounts, args.days, out))
    text = render(seeds, args.accounts, args.days, results)
    payload: dict[str, Any] = {
        "seeds": seeds,
        "accounts": args.accounts,
        "days": args.days,
        "results": {str(s): r.to_dict() for s, r in zip(seeds, results, strict=True)},
        "misses": misses(results),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "quality.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    (args.out / "quality.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    missed = misses(results)
    if missed:
        print(f"\nmisses the bar: {', '.join(missed)}", file=sys.stderr)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
