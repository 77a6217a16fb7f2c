"""The interpreter view opened from the intake: it follows topic and prompt changes, and
no name, note or answer of the case appears in any text of any of its widgets."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.interpreter_window import InterpreterWindow

COMPLETE = 2  # demo/intake_stages: the third demo case has a complete intake


def all_texts(root: QWidget) -> list[str]:
    texts = [root.windowTitle(), root.toolTip()]
    for widget in root.findChildren(QWidget):
        texts += [widget.toolTip(), widget.windowTitle(), widget.accessibleName()]
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
    return [t for t in texts if t]


def strings_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def test_follows_and_never_shows_case_data(qtbot: QtBot, vault: OpenVault) -> None:
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 5)[COMPLETE]
    with vault.session() as session:
        stored = get_case(session, case_id)
    window = IntakeWindow(vault, case_id)  # deletes itself on close; the test closes it
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None)
    window.open_interpreter()
    view = window.interpreter
    assert view is not None and view.isVisible()
    assert view.language_code == stored.case.person.languages[0]  # the case's language first

    # Free text of this case: names, notes, answers typed by the consultant, COA notes.
    person = stored.case.person
    secrets = {person.given_names, person.family_name, person.v_nummer or ""}
    for key, value in stored.fields.items():
        if key.startswith(("intake.", "handover.", "session.", "oproep.")):
            secrets.update(s for s in strings_in(value) if len(s) >= 6 and " " in s)
    secrets.discard("")
    assert len(secrets) > 5

    seen = []
    for topic_id in ("opleiding", "gezinssituatie", "mentale_gezondheid", "werkervaring"):
        window.show_topic(topic_id)
        for _step in range(3):
            assert window.panel is not None
            assert view.prompt_id == window.panel.current_prompt_id()
            assert view.prompt_id.startswith(f"{topic_id}.")
            seen.append(view.prompt_id)
            texts = "\n".join(all_texts(view))
            leaked = [s for s in secrets if s in texts]
            assert not leaked, leaked
            window.next_prompt(1)
    assert len(set(seen)) == len(seen)  # it moved with every step

    view.set_language("ar")
    assert view.prompt.layoutDirection() == Qt.LayoutDirection.RightToLeft
    closed: list[bool] = []
    view.destroyed.connect(lambda *_: closed.append(True))
    window.close()  # closing the intake takes the interpreter view with it
    qtbot.waitUntil(lambda: bool(closed), timeout=5000)


def test_f12_in_the_intake_shows_the_question_to_the_newcomer(
    qtbot: QtBot, vault: OpenVault
) -> None:
    """Usability round 4, item 4: F12 ("Toon aan nieuwkomer") pressed in the intake did
    nothing; only the interpreter view had the key. From a field of the intake, with the
    view closed and with it open beside, F12 shows the current question full screen;
    Esc there gives the view its window back."""

    with vault.transaction() as session:
        case_id = add_demo_cases(session, 5)[COMPLETE]
    window = IntakeWindow(vault, case_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None and window.panel is not None)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    for opened_before in (False, True):
        if opened_before:
            window.open_interpreter()
        window.activateWindow()
        qtbot.waitUntil(lambda: window.isActiveWindow())
        assert window.panel is not None
        field = next(iter(window.panel.editors.values())).focus_target()
        field.setFocus()
        qtbot.waitUntil(partial(_has_focus, field))
        qtbot.keyClick(field, Qt.Key.Key_F12)
        view = window.interpreter
        assert view is not None
        qtbot.waitUntil(partial(_newcomer_mode, view, True), timeout=10_000)
        assert view.prompt_id == window.panel.current_prompt_id()
        qtbot.waitUntil(view.isActiveWindow, timeout=10_000)
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, Qt.Key.Key_Escape)
        qtbot.waitUntil(partial(_newcomer_mode, view, False), timeout=10_000)


def _has_focus(widget: QWidget) -> bool:
    return QApplication.focusWidget() is widget


def _newcomer_mode(view: InterpreterWindow, wanted: bool) -> bool:
    return view.newcomer_mode is wanted
