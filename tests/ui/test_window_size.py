"""Nothing is clipped at 1366×768 inside a window manager's frame and taskbar (issue 13,
item 12): on a screen whose available geometry is 1366×728 (a 40 px taskbar), every window
and dialog fits inside that area less its frame, and every button of it is wholly inside
the window and not cut by the widgets around it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QPushButton,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import window_size
from inburg_desktop.ui.app import AppController
from inburg_desktop.ui.app_settings import AppSettings

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
