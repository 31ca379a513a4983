"""Recidivism quality: disrupted networks return in a platform's next period; are they caught?

For each seed the harness makes a two-period platform (``lockstep synth --second-period``),
then does what a trust-and-safety team does:

1. ``lockstep run`` on the first period with a ledger: networks are found and decided on, and
   their fingerprints recorded;
2. the analyst review: a pending decision is confirmed when it is right by the truth (a network
   most of whose members are planted violators; an account decision whose accounts all are)
   and left pending otherwise, as a careful analyst would;
3. ``lockstep run`` on the second period with the same ledger.

It then scores the second run's ``coord.recidivism`` findings against the truth:

- **caught and named**: of the accounts of returning networks whose first-period network was
  disrupted (a decision on it applied), the share with a ``coord.recidivism`` finding naming a
  first-period network made mostly of that campaign's members (the bar: at least 90 %);
- **false-positive rate** of ``coord.recidivism`` among the second period's organic accounts and
  each kind of hard negative, the organic look-alikes of the returning networks included (the
  bar: at most 0.5 % for each);
- for reference, the first-period networks disrupted, and how the findings split by truth role.

Results go to ``bench-out/recidivism.json`` and ``bench-out/recidivism.md`` (printed too).

    .venv/bin/python benchmarks/recidivism.py [--seeds 1,2,3] [--accounts 5000] [--days 14]
                                              [--out bench-out] [--check]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from lockstep.enforce.actions import confirm
from lockstep.fingerprint.ledger import in_effect
from lockstep.ledger.state import LedgerState
from lockstep.ledger.store import Ledger, now_utc
from lockstep.pipeline import run
from lockstep.progress import NullProgress
from lockstep.synth import synthesise

CAUGHT_BAR = 0.90
FPR_BAR = 0.005
BEHAVIOUR = "coord.recidivism"
ANALYST = "benchmark-analyst"


@dataclass
class SeedResult:
    seed: int
    networks_planted: int = 0
    networks_disrupted: int = 0
    confirmed: int = 0
    left_pending: int = 0
    returning: int = 0
    returning_disrupted: int = 0
    caught: int = 0
    named: int = 0
    groups: dict[str, list[int]] = field(default_factory=dict)
    flagged_by_role: dict[str, int] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)

    @property
    def named_share(self) -> float | None:
        return self.named / self.returning_disrupted if self.returning_disrupted else None

    def fpr(self, group: str) -> float | None:
        flagged, total = self.groups.get(group, [0, 0])
        return flagged / total if total else None


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _majority(members: Sequence[str], truth: dict[str, dict[str, Any]]) -> str | None:
    """The planted campaign most of the network's members belong to, if any."""
    counted = Counter(
        truth[a]["campaign_id"]
        for a in members
        if a in truth and truth[a]["role"] in {"member", "operator"}
    )
    if not counted:
        return None
    campaign, n = counted.most_common(1)[0]
    return campaign if n * 2 > len(members) else None


def review(ledger_url: str, run_dir: Path, truth: dict[str, dict[str, Any]]) -> tuple[int, int]:
    """Confirm the pending decisions the truth bears out; returns (confirmed, left pending)."""
    networks = {n["network_id"]: n for n in _jsonl(run_dir / "networks.jsonl")}
    confirmed = left = 0
    with Ledger(ledger_url) as ledger:
        state = LedgerState.fold(ledger.events())
        for ds in sorted(state.decisions.values(), key=lambda d: d.decision.decision_id):
            d = ds.decision
            if ds.applied or ds.reversal is not None or d.automated:
                continue
            network = d.evidence.get("network_id")
            if network is not None:
                right = _majority(networks[network]["account_ids"], truth) is not None
            else:
                right = all(truth.get(a, {}).get("behaviours") for a in d.account_ids)
            if right:
                confirm(ledger, d.decision_id, ANALYST)
                confirmed += 1
            else:
                left += 1
    return confirmed, left


def score_seed(seed: int, accounts: int, days: int, out: Path) -> SeedResult:
    base = out / f"seed-{seed}"
    shutil.rmtree(base, ignore_errors=True)
    first, second = base / "period-1", base / "period-2"
    synthesise(accounts, days, seed, first, NullProgress(), second_period=second)
    ledger = str(base / "ledger.sqlite")
    run(first, base / "run-1", ledger=ledger)
    truth1 = {r["account_id"]: r for r in _jsonl(first / "truth.jsonl")}
    result = SeedResult(seed)
    result.confirmed, result.left_pending = review(ledger, base / "run-1", truth1)
    # kept so the second run can be repeated from the same ledger
    shutil.copy(ledger, base / "ledger-after-review.sqlite")
    run(second, base / "run-2", ledger=ledger)
    _score(result, base, truth1)
    return result


def _score(result: SeedResult, base: Path, truth1: dict[str, dict[str, Any]]) -> None:
    first, second = base / "period-1", base / "period-2"
    campaigns1 = {c["campaign_id"]: c for c in _jsonl(first / "campaigns.jsonl")}
    campaigns2 = {c["campaign_id"]: c for c in _jsonl(second / "campaigns.jsonl")}
    truth2 = {r["account_id"]: r for r in _jsonl(second / "truth.jsonl")}
    result.networks_planted = sum(1 for c in campaigns1.values() if c["kind"] == "coord.network")
    # first-period networks per campaign, and which of them the ledger holds as taken down
    # (the fingerprints the second run matched against)
    with Ledger(str(base / "ledger.sqlite")) as ledger:
        live = {
            fp.subject_id for fp in in_effect(ledger.events(), now_utc()) if fp.kind == "network"
        }
    of_campaign: dict[str, set[str]] = defaultdict(set)
    for n in _jsonl(base / "run-1" / "networks.jsonl"):
        campaign = _majority(n["account_ids"], truth1)
        if campaign is not None and n["network_id"] in live:
            of_campaign[campaign].add(n["network_id"])
    result.networks_disrupted = sum(
        1 for c, nets in of_campaign.items() if campaigns1[c]["kind"] == "coord.network" and nets
    )
    named: dict[str, str | None] = {}
    for f in _jsonl(base / "run-2" / "findings.jsonl"):
        if f["behaviour"] == BEHAVIOUR:
            named[f["subject_id"]] = f["evidence"].get("network_id")
    for account, row in truth2.items():
        campaign = campaigns2.get(row["campaign_id"] or "")
        origin = (campaign or {}).get("params", {}).get("returns")
        if origin is None or campaign is None or campaign["kind"] != BEHAVIOUR:
            continue
        result.returning += 1
        if not of_campaign.get(origin):
            continue
        result.returning_disrupted += 1
        if account in named:
            result.caught += 1
            if named[account] in of_campaign[origin]:
                result.named += 1
                continue
        result.missed.append(account)
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    roles: Counter[str] = Counter()
    for account, row in truth2.items():
        hit = account in named
        if hit:
            kind = (campaigns2.get(row["campaign_id"] or "") or {}).get("kind", "organic")
            roles[f"{row['role']}:{kind}"] += 1
        if row["role"] == "organic":
            key = "organic"
        elif row["role"] == "hard_negative":
            key = str(row["kind"])
        else:
            continue
        groups[key][0] += int(hit)
        groups[key][1] += 1
    result.groups = dict(sorted(groups.items()))
    result.flagged_by_role = dict(sorted(roles.items()))


def render(results: Sequence[SeedResult], accounts: int, days: int) -> str:
    seeds = [r.seed for r in results]
    head = " | ".join(f"seed {s}" for s in seeds)
    sep = "|---|" + "--:|" * len(seeds) + "---|"

    def line(name: str, cells: list[str], verdict: str = "") -> str:
        return f"| {name} | {' | '.join(cells)} | {verdict} |"

    def pct(v: float | None, digits: int = 1) -> str:
        return "—" if v is None else f"{v:.{digits}%}"

    shares = [r.named_share for r in results]
    known = [s for s in shares if s is not None]
    ok = bool(known) and min(known) >= CAUGHT_BAR
    lines = [
        f"Two-period worlds of {accounts:,} accounts × {days} days each, seeds "
        f"{', '.join(map(str, seeds))}.",
        "",
        f"| returning networks | {head} | meets bar |",
        sep,
        line("first-period networks planted", [str(r.networks_planted) for r in results]),
        line("of them disrupted in run 1", [str(r.networks_disrupted) for r in results]),
        line(
            "decisions confirmed / left pending",
            [f"{r.confirmed} / {r.left_pending}" for r in results],
        ),
        line("returning accounts", [str(r.returning) for r in results]),
        line("of disrupted networks", [str(r.returning_disrupted) for r in results]),
        line("caught (any reference)", [str(r.caught) for r in results]),
        line(
            f"caught and named to the right network (bar ≥ {CAUGHT_BAR:.0%})",
            [f"{r.named} ({pct(r.named_share)})" for r in results],
            "yes" if ok else "**no**",
        ),
        "",
        f"| `coord.recidivism` false-positive rate | {head} | meets bar |",
        sep,
    ]
    names = sorted({g for r in results for g in r.groups}, key=lambda g: (g != "organic", g))
    for g in names:
        figures = [r.fpr(g) for r in results]
        vals = [f for f in figures if f is not None]
        verdict = "yes" if vals and max(vals) <= FPR_BAR else "**no**"
        cells = [
            f"{pct(f, 2)} ({r.groups.get(g, [0, 0])[0]}/{r.groups.get(g, [0, 0])[1]})"
            for f, r in zip(figures, results, strict=True)
        ]
        lines.append(line(f"`{g}`", cells, verdict))
    lines += ["", "Accounts with a `coord.recidivism` finding in run 2, by role and kind:", ""]
    for r in results:
        shown = ", ".join(f"{k} {v}" for k, v in r.flagged_by_role.items()) or "none"
        lines.append(f"- seed {r.seed}: {shown}")
    return "\n".join(lines)


def misses(results: Sequence[SeedResult]) -> list[str]:
    out = []
    shares = [r.named_share for r in results]
    if any(s is None or s < CAUGHT_BAR for s in shares):
        out.append("caught and named")
    for r in results:
        for g in r.groups:
            rate = r.fpr(g)
            if rate is not None and rate > FPR_BAR:
                out.append(f"{g} (seed {r.seed})")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="1,2,3", help="comma-separated seeds (default 1,2,3)")
    parser.add_argument("--accounts", type=int, default=5000, help="accounts per period")
    parser.add_argument("--days", type=int, default=14, help="days of activity per period")
    parser.add_argument("--out", type=Path, default=Path("bench-out"), help="working folder")
    parser.add_argument("--check", action="store_true", help="exit 1 when a bar is missed")
    args = parser.parse_args(argv)
    seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    results = []
    for seed in seeds:
        print(f"seed {seed}: synth, run, review, run …", file=sys.stderr, flush=True)
        results.append(score_seed(seed, args.accounts, args.days, args.out / "recidivism"))
    text = render(results, args.accounts, args.days)
    payload = {
        "seeds": seeds,
        "accounts": args.accounts,
        "days": args.days,
        "results": [{**asdict(r), "named_share": r.named_share} for r in results],
        "misses": misses(results),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "recidivism.json").write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    (args.out / "recidivism.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    missed = misses(results)
    if missed:
        print(f"\nmisses the bar: {', '.join(missed)}", file=sys.stderr)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
