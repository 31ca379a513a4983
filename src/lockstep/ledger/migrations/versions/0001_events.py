"""The append-only event table and the known accounts.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_APPEND_ONLY_PG = """
CREATE OR REPLACE FUNCTION ledger_events_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger_events is append-only: record a new event instead';
END;
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    op.create_table(
        "ledger_events",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("event_id", sa.String(40), nullable=False, unique=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("idempotency_key", sa.String(200), unique=True),
        sa.Column("decision_id", sa.String(40)),
        sa.Column("offense_key", sa.String(40)),
        sa.Column("subject_type", sa.String(16)),
        sa.Column("subject_id", sa.String(500)),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
    )
    op.create_index("ix_ledger_events_decision_id", "ledger_events", ["decision_id"])
    op.create_index("ix_ledger_events_offense_key", "ledger_events", ["offense_key"])
    op.create_index("ix_ledger_events_subject_id", "ledger_events", ["subject_id"])
    op.create_table(
        "ledger_accounts",
        sa.Column("account_id", sa.String(500), primary_key=True),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_APPEND_ONLY_PG)
        op.execute(
            "CREATE TRIGGER ledger_events_no_change BEFORE UPDATE OR DELETE ON ledger_events "
            "FOR EACH ROW EXECUTE FUNCTION ledger_events_append_only()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER ledger_events_no_{verb.lower()} BEFORE {verb} ON ledger_events "
                "BEGIN SELECT RAISE(ABORT, 'ledger_events is append-only: record a new event "
                "instead'); END"
            )


def downgrade() -> None:
    op.drop_table("ledger_accounts")
    op.drop_table("ledger_events")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ledger_events_append_only()")
