"""Alembic environment: migrations run on the connection ``lockstep.ledger`` hands over."""

from __future__ import annotations

from alembic import context

from lockstep.ledger.models import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only ``lockstep.ledger.store.migrate`` runs us
    raise RuntimeError("run ledger migrations through lockstep.ledger.store.migrate")
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
