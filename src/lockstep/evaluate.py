"""``lockstep eval``: score a run's findings against a synthetic world's ground truth.

A synthetic dataset carries ``truth.jsonl`` (one row per account: its campaign, the behaviour
codes it commits, its role and kind) and usually ``campaigns.jsonl``. Scoring is at account
level, because enforcement acts on accounts: for behaviour ``b`` the predicted set is the union
of ``account_ids`` of the findings naming ``b``, the actual set is the accounts whose truth
lists ``b``. Besides precision, recall and F1 per behaviour, it reports what a trust-and-safety
team asks first: how much of each planted campaign was caught, and how often the seeds'
explicit non-violations (organic activism, branch accounts, hobby bots, ...) and ordinary
organic accounts were flagged at all.

The files can be large (100k truth rows, tens of thousands of findings), so they are read with
Arrow's JSON reader and the set arithmetic runs in DuckDB over the Arrow tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj
from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from lockstep.behaviours import BEHAVIOURS
from lockstep.errors import BadInputError
from lockstep.evaluate_networks import NetworkEvaluation, evaluate_networks, network_table

TRUTH_FILE = "truth.jsonl"
CAMPAIGNS_FILE = "campaigns.jsonl"
FINDINGS_FILE = "findings.jsonl"

ROLES = ("organic", "member", "operator", "buyer", "source", "hard_negative")

#: Only the columns scoring needs; everything else on a row (evidence, params, ...) is ignored,
#: which also keeps detector-specific evidence shapes from upsetting the reader.
TRUTH_SCHEMA = pa.schema(
    [
        ("account_id", pa.string()),
        ("campaign_id", pa.string()),
        ("behaviours", pa.list_(pa.string())),
        ("role", pa.string()),
        ("kind", pa.string()),
    ]
)
CAMPAIGNS_SCHEMA = pa.schema(
    [("campaign_id", pa.string()), ("kind", pa.string()), ("behaviours", pa.list_(pa.string()))]
)
FINDINGS_SCHEMA = pa.schema([("behaviour", pa.string()), ("account_ids", pa.list_(pa.string()))])

#: One JSON line must fit in a block; findings with long evidence lists can be large.
_BLOCK_SIZE = 32 << 20

#: Above this many campaigns the terminal shows one row per campaign kind (JSON keeps all).
MAX_CAMPAIGN_ROWS = 30


def _f1(tp: int, fp: int, fn: int) -> float | None:
    denominator = 2 * tp + fp + fn
    return 2 * tp / denominator if denominator else None


@dataclass(frozen=True)
class BehaviourScore:
    """Account-level confusion counts for one behaviour code."""

    code: str
    findings: int
    tp: int
    fp: int
    fn: int

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def actual(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float | None:
        """None when nothing was flagged: precision is undefined, not zero."""
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        """None when the truth has no account with this behaviour."""
        return self.tp / self.actual if self.actual else None

    @property
    def f1(self) -> float | None:
        """2tp / (2tp + fp + fn): the harmonic mean, and 0 rather than undefined when one side
        is empty. None only when no account is flagged or in truth (findings without accounts).
        """
        return _f1(self.tp, self.fp, self.fn)

    @property
    def status(self) -> str:
        if self.findings == 0:
            return "no findings"
        if self.actual == 0:
            return "not in truth"
        return "scored"

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": self.findings,
            "predicted": self.predicted,
            "actual": self.actual,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "status": self.status,
        }


@dataclass(frozen=True)
class Average:
    """Micro or macro average over the behaviours that have findings."""

    precision: float | None
    recall: float | None
    f1: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class CampaignScore:
    """How much of one planted campaign was caught for the campaign's own behaviours."""

    campaign_id: str
    kind: str
    behaviours: tuple[str, ...]
    #: campaign accounts whose truth lists a behaviour; members with none of their own (such
    #: as the suspended accounts a recidivism campaign replaces) have nothing to catch
    accounts: int
    #: of those, accounts flagged with at least one of the campaign's behaviours
    flagged: int

    @property
    def recall(self) -> float | None:
        return self.flagged / self.accounts if self.accounts else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "behaviours": list(self.behaviours),
            "accounts": self.accounts,
            "flagged": self.flagged,
            "recall": self.recall,
        }


@dataclass(frozen=True)
class FalsePositiveRate:
    """Share of accounts in a group of non-violators that carry any finding at all."""

    group: str
    accounts: int
    flagged: int

    @property
    def rate(self) -> float | None:
        return self.flagged / self.accounts if self.accounts else None

    def to_dict(self) -> dict[str, Any]:
        return {"accounts": self.accounts, "flagged": self.flagged, "rate": self.rate}


@dataclass(frozen=True)
class Evaluation:
    """The scores of one run against one synthetic world."""

    data: Path
    run: Path
    accounts: int
    findings: int
    behaviours: tuple[BehaviourScore, ...]
    micro: Average
    macro: Average
    campaigns: tuple[CampaignScore, ...]
    organic: FalsePositiveRate
    hard_negatives: tuple[FalsePositiveRate, ...]
    #: flagged accounts that have no truth row (e.g. stubs); counted so none is lost silently
    unknown_accounts_flagged: int
    #: network metrics; None for a run without networks.jsonl
    networks: NetworkEvaluation | None = None

    @property
    def averaged_over(self) -> tuple[str, ...]:
        return tuple(b.code for b in self.behaviours if b.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "data": str(self.data),
            "run": str(self.run),
            "accounts": self.accounts,
            "findings": self.findings,
            "behaviours": {b.code: b.to_dict() for b in self.behaviours},
            "averages": {
                "over": list(self.averaged_over),
                "micro": self.micro.to_dict(),
                "macro": self.macro.to_dict(),
            },
            "campaigns": {c.campaign_id: c.to_dict() for c in self.campaigns},
            "false_positive_rate": {
                "organic": self.organic.to_dict(),
                "hard_negative": {h.group: h.to_dict() for h in self.hard_negatives},
            },
            "unknown_accounts_flagged": self.unknown_accounts_flagged,
            "networks": self.networks.to_dict() if self.networks else None,
        }


# -- reading --------------------------------------------------------------------------------


def _is_blank(path: Path) -> bool:
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            if chunk.strip():
                return False
    return True


def read_jsonl(path: Path, schema: pa.Schema) -> pa.Table:
    """The ``schema`` columns of a JSON Lines file; an empty file is an empty table."""
    if not path.is_file():
        raise BadInputError("file not found", path)
    if path.stat().st_size == 0:
        return schema.empty_table()
    try:
        return pj.read_json(
            path,
            read_options=pj.ReadOptions(block_size=_BLOCK_SIZE),
            parse_options=pj.ParseOptions(
                explicit_schema=schema, unexpected_field_behavior="ignore"
            ),
        )
    except pa.ArrowInvalid as exc:
        if _is_blank(path):
            return schema.empty_table()
        raise BadInputError(f"not valid JSON Lines: {exc}", path) from exc


def _require_values(table: pa.Table, column: str, path: Path) -> None:
    nulls = table.column(column).null_count
    if nulls:
        raise BadInputError(f"{nulls} row(s) without {column}", path)


def _require_codes(codes: pa.ChunkedArray[Any] | pa.Array[Any], path: Path) -> None:
    known = pa.array(sorted(BEHAVIOURS), pa.string())
    odd = pc.unique(pc.filter(codes, pc.invert(pc.is_in(codes, value_set=known))))
    unknown = sorted(str(c) for c in odd.to_pylist() if c is not None)
    if unknown:
        raise BadInputError(f"unknown behaviour code(s): {', '.join(unknown)}", path)


def _read_truth(data: Path) -> pa.Table:
    path = data / TRUTH_FILE
    truth = read_jsonl(path, TRUTH_SCHEMA)
    _require_values(truth, "account_id", path)
    _require_values(truth, "role", path)
    if pc.count_distinct(truth.column("account_id")).as_py() != truth.num_rows:
        raise BadInputError("an account_id appears on more than one row", path)
    roles = pc.unique(truth.column("role")).to_pylist()
    odd = sorted(str(r) for r in roles if r not in ROLES)
    if odd:
        raise BadInputError(f"unknown role(s) {', '.join(odd)}; expected {', '.join(ROLES)}", path)
    _require_codes(pc.list_flatten(truth.column("behaviours")), path)
    return truth


def _read_campaigns(data: Path) -> pa.Table | None:
    """campaigns.jsonl is optional: DESIGN §5 promises only truth.jsonl of a synthetic set."""
    path = data / CAMPAIGNS_FILE
    if not path.exists():
        return None
    campaigns = read_jsonl(path, CAMPAIGNS_SCHEMA)
    _require_values(campaigns, "campaign_id", path)
    if pc.count_distinct(campaigns.column("campaign_id")).as_py() != campaigns.num_rows:
        raise BadInputError("a campaign_id appears on more than one row", path)
    _require_codes(pc.list_flatten(campaigns.column("behaviours")), path)
    return campaigns


def _read_findings(out: Path) -> pa.Table:
    path = out / FINDINGS_FILE
    findings = read_jsonl(path, FINDINGS_SCHEMA)
    _require_values(findings, "behaviour", path)
    _require_codes(findings.column("behaviour"), path)
    return findings


# -- scoring --------------------------------------------------------------------------------

_SETS_SQL = """
CREATE TEMP TABLE predicted AS
    SELECT DISTINCT behaviour, account_id
    FROM (SELECT behaviour, UNNEST(account_ids) AS account_id FROM findings)
    WHERE account_id IS NOT NULL;
CREATE TEMP TABLE actual AS
    SELECT DISTINCT behaviour, account_id
    FROM (SELECT UNNEST(behaviours) AS behaviour, account_id FROM truth)
    WHERE behaviour IS NOT NULL;
CREATE TEMP TABLE flagged AS SELECT DISTINCT account_id FROM predicted;
CREATE TEMP TABLE violators AS
    SELECT account_id, campaign_id, kind FROM truth
    WHERE campaign_id IS NOT NULL AND len(coalesce(behaviours, [])) > 0;
"""

_CONFUSION_SQL = """
SELECT coalesce(p.behaviour, a.behaviour),
       count(*) FILTER (WHERE p.account_id IS NOT NULL AND a.account_id IS NOT NULL),
       count(*) FILTER (WHERE a.account_id IS NULL),
       count(*) FILTER (WHERE p.account_id IS NULL)
FROM predicted p
FULL OUTER JOIN actual a ON p.behaviour = a.behaviour AND p.account_id = a.account_id
GROUP BY ALL
"""

_FINDING_COUNTS_SQL = "SELECT behaviour, count(*) FROM findings GROUP BY behaviour"

_CAMPAIGNS_FROM_TRUTH_SQL = """
SELECT v.campaign_id, min(v.kind) AS kind,
       list(DISTINCT a.behaviour ORDER BY a.behaviour) AS behaviours
FROM violators v JOIN actual a USING (account_id)
GROUP BY v.campaign_id
"""

_CAMPAIGN_RECALL_SQL = """
WITH members AS (
    SELECT campaign_id, count(*) AS accounts FROM violators GROUP BY campaign_id
),
caught AS (
    SELECT v.campaign_id, count(DISTINCT v.account_id) AS flagged
    FROM violators v
    JOIN (SELECT campaign_id, UNNEST(behaviours) AS behaviour FROM campaigns) cb
        USING (campaign_id)
    JOIN predicted p ON p.account_id = v.account_id AND p.behaviour = cb.behaviour
    GROUP BY v.campaign_id
)
SELECT c.campaign_id, coalesce(m.accounts, 0), coalesce(h.flagged, 0)
FROM campaigns c
LEFT JOIN members m USING (campaign_id)
LEFT JOIN caught h USING (campaign_id)
"""

_UNLISTED_CAMPAIGNS_SQL = """
SELECT DISTINCT campaign_id FROM violators ANTI JOIN campaigns USING (campaign_id)
ORDER BY campaign_id LIMIT 5
"""

_GROUP_RATE_SQL = """
SELECT CASE WHEN t.role = 'organic' THEN 'organic' ELSE coalesce(t.kind, 'unspecified') END,
       t.role,
       count(*),
       count(f.account_id)
FROM truth t LEFT JOIN flagged f USING (account_id)
WHERE t.role IN ('organic', 'hard_negative')
GROUP BY ALL
"""

_UNKNOWN_SQL = "SELECT count(*) FROM flagged f ANTI JOIN truth t USING (account_id)"


def _average(scores: Sequence[BehaviourScore]) -> tuple[Average, Average]:
    """Micro (pooled counts) and macro (mean of per-behaviour figures) averages."""
    if not scores:
        empty = Average(None, None, None)
        return empty, empty
    tp = sum(s.tp for s in scores)
    fp = sum(s.fp for s in scores)
    fn = sum(s.fn for s in scores)
    micro = Average(
        tp / (tp + fp) if tp + fp else None,
        tp / (tp + fn) if tp + fn else None,
        _f1(tp, fp, fn),
    )

    def mean(values: Sequence[float | None]) -> float | None:
        present = [v for v in values if v is not None]
        return sum(present) / len(present) if present else None

    macro = Average(
        mean([s.precision for s in scores]),
        mean([s.recall for s in scores]),
        mean([s.f1 for s in scores]),
    )
    return micro, macro


def _campaigns(con: Any, campaigns: pa.Table | None, path: Path) -> tuple[CampaignScore, ...]:
    """Per-campaign recall; without campaigns.jsonl a campaign's behaviours come from truth.

    Groups without behaviours (the hard-negative groups a synthesiser also lists, such as an
    organic activism wave) have nothing to recall; they are scored as false-positive rates.
    """
    if campaigns is None:
        campaigns = con.sql(_CAMPAIGNS_FROM_TRUTH_SQL).to_arrow_table()
    has_behaviours = pc.greater(pc.list_value_length(campaigns["behaviours"]), pa.scalar(0))
    campaigns = campaigns.filter(has_behaviours)
    con.register("campaigns", campaigns)
    unlisted = con.execute(_UNLISTED_CAMPAIGNS_SQL).fetchall()
    if unlisted:
        names = ", ".join(str(row[0]) for row in unlisted)
        raise BadInputError(f"lacks campaign(s) named in {TRUTH_FILE}: {names}", path)
    counts = {cid: (n, hit) for cid, n, hit in con.execute(_CAMPAIGN_RECALL_SQL).fetchall()}
    scores = [
        CampaignScore(str(cid), str(kind or "unspecified"), tuple(codes or ()), *counts[cid])
        for cid, kind, codes in zip(
            campaigns.column("campaign_id").to_pylist(),
            campaigns.column("kind").to_pylist(),
            campaigns.column("behaviours").to_pylist(),
            strict=True,
        )
    ]
    return tuple(sorted(scores, key=lambda c: c.campaign_id))


def evaluate(data: Path, out: Path) -> Evaluation:
    """Score the findings of the run in ``out`` against the truth of the dataset in ``data``."""
    data, out = Path(data), Path(out)
    truth = _read_truth(data)
    campaigns = _read_campaigns(data)
    findings = _read_findings(out)

    con = duckdb.connect()
    try:
        con.register("truth", truth)
        con.register("findings", findings)
        con.execute(_SETS_SQL)
        confusion = {b: (tp, fp, fn) for b, tp, fp, fn in con.execute(_CONFUSION_SQL).fetchall()}
        n_findings = dict(con.execute(_FINDING_COUNTS_SQL).fetchall())
        scores = tuple(
            BehaviourScore(code, int(n_findings.get(code, 0)), *confusion.get(code, (0, 0, 0)))
            for code in BEHAVIOURS  # DESIGN §4 order, the order every report uses
            if code in confusion or code in n_findings
        )
        camp = _campaigns(con, campaigns, data / CAMPAIGNS_FILE)
        groups = con.execute(_GROUP_RATE_SQL).fetchall()
        (unknown,) = con.execute(_UNKNOWN_SQL).fetchall()[0]
    finally:
        con.close()

    organic = FalsePositiveRate("organic", 0, 0)
    hard: list[FalsePositiveRate] = []
    for group, role, n, flagged in groups:
        rate = FalsePositiveRate(str(group), int(n), int(flagged))
        if role == "organic":
            organic = rate
        else:
            hard.append(rate)
    micro, macro = _average([s for s in scores if s.findings])
    return Evaluation(
        data=data,
        run=out,
        accounts=truth.num_rows,
        findings=findings.num_rows,
        behaviours=scores,
        micro=micro,
        macro=macro,
        campaigns=camp,
        organic=organic,
        hard_negatives=tuple(sorted(hard, key=lambda h: h.group)),
        unknown_accounts_flagged=int(unknown),
        networks=evaluate_networks(data, out),
    )


# -- rendering ------------------------------------------------------------------------------


#: Compact tables: the longest behaviour code and six figures fit an 80-column terminal.
_STYLE: dict[str, Any] = {"box": box.SIMPLE_HEAD, "pad_edge": False, "padding": (0, 1, 0, 0)}


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _behaviour_table(result: Evaluation) -> Table:
    # Finding counts, fp and fn are in --json; tp over "flagged" is precision and over "truth"
    # is recall, which is enough to check the figures by eye.
    notes = [f"Averages over the {len(result.averaged_over)} behaviour(s) with findings."]
    silent = [s.code for s in result.behaviours if s.status == "no findings"]
    if silent:
        notes.append(f"No findings (recall 0): {', '.join(silent)}.")
    unscored = [s.code for s in result.behaviours if s.status == "not in truth"]
    if unscored:
        notes.append(f"Flagged but in no account's truth (precision 0): {', '.join(unscored)}.")
    table = Table(
        title="Per behaviour (account level)",
        title_justify="left",
        caption="\n".join(notes),
        caption_justify="left",
        **_STYLE,
    )
    # Figures never truncate: on a narrow terminal the code column folds instead.
    table.add_column("behaviour", overflow="fold")
    for col in ("flagged", "truth", "tp", "precision", "recall", "F1"):
        table.add_column(col, justify="right", no_wrap=True, min_width=len(col))
    for s in result.behaviours:
        table.add_row(
            s.code,
            str(s.predicted),
            str(s.actual),
            str(s.tp),
            _fmt(s.precision),
            _fmt(s.recall),
            _fmt(s.f1),
        )
    if not result.behaviours:
        table.add_row("(no behaviour in truth)", *[""] * 6)
    table.add_section()
    for name, avg in (("micro average", result.micro), ("macro average", result.macro)):
        table.add_row(name, "", "", "", *map(_fmt, (avg.precision, avg.recall, avg.f1)))
    return table


def _campaign_table(result: Evaluation) -> Table:
    if len(result.campaigns) <= MAX_CAMPAIGN_ROWS:
        table = Table(title="Campaign recall", title_justify="left", **_STYLE)
        table.add_column("campaign")
        table.add_column("kind")
        table.add_column("accounts", justify="right")
        table.add_column("caught", justify="right")
        table.add_column("recall", justify="right")
        for c in result.campaigns:
            table.add_row(c.campaign_id, c.kind, str(c.accounts), str(c.flagged), _fmt(c.recall))
        if not result.campaigns:
            table.add_row("(no campaigns)", "", "", "", "")
        return table
    by_kind: dict[str, list[CampaignScore]] = {}
    for c in result.campaigns:
        by_kind.setdefault(c.kind, []).append(c)
    table = Table(
        title=f"Campaign recall by kind ({len(result.campaigns)} campaigns; --json lists each)",
        title_justify="left",
        **_STYLE,
    )
    for col in ("kind", "campaigns", "accounts", "caught", "recall"):
        table.add_column(col, justify="left" if col == "kind" else "right")
    for kind, items in sorted(by_kind.items()):
        n, hit = sum(c.accounts for c in items), sum(c.flagged for c in items)
        table.add_row(kind, str(len(items)), str(n), str(hit), _fmt(hit / n if n else None))
    return table


def _fpr_table(result: Evaluation) -> Table:
    table = Table(
        title="False positives on non-violators (share with any finding)",
        title_justify="left",
        **_STYLE,
    )
    table.add_column("group")
    for col in ("accounts", "flagged", "rate"):
        table.add_column(col, justify="right")
    o = result.organic
    table.add_row("organic", str(o.accounts), str(o.flagged), _fmt(o.rate))
    for h in result.hard_negatives:
        table.add_row(f"hard negative: {h.group}", str(h.accounts), str(h.flagged), _fmt(h.rate))
    return table


def render(result: Evaluation) -> Group:
    """The evaluation as terminal tables: behaviours, campaigns, false-positive rates."""
    parts: list[RenderableType] = [
        _behaviour_table(result),
        Padding(_campaign_table(result), (1, 0, 0, 0)),
        Padding(_fpr_table(result), (1, 0, 0, 0)),
    ]
    if result.networks is not None:
        parts.append(Padding(network_table(result.networks, _STYLE), (1, 0, 0, 0)))
    if result.unknown_accounts_flagged:
        parts.append(
            Text(
                f"{result.unknown_accounts_flagged} flagged account(s) have no row in "
                f"{TRUTH_FILE}; they count as false positives."
            )
        )
    return Group(*parts)
