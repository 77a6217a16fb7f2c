"""Every control has a name a screen reader says and is reachable by keyboard (issue 13,
item 13; the basis for EN 301 549 clauses 11.4.1.2 "Name, role, value" and 11.2.1.1
"Keyboard"): a walk over every widget of every window fails on a control without.

The name is the one assistive technology gets: Qt's accessible interface of the widget
(``QAccessible``), which takes the accessible name, a button's text or a label's buddy."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import AppController
from inburg_desktop.ui.app_settings import AppSettings
from inburg_desktop.ui.pip.signature_pad import SignaturePad

from .every_window import every_window

CONTROLS: tuple[type[QWidget], ...] = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractSlider,
    QAbstractItemView,
    QTabBar,
    SignaturePad,
)

# Mouse-only on purpose, each with the keyboard way beside it.
MOUSE_ONLY = {
    "dateCalendar": "the date is typed; the calendar is the mouse's way to the same field",
}
_WORD = re.compile(r"\w{2,}")


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return "" if interface is None else interface.text(QAccessible.Text.Name).strip()


def _shared_group_titles(widget: QWidget) -> set[str]:
    """Titles of the group boxes around ``widget`` that hold other fields too: Qt names a
    control without a name of its own after its group box, which tells a screen reader's
    user nothing about which of the group's fields it is (a group of one field is fine)."""
    titles = set()
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QGroupBox):
            fields = [
                w
                for w in parent.findChildren(QWidget)
                if isinstance(w, CONTROLS)
                and not isinstance(w, QAbstractButton)
                and not _part_of_another_control(w)
            ]
            if len(fields) > 1:
                titles.add(parent.title().replace("&", "").strip())
        parent = parent.parentWidget()
    return titles


def _part_of_another_control(widget: QWidget) -> bool:
    """A combo's line edit, a spin box's line edit, a scroll area's bars: the control
    around them carries the name and the focus."""
    parent = widget.parentWidget()
    return isinstance(widget, QScrollBar | QHeaderView) or isinstance(
        parent, QComboBox | QAbstractSpinBox
    )


def problems_in(window: QWidget) -> list[str]:
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisible():
            continue
        if _part_of_another_control(widget):
            continue
        what = f"{type(widget).__name__} {widget.objectName()!r}"
        name = accessible_name(widget)
        if not _WORD.search(name):
            found.append(f"{what}: no accessible name (got {name!r})")
        elif name in _shared_group_titles(widget) and not isinstance(widget, QAbstractButton):
            found.append(f"{what}: named only by its group box ({name!r})")
        if widget.objectName() in MOUSE_ONLY:
            continue
        reachable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if not reachable and widget.isEnabled():
            found.append(f"{what}: not reachable with Tab")
    return found


def test_every_control_of_every_window_has_a_name_and_a_key(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    AppController(vault_path, AppSettings())  # what the app installs for every window
    problems: list[str] = []
    for shown in every_window(qtbot, vault, vault_path):
        problems += [f"{shown.name}: {p}" for p in problems_in(shown.window)]
    listed = sorted(set(problems))
    assert not listed, "\n".join(listed)
