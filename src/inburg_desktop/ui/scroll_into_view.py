"""Bring a widget that was just added into view, in every scroll area around it.

A row added by "Gezinslid toevoegen" or "Rij toevoegen" gets the keyboard, but Qt scrolls
a scroll area only when Tab moves the focus, not when the program puts it somewhere:
the new member stood below the fold of Nieuw dossier, typed into unseen (usability
round 4 finding 15). :func:`show_whole` scrolls each enclosing ``QScrollArea``, the
innermost first, once the layouts have placed the new widget.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QScrollArea, QWidget

MARGIN = 8
"""Pixels kept free around the widget, so its frame shows too."""


def scroll_areas_around(widget: QWidget) -> list[QScrollArea]:
    """The scroll areas ``widget`` stands in, innermost first (only those whose scrolled
    content holds it, not their scroll bars)."""
    found: list[QScrollArea] = []
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            content = parent.widget()
            if content is not None and (content is widget or content.isAncestorOf(widget)):
                found.append(parent)
        parent = parent.parentWidget()
    return found


def scroll_to(widget: QWidget) -> None:
    """Scroll every area around ``widget`` so it shows whole, or its top when it is
    taller than the area (now: the layouts must have placed it)."""
    for area in scroll_areas_around(widget):
        area.ensureWidgetVisible(widget, MARGIN, MARGIN)


def show_whole(widget: QWidget) -> None:
    """:func:`scroll_to` ``widget`` once the layouts placed it: a widget just added has
    no place until its layout ran, which Qt does at the next turn of the event loop."""

    def later() -> None:
        try:
            shown = widget.isVisible()
        except RuntimeError:  # deleted meanwhile (the member removed at once)
            return
        if not shown:
            return  # hidden (or its window closed) meanwhile
        # Pending layout requests first: the scroll area's content has its new height.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        scroll_to(widget)

    QTimer.singleShot(0, later)
