"""Reading a file from a path a person or another program chose: one bounded reader.

Every file the app or the office reads from such a path goes through :func:`read_bounded`:
handover files, the settings file, office settings given as ``@FILE``, rule scenarios,
logos, signed scans, key files and the CA certificate for sync. The caps are set by each
kind's owner and said in words when a file is refused:

========================  ===========  ===============================================
kind                      cap          where
========================  ===========  ===============================================
handover file             1 MB         ``domain.handover.MAX_BYTES``
settings file             100 kB       ``ui.app_settings.MAX_SETTINGS_BYTES``
office setting ``@FILE``  1 MB         ``server.cli.MAX_SETTING_BYTES``
rule scenario             1 MB         ``domain.handover.MAX_BYTES``
logo                      4 MiB        ``domain.logo.MAX_FILE_BYTES``
signed scan               25 MB        ``services.pip_attachments.MAX_SCAN_BYTES``
                                       (below the sync protocol's attachment maximum)
key file                  64 KiB       ``storage.keyfile.MAX_KEY_FILE_BYTES``
CA certificate            1 MB         ``sync.transport.MAX_CA_BYTES``
========================  ===========  ===============================================

What it guarantees:

* it **reads only a regular file** (a symbolic link is followed to one), opened without
  blocking: a FIFO, a device (``/dev/zero``), a socket or a directory is refused in words
  instead of hanging on the worker thread or reading until memory runs out;
* it **reads at most the cap plus one byte**, whatever the file claims its size is (a
  file that grows while it is read is refused, not read on).

Why in ``domain/``: every layer (ui, commands, services, storage, server, sync) reads such
files, and only domain is importable from all of them; this module imports nothing but
the standard library and ``domain.text`` (for refusals as msgids).
"""

from __future__ import annotations

import errno
import os
import stat

from inburg_desktop.domain.text import N_, Reason

_MIB = 1024 * 1024


class FileRefused(ValueError):
    """A file that is refused as a whole (without the file's name: the caller knows how
    the person named it).

    ``reason`` says why as a Dutch msgid with parameters, worded at the edge in the
    user's language; ``problem`` is it in Dutch (the office's command line is Dutch).
    """

    def __init__(self, problem: str, /, **params: object) -> None:
        self.reason = Reason.of("file_refused", problem, **params)
        super().__init__(self.problem)

    @property
    def problem(self) -> str:
        return self.reason.render()


class FileTooLarge(FileRefused):
    """A file over its cap (``max_bytes``), refused from its size before it is read."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(TOO_LARGE, limit=describe_size(max_bytes))
        self.max_bytes = max_bytes


def describe_size(n_bytes: int) -> str:
    """A size limit in words: ``"1 MB"``, ``"100 kB"``, ``"1500 bytes"`` (decimal units,
    exact: a binary cap is said in bytes rather than rounded)."""
    if n_bytes % 1_000_000 == 0:
        return f"{n_bytes // 1_000_000} MB"
    if n_bytes % 1000 == 0:
        return f"{n_bytes // 1000} kB"
    return f"{n_bytes} bytes"


TOO_LARGE = N_("groter dan de grens van {limit}")


def too_large(max_bytes: int) -> str:
    """The refusal of a file over ``max_bytes``, in Dutch words."""
    return TOO_LARGE.format(limit=describe_size(max_bytes))


_OS_ERRORS = {
    errno.ENOENT: "bestaat niet",
    errno.ENOTDIR: "bestaat niet (een deel van het pad is geen map)",
    errno.EACCES: "geen toegang (controleer de rechten van het bestand)",
    errno.EPERM: "geen toegang (controleer de rechten van het bestand)",
    errno.EISDIR: "is een map, geen bestand",
    errno.ELOOP: "te veel symbolische koppelingen na elkaar",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EIO: "leesfout van de schijf of het medium",
}


def describe_os_error(exc: OSError) -> str:
    """An ``OSError`` from reading a file, in Dutch words (falls back to ``strerror``)."""
    if exc.errno in _OS_ERRORS:
        return _OS_ERRORS[exc.errno]
    return f"kan niet gelezen worden ({exc.strerror or type(exc).__name__})"


_WRITE_ERRORS = {
    errno.ENOSPC: "de schijf is vol",
    getattr(errno, "EDQUOT", errno.ENOSPC): "de schijf is vol (quotum bereikt)",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.ENOENT: "de map bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EACCES: "geen toestemming om daar te schrijven",
    errno.EPERM: "geen toestemming om daar te schrijven",
    errno.EIO: "schrijffout van de schijf of het medium",
}


def describe_write_error(exc: OSError) -> str:
    """An ``OSError`` from writing a file, in Dutch words: the reading words of
    :func:`describe_os_error` called a full disk "kan niet gelezen worden" (attack round
    10, finding 7). Falls back to ``strerror``."""
    if exc.errno in _WRITE_ERRORS:
        return f"kan niet worden geschreven: {_WRITE_ERRORS[exc.errno]}"
    return f"kan niet worden geschreven ({exc.strerror or type(exc).__name__})"


IS_DIRECTORY = N_("is een map, geen bestand")
NOT_REGULAR = N_("is geen gewoon bestand (maar een apparaat, pipe of socket)")


def read_bounded(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``max_bytes`` of them.

    Raises :class:`FileRefused` for a directory and for anything that is not a regular
    file (FIFO, character or block device, socket), :class:`FileTooLarge` for a file
    larger than ``max_bytes``;
    ``OSError`` for a file that cannot be opened or read (word it with
    :func:`describe_os_error`). Never blocks on a FIFO without a writer and never reads
    more than ``max_bytes + 1`` bytes.
    """
    if os.path.isdir(path):  # Windows refuses to open a directory with EACCES
        raise FileRefused(IS_DIRECTORY)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    flags |= getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused(IS_DIRECTORY)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(NOT_REGULAR)
        if info.st_size > max_bytes:
            raise FileTooLarge(max_bytes)
        chunks: list[bytes] = []
        remaining = max_bytes + 1  # one byte more tells a file that grew past the limit
        while remaining > 0:
            chunk = os.read(fd, min(remaining, _MIB))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise FileTooLarge(max_bytes)
    return data


def check_regular(path: str | os.PathLike[str]) -> None:
    """Refuse (:class:`FileRefused`) a path that exists but is not a regular file, for
    files another library opens itself (SQLite opens the vault): a FIFO there would hang
    it and a device would be read as data. ``OSError`` when it cannot be examined."""
    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        raise FileRefused(IS_DIRECTORY)
    if not stat.S_ISREG(mode):
        raise FileRefused(NOT_REGULAR)
