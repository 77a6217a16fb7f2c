"""Every secondary window closes on Esc, as the dialogs do (usability round 6 finding 24:
Esc did not close the talk window; Ctrl+W did). Nothing is typed in the windows walked,
so none asks first; the main window and the unlock window are the app itself.

A dialog is tried when it is shown; a window the walk still needs afterwards (the intake,
the enforcement window) once the walk is done."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.exceptions import TimeoutError as QtTimeout
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from inburg_desktop.storage.vault import OpenVault

from .every_window import every_window

PRIMARY = ("MainWindow", "UnlockWindow")


def _closes_on_esc(qtbot: QtBot, window: QWidget) -> bool:
    # kept after closing: qtbot closes it again at the end of the test
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    window.raise_()
    window.activateWindow()
    with contextlib.suppress(QtTimeout):
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    target = QApplication.focusWidget()
    if target is None or target.window() is not window:
        target = window
    qtbot.keyClick(target, Qt.Key.Key_Escape)
    try:
        qtbot.waitUntil(lambda: not isValid(window) or not window.isVisible(), timeout=3000)
    except QtTimeout:
        return False
    return True


def test_every_secondary_window_closes_on_esc(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    later: dict[int, tuple[str, QWidget]] = {}
    stayed: list[str] = []
    for shown in every_window(qtbot, vault, vault_path):
        name, window = shown.name.split("[")[0], shown.window
        if name in PRIMARY or not window.isVisible():
            continue
        if isinstance(window, QDialog):
            if not _closes_on_esc(qtbot, window):
                stayed.append(name)
        else:
            later.setdefault(id(window), (name, window))
    for name, window in later.values():
        if isValid(window) and window.isVisible() and not _closes_on_esc(qtbot, window):
            stayed.append(name)
    assert stayed == [], stayed
