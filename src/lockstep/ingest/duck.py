"""The private DuckDB connection ingest validates with."""

from __future__ import annotations

from typing import Any

import duckdb


def connect() -> Any:
    """An in-memory DuckDB in UTC that never installs or downloads extensions.

    UTC matters: ISO times without an offset are read as UTC, and TIMESTAMPTZ values are
    turned into naive UTC by casting in the session zone.
    """
    con = duckdb.connect(
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    con.execute("SET TimeZone = 'UTC'")
    return con


def count(con: Any, sql: str) -> int:
    """The single integer a ``SELECT count(*) ...`` returns."""
    return int(con.sql(sql).fetchall()[0][0])
