"""Run the office database's Alembic migrations (at start-up and from admin commands).

Several servers may start at once over one database: on PostgreSQL an advisory lock held
for the migration's transaction serialises them; on SQLite ``BEGIN IMMEDIATE`` does.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from inburg_desktop.alembic_runner import AlembicRunner

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
RUNNER = AlembicRunner(MIGRATIONS_DIR, lock_id=0x1B0B6)  # arbitrary, constant


def head_revision() -> str:
    return RUNNER.head_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` in one transaction (idempotent)."""
    RUNNER.upgrade(engine, revision)
