"""A label names its field for screen readers, also when the field is a composite.

Qt gives a control the text of the label whose buddy it is as its accessible name, but
only when the label's buddy *is* the control. Many fields of the app are composites that
hand their focus to an inner control (a date field's line edit beside its calendar
button, a text field with its limit line beneath): the label's buddy is the composite,
the keyboard lands in the inner control, and a screen reader said nothing but "edit".
:class:`BuddyNamer`, installed once on the application (``install``), gives the control
that actually takes the focus the label's text as its name when it has none of its own,
whenever a label is polished (before it is first shown). EN 301 549 11.4.1.2 ("Name,
role, value", from WCAG 2.1 SC 4.1.2).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QWidget

_MNEMONIC = re.compile(r"&(.)")
_REQUIRED = re.compile(r"\s*\*\s*$")


def label_name(text: str) -> str:
    """A label's text as a name: no mnemonic ``&``, no trailing "required" star."""
    return _REQUIRED.sub("", _MNEMONIC.sub(r"\1", text)).strip()


def focus_target(widget: QWidget) -> QWidget:
    """The widget that takes the focus for ``widget`` (its focus proxy, all the way)."""
    seen = {id(widget)}
    while (proxy := widget.focusProxy()) is not None and id(proxy) not in seen:
        seen.add(id(proxy))
        widget = proxy
    return widget


def name_from_label(label: QLabel) -> None:
    """Give the control behind ``label``'s buddy the label's text as its accessible name,
    unless it has a name of its own or Qt names it (a buddy beside its label)."""
    buddy = label.buddy()
    if buddy is None:
        return
    target = focus_target(buddy)
    if target.accessibleName():
        return
    if target is buddy and label.parentWidget() is buddy.parentWidget():
        return  # Qt's own rule names it, and follows the label's text when it changes
    name = label_name(label.text())
    if name:
        target.setAccessibleName(name)


class BuddyNamer(QObject):
    """An application event filter: :func:`name_from_label` for every label polished."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(watched, QLabel):
            name_from_label(watched)
        return False


def install(app: QApplication) -> BuddyNamer:
    """Install the namer on ``app`` once (a second call returns the installed one); the
    labels that exist already are handled at once."""
    existing = app.findChild(BuddyNamer)
    if isinstance(existing, BuddyNamer):
        return existing
    namer = BuddyNamer(app)
    app.installEventFilter(namer)
    for widget in app.allWidgets():
        if isinstance(widget, QLabel):
            name_from_label(widget)
    return namer
