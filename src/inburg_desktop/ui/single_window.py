"""One window of a kind per application: opening it again raises the one already open.

A shortcut or a menu item pressed while its window is open (behind the main window, or
minimised) must bring that window back, not open a second copy that shows an older
state next to it (usability round 3: Ctrl+Shift+S opened a second sync window, and the
first still offered conflicts already resolved).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

W = TypeVar("W", bound=QWidget)


def raise_open(window: QWidget | None) -> bool:
    """Show ``window`` on top with the focus and return True when it is open (visible or
    minimised); False when there is none or it was closed (open a new one then)."""
    if window is None or not window.isVisible():
        return False
    if window.windowState() & Qt.WindowState.WindowMinimized:
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.raise_()
    window.activateWindow()
    return True


def open_for_case(kind: type[W], case_id: str, make: Callable[[], W]) -> W:
    """The case's open top-level window of ``kind`` (its ``case_id`` attribute), raised
    with the focus; else a new one from ``make``, shown (top-level, so a lock closes
    it): one window of a kind per case."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and getattr(widget, "case_id", None) == case_id:
            widget.raise_()
            widget.activateWindow()
            return widget
    window = make()
    window.show()
    return window
