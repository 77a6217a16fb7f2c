"""Lists whose items are read, not guessed: a long item ("Samira Bakri — Motivatie en
interesses: Beroepswens") wraps onto more lines instead of being cut off at the list's
edge, and there is no sideways scrolling to find the end of it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListView


def show_whole_items(view: QListView) -> QListView:
    """Make ``view`` wrap its items' text to its width (returns it, for chaining)."""
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setUniformItemSizes(False)
    view.setResizeMode(QListView.ResizeMode.Adjust)  # re-lay out the items when resized
    return view
