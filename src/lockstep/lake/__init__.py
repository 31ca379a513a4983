"""The lake: accepted activity as Parquet, exposed as Ibis tables on a chosen backend.

Detectors only ever see Ibis expressions from here, so the same detector code runs on
DuckDB (the embedded default) and on PySpark (scale-out) unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.parquet as pq

from lockstep.contract import TABLES

MANIFEST = "manifest.json"
BACKENDS = ("duckdb", "pyspark")


@dataclass
class TableInfo:
    """What the lake knows about one stored table without reading it."""

    rows: int
    #: contract columns that held at least one value in the input
    present: list[str] = field(default_factory=list)


@dataclass
class Manifest:
    """The lake's table of contents, written by ingest."""

    tables: dict[str, TableInfo] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {n: {"rows": t.rows, "present": sorted(t.present)} for n, t in self.tables.items()},
            indent=2,
            sort_keys=True,
        )

    @classmethod
    def read(cls, path: Path) -> Manifest:
        raw: dict[str, dict[str, Any]] = json.loads(path.read_text())
        return cls({n: TableInfo(int(v["rows"]), list(v["present"])) for n, v in raw.items()})


def connect(backend: str = "duckdb", threads: int | None = None) -> Any:
    """An Ibis connection for ``backend`` (``duckdb`` or ``pyspark``)."""
    if backend == "duckdb":
        con = ibis.duckdb.connect()
        if threads:
            con.raw_sql(f"SET threads = {int(threads)}")
        return con
    if backend == "pyspark":
        from lockstep.lake.spark import local_session

        return ibis.pyspark.connect(local_session())
    raise ValueError(f"unknown engine {backend!r}; choose one of {', '.join(BACKENDS)}")


class Lake:
    """Parquet files under ``root`` (one per table) read through one Ibis connection."""

    def __init__(self, root: Path, backend: str = "duckdb", con: Any = None) -> None:
        self.root = Path(root)
        self.backend = backend
        self.con = con if con is not None else connect(backend)
        path = self.root / MANIFEST
        self.manifest = Manifest.read(path) if path.exists() else Manifest()
        self._tables: dict[str, ir.Table] = {}

    def path(self, name: str) -> Path:
        return self.root / f"{name}.parquet"

    def has(self, name: str) -> bool:
        """True when the table is stored (it may still be empty)."""
        return self.path(name).exists()

    def missing_columns(self, name: str, columns: Iterable[str]) -> list[str]:
        """Which of ``columns`` the input never filled for ``name`` (all, if no table)."""
        wanted = list(columns)
        if not self.has(name):
            return wanted
        info = self.manifest.tables.get(name)
        if info is None:
            return []
        present = set(info.present)
        known = set(TABLES[name].names) if name in TABLES else set()
        # Derived columns (not in the contract) are always present once the table exists.
        return [c for c in wanted if c in known and c not in present]

    def rows(self, name: str) -> int:
        info = self.manifest.tables.get(name)
        return info.rows if info else 0

    def table(self, name: str) -> ir.Table:
        """The stored table as an Ibis expression (cached per lake)."""
        if name not in self._tables:
            if not self.has(name):
                raise KeyError(f"the lake has no table {name!r}")
            self._tables[name] = self.con.read_parquet(
                str(self.path(name)), table_name=f"lake_{name}"
            )
        return self._tables[name]

    def register(self, name: str, expr: ir.Table) -> ir.Table:
        """Cache a derived table so several detectors share one computation."""
        self._tables[name] = expr
        return expr

    def cached(self, name: str) -> ir.Table | None:
        return self._tables.get(name)


def conform(name: str, table: pa.Table) -> pa.Table:
    """``table`` in the lake schema of contract table ``name``: missing columns become null."""
    schema = TABLES[name].arrow_schema()
    cols = []
    for fld in schema:
        if fld.name in table.column_names:
            cols.append(table.column(fld.name).cast(fld.type))
        else:
            cols.append(pa.nulls(table.num_rows, type=fld.type))
    return pa.Table.from_arrays(cols, schema=schema)


def write_lake(root: Path, tables: dict[str, pa.Table]) -> Manifest:
    """Write contract tables as the lake under ``root``, with the manifest.

    A column counts as present when the given table has it with at least one value, so
    detectors that need it are skipped, with a reason, when the input never filled it.
    Tables outside the contract (derived ones such as ``urls``) are written as given.
    """
    root.mkdir(parents=True, exist_ok=True)
    manifest = Manifest()
    for name, table in sorted(tables.items()):
        spec = TABLES.get(name)
        known = spec.names if spec else table.column_names
        present = [
            c
            for c in table.column_names
            if c in known and table.column(c).null_count < table.num_rows
        ]
        pq.write_table(conform(name, table) if spec else table, root / f"{name}.parquet")
        manifest.tables[name] = TableInfo(rows=table.num_rows, present=present)
    (root / MANIFEST).write_text(manifest.to_json() + "\n")
    return manifest
