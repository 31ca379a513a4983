"""The run's human report (``report.md``): what came in, what ran, what was found and why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa

from lockstep.behaviours import BEHAVIOURS

#: findings listed per behaviour before the report says "and N more"
TOP_PER_BEHAVIOUR = 10


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


def _networks(networks: pa.Table) -> list[str]:
    """One section per network: size, followers, score, tactics with their observables."""
    lines = ["## Networks", ""]
    if networks.num_rows == 0:
        return [*lines, "No networks.", ""]
    for n in networks.to_pylist():
        lines += [
            f"### Network `{n['network_id']}`",
            "",
            f"{n['size']} accounts · {n['followers']:,} followers · score {n['score']:.2f} · "
            f"{n['detection_source']} · behaviours: "
            + (", ".join(f"`{b}`" for b in n["behaviours"]) or "none"),
            "",
            n["description"],
            "",
            f"Evidence: {json.loads(n['evidence'])['summary']}.",
            "",
        ]
        lines += [f"- {t['id']} {t['name']}: {t['observable']}" for t in n["tactics"]]
        shown = ", ".join(f"`{a}`" for a in n["account_ids"][:TOP_PER_BEHAVIOUR])
        more = len(n["account_ids"]) - TOP_PER_BEHAVIOUR
        lines += ["", f"Members: {shown}" + (f" and {more} more." if more > 0 else "."), ""]
    return lines


def render(summary: dict[str, Any], findings: pa.Table, networks: pa.Table | None = None) -> str:
    """The report as Markdown; deterministic for the same summary, findings and networks."""
    lines = ["# Lockstep run report", ""]
    lines += [f"Data: `{summary['data']}` · engine: {summary['engine']}", ""]

    lines += ["## Input", ""]
    tables = summary["input"]["tables"]
    rows = [
        [
            name,
            t["read"],
            t["accepted"],
            t["quarantined"],
            t["duplicates_collapsed"],
            t["stubs_created"],
        ]
        for name, t in tables.items()
    ]
    lines += _table(
        ["table", "read", "accepted", "quarantined", "duplicates collapsed", "stub accounts"],
        rows,
    )
    verdict = "reconcile" if summary["input"]["reconciles"] else "DO NOT reconcile"
    lines += ["", f"Counts {verdict}: read = accepted + quarantined + duplicates collapsed.", ""]

    lines += ["## Detectors", ""]
    ran = summary["detectors"]["ran"]
    lines += _table(
        ["detector", "version", "findings", "edges"],
        [[d["detector"], d["version"], d["findings"], d["edges"]] for d in ran],
    )
    skipped = summary["detectors"]["skipped"]
    if skipped:
        lines += ["", "Skipped:", ""]
        lines += [f"- `{s['detector']}`: {s['reason']}" for s in skipped]
    lines.append("")

    if networks is not None:
        lines += _networks(networks)

    lines += ["## Findings", ""]
    if findings.num_rows == 0:
        lines += ["No findings.", ""]
        return "\n".join(lines)
    counts: dict[str, int] = summary["findings"]
    lines += _table(
        ["behaviour", "findings", "what it is"],
        [[f"`{b}`", n, BEHAVIOURS[b].summary] for b, n in counts.items()],
    )
    lines.append("")
    by_behaviour: dict[str, list[dict[str, Any]]] = {}
    for row in findings.select(
        ["behaviour", "subject_type", "subject_id", "score", "evidence"]
    ).to_pylist():
        by_behaviour.setdefault(row["behaviour"], []).append(row)
    for behaviour, items in sorted(by_behaviour.items()):
        items.sort(key=lambda r: (-r["score"], r["subject_id"]))
        lines += [f"### `{behaviour}`", "", f"Policy clause — {BEHAVIOURS[behaviour].clause}.", ""]
        for item in items[:TOP_PER_BEHAVIOUR]:
            summary_text = json.loads(item["evidence"])["summary"]
            lines.append(
                f"- {item['subject_type']} `{item['subject_id']}` "
                f"(score {item['score']:.2f}): {summary_text}"
            )
        if len(items) > TOP_PER_BEHAVIOUR:
            lines.append(f"- … and {len(items) - TOP_PER_BEHAVIOUR} more in `findings.jsonl`.")
        lines.append("")
    return "\n".join(lines)


def write_report(
    path: Path, summary: dict[str, Any], findings: pa.Table, networks: pa.Table | None = None
) -> None:
    path.write_text(render(summary, findings, networks), encoding="utf-8")
