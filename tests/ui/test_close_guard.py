"""Closing a window that edits never loses what was typed without a question (usability
round 3, finding 1: the PIP editor dropped the Taalaanbieder and the Z-route motivering
on Ctrl+W). Every editable widget of every window that edits is changed in turn, as the
consultant would, and the window is asked to close: it asks (Opslaan / Niet opslaan /
Annuleren), or, in the intake, the value was already handed to the autosave.

The walk finds the widgets itself (line edits, text areas, combos, spin boxes, check
boxes on every tab), so a field added later is walked too. A field its window does not
save at all (the annex language, a choice for printing) is marked ``NOT_SAVED``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
import shiboken6
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.services import consulent
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.close_guard import NOT_SAVED, closing_for_lock, field_label
from inburg_desktop.ui.consulent_dialog import ConsulentNameDialog
from inburg_desktop.ui.intake.window import IntakeWindow
from inburg_desktop.ui.letterhead_dialog import LetterheadDialog
from inburg_desktop.ui.pip.window import PipEditorWindow

TODAY = date(2026, 11, 2)


@pytest.fixture
def cases(vault: OpenVault) -> list[str]:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        return add_demo_cases(session, 12, TODAY)


def _marked(widget: QWidget) -> bool:
    current: QWidget | None = widget
    while current is not None:
        if current.property(NOT_SAVED):
            return True
        current = current.parentWidget()
    return False


def _fields(window: QWidget) -> list[QWidget]:
    """Every widget a person can edit now: shown, enabled, not a spin box's own line."""
    found: list[QWidget] = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parentWidget(), (QAbstractSpinBox, QComboBox)
        ):
            continue
        editable = isinstance(
            widget, (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)
        ) or (isinstance(widget, QAbstractButton) and widget.isCheckable())
        if (
            editable
            and widget.isVisible()
            and widget.isEnabled()
            and not (isinstance(widget, QLineEdit) and widget.isReadOnly())
            and not _marked(widget)
        ):
            found.append(widget)
    return found


def _change(widget: QWidget) -> Callable[[], None] | None:
    """Change ``widget`` as a person would; returns how to put it back (``None``: it
    offers no other value)."""
    if isinstance(widget, QLineEdit):  # typed: some fields listen to typing only
        before = widget.text()
        widget.setFocus()
        widget.selectAll()
        QTest.keyClicks(widget, "2" if before.startswith("1") else "1")
        assert widget.text() != before, _name(widget)
        return lambda: widget.setText(before)
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        text = widget.toPlainText()
        widget.setPlainText(text + "x")
        return lambda: widget.setPlainText(text)
    if isinstance(widget, QComboBox):
        if widget.count() < 2:
            return None
        index = widget.currentIndex()
        widget.setCurrentIndex((index + 1) % widget.count())
        return lambda: widget.setCurrentIndex(index)
    if isinstance(widget, QSpinBox):
        value = widget.value()
        widget.setValue(value + 1 if value < widget.maximum() else value - 1)
        return lambda: widget.setValue(value)
    if isinstance(widget, QAbstractButton):
        widget.toggle()
        return widget.toggle
    raise AssertionError(f"no way to change a {type(widget).__name__}")


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName() or widget.accessibleName()})"


def _pages(window: QWidget) -> Iterator[None]:
    """Each tab of the window's tab widgets in turn (one pass when it has none)."""
    tabs = [t for t in window.findChildren(QTabWidget) if t.window() is window]
    if not tabs:
        yield
        return
    for tab in tabs:
        for index in range(tab.count()):
            tab.setCurrentIndex(index)
            QApplication.processEvents()
            yield


def _question(window: QWidget) -> QMessageBox | None:
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible() and shiboken6.isValid(b)]
    return boxes[0] if boxes else None


def _names(box: QMessageBox, widget: QWidget, window: QWidget) -> bool:
    """The question names the changed field by a label the window shows for it (usability
    round 4, finding 10: "U hebt wijzigingen" did not say which)."""
    label = field_label(widget, window)
    return bool(label) and label in box.text()


def _walk_asks(window: QWidget, part: QWidget | None = None) -> list[str]:
    """Change each field (of ``part`` only, when given, as shown now), ask the window to
    close, answer Annuleren, put it back; the names of the fields whose change closed the
    window, was not asked about, or was asked about without being named."""
    lost: list[str] = []
    walked = 0
    for _page in _pages(window) if part is None else iter([None]):
        index = 0
        while True:
            fields = _fields(window if part is None else part)
            if index >= len(fields):
                break
            widget = fields[index]
            index += 1
            undo = _change(widget)
            if undo is None:
                continue
            walked += 1
            QApplication.processEvents()
            name = _name(widget)
            window.close()
            QApplication.processEvents()
            if not shiboken6.isValid(window) or not window.isVisible():
                return [*lost, name]  # closed: nothing more to walk
            box = _question(window)
            if box is None:
                lost.append(name)
            elif not _names(box, widget, window):
                lost.append(f"{name}: not named in {box.text()!r}")  # finding 10 (round 4)
            elif box.objectName() == "unfinishedDateQuestion":
                # a date typed half ("1"): it cannot be saved, so no Opslaan; back to it
                _back(box)
            else:
                # Opslaan / Niet opslaan, or the window's own act (Inschrijven, Wijzigen)
                assert box.button(QMessageBox.StandardButton.Save).text()
                assert box.button(QMessageBox.StandardButton.Discard).text().startswith("&Niet")
                box.button(QMessageBox.StandardButton.Cancel).click()
                QApplication.processEvents()
            undo()
            QApplication.processEvents()
    assert walked > 0
    return lost


def _back(box: QMessageBox) -> None:
    """Answer the question so the window stays: Annuleren, or "Terug naar de datum"."""
    if box.objectName() == "unfinishedDateQuestion":
        back = box.escapeButton()
        assert back is not None
        assert box.button(QMessageBox.StandardButton.Save) is None
        back.click()
    else:
        box.button(QMessageBox.StandardButton.Cancel).click()
    QApplication.processEvents()


def _close_quietly(window: QWidget) -> None:
    if shiboken6.isValid(window) and window.isVisible():
        with closing_for_lock():
            window.close()


def test_every_field_of_the_pip_editor_is_asked_about(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    window = PipEditorWindow(vault, cases[DRAFT_INDEX], today=TODAY)  # deletes itself
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    # the Z-route panel too: its ground and motivering (finding 1)
    window.form.intensity_on.setChecked(True)
    lost = _walk_asks(window)
    _close_quietly(window)
    assert lost == []


def test_the_z_route_motivering_and_the_taalaanbieder_are_asked_about(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    """The two fields of the finding, typed as the tester did."""
    window = PipEditorWindow(vault, cases[DRAFT_INDEX], today=TODAY)  # deletes itself
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    form = window.form
    form.route.setCurrentIndex(form.route.findData("z"))
    form.intensity_on.setChecked(True)
    form.total.setValue(600)  # below the Besluit's 800 hours: a ground is needed
    qtbot.waitUntil(lambda: bool(window.side.exceptions.rows), timeout=5_000)
    window.close_guard.mark_clean()  # as if saved like this: only what follows is new
    row = window.side.exceptions.rows[0]
    qtbot.keyClicks(row.motivering, "Zeer laag leertempo, zie intake.")
    window.close()
    assert shiboken6.isValid(window) and window.isVisible()
    assert _question(window) is not None
    _close_quietly(window)


def test_the_taalaanbieder_is_kept_or_asked_about(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    """With "Intensiteit vastleggen" off the PIP keeps no provider: the field cannot be
    typed into then; typed into, closing asks."""
    window = PipEditorWindow(vault, cases[DRAFT_INDEX], today=TODAY)  # deletes itself
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    form = window.form
    form.intensity_on.setChecked(False)
    window.close_guard.mark_clean()
    provider = form.route_provider
    if provider.isEnabled():
        qtbot.keyClicks(provider, "Taalschool Noord")
        window.close()
        assert shiboken6.isValid(window) and window.isVisible()
        assert _question(window) is not None
    _close_quietly(window)


@pytest.mark.parametrize("which", ["details", "letterhead", "consulent"])
def test_every_field_of_the_dialogs_is_asked_about(
    qtbot: QtBot, vault: OpenVault, cases: list[str], which: str
) -> None:
    dialog: QDialog
    if which == "details":
        dialog = CaseDetailsDialog(vault, cases[0], today=TODAY)
    elif which == "letterhead":
        dialog = LetterheadDialog(vault)
    else:
        dialog = ConsulentNameDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    if isinstance(dialog, LetterheadDialog):  # shown once the stored letterhead is read
        qtbot.waitUntil(dialog.save_button.isEnabled, timeout=15_000)
    QApplication.processEvents()
    lost = _walk_asks(dialog)
    _close_quietly(dialog)
    assert lost == []


def test_every_field_of_the_intake_is_autosaved_before_it_closes(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    """The intake saves as one types: each field's change is handed to the autosave (so
    closing writes it), on every topic."""
    window = IntakeWindow(vault, cases[0], today=TODAY)  # deletes itself on close
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None, timeout=15_000)
    missed: list[str] = []
    for topic in window.catalogue.topics:
        window.show_topic(topic.id, focus=False)
        QApplication.processEvents()
        panel = window.panel
        assert panel is not None
        for widget in _fields(panel):
            window.autosave.flush()
            undo = _change(widget)
            if undo is None:
                continue
            QApplication.processEvents()
            if not window.autosave.busy:  # not handed to the autosave: closing must ask
                window.close()
                QApplication.processEvents()
                box = _question(window)
                if box is None or not window.isVisible():
                    missed.append(f"{topic.id}: {_name(widget)}")
                    break
                _back(box)
            undo()
            QApplication.processEvents()
    if shiboken6.isValid(window):
        window.autosave.flush()
        _close_quietly(window)
    assert missed == []
