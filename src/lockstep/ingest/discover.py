"""Which file in the data folder holds which contract table.

A dataset is a flat folder; each table is one file named after it. Anything else (labels,
READMEs, a ``truth.jsonl``) is listed in the report as ignored, so a misspelt table name is
visible instead of silently missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lockstep.contract import ACTIVITY_TABLES, FILE_SUFFIXES, REQUIRED_TABLES, TABLES
from lockstep.errors import BadInputError

# Longest suffix first so that ``posts.csv.gz`` is not taken for ``posts.csv`` + ``.gz``.
_SUFFIXES = sorted(FILE_SUFFIXES, key=len, reverse=True)


@dataclass
class Discovery:
    """The table files found in a data folder and the files left alone."""

    files: dict[str, Path] = field(default_factory=dict)
    ignored: dict[str, str] = field(default_factory=dict)


def split_name(path: Path) -> tuple[str, str] | None:
    """``(table, suffix)`` for a file named like a table file, else None (case-insensitive)."""
    lower = path.name.lower()
    for suffix in _SUFFIXES:
        if lower.endswith(suffix) and len(lower) > len(suffix):
            return lower[: -len(suffix)], suffix
    return None


def discover(data: Path) -> Discovery:
    """Map contract tables to their files in ``data``; raise when the folder cannot be used."""
    if not data.is_dir():
        raise BadInputError("not a folder of input tables", data)
    found = Discovery()
    for path in sorted(data.iterdir()):
        parsed = split_name(path) if path.is_file() else None
        if parsed is None:
            kind = "folder" if path.is_dir() else "file"
            found.ignored[path.name] = (
                f"{kind} is not a table file ({', '.join('NAME' + s for s in FILE_SUFFIXES)})"
            )
            continue
        table, _ = parsed
        if table not in TABLES:
            found.ignored[path.name] = (
                f"{table!r} is not a table of the data contract ({', '.join(TABLES)})"
            )
            continue
        if table in found.files:
            raise BadInputError(
                f"two files for table {table!r}: {found.files[table].name} and {path.name};"
                " keep one",
                data,
            )
        found.files[table] = path
    for table in REQUIRED_TABLES:
        if table not in found.files:
            raise BadInputError(f"missing required table {table!r} ({table}.csv, ...)", data)
    if not any(t in found.files for t in ACTIVITY_TABLES):
        raise BadInputError(
            f"no activity: need at least one of {' or '.join(ACTIVITY_TABLES)}", data
        )
    return found
