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

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# Alembic is imported when a database is opened, not when this module is: the laptop
# app shows its unlock window before anyone opens a vault (about 0.3 s of a cold start).


_SCRIPTS: dict[Path, ScriptDirectory] = {}
_SCRIPTS_LOCK = threading.Lock()


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

    def scripts(self) -> ScriptDirectory:
        """The migration scripts, read once per process and location.

        Alembic reads (executes) every script file each time a ``ScriptDirectory`` is
        made; a vault opened or created again (an unlock, a test's fresh vault) read all
        of them again, most of a migration's time on a current schema. The scripts of an
        installed program do not change while it runs."""
        with _SCRIPTS_LOCK:
            script = _SCRIPTS.get(self.script_location)
            if script is None:
                from alembic.script import ScriptDirectory

                script = ScriptDirectory.from_config(self.config())
                script.get_current_head()  # the revision map, built under the lock
                _SCRIPTS[self.script_location] = script
            return script

    def head_revision(self) -> str:
        """The newest revision of the scripts (a single head; ``AssertionError`` if none)."""
        head = self.scripts().get_current_head()
        assert head is not None
        return head

    def current_revision(self, conn: Connection) -> str | None:
        """The revision the database is at; ``None`` for a database never migrated."""
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()

    def upgrade(self, engine: Engine, revision: str = "head") -> bool:
        """Bring the schema to ``revision`` in one transaction; ``False`` when it already
        was at head (nothing ran). Idempotent; a failing step rolls every step back."""
        from alembic.runtime.environment import EnvironmentContext

        cfg = self.config()
        script = self.scripts()
        with engine.begin() as conn:
            if self.lock_id is not None and conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({int(self.lock_id)})")
            if self.current_revision(conn) == self.head_revision():
                return False
            cfg.attributes["connection"] = conn

            # what ``alembic.command.upgrade`` does, on the scripts already read
            def steps(rev: Any, _context: Any) -> Any:
                return script._upgrade_revs(revision, rev)

            with EnvironmentContext(
                cfg, script, fn=steps, as_sql=False, starting_rev=None, destination_rev=revision
            ):
                script.run_env()
            return True
