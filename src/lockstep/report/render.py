"""The transparency report in its four formats: HTML, Markdown, CSV (one file per table) and
JSON (every figure with the ledger events it came from).

The Markdown and HTML pages are one document (``lockstep.report.document``); the tables of
enforcement statistics are the same blocks the run report shows (``enforcement_tables``).
Everything is rendered in memory first and only then written, so a failure leaves no
half-written report behind.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

from lockstep.report.document import Block, Bullets, Chart, Heading, Para, table, to_html
from lockstep.report.document import to_markdown as md
from lockstep.report.transparency import (
    Figure,
    NetworkRow,
    StateRow,
    TallyRow,
    TransparencyReport,
)

NOT_RECORDED = "not recorded"


def num(value: int | float | None) -> str:
    """A figure as a person reads it: thousands separated, ``—`` when there is none."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return f"{value:,}"


def count(n: int | float | None, noun: str) -> str:
    """``1 decision``, ``2 decisions``: a number with its noun in a sentence."""
    return f"{num(n)} {noun}" if n == 1 else f"{num(n)} {noun}s"


def _v(f: Figure) -> int:
    return int(f.value or 0)


# -- blocks shared with the run report ------------------------------------------------------


def disclosure_table(rows: Sequence[NetworkRow]) -> Block:
    """Seed 002's table: detection source, accounts, followers, description."""
    return table(
        ("Detection source", "Accounts in network", "Followers of network", "Description"),
        [
            (
                r.source_label,
                num(r.accounts.value),
                num(r.followers.value) if r.followers.value is not None else NOT_RECORDED,
                r.description,
            )
            for r in rows
        ],
        numeric=(1, 2),
        anchor="disclosure",
    )


def tally_table(label: str, rows: Sequence[TallyRow], *, review: str = "human") -> Block:
    """Decisions per behaviour, policy or action. ``review="human"`` (a period: actions
    taken, by a person or not, and later reversed) or ``"pending"`` (a run: decisions made,
    automated or awaiting an analyst)."""
    code = label != "action"
    header: tuple[str, ...]
    body: list[tuple[str, ...]]
    if review == "pending":
        header = (label, "decisions", "accounts", "automated", "awaiting review")
        body = [
            (
                f"`{r.key}`" if code else r.key,
                num(r.decisions.value),
                num(r.accounts.value),
                num(r.automated.value),
                num(r.pending.value),
            )
            for r in rows
        ]
    else:
        header = (label, "actions", "accounts", "automated", "human review", "reversed")
        body = [
            (
                f"`{r.key}`" if code else r.key,
                num(r.decisions.value),
                num(r.accounts.value),
                num(r.automated.value),
                num(r.human.value),
                num(r.reversed.value),
            )
            for r in rows
        ]
    return table(header, body, numeric=tuple(range(1, len(header))))


def action_chart(title: str, rows: Sequence[TallyRow], *, review: str = "human") -> Block:
    second = "awaiting review" if review == "pending" else "human review"
    return Chart(
        title,
        ("automated", second),
        tuple(
            (
                r.key,
                (_v(r.automated), _v(r.pending) if review == "pending" else _v(r.human)),
            )
            for r in rows
        ),
    )


# -- the period's report ---------------------------------------------------------------------


def _intro(r: TransparencyReport) -> str:
    tail = (
        f"we removed {count(r.recidivist_accounts_removed.value, 'account')} associated with "
        "previously disrupted networks attempting to re-establish their presence within this "
        "reporting period."
    )
    span = r.period.between
    if not r.networks:
        return (
            f"No new covert influence operations were disrupted between {span}. "
            + tail[0].upper()
            + tail[1:]
        )
    return (
        "This report contains information about the covert influence operations disrupted "
        f"between {span}. In addition to these new network disruptions, {tail}"
    )


def _state_table(rows: Sequence[StateRow], tactics: bool) -> Block:
    if tactics:
        return table(
            ("tactic", "name", "member state", "accounts", "networks", "actions"),
            [
                (
                    f"`{s.key}`",
                    s.name,
                    s.member_state,
                    num(s.accounts.value),
                    num(s.networks.value if s.networks else 0),
                    num(s.decisions.value),
                )
                for s in rows
            ],
            numeric=(3, 4, 5),
        )
    return table(
        ("behaviour", "member state", "accounts", "actions"),
        [
            (f"`{s.key}`", s.member_state, num(s.accounts.value), num(s.decisions.value))
            for s in rows
        ],
        numeric=(2, 3),
    )


def blocks(r: TransparencyReport) -> list[Block]:
    """The report as a document."""
    c, a, f = r.challenges, r.appeals, r.c16
    out: list[Block] = [
        Heading(1, f"Transparency report: {r.period.title}"),
        Para(
            "Every figure below is derived from the enforcement ledger: the "
            f"{num(r.ledger_events)} events it held before {r.period.end.isoformat()}. "
            "`report.json` lists, for each figure, the ledger events it was counted from."
        ),
        Heading(2, "Covert influence operations", "covert-influence-operations"),
        Para(_intro(r)),
    ]
    if r.networks:
        out.append(disclosure_table(r.networks))
    out += [
        Heading(2, "Enforcement", "enforcement"),
        Para(
            f"{count(r.taken.value, 'enforcement action')} took effect: {num(r.automated.value)} "
            f"automated and {num(r.human.value)} after review by an analyst; "
            f"{num(r.reversed.value)} reversed by the end of the period. "
            f"{count(r.awaiting_review.value, 'proposed action')} awaited an analyst's review "
            "at the end of the period."
        ),
    ]
    if r.by_action:
        out += [
            action_chart("Actions taken, by action", r.by_action),
            Heading(3, "By action"),
            tally_table("action", r.by_action),
            Heading(3, "By behaviour"),
            tally_table("behaviour", r.by_behaviour),
            Heading(3, "By policy"),
            tally_table("policy", r.by_policy),
        ]
    out += [
        Heading(3, "Anti-spam challenges"),
        table(
            ("issued", "passed", "failed", "expired"),
            [[num(c[k].value) for k in ("issued", "passed", "failed", "expired")]],
            numeric=(0, 1, 2, 3),
        ),
        Heading(3, "User reports"),
        Para(
            f"{count(r.reports['received'].value, 'user report')} received; "
            f"{num(r.reports['actioned'].value)} of them led to an action on what they reported "
            "by the end of the period."
        ),
    ]
    if r.reports_by_target:
        out.append(
            table(
                ("reported", "received", "actioned"),
                [
                    (row.target_type, num(row.received.value), num(row.actioned.value))
                    for row in r.reports_by_target
                ],
                numeric=(1, 2),
            )
        )
    out += [
        Heading(3, "Appeals"),
        table(
            ("filed", "decided", "upheld", "overturned", "modified", "median hours to decision"),
            [
                [
                    num(a[k].value)
                    for k in (
                        "filed",
                        "decided",
                        "upheld",
                        "overturned",
                        "modified",
                        "median_hours_to_decision",
                    )
                ]
            ],
            numeric=(0, 1, 2, 3, 4, 5),
        ),
        Heading(2, "Code of Practice on Disinformation", "code-of-practice"),
        Heading(3, "Commitment 14: manipulative behaviours actioned"),
        Para(
            "Accounts actioned in the period per manipulative behaviour, and per DISARM tactic "
            "of the network they belonged to, by the EU member state of the account's declared "
            "country (`outside the EU` and `unknown` where it is not a member state or not "
            "declared)."
        ),
    ]
    out += [
        Heading(4, "By behaviour"),
        _state_table(r.c14_behaviours, tactics=False)
        if r.c14_behaviours
        else Para("No accounts were actioned."),
        Heading(4, "By DISARM tactic of the network"),
        _state_table(r.c14_tactics, tactics=True)
        if r.c14_tactics
        else Para("No accounts were actioned as members of a network with tagged tactics."),
    ]
    out += [
        Heading(3, "Commitment 16: cross-platform exchange with peers"),
        Para(
            f"{count(f['indicators_shared'].value, 'indicator')} shared with "
            f"{count(f['partners_shared'].value, 'peer')}; "
            f"{count(f['indicators_received'].value, 'indicator')} received from "
            f"{count(f['partners_received'].value, 'peer')}. Acting on peers' disclosures: "
            f"{count(f['actions_on_peer_disclosures'].value, 'action')} on "
            f"{count(f['accounts_actioned_on_peer_disclosures'].value, 'account')} in "
            f"{count(f['networks_actioned_on_peer_disclosures'].value, 'network')}."
        ),
    ]
    if r.c16_exchanges:
        out.append(
            table(
                ("direction", "partner", "exchanges", "indicators"),
                [
                    (x.direction, x.partner, num(x.exchanges.value), num(x.indicators.value))
                    for x in r.c16_exchanges
                ],
                numeric=(2, 3),
            )
        )
    out += [
        Heading(2, "How the figures are counted", "definitions"),
        Bullets(
            (
                "An action counts in the period it took effect: when recorded if automated, "
                "when an analyst confirmed it otherwise. Reversed actions still count as taken "
                "and are shown as reversed.",
                "A network is listed in the period its first action took effect, unless all its "
                "actions were reversed by the end of the period. Networks re-establishing a "
                "network removed before are not listed; their removed accounts are counted "
                "with the other recidivist accounts.",
                "A user report is actioned when an action on the reported account, post or URL "
                "took effect after the report, by the end of the period.",
                "Appeal times run from filing to decision, for appeals decided in the period.",
            )
        ),
    ]
    return out


def markdown(r: TransparencyReport) -> str:
    return md(blocks(r))


def html_page(r: TransparencyReport) -> str:
    return to_html(f"Transparency report: {r.period.title}", blocks(r))


def _csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(["" if v is None else v for v in row] for row in rows)
    return buf.getvalue()


def _tally_csv(label: str, rows: Sequence[TallyRow]) -> str:
    return _csv(
        (label, "actions", "accounts", "automated", "human_review", "reversed"),
        [
            (
                t.key,
                t.decisions.value,
                t.accounts.value,
                t.automated.value,
                t.human.value,
                t.reversed.value,
            )
            for t in rows
        ],
    )


def csv_files(r: TransparencyReport) -> dict[str, str]:
    """One CSV per table, plus ``figures.csv`` with every single number."""
    return {
        "disclosure.csv": _csv(
            (
                "network_id",
                "detection_source",
                "accounts_in_network",
                "followers_of_network",
                "description",
                "tactics",
                "first_seen",
                "last_seen",
                "disrupted_at",
            ),
            [
                (
                    n.network_id,
                    n.detection_source,
                    n.accounts.value,
                    n.followers.value,
                    n.description,
                    " ".join(t for t, _ in n.tactics),
                    n.first_seen,
                    n.last_seen,
                    n.disrupted_at,
                )
                for n in r.networks
            ],
        ),
        "figures.csv": _csv(("figure", "value"), [(k, v.value) for k, v in r.figures().items()]),
        "enforcement_by_action.csv": _tally_csv("action", r.by_action),
        "enforcement_by_behaviour.csv": _tally_csv("behaviour", r.by_behaviour),
        "enforcement_by_policy.csv": _tally_csv("policy", r.by_policy),
        "user_reports.csv": _csv(
            ("target_type", "received", "actioned"),
            [(x.target_type, x.received.value, x.actioned.value) for x in r.reports_by_target],
        ),
        "cop_c14_behaviours.csv": _csv(
            ("behaviour", "member_state", "accounts", "actions"),
            [
                (s.key, s.member_state, s.accounts.value, s.decisions.value)
                for s in r.c14_behaviours
            ],
        ),
        "cop_c14_tactics.csv": _csv(
            ("tactic", "name", "member_state", "accounts", "networks", "actions"),
            [
                (
                    s.key,
                    s.name,
                    s.member_state,
                    s.accounts.value,
                    s.networks.value if s.networks else 0,
                    s.decisions.value,
                )
                for s in r.c14_tactics
            ],
        ),
        "cop_c16_exchanges.csv": _csv(
            ("direction", "partner", "exchanges", "indicators"),
            [
                (x.direction, x.partner, x.exchanges.value, x.indicators.value)
                for x in r.c16_exchanges
            ],
        ),
    }


def json_text(r: TransparencyReport) -> str:
    return json.dumps(r.to_dict(), indent=2, ensure_ascii=False) + "\n"


def render_all(r: TransparencyReport) -> dict[str, str]:
    """Every file of the report, by name."""
    return {
        "report.html": html_page(r),
        "report.md": markdown(r),
        "report.json": json_text(r),
        **csv_files(r),
    }


def write_files(out: Path, files: dict[str, str]) -> list[Path]:
    """Write each file whole (a temporary name, then renamed), in name order."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in sorted(files):
        path = out / name
        tmp = out / f".{name}.tmp"
        tmp.write_text(files[name], encoding="utf-8")
        tmp.replace(path)
        written.append(path)
    return written
