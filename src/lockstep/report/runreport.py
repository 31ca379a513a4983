"""The run's human report (``report.md`` and ``report.html``): what came in, what ran, what
was found, what was decided and why.

One document, two renderings (``lockstep.report.document``). The enforcement section uses
the same tables as the monthly transparency report (``lockstep.report.render``), fed with
the decisions this run made.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from lockstep.behaviours import BEHAVIOURS
from lockstep.enforce.engine import EnforcementResult
from lockstep.report.document import (
    Block,
    Bullets,
    Heading,
    Para,
    markdown_lines,
    table,
    to_html,
    to_markdown,
)
from lockstep.report.ledgerview import Action
from lockstep.report.render import action_chart, count, disclosure_table, num, tally_table
from lockstep.report.transparency import by_action, by_behaviour, network_rows, tally

#: findings listed per behaviour before the report says "and N more"
TOP_PER_BEHAVIOUR = 10
TITLE = "Lockstep run report"


@dataclass(frozen=True)
class RunEnforcement:
    """What the run's enforcement stage decided, as the report shows it."""

    policy: str
    shadow: bool
    actions: tuple[Action, ...]
    #: decisions recorded earlier for offenses this run saw again
    earlier: int

    @classmethod
    def of(cls, result: EnforcementResult, policy: str) -> RunEnforcement:
        offenses = result.state.offenses
        actions = tuple(
            Action.proposed(d, offenses[d.offense_key][0] if d.offense_key in offenses else None)
            for d in sorted(result.decisions, key=lambda d: d.decision_id)
        )
        return cls(policy, result.shadow, actions, len(result.earlier))


def _networks(networks: pa.Table) -> list[str]:
    """The networks section as Markdown lines."""
    return markdown_lines(_network_blocks(networks))


def _network_blocks(networks: pa.Table) -> list[Block]:
    """One section per network: size, followers, score, tactics with their observables."""
    out: list[Block] = [Heading(2, "Networks")]
    if networks.num_rows == 0:
        return [*out, Para("No networks.")]
    for n in networks.to_pylist():
        shown = ", ".join(f"`{a}`" for a in n["account_ids"][:TOP_PER_BEHAVIOUR])
        more = len(n["account_ids"]) - TOP_PER_BEHAVIOUR
        out += [
            Heading(3, f"Network `{n['network_id']}`"),
            Para(
                f"{n['size']} accounts · {n['followers']:,} followers · score {n['score']:.2f} · "
                f"{n['detection_source']} · behaviours: "
                + (", ".join(f"`{b}`" for b in n["behaviours"]) or "none")
            ),
            Para(n["description"]),
            Para(f"Evidence: {json.loads(n['evidence'])['summary']}."),
            Bullets(tuple(f"{t['id']} {t['name']}: {t['observable']}" for t in n["tactics"])),
            Para(f"Members: {shown}" + (f" and {more} more." if more > 0 else ".")),
        ]
    return out


def _enforcement_blocks(e: RunEnforcement) -> list[Block]:
    """What the run decided, by action and behaviour, and the networks it acted on."""
    actions = list(e.actions)
    pending = sum(1 for a in actions if a.effect is None)
    out: list[Block] = [Heading(2, "Enforcement")]
    if e.shadow:
        out.append(
            Para(
                f"Shadow run: {count(len(actions), 'decision')} proposed under policy "
                f"`{e.policy}`; nothing was recorded or applied."
            )
        )
    else:
        out.append(
            Para(
                f"{count(len(actions), 'decision')} recorded under policy `{e.policy}`: "
                f"{num(len(actions) - pending)} automated, {num(pending)} awaiting an analyst's "
                f"review (`lockstep decisions confirm`); "
                f"{count(e.earlier, 'earlier decision')} on offenses this run saw again."
            )
        )
    if not actions:
        return out
    rows = tally(actions, by_action)
    out += [
        action_chart("Decisions, by action", rows, review="pending"),
        Heading(3, "By action"),
        tally_table("action", rows, review="pending"),
        Heading(3, "By behaviour"),
        tally_table("behaviour", tally(actions, by_behaviour), review="pending"),
    ]
    acted = network_rows([a for a in actions if a.effect is not None])
    waiting = len(network_rows(actions)) - len(acted)
    if acted or waiting:
        out += [
            Heading(3, "Influence operations acted on"),
            Para(
                "In the format of the monthly disclosure (seed 002). "
                f"Networks awaiting an analyst's review before any action: {num(waiting)}."
            ),
        ]
        if acted:
            out.append(disclosure_table(acted))
    return out


def _finding_blocks(summary: dict[str, Any], findings: pa.Table) -> list[Block]:
    out: list[Block] = [Heading(2, "Findings")]
    if findings.num_rows == 0:
        return [*out, Para("No findings.")]
    counts: dict[str, int] = summary["findings"]
    out.append(
        table(
            ["behaviour", "findings", "what it is"],
            [[f"`{b}`", n, BEHAVIOURS[b].summary] for b, n in counts.items()],
        )
    )
    by_behaviour_rows: dict[str, list[dict[str, Any]]] = {}
    for row in findings.select(
        ["behaviour", "subject_type", "subject_id", "score", "evidence"]
    ).to_pylist():
        by_behaviour_rows.setdefault(row["behaviour"], []).append(row)
    for behaviour, items in sorted(by_behaviour_rows.items()):
        items.sort(key=lambda r: (-r["score"], r["subject_id"]))
        lines = [
            f"{item['subject_type']} `{item['subject_id']}` (score {item['score']:.2f}): "
            + json.loads(item["evidence"])["summary"]
            for item in items[:TOP_PER_BEHAVIOUR]
        ]
        if len(items) > TOP_PER_BEHAVIOUR:
            lines.append(f"… and {len(items) - TOP_PER_BEHAVIOUR} more in `findings.jsonl`.")
        out += [
            Heading(3, f"`{behaviour}`"),
            Para(f"Policy clause — {BEHAVIOURS[behaviour].clause}."),
            Bullets(tuple(lines)),
        ]
    return out


def run_blocks(
    summary: dict[str, Any],
    findings: pa.Table,
    networks: pa.Table | None = None,
    enforcement: RunEnforcement | None = None,
) -> list[Block]:
    """The run report as a document; deterministic for the same inputs."""
    out: list[Block] = [
        Heading(1, TITLE),
        Para(f"Data: `{summary['data']}` · engine: {summary['engine']}"),
        Heading(2, "Input"),
    ]
    tables = summary["input"]["tables"]
    out.append(
        table(
            ["table", "read", "accepted", "quarantined", "duplicates collapsed", "stub accounts"],
            [
                [
                    name,
                    t["read"],
                    t["accepted"],
                    t["quarantined"],
                    t["duplicates_collapsed"],
                    t["stubs_created"],
                ]
                for name, t in tables.items()
            ],
            numeric=(1, 2, 3, 4, 5),
        )
    )
    verdict = "reconcile" if summary["input"]["reconciles"] else "DO NOT reconcile"
    out += [
        Para(f"Counts {verdict}: read = accepted + quarantined + duplicates collapsed."),
        Heading(2, "Detectors"),
        table(
            ["detector", "version", "findings", "edges"],
            [
                [d["detector"], d["version"], d["findings"], d["edges"]]
                for d in summary["detectors"]["ran"]
            ],
            numeric=(2, 3),
        ),
    ]
    skipped = summary["detectors"]["skipped"]
    if skipped:
        out += [
            Para("Skipped:"),
            Bullets(tuple(f"`{s['detector']}`: {s['reason']}" for s in skipped)),
        ]
    if networks is not None:
        out += _network_blocks(networks)
    if enforcement is not None:
        out += _enforcement_blocks(enforcement)
    return out + _finding_blocks(summary, findings)


def write_report(
    out: Path,
    summary: dict[str, Any],
    findings: pa.Table,
    networks: pa.Table | None = None,
    enforcement: RunEnforcement | None = None,
) -> list[Path]:
    """``OUT/report.md`` and ``OUT/report.html``, the same document twice."""
    blocks: Sequence[Block] = run_blocks(summary, findings, networks, enforcement)
    md, page = out / "report.md", out / "report.html"
    md.write_text(to_markdown(blocks), encoding="utf-8")
    page.write_text(to_html(TITLE, blocks), encoding="utf-8")
    return [md, page]
