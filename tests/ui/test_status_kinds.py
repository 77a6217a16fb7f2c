"""A status message has a kind (issue 13 item 15): "Bezig met openen…" is progress, not
an error in red; a refusal is an error. Every window that shows both in one place: the
unlock window, the passphrase dialog, the sync window."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from inburg_desktop.services.vault_session import TEST_KDF
from inburg_desktop.storage.vault import OpenVault, create_vault
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.notice_bar import STYLES
from inburg_desktop.ui.passphrase_dialog import PassphraseDialog
from inburg_desktop.ui.sync_window import SyncWindow
from inburg_desktop.ui.unlock_window import UnlockWindow

PASSPHRASE = "een lange zin als wachtwoord"  # tests/conftest.py
ERROR_COLOURS = ("#58151c", "#b02a37", "#f8d7da")


def _looks_like_an_error(label: MessageLabel) -> bool:
    return any(colour in label.styleSheet() for colour in ERROR_COLOURS)


def _progress(label: MessageLabel, text: str) -> None:
    assert label.text().startswith(text)
    assert label.kind == "progress" and not _looks_like_an_error(label)
    assert STYLES["progress"] in label.styleSheet()


def test_unlock_says_opening_as_progress_and_a_wrong_passphrase_as_an_error(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "kluis.db"
    create_vault(path, PASSPHRASE, TEST_KDF).lock()
    window = UnlockWindow(path)
    qtbot.addWidget(window)
    window.show()
    window.passphrase.setText("verkeerd")
    window.submit()
    _progress(window.message, "Bezig met openen")
    qtbot.waitUntil(lambda: window.failures == 1, timeout=10_000)
    assert window.message.kind == "error" and _looks_like_an_error(window.message)
    assert "onjuist" in window.message.text()


def test_creating_a_vault_says_so_as_progress(qtbot: QtBot, tmp_path: Path) -> None:
    window = UnlockWindow(tmp_path / "nieuw.db", kdf=TEST_KDF)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle().endswith("nieuwe kluis aanmaken")
    window.passphrase.setText(PASSPHRASE)
    window.repeat.setText(PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=10_000) as blocker:
        window.submit()
        _progress(window.message, "Bezig met aanmaken")
    blocker.args[0].lock()
    assert window.message.text() == ""


def test_the_passphrase_dialog_busy_is_progress_and_a_refusal_an_error(
    qtbot: QtBot, vault: OpenVault
) -> None:
    dialog = PassphraseDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.current.setText(PASSPHRASE)
    dialog.new.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE)
    dialog.submit()
    assert dialog.message.kind == "error" and _looks_like_an_error(dialog.message)
    dialog.current.setText("niet het wachtwoord")
    dialog.new.setText("vier nieuwe woorden na het lek")
    dialog.repeat.setText("vier nieuwe woorden na het lek")
    dialog.submit()
    _progress(dialog.message, "Bezig")
    qtbot.waitUntil(lambda: dialog.message.kind == "error", timeout=10_000)
    assert "onjuist" in dialog.message.text()


def test_the_sync_window_busy_is_progress(qtbot: QtBot, vault: OpenVault) -> None:
    window = SyncWindow(vault)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state is not None)
    window.start()
    _progress(window.outcome, "Bezig")
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)
