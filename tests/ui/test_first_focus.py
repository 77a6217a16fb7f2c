"""Every window opens with the keyboard where the consultant types first (usability round
6 finding 14: the talk window opened on its one-item "Gesprek" list, the first space
opened it and every later key, Alt+N and F8 were swallowed; two sentences of notes were
lost). For every window of ``every_window`` that has fields to type in: the keyboard is
in a field (never on a button, a tab bar or a scroll area), and where that field is a
text field, a word typed at once is in it and on screen."""

from __future__ import annotations

import contextlib
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.exceptions import TimeoutError as QtTimeout
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.close_guard import closing_for_lock
from inburg_desktop.ui.first_field import first_field

from .every_window import every_window

WORD = "Afspraak"
AS_DESIGNED = {
    # the app's own windows: the case list and the unlock screen
    "MainWindow": "primary window",
    "UnlockWindow": "primary window",
    # a confirmation of a legal decision: the keyboard is on Annuleren on purpose
    "PipConfirmDialog": "Enter never takes a decision",
    # the intake opens on its topic map (Ctrl+K, the arrows), left to the intake's owner
    "IntakeWindow": "topic map first",
    # once enrolled its act is a button: "Nu synchroniseren" has the keyboard (issue 13)
    "SyncWindow": "a button is its act",
}


def _active(window: QWidget) -> bool:
    return QApplication.activeWindow() is window


def _text(field: QWidget) -> str:
    if isinstance(field, QLineEdit):
        return field.text()
    assert isinstance(field, QPlainTextEdit | QTextEdit)
    return field.toPlainText()


def test_every_window_opens_with_the_keyboard_in_its_first_field(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    wrong: list[str] = []
    seen: set[int] = set()
    for shown in every_window(qtbot, vault, vault_path):
        name, window = shown.name.split("[")[0], shown.window
        # a window is looked at as it opens (the intake's topics and tabs come later)
        if id(window) in seen or name in AS_DESIGNED or not window.isVisible():
            seen.add(id(window))
            continue
        seen.add(id(window))
        if first_field(window) is None:
            continue  # nothing to type in (a list, an overview)
        window.activateWindow()
        with contextlib.suppress(QtTimeout):
            qtbot.waitUntil(partial(_active, window), timeout=3000)
        focus = window.focusWidget()
        # a field, or the list a list window starts from (pick a conflict, then answer)
        fields = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)
        if not isinstance(focus, fields) and not isinstance(focus, QAbstractItemView):
            wrong.append(f"{name}: the keyboard is on {type(focus).__name__}")
            continue
        if isinstance(focus, QLineEdit | QPlainTextEdit | QTextEdit) and not (
            isinstance(focus, QLineEdit) and focus.echoMode() != QLineEdit.EchoMode.Normal
        ):
            before = _text(focus)
            qtbot.keyClicks(focus, WORD)
            if WORD not in _text(focus) or focus.visibleRegion().isEmpty():
                wrong.append(f"{name}: {WORD!r} typed did not show in {focus.objectName()}")
            _restore(focus, before)
        if window.isModal():
            with closing_for_lock():
                window.close()
    assert wrong == [], "\n".join(wrong)


def _restore(field: QWidget, text: str) -> None:
    if isinstance(field, QLineEdit):
        field.setText(text)
    elif isinstance(field, QPlainTextEdit | QTextEdit):
        field.setPlainText(text)
