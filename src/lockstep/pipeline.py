"""``lockstep run``: ingest → lake → detect → enforce → outputs, with a summary that reconciles.

Stages are plain functions called in data-flow order; each records its wall time and
counts in the summary so a slow or empty stage is visible after the fact.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from lockstep import __version__
from lockstep.config import Config
from lockstep.detect.base import EDGE_SCHEMA, FINDING_SCHEMA, Detector
from lockstep.detect.registry import RegistryError, build, disabled
from lockstep.enforce.policy import Policy, load_policy
from lockstep.enforce.stage import enforcement_stage
from lockstep.errors import BadInputError
from lockstep.fingerprint.ledger import attach
from lockstep.ingest import ingest
from lockstep.lake import Lake
from lockstep.ledger.store import Ledger, now_utc
from lockstep.networks import NETWORKS_FILE, build_networks
from lockstep.networks.export import write_graphs
from lockstep.networks.records import previous_members
from lockstep.progress import NullProgress, Progress
from lockstep.report.output import write_jsonl
from lockstep.report.runreport import RunEnforcement, write_report


@dataclass
class StageRecord:
    name: str
    seconds: float = 0.0
    counts: dict[str, Any] = field(default_factory=dict)


@dataclass
class RunResult:
    """What a run produced, for the command line's closing table and for tests."""

    out: Path
    summary: dict[str, Any]
    findings: pa.Table
    edges: pa.Table
    networks: pa.Table


class _Stages:
    def __init__(self) -> None:
        self.records: list[StageRecord] = []

    @contextmanager
    def __call__(self, name: str) -> Iterator[StageRecord]:
        rec = StageRecord(name)
        start = time.perf_counter()
        try:
            yield rec
        finally:
            rec.seconds = round(time.perf_counter() - start, 3)
            self.records.append(rec)


def run_detectors(
    lake: Lake, detectors: list[Detector], progress: Progress
) -> tuple[pa.Table, pa.Table, list[dict[str, Any]], list[dict[str, Any]]]:
    """Run each detector that has its columns; say why the others were skipped."""
    findings, edges = [FINDING_SCHEMA.empty_table()], [EDGE_SCHEMA.empty_table()]
    ran: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []
    with progress.stage("detect", total=len(detectors)) as task:
        for det in detectors:
            missing = det.missing(lake)
            if missing:
                skipped.append(
                    {"detector": det.name, "reason": "input lacks " + ", ".join(missing)}
                )
                task.advance()
                continue
            start = time.perf_counter()
            out = det.detect(lake)
            findings.append(out.findings.cast(FINDING_SCHEMA))
            edges.append(out.edges.cast(EDGE_SCHEMA))
            ran.append(
                {
                    "detector": det.name,
                    "version": det.version,
                    "seconds": round(time.perf_counter() - start, 3),
                    "findings": out.findings.num_rows,
                    "edges": out.edges.num_rows,
                    "params": det.params(),
                }
            )
            task.advance()
    return pa.concat_tables(findings), pa.concat_tables(edges), ran, skipped


def run(
    data: Path,
    out: Path,
    config: Config | None = None,
    engine: str = "duckdb",
    progress: Progress | None = None,
    ledger: str | None = None,
    policy: Policy | None = None,
    shadow: bool = False,
    now: datetime | None = None,
    previous: Path | None = None,
) -> RunResult:
    """Run the whole pipeline over the dataset in ``data``, writing into ``out``.

    Decisions go to the ledger at ``ledger`` (default ``OUT/ledger.sqlite``); ``shadow``
    decides without recording or applying anything. ``previous`` is an earlier run folder
    whose networks hand their ids on to the networks of this run that hold most of their
    members.
    """
    config = config or Config()
    progress = progress or NullProgress()
    try:  # bad settings fail before anything is written
        detectors = build(config.detectors)
    except RegistryError as exc:
        raise BadInputError(str(exc)) from exc
    policy = policy or load_policy()
    earlier = previous_members(previous) if previous is not None else None
    stages = _Stages()
    started = time.perf_counter()

    lake_dir = out / "lake"
    with stages("ingest") as rec:
        # ingest validates every file before it writes, so bad input leaves ``out`` alone
        report = ingest(data, lake_dir, out / "quarantine", progress=progress)
        rec.counts = {
            n: {"accepted": t.accepted, "quarantined": t.quarantined}
            for n, t in report.tables.items()
        }

    ledger_at = ledger or str(out / "ledger.sqlite")
    with stages("detect") as rec:
        lake = Lake(lake_dir, backend=engine)
        # fingerprints of earlier takedowns, for the recidivism detector
        with Ledger(ledger_at) as book:
            references = attach(lake, book, now or now_utc())
        findings, edges, ran, skipped = run_detectors(lake, detectors, progress)
        skipped += [
            {"detector": n, "reason": "disabled by configuration"}
            for n in disabled(config.detectors)
        ]
        rec.counts = {
            "findings": findings.num_rows,
            "edges": edges.num_rows,
            "fingerprints": references,
        }

    with stages("networks") as rec:
        found = build_networks(lake, findings, edges, previous=earlier)
        networks = found.networks
        findings = pa.concat_tables([findings, found.findings])
        rec.counts = {"networks": networks.num_rows, "findings": found.findings.num_rows}

    with stages("write") as rec:
        write_jsonl(out / "findings.jsonl", findings, json_columns=("evidence",))
        pq.write_table(findings, out / "findings.parquet")
        pq.write_table(edges, out / "edges.parquet")
        write_jsonl(out / NETWORKS_FILE, networks, json_columns=("evidence",))
        pq.write_table(networks, out / "networks.parquet")
        graphs = write_graphs(out, networks, found.graph)
        rec.counts = {"files": 5 + len(graphs)}

    with stages("enforce") as rec:
        enforced = enforcement_stage(lake, findings, out, ledger_at, policy, shadow, now)
        rec.counts = {
            "offenses": enforced.offenses,
            "decisions": len(enforced.decisions),
            "fingerprints": enforced.fingerprinted,
        }

    summary: dict[str, Any] = {
        "lockstep_version": __version__,
        "data": str(data),
        "engine": engine,
        "input": report.to_dict(),
        "detectors": {"ran": ran, "skipped": skipped},
        "findings": _count_by(findings, "behaviour"),
        "edges": _count_by(edges, "signal"),
        "networks": networks.num_rows,
        "decisions": {
            "shadow": shadow,
            "policy": f"{policy.version}+{policy.digest}",
            "new": enforced.counts,
            "seen_before": len(enforced.earlier),
        },
        "stages": [],
    }
    with stages("report"):
        write_report(
            out,
            summary,
            findings,
            networks,
            RunEnforcement.of(enforced, summary["decisions"]["policy"]),
        )
    summary["stages"] = [
        {"name": s.name, "seconds": s.seconds, "counts": s.counts} for s in stages.records
    ]
    summary["seconds"] = round(time.perf_counter() - started, 3)
    (out / "summary.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
    return RunResult(out, summary, findings, edges, networks)


def _count_by(table: pa.Table, column: str) -> dict[str, int]:
    if table.num_rows == 0:
        return {}
    counts = table.group_by(column).aggregate([(column, "count")])
    keys = [str(k) for k in counts[column].to_pylist()]
    values = [int(v or 0) for v in counts[f"{column}_count"].to_pylist()]
    return dict(sorted(zip(keys, values, strict=True)))
