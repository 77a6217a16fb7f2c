"""Instellingen → Wachtwoord wijzigen (issue 10, item 5): a change re-wraps the key, the
"new key" option re-encrypts the vault so an old key file no longer opens it; the current
passphrase is asked again; a failure changes nothing and says why."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage import keyfile
from inburg_desktop.storage.vault import OpenVault, _opens_with, unlock_vault
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.passphrase_dialog import PassphraseDialog

PASSPHRASE = "een lange zin als wachtwoord"  # tests/conftest.py
NEW = "vier nieuwe woorden na het lek"


def _dialog(qtbot: QtBot, vault: OpenVault) -> PassphraseDialog:
    dialog = PassphraseDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill(qtbot: QtBot, dialog: PassphraseDialog, current: str, new: str, repeat: str) -> None:
    for edit, typed in ((dialog.current, current), (dialog.new, new), (dialog.repeat, repeat)):
        edit.clear()
        if typed.isascii():
            qtbot.keyClicks(edit, typed)
        else:  # QTest cannot type combining marks; a paste puts them in as they are
            edit.setText(typed)


def test_a_change_rewraps_and_the_new_passphrase_opens(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    old_copy = keyfile.read_key_file(vault_path)
    dialog = _dialog(qtbot, vault)
    # The repeat typed with a decomposed "ë": the same passphrase in NFC.
    _fill(qtbot, dialog, PASSPHRASE, NEW + " ë", NEW + unicodedata.normalize("NFD", " ë"))
    with qtbot.waitSignal(dialog.changed, timeout=20_000) as changed:
        qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert changed.args == ["Het wachtwoord is gewijzigd."]
    vault.lock()
    unlock_vault(vault_path, NEW + " ë").lock()
    # A change only re-wraps: the old key file still holds the same key.
    assert _opens_with(vault_path, keyfile.unwrap_key(old_copy, PASSPHRASE))


def test_a_new_key_re_encrypts_so_the_old_key_file_opens_nothing(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    with vault.transaction() as session:
        add_demo_cases(session, 2)
    old_copy = keyfile.read_key_file(vault_path)
    dialog = _dialog(qtbot, vault)
    _fill(qtbot, dialog, PASSPHRASE, NEW, NEW)
    qtbot.keyClick(dialog.rotate, Qt.Key.Key_Space)
    assert dialog.rotate.isChecked()
    with qtbot.waitSignal(dialog.changed, timeout=20_000) as changed:
        qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert "nieuwe sleutel" in changed.args[0]
    with vault.session() as session:  # still open, under the new key
        assert session.execute(text("SELECT count(*) FROM cases")).scalar_one() == 2
    vault.lock()
    assert not _opens_with(vault_path, keyfile.unwrap_key(old_copy, PASSPHRASE))
    unlock_vault(vault_path, NEW).lock()


def test_a_wrong_current_passphrase_changes_nothing(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    before = keyfile.key_path(vault_path).read_bytes()
    dialog = _dialog(qtbot, vault)
    _fill(qtbot, dialog, "niet het huidige wachtwoord", NEW, NEW)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "onjuist" in dialog.message.text(), timeout=20_000)
    assert "niets gewijzigd" in dialog.message.text()
    assert keyfile.key_path(vault_path).read_bytes() == before


def test_weak_mismatched_or_unchanged_passphrases_are_refused_in_words(
    qtbot: QtBot, vault: OpenVault
) -> None:
    dialog = _dialog(qtbot, vault)
    for new, repeat, words in (
        ("kort", "kort", "te zwak"),
        (NEW, NEW + "x", "niet gelijk"),
        (PASSPHRASE, PASSPHRASE, "gelijk aan het huidige"),
    ):
        _fill(qtbot, dialog, PASSPHRASE, new, repeat)
        qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
        assert words in dialog.message.text()
        assert not dialog.busy


def test_the_main_window_offers_it_under_instellingen(qtbot: QtBot, vault: OpenVault) -> None:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Instellingen")
    assert isinstance(menu, QMenu)
    assert window.passphrase_action in menu.actions()
    window.passphrase_action.trigger()
    qtbot.waitUntil(lambda: window.passphrase_dialog.isVisible())
    window.passphrase_dialog.reject()
