"""Ingest: read the input tables, validate every row, write the lake and the quarantine.

Order matters for the promise "bad input stops the run before anything is written": every
file is read and checked first, and only when all pass are the lake and quarantine folders
cleared (a re-run never mixes old rows) and written. Row-level problems never stop a run;
the row goes to ``quarantine/<table>.jsonl`` with file, row, line, column and reason, and
the report reconciles rows read with rows accepted, quarantined and collapsed.

The rules are written for users in docs/data-contract.md.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as _pc

from lockstep.contract import TABLES
from lockstep.errors import BadInputError
from lockstep.ingest.convert import Arr
from lockstep.ingest.discover import discover
from lockstep.ingest.duck import connect
from lockstep.ingest.raw import RawTable, contract_columns
from lockstep.ingest.read import read_file
from lockstep.ingest.report import IngestReport, TableCounts
from lockstep.ingest.rows import MENTION_HANDLES, Processed, process
from lockstep.ingest.text import map_list_values, resolve_mentions
from lockstep.ingest.urls import normalise_urls, urls_table
from lockstep.lake import write_lake
from lockstep.progress import Progress

# pyarrow-stubs reject valid compute calls (ChunkedArray and Python-scalar arguments)
# and lack some kernels; Arrow checks the types at run time.
pc: Any = _pc

__all__ = ["IngestReport", "TableCounts", "ingest"]


def ingest(
    data: Path,
    lake_dir: Path,
    quarantine_dir: Path,
    progress: Progress,
    *,
    now: datetime | None = None,
) -> IngestReport:
    """Read the dataset in ``data`` into the lake at ``lake_dir``; reject rows to quarantine.

    ``now`` (UTC) sets the latest accepted time (``now`` + 1 day); it defaults to the clock
    and exists so tests are independent of the day they run.
    """
    data, lake_dir, quarantine_dir = Path(data), Path(lake_dir), Path(quarantine_dir)
    found = discover(data)
    _check_apart(data, lake_dir, quarantine_dir)
    current = now.astimezone(UTC) if now and now.tzinfo else now or datetime.now(UTC)
    max_time = current.replace(tzinfo=None) + timedelta(days=1)
    names = [t for t in TABLES if t in found.files]
    report = IngestReport(ignored_files=dict(found.ignored))
    con = connect()
    try:
        with progress.stage("ingest", total=2 * len(names)) as task:
            raws: dict[str, RawTable] = {}
            for name in names:
                path = found.files[name]
                raws[name] = read_file(TABLES[name], path, path.name, con)
                task.advance()
            # Every file passed its file-level checks: only now touch the outputs.
            for folder in (lake_dir, quarantine_dir):
                if folder.exists():
                    shutil.rmtree(folder)
                folder.mkdir(parents=True)
            lake: dict[str, pa.Table] = {}
            handles: tuple[Arr, Arr] | None = None
            for name in names:
                raw = raws.pop(name)
                done = process(raw, con, max_time)
                counts = _counts(raw, done)
                table = done.table
                if name == "accounts":
                    handles = _handle_lookup(table, con)
                if name == "posts":
                    table = _post_lists(table, handles)
                    lake["urls"] = urls_table(pc.list_flatten(table.column("urls")))
                lake[name] = table
                report.tables[name] = counts
                if len(done.quarantine):
                    _write_quarantine(quarantine_dir / f"{name}.jsonl", done.quarantine)
                task.advance()
            stubs = _stubs(lake, con)
            report.tables["accounts"].stubs_created = stubs.num_rows
            lake["accounts"] = _with_stubs(lake["accounts"], stubs)
            # one chunk per column: Parquet page boundaries then do not depend on how
            # DuckDB happened to batch its results, so the files are byte-identical
            manifest = write_lake(lake_dir, {n: t.combine_chunks() for n, t in lake.items()})
            for name, counts in report.tables.items():
                counts.present_columns = sorted(manifest.tables[name].present)
    finally:
        con.close()
    return report


def _check_apart(data: Path, lake_dir: Path, quarantine_dir: Path) -> None:
    """Refuse outputs that would delete the input when cleared before writing."""
    src = data.resolve()
    for folder in (lake_dir, quarantine_dir):
        out = folder.resolve()
        if src == out or out in src.parents:
            raise BadInputError(f"output folder {folder} contains the input data", data)


def _counts(raw: RawTable, done: Processed) -> TableCounts:
    usable = contract_columns(raw.spec)
    return TableCounts(
        files=[raw.label],
        read=raw.read,
        accepted=done.table.num_rows,
        quarantined=done.quarantined,
        duplicates_collapsed=done.collapsed,
        extra_columns=[n for n in raw.names if n not in usable],
        derived_columns=done.derived,
        reasons=done.reasons,
        notes=list(raw.notes),
    )


def _write_quarantine(path: Path, lines: Arr) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(str(line) for line in lines.to_pylist()))
        fh.write("\n")


def _handle_lookup(accounts: pa.Table, con: Any) -> tuple[Arr, Arr]:
    """(lower-cased handle, account_id) for handles that name exactly one account."""
    con.register("acc_handles", accounts.select(["account_id", "handle"]))
    pairs = con.sql(
        """
        SELECT lower(ltrim(handle, '@')) AS k, min(account_id) AS account_id
        FROM acc_handles WHERE handle IS NOT NULL AND ltrim(handle, '@') <> ''
        GROUP BY k HAVING count(DISTINCT account_id) = 1 ORDER BY k
        """
    ).to_arrow_table()
    con.unregister("acc_handles")
    return pairs.column("k").combine_chunks(), pairs.column("account_id").combine_chunks()


def _post_lists(posts: pa.Table, handles: tuple[Arr, Arr] | None) -> pa.Table:
    """Normalised urls (originals in urls_raw) and mentions resolved to account ids."""
    urls_raw = posts.column("urls")
    posts = posts.set_column(
        posts.schema.get_field_index("urls"), "urls", map_list_values(urls_raw, normalise_urls)
    )
    posts = posts.append_column("urls_raw", urls_raw)
    keys, ids = handles if handles else (pa.array([], pa.string()), pa.array([], pa.string()))
    resolved = resolve_mentions(posts.column(MENTION_HANDLES), keys, ids)
    mentions = pc.coalesce(posts.column("mentions").combine_chunks(), resolved)
    posts = posts.set_column(posts.schema.get_field_index("mentions"), "mentions", mentions)
    return posts.drop_columns([MENTION_HANDLES])


def _stubs(lake: dict[str, pa.Table], con: Any) -> pa.Table:
    """Accounts referred to by activity but absent from (accepted) accounts, sorted."""
    referenced = {
        f"ref_{name}_{column}": lake[name].select([column]).rename_columns(["account_id"])
        for name, spec in TABLES.items()
        if name in lake
        for column, target, _ in spec.references
        if target == "accounts"
    }
    con.register("known_accounts", lake["accounts"].select(["account_id"]))
    for view, table in referenced.items():
        con.register(view, table)
    union = " UNION ALL ".join(f"SELECT account_id FROM {view}" for view in referenced)
    try:
        missing = con.sql(
            f"""
            SELECT DISTINCT account_id FROM ({union or "SELECT NULL AS account_id"})
            ANTI JOIN known_accounts USING (account_id)
            WHERE account_id IS NOT NULL ORDER BY account_id
            """
        ).to_arrow_table()
    finally:
        for view in ["known_accounts", *referenced]:
            con.unregister(view)
    ids = missing.column("account_id").cast(pa.string())
    return pa.table({"account_id": ids, "is_stub": pa.array(np.ones(len(ids), bool))})


def _with_stubs(accounts: pa.Table, stubs: pa.Table) -> pa.Table:
    accounts = accounts.append_column("is_stub", pa.array(np.zeros(accounts.num_rows, bool)))
    if stubs.num_rows == 0:
        return accounts
    return pa.concat_tables([accounts, stubs], promote_options="default")
