"""The mouse wheel scrolls, it does not edit (issue 13, item 4): over every combo box, spin
box and slider of every window, a wheel turn changes nothing unless the field has the
keyboard focus, does not give it the focus, and scrolls the form around it instead."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import wheel_guard
from inburg_desktop.ui.app import AppController
from inburg_desktop.ui.app_settings import AppSettings

from .every_window import every_window


def _value(widget: QWidget) -> object:
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    assert isinstance(widget, QAbstractSlider)
    return widget.value()


def _angle(widget: QWidget) -> int:
    """A wheel turn that would change the field (down = next entry / lower number)."""
    if isinstance(widget, QComboBox):
        return -120 if widget.currentIndex() < widget.count() - 1 else 120
    if isinstance(widget, QSpinBox):
        return -120 if widget.value() > widget.minimum() else 120
    if isinstance(widget, QAbstractSlider):
        return -120 if widget.value() > widget.minimum() else 120
    return -120


def turn(widget: QWidget, angle: int) -> None:
    """One notch of the wheel with the pointer over ``widget``'s centre, delivered the way
    Qt delivers a real one (through QApplication, which propagates it to the parents)."""
    local = QPointF(widget.rect().center())
    event = QWheelEvent(
        local,
        QPointF(widget.mapToGlobal(local.toPoint())),
        QPoint(),
        QPoint(0, angle),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _scroll_bar(widget: QWidget) -> QScrollBar | None:
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QAbstractScrollArea):
            bar = parent.verticalScrollBar()
            if bar.maximum() > 0:
                return bar
        parent = parent.parentWidget()
    return None


def fields(window: QWidget) -> list[QWidget]:
    return [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, wheel_guard.GUARDED)
        and not isinstance(w, QScrollBar)
        and w.isVisible()
        and w.isEnabled()
    ]


def test_the_wheel_never_edits_an_unfocused_field_in_any_window(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    AppController(vault_path, AppSettings())  # installs the guard, as the app does
    checked: list[str] = []
    scrolled = 0
    for shown in every_window(qtbot, vault, vault_path):
        window = shown.window
        window.activateWindow()
        for field in fields(window):
            where = f"{shown.name}: {field.objectName() or type(field).__name__}"
            assert field.focusPolicy() != Qt.FocusPolicy.WheelFocus, where
            if field.hasFocus():
                window.setFocus()
            before = _value(field)
            bar = _scroll_bar(field)
            bar_before = bar.maximum() // 2 if bar is not None else 0
            if bar is not None:
                bar.setValue(bar_before)
            turn(field, _angle(field))
            assert _value(field) == before, f"{where}: the wheel changed an unfocused field"
            assert not field.hasFocus(), f"{where}: the wheel gave it the focus"
            if bar is not None:
                assert bar.value() != bar_before, f"{where}: the form did not scroll"
                scrolled += 1
            checked.append(where)
    windows = {where.split("[")[0].split(":")[0] for where in checked}
    assert {"IntakeWindow", "PipEditorWindow", "CaseDetailsDialog", "SessionDialog"} <= windows
    assert "InterpreterWindow" in windows
    assert scrolled > 0


def test_a_focused_field_still_takes_the_wheel(qtbot: QtBot) -> None:
    wheel_guard.install(QApplication.instance())  # type: ignore[arg-type]
    spin = QSpinBox()
    qtbot.addWidget(spin)
    spin.setRange(0, 10)
    spin.setValue(5)
    spin.show()
    spin.activateWindow()
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    turn(spin, 120)
    assert spin.value() == 6


def test_the_app_installs_the_guard_once(vault_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    AppController(vault_path, AppSettings())
    AppController(vault_path, AppSettings())
    assert len(app.findChildren(wheel_guard.WheelGuard)) == 1
