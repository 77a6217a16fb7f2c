"""Files a consultant chose to write outside the vault (an exported PDF, settings).

Written atomically and owner-only (``storage.files.write_atomic``: temp file, ``fsync``,
``os.replace``), so a crash leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from inburg_desktop.storage.diagnosis import from_output_error
from inburg_desktop.storage.errors import OutputRefused, VaultUnavailable
from inburg_desktop.storage.files import write_atomic


def export_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, a file the user named, atomically and mode 0600.

    Its folder must exist (a typing error grows no folders). Raises, with nothing
    written: ``NotARegularFile`` when ``path`` is a folder, device, FIFO or socket (or a
    symlink to one); otherwise the disk's refusal as a problem naming ``path``
    (``storage.diagnosis.from_output_error``: ``DiskFull``, ``ReadOnlyMedium``,
    ``NoPermission``, ``StorageFault``, ``OutputRefused``), never a bare ``OSError``.
    """
    with user_named(path):
        write_atomic(path, data, create_folder=False)


@contextlib.contextmanager
def user_named(path: Path) -> Iterator[None]:
    """Turn an ``OSError`` raised while writing ``path`` (a file the user named) into the
    problem that names it (``storage.diagnosis.from_output_error``)."""
    try:
        yield
    except OSError as exc:
        raise from_output_error(exc, path) from exc


def is_output_problem(exc: BaseException) -> bool:
    """Whether ``exc`` is a refusal :func:`export_file` or :func:`user_named` raised
    about the file the user named (not the vault's own trouble)."""
    return isinstance(exc, OutputRefused) or (
        isinstance(exc, VaultUnavailable) and exc.code.startswith("output_")
    )


def write_private_file(path: Path, data: bytes) -> None:
    """Write one of the app's own files (settings), atomically and mode 0600, creating
    its folder; ``OSError`` as the disk says (the caller decides whether it matters)."""
    write_atomic(path, data)
