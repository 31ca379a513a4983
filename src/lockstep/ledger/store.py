"""Opening a ledger, migrating it, and appending events under a writer lock.

``--ledger`` takes a SQLite path or a SQLAlchemy URL. Every write happens in one transaction
that first takes the ledger's writer lock (``BEGIN IMMEDIATE`` on SQLite, a transaction-scoped
advisory lock on PostgreSQL), so two writers that read state and then decide never interleave:
the second sees the first one's decisions and does not enforce the same offense twice. The
unique idempotency key on every event is the second line of defence, and makes reruns of the
same data add nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from lockstep.errors import BadInputError
from lockstep.ledger.models import EVENT_KINDS, accounts, events

#: advisory lock keys (arbitrary constants, the same in every process)
_WRITE_LOCK = 0x10C5_7E9
_MIGRATE_LOCK = 0x10C5_7EA
_CHUNK = 500


def ledger_url(value: str | Path) -> str:
    """A SQLAlchemy URL for ``value``: a SQLite path, or a URL (``postgresql://`` → psycopg)."""
    text = str(value)
    if "://" not in text:
        path = Path(text).expanduser().resolve()
        if path.is_dir():
            raise BadInputError("a ledger is a file (or a database URL), not a folder", path)
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    for prefix in ("postgresql://", "postgres://"):
        if text.startswith(prefix):
            return "postgresql+psycopg://" + text[len(prefix) :]
    return text


def now_utc() -> datetime:
    return datetime.now(UTC)


def aware(ts: datetime) -> datetime:
    """SQLite hands back naive times; the ledger stores UTC, so say so."""
    return ts.replace(tzinfo=UTC) if ts.tzinfo is None else ts.astimezone(UTC)


@dataclass(frozen=True)
class Event:
    """One recorded fact. ``seq`` orders events; ``payload`` holds the kind's details."""

    kind: str
    payload: dict[str, Any]
    created_at: datetime
    actor: str = "lockstep"
    idempotency_key: str | None = None
    decision_id: str | None = None
    offense_key: str | None = None
    subject_type: str | None = None
    subject_id: str | None = None
    event_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    seq: int = 0

    def row(self) -> dict[str, Any]:
        if self.kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {self.kind!r}")
        return {
            "event_id": self.event_id,
            "kind": self.kind,
            "idempotency_key": self.idempotency_key,
            "decision_id": self.decision_id,
            "offense_key": self.offense_key,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "actor": self.actor,
            "created_at": aware(self.created_at),
            "payload": self.payload,
        }


def _event(row: sa.Row[Any]) -> Event:
    m = row._mapping
    return Event(
        kind=m["kind"],
        payload=dict(m["payload"]),
        created_at=aware(m["created_at"]),
        actor=m["actor"],
        idempotency_key=m["idempotency_key"],
        decision_id=m["decision_id"],
        offense_key=m["offense_key"],
        subject_type=m["subject_type"],
        subject_id=m["subject_id"],
        event_id=m["event_id"],
        seq=int(m["seq"]),
    )


class Writer:
    """The open write transaction: read the history, then append to it."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def events(self) -> list[Event]:
        rows = self.conn.execute(sa.select(events).order_by(events.c.seq))
        return [_event(r) for r in rows]

    def append(self, items: Sequence[Event]) -> list[Event]:
        """Insert events and return those added; a recorded idempotency key is skipped.

        Callers hold the writer lock, so the check-then-insert cannot race; the unique
        constraint (``ON CONFLICT DO NOTHING``) still guards any writer that does not.
        """
        keys = [e.idempotency_key for e in items if e.idempotency_key]
        seen = self.recorded_keys(keys)
        fresh: list[Event] = []
        for item in items:
            if item.idempotency_key:
                if item.idempotency_key in seen:
                    continue
                seen.add(item.idempotency_key)
            fresh.append(item)
        insert = _insert(self.conn, events).on_conflict_do_nothing(
            index_elements=["idempotency_key"]
        )
        for chunk in _chunks([e.row() for e in fresh]):
            self.conn.execute(insert, chunk)
        return fresh

    def recorded_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of these idempotency keys the ledger already holds."""
        wanted = sorted(set(keys))
        found: set[str] = set()
        for start in range(0, len(wanted), _CHUNK):
            part = wanted[start : start + _CHUNK]
            rows = self.conn.execute(
                sa.select(events.c.idempotency_key).where(events.c.idempotency_key.in_(part))
            )
            found.update(str(r[0]) for r in rows)
        return found

    def register_accounts(self, ids: Iterable[str], when: datetime) -> None:
        """Remember accounts seen in input data (decisions may only name known accounts)."""
        insert = _insert(self.conn, accounts).on_conflict_do_nothing(index_elements=["account_id"])
        stamp = aware(when)
        for chunk in _chunks([{"account_id": a, "first_seen": stamp} for a in ids]):
            self.conn.execute(insert, chunk)

    def unknown_accounts(self, ids: Iterable[str]) -> list[str]:
        """The ids among ``ids`` the ledger has never seen, sorted."""
        wanted = sorted(set(ids))
        found: set[str] = set()
        for start in range(0, len(wanted), _CHUNK):
            part = wanted[start : start + _CHUNK]
            rows = self.conn.execute(
                sa.select(accounts.c.account_id).where(accounts.c.account_id.in_(part))
            )
            found.update(r[0] for r in rows)
        return [a for a in wanted if a not in found]

    def first_seen(self, ids: Iterable[str]) -> dict[str, datetime]:
        """When the ledger first saw each of ``ids`` in input data (absent: never)."""
        wanted = sorted(set(ids))
        found: dict[str, datetime] = {}
        for start in range(0, len(wanted), _CHUNK):
            part = wanted[start : start + _CHUNK]
            rows = self.conn.execute(
                sa.select(accounts.c.account_id, accounts.c.first_seen).where(
                    accounts.c.account_id.in_(part)
                )
            )
            found.update((str(r[0]), aware(r[1])) for r in rows)
        return found


def _insert(conn: Connection, table: sa.Table) -> Any:
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    if conn.dialect.name == "sqlite":
        return sqlite.insert(table)
    raise BadInputError(f"unsupported ledger database {conn.dialect.name!r}")


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), _CHUNK):
        yield rows[start : start + _CHUNK]


class Ledger:
    """A ledger database, migrated to the newest schema when opened."""

    def __init__(self, url: str | Path, *, create: bool = True) -> None:
        """Open (and migrate) the ledger at ``url``; with ``create=False`` it must already
        exist — a reader such as ``lockstep report`` never makes an empty one by mistake."""
        if not create and "://" not in str(url) and not Path(str(url)).expanduser().is_file():
            raise BadInputError("no ledger here", url)
        self.url = ledger_url(url)
        try:
            self.engine = _engine(self.url)
            if not create and not sa.inspect(self.engine).has_table(events.name):
                self.engine.dispose()
                # a URL may carry a password: name only a file
                where = url if "://" not in str(url) else None
                raise BadInputError(f"not a ledger (no {events.name} table)", where)
            self._migrate()
        except sa.exc.ArgumentError as exc:
            raise BadInputError(f"not a ledger URL: {exc}") from exc
        except sa.exc.DatabaseError as exc:
            raise BadInputError(f"cannot open the ledger: {exc.orig}") from exc

    def _migrate(self) -> None:
        cfg = AlembicConfig()
        cfg.set_main_option("script_location", "lockstep.ledger:migrations")
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":  # two first runs must not race to create
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATE_LOCK})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    @contextmanager
    def write(self) -> Iterator[Writer]:
        """One transaction holding the writer lock; commits on success, else rolls back."""
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _WRITE_LOCK})
            yield Writer(conn)

    def events(self) -> list[Event]:
        with self.engine.connect() as conn:
            return Writer(conn).events()

    @contextmanager
    def read(self) -> Iterator[Writer]:
        """A connection without the writer lock, for reading several things at once."""
        with self.engine.connect() as conn:
            yield Writer(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return sa.create_engine(url, pool_pre_ping=True)
    engine = sa.create_engine(url, connect_args={"timeout": 60})

    # pysqlite's own transaction handling defers BEGIN; take the write lock up front instead
    # so read-decide-write is atomic against another process (SQLAlchemy's documented recipe).
    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
