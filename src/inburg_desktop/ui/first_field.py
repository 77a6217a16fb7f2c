"""Where the keyboard starts when a window opens: in the field the consultant fills first.

Usability round 6 (finding 14): the talk window opened on its "Gesprek" list, which took
the notes typed next; the enforcement forms opened on their OK button, the PIP editor on
"Voorstel uit de intake" and Dossiergegevens on its scroll area, so what was typed at
once went nowhere or pressed a button. A window calls :func:`focus_first_field` once its
fields are filled; it puts the keyboard in the first field, in the window's Tab order,
that takes input.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def takes_input(widget: QWidget) -> bool:
    """A field a person types or chooses in, shown, enabled and reachable by Tab."""
    if not widget.isVisibleTo(widget.window()) or not widget.isEnabled():
        return False
    if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return False
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        return not widget.isReadOnly()
    return isinstance(widget, QComboBox | QAbstractSpinBox)


def first_field(root: QWidget) -> QWidget | None:
    """The first field inside ``root`` in Tab order that takes input (:func:`takes_input`)."""
    start = root
    widget = root.nextInFocusChain()
    while widget is not None and widget is not start:
        if root.isAncestorOf(widget) and takes_input(widget):
            return widget
        widget = widget.nextInFocusChain()
    return None


def focus_first_field(root: QWidget) -> QWidget | None:
    """Put the keyboard in :func:`first_field` of ``root``; returns it (``None``: none)."""
    field = first_field(root)
    if field is not None:
        field.setFocus(Qt.FocusReason.OtherFocusReason)
    return field
