"""Alembic migrations of the vault schema, run on unlock after a backup copy."""
