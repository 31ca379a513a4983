"""The detector interface, and the finding and edge schemas of DESIGN §5.

A detector is a small frozen dataclass: its fields are its parameters (with defaults), so
settings go to the constructor and data to ``detect(lake)`` — the estimator pattern. It
reads lake tables as Ibis expressions and returns findings and edges; it never decides
enforcement. The framework fills in ids, the detector's name and version, and the policy,
so every detector's output has one shape.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

import pyarrow as pa

from lockstep.behaviours import BEHAVIOURS
from lockstep.lake import Lake

SUBJECT_TYPES = ("account", "post", "url", "domain")

FINDING_SCHEMA = pa.schema(
    [
        pa.field("finding_id", pa.string(), nullable=False),
        pa.field("behaviour", pa.string(), nullable=False),
        pa.field("policy", pa.string(), nullable=False),
        pa.field("detector", pa.string(), nullable=False),
        pa.field("detector_version", pa.string(), nullable=False),
        pa.field("subject_type", pa.string(), nullable=False),
        pa.field("subject_id", pa.string(), nullable=False),
        pa.field("account_ids", pa.list_(pa.string()), nullable=False),
        pa.field("score", pa.float64(), nullable=False),
        pa.field("window_start", pa.timestamp("us")),
        pa.field("window_end", pa.timestamp("us")),
        # JSON object with at least "summary"; JSON keeps the schema stable across detectors.
        pa.field("evidence", pa.string(), nullable=False),
    ]
)

_EDGE_FIELDS: list[pa.Field[Any]] = [
    pa.field("edge_id", pa.string(), nullable=False),
    pa.field("signal", pa.string(), nullable=False),
    pa.field("detector", pa.string(), nullable=False),
    pa.field("detector_version", pa.string(), nullable=False),
    pa.field("src", pa.string(), nullable=False),
    pa.field("dst", pa.string(), nullable=False),
    pa.field("weight", pa.float64(), nullable=False),
    pa.field("window_start", pa.timestamp("us")),
    pa.field("window_end", pa.timestamp("us")),
    pa.field("evidence", pa.string(), nullable=False),
]
EDGE_SCHEMA = pa.schema(_EDGE_FIELDS)


@dataclass(frozen=True)
class Finding:
    """A subject violates a behaviour, with a score and evidence an analyst can check."""

    behaviour: str
    subject_type: str
    subject_id: str
    account_ids: Sequence[str]
    score: float
    evidence: Mapping[str, Any]
    window_start: datetime | None = None
    window_end: datetime | None = None


@dataclass(frozen=True)
class Edge:
    """A pair of accounts acted together: the signal, a weight and the shared items."""

    signal: str
    src: str
    dst: str
    weight: float
    evidence: Mapping[str, Any]
    window_start: datetime | None = None
    window_end: datetime | None = None


@dataclass
class Detection:
    """What one detector returns: findings and edges in the DESIGN §5 schemas."""

    findings: pa.Table = field(default_factory=FINDING_SCHEMA.empty_table)
    edges: pa.Table = field(default_factory=EDGE_SCHEMA.empty_table)


@dataclass(frozen=True)
class Requirement:
    """Columns a detector needs from one lake table."""

    table: str
    columns: tuple[str, ...]


def _stable_id(*parts: object) -> str:
    digest = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode())
    return digest.hexdigest()[:20]


def _json(evidence: Mapping[str, Any]) -> str:
    return json.dumps(evidence, sort_keys=True, ensure_ascii=False, default=str)


@dataclass(frozen=True)
class Detector:
    """Base class of every detector. Subclasses are frozen dataclasses of parameters.

    Class attributes a subclass sets:
        name: the registry name; by convention the behaviour code it emits.
        version: bump when the output for the same input changes.
        behaviours: the behaviour codes it may emit.
        requires: the tables and columns it cannot run without.
    """

    name: ClassVar[str]
    version: ClassVar[str]
    behaviours: ClassVar[tuple[str, ...]]
    requires: ClassVar[tuple[Requirement, ...]]

    def params(self) -> dict[str, Any]:
        """The detector's parameters and their values (defaults unless overridden)."""
        return dataclasses.asdict(self)

    @classmethod
    def param_docs(cls) -> dict[str, str]:
        """Parameter documentation, taken from each field's ``doc`` metadata."""
        return {f.name: str(f.metadata.get("doc", "")) for f in dataclasses.fields(cls)}

    def missing(self, lake: Lake) -> list[str]:
        """Why this detector cannot run on ``lake``: ``table.column`` names it lacks."""
        out: list[str] = []
        for req in self.requires:
            out.extend(f"{req.table}.{c}" for c in lake.missing_columns(req.table, req.columns))
        return out

    def detect(self, lake: Lake) -> Detection:
        """Read the lake and return findings and edges. Never acts on them."""
        raise NotImplementedError

    # -- helpers that give every detector's output the same shape -----------------------

    def findings(self, items: Sequence[Finding]) -> pa.Table:
        """Findings as a table in FINDING_SCHEMA, sorted and with stable ids."""
        rows = []
        for f in items:
            if f.behaviour not in self.behaviours:
                raise ValueError(f"{self.name} may not emit {f.behaviour}")
            if f.subject_type not in SUBJECT_TYPES:
                raise ValueError(f"unknown subject_type {f.subject_type!r}")
            if "summary" not in f.evidence:
                raise ValueError(f"{self.name}: evidence needs a summary")
            rows.append(
                {
                    "finding_id": _stable_id(
                        self.name, f.behaviour, f.subject_type, f.subject_id, f.window_start
                    ),
                    "behaviour": f.behaviour,
                    "policy": BEHAVIOURS[f.behaviour].policy,
                    "detector": self.name,
                    "detector_version": self.version,
                    "subject_type": f.subject_type,
                    "subject_id": f.subject_id,
                    "account_ids": sorted(set(f.account_ids)),
                    "score": round(min(1.0, max(0.0, float(f.score))), 6),
                    "window_start": f.window_start,
                    "window_end": f.window_end,
                    "evidence": _json(f.evidence),
                }
            )
        rows.sort(key=lambda r: (r["behaviour"], r["subject_type"], r["subject_id"]))
        return pa.Table.from_pylist(rows, schema=FINDING_SCHEMA)

    def edges(self, items: Sequence[Edge]) -> pa.Table:
        """Edges as a table in EDGE_SCHEMA: undirected (src < dst), sorted, stable ids."""
        rows = []
        for e in items:
            src, dst = sorted((e.src, e.dst))
            if src == dst:
                continue
            rows.append(
                {
                    "edge_id": _stable_id(self.name, e.signal, src, dst, e.window_start),
                    "signal": e.signal,
                    "detector": self.name,
                    "detector_version": self.version,
                    "src": src,
                    "dst": dst,
                    "weight": round(float(e.weight), 6),
                    "window_start": e.window_start,
                    "window_end": e.window_end,
                    "evidence": _json(e.evidence),
                }
            )
        rows.sort(key=lambda r: (r["signal"], r["src"], r["dst"], str(r["window_start"])))
        return pa.Table.from_pylist(rows, schema=EDGE_SCHEMA)


def param(default: Any, doc: str) -> Any:
    """A detector parameter with its default and one line of documentation."""
    return field(default=default, metadata={"doc": doc})
