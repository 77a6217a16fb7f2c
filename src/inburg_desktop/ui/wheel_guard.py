"""The mouse wheel scrolls the form; it never edits a field the consultant is not in.

Qt lets a combo box, a spin box or a slider take the wheel when the pointer merely passes
over it: scrolling down a long form (the PIP editor, the intake) silently changed values
under the pointer ("Examen bij DUO" became "In het eindgesprek"). :class:`WheelGuard`,
installed once on the application (``install``), makes every such field:

- take the wheel only when it has the keyboard focus (clicked or tabbed into first);
- hand the wheel otherwise to the scroll area around it, which scrolls as if the field
  were not there;
- never take the focus from the wheel (``Qt.StrongFocus`` instead of ``WheelFocus``),
  so a scroll over it does not make the next scroll edit it.

The date fields of the app are plain line edits (``ui.date_input``), which the wheel never
changes; ``QDateTimeEdit`` is a spin box and guarded like one should one ever be added.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

GUARDED: tuple[type[QWidget], ...] = (QComboBox, QAbstractSpinBox, QAbstractSlider)
"""Widgets whose value the wheel changes. Scroll bars are sliders too, but scrolling is
what they are for: they are left alone."""


def guarded_field(widget: QObject | None) -> QWidget | None:
    """The field the wheel would edit when it turns over ``widget`` (the widget itself or
    the combo/spin box it is part of, e.g. a combo's line edit), else ``None``."""
    while isinstance(widget, QWidget):
        if isinstance(widget, GUARDED) and not isinstance(widget, QScrollBar):
            return widget
        if widget.isWindow():
            return None
        widget = widget.parentWidget()
    return None


def has_focus(field: QWidget) -> bool:
    """The keyboard focus is in ``field`` (or in a part of it, like a combo's line edit)."""
    focus = QApplication.focusWidget()
    return field.hasFocus() or (focus is not None and field.isAncestorOf(focus))


class WheelGuard(QObject):
    """An application event filter: see the module docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, GUARDED):
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel and isinstance(event, QWheelEvent):
            field = guarded_field(watched)
            if field is not None and not has_focus(field):
                scroll_on(field, event)
                return True
        return False


def scroll_on(field: QWidget, event: QWheelEvent) -> None:
    """Hand a wheel turn over ``field`` to the scroll area around it (if any), as if the
    pointer were over the area itself.

    Qt's own propagation to the parents only covers window-system events and stops at any
    parent that takes the wheel; handing it to the area directly behaves the same for
    every event and every field."""
    area = field.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        if area.isWindow():
            return
        area = area.parentWidget()
    if area is None:
        return
    viewport = area.viewport()
    local = viewport.mapFromGlobal(event.globalPosition())
    handed = QWheelEvent(
        local,
        event.globalPosition(),
        event.pixelDelta(),
        event.angleDelta(),
        event.buttons(),
        event.modifiers(),
        event.phase(),
        event.inverted(),
        event.source(),
    )
    QApplication.sendEvent(viewport, handed)


def install(app: QApplication) -> WheelGuard:
    """Install the guard on ``app`` once (a second call returns the installed one); the
    fields that exist already get their focus policy at once, later ones when polished."""
    existing = app.findChild(WheelGuard)
    if isinstance(existing, WheelGuard):
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    for widget in app.allWidgets():
        if isinstance(widget, GUARDED) and widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return guard
