"""The one Alembic migration runner, for the laptop's vault and the office's database.

Both databases keep their own migration scripts (``storage/migrations``,
``server/migrations``) and run them the same way: on a connection handed to the scripts'
``env.py`` in ``connection`` (so the caller's engine, with its key or its pool, is the
one migrated), all steps in one transaction, and nothing done when the schema is already
at head. Where several processes may migrate one database at once (office servers
starting together on PostgreSQL), a transaction-scoped advisory lock serialises them.

May import: third-party packages only; ``storage`` and ``server`` both import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported when a database is opened, not when this module is: the laptop
# app shows its unlock window before anyone opens a vault (about 0.3 s of a cold start).


@dataclass(frozen=True)
class AlembicRunner:
    """Runs the migration scripts in ``script_location``.

    ``lock_id``: a PostgreSQL advisory lock key taken for the migration's transaction
    (``pg_advisory_xact_lock``), or ``None``; ignored on other databases.
    """

    script_location: Path
    lock_id: int | None = None

    def config(self) -> Config:
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(self.script_location))
        return cfg

    def head_revision(self) -> str:
        """The newest revision of the scripts (a single head; ``AssertionError`` if none)."""
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(self.config()).get_current_head()
        assert head is not None
        return head

    def current_revision(self, conn: Connection) -> str | None:
        """The revision the database is at; ``None`` for a database never migrated."""
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()

    def upgrade(self, engine: Engine, revision: str = "head") -> bool:
        """Bring the schema to ``revision`` in one transaction; ``False`` when it already
        was at head (nothing ran). Idempotent; a failing step rolls every step back."""
        from alembic import command

        cfg = self.config()
        with engine.begin() as conn:
            if self.lock_id is not None and conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({int(self.lock_id)})")
            if self.current_revision(conn) == self.head_revision():
                return False
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            return True
