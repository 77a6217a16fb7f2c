"""The Alt+letters usability round 4 found wanting (finding 16), each pressed as a real
key: "Apart gezet (1)…" after a sync counted something set aside, "Zorgtaken
(mantelzorg)" in Gezinssituatie (Alt+Z went to "Gezinshereniging", whose middle z the
keeper had handed out first), the enrollment's name field and "Parkeren" becoming
"Hervatten" ("Geboortedatum" and "Doelgroep" in Nieuw dossier: ``test_new_case_keys``).
The walk over every window (``test_mnemonic_walk``) checks the kind; these check that
the letter does what it says."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.intake import TopicState
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import AppController
from inburg_desktop.ui.app_settings import AppSettings
from inburg_desktop.ui.intake.window import IntakeWindow
from inburg_desktop.ui.mnemonics import letter_of
from inburg_desktop.ui.sync_window import SyncWindow

from .every_window import TODAY, demo_cases

ALT = Qt.KeyboardModifier.AltModifier


def _keeper(vault_path: Path) -> None:
    AppController(vault_path, AppSettings())  # installs the keeper, as the app does


def _shown(qtbot: QtBot, window: QWidget) -> None:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _labels(window: QWidget, plain: str) -> list[QLabel]:
    return [
        label
        for label in window.findChildren(QLabel)
        if label.text().replace("&", "").rstrip(" *") == plain and label.isVisible()
    ]


def _label(window: QWidget, plain: str) -> QLabel:
    (label,) = _labels(window, plain)
    return label


def _has_keyboard(field: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is field or field.isAncestorOf(focus))


def _press(qtbot: QtBot, window: QWidget, letter: str) -> None:
    focus = QApplication.focusWidget() or window
    qtbot.keyClick(focus, Qt.Key(ord(letter.upper())), ALT)


def test_apart_gezet_keeps_a_letter_after_the_count_changes(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    _keeper(vault_path)
    window = SyncWindow(vault)
    _shown(qtbot, window)
    qtbot.waitUntil(lambda: window.state is not None)
    assert window.state is not None
    # a round set a change aside: the window says the new count on the button
    window._show_state(replace(window.state, set_aside=1))
    qtbot.waitUntil(lambda: letter_of(window.quarantine_button.text()) is not None)
    assert "(1)" in window.quarantine_button.text()
    opened: list[bool] = []
    window.quarantine_requested.connect(lambda: opened.append(True))
    key = letter_of(window.quarantine_button.text())
    assert key is not None
    _press(qtbot, window, key)
    qtbot.waitUntil(lambda: opened == [True])


def test_the_enrollment_name_field_has_its_letter(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    _keeper(vault_path)
    window = SyncWindow(vault)
    _shown(qtbot, window)
    qtbot.waitUntil(lambda: window.enroll_box.isVisible())
    label = _label(window, "Uw naam als consulent")
    qtbot.waitUntil(lambda: letter_of(label.text()) is not None)
    key = letter_of(label.text())
    assert key is not None
    window.code.setFocus()
    _press(qtbot, window, key)
    qtbot.waitUntil(lambda: _has_keyboard(window.consulent_name))


def test_alt_z_in_gezinssituatie_goes_to_zorgtaken(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    _keeper(vault_path)
    ids = demo_cases(vault)
    window = IntakeWindow(vault, ids[-1], today=TODAY)
    _shown(qtbot, window)
    qtbot.waitUntil(lambda: window.stored is not None)
    window.show_topic("gezinssituatie", focus=True)
    qtbot.waitUntil(lambda: _labels(window, "Zorgtaken (mantelzorg)") != [])
    label = _label(window, "Zorgtaken (mantelzorg)")
    qtbot.waitUntil(lambda: letter_of(label.text()) == "z")
    buddy = label.buddy()
    assert buddy is not None
    _press(qtbot, window, "z")
    qtbot.waitUntil(lambda: _has_keyboard(buddy))
    _press(qtbot, window, "z")  # again: still there, no second holder to cycle to
    assert _has_keyboard(buddy)


def test_parkeren_becoming_hervatten_keeps_its_letter(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    _keeper(vault_path)
    ids = demo_cases(vault)
    window = IntakeWindow(vault, ids[-1], today=TODAY)
    _shown(qtbot, window)
    qtbot.waitUntil(lambda: window.stored is not None)
    panel = window.panel
    assert panel is not None
    qtbot.waitUntil(lambda: letter_of(panel.park_button.text()) is not None)
    panel.set_state(TopicState.PARKED)  # as parking does
    assert panel.park_button.text().replace("&", "").startswith("Hervatten")
    qtbot.waitUntil(lambda: letter_of(panel.park_button.text()) is not None)
