"""The passphrase dialog tells the truth when a change fails half way (attack F5): when a
migration backup's key file could not be put back it says so, instead of "Er is niets
gewijzigd"; when everything was put back it says nothing changed, and the old passphrase
still opens the vault and the backup."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.storage import keyfile, migrate
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import create_vault, unlock_vault
from inburg_desktop.ui.passphrase_dialog import PassphraseDialog

PASSPHRASE = "een lange zin als wachtwoord"  # tests/conftest.py
NEW = "vier nieuwe woorden na het lek"


@pytest.mark.parametrize(
    ("fail_on", "words", "backup_opens_with"),
    [
        ({2}, "Er is niets gewijzigd", PASSPHRASE),
        ({2, 3}, "opent nu met het nieuwe wachtwoord", NEW),
    ],
    ids=["put-back", "not-put-back"],
)
def test_a_half_failed_change_is_told_as_it_is(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fail_on: set[int],
    words: str,
    backup_opens_with: str,
) -> None:
    path = tmp_path / "kluis.db"
    create_vault(path, PASSPHRASE, TEST_KDF).lock()
    backup = path.with_name(f"{path.name}.before-0001.bak")
    shutil.copy2(path, backup)
    shutil.copy2(keyfile.key_path(path), migrate.backup_key_path(backup))
    vault = unlock_vault(path, PASSPHRASE)
    dialog = PassphraseDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    real, calls = os.replace, iter(range(1, 1000))

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if next(calls) in fail_on:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    for edit, typed in ((dialog.current, PASSPHRASE), (dialog.new, NEW), (dialog.repeat, NEW)):
        qtbot.keyClicks(edit, typed)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert words in dialog.message.text()
    vault.lock()
    monkeypatch.setattr(os, "replace", real)
    key = keyfile.read_key_file_at(migrate.backup_key_path(backup))
    keyfile.unwrap_key(key, backup_opens_with).wipe()
    unlock_vault(path, PASSPHRASE).lock()
