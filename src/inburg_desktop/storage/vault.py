"""Creating, unlocking, checking and re-keying a vault; the open vault hands out sessions.

A vault is ``PATH`` (the SQLCipher database) plus ``PATH.key`` (the wrapped key). The
engine and sessions exist only while the vault is unlocked (STYLE.md: no engine at
import time); ``lock()`` disposes them and wipes the key.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import sqlcipher3
from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from inburg_desktop.storage import keyfile, migrate
from inburg_desktop.storage.engine import connect_raw, make_engine
from inburg_desktop.storage.errors import VaultDamaged, VaultExists, VaultMissing
from inburg_desktop.storage.files import OWNER_ONLY, touch_owner_only
from inburg_desktop.storage.keyfile import KdfParams
from inburg_desktop.storage.secret import SecretKey

APP_NAME = "inburg-desktop"
DAMAGED = (
    "De kluis is beschadigd of is geen kluis van inburg-desktop. Er is niets gewijzigd; "
    "neem contact op met de functioneel beheerder voor herstel uit een reservekopie."
)


def default_vault_path() -> Path:
    """Where a vault lives when none is named: the user's data dir (platformdirs)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "vault.db"


@dataclass(frozen=True)
class CheckReport:
    """What ``vault check`` found."""

    vault_id: str
    schema_revision: str | None
    cases: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


class OpenVault:
    """An unlocked vault: an engine, a session factory and the key, until ``lock()``."""

    def __init__(self, path: Path, key_file: keyfile.KeyFile, key: SecretKey) -> None:
        self.path = path
        self.vault_id = key_file.vault_id
        self._key_file = key_file
        self._key = key
        self._engine: Engine | None = make_engine(path, key)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        self.backup_made: str | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise RuntimeError("vault is locked")
        return self._engine

    @property
    def locked(self) -> bool:
        return self._engine is None

    def session(self) -> Session:
        if self._engine is None:
            raise RuntimeError("vault is locked")
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on error."""
        with self.session() as session, session.begin():
            yield session

    def lock(self) -> None:
        """Close every connection and wipe the key from memory."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        self._key.wipe()

    def check(self) -> CheckReport:
        """SQLCipher page integrity (HMAC of every page) and SQLite's own integrity check."""
        problems: list[str] = []
        cases = 0
        revision: str | None = None
        try:
            with self.engine.connect() as conn:
                for (row,) in conn.exec_driver_sql("PRAGMA cipher_integrity_check"):
                    problems.append(f"cipher: {row}")
                rows = [r for (r,) in conn.exec_driver_sql("PRAGMA integrity_check")]
                if rows != ["ok"]:
                    problems.extend(f"sqlite: {r}" for r in rows)
                revision = migrate.current_revision(conn)
                if revision != migrate.head_revision():
                    problems.append(f"schema at revision {revision}, expected head")
                cases = int(conn.execute(text("SELECT count(*) FROM cases")).scalar_one())
        except DatabaseError as exc:
            raise VaultDamaged(DAMAGED) from exc
        return CheckReport(self.vault_id, revision, cases, tuple(problems))

    def change_passphrase(self, new_passphrase: str, kdf: KdfParams | None = None) -> None:
        """Re-wrap the same vault key under a new passphrase, atomically."""
        wrapped = keyfile.wrap_key(
            self._key, new_passphrase, self.vault_id, kdf or self._key_file.kdf
        )
        keyfile.write_key_file(self.path, wrapped)
        self._key_file = wrapped


def create_vault(path: Path, passphrase: str, kdf: KdfParams | None = None) -> OpenVault:
    """Create a new, empty, migrated vault; refuses to overwrite anything."""
    kdf = kdf or KdfParams()
    if path.exists() or keyfile.key_path(path).exists():
        raise VaultExists(f"Er staat al een kluis op {path}; er is niets overschreven.")
    path.parent.mkdir(parents=True, exist_ok=True)
    vault_id, key = keyfile.new_vault_key()
    wrapped = keyfile.wrap_key(key, passphrase, vault_id, kdf)
    keyfile.write_key_file(path, wrapped)
    # Create the database and its WAL/SHM companions owner-only before SQLite does.
    old_umask = os.umask(0o077)
    try:
        touch_owner_only(path)
        vault = OpenVault(path, wrapped, key)
        migrate.upgrade(vault.engine)
    finally:
        os.umask(old_umask)
    return vault


def unlock_vault(path: Path, passphrase: str) -> OpenVault:
    """Derive the key, open the database, migrate it if needed (after a backup)."""
    if not path.exists():
        raise VaultMissing(f"Er is geen kluis op {path}.")
    key_file = keyfile.read_key_file(path)
    key = keyfile.unwrap_key(key_file, passphrase)
    return open_with_key(path, key_file, key)


def open_with_key(path: Path, key_file: keyfile.KeyFile, key: SecretKey) -> OpenVault:
    _probe(path, key)
    old_umask = os.umask(0o077)
    try:
        vault = OpenVault(path, key_file, key)
        try:
            vault.backup_made = migrate.migrate_if_needed(vault.engine, path)
        except (DatabaseError, OperationalError) as exc:
            vault.lock()
            raise VaultDamaged(DAMAGED) from exc
    finally:
        os.umask(old_umask)
    for companion in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if companion.exists():
            companion.chmod(OWNER_ONLY)
    return vault


def _probe(path: Path, key: SecretKey) -> None:
    """Read the schema with the key; a damaged header or page 1 fails here."""
    try:
        conn = connect_raw(path, key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlcipher3.DatabaseError as exc:
        key.wipe()
        raise VaultDamaged(DAMAGED) from exc
