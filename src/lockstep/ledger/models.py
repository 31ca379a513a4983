"""The ledger's tables (SQLAlchemy Core). Alembic migrations create them; this module is
the shape the code reads and writes, kept in step with ``migrations/versions``.

One append-only table of events holds everything that happened (an offense observed, a
decision, its confirmation or reversal, a challenge outcome, a user report, an appeal and its
outcome); current state is a fold over it (``lockstep.ledger.state``). A reversal is a new
event, never an edit, so the history an appeal or an audit needs is always there. Database
triggers refuse UPDATE and DELETE on the events table.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

metadata = sa.MetaData()

PAYLOAD = sa.JSON().with_variant(JSONB(), "postgresql")

events = sa.Table(
    "ledger_events",
    metadata,
    sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
    sa.Column("event_id", sa.String(40), nullable=False, unique=True),
    sa.Column("kind", sa.String(32), nullable=False),
    # the same fact recorded twice (a rerun, a second writer) collides here and is skipped
    sa.Column("idempotency_key", sa.String(200), unique=True),
    sa.Column("decision_id", sa.String(40), index=True),
    sa.Column("offense_key", sa.String(40), index=True),
    sa.Column("subject_type", sa.String(16)),
    sa.Column("subject_id", sa.String(500), index=True),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("payload", PAYLOAD, nullable=False),
)

#: Accounts the ledger has seen in input data: decisions may only name these.
accounts = sa.Table(
    "ledger_accounts",
    metadata,
    sa.Column("account_id", sa.String(500), primary_key=True),
    sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
)

EVENT_KINDS = (
    "offense",
    "decision",
    "decision_confirmed",
    "reversal",
    "challenge_outcome",
    "keep_one_choice",
    "report_received",
    "appeal_filed",
    "appeal_decided",
    # report / share: what left the platform and what came in (issues 7 and 8)
    "fingerprint",
    "statement_submitted",
    "indicators_shared",
    "indicators_received",
    "indicator_feedback",
)
