"""No form shows an empty band between its rows at its default size on a 1366×768 laptop
(usability round 9, finding 19: "Nieuwe overtreding" and "Besluiten" kept three lines
of room under every date and a note's room under Verwijtbaarheid, and looked unfinished,
"as if a hint label is missing").

Every window of ``every_window``, at the size the app gives it on the laptop screen: in
each of its form layouts, what a row shows (its label, the text and boxes of its field;
an empty label or a hidden message shows nothing) must follow what the row above shows
with less than two lines of text between them. (A form may keep one line for a short
message under a field, as the intake does: that reads as spacing, not as a band.)"""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault

from .every_window import every_window
from .test_window_size import laptop_screen

__all__ = ["laptop_screen"]  # the 1366×768 screen the sizes are checked on (a fixture)

BAND_LINES = 2
"""Empty lines of text between two rows that read as a band: the bands of the finding
were three and more; the one line some forms keep for a message is not one."""


def _shows(widget: QWidget) -> bool:
    """Whether ``widget`` itself puts something on screen (a label without text, or a
    box around other widgets, shows nothing of its own)."""
    if not widget.isVisible() or widget.height() == 0:
        return False
    if isinstance(widget, QLabel):
        return bool(widget.text()) or not widget.pixmap().isNull()
    return not any(child.isVisible() for child in widget.findChildren(QWidget))


def _shown_rect(widget: QWidget, window: QWidget) -> QRect | None:
    """Where ``widget`` and what it holds show something, in ``window``'s coordinates."""
    parts = [w for w in (widget, *widget.findChildren(QWidget)) if _shows(w)]
    if not parts:
        return None
    out = QRect()
    for part in parts:
        out = out.united(QRect(part.mapTo(window, part.rect().topLeft()), part.size()))
    return out


def _row_rects(form: QFormLayout, window: QWidget) -> list[tuple[int, QRect]]:
    rows = []
    for row in range(form.rowCount()):
        shown = QRect()
        for role in (
            QFormLayout.ItemRole.LabelRole,
            QFormLayout.ItemRole.FieldRole,
            QFormLayout.ItemRole.SpanningRole,
        ):
            item = form.itemAt(row, role)
            widget = None if item is None else item.widget()
            rect = None if widget is None else _shown_rect(widget, window)
            if rect is not None:
                shown = shown.united(rect)
        if not shown.isNull():
            rows.append((row, shown))
    return rows


def empty_bands(window: QWidget) -> list[str]:
    """The gaps between two rows of a form of ``window`` of :data:`BAND_LINES` lines of
    text or more."""
    found = []
    line = window.fontMetrics().lineSpacing()
    for form in window.findChildren(QFormLayout):
        parent = form.parentWidget()
        if parent is None or not parent.isVisible():
            continue
        for (_a, upper), (b, lower) in itertools.pairwise(_row_rects(form, window)):
            gap = lower.top() - upper.bottom() - 1
            if gap >= BAND_LINES * line:
                label = form.itemAt(b, QFormLayout.ItemRole.LabelRole)
                name = label.widget() if label is not None else None
                named = name.text() if isinstance(name, QLabel) else f"row {b}"
                found.append(f"{gap} px empty above {named!r}")
    return found


def test_no_form_shows_an_empty_band_at_its_default_size(
    qtbot: QtBot, vault: OpenVault, vault_path: Path, laptop_screen: QRect
) -> None:
    problems: list[str] = []
    for shown in every_window(qtbot, vault, vault_path):
        QApplication.processEvents()  # layouts settle at the fitted size
        problems += [f"{shown.name}: {band}" for band in empty_bands(shown.window)]
    assert problems == [], "\n".join(problems)
