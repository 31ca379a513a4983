"""Alembic migrations of the ledger, shipped inside the package so an installed wheel runs them."""
