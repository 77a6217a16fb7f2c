"""Bring a widget that was just added into view, in every scroll area around it.

A row added by "Gezinslid toevoegen" or "Rij toevoegen" gets the keyboard, but Qt scrolls
a scroll area only when Tab moves the focus, not when the program puts it somewhere:
the new member stood below the fold of Nieuw dossier, typed into unseen (usability
round 4 finding 15). :func:`show_whole` scrolls each enclosing ``QScrollArea``, the
innermost first, once the layouts have placed the new widget.

:func:`keyboard_to` is what a program does when a key of the consultant's made the new
thing: the keyboard there, its focus frame drawn, scrolled into view. Qt draws the focus
frame only in a window whose focus last moved by a key (``WA_KeyboardFocusChange``: set
by Tab and by a shortcut, cleared by ``setFocus`` with any other reason, Tab's included
when no Tab key is being handled). With the new member half below the fold and no frame
on its Relatie, the consultant took the focus to be still on "Gezinslid toevoegen" and
typed the name into the date (usability round 7 finding 10).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
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


def keyboard_to(field: QWidget, whole: QWidget | None = None) -> None:
    """Put the keyboard in ``field`` as a shortcut key does (its focus frame drawn, its
    text selected) and :func:`show_whole` ``whole`` (default: ``field``), e.g. the member
    it is the first field of."""
    field.setFocus(Qt.FocusReason.ShortcutFocusReason)
    field.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
    show_whole(field if whole is None else whole)
