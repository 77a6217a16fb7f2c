"""Creating, unlocking, checking and re-keying a vault; the open vault hands out sessions.

A vault is ``PATH`` (the SQLCipher database) plus ``PATH.key`` (the wrapped key). The
engine and sessions exist only while the vault is unlocked (STYLE.md: no engine at
import time); ``lock()`` disposes them and wipes the key.

Every failure is reported as what it is (``storage.errors``): a wrong passphrase, a
damaged vault or key file (only when a check of their bytes fails), or a vault that is
fine but unavailable now (full disk, read-only medium, permission, another process).
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
import sqlcipher3
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from inburg_desktop.domain.file_input import FileRefused, check_regular
from inburg_desktop.storage import case_summary, keyfile, migrate, old_copies, rotation
from inburg_desktop.storage.diagnosis import explain, in_use
from inburg_desktop.storage.engine import BUSY_TIMEOUT_MS, WRITES, connect_raw, make_engine
from inburg_desktop.storage.errors import (
    ReadOnlyMedium,
    VaultDamaged,
    VaultError,
    VaultExists,
    VaultMissing,
    WrongPassphrase,
)
from inburg_desktop.storage.files import OWNER_ONLY, touch_owner_only
from inburg_desktop.storage.keyfile import KdfParams
from inburg_desktop.storage.secret import SecretKey
from inburg_desktop.storage.use_gate import UseGate
from inburg_desktop.storage.write_events import WriteListeners

__all__ = [
    "APP_NAME",
    "CheckReport",
    "OpenVault",
    "VaultError",
    "create_vault",
    "default_vault_path",
    "unlock_vault",
]

log = logging.getLogger(__name__)
APP_NAME = "inburg-desktop"


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


@dataclass(frozen=True)
class PassphraseChange:
    """What a passphrase change re-wrapped besides ``PATH.key``."""

    rewrapped_backups: tuple[Path, ...]
    stale_backups: tuple[Path, ...]  # under another key (from before a rotation): untouched


@dataclass(frozen=True)
class Rotation:
    """What a key rotation did besides re-encrypting the vault."""

    retired_backups: tuple[Path, ...]


class _GatedSession(Session):
    """A session that tells the vault's :class:`UseGate` when it is closed."""

    _gate: UseGate | None = None

    def close(self) -> None:
        try:
            super().close()
        finally:
            gate, self._gate = self._gate, None
            if gate is not None:
                gate.leave()


class OpenVault:
    """An unlocked vault: an engine, a session factory and the key, until ``lock()``."""

    def __init__(
        self, path: Path, key_file: keyfile.KeyFile, key: SecretKey, *, read_only: bool = False
    ) -> None:
        self.path = path
        self.vault_id = key_file.vault_id
        self._key_file = key_file
        self._key = key
        # Opened read-only (a medium mounted read-only, :func:`open_read_only`): reads work,
        # every write raises ReadOnlyMedium.
        self.read_only = read_only
        self._engine: Engine | None = make_engine(path, key, read_only=read_only)
        self._sessions = sessionmaker(self._engine, class_=_GatedSession, expire_on_commit=False)
        self.writes = WriteListeners()  # who hears of each committed write
        self.writes.attach(self._sessions)
        # Computes the case summaries a transaction's writes marked before it commits,
        # once a computation is handed in (services.case_summary.keep_summaries).
        self.summaries = case_summary.SummaryKeeper()
        self.summaries.attach(self._sessions)
        self._gate = UseGate(BUSY_TIMEOUT_MS / 1000)
        self._rotating = threading.Lock()
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
        """A new session for reading; close it (``with``) so a key rotation can proceed.

        Its transactions only read (``PRAGMA query_only``): they never wait for a writer
        nor make one wait. Write in :meth:`transaction`."""
        if self._engine is None:
            raise RuntimeError("vault is locked")
        self._gate.enter(lambda: in_use(self.path))
        session = self._sessions()
        session._gate = self._gate
        return session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on error; it
        holds the vault's write lock from its start (``BEGIN IMMEDIATE``)."""
        with self.session() as session, session.begin():
            session.connection(execution_options={WRITES: True})
            yield session

    def lock(self) -> None:
        """Close every connection and wipe the key from memory (after a running rotation)."""
        with self._rotating:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
            self._key.wipe()

    def check(self) -> CheckReport:
        """SQLCipher page integrity (HMAC of every page) and SQLite's own integrity check."""
        problems: list[str] = []
        cases = 0
        revision: str | None = None
        with self.engine.connect() as conn:
            for (row,) in conn.exec_driver_sql("PRAGMA cipher_integrity_check"):
                problems.append(f"cipher: {row}")
            rows = [r for (r,) in conn.exec_driver_sql("PRAGMA integrity_check")]
            if rows != ["ok"]:
                problems.extend(f"sqlite: {r}" for r in rows)
            revision = migrate.current_revision(conn)
            if revision != migrate.head_revision():
                problems.append(f"schema at revision {revision}, expected head")
            try:
                cases = int(conn.execute(text("SELECT count(*) FROM cases")).scalar_one())
            except DBAPIError as exc:  # a schema without its tables; no values in this text
                problems.append(f"schema: {exc.orig}")
            problems.extend(
                f"schema: trigger {name} missing" for name in case_summary.missing_triggers(conn)
            )
        return CheckReport(self.vault_id, revision, cases, tuple(problems))

    def reclaim_space(self) -> bool:
        """Remove the bytes of deleted rows from the vault's files after a purge: the WAL
        is checkpointed into the file and truncated, the file rebuilt without free pages
        (``VACUUM``), and the WAL truncated again. With ``secure_delete`` (every write
        connection, :func:`storage.engine.make_engine`) the freed space was zeroed as it
        was freed; this drops what earlier frames and free pages still held. Returns
        False when another connection held the WAL (a reader mid-transaction): the bytes
        then go at the next call. Holds the write lock for the VACUUM (seconds at most
        for a vault of thousands of cases)."""
        with self.engine.connect() as conn:
            raw: Any = conn.connection.driver_connection
            busy: int = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            raw.execute("VACUUM")
            busy |= raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        return busy == 0

    def retire_migration_backups(self) -> tuple[Path, ...]:
        """Remove the copies made before migrations, once :meth:`check` found all well."""
        try:
            return tuple(migrate.retire_backups(self.path))
        except OSError as exc:
            raise (explain(exc, self.path) or exc) from exc

    def put_old_copies_right(self) -> old_copies.OldCopies:
        """Align or remove migration backups an old passphrase or key would open
        (:func:`storage.old_copies.put_right`); a failure is logged, not raised: the vault
        is open and usable, and the next unlock tries again."""
        with self._rotating:
            try:
                return old_copies.put_right(self.path, self._key, self._key_file)
            except (VaultError, OSError) as exc:
                log.warning("old copies not put right at unlock: %s", type(exc).__name__)
                return old_copies.OldCopies()

    def verify_passphrase(self, passphrase: str) -> None:
        """Raise :class:`WrongPassphrase` unless ``passphrase`` opens this vault's key file
        (asked again before a change, so an unattended unlocked laptop is not enough)."""
        key = keyfile.unwrap_key(keyfile.read_key_file(self.path), passphrase)
        try:
            if not hmac.compare_digest(key.raw(), self._key.raw()):
                raise WrongPassphrase()
        finally:
            key.wipe()

    def change_passphrase(
        self, new_passphrase: str, kdf: KdfParams | None = None
    ) -> PassphraseChange:
        """Re-wrap the same vault key under a new passphrase; all or nothing.

        The recovery wrap (``keyfile.verified_recovery``) is kept as it is: it seals the
        same key, so the office can still recover the vault. The key files of migration
        backups beside the vault that hold the same key are
        re-wrapped too, *before* ``PATH.key`` is switched, so the old passphrase opens
        nothing here once the change succeeds. Should any write fail, every key file
        already re-wrapped is put back and the error raised is the matching
        :class:`VaultError` whose message says that the passphrase did not change (or, if
        putting a backup's key file back failed too, which copy now opens with the new
        passphrase). Copies elsewhere (a USB stick, a backup) still open with the old
        passphrase: that is what :meth:`rotate_key` is for.
        """
        with self._rotating:
            wrapped = keyfile.wrap_key(
                self._key,
                new_passphrase,
                self.vault_id,
                kdf or self._key_file.kdf,
                keyfile.verified_recovery(self._key_file, self._key),
            )
            return self._replace_key_file(wrapped)

    def recovery_key_id(self) -> str | None:
        """The id of the office recovery key this vault's key is wrapped to
        (``protocol.recovery.key_id``), or ``None``: no recovery is possible (not
        enrolled with an office that has a recovery key, or the wrap was altered)."""
        if self.locked:
            raise RuntimeError("vault is locked")
        section = keyfile.verified_recovery(self._key_file, self._key)
        return None if section is None else section.wrap.key_id

    def add_recovery(self, public_key: bytes) -> PassphraseChange:
        """Wrap the vault key to the office's recovery ``public_key`` (32 raw bytes) beside
        the passphrase wrap, replacing any earlier recovery wrap; the passphrase is not
        needed and does not change. All or nothing, as :meth:`change_passphrase`."""
        with self._rotating:
            if self._key_file.format_version != keyfile.FORMAT_VERSION:
                # an old key file whose re-wrap at unlock failed: it cannot carry one yet
                raise VaultError("recovery_not_added")
            section = keyfile.recovery_section(self._key, public_key, self.vault_id)
            return self._replace_key_file(keyfile.with_recovery(self._key_file, section))

    def _replace_key_file(self, wrapped: keyfile.KeyFile) -> PassphraseChange:
        """Write ``wrapped`` as the key file of the vault and of the migration backups that
        hold the same key, the vault's own last; put back on failure (see
        :meth:`change_passphrase`). The caller holds ``self._rotating``."""
        old = self._key_file
        rewrapped: list[Path] = []
        stale: list[Path] = []
        try:
            for backup in migrate.migration_backups(self.path):
                if old_copies.opens_with(backup, self._key):
                    # The same key under the same wrap: a copy of the new key file.
                    keyfile.write_key_file_at(migrate.backup_key_path(backup), wrapped)
                    rewrapped.append(backup)
                else:
                    stale.append(backup)
            # Last: until this rename the old passphrase is the passphrase.
            keyfile.write_key_file(self.path, wrapped)
        except (VaultError, OSError) as exc:
            raise _passphrase_unchanged(exc, self.path, _put_back(rewrapped, old)) from exc
        self._key_file = wrapped
        return PassphraseChange(tuple(rewrapped), tuple(stale))

    def rotate_key(self, new_passphrase: str, kdf: KdfParams | None = None) -> Rotation:
        """Re-encrypt the vault under a new raw key, wrapped under ``new_passphrase``.

        After a suspected compromise of the passphrase, the key file or the key itself:
        the vault file from now on opens only with the new key. Checks the vault first
        (refusing with :class:`VaultDamaged` when it is not in order), waits for this
        process's sessions to end and keeps new ones waiting meanwhile, and is atomic and
        crash-safe (``storage.rotation``). The new key is wrapped to the same recovery
        key as the old one was (when its wrap is verified). Migration backups beside the
        vault are under the old key and are removed. The vault stays open under the new key.
        """
        with self._rotating:
            report = self.check()
            if not report.ok:
                raise VaultDamaged("vault_not_checked", count=len(report.problems))
            with self._gate.exclusive(lambda: in_use(self.path)):
                self.engine.dispose()  # no connection of ours may stay on the old file
                kept = keyfile.verified_recovery(self._key_file, self._key)
                new_key, wrapped = rotation.rotate(
                    self.path,
                    self._key,
                    new_passphrase,
                    self.vault_id,
                    kdf or self._key_file.kdf,
                    None if kept is None else kept.wrap.public_key,
                )
                # The engine's connection factory holds self._key: new connections open
                # the new file with the new key.
                self._key.replace_with(new_key)
                new_key.wipe()
                self._key_file = wrapped
            try:
                retired = self.retire_migration_backups()
            except (VaultError, OSError) as exc:
                # The rotation itself is done; the backups stay (and say so next check).
                log.warning("migration backups kept after rotation: %s", type(exc).__name__)
                retired = ()
            return Rotation(retired)


def _put_back(backups: list[Path], old: keyfile.KeyFile) -> list[Path]:
    """Restore the old key file of ``backups``; returns those that could not be restored
    (they open with the new passphrase while the vault still opens with the old one)."""
    failed = []
    for backup in backups:
        try:
            keyfile.write_key_file_at(migrate.backup_key_path(backup), old)
        except (VaultError, OSError):
            failed.append(backup)
    return failed


def _passphrase_unchanged(exc: BaseException, path: Path, still_new: list[Path]) -> VaultError:
    """The error of a failed passphrase change, for what is true now: the cause (a full
    disk, an I/O error, ...; its class keeps the exit code) marked ``passphrase_unchanged``
    and naming the migration backups that already open with the new passphrase. The edge
    words both (``inburg_desktop.messages``)."""
    cause = exc if isinstance(exc, VaultError) else explain(exc, path)
    error = VaultError() if cause is None else type(cause)(cause.code, **cause.params)
    error.passphrase_unchanged = True
    error.backups_on_new_passphrase = tuple(p.name for p in still_new)
    return error


_opens_with = old_copies.opens_with  # the name tests have used


def create_vault(path: Path, passphrase: str, kdf: KdfParams | None = None) -> OpenVault:
    """Create a new, empty, migrated vault; refuses to overwrite anything."""
    kdf = kdf or KdfParams()
    # Create the folder, the database and its WAL/SHM companions owner-only.
    old_umask = os.umask(0o077)
    made: list[Path] = []
    try:
        if path.exists() or keyfile.key_path(path).exists():
            raise VaultExists(path=path)
        path.parent.mkdir(parents=True, exist_ok=True)
        vault_id, key = keyfile.new_vault_key()
        wrapped = keyfile.wrap_key(key, passphrase, vault_id, kdf)
        made = [keyfile.key_path(path), path, Path(f"{path}-wal"), Path(f"{path}-shm")]
        keyfile.write_key_file(path, wrapped)
        touch_owner_only(path)
        vault = OpenVault(path, wrapped, key)
        try:
            migrate.upgrade(vault.engine)
        except BaseException:
            vault.lock()
            raise
    except BaseException as exc:
        # A vault half made (a full disk) would block the next try with "exists".
        for leftover in made:
            with contextlib.suppress(OSError):
                leftover.unlink()
        if isinstance(exc, OSError):
            raise (explain(exc, path) or exc) from exc
        raise
    finally:
        os.umask(old_umask)
    return vault


def check_vault_file(path: Path) -> None:
    """Raise :class:`VaultMissing` or :class:`VaultDamaged` unless ``path`` is a regular
    file (SQLite opens the file itself: a FIFO would hang it, a device be read as data),
    or the matching :class:`VaultError` when it cannot be looked at."""
    try:
        if not path.exists():
            raise VaultMissing(path=path)
        if path.is_dir():
            raise VaultDamaged()
        check_regular(path)
    except FileRefused as exc:
        raise VaultDamaged() from exc
    except OSError as exc:  # e.g. no permission on the folder
        raise (explain(exc, path) or exc) from exc


def unlock_vault(path: Path, passphrase: str) -> OpenVault:
    """Derive the key, open the database, migrate it if needed (after a backup).

    A rotation that a crash interrupted is finished or undone first
    (``storage.rotation.recover``); a key file wrapped before passphrases were
    normalised to NFC is re-wrapped under NFC once it opens, and one of an older format
    version as the current one (``storage.keyfile``); migration backups that an
    old passphrase or key would still open are put right (``storage.old_copies``).
    """
    check_vault_file(path)
    rotation.recover(path)
    key_file = keyfile.read_key_file(path)
    key, nfc = keyfile.unwrap_key_form(key_file, passphrase)
    vault = open_with_key(path, key_file, key)
    if not nfc or key_file.format_version != keyfile.FORMAT_VERSION:
        _rewrap_under_nfc(vault, passphrase)
    vault.put_old_copies_right()
    return vault


def medium_is_read_only(path: Path) -> bool:
    """Whether the file system holding ``path`` is mounted read-only (``ST_RDONLY``)."""
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def open_read_only(path: Path, passphrase: str) -> OpenVault:
    """Open the vault at ``path`` on a read-only medium, for reading (a backup on a CD, a
    USB stick with its write lock on): nothing is written, not even what
    :func:`unlock_vault` does on the way (finishing a rotation, migrating, re-wrapping the
    key file, putting old copies right, owner-only modes), and the file is opened through
    :func:`storage.engine.read_only_uri`.

    Raises what :func:`unlock_vault` raises for a missing, damaged or wrongly unlocked
    vault, and :class:`ReadOnlyMedium` when reading alone cannot do: a rotation that was
    interrupted, or a schema older than this version (both must write first). Every
    write on the vault returned raises :class:`ReadOnlyMedium` (the medium's words).
    """
    check_vault_file(path)
    if rotation.rotation_interrupted(path):
        raise ReadOnlyMedium()
    key_file = keyfile.read_key_file(path)
    key, _nfc = keyfile.unwrap_key_form(key_file, passphrase)
    _probe(path, key, read_only=True)
    vault = OpenVault(path, key_file, key, read_only=True)
    try:
        with vault.engine.connect() as conn:
            current = migrate.current_revision(conn)
    except Exception as exc:
        vault.lock()
        explained = explain(exc, path)
        if explained is None:
            raise
        raise explained from exc
    if current != migrate.head_revision():
        vault.lock()
        raise ReadOnlyMedium()
    return vault


def _rewrap_under_nfc(vault: OpenVault, passphrase: str) -> None:
    """Once a pre-NFC or older-version key file has opened: wrap it again under the
    normalised form, as the current version."""
    try:
        vault.change_passphrase(passphrase)
    except (VaultError, OSError) as exc:
        # The vault is open and usable; the next unlock tries again.
        log.warning("key file kept in its pre-NFC wrap: %s", type(exc).__name__)


def open_with_key(path: Path, key_file: keyfile.KeyFile, key: SecretKey) -> OpenVault:
    _probe(path, key)
    old_umask = os.umask(0o077)
    try:
        vault = OpenVault(path, key_file, key)
        try:
            vault.backup_made = migrate.migrate_if_needed(vault.engine, path)
        except Exception as exc:
            vault.lock()
            explained = explain(exc, path)
            if explained is None:
                raise
            raise explained from exc
    finally:
        os.umask(old_umask)
    for companion in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if companion.exists():
            try:
                companion.chmod(OWNER_ONLY)
            except OSError as exc:
                vault.lock()
                raise (explain(exc, companion) or exc) from exc
    return vault


def _probe(path: Path, key: SecretKey, *, read_only: bool = False) -> None:
    """Read the schema with the key; a damaged header or page 1 fails here (the key is
    wiped then)."""
    try:
        conn = connect_raw(path, key, read_only=read_only)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except (sqlcipher3.Error, OSError) as exc:
        key.wipe()
        explained = explain(exc, path)
        if explained is None:
            raise
        raise explained from exc
