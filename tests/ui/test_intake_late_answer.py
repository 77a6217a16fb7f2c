"""An answer Qt delivers from a topic's panel after the consultant moved to another topic
(a check box clicked by Alt+letter, a combo closing as Ctrl+3 is pressed; the old panel is
deleted later) is saved under its own topic. Before, the window looked the field up in the
topic now shown and raised KeyError (found by the mnemonic walk of round 3); park and cover
clicks reaching an old panel acted on the new topic."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.intake import TopicState
from inburg_desktop.prompts.catalogue import NOTES_FIELD_ID
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.intake import IntakeWindow


@pytest.fixture
def window(qtbot: QtBot, vault: OpenVault) -> IntakeWindow:
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 5)[4]
    window = IntakeWindow(vault, case_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None and window.panel is not None)
    return window


def test_an_answer_from_the_previous_topic_is_saved_under_that_topic(
    qtbot: QtBot, vault: OpenVault, window: IntakeWindow
) -> None:
    window.show_topic("motivatie")
    old = window.panel
    assert old is not None
    window.show_topic("werkervaring")
    assert window.panel is not old
    old.answer_changed.emit(NOTES_FIELD_ID, "Wil graag in de zorg werken")
    window.autosave.flush()
    assert not window.autosave.pending_keys()

    with vault.session() as session:
        fields = get_case(session, window.case_id).fields
    assert fields[f"intake.motivatie.{NOTES_FIELD_ID}"] == "Wil graag in de zorg werken"
    assert f"intake.werkervaring.{NOTES_FIELD_ID}" not in fields
    assert window.topic_id == "werkervaring"


def test_park_and_cover_from_the_previous_topic_do_not_touch_the_one_shown(
    qtbot: QtBot, window: IntakeWindow
) -> None:
    window.show_topic("motivatie")
    old = window.panel
    assert old is not None
    window.show_topic("werkervaring")
    before = window.map_model.states["werkervaring"]
    old.park_clicked.emit()
    old.cover_clicked.emit()
    QApplication.processEvents()
    assert window.map_model.states["werkervaring"] is before
    assert window.map_model.states["werkervaring"] is not TopicState.PARKED
