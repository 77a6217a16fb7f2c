"""Setting a PIP in the editor as a consultant does: "PIP vaststellen" opens the
confirmation, the consultant ticks that they saw what is open and confirms with a click."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.ui.pip import PipEditorWindow
from inburg_desktop.ui.pip.confirm_dialog import PipConfirmDialog

LEFT = Qt.MouseButton.LeftButton
CONSULENT = "Sanne de Vries"


def open_confirmation(qtbot: QtBot, window: PipEditorWindow) -> PipConfirmDialog:
    """Click "PIP vaststellen" and wait for the confirmation to show."""
    qtbot.mouseClick(window.set_button, LEFT)
    qtbot.waitUntil(lambda: window.confirm_dialog is not None and window.confirm_dialog.isVisible())
    assert window.confirm_dialog is not None
    return window.confirm_dialog


def set_through_confirmation(qtbot: QtBot, window: PipEditorWindow) -> PipConfirmDialog:
    """Open the confirmation, acknowledge what is open (if anything) and confirm."""
    dialog = open_confirmation(qtbot, window)
    assert not dialog.confirmation.blocked, dialog.why_disabled.text()
    if dialog.acknowledge.isVisible():  # on its box, at the left
        box = dialog.acknowledge
        qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))
    assert dialog.confirm_button.isEnabled()
    with qtbot.waitSignal(window.saved, timeout=10000):
        qtbot.mouseClick(dialog.confirm_button, LEFT)
    return dialog
