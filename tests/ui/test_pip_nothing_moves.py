"""Nothing in the PIP editor moves under the pointer (usability round 3, finding 6).

Choosing a Z-route ground showed its text under the combo, the motivering slid down and
the click meant for it landed on the help text. The kind: a choice, an action or a
message that reveals or grows text above fields the consultant is about to use. For each
choice control of the editor and for an action's message, every field at or above the
changed control keeps its place in the window; for a ground, the motivering below it
too (its help line has its room before a ground is chosen).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import shiboken6
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.services import consulent
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.pip import PipEditorWindow

TODAY = date(2026, 11, 2)
FIELDS = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit)


def _places(window: QWidget) -> dict[int, tuple[QWidget, QPoint]]:
    """Every visible field of ``window`` and where it is, once the layout has settled (a
    label that fits its height to its width asks for a second pass; the consultant's
    click comes long after)."""
    seen: dict[int, tuple[QWidget, QPoint]] = {}
    same = 0
    for _pass in range(30):  # a layout settles in a few passes of the event loop
        QApplication.processEvents()
        now = _fields(window)
        same = same + 1 if now == seen else 0
        if same == 3:
            break
        seen = now
    return seen


def _fields(window: QWidget) -> dict[int, tuple[QWidget, QPoint]]:
    out: dict[int, tuple[QWidget, QPoint]] = {}
    for widget in window.findChildren(QWidget):
        if isinstance(widget, FIELDS) and widget.isVisible():
            parent = widget.parentWidget()
            if isinstance(parent, QComboBox | QAbstractSpinBox):
                continue  # a spin box's own line edit moves with it
            out[id(widget)] = (widget, widget.mapTo(window, QPoint(0, 0)))
    return out


def _moved(
    before: dict[int, tuple[QWidget, QPoint]],
    window: QWidget,
    column: QWidget | None = None,
    above: int = 0,
) -> list[str]:
    """Fields of ``before`` now elsewhere: all, or those in ``column`` at or above window
    y ``above`` (the column the changed control is in: the pointer is there)."""
    _places(window)
    out = []
    for widget, place in before.values():
        if column is not None and (place.y() > above or not column.isAncestorOf(widget)):
            continue
        if not shiboken6.isValid(widget) or not widget.isVisible():
            continue  # a row of a warning that went, or a field that hid
        now = widget.mapTo(window, QPoint(0, 0))
        if now != place:
            what = widget.objectName() or widget.accessibleName() or type(widget).__name__
            out.append(f"{what}: {place.toTuple()} -> {now.toTuple()}")
    return out


def _editor(qtbot: QtBot, vault: OpenVault) -> PipEditorWindow:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        cases = add_demo_cases(session, 12, TODAY)
    window = PipEditorWindow(vault, cases[DRAFT_INDEX], today=TODAY)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    return window


def test_choosing_a_ground_moves_no_field(qtbot: QtBot, vault: OpenVault) -> None:
    window = _editor(qtbot, vault)
    form = window.form
    form.route.setCurrentIndex(form.route.findData("z"))
    form.intensity_on.setChecked(True)
    form.total.setValue(600)  # below 800 hours: a ground and a motivering are asked
    box = window.side.exceptions
    qtbot.waitUntil(lambda: bool(box.rows) and box.isVisible(), timeout=5_000)
    QApplication.processEvents()
    for row in box.rows:
        for index in range(1, row.ground.count()):
            before = _places(window)
            row.ground.setCurrentIndex(index)
            assert _moved(before, window) == [], row.ground.itemText(index)
            # the ground chosen reads in full, on the room kept for it
            assert row.chosen.text() == row.ground.itemText(index)
            assert row.chosen.heightForWidth(row.chosen.width()) <= row.chosen.height()
        before = _places(window)
        row.ground.setCurrentIndex(0)  # and back to none: nothing moves either
        assert _moved(before, window) == []


def test_a_choice_in_the_form_moves_nothing_above_it(qtbot: QtBot, vault: OpenVault) -> None:
    window = _editor(qtbot, vault)
    form = window.form
    changes: list[tuple[QWidget, Callable[[], None]]] = [
        (form.route, lambda: form.route.setCurrentIndex(form.route.findData("z"))),
        (form.intensity_on, lambda: form.intensity_on.toggle()),
        (form.total, lambda: form.total.setValue(500)),  # the Z-route warning appears
        (form.map_on, lambda: form.map_on.toggle()),
        (form.knm, lambda: form.knm.setCurrentIndex((form.knm.currentIndex() + 1) % 3)),
        (form.ontzorgen_on, lambda: form.ontzorgen_on.toggle()),
    ]
    for control, change in changes:
        form.ensureWidgetVisible(control)
        QApplication.processEvents()
        before = _places(window)
        top = control.mapTo(window, QPoint(0, 0)).y()
        change()
        moved = _moved(before, window, window.tabs, top)
        assert moved == [], control.objectName() or control.accessibleName()


def test_what_an_action_says_moves_no_field(qtbot: QtBot, vault: OpenVault) -> None:
    window = _editor(qtbot, vault)
    before = _places(window)
    with qtbot.waitSignal(window.saved, timeout=15_000):
        window.save_button.click()
    qtbot.waitUntil(lambda: window.notice.has_message and not window.busy, timeout=5_000)
    assert _moved(before, window) == []
