"""Owner-only, atomic file writes (temp file, chmod 600, fsync, rename)."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

from inburg_desktop.storage.errors import NotARegularFile

OWNER_ONLY = 0o600


def write_atomic(path: Path, data: bytes, *, create_folder: bool = True) -> None:
    """Replace ``path`` with ``data`` so a crash leaves either the old or the new file.

    ``create_folder=False`` leaves a missing folder missing (``FileNotFoundError``): a
    typing error in a name the user gave must not grow a tree of folders.

    Raises :class:`~inburg_desktop.storage.errors.NotARegularFile` when ``path`` exists
    and is not a regular file (a folder, a device such as ``/dev/full``, a FIFO, a
    socket, or a symlink to one): ``os.replace`` would put the new file in its place and
    destroy the device node or pipe (attack round 4, run as root). A symlink to a regular
    file is replaced by the new file, the link's target is left alone. ``OSError`` as the
    disk says otherwise; the temp file is removed on every failure.
    """
    refuse_special(path)
    if create_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, OWNER_ONLY)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        refuse_special(path)  # again: the name may have been taken while we wrote
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def refuse_special(path: Path) -> None:
    """Raise ``NotARegularFile`` when ``path`` (followed through symlinks) exists and is
    not a regular file; a missing ``path`` or a dangling symlink passes."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return
    if not stat.S_ISREG(mode):
        raise NotARegularFile(path=path)


def fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable (no-op where directories can't be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def touch_owner_only(path: Path) -> None:
    """Create ``path`` empty with mode 600 if it does not exist yet."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, OWNER_ONLY)
    os.close(fd)
    os.chmod(path, OWNER_ONLY)


def fsync_file(path: Path) -> None:
    """Flush ``path``'s content to the disk (before a rename makes it the real file)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_if_present(path: Path) -> bool:
    """Delete ``path`` if it exists; ``True`` when something was removed."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


class FileLock:
    """An exclusive, non-blocking advisory lock on a lock file, released on close or death.

    The operating system drops the lock when the process ends, SIGKILL included, so a
    lock that is held means its owner is alive. ``acquire`` returns ``False`` when another
    process (or another ``FileLock`` in this one) holds it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, OWNER_ONLY)
        try:
            _lock_fd(fd)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self, remove: bool = False) -> None:
        if self._fd is None:
            return
        if remove:
            # Unlink while still holding it, so nobody locks a file about to vanish.
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        os.close(self._fd)
        self._fd = None


def _lock_fd(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
