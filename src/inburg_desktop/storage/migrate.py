"""Run the vault's Alembic migrations, after a backup copy when a migration is pending.

The copy (``PATH.before-REV.bak``) and a copy of the key file beside it
(``PATH.before-REV.bak.key``) stay until the migrated vault has been checked
(:func:`retire_backups`, called by ``inburg vault check`` when all is well and by a key
rotation). Until then a passphrase change re-wraps those key files too
(``OpenVault.change_passphrase``), so the old passphrase opens nothing beside the vault.
"""

from __future__ import annotations

import contextlib
import glob
import shutil
from pathlib import Path

from sqlalchemy import Connection, Engine

from inburg_desktop.alembic_runner import AlembicRunner
from inburg_desktop.storage.engine import WRITES

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
RUNNER = AlembicRunner(MIGRATIONS_DIR)  # one process opens a vault: no lock needed


def head_revision() -> str:
    return RUNNER.head_revision()


def current_revision(conn: Connection) -> str | None:
    return RUNNER.current_revision(conn)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` in one transaction (idempotent)."""
    RUNNER.upgrade(engine.execution_options(**{WRITES: True}), revision)


def backup_before_migration(engine: Engine, vault_path: Path, from_revision: str) -> Path:
    """Copy the (encrypted) vault and its key file aside before changing the schema."""
    raw = engine.raw_connection()  # outside any transaction: a checkpoint can't run in one
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    finally:
        raw.close()
    target = vault_path.with_name(f"{vault_path.name}.before-{from_revision}.bak")
    key = vault_path.with_name(vault_path.name + ".key")
    try:
        shutil.copy2(vault_path, target)
        target.chmod(0o600)
        shutil.copy2(key, backup_key_path(target))
        backup_key_path(target).chmod(0o600)
    except BaseException:
        # A half-written copy (a full disk) must not pass for a backup later.
        for partial in (target, backup_key_path(target)):
            with contextlib.suppress(OSError):
                partial.unlink()
        raise
    return target


def backup_key_path(backup: Path) -> Path:
    """The key file that belongs to a backup copy of the vault."""
    return backup.with_name(backup.name + ".key")


def migration_backups(vault_path: Path) -> list[Path]:
    """The backup copies made beside ``vault_path`` before migrations, oldest name first."""
    pattern = glob.escape(vault_path.name) + ".before-*.bak"
    return sorted(p for p in vault_path.parent.glob(pattern) if p.is_file())


def retire_backups(vault_path: Path) -> list[Path]:
    """Delete the migration backups and their key files; returns the copies removed.

    Call only once the migrated vault has passed its checks: the copies exist for a
    migration that went wrong, and their key files are one more place a passphrase
    opens the vault's key.
    """
    removed = []
    for backup in migration_backups(vault_path):
        for companion in (
            backup_key_path(backup),
            Path(f"{backup}-wal"),
            Path(f"{backup}-shm"),
            backup,
        ):
            with contextlib.suppress(FileNotFoundError):
                companion.unlink()
        removed.append(backup)
    return removed


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
