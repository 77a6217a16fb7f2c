"""Ctrl+Enter ("Afgerond") from every kind of field of the intake, with the app's key
names installed as the app installs them (usability round 4, item 1: the key did
nothing; ``ui.qt_words`` names Return "Enter", Qt read "Ctrl+Enter" through it as
Ctrl+Return, the action then held one key twice and Qt fired neither; keypad Enter was
bound to nothing). Real key events: the main Return key and the keypad's Enter."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.intake import TopicState
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import qt_language
from inburg_desktop.ui.intake import IntakeWindow

CTRL = Qt.KeyboardModifier.ControlModifier
KEYPAD = Qt.KeyboardModifier.KeypadModifier
NO_SHOW = 4  # demo/intake_stages: the fifth demo case has nothing recorded
COVER_KEYS = [(Qt.Key.Key_Return, CTRL), (Qt.Key.Key_Enter, CTRL | KEYPAD)]


@pytest.fixture(params=["nl", "en"])
def qt_words(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    assert app is not None
    qt_language.apply_qt_language(request.param)
    try:
        yield request.param
    finally:
        for translator in qt_language._installed:
            app.removeTranslator(translator)
        qt_language._installed.clear()


def _has_focus(widget: QWidget) -> bool:
    return QApplication.focusWidget() is widget


def _open(qtbot: QtBot, vault: OpenVault) -> IntakeWindow:
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 5)[NO_SHOW]
    window = IntakeWindow(vault, case_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None and window.panel is not None)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_ctrl_enter_reaches_afgerond_from_every_kind_of_field(
    qtbot: QtBot, vault: OpenVault, qt_words: str
) -> None:
    window = _open(qtbot, vault)
    (cover,) = [
        a
        for a in window.findChildren(QAction)
        if a.objectName() == "" and a.shortcuts() and a.shortcuts()[0].toString() == "Ctrl+Return"
    ]
    fired: list[bool] = []
    cover.triggered.connect(lambda *_: fired.append(True))
    kinds: set[str] = set()
    for topic in window.catalogue.topics:
        window.show_topic(topic.id)
        panel = window.panel
        assert panel is not None
        for editor in [*panel.editors.values(), panel.notes]:
            field = editor.focus_target()
            kind = "QComboBox" if isinstance(field, QComboBox) else type(field).__name__
            if kind in kinds:
                continue
            kinds.add(kind)
            field.setFocus()
            qtbot.waitUntil(partial(_has_focus, field))
            for key, modifiers in COVER_KEYS:
                before = len(fired)
                qtbot.keyClick(field, key, modifiers)
                assert len(fired) == before + 1, (qt_words, topic.id, kind, key)
    assert {"QComboBox", "LimitedPlainTextEdit", "LimitedLineEdit", "QCheckBox"} <= kinds


def test_ctrl_enter_in_beroepen_marks_werkervaring_covered(
    qtbot: QtBot, vault: OpenVault, qt_words: str
) -> None:
    """The tester's steps: Ctrl+3, "Ja" in Gewerkt in het land van herkomst, type in
    Beroepen en taken, Ctrl+Enter (then again with keypad Enter, which takes it back)."""
    window = _open(qtbot, vault)
    start = QApplication.focusWidget()
    assert start is not None
    qtbot.keyClick(start, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: window.topic_id == "werkervaring")
    combo = QApplication.focusWidget()
    assert combo is not None and combo.objectName() == "werkervaring.gewerkt_herkomst"
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # "Ja"
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    typing = QApplication.focusWidget()
    assert typing is not None and typing.objectName() == "werkervaring.beroepen"
    qtbot.keyClicks(typing, "Kapper")
    qtbot.keyClick(typing, Qt.Key.Key_Return, CTRL)
    assert window.map_model.states["werkervaring"] is TopicState.COVERED
    qtbot.keyClick(typing, Qt.Key.Key_Enter, CTRL | KEYPAD)  # covered again: taken back
    assert window.map_model.states["werkervaring"] is not TopicState.COVERED
