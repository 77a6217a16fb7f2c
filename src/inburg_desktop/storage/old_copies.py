"""Copies of the vault beside it that an old passphrase or an old key would still open,
put right at the next successful unlock.

Two kinds of copy are left behind when a passphrase change or a key rotation is cut
short (a crash, a kill, a full disk) after its own checked state:

* a migration backup (``PATH.before-REV.bak`` with ``PATH.before-REV.bak.key``,
  :mod:`storage.migrate`) under the vault's *current* key whose key file differs from
  ``PATH.key``: its key file is wrapped under another passphrase (a passphrase change
  interrupted between the backups and ``PATH.key``). Its key file is replaced by a copy
  of ``PATH.key``, so it opens with exactly the passphrase the vault opens with;
* a migration backup under an *old* key (a rotation committed, by its verified copy,
  but killed before it retired the backups): the old passphrase would open a full copy
  of the data the rotation was meant to lock out. It is removed, with its key file.

A rotation's own temporary files (``PATH.rotating*``) are finished or removed by
:func:`storage.rotation.recover` before the unlock.

A backup that no longer opens with any key we hold is removed too: it cannot serve to
undo a migration, and nothing on this laptop could open it.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from inburg_desktop.storage import keyfile, migrate
from inburg_desktop.storage.engine import connect_raw
from inburg_desktop.storage.errors import VaultError
from inburg_desktop.storage.files import fsync_dir
from inburg_desktop.storage.secret import SecretKey

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OldCopies:
    """What :func:`put_right` did: backups whose key file now equals ``PATH.key``, and
    backups removed because they were under another key."""

    realigned: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()


def opens_with(path: Path, key: SecretKey) -> bool:
    """Whether the SQLCipher database at ``path`` opens with the raw ``key``."""
    try:
        conn = connect_raw(path, key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlcipher3.Error:
        return False
    return True


def _same_key_file(path: Path, live: keyfile.KeyFile) -> bool:
    try:
        return keyfile.read_key_file_at(path) == live
    except (VaultError, OSError):
        return False  # missing or damaged: written anew below


def remove_backup(backup: Path) -> None:
    """Delete a migration backup with its key file and SQLite companions, the key file
    first: a failure half way leaves at most a copy without its key file, which no
    passphrase opens."""
    for companion in (
        migrate.backup_key_path(backup),
        Path(f"{backup}-wal"),
        Path(f"{backup}-shm"),
        backup,
    ):
        with contextlib.suppress(FileNotFoundError):
            companion.unlink()


def put_right(vault_path: Path, key: SecretKey, live: keyfile.KeyFile) -> OldCopies:
    """Make every migration backup beside ``vault_path`` open with exactly what the vault
    opens with, or remove it (see the module docstring).

    Call only after the vault opened with ``key`` and ``live`` (its current key file).
    Raises ``OSError`` or :class:`VaultError` when a file cannot be written or removed;
    what was done before that stays done and is consistent.
    """
    realigned: list[Path] = []
    removed: list[Path] = []
    for backup in migrate.migration_backups(vault_path):
        if _same_key_file(migrate.backup_key_path(backup), live):
            continue
        if opens_with(backup, key):
            keyfile.write_key_file_at(migrate.backup_key_path(backup), live)
            realigned.append(backup)
        else:
            remove_backup(backup)
            removed.append(backup)
    if removed:
        fsync_dir(vault_path.parent)
    if realigned or removed:
        # Counts only: file names carry the vault's name, which may be a person's.
        log.info(
            "old copies put right at unlock: %d key files realigned, %d backups removed",
            len(realigned),
            len(removed),
        )
    return OldCopies(tuple(realigned), tuple(removed))
