"""A second window beside the first, never over it (pure geometry)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from inburg_desktop.ui.window_placement import MIN_BESIDE_WIDTH, beside

SCREEN = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar


@pytest.mark.parametrize(
    "anchor",
    [
        QRect(0, 0, 1366, 728),  # the intake fills the screen
        QRect(100, 50, 1000, 600),  # in the middle, little room either side
        QRect(0, 0, 700, 728),  # left half: room on the right
        QRect(666, 0, 700, 728),  # right half: room on the left
        QRect(-200, -20, 1700, 800),  # larger than the screen
    ],
)
def test_never_over_the_first_window_and_always_on_screen(anchor: QRect) -> None:
    placement = beside(anchor, SCREEN)
    first = placement.anchor or anchor
    assert SCREEN.contains(placement.window)
    assert not placement.window.intersects(first.intersected(SCREEN))
    assert placement.window.width() >= MIN_BESIDE_WIDTH


def test_the_first_window_narrows_only_when_there_is_no_room() -> None:
    assert beside(QRect(0, 0, 700, 728), SCREEN).anchor is None
    shared = beside(QRect(0, 0, 1366, 728), SCREEN)
    assert shared.anchor is not None
    assert shared.anchor.width() + shared.window.width() == SCREEN.width()
