"""Where a second window goes so it does not cover the first: on another screen when
there is one, else beside the first window on the same screen, narrowing it if there is
no room beside it (the interpreter view beside the intake).

Pure rectangle arithmetic (Qt's ``QRect``), tested without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect

MIN_BESIDE_WIDTH = 380
"""The narrowest a window beside another may be (px). The interpreter view shrinks its
text to fit any width (every word of every prompt language fits at 300 px, tested), so
beside an intake that keeps its usable width on a 1366 px screen (980 + 386) it still
shows a question at 18 pt or more."""
BESIDE_SHARE = 0.4
"""The share of the screen's width it takes when both must share the screen."""


@dataclass(frozen=True)
class Placement:
    """``window``: the new window's frame; ``anchor``: the first window's new frame when
    it must narrow to make room (``None``: it stays as it is)."""

    window: QRect
    anchor: QRect | None = None


def beside(
    anchor: QRect, available: QRect, anchor_min_width: int = 0, window_min_width: int = 0
) -> Placement:
    """A frame for a new window beside ``anchor`` (a frame) within ``available`` (the
    screen's available geometry: without panels and taskbar).

    The larger free strip right or left of ``anchor`` is used when it is at least
    :data:`MIN_BESIDE_WIDTH` (and ``window_min_width``) wide; otherwise the screen is
    shared: the new window takes :data:`BESIDE_SHARE` of the width on the right (never
    less than its minimum, never so much that ``anchor`` must go below
    ``anchor_min_width``, px) and ``anchor`` the rest. When the two minimums together
    exceed the screen, the new window keeps its minimum at the right edge and overlaps
    ``anchor`` as little as it can.
    """
    need = max(MIN_BESIDE_WIDTH, window_min_width)
    anchor = anchor.intersected(available) if anchor.intersects(available) else available
    right_room = available.right() - anchor.right()
    left_room = anchor.left() - available.left()
    top, height = available.top(), available.height()
    if max(right_room, left_room) >= need:
        if right_room >= left_room:
            return Placement(QRect(anchor.right() + 1, top, right_room, height))
        return Placement(QRect(available.left(), top, left_room, height))
    width = max(need, int(available.width() * BESIDE_SHARE))
    width = min(width, max(available.width() - anchor_min_width, window_min_width))
    width = min(width, available.width())
    left = available.right() + 1 - width
    return Placement(
        QRect(left, top, width, height),
        QRect(available.left(), top, left - available.left(), height),
    )
