"""Windows that write to the vault say what stopped a write, under the real condition
(issue 10, item 4): a handover import on a full disk, a letterhead saved on a read-only
medium. Before, the import raised out of the slot (nothing shown) and "damaged" was the
only word the app had."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.cases import iter_cases
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import OpenVault, create_vault
from inburg_desktop.ui.letterhead_dialog import LetterheadDialog
from inburg_desktop.ui.main_window import MainWindow

from ..storage.media import fill, remount, tmpfs

PASSPHRASE = "een lange zin als wachtwoord"
HANDOVER = Path(__file__).parents[1] / "data" / "handover-amal.json"


@pytest.fixture
def usb_vault(tmp_path: Path) -> Iterator[tuple[Path, OpenVault]]:
    with tmpfs(tmp_path / "usb", 4096) as usb:
        vault = create_vault(usb / "kluis.db", PASSPHRASE, TEST_KDF)
        yield usb, vault
        vault.lock()


def test_an_import_on_a_full_disk_says_so_and_adds_nothing(
    qtbot: QtBot, usb_vault: tuple[Path, OpenVault]
) -> None:
    usb, vault = usb_vault
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.empty_hint.isVisible())
    vault.engine.dispose()  # idle pool: the import opens a new WAL, which needs room
    filler = fill(usb)
    window.import_file(HANDOVER)
    qtbot.waitUntil(lambda: window.tasks.pending == 0)  # imported off the GUI thread
    assert window.notice.kind == "error"
    assert "vol" in window.notice.text() and "beschadigd" not in window.notice.text()
    filler.unlink()
    with vault.session() as session:
        assert list(iter_cases(session)) == []


def test_a_letterhead_on_a_read_only_medium_says_so_and_stays_open(
    qtbot: QtBot, usb_vault: tuple[Path, OpenVault]
) -> None:
    usb, vault = usb_vault
    dialog = LetterheadDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.chosen is not None)  # read off the GUI thread
    vault.engine.dispose()  # Linux remounts read-only only with no file open for writing
    remount(usb, read_only=True)
    try:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.tasks.pending == 0)  # written off the GUI thread
    finally:
        remount(usb, read_only=False)
    assert dialog.isVisible()
    assert "alleen gelezen" in dialog.notice.text()
