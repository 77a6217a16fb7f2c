"""Re-encrypting a vault under a new raw key after a suspected compromise, crash-safe.

A passphrase change only re-wraps the key: whoever holds an old copy of the key file and
the old passphrase, or the raw key itself, still opens the vault file. A rotation gives
the vault a new raw key, which is what SQLCipher's ``PRAGMA rekey`` is for; it is done as
a copy (``sqlcipher_export`` into a new file under the new key) and committed by renames,
so a crash, a full disk or a pulled plug at any moment leaves one whole vault that opens
with exactly one of the two passphrases. The vault id stays: enrollment and sync state
live inside the vault and are unaffected.

Files beside ``PATH`` while a rotation runs:

- ``PATH.rotating``: the vault under the new key (complete before the pending key exists);
- ``PATH.rotating.key``: the new key wrapped under the new passphrase;
- ``PATH.rotating.lock``: locked by the rotating process for as long as it lives.

Steps, and what :func:`recover` (run before every unlock) does after a crash in each:

1. exclusive: the vault leaves WAL mode, which SQLite refuses while any other connection
   has it open (reported as "in use"), and a lock keeps writers out until the end;
2. export: ``PATH.rotating`` written, flushed and verified (page HMACs, SQLite's integrity
   check, row counts of every table) — recover deletes it;
3. pending key: ``PATH.rotating.key`` written atomically — recover deletes both, since the
   vault file is still the old one;
4. commit: ``PATH.rotating`` renamed over ``PATH`` — from here the new key is the key;
   recover sees the pending key without ``PATH.rotating``, finishes step 5 and removes
   the migration backups (they are under the old key);
5. finish: ``PATH.rotating.key`` renamed over ``PATH.key``; then the caller removes the
   migration backups. Killed between the two, the next successful unlock removes them
   (``storage.old_copies``: a backup that does not open with the vault's key).

A writer in another process that opened the file before the commit fails with SQLite's
"database moved" error instead of writing into the replaced file (reported, not lost).
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import logging
import os
import signal
from pathlib import Path

import sqlcipher3

from inburg_desktop.storage import keyfile, migrate, old_copies
from inburg_desktop.storage.diagnosis import examine_medium, explain, in_use, moved
from inburg_desktop.storage.engine import connect_raw
from inburg_desktop.storage.errors import StorageFault, VaultError
from inburg_desktop.storage.files import FileLock, fsync_dir, fsync_file, remove_if_present
from inburg_desktop.storage.keyfile import KdfParams, KeyFile
from inburg_desktop.storage.secret import SecretKey

log = logging.getLogger(__name__)

# Tests only: the process kills itself (SIGKILL) when it reaches this stage, so a crash
# lands in each window for certain instead of by timing.
CRASH_ENV = "INBURG_TEST_CRASH_AT"
STAGES = ("exclusive", "exporting", "exported", "pending-key", "committed", "finished")


def rotating_path(path: Path) -> Path:
    return path.with_name(path.name + ".rotating")


def pending_key_path(path: Path) -> Path:
    return keyfile.key_path(rotating_path(path))


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".rotating.lock")


def _leftovers(path: Path) -> list[Path]:
    rotating = rotating_path(path)
    pending = pending_key_path(path)
    temp = glob.escape(f".{pending.name}.") + "*.tmp"  # storage.files.write_atomic
    return [
        rotating,
        Path(f"{rotating}-journal"),
        Path(f"{rotating}-wal"),
        Path(f"{rotating}-shm"),
        pending,
        *path.parent.glob(temp),
    ]


def rotation_interrupted(path: Path) -> bool:
    """Whether files of an unfinished rotation (its lock file too) lie beside ``path``."""
    return any(p.exists() for p in (*_leftovers(path), lock_path(path)))


def recover(path: Path) -> bool:
    """Finish (after the commit) or undo (before it) a rotation a crash interrupted.

    Returns ``True`` when a committed rotation was finished: the vault now opens with the
    new passphrase. Raises :class:`VaultInUse` while another process is still rotating.
    """
    if not rotation_interrupted(path):
        return False
    lock = _acquire(path)
    try:
        return _recover_locked(path)
    finally:
        lock.release(remove=True)


def _acquire(path: Path) -> FileLock:
    lock = FileLock(lock_path(path))
    try:
        acquired = lock.acquire()
    except OSError as exc:
        raise (explain(exc, path) or exc) from exc
    if not acquired:
        raise in_use(path)
    return lock


def _recover_locked(path: Path) -> bool:
    pending = pending_key_path(path)
    try:
        if pending.exists() and not rotating_path(path).exists():
            os.replace(pending, keyfile.key_path(path))
            fsync_dir(path.parent)
            _discard(path)
            # The migration backups are under the old key: the rotation's own last step
            # (OpenVault.rotate_key) never ran. Whatever passphrase opens next, they go.
            for backup in migrate.migration_backups(path):
                old_copies.remove_backup(backup)
            fsync_dir(path.parent)
            return True
        _discard(path)
    except OSError as exc:
        raise (explain(exc, path) or exc) from exc
    return False


def _discard(path: Path) -> None:
    for leftover in _leftovers(path):
        remove_if_present(leftover)
    fsync_dir(path.parent)


def _die() -> None:
    kill = getattr(signal, "SIGKILL", None)
    if kill is not None:
        os.kill(os.getpid(), kill)
    os._exit(137)  # pragma: no cover - platforms without SIGKILL


def _reached(stage: str) -> None:
    if os.environ.get(CRASH_ENV) == stage:
        _die()


def _table_counts(conn: sqlcipher3.Connection, schema: str) -> dict[str, int]:
    names = [
        name
        for (name,) in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    return {
        name: int(conn.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0])
        for name in names
    }


def _verify(copy: Path, key: SecretKey, expected: dict[str, int]) -> None:
    conn = connect_raw(copy, key)
    try:
        ok = not list(conn.execute("PRAGMA cipher_integrity_check"))
        ok = ok and [r for (r,) in conn.execute("PRAGMA integrity_check")] == ["ok"]
        ok = ok and _table_counts(conn, "main") == expected
    finally:
        conn.close()
    if not ok:
        raise StorageFault("rotation_not_verified")


def rotate(
    path: Path,
    old_key: SecretKey,
    new_passphrase: str,
    vault_id: str,
    kdf: KdfParams,
    recovery_public: bytes | None = None,
) -> tuple[SecretKey, KeyFile]:
    """Re-encrypt the vault at ``path`` (open under ``old_key``) under a new raw key,
    wrapped under ``new_passphrase`` and, when given, to the office's ``recovery_public``
    key (32 raw bytes: the old key's recovery wrap would not open the new vault).

    No connection to the vault may be open (the caller closes its own pool first).
    Returns the new key and its key file, already in place. Raises
    :class:`~inburg_desktop.storage.errors.VaultInUse` while anything else has the vault
    open, and the matching :class:`VaultError` for a full disk, a read-only medium etc.;
    in every failure the vault, its key file and the passphrase are as they were.
    """
    lock = _acquire(path)
    try:
        if _recover_locked(path):
            raise moved(path)  # someone else's rotation was finished: our key is stale
        new_key = SecretKey(os.urandom(keyfile.KEY_BYTES))
        recovery = (
            None
            if recovery_public is None
            else keyfile.recovery_section(new_key, recovery_public, vault_id)
        )
        wrapped = keyfile.wrap_key(new_key, new_passphrase, vault_id, kdf, recovery)
        old_umask = os.umask(0o077)
        try:
            _copy_and_commit(path, old_key, new_key, wrapped)
        except BaseException as exc:
            new_key.wipe()
            if isinstance(exc, VaultError) or not isinstance(exc, Exception):
                raise
            raise (explain(exc, path) or exc) from exc
        finally:
            os.umask(old_umask)
        # Committed: the vault is under the new key whatever happens next. Only the key
        # file's rename is left; should it fail, the next unlock's recover() finishes it.
        try:
            os.replace(pending_key_path(path), keyfile.key_path(path))
            fsync_dir(path.parent)
        except OSError as exc:
            log.warning("key file not yet renamed after rotation: %s", type(exc).__name__)
        _reached("finished")
        return new_key, wrapped
    finally:
        lock.release(remove=True)


def _copy_and_commit(path: Path, old_key: SecretKey, new_key: SecretKey, wrapped: KeyFile) -> None:
    rotating = rotating_path(path)
    committed = False
    conn = connect_raw(path, old_key)
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if str(mode).lower() != "delete" or Path(f"{path}-wal").exists():
            raise in_use(path)
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # keep the lock
        _reached("exclusive")
        expected = _table_counts(conn, "main")
        user_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute(f"ATTACH DATABASE ? AS rotated KEY \"x'{new_key.hex()}'\"", (str(rotating),))
        if os.environ.get(CRASH_ENV) == "exporting":
            calls = itertools.count()
            conn.set_progress_handler(lambda: _die() if next(calls) == 40 else 0, 100)
        try:
            conn.execute("SELECT sqlcipher_export('rotated')")
        except sqlcipher3.Error as exc:
            # sqlcipher_export reports what stopped it (a full disk, say) as a plain
            # SQLITE_ERROR: ask the medium, while the half-written copy is still there.
            raise (explain(exc, path) or examine_medium(rotating) or exc) from exc
        conn.set_progress_handler(None, 0)
        conn.execute(f"PRAGMA rotated.user_version = {user_version}")
        conn.execute("DETACH DATABASE rotated")
        fsync_file(rotating)
        fsync_dir(path.parent)
        _reached("exported")
        _verify(rotating, new_key, expected)
        keyfile.write_key_file_at(pending_key_path(path), wrapped)
        _reached("pending-key")
        if os.name == "nt":  # pragma: no cover - Windows cannot rename over an open file
            conn.close()
        os.replace(rotating, path)
        committed = True
        fsync_dir(path.parent)
        _reached("committed")
    finally:
        with contextlib.suppress(sqlcipher3.Error):
            conn.close()
        if not committed:
            with contextlib.suppress(OSError):
                _discard(path)
