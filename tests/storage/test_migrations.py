"""Alembic from the first table: a vault made by the first migration opens with the
latest code, after a backup copy that is itself an openable vault."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from inburg_desktop.storage import keyfile, migrate
from inburg_desktop.storage.engine import WRITES, make_engine
from inburg_desktop.storage.files import touch_owner_only
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import unlock_vault

PASSPHRASE = "een lange zin als wachtwoord"
FIRST = "0001"


def make_first_revision_vault(path: Path) -> None:
    """Build a vault exactly as the first release did: schema at revision 0001 only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    vault_id, key = keyfile.new_vault_key()
    keyfile.write_key_file(path, keyfile.wrap_key(key, PASSPHRASE, vault_id, TEST_KDF))
    touch_owner_only(path)
    engine = make_engine(path, key)
    migrate.upgrade(engine, FIRST)
    with engine.execution_options(**{WRITES: True}).begin() as conn:
        conn.execute(
            text(
                "INSERT INTO cases (id, doelgroep, given_names, family_name, date_of_birth,"
                " nationality, languages, brp_registration, source, version, server_version,"
                " created_at, updated_at) VALUES ('c1', 'statushouder', 'Oud', 'Dossier',"
                " '1990-01-01', 'SYR', '[\"ar\"]', '2026-01-05', 'coa', 1, 0,"
                " '2026-01-05 10:00:00', '2026-01-05 10:00:00')"
            )
        )
    engine.dispose()
    key.wipe()


def test_first_migration_vault_opens_with_latest_code(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_first_revision_vault(path)
    vault = unlock_vault(path, PASSPHRASE)
    try:
        report = vault.check()
        assert report.ok, report.problems
        assert report.schema_revision == migrate.head_revision()
        assert report.cases == 1
        with vault.session() as session:
            name = session.execute(text("SELECT given_names FROM cases")).scalar_one()
        assert name == "Oud"
    finally:
        vault.lock()
    if migrate.head_revision() != FIRST:
        backup = path.with_name(f"{path.name}.before-{FIRST}.bak")
        assert vault.backup_made == backup.name
        old = unlock_vault(backup, PASSPHRASE)  # the backup is migrated on open, the copy stays
        old.lock()


def test_no_backup_when_nothing_to_migrate(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    from inburg_desktop.storage.vault import create_vault

    create_vault(path, PASSPHRASE, TEST_KDF).lock()
    vault = unlock_vault(path, PASSPHRASE)
    assert vault.backup_made is None
    vault.lock()
    assert sorted(p.name for p in tmp_path.iterdir() if ".bak" in p.name) == []
