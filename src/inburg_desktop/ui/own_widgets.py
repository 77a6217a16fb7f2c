"""The widgets a window holds itself, not those of the dialogs and windows it opened.

``QObject.findChildren`` walks every descendant, and a dialog opened with the window as
its parent (Qt's print dialog, a file dialog, a confirmation, a form of the enforcement
window) is a descendant: a walk over "the window's fields" then counted the print
dialog's "Naam:", "Voorbeeld" and "Uitvoerbestand:" as unsaved PIP fields after a
cancelled print (usability round 6, finding 9). A widget belongs to ``root`` when the
window it sits in (``QWidget.window()``: the nearest ancestor that is a window, a
dialog included) is ``root``'s own window.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLayout, QWidget

W = TypeVar("W", bound=QObject)


def belongs_to(obj: QObject, root: QWidget) -> bool:
    """Whether ``obj`` (a widget, or a layout by the widget it lays out) sits in ``root``'s
    own window, not in a dialog or window opened under it."""
    widget = obj.parentWidget() if isinstance(obj, QLayout) else obj
    if not isinstance(widget, QWidget):
        return False
    return widget.window() is root.window()


def own_children(root: QWidget, kind: type[W]) -> list[W]:
    """Every descendant of ``root`` of ``kind`` in ``root``'s own window, in the order of
    ``findChildren`` (creation order); those of child dialogs and windows left out."""
    return [child for child in root.findChildren(kind) if belongs_to(child, root)]
