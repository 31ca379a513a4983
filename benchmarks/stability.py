"""Network stability: does a busier background move a planted network or change its id?

Issue bar: adding 10 % more organic activity changes no planted network's membership by
more than 5 % and keeps its id. For each seed this writes a world, then the same world with
``--extra-organic`` more organic posts and engagements (``lockstep synth --extra-organic``:
every planted campaign is identical, only the background is busier), runs the pipeline on
the first and then on the second with ``--previous`` pointing at the first run, so network
ids carry over as they would from one night's run to the next. Each planted coord.network
campaign is matched to its best network in both runs (``lockstep eval``'s matching); the
change is the symmetric difference of the two memberships over the first's size.

    .venv/bin/python benchmarks/stability.py [--seeds 1,2,3] [--accounts 5000] [--days 14]
                                             [--extra 0.1] [--out bench-out] [--check]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from lockstep.evaluate_networks import evaluate_networks
from lockstep.pipeline import run
from lockstep.progress import NullProgress
from lockstep.synth import synthesise

#: The issue's bar: a planted network's membership moves by at most this share.
CHANGE_BAR = 0.05


@dataclass(frozen=True)
class Moved:
    """One planted campaign's network in the base run and in the busier run."""

    seed: int
    campaign_id: str
    base_id: str | None
    busier_id: str | None
    base_size: int
    change: float | None

    @property
    def meets(self) -> bool:
        return (
            self.base_id is not None
            and self.base_id == self.busier_id
            and self.change is not None
            and self.change <= CHANGE_BAR
        )


def _members(run_dir: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in (run_dir / "networks.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[row["network_id"]] = set(row["account_ids"])
    return out


def measure(seed: int, accounts: int, days: int, extra: float, out: Path) -> list[Moved]:
    """Both worlds and both runs of one seed, and each planted network's movement."""
    root = out / f"stability-{seed}"
    shutil.rmtree(root, ignore_errors=True)
    base_data, busier_data = root / "base" / "data", root / "busier" / "data"
    base_run, busier_run = root / "base" / "run", root / "busier" / "run"
    synthesise(accounts, days, seed, base_data, NullProgress())
    synthesise(accounts, days, seed, busier_data, NullProgress(), extra_organic=extra)
    run(base_data, base_run)
    run(busier_data, busier_run, previous=base_run)
    base = evaluate_networks(base_data, base_run)
    busier = evaluate_networks(busier_data, busier_run)
    if base is None or busier is None:
        raise SystemExit(f"seed {seed}: a run wrote no networks")
    before, after = _members(base_run), _members(busier_run)
    matched = {c.campaign_id: c.network_id for c in busier.campaigns}
    rows = []
    for c in base.campaigns:
        new_id = matched.get(c.campaign_id)
        change = None
        if c.network_id is not None and new_id is not None:
            a, b = before[c.network_id], after[new_id]
            change = len(a ^ b) / len(a)
        size = len(before[c.network_id]) if c.network_id is not None else 0
        rows.append(Moved(seed, c.campaign_id, c.network_id, new_id, size, change))
    return rows


def render(rows: list[Moved], extra: float) -> str:
    lines = [
        f"Planted networks with {extra:.0%} more organic activity "
        f"(bar: membership change ≤ {CHANGE_BAR:.0%}, same id)",
        "",
        "| seed | campaign | network | members | change | same id | meets bar |",
        "|--:|---|---|--:|--:|---|---|",
    ]
    for r in rows:
        change = "—" if r.change is None else f"{r.change:.1%}"
        lines.append(
            f"| {r.seed} | {r.campaign_id} | {r.base_id or '—'} | {r.base_size} | {change} | "
            f"{'yes' if r.base_id and r.base_id == r.busier_id else 'no'} | "
            f"{'yes' if r.meets else '**no**'} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="1,2,3", help="comma-separated seeds")
    parser.add_argument("--accounts", type=int, default=5000, help="accounts per world")
    parser.add_argument("--days", type=int, default=14, help="days of activity per world")
    parser.add_argument("--extra", type=float, default=0.1, help="share more organic activity")
    parser.add_argument("--out", type=Path, default=Path("bench-out"), help="working folder")
    parser.add_argument("--check", action="store_true", help="exit 1 when the bar is missed")
    args = parser.parse_args(argv)
    rows = [
        r
        for seed in (int(s) for s in args.seeds.split(","))
        for r in measure(seed, args.accounts, args.days, args.extra, args.out)
    ]
    text = render(rows, args.extra)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "stability.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 1 if args.check and not all(r.meets for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
