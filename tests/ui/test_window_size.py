"""Nothing is clipped at 1366×768 inside a window manager's frame and taskbar (issue 13,
item 12): on a screen whose available geometry is 1366×728 (a 40 px taskbar), every window
and dialog fits inside that area less its frame, and every button of it is wholly inside
the window and not cut by the widgets around it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QRect
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import window_size
from inburg_desktop.ui.app import AppController
from inburg_desktop.ui.app_settings import AppSettings
from inburg_desktop.ui.cut_text_tips import is_cut

from .every_window import every_window

AVAILABLE = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar


@pytest.fixture
def laptop_screen(monkeypatch: pytest.MonkeyPatch, vault_path: Path) -> Iterator[QRect]:
    monkeypatch.setattr(window_size, "available_geometry", lambda _window: QRect(AVAILABLE))
    AppController(vault_path, AppSettings())  # installs the fitter, as the app does
    yield AVAILABLE.marginsRemoved(window_size.FRAME_ALLOWANCE)


def _in_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True  # reached by scrolling
        parent = parent.parentWidget()
    return False


def clipped_buttons(window: QWidget) -> list[str]:
    """Buttons shown but not wholly visible (outside the window or cut by a parent)."""
    found = []
    inside = window.rect()
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or _in_scroll_area(button, window):
            continue
        where = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
        shown = button.visibleRegion().boundingRect()
        if not inside.contains(where) or shown != button.rect():
            found.append(button.text() or button.objectName() or type(button).__name__)
    return found


def test_every_window_fits_a_1366x768_laptop_with_taskbar_and_frame(
    qtbot: QtBot, vault: OpenVault, vault_path: Path, laptop_screen: QRect
) -> None:
    room = laptop_screen
    problems: list[str] = []
    for shown in every_window(qtbot, vault, vault_path):
        window = shown.window
        QApplication.processEvents()  # layouts settle at the fitted size
        size = window.size()
        if size.width() > room.width() or size.height() > room.height():
            problems.append(f"{shown.name}: {size.width()}×{size.height()} > room")
        clipped = clipped_buttons(window)
        if clipped:
            problems.append(f"{shown.name}: buttons cut off: {clipped}")
        cut_text = [
            b.text()
            for b in window.findChildren(QPushButton)
            if b.isVisible() and b.text() and b.width() < b.sizeHint().width()
        ]
        if cut_text:
            problems.append(f"{shown.name}: button texts cut: {cut_text}")
        sideways = [
            area.objectName() or type(area).__name__
            for area in window.findChildren(QScrollArea)
            if area.isVisible() and area.horizontalScrollBar().maximum() > 0
        ]
        if sideways:
            problems.append(f"{shown.name}: forms wider than their window: {sideways}")
    assert problems == []


def test_a_window_larger_than_the_room_is_shrunk_and_kept_inside(
    qtbot: QtBot, laptop_screen: QRect
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.move(300, 200)
    window.show()
    assert window.width() <= laptop_screen.width()
    assert window.height() <= laptop_screen.height()
    assert AVAILABLE.contains(window.frameGeometry())


def clipped_labels(window: QWidget) -> list[str]:
    """Labels shown on one line (no word wrap) that are narrower than their text: Qt cuts
    such a text off without a sign. An elided label (``ElidedLabel``-style, full text in
    its tooltip) sets its text to fit and so never counts."""
    found = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or label.wordWrap() or not label.text().strip():
            continue
        if label.pixmap() is not None and not label.pixmap().isNull():
            continue
        if label.width() < label.sizeHint().width():
            found.append(f"{label.text()[:60]!r} ({label.width()} < {label.sizeHint().width()})")
    for label in window.findChildren(QLabel):
        # a wrapped label given less height than its lines need loses its last lines
        if not label.isVisible() or not label.wordWrap() or not label.text().strip():
            continue
        if _in_scroll_area(label, window) and label.height() >= label.heightForWidth(label.width()):
            continue
        needed = label.heightForWidth(label.width())
        if needed > label.height():
            found.append(f"{label.text()[:60]!r} (height {label.height()} < {needed})")
    for combo in window.findChildren(QComboBox):
        # a choice cut short must show its whole text when hovered (ui.cut_text_tips)
        if not combo.isVisible() or not is_cut(combo):
            continue
        QToolTip.hideText()
        centre = combo.rect().center()
        QApplication.sendEvent(
            combo, QHelpEvent(QEvent.Type.ToolTip, centre, combo.mapToGlobal(centre))
        )
        if combo.currentText() not in QToolTip.text():
            found.append(f"choice {combo.currentText()[:60]!r} cut ({combo.width()} px)")
        QToolTip.hideText()
    return found


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_one_line_label_is_cut_at_1366x768(
    qtbot: QtBot, vault: OpenVault, vault_path: Path, laptop_screen: QRect, language: str
) -> None:
    """Usability round 3: the enrollment's intro text and a Geletterdheid value in the
    intake were cut off. Every window at its default size on the laptop screen, in both
    UI languages (English words are longer or shorter)."""
    from inburg_desktop.ui.app import use_language

    use_language(language)
    try:
        problems: list[str] = []
        for shown in every_window(qtbot, vault, vault_path):
            QApplication.processEvents()
            problems += [f"{shown.name}: {cut}" for cut in clipped_labels(shown.window)]
        assert problems == [], "\n".join(sorted(set(problems)))
    finally:
        use_language("nl")
