"""Why the vault could not be read or written, told as what it is.

SQLite and the operating system name most causes with codes of their own (a full disk is
``SQLITE_FULL`` or ``ENOSPC``, another process's lock ``SQLITE_BUSY``). Two codes cover
several causes: "unable to open database file" (``SQLITE_CANTOPEN``) and "disk I/O error"
(``SQLITE_IOERR``); for those the medium itself is examined (read-only mount, free space,
access rights) to say which. Only a failed integrity check (``SQLITE_NOTADB``,
``SQLITE_CORRUPT``: SQLCipher's page HMAC or SQLite's own structure) is "damaged".

:func:`explain` turns an exception into a :class:`VaultError` subclass with a code (and
the folder where it happened), or returns ``None`` when the exception is none of these
(a bug: the caller lets it propagate as unexpected).
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from typing import TypeVar

from inburg_desktop.storage.errors import (
    DiskFull,
    NoPermission,
    NotARegularFile,
    OutputRefused,
    ReadOnlyMedium,
    StorageFault,
    VaultDamaged,
    VaultError,
    VaultInUse,
    VaultUnavailable,
)

U = TypeVar("U", bound=VaultUnavailable)

# SQLite primary result codes (https://www.sqlite.org/rescode.html).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
# Extended: the database file was moved, replaced or deleted while open.
SQLITE_READONLY_DBMOVED = SQLITE_READONLY | (4 << 8)

# Below this much free space an I/O error on write is taken to be a full disk: SQLite
# writes a WAL frame (a page plus header) at a time and its journal a few pages at once.
LOW_SPACE_BYTES = 1 << 20

_WINDOWS_SHARING_VIOLATION = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION


def disk_full(path: Path | None) -> DiskFull:
    return _at(DiskFull, "disk_full", path)


def read_only(path: Path | None) -> ReadOnlyMedium:
    return _at(ReadOnlyMedium, "read_only", path)


def no_permission(path: Path | None) -> NoPermission:
    if path is None:
        return NoPermission("no_permission")
    return NoPermission("no_permission_at", path=path)


def in_use(path: Path | None) -> VaultInUse:
    if path is None:
        return VaultInUse("vault_in_use")
    return VaultInUse("vault_in_use_at", name=path.name)


def moved(path: Path) -> VaultInUse:
    return VaultInUse("vault_moved", name=path.name)


def storage_fault(path: Path | None) -> StorageFault:
    return _at(StorageFault, "storage_fault", path)


def damaged() -> VaultDamaged:
    return VaultDamaged("vault_damaged")


def _at(kind: type[U], code: str, path: Path | None) -> U:
    """``kind(code)``, or ``kind(code_at, folder=...)`` when the folder is known."""
    folder = _folder(path)
    return kind(code) if folder is None else kind(f"{code}_at", folder=folder)


def _folder(path: Path | None) -> Path | None:
    """The folder holding ``path`` for a message, or ``None`` when it is not known."""
    if path is None:
        return None
    try:
        folder = path if path.is_dir() else path.parent
    except OSError:
        folder = path.parent
    return folder if str(folder) not in ("", ".") else None


def _existing_ancestor(path: Path) -> Path:
    current = path.parent
    try:
        while not current.exists() and current != current.parent:
            current = current.parent
    except OSError:
        pass
    return current


def _companions(path: Path) -> list[Path]:
    return [
        path,
        path.with_name(path.name + ".key"),
        Path(f"{path}-wal"),
        Path(f"{path}-shm"),
        Path(f"{path}-journal"),
    ]


def examine_medium(path: Path, *, space: bool = True) -> VaultUnavailable | None:
    """What the file system says about ``path``: read-only, full, or not accessible.

    ``space=False`` skips the free-space test (for errors that cannot come from it).
    Returns ``None`` when nothing is wrong that can be seen from here.
    """
    folder = _existing_ancestor(path)
    statvfs = getattr(os, "statvfs", None)
    if statvfs is not None:
        try:
            if statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1):
                return read_only(path)
        except OSError:
            pass
    try:
        if space and shutil.disk_usage(folder).free < LOW_SPACE_BYTES:
            return disk_full(path)
    except OSError:
        pass
    # os.access does not raise; a file that cannot even be seen shows as missing here
    # and the folder's own rights below catch it.
    for candidate in _companions(path):
        if os.path.lexists(candidate) and not os.access(candidate, os.R_OK | os.W_OK):
            return no_permission(candidate)
    if not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
        return no_permission(folder)
    return None


def from_os_error(exc: OSError, path: Path | None = None) -> VaultUnavailable | None:
    """A full disk, read-only medium, permission, lock or I/O error named by ``errno``."""
    where = Path(exc.filename) if isinstance(exc.filename, str) and exc.filename else path
    if getattr(exc, "winerror", None) in _WINDOWS_SHARING_VIOLATION:
        return in_use(where)
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return disk_full(where)
    if code == errno.EROFS:
        return read_only(where)
    if code in (errno.EACCES, errno.EPERM):
        return no_permission(where)
    if code in (errno.EBUSY, errno.ETXTBSY):
        return in_use(where)
    if code == errno.EIO:
        return storage_fault(where)
    return None


def from_output_error(exc: OSError, path: Path) -> VaultUnavailable | OutputRefused:
    """Why a file the user named (``path``: an export, ``pip render --out``) could not be
    written, as a problem that names that file and not the vault.

    The same causes as the vault's (:func:`from_os_error`) keep the same classes, so the
    CLI's exit codes stay those of the README: a full disk or quota ``DiskFull`` (12), a
    read-only medium ``ReadOnlyMedium`` (13), no permission ``NoPermission`` (14), an
    I/O error ``StorageFault`` (16). A name that cannot be a file to write is an
    :class:`OutputRefused`: a missing folder, a folder or other non-regular file in its
    place, a name too long; any other cause is ``OutputRefused("output_failed")``, never
    the system's English text.
    """
    code = exc.errno
    name = {"path": path}
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFull("output_disk_full", **name)
    if code == errno.EROFS:
        return ReadOnlyMedium("output_read_only", **name)
    if code in (errno.EACCES, errno.EPERM):
        return NoPermission("output_no_permission", **name)
    if code == errno.EIO:
        return StorageFault("output_storage_fault", **name)
    if code in (errno.ENOENT, errno.ENOTDIR):
        return OutputRefused("output_no_folder", folder=path.parent)
    if code == errno.EISDIR:
        return NotARegularFile(**name)
    if code == errno.ENAMETOOLONG:
        return OutputRefused("output_name_too_long", **name)
    return OutputRefused("output_failed", **name)


def from_sqlite_error(exc: BaseException, path: Path) -> VaultError | None:
    """The same for an sqlcipher3 exception, by its (extended) SQLite result code."""
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    primary = code & 0xFF
    if primary == SQLITE_FULL:
        return disk_full(path)
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return in_use(path)
    if code == SQLITE_READONLY_DBMOVED:
        return moved(path)
    if primary == SQLITE_READONLY:
        return examine_medium(path, space=False) or no_permission(path)
    if primary == SQLITE_PERM:
        return no_permission(path)
    if primary in (SQLITE_CANTOPEN, SQLITE_IOERR):
        return examine_medium(path) or storage_fault(path)
    if primary in (SQLITE_NOTADB, SQLITE_CORRUPT):
        return damaged()
    return None


def explain(exc: BaseException, path: Path) -> VaultError | None:
    """``exc`` (or what SQLAlchemy wrapped) as a :class:`VaultError`, or ``None``."""
    if isinstance(exc, VaultError):
        return exc
    original = getattr(exc, "orig", None)  # sqlalchemy.exc.DBAPIError
    if isinstance(original, BaseException):
        exc = original
    if isinstance(exc, OSError):
        return from_os_error(exc, path)
    return from_sqlite_error(exc, path)
