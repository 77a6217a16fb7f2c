"""Every date field of every window reads the usual Dutch ways of typing a date, and says a
refusal in full beneath the field (usability round 2 finding 14: ``12031990`` was refused,
and the red error text was cut off after its first line)."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.date_input import DateInput

from .every_window import every_window

TYPED = {
    "12031990": date(1990, 3, 12),
    "12-3-1990": date(1990, 3, 12),
    "12/3/1990": date(1990, 3, 12),
    "12.03.1990": date(1990, 3, 12),
    "1990-03-12": date(1990, 3, 12),
    "12 maart 1990": date(1990, 3, 12),
}
LONGEST_REFUSAL = "1111990"  # two readings named: the longest sentence a field says


def retype(qtbot: QtBot, field: DateInput, text: str) -> None:
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field.edit, text)
    QApplication.processEvents()


def _clipped_by(label: QWidget) -> str | None:
    """The first ancestor (below a scroll area's content or the window) that cuts off part
    of ``label``'s needed height, by name; ``None`` when the label shows in full."""
    needed = label.heightForWidth(label.width())
    if label.height() < needed:
        return f"label itself ({label.height()} < {needed} px)"
    widget: QWidget = label
    top = 0
    while not widget.isWindow():
        parent = widget.parentWidget()
        if parent is None:
            break
        top += widget.y()
        if isinstance(parent.parentWidget(), QScrollArea):
            break  # the scroll area's content: scrolling shows what is below
        if top + needed > parent.height():
            return f"{type(parent).__name__} {parent.objectName()!r}"
        widget = parent
    return None


def _shows_in_full(label: QWidget) -> bool:
    return _clipped_by(label) is None


def test_every_date_field_reads_every_usual_form_and_shows_its_refusal_in_full(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    seen = 0
    for shown in every_window(qtbot, vault, vault_path):
        for field in shown.window.findChildren(DateInput):
            if not field.isVisible() or not field.isEnabled():
                continue
            seen += 1
            where = f"{shown.name}: {field.objectName() or field.edit.objectName()}"
            before = field.text()
            for text, meant in TYPED.items():
                retype(qtbot, field, text)
                assert field.problem() is None, (where, text, field.problem())
                assert field.value() == meant, (where, text)
            retype(qtbot, field, LONGEST_REFUSAL)
            assert field.shown_in.isVisible(), where
            assert "1-11-1990" in field.shown_in.text(), where
            # Each layout level settles in its own posted event: wait for them, then judge.
            try:
                qtbot.waitUntil(partial(_shows_in_full, field.shown_in), timeout=3000)
            except AssertionError:
                clipped = _clipped_by(field.shown_in)
                raise AssertionError(f"{where}: refusal cut off by {clipped}") from None
            retype(qtbot, field, before)
    assert seen >= 5
