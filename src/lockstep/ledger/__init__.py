"""The enforcement ledger: an append-only event store (SQLAlchemy 2, Alembic migrations
shipped in the package) on SQLite by default or PostgreSQL, and the state derived from it."""
