"""Usability round 6, finding 9: a dialog opened under a window is not the window's data.

After "Afdrukken…" was cancelled, closing the PIP editor said "Niet opgeslagen: Naam:,
Voorbeeld, Uitvoerbestand:, Kleur en 14 andere": the close guard walked every
descendant, and Qt's print dialog (kept as a child of the editor) is one. Here the real
print dialog is opened and cancelled in the editor, and then, for every window the app
has (``every_window``) that owns a close guard, Qt's print dialog, a (non-native) file
dialog, a confirmation with a tick box and a dialog with a half-typed date are opened
under it and cancelled: what the guard counts as unsaved does not change, and neither
does ``date_problem`` (which refuses a save while a date of the window is invalid).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import SIGNED_INDEX
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.close_guard import CloseGuard
from inburg_desktop.ui.date_input import DateInput, date_problem
from inburg_desktop.ui.pip import PipEditorWindow

from .every_window import every_window
from .test_close_guard import _question

TODAY = date(2026, 11, 2)
# A print dialog keeps a pointer to its printer: the printers outlive their dialogs
PRINTERS: list[QPrinter] = []


def _cancel_when_shown(kind: type[QDialog], seen: list[str]) -> None:
    """Cancel the first visible ``kind`` dialog once it is shown (checked each time the
    event loop runs a zero timer, so no fixed wait)."""

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                seen.append(widget.windowTitle())
                widget.reject()
                return
        QTimer.singleShot(0, look)

    QTimer.singleShot(0, look)


def test_closing_the_pip_editor_after_a_cancelled_print_asks_nothing(
    qtbot: QtBot, vault: OpenVault
) -> None:
    with vault.transaction() as session:
        cases = add_demo_cases(session, 8, TODAY)
    window = PipEditorWindow(vault, cases[SIGNED_INDEX], today=TODAY)  # deletes itself
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    assert window.close_guard.unsaved_labels() == []
    seen: list[str] = []
    _cancel_when_shown(QPrintDialog, seen)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # Ctrl+P
    assert seen == ["PIP afdrukken"]  # the real print dialog was shown, then cancelled
    assert window.close_guard.unsaved_labels() == []
    window.activateWindow()  # back from the dialog, as the window manager does
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)  # Ctrl+W
    QApplication.processEvents()
    assert not shiboken6.isValid(window) or (not window.isVisible() and _question(window) is None)


def _open_and_cancel_children(window: QWidget) -> list[QDialog]:
    """Open under ``window`` what a window opens (the print dialog, a file dialog, a
    confirmation with a tick box, a form with a half-typed date) and cancel each; the
    dialogs, still children of ``window``."""
    PRINTERS.append(QPrinter())
    printing = QPrintDialog(PRINTERS[-1], window)
    files = QFileDialog(window, "Bestand kiezen")
    files.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own fields, as on Linux
    confirm = QMessageBox(QMessageBox.Icon.Question, "Zeker?", "Doorgaan?", parent=window)
    tick = QCheckBox("Ik heb het gelezen")
    confirm.setCheckBox(tick)
    form = QDialog(window)
    rows = QFormLayout(form)
    name = QLineEdit()
    rows.addRow(QLabel("Naam:"), name)
    day = DateInput()
    rows.addRow(QLabel("Datum:"), day)
    for dialog in (printing, files, confirm, form):
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        QApplication.processEvents()
    name.setText("getypt in een dialoog")
    day.edit.setText("31-02")  # half-typed: a problem of the dialog's, not the window's
    tick.setChecked(True)
    for dialog in (printing, files, confirm, form):
        dialog.reject()
    QApplication.processEvents()
    return [printing, files, confirm, form]


def test_no_window_counts_the_fields_of_dialogs_opened_under_it(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    wrong: list[str] = []
    guarded = 0
    for shown in every_window(qtbot, vault, vault_path):
        window = shown.window
        guards = [g for g in window.findChildren(CloseGuard) if g.window is window]
        if not guards:
            continue
        guarded += 1
        (guard,) = guards
        before, dates_before = guard.unsaved_labels(), date_problem(window)
        children = _open_and_cancel_children(window)
        after, dates_after = guard.unsaved_labels(), date_problem(window)
        for child in children:  # gone before the walk drives the window on
            child.setParent(None)
            child.deleteLater()
        if after != before:
            wrong.append(f"{shown.name}: {before} -> {after}")
        if dates_after != dates_before:
            wrong.append(f"{shown.name}: date problem {dates_before!r} -> {dates_after!r}")
    assert guarded >= 10  # intake, PIP editor, talk, handhaving forms, Dossiergegevens, …
    assert wrong == []
