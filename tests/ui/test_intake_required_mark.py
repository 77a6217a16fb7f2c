"""A field that an answer makes required gets its * the moment the answer is given, and
loses it when the answer is taken back (usability round 4, item 6: "Beroepen en taken"
showed its * only after the topic was shown again). Every conditionally required field of
every topic, driven by keys in the real editor of the answer it depends on."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.intake.field_editors import ChoiceEditor, MultiChoiceEditor

NO_SHOW = 4  # demo/intake_stages: the fifth demo case has nothing recorded


def _has_focus(widget: QWidget) -> bool:
    return QApplication.focusWidget() is widget


def _starred(window: IntakeWindow, field_id: str) -> bool:
    assert window.panel is not None
    return window.panel.field_labels[field_id].text().replace("&", "").endswith(" *")


def test_a_field_an_answer_makes_required_is_starred_at_once(
    qtbot: QtBot, vault: OpenVault
) -> None:
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 5)[NO_SHOW]
    window = IntakeWindow(vault, case_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None and window.panel is not None)
    window.activateWindow()
    checked = []
    for topic in window.catalogue.topics:
        conditional = [f for f in topic.fields if f.required_when is not None and not f.required]
        for item in conditional:
            condition = item.required_when
            assert condition is not None
            window.show_topic(topic.id)
            panel = window.panel
            assert panel is not None
            if item.id not in panel.field_labels:
                continue
            assert not _starred(window, item.id), (topic.id, item.id)
            editor = panel.editor(condition.field_id)
            if isinstance(editor, ChoiceEditor):
                combo: QComboBox = editor.combo
                combo.setFocus()
                qtbot.waitUntil(partial(_has_focus, combo))
                while combo.currentData() not in condition.values:
                    before = combo.currentIndex()
                    qtbot.keyClick(combo, Qt.Key.Key_Down)
                    assert combo.currentIndex() != before, (topic.id, condition)
                assert _starred(window, item.id), (topic.id, item.id)
                qtbot.keyClick(combo, Qt.Key.Key_Home)  # "— nog niet ingevuld —"
                assert not _starred(window, item.id), (topic.id, item.id)
            elif isinstance(editor, MultiChoiceEditor):
                box: QCheckBox = dict(editor.boxes)[condition.values[0]]
                box.setFocus()
                qtbot.waitUntil(partial(_has_focus, box))
                qtbot.keyClick(box, Qt.Key.Key_Space)
                assert _starred(window, item.id), (topic.id, item.id)
                qtbot.keyClick(box, Qt.Key.Key_Space)
                assert not _starred(window, item.id), (topic.id, item.id)
            else:
                raise AssertionError(f"{topic.id}.{condition.field_id}: no choice to drive")
            checked.append(f"{topic.id}.{item.id}")
    assert "werkervaring.beroepen" in checked, checked
