"""``make bench``: time and size the pipeline on synthetic worlds of about 1M and 10M events.

For each size it runs three steps, each in a child process of its own (see harness.py):

    synth  write a synthetic world (``lockstep.synth.synthesise``)
    run    the whole pipeline on it (``lockstep.pipeline.run``), per-stage times from its summary
    eval   score the run against the world's truth (``lockstep.evaluate.evaluate``)

and records wall time and peak resident memory of each step, the world's actual row counts,
the pipeline's per-stage and per-detector times, and the machine. Results go to
``bench-out/results.json`` (rewritten after every size, so a later failure keeps earlier
figures) and a Markdown table on stdout, ready for docs/benchmarks.md. A failed step is named
with the end of its log, the remaining steps are not run, and the exit code is 1.
``--real DIR`` also times the ``run`` step alone on an existing dataset (no truth to score).

    .venv/bin/python benchmarks/run.py [--sizes 1m,10m] [--days 14] [--seed 1] [--keep]
                                       [--real DIR ...] [--timeout S] [--out bench-out]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from harness import machine_facts, measure, own_peak_rss_bytes

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
STEP = HERE / "step.py"

#: Tables whose rows are activity events; accounts are the population, not events.
EVENT_TABLES = ("posts", "engagements", "sessions")

#: What the synthesiser produces per account per day, on average, to size a world up front.
#: The figures reported are always the counts the synthesiser actually returned.
EVENTS_PER_ACCOUNT_DAY = 7

#: The synthesiser's smallest world.
MIN_ACCOUNTS = 100


@dataclass(frozen=True)
class Size:
    name: str
    target_events: int
    accounts: int
    days: int


def parse_size(text: str, days: int) -> Size:
    """``1m``, ``10m``, ``250k`` or a plain number of events -> the world that yields about it."""
    name = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(name[-1:], 1)
    digits = name[:-1] if scale != 1 else name
    try:
        target = round(float(digits) * scale)
    except ValueError:
        raise SystemExit(
            f"error: size {text!r} is not a number of events like 1m or 250k"
        ) from None
    if target <= 0:
        raise SystemExit(f"error: size {text!r} must be positive")
    accounts = max(MIN_ACCOUNTS, round(target / (EVENTS_PER_ACCOUNT_DAY * days)))
    return Size(name, target, accounts, days)


def _step(
    name: str, size_dir: Path, extra: list[str], timeout: float | None
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Run one step; its measurements, and its payload or None if it failed."""
    result = size_dir / f"{name}.json"
    result.unlink(missing_ok=True)
    argv = [sys.executable, str(STEP), name, *extra, "--result", str(result)]
    measured = measure(argv, size_dir / f"{name}.log", timeout)
    entry = measured.to_dict()
    if not measured.ok or not result.exists():
        lines = measured.stderr_tail.splitlines()
        entry["status"] = "failed"
        entry["error"] = (
            f"timed out after {timeout:g} s"
            if measured.timed_out
            else (lines[-1] if lines else f"exit code {measured.returncode}, no message")
        )
        entry["log"] = str(size_dir / f"{name}.log")
        return entry, None
    payload: dict[str, Any] = json.loads(result.read_text())
    entry["status"] = "ok"
    entry["seconds_inside"] = round(float(payload["seconds"]), 3)
    return entry, payload


def _run_plan(
    record: dict[str, Any],
    plan: list[tuple[str, list[str]]],
    work: Path,
    timeout: float | None,
) -> None:
    """Run the steps in order into ``record``; stop at the first that fails."""
    for name, extra in plan:
        print(f"[{record['size']}] {name} ...", file=sys.stderr, flush=True)
        entry, payload = _step(name, work, extra, timeout)
        record["steps"][name] = entry
        if payload is None:
            record["failed_step"] = name
            return
        if name == "synth":
            rows = {str(k): int(v) for k, v in payload["rows"].items()}
            record["rows"] = rows
            record["events"] = sum(rows.get(t, 0) for t in EVENT_TABLES)
        elif name == "run":
            summary = payload["summary"]
            entry["stages"] = summary.get("stages", [])
            entry["detectors"] = [
                {k: d.get(k) for k in ("detector", "seconds", "findings", "edges")}
                for d in summary.get("detectors", {}).get("ran", [])
            ]
            entry["skipped_detectors"] = summary.get("detectors", {}).get("skipped", [])
            entry["findings"] = summary.get("findings", {})
            entry["input"] = summary.get("input", {})
            if "events" not in record:  # real data: count what ingest read
                tables = entry["input"].get("tables", {})
                record["events"] = sum(int(tables.get(t, {}).get("read", 0)) for t in EVENT_TABLES)
        else:
            evaluation = payload["evaluation"]
            entry["averages"] = evaluation["averages"]
            entry["behaviours"] = evaluation["behaviours"]
            entry["false_positive_rate"] = evaluation["false_positive_rate"]
        print(
            f"[{record['size']}] {name} done in {entry['wall_seconds']} s, "
            f"peak {entry['peak_rss_mib']} MiB",
            file=sys.stderr,
            flush=True,
        )


def _fresh(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def bench_size(
    size: Size, out: Path, seed: int, keep: bool, timeout: float | None
) -> dict[str, Any]:
    """Synthesise, run and evaluate one world."""
    work = _fresh(out / size.name)
    data, run_out = work / "data", work / "run"
    record: dict[str, Any] = {
        "size": size.name,
        "source": "synthetic",
        "target_events": size.target_events,
        "accounts": size.accounts,
        "days": size.days,
        "seed": seed,
        "steps": {},
        "failed_step": None,
    }
    synth_args = [*("--data", str(data), "--accounts", str(size.accounts))]
    synth_args += ["--days", str(size.days), "--seed", str(seed)]
    plan = [
        ("synth", synth_args),
        ("run", ["--data", str(data), "--out", str(run_out)]),
        ("eval", ["--data", str(data), "--out", str(run_out)]),
    ]
    _run_plan(record, plan, work, timeout)
    if not keep:
        for folder in (data, run_out):
            shutil.rmtree(folder, ignore_errors=True)
    return record


def bench_real(data: Path, out: Path, keep: bool, timeout: float | None) -> dict[str, Any]:
    """Run the pipeline over an existing dataset (no truth: speed and findings only)."""
    if not data.is_dir():
        raise SystemExit(f"error: {data} is not a folder of input tables")
    work = _fresh(out / f"real-{data.name}")
    run_out = work / "run"
    record: dict[str, Any] = {
        "size": data.name,
        "source": "real",
        "data": str(data),
        "steps": {},
        "failed_step": None,
    }
    _run_plan(record, [("run", ["--data", str(data), "--out", str(run_out)])], work, timeout)
    if not keep:
        shutil.rmtree(run_out, ignore_errors=True)  # never the input: it is not ours
    return record


# -- the Markdown table ---------------------------------------------------------------------


def _cell(steps: dict[str, Any], step: str, key: str, fmt: str = "{:.1f}") -> str:
    entry = steps.get(step)
    if entry is None:
        return "—"
    if entry["status"] != "ok":
        return "FAILED"
    return fmt.format(entry[key])


def markdown(results: dict[str, Any]) -> str:
    """The figures as Markdown tables: per size, per pipeline stage, per detector."""
    m = results["machine"]
    versions = m["versions"]
    lines = [
        f"Measured {m['date_utc']} on {m['cpu']}, {m['logical_cores']} logical cores, "
        f"{m['ram_gib']} GiB RAM, {m['os']}; Python {m['python']}, DuckDB {versions['duckdb']}, "
        f"Ibis {versions['ibis-framework']}, PyArrow {versions['pyarrow']}; "
        f"lockstep {versions['lockstep']} at commit {m['git_commit'] or 'unknown'}.",
        f"Command: `{results['command']}`",
        "",
        "| world | accounts × days | events | synth s | synth peak MiB | run s | run peak MiB "
        "| run events/s | eval s | eval peak MiB | micro F1 |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results["sizes"]:
        steps = r["steps"]
        events = r.get("events")
        run = steps.get("run")
        rate = (
            f"{events / run['wall_seconds']:,.0f}"
            if events and run and run["status"] == "ok"
            else "—"
        )
        ev = steps.get("eval")
        f1 = ev["averages"]["micro"]["f1"] if ev and ev["status"] == "ok" else None
        shape = f"{r['accounts']:,} × {r['days']}" if r["source"] == "synthetic" else "real data"
        lines.append(
            f"| {r['size']} | {shape} "
            f"| {f'{events:,}' if events is not None else '—'} "
            f"| {_cell(steps, 'synth', 'wall_seconds')} | {_cell(steps, 'synth', 'peak_rss_mib')} "
            f"| {_cell(steps, 'run', 'wall_seconds')} | {_cell(steps, 'run', 'peak_rss_mib')} "
            f"| {rate} "
            f"| {_cell(steps, 'eval', 'wall_seconds')} | {_cell(steps, 'eval', 'peak_rss_mib')} "
            f"| {'—' if f1 is None else f'{f1:.3f}'} |"
        )

    ran = [r for r in results["sizes"] if r["steps"].get("run", {}).get("status") == "ok"]
    stage_names: list[str] = []
    for r in ran:
        for s in r["steps"]["run"]["stages"]:
            if s["name"] not in stage_names:
                stage_names.append(s["name"])
    if ran:
        lines += [
            "",
            "Pipeline stages (seconds, from the run's summary.json):",
            "",
            "| world | " + " | ".join(stage_names) + " |",
            "|---|" + "--:|" * len(stage_names),
        ]
        for r in ran:
            secs = {s["name"]: s["seconds"] for s in r["steps"]["run"]["stages"]}
            cells = [f"{secs[n]:.1f}" if n in secs else "—" for n in stage_names]
            lines.append(f"| {r['size']} | " + " | ".join(cells) + " |")
        lines += ["", "| world | detector | seconds | findings |", "|---|---|--:|--:|"]
        for r in ran:
            for d in r["steps"]["run"]["detectors"]:
                lines.append(
                    f"| {r['size']} | {d['detector']} | {d['seconds']:.1f} | {d['findings']:,} |"
                )
        for r in ran:
            skipped = r["steps"]["run"].get("skipped_detectors", [])
            if skipped:
                why = "; ".join(f"{s['detector']} ({s['reason']})" for s in skipped)
                lines += ["", f"Skipped on {r['size']}: {why}."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--sizes",
        default="1m,10m",
        help="comma-separated event counts, e.g. 1m,10m or 50k (default 1m,10m)",
    )
    parser.add_argument("--days", type=int, default=14, help="days of activity (default 14)")
    parser.add_argument("--seed", type=int, default=1, help="synthesiser seed (default 1)")
    parser.add_argument(
        "--keep", action="store_true", help="keep each world and run folder under --out"
    )
    parser.add_argument(
        "--real",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="also time the pipeline on this dataset folder (repeatable; no evaluation)",
    )
    parser.add_argument(
        "--out", type=Path, default=REPO / "bench-out", help="working folder (default bench-out)"
    )
    parser.add_argument(
        "--timeout", type=float, default=None, help="kill a step after this many seconds"
    )
    args = parser.parse_args(argv)
    sizes = [parse_size(s, args.days) for s in args.sizes.split(",") if s.strip()]
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)

    shown = ["benchmarks/run.py"]
    if sizes:
        shown += ["--sizes", ",".join(s.name for s in sizes)]
        shown += ["--days", str(args.days), "--seed", str(args.seed)]
    shown += [f"--real {d}" for d in args.real]
    results: dict[str, Any] = {
        "command": " ".join(shown),
        "machine": machine_facts(REPO),
        "memory_measure": "peak RSS of each step's process (wait4 ru_maxrss); never below "
        "harness_peak_rss_mib, the harness's own peak, which Linux carries into a child",
        "sizes": [],
        "failure": None,
    }
    jobs: list[Callable[[], dict[str, Any]]] = [
        partial(bench_size, size, out, args.seed, args.keep, args.timeout) for size in sizes
    ]
    jobs += [partial(bench_real, d.resolve(), out, args.keep, args.timeout) for d in args.real]
    for job in jobs:
        record = job()
        results["sizes"].append(record)
        failed = record["failed_step"]
        if failed:
            entry = record["steps"][failed]
            results["failure"] = {
                "size": record["size"],
                "step": failed,
                "error": entry["error"],
                "log": entry["log"],
            }
        results["harness_peak_rss_mib"] = round(own_peak_rss_bytes() / 2**20, 1)
        (out / "results.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
        if failed:
            break

    table = markdown(results)
    (out / "results.md").write_text(table)
    print(table)
    print(f"Results: {out / 'results.json'}", file=sys.stderr)
    if results["failure"]:
        f = results["failure"]
        print(
            f"FAILED: size {f['size']}, step {f['step']}: {f['error']} (log: {f['log']})",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
