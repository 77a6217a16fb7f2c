"""Run the vault's Alembic migrations, after a backup copy when a migration is pending."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def backup_before_migration(engine: Engine, vault_path: Path, from_revision: str) -> Path:
    """Copy the (encrypted) vault and its key file aside before changing the schema."""
    raw = engine.raw_connection()  # outside any transaction: a checkpoint can't run in one
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    finally:
        raw.close()
    target = vault_path.with_name(f"{vault_path.name}.before-{from_revision}.bak")
    shutil.copy2(vault_path, target)
    key = vault_path.with_name(vault_path.name + ".key")
    shutil.copy2(key, target.with_name(target.name + ".key"))
    target.chmod(0o600)
    return target


def migrate_if_needed(engine: Engine, vault_path: Path) -> str | None:
    """Bring the schema to head; return the backup path's name when a migration ran."""
    with engine.connect() as conn:
        current = current_revision(conn)
    head = head_revision()
    if current == head:
        return None
    backup = None
    if current is not None:
        backup = backup_before_migration(engine, vault_path, current).name
    upgrade(engine)
    return backup
