"""Building small datasets on disk and reading back what ingest wrote."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from lockstep.ingest import IngestReport, ingest
from lockstep.progress import NullProgress

#: The clock ingest is given in tests, so the accepted time range does not move.
NOW = datetime(2025, 6, 1)

ACCOUNTS_CSV = "account_id,handle\na1,alice\na2,bob\n"


def write(folder: Path, files: dict[str, str | bytes | pa.Table]) -> Path:
    """Write ``files`` (name → text, bytes or Arrow table) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, pa.Table):
            pq.write_table(content, path)
        elif isinstance(content, bytes):
            path.write_bytes(gzip.compress(content, mtime=0) if name.endswith(".gz") else content)
        else:
            raw = content.encode("utf-8")
            path.write_bytes(gzip.compress(raw, mtime=0) if name.endswith(".gz") else raw)
    return folder


def jsonl(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


@dataclass
class Run:
    """An ingest run and accessors for what it wrote."""

    report: IngestReport
    out: Path

    @property
    def lake(self) -> Path:
        return self.out / "lake"

    @property
    def quarantine_dir(self) -> Path:
        return self.out / "quarantine"

    def table(self, name: str) -> pa.Table:
        return pq.read_table(self.lake / f"{name}.parquet")

    def rows(self, name: str) -> list[dict[str, Any]]:
        return self.table(name).to_pylist()

    def column(self, name: str, column: str) -> list[Any]:
        return self.table(name).column(column).to_pylist()

    def quarantine(self, name: str) -> list[dict[str, Any]]:
        path = self.quarantine_dir / f"{name}.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]

    def counts(self, name: str) -> tuple[int, int, int, int]:
        t = self.report.tables[name]
        return t.read, t.accepted, t.quarantined, t.duplicates_collapsed


def run(data: Path, out: Path | None = None) -> Run:
    """Ingest ``data`` into ``out`` (default: next to it) and check the books balance."""
    out = out or data.parent / f"{data.name}-out"
    report = ingest(data, out / "lake", out / "quarantine", NullProgress(), now=NOW)
    assert report.reconciles, report.to_dict()
    for name, counts in report.tables.items():
        quarantined = out / "quarantine" / f"{name}.jsonl"
        lines = quarantined.read_text().splitlines() if quarantined.exists() else []
        assert len(lines) == counts.quarantined, name
        assert pq.read_metadata(out / "lake" / f"{name}.parquet").num_rows == (
            counts.accepted + counts.stubs_created
        )
    return Run(report, out)
