"""The vault and its key file are named by the person (``--vault``, the unlock window):
what lies at those paths is read through the one bounded reader, so a FIFO, a device or a
directory there is refused in words at once instead of hanging the unlock or being read
as data (attack finding F2, the same kind as the scan)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from inburg_desktop.messages import error_text
from inburg_desktop.storage.errors import KeyFileDamaged, VaultDamaged
from inburg_desktop.storage.keyfile import TEST_KDF, key_path, read_key_file_at
from inburg_desktop.storage.vault import create_vault, unlock_vault

PASSPHRASE = "een lange zin als wachtwoord"  # tests/conftest.py

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")

# A bound, not a timing: on the old code the unlock waited for a writer forever.
HANG = 60


def _unlock_in_child(vault: Path) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys; from pathlib import Path\n"
        "from inburg_desktop.storage.vault import unlock_vault\n"
        "from inburg_desktop.storage.errors import VaultError\n"
        "from inburg_desktop.messages import error_text\n"
        "try:\n"
        f"    unlock_vault(Path(sys.argv[1]), {PASSPHRASE!r})\n"
        "except VaultError as exc:\n"
        "    print(type(exc).__name__, error_text(exc))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(vault)],
        capture_output=True,
        text=True,
        timeout=HANG,
        check=True,
    )


def test_a_fifo_as_key_file_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "kluis.db"
    create_vault(path, PASSPHRASE, TEST_KDF).lock()
    key_path(path).unlink()
    os.mkfifo(key_path(path))
    result = _unlock_in_child(path)
    assert result.stdout.startswith("KeyFileDamaged ")
    assert "kluis.db.key" in result.stdout


def test_a_device_or_directory_as_key_file_is_damaged(tmp_path: Path) -> None:
    link = tmp_path / "nul.key"
    link.symlink_to("/dev/zero")
    with pytest.raises(KeyFileDamaged) as damaged:
        read_key_file_at(link)
    assert "nul.key" in error_text(damaged.value)
    with pytest.raises(KeyFileDamaged):
        read_key_file_at(tmp_path)


def test_a_fifo_or_device_as_vault_is_refused_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "kluis.db"
    create_vault(path, PASSPHRASE, TEST_KDF).lock()
    path.unlink()
    os.mkfifo(path)
    result = _unlock_in_child(path)
    assert result.stdout.startswith("VaultDamaged ")
    path.unlink()
    path.symlink_to("/dev/zero")
    with pytest.raises(VaultDamaged):
        unlock_vault(path, PASSPHRASE)
