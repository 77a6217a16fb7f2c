"""The intake window: quick switcher, park and resume, refusing "covered" with what is
missing, COA data shown and confirmed, session record, oproepen, summary, route advice with
the consultant's choice, and closing on lock (with nothing left on screen)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.intake import TopicState
from inburg_desktop.services.intake_edit import field_meta
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.vault import OpenVault, unlock_vault
from inburg_desktop.ui.app import AppController
from inburg_desktop.ui.app_settings import AppSettings
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.intake.coa_box import CoaBox
from inburg_desktop.ui.intake.group_editor import GroupEditor
from inburg_desktop.ui.intake.topic_panel import TopicPanel
from inburg_desktop.ui.intake.window import TAB_OPROEPEN, TAB_ROUTE, TAB_SUMMARY

CTRL = Qt.KeyboardModifier.ControlModifier
HALF, FEW, COMPLETE, NONE, NO_SHOW = range(5)
PASSPHRASE = "een lange zin als wachtwoord"  # tests/conftest.py

Opener = Callable[[int], IntakeWindow]  # the open_window fixture: demo case index -> window


@pytest.fixture
def cases(vault: OpenVault) -> list[str]:
    with vault.transaction() as session:
        return add_demo_cases(session, 5)


@pytest.fixture
def open_window(qtbot: QtBot, vault: OpenVault, cases: list[str]) -> Iterator[Opener]:
    def opener(index: int) -> IntakeWindow:
        window = IntakeWindow(vault, cases[index])
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.stored is not None)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        return window

    yield opener


def key(qtbot: QtBot, k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, k, mod)


def panel_of(window: IntakeWindow) -> TopicPanel:
    """The open topic's panel: one is shown from the moment the window has loaded."""
    assert window.panel is not None
    return window.panel


def coa_box_of(window: IntakeWindow) -> CoaBox:
    """The open topic's box of COA data (the topics the tests open have one)."""
    box = panel_of(window).coa_box
    assert box is not None
    return box


def state(window: IntakeWindow, topic: str) -> TopicState:
    """The topic's state as the map shows it now (read afresh: a key press changes it)."""
    return window.map_model.states[topic]


def stored_fields(vault: OpenVault, case_id: str) -> dict[str, object]:
    with vault.session() as session:
        return get_case(session, case_id).fields


def test_quick_switcher_filters_as_you_type(qtbot: QtBot, open_window: Opener) -> None:
    window = open_window(NONE)
    key(qtbot, Qt.Key.Key_K, CTRL)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.switcher.query)
    qtbot.keyClicks(window.switcher.query, "gezondh")
    assert window.switcher.visible_topics() == ["fysieke_gezondheid", "mentale_gezondheid"]
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.topic_id == "mentale_gezondheid")
    key(qtbot, Qt.Key.Key_K, CTRL)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.switcher.query)
    qtbot.keyClicks(window.switcher.query, "financ")
    assert window.switcher.visible_topics() == ["financien"]
    # Esc closes the switcher without choosing: ``finished`` (rejected) is the positive
    # signal that the key was handled, and a choice would have come before it.
    switcher = window.switcher
    with (
        qtbot.assertNotEmitted(switcher.chosen),
        qtbot.waitSignal(switcher.finished, timeout=10_000) as closed,
    ):
        key(qtbot, Qt.Key.Key_Escape)
    assert closed.args == [QDialog.DialogCode.Rejected.value]
    assert window.topic_id == "mentale_gezondheid"  # Esc changes nothing


def test_park_resume_and_cover_refused_with_missing(
    qtbot: QtBot, vault: OpenVault, cases: list[str], open_window: Opener
) -> None:
    window = open_window(NONE)
    key(qtbot, Qt.Key.Key_3, CTRL)  # werkervaring
    qtbot.waitUntil(lambda: window.topic_id == "werkervaring")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert "Gewerkt in het land van herkomst" in panel_of(window).missing.text()
    qtbot.keyClicks(QApplication.focusWidget(), "J")  # gewerkt in herkomstland: ja
    key(qtbot, Qt.Key.Key_Return, CTRL)
    missing = panel_of(window).missing.text()
    assert "Gewerkt in" not in missing and "ontbreekt nog" in missing  # "ja" asks for more
    assert state(window, "werkervaring") is TopicState.TOUCHED
    key(qtbot, Qt.Key.Key_P, CTRL)
    assert state(window, "werkervaring") is TopicState.PARKED
    assert stored_fields(vault, cases[NONE])["intake.werkervaring._parked"] is True
    key(qtbot, Qt.Key.Key_P, CTRL)
    assert state(window, "werkervaring") is TopicState.TOUCHED
    assert "intake.werkervaring._parked" not in stored_fields(vault, cases[NONE])
    assert "intake.werkervaring._covered" not in stored_fields(vault, cases[NONE])


def test_the_not_covered_banner_follows_the_topic(
    qtbot: QtBot, vault: OpenVault, cases: list[str], open_window: object
) -> None:
    """Issue 13 item 15: "Nog niet afgerond" goes once the topic is parked, and its list
    shrinks as the missing answers are given (it stayed, unchanged, before)."""
    window = open_window(NONE)  # type: ignore[operator]
    key(qtbot, Qt.Key.Key_3, CTRL)  # werkervaring
    qtbot.waitUntil(lambda: window.topic_id == "werkervaring")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    before = window.panel.missing.text()
    assert "Gewerkt in het land van herkomst" in before
    qtbot.keyClicks(QApplication.focusWidget(), "J")  # answered: no longer listed
    after = window.panel.missing.text()
    assert "Gewerkt in het land van herkomst" not in after and "ontbreekt nog" in after
    key(qtbot, Qt.Key.Key_P, CTRL)  # parked: the refusal no longer applies
    assert window.map_model.states["werkervaring"] is TopicState.PARKED
    assert not window.panel.missing.has_message
    key(qtbot, Qt.Key.Key_P, CTRL)  # resumed: nothing refused until Ctrl+Enter again
    assert not window.panel.missing.has_message


def test_coa_prefill_shown_and_confirmed(
    qtbot: QtBot, vault: OpenVault, cases: list[str], open_window: Opener
) -> None:
    window = open_window(HALF)  # Amal: household and work experience from COA
    window.show_topic("werkervaring")
    box = coa_box_of(window)
    view = box.views[0]
    assert "apotheek" in view.text.text() and "Nog niet bevestigd" in view.status.text()
    view.confirm_button.setFocus()
    key(qtbot, Qt.Key.Key_Space)
    with vault.session() as session:
        meta = field_meta(session, cases[HALF], "handover.notes.werkervaring")
    assert meta["handover.notes.werkervaring"].confirmed
    assert coa_box_of(window).views[0].status.text() == "Bevestigd in het gesprek."
    window.show_topic("gezinssituatie")
    household = coa_box_of(window).views[0]
    household.confirm_button.setFocus()
    key(qtbot, Qt.Key.Key_Space)
    rows = stored_fields(vault, cases[HALF])["intake.gezinssituatie.gezinsleden"]
    assert isinstance(rows, list)
    assert [r["relatie"] for r in rows] == ["kind", "partner"]
    group = panel_of(window).editors["gezinsleden"]
    assert isinstance(group, GroupEditor)
    assert len(group.rows) == 2
    assert "[van COA]" in panel_of(window).field_labels["gezinsleden"].text()


def test_session_record_saved(
    qtbot: QtBot, vault: OpenVault, cases: list[str], open_window: Opener
) -> None:
    window = open_window(NONE)
    key(qtbot, Qt.Key.Key_R, CTRL)
    dialog = window.session_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClick(dialog.interpreter, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.interpreter, Qt.Key.Key_Down)  # Tolk via de telefoon
    qtbot.keyClicks(dialog.agency, "Tolkennet")
    qtbot.keyClicks(dialog.reference, "TN-77")
    qtbot.keyClick(dialog.notices["alleen_gesprek"], Qt.Key.Key_Space)
    qtbot.keyClick(dialog.duration, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    records = {
        k: v for k, v in stored_fields(vault, cases[NONE]).items() if k.startswith("session.")
    }
    (record,) = records.values()
    assert isinstance(record, dict)
    assert record["tolk"] == "telefonisch"
    assert record["tolk_bureau"] == "Tolkennet" and record["tolk_referentie"] == "TN-77"
    assert record["mededelingen"] == ["alleen_gesprek"]


def test_oproepen_tab_shows_the_rule_and_records(
    qtbot: QtBot, vault: OpenVault, cases: list[str], open_window: Opener
) -> None:
    window = open_window(NO_SHOW)
    window.tabs.setCurrentIndex(TAB_OPROEPEN)
    panel = window.oproepen
    assert panel.list.count() == 3
    assert "zonder de inburgeraar" in panel.status.text()
    other = open_window(NONE)
    other.tabs.setCurrentIndex(TAB_OPROEPEN)
    other.oproepen.outcome.setFocus()
    qtbot.keyClicks(other.oproepen.outcome, "Niet")
    other.oproepen.add.setFocus()
    key(qtbot, Qt.Key.Key_Space)
    assert other.oproepen.list.count() == 1
    assert "waarschuwing" in other.oproepen.status.text()
    saved = [v for k, v in stored_fields(vault, cases[NONE]).items() if k.startswith("oproep.")]
    assert isinstance(saved[0], dict)
    assert saved[0]["uitkomst"] == "niet_verschenen"


def test_summary_lists_missing_fields(open_window: Opener) -> None:
    window = open_window(FEW)
    window.tabs.setCurrentIndex(TAB_SUMMARY)
    text = window.summary.toPlainText()
    assert "1 van 16 onderwerpen afgerond" in text
    assert "Ontbreekt nog: Aantal jaren onderwijs, Hoogst behaalde diploma" in text
    assert "Volgde 8 weken taalles" in text and "nog niet bevestigd" in text


def test_route_advice_shows_reasons_and_records_choice_with_reason(
    qtbot: QtBot, vault: OpenVault, cases: list[str], open_window: Opener
) -> None:
    window = open_window(HALF)
    window.tabs.setCurrentIndex(TAB_ROUTE)
    panel = window.route_panel
    assert panel.advised.text().startswith("Advies:")
    assert "leerbaarheidstoets" in panel.reasons.text()
    assert "AVG art. 22" in panel.notice.text()
    panel.route.setFocus()
    qtbot.keyClicks(panel.route, "Onderwijs")
    panel.record.setFocus()
    key(qtbot, Qt.Key.Key_Space)
    assert "reden" in panel.feedback.text()
    assert "intake.wensen_route._gekozen_route" not in stored_fields(vault, cases[HALF])
    qtbot.keyClicks(panel.reason, "Wil doorstuderen; genoeg vooropleiding.")
    panel.record.setFocus()
    key(qtbot, Qt.Key.Key_Space)
    fields = stored_fields(vault, cases[HALF])
    assert fields["intake.wensen_route._gekozen_route"] == "onderwijs"
    assert fields["intake.wensen_route._keuze_reden"] == "Wil doorstuderen; genoeg vooropleiding."
    assert "Vastgelegd: Onderwijsroute" in panel.current.text()


def test_lock_flushes_and_closes_the_intake_window(
    qtbot: QtBot, vault: OpenVault, cases: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = AppController(vault.path, AppSettings.load())
    monkeypatch.setattr(controller, "show_unlock", lambda: None)
    controller.on_unlocked(vault)
    controller.open_intake(cases[NONE])
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, IntakeWindow)]
    (window,) = windows
    qtbot.waitUntil(lambda: window.stored is not None)
    window.show_topic("motivatie")
    qtbot.keyClicks(panel_of(window).editors["beroepswens"].focus_target(), "Kok")
    assert window.autosave.busy  # typed, the debounce has not fired yet
    controller.lock()
    qtbot.waitUntil(
        lambda: not any(isinstance(w, IntakeWindow) for w in QApplication.topLevelWidgets())
    )
    assert vault.locked
    reopened = unlock_vault(vault.path, PASSPHRASE)
    try:
        assert stored_fields(reopened, cases[NONE])["intake.motivatie.beroepswens"] == "Kok"
    finally:
        reopened.lock()


def test_the_route_tab_shows_the_recorded_choice_in_its_fields(
    qtbot: QtBot, vault: OpenVault, cases: list[str], open_window: Opener
) -> None:
    """Usability round 4, item 6: the dropdown said "— kies een leerroute —" while the
    text beneath said "Vastgelegd: B1-route". Reopened, the tab shows the recorded route
    and reason in its fields; a choice being made survives a look at another tab."""
    window = open_window(HALF)
    window.tabs.setCurrentIndex(TAB_ROUTE)
    panel = window.route_panel
    panel.route.setFocus()
    qtbot.keyClicks(panel.route, "Onderwijs")
    qtbot.keyClicks(panel.reason, "Wil doorstuderen.")
    panel.record.setFocus()
    key(qtbot, Qt.Key.Key_Space)
    assert stored_fields(vault, cases[HALF])["intake.wensen_route._gekozen_route"] == "onderwijs"

    again = open_window(HALF)  # the case opened afresh (the first window stays, unused)
    again.tabs.setCurrentIndex(TAB_ROUTE)
    panel = again.route_panel
    assert "Vastgelegd: Onderwijsroute" in panel.current.text()
    assert panel.route.currentData() == "onderwijs"
    assert panel.reason.toPlainText() == "Wil doorstuderen."
    # changed, not recorded: another tab and back keeps what is being chosen
    panel.route.setFocus()
    key(qtbot, Qt.Key.Key_Home)
    again.tabs.setCurrentIndex(TAB_SUMMARY)
    again.tabs.setCurrentIndex(TAB_ROUTE)
    assert panel.route.currentData() is None
