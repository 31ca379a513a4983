"""Ingest's account of every row it read: the reconciliation in ``summary.json``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class TableCounts:
    """Rows of one table: read = accepted + quarantined + collapsed (exact duplicates)."""

    files: list[str] = field(default_factory=list)
    read: int = 0
    accepted: int = 0
    quarantined: int = 0
    #: exact duplicate rows folded into one accepted row (not lost: same content)
    duplicates_collapsed: int = 0
    #: accounts created because activity referred to an account absent from ``accounts``
    stubs_created: int = 0
    #: contract columns the input filled at least once
    present_columns: list[str] = field(default_factory=list)
    #: input columns outside the contract, kept in ``attrs``
    extra_columns: list[str] = field(default_factory=list)
    #: columns ingest derived, e.g. urls extracted from text
    derived_columns: list[str] = field(default_factory=list)
    #: quarantine reasons and how many rows each
    reasons: dict[str, int] = field(default_factory=dict)
    #: things a person should know that are not rejected rows (skipped blank lines,
    #: records swallowed by broken quoting, ignored index columns)
    notes: list[str] = field(default_factory=list)

    @property
    def reconciles(self) -> bool:
        return self.read == self.accepted + self.quarantined + self.duplicates_collapsed


@dataclass
class IngestReport:
    """Counts per table; stubs are counted on ``accounts`` and are not part of ``read``."""

    tables: dict[str, TableCounts] = field(default_factory=dict)
    #: files in the data folder that are not a contract table, and why each was skipped
    ignored_files: dict[str, str] = field(default_factory=dict)

    @property
    def reconciles(self) -> bool:
        return all(t.reconciles for t in self.tables.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "reconciles": self.reconciles,
            "tables": {name: asdict(t) for name, t in sorted(self.tables.items())},
            "ignored_files": dict(sorted(self.ignored_files.items())),
        }
