"""Every date a consultant types is stored as typed, or refused in words (usability test:
``15-06-2021`` typed into Dossiergegevens became 15-11-2026 without a word).

Each site is driven with real keys into the widget that has the keyboard: the
Dossiergegevens dialog, the PIP editor, the intake's date answer, the oproepen panel and
the session record. A half-typed or impossible date is said at the field and blocks
Save/OK; nothing else is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.services.intake_oproepen import StoredOproep
from inburg_desktop.services.intake_sessions import SessionRecord
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.date_input import DateInput, DateTextError, parse_typed_date
from inburg_desktop.ui.intake.field_editors import DateEditor
from inburg_desktop.ui.intake.oproepen_panel import OproepenPanel
from inburg_desktop.ui.intake.session_dialog import SessionDialog
from inburg_desktop.ui.intake.window import IntakeWindow

from .law_cases import LAW_CASES, add_law_cases

TODAY = date(2026, 4, 15)
ZATERDAG = next(i for i, c in enumerate(LAW_CASES) if c.name == "Zaterdag")  # born 1961


def type_into(qtbot: QtBot, field: QWidget, text: str) -> None:
    """Give ``field`` the keyboard as a click would, then type ``text`` and Tab away."""
    field.window().activateWindow()
    field.clearFocus()  # when it has the keyboard already: come back to it
    field.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClicks(target, text)
    qtbot.keyClick(target, Qt.Key.Key_Tab)


# --- parsing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["15-06-2021", "15-6-2021", "15/06/2021", "15.6.2021", "2021-06-15", " 15-06-2021 "],
)
def test_every_usual_way_of_writing_a_date_is_read_as_that_date(text: str) -> None:
    assert parse_typed_date(text) == date(2021, 6, 15)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("15-06", "Geen volledige datum"),
        ("15-06-21", "vier cijfers"),  # a two-digit year is ambiguous
        ("15-11-00006-2021", "Geen volledige datum"),
        ("31-02-2021", "bestaat niet"),
        ("29-2-2023", "bestaat niet"),
        ("0-1-2021", "bestaat niet"),
    ],
)
def test_a_partial_or_impossible_date_is_refused_in_words(text: str, words: str) -> None:
    with pytest.raises(DateTextError, match=words):
        parse_typed_date(text)
    assert parse_typed_date("   ") is None


# --- the widget ------------------------------------------------------------------------


@pytest.fixture
def field(qtbot: QtBot) -> Iterator[DateInput]:
    host = QWidget()
    qtbot.addWidget(host)
    widget = DateInput(optional=True, parent=host)
    other = DateInput(optional=True, parent=host)
    other.move(0, 80)
    host.show()
    qtbot.waitExposed(host)
    yield widget


def test_focus_selects_the_date_so_typing_replaces_it(qtbot: QtBot, field: DateInput) -> None:
    field.set_value(date(2026, 11, 15))
    type_into(qtbot, field, "15-06-2021")
    assert field.value() == date(2021, 6, 15)
    assert field.problem() is None
    assert not field.message.isVisible()


def test_half_typed_date_is_said_at_the_field(qtbot: QtBot, field: DateInput) -> None:
    type_into(qtbot, field, "15-06-")
    assert field.value() is None
    assert "Geen volledige datum" in (field.problem() or "")
    assert field.message.isVisible() and "15-06-2021" in field.message.text()
    assert field.text() == "15-06-"  # kept as typed, never turned into another date


def test_an_optional_date_left_empty_is_no_date(qtbot: QtBot, field: DateInput) -> None:
    assert field.text() == "" and field.value() is None and field.problem() is None
    assert "geen datum" in field.edit.placeholderText()
    required = DateInput(optional=False)
    qtbot.addWidget(required)
    assert "Vul een datum in" in (required.problem() or "")


def test_the_mouse_wheel_does_not_change_the_date(qtbot: QtBot, field: DateInput) -> None:
    field.set_value(date(2021, 6, 15))
    center = QPointF(field.edit.rect().center())
    wheel = QWheelEvent(
        center,
        QPointF(field.edit.mapToGlobal(QPoint(int(center.x()), int(center.y())))),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(field.edit, wheel)
    assert field.value() == date(2021, 6, 15)


def test_the_calendar_picks_a_date_for_mouse_users(qtbot: QtBot, field: DateInput) -> None:
    field.set_value(date(2021, 6, 15))
    field.calendar_menu.aboutToShow.emit()  # opening shows the field's date
    assert field.calendar.selectedDate().toString("yyyy-MM-dd") == "2021-06-15"
    with qtbot.waitSignal(field.changed):
        field.calendar.clicked.emit(field.calendar.selectedDate().addDays(3))
    assert field.value() == date(2021, 6, 18)


# --- the sites -------------------------------------------------------------------------


@pytest.fixture
def ids(vault: OpenVault) -> list[str]:
    with vault.transaction() as session:
        return add_law_cases(session)


def test_dossiergegevens_stores_the_typed_permit_date(
    qtbot: QtBot, vault: OpenVault, ids: list[str]
) -> None:
    case_id = ids[ZATERDAG]
    dialog = CaseDetailsDialog(vault, case_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_into(qtbot, dialog.permit.edit, "15-06-")
    assert not dialog.save_button.isEnabled()  # a half-typed date is never saved
    assert "Geen volledige datum" in dialog.notice.text()
    type_into(qtbot, dialog.permit.edit, "15-06-2021")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    with vault.session() as session:
        assert get_case(session, case_id).case.person.permit_since == date(2021, 6, 15)


def test_dossiergegevens_stores_the_typed_date_of_asking(
    qtbot: QtBot, vault: OpenVault, ids: list[str]
) -> None:
    case_id = ids[ZATERDAG]
    dialog = CaseDetailsDialog(vault, case_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.waiting.setChecked(True)
    qtbot.keyClicks(dialog.reden, "Medisch advies van de GGD")
    type_into(qtbot, dialog.asked.edit, "31-02-2026")
    assert not dialog.save_button.isEnabled()
    assert "bestaat niet" in dialog.notice.text()
    type_into(qtbot, dialog.asked.edit, "2-4-2026")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    with vault.session() as session:
        wait = get_case(session, case_id).fields["pip.wachten_op_derde"]
    assert wait["sinds"] == "2026-04-02"


def test_intake_date_answer_is_stored_as_typed_or_refused(
    qtbot: QtBot, vault: OpenVault, ids: list[str]
) -> None:
    case_id = ids[ZATERDAG]
    window = IntakeWindow(vault, case_id, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None)
    window.show_topic("leerbaarheid")
    assert window.panel is not None
    editor = window.panel.editors["toets_datum"]
    assert isinstance(editor, DateEditor)
    type_into(qtbot, editor.focus_target(), "15-06-2021")
    window.autosave.flush()
    with vault.session() as session:
        stored = get_case(session, case_id).fields
    assert stored["intake.leerbaarheid.toets_datum"] == "2021-06-15"
    type_into(qtbot, editor.focus_target(), "31-06-2021")  # June has 30 days
    window.autosave.flush()
    assert "bestaat niet" in editor.input.message.text()
    assert not editor.input.message.isHidden()  # said beneath the field
    with vault.session() as session:
        stored = get_case(session, case_id).fields
    assert stored["intake.leerbaarheid.toets_datum"] == "2021-06-15"


def test_oproep_records_the_typed_dates_or_refuses(qtbot: QtBot) -> None:
    panel = OproepenPanel(TODAY)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    added: list[StoredOproep] = []
    panel.oproep_added.connect(added.append)
    type_into(qtbot, panel.date, "3-5-2026")
    type_into(qtbot, panel.term, "17.05.2026")
    panel.add.click()
    assert [(a.oproep.datum, a.oproep.termijn) for a in added] == [
        (date(2026, 5, 3), date(2026, 5, 17))
    ]
    type_into(qtbot, panel.date, "3-5")
    panel.add.click()
    assert len(added) == 1
    assert "Geen volledige datum" in panel.problem.text()


def test_session_record_has_the_typed_date_and_ok_refuses_a_bad_one(qtbot: QtBot) -> None:
    dialog = SessionDialog(TODAY, 30)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    recorded: list[SessionRecord] = []
    dialog.recorded.connect(recorded.append)
    type_into(qtbot, dialog.date, "30-02-2026")
    assert not dialog.save_button.isEnabled()
    dialog.accept()
    assert recorded == []
    type_into(qtbot, dialog.date, "14-04-2026")
    assert dialog.save_button.isEnabled()
    dialog.accept()
    assert [r.datum for r in recorded] == [date(2026, 4, 14)]
