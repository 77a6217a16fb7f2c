"""Usability round 6, finding 8: no text in the PIP editor is cut off at 1366×768.

The round saw the participatie row's "Naast de lesse…" and "Org…", the begeleiding
"Op weg naar financiële zelfredzaamhei", and the Participatiewet decision's kenmerk as
"'W-2026-0815" (its start scrolled away). The walk opens the editor of every demo case
(no PIP yet with the proposal from the intake, a draft, a set and a signed PIP, and an
amendment being prepared), in
Dutch and in English, goes over each tab and measures every label, line edit (its text,
or its placeholder when empty) and combo shown against the room its widget gives the
text: a text wider than that room, or elided with "…", counts as cut off; a line edit
must show the start of its text.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QWidget,
)
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.i18n import current_language, set_language
from inburg_desktop.services import consulent
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.own_widgets import own_children
from inburg_desktop.ui.pip import PipEditorWindow

TODAY = date(2026, 11, 2)
ELLIPSIS = "…"


@pytest.fixture(params=["nl", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    before = current_language()
    set_language(request.param)
    yield request.param
    set_language(before)


def _label_cut(label: QLabel) -> str | None:
    text = label.text()
    if not text:  # a picture, or nothing shown
        return None
    room = label.contentsRect()
    room_width = room.width() - 2 * label.margin() - label.indent() * (label.indent() > 0)
    if ELLIPSIS in text and label.textFormat() == Qt.TextFormat.PlainText:
        return f"elided {text!r}"
    if label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    ):
        doc = QTextDocument()
        doc.setDocumentMargin(0)  # as QLabel lays out its rich text
        doc.setDefaultFont(label.font())
        doc.setHtml(text)
        if label.wordWrap():
            # the height as QLabel itself lays the text out at this width
            needed_height = label.heightForWidth(label.width())
            doc.setTextWidth(room_width)
            if needed_height > label.height() or doc.idealWidth() > room_width + 1:
                needs = f"{doc.idealWidth():.0f}×{needed_height}"
                return f"{text!r}: needs {needs} in {room_width}×{label.height()}"
            return None
        needed = doc.idealWidth()
    else:
        shown = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
        metrics = QFontMetrics(label.font())
        if label.wordWrap():
            needed_height = label.heightForWidth(label.width())
            if needed_height > label.height():
                return f"{text!r}: needs height {needed_height}, has {label.height()}"
            longest = max(metrics.horizontalAdvance(word) for word in shown.split() or [""])
            if longest > room_width:
                return f"{text!r}: word of {longest} px in {room_width}"
            return None
        needed = max(metrics.horizontalAdvance(line) for line in shown.splitlines() or [""])
    if needed > room_width:
        return f"{text!r}: {needed:.0f} px in {room_width}"
    return None


def _line_edit_cut(edit: QLineEdit) -> str | None:
    text = edit.text() if edit.text() else edit.placeholderText()
    if not text or edit.echoMode() != QLineEdit.EchoMode.Normal:
        return None
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    room = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    room_width = room.width() - margins.left() - margins.right() - 4  # Qt's 2 px each side
    needed = QFontMetrics(edit.font()).horizontalAdvance(text)
    what = "text" if edit.text() else "placeholder"
    if needed > room_width:
        return f"{what} {text!r}: {needed} px in {room_width}"
    if edit.text() and not edit.hasFocus() and edit.cursorPosition() != 0:
        return f"{text!r}: shows its end (cursor at {edit.cursorPosition()})"
    return None


def _combo_cut(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text:
        return None
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    room = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    needed = QFontMetrics(combo.font()).horizontalAdvance(text)
    if needed > room.width():
        return f"{text!r}: {needed} px in {room.width()}"
    return None


def cut_texts(window: QWidget) -> list[str]:
    """Every label, line edit and combo shown in ``window`` whose text does not fit."""
    found: list[str] = []
    for widget in own_children(window, QWidget):
        if not widget.isVisible() or widget.width() <= 0:
            continue
        problem = None
        if isinstance(widget, QLabel):
            problem = _label_cut(widget)
        elif isinstance(widget, QLineEdit) and not isinstance(
            widget.parentWidget(), (QAbstractSpinBox, QComboBox)
        ):
            problem = _line_edit_cut(widget)
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            problem = _combo_cut(widget)
        if problem is not None:
            name = widget.objectName() or widget.accessibleName() or type(widget).__name__
            found.append(f"{name}: {problem}")
    return found


def _walk(qtbot: QtBot, window: PipEditorWindow) -> list[str]:
    found: list[str] = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        with suppress(TimeoutError):  # layouts settle in posted events; said below
            qtbot.waitUntil(lambda: cut_texts(window) == [], timeout=2_000)
        found += [f"tab {index}: {cut}" for cut in cut_texts(window)]
    return found


def test_no_text_in_the_pip_editor_is_cut_off(
    qtbot: QtBot, vault: OpenVault, language: str
) -> None:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        cases = add_demo_cases(session, 12, TODAY)
    found: list[str] = []
    for case_id in cases:
        window = PipEditorWindow(vault, case_id, today=TODAY)
        window.resize(1366, 768)
        window.show()
        qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)  # noqa: B023
        assert window.context is not None
        name = window.context.stored.case.person.display_name
        found += [f"{name} ({window.status_name()}) {cut}" for cut in _walk(qtbot, window)]
        if window.amend_button.isEnabled():  # set or signed: the amendment's row too
            window.amend_button.click()
            found += [f"{name} (wijziging) {cut}" for cut in _walk(qtbot, window)]
        window.close()
    assert found == [], language
