"""No scroll area inside a scrolling area (usability round 7, finding 10): the household
block of Nieuw dossier was a small scroll area inside the scrolling dialog, two scroll bars
one inside the other, the new member half hidden in the inner one. Walks every window and
dialog (``every_window``) at 1366×768, Nieuw dossier and Dossiergegevens also with a
household of several members, and fails on a form that scrolls inside a form that scrolls.

Lists, tables and text fields are meant to scroll inside a form (a language list, a
note): they are left out, as are scroll areas that can never show a bar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.new_case_dialog import NewCaseDialog

from .every_window import every_window

MEMBERS = 4
"""Members added to the household blocks: more than one screen of them."""

MEANT_TO_SCROLL = (QAbstractItemView, QPlainTextEdit, QTextEdit)


def can_scroll(area: QAbstractScrollArea) -> bool:
    """Whether ``area`` can ever show a scroll bar (one direction suffices)."""
    off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    return not (area.verticalScrollBarPolicy() == off and area.horizontalScrollBarPolicy() == off)


def bar_shown(area: QAbstractScrollArea) -> bool:
    return area.verticalScrollBar().isVisible() or area.horizontalScrollBar().isVisible()


def scrolling_ancestor(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and parent is not widget.window():
        if isinstance(parent, QAbstractScrollArea) and can_scroll(parent):
            return parent
        parent = parent.parentWidget()
    return None


def nested(window: QWidget) -> Iterator[str]:
    """Each scroll area of ``window`` that scrolls inside another, described."""
    for area in window.findChildren(QAbstractScrollArea):
        if area.window() is not window or not area.isVisible() or not can_scroll(area):
            continue
        if isinstance(area, MEANT_TO_SCROLL):
            continue
        outer = scrolling_ancestor(area)
        if outer is None:
            continue
        # A form in a scroll area inside a scrolling form: nested whether or not its bar
        # shows now (one more member, a longer text, and it does); any other scroll area
        # only when it shows a bar.
        if isinstance(area, QScrollArea) or bar_shown(area):
            yield (
                f"{type(area).__name__} {area.objectName()!r} scrolls inside "
                f"{type(outer).__name__} {outer.objectName()!r}"
            )


def with_members(qtbot: QtBot, window: QWidget) -> None:
    """Fill the window's household block with :data:`MEMBERS` members more."""
    editor = window.household if isinstance(window, NewCaseDialog | CaseDetailsDialog) else None
    if editor is None:
        return
    for _ in range(MEMBERS):
        editor.add_member()
    QApplication.processEvents()


def test_no_window_scrolls_inside_a_scrolling_form(
    qtbot: QtBot, vault: OpenVault, tmp_path: Path
) -> None:
    found: list[str] = []
    for shown in every_window(qtbot, vault, tmp_path / "vault.db"):
        found += [f"{shown.name}: {text}" for text in nested(shown.window)]
        if isinstance(shown.window, NewCaseDialog | CaseDetailsDialog):
            with_members(qtbot, shown.window)
            found += [f"{shown.name} (gezinsleden): {text}" for text in nested(shown.window)]
    assert not found, "\n".join(found)
