"""Every dialog with a refusal bar clears it when the consultant changes a field
(usability round 6 finding 21: "Niet vastgelegd: …" stayed after the date was corrected,
so the form still looked refused). Walks every dialog of ``every_window`` that has a
message bar of its own (a text field's length line aside): a refusal shown, one key
typed into its first field, and the bar is empty."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.close_guard import closing_for_lock
from inburg_desktop.ui.message_label import MessageLabel

from .every_window import every_window

NOT_FORMS = {"SyncWindow"}
"""Dialogs whose bars report what happened (a sync round), not typed input refused."""


def _bars(window: QWidget) -> list[MessageLabel]:
    """The dialog's own message bars: in the dialog itself, not a part's (a text field's
    length line, the household editor's own line inside Dossiergegevens)."""
    return [bar for bar in window.findChildren(MessageLabel) if bar.parentWidget() is window]


def _first_field(window: QWidget) -> QLineEdit | QPlainTextEdit | None:
    """The first field of ``window`` a person types into, shown and usable now."""
    for field in window.findChildren(QWidget):
        if not isinstance(field, QLineEdit | QPlainTextEdit) or field.window() is not window:
            continue
        if isinstance(field.parentWidget(), QAbstractSpinBox):
            continue  # a typed digit may be refused by its range: no edit at all
        if field.isVisible() and field.isEnabled() and not field.isReadOnly():
            return field
    return None


def test_every_dialog_clears_its_refusal_when_a_field_is_edited(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    looked: list[str] = []
    still: list[str] = []
    for shown in every_window(qtbot, vault, vault_path):
        window = shown.window
        if not isinstance(window, QDialog) or not window.isVisible() or shown.name in NOT_FORMS:
            continue
        bars, field = _bars(window), _first_field(window)
        if not bars or field is None:
            continue
        for bar in bars:
            bar.show_message("Niet vastgelegd: zo kan het niet.", "error")
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_1)
        QApplication.processEvents()
        looked.append(shown.name)
        still += [f"{shown.name}: {bar.objectName() or 'bar'}" for bar in bars if bar.text()]
        if window.isModal():
            with closing_for_lock():
                window.close()
    assert still == [], "\n".join(still)
    # the dialogs that refuse in a bar, each looked at
    for name in ("SnoozeDialog", "PlanDialog", "ViolationDialog", "DecideDialog", "AmendDialog"):
        assert name in looked, looked
