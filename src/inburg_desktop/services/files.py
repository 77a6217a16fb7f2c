"""Files a consultant chose to write outside the vault (an exported PDF, settings).

Written atomically and owner-only (``storage.files.write_atomic``: temp file, ``fsync``,
``os.replace``), so a crash leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

from pathlib import Path

from inburg_desktop.storage.files import write_atomic


def export_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, mode 0600; ``OSError`` as the disk says."""
    write_atomic(path, data)
