"""A handhaving form's refusal that is one field's problem names that field, puts the
keyboard there and says nothing was recorded; it never blames "de overtreding als
geheel" (usability round 9, finding 10). The finality form offers the first day a fine
can be final (Awb art. 6:7 and 6:8, ``domain.handhaving.final_from``) and names it when
an earlier day is typed. pytest-qt, real widgets, through the window as the consultant
uses it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain import handhaving as records
from inburg_desktop.domain.handhaving import Afloop, final_from
from inburg_desktop.formatting import format_date
from inburg_desktop.i18n import set_language
from inburg_desktop.services import consulent
from inburg_desktop.services import handhaving as service
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.date_input import format_typed_date
from inburg_desktop.ui.handhaving import HandhavingWindow
from inburg_desktop.ui.handhaving.dialogs import DecideDialog, EndDialog, ViolationDialog

DECIDED = date(2026, 11, 30)  # the finding's day: objection possible t/m 11-1-2027
OVERTREDING = {
    "soort": "pvt_intensiteit",
    "vastgesteld_op": "2026-11-02",
    "toelichting": "Niet bij het PVT.",
    "verwijtbaarheid": "opzet",
    "bijstand_verlaagd": False,
}
RECORD = "0123456789ab"


def _case(vault: OpenVault, decided: bool) -> str:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        case = add_demo_cases(session, 1, date(2026, 5, 1))[0]
        fields: dict[str, Any] = {
            "dates.pip_date": "2026-05-11",
            "dates.brp_registration": "2026-04-01",
            records.key(RECORD, "overtreding"): OVERTREDING,
        }
        update_fields(session, case, fields)
    if decided:
        data = service.load(vault, case)
        proposal = service.compute_proposal(data, RECORD, DECIDED)
        given = service.BesluitInput(True, proposal.bedrag_cents, "", DECIDED, None)
        service.decide(vault, case, RECORD, given)
    return case


def _window(qtbot: QtBot, vault: OpenVault, case: str, today: date) -> HandhavingWindow:
    set_language("nl")
    shown = HandhavingWindow(vault, case, today=today)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: shown.data is not None and shown.list.count() == 1)
    shown.list.setCurrentRow(0)
    return shown


def _form(qtbot: QtBot, window: HandhavingWindow, opener: Any) -> Any:
    opener()
    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.isVisible())
    return window.dialog


def _ended(vault: OpenVault, case: str) -> Any:
    return service.load(vault, case).record(RECORD).afloop


def test_the_finality_form_offers_the_first_day_the_fine_can_be_final(
    qtbot: QtBot, vault: OpenVault
) -> None:
    """Decided 30-11-2026: the form offered 30-11-2026, always refused; the first
    possible day is 12-1-2027, and Vastleggen with it (on or after that day) records."""
    case = _case(vault, decided=True)
    first = final_from(DECIDED)
    assert first == date(2027, 1, 12)
    window = _window(qtbot, vault, case, today=first + timedelta(days=3))
    form = _form(qtbot, window, window.open_end)
    assert isinstance(form, EndDialog)
    assert form.op.text() == format_typed_date(first)
    shown = form.findChild(type(form.op_label), "finalFrom")
    assert shown is not None and format_date(first, style="long") in shown.text()
    qtbot.mouseClick(form.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())
    ended = _ended(vault, case)
    assert ended is not None and ended.status is Afloop.ONHERROEPELIJK and ended.op == first


def test_a_withdrawal_is_offered_today(qtbot: QtBot, vault: OpenVault) -> None:
    case = _case(vault, decided=True)
    today = DECIDED + timedelta(days=5)
    window = _window(qtbot, vault, case, today=today)
    form = _form(qtbot, window, window.open_end)
    form.status.setCurrentIndex(form.status.findData(Afloop.VERVALLEN))
    assert form.op.text() == format_typed_date(today)
    form.status.setCurrentIndex(form.status.findData(Afloop.ONHERROEPELIJK))
    assert form.op.text() == format_typed_date(final_from(DECIDED))


def test_a_day_in_the_objection_period_is_refused_at_the_date_naming_the_first_day(
    qtbot: QtBot, vault: OpenVault
) -> None:
    case = _case(vault, decided=True)
    window = _window(qtbot, vault, case, today=date(2027, 2, 1))
    form = _form(qtbot, window, window.open_end)
    form.op.edit.setFocus()
    form.op.edit.selectAll()
    qtbot.keyClicks(form.op.edit, format_typed_date(DECIDED))
    form.ok.setFocus()
    qtbot.mouseClick(form.ok, Qt.MouseButton.LeftButton)
    said = form.message.text()
    assert said.startswith("Op:")
    assert "12 januari 2027" in said and "11 januari 2027" in said
    assert "Er is niets vastgelegd" in said and "als geheel" not in said
    assert "is als onherroepelijk vastgelegd" not in said  # never reads as recorded
    assert form.focusWidget() is form.op.edit
    assert form.isVisible() and _ended(vault, case) is None


def test_a_fine_still_in_its_objection_period_says_from_when_it_can_be_recorded(
    qtbot: QtBot, vault: OpenVault
) -> None:
    """Recorded on the day of the decision, as in the finding: the first day lies ahead."""
    case = _case(vault, decided=True)
    window = _window(qtbot, vault, case, today=DECIDED)
    form = _form(qtbot, window, window.open_end)
    qtbot.mouseClick(form.ok, Qt.MouseButton.LeftButton)
    said = form.message.text()
    assert said.startswith("Op:") and "12 januari 2027" in said
    assert "Er is niets vastgelegd" in said or "er is niets vastgelegd" in said
    assert "als geheel" not in said
    assert _ended(vault, case) is None


def test_a_rule_of_the_record_that_is_one_dates_problem_names_that_date(
    qtbot: QtBot, vault: OpenVault
) -> None:
    """The kind of finding 10 in the other forms: a violation found before the BRP
    registration (Wet art. 14) was refused as the violation "als geheel"."""
    case = _case(vault, decided=False)
    window = _window(qtbot, vault, case, today=date(2026, 12, 1))
    form = _form(qtbot, window, window.open_violation)
    assert isinstance(form, ViolationDialog)
    form.soort.setCurrentIndex(1)
    form.found.set_value(date(2026, 3, 1))  # before the BRP registration of 1-4-2026
    form.toelichting.setPlainText("Niet gekomen.")
    form.culpa.setCurrentIndex(1)
    before = len(service.load(vault, case).records)
    form.submit()
    qtbot.waitUntil(lambda: form.message.has_message)
    said = form.message.text()
    assert said.startswith("Vastgesteld op:"), said
    assert "BRP" in said and "Er is niets vastgelegd" in said and "als geheel" not in said
    assert form.focusWidget() is form.found.edit
    assert len(service.load(vault, case).records) == before


def test_a_refusal_naming_its_field_is_said_with_that_fields_label(
    qtbot: QtBot, vault: OpenVault
) -> None:
    """The new term after an intake fine: at most two months (Wet art. 22), said at
    "Nieuwe termijn t/m", with the keyboard there."""
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        case = add_demo_cases(session, 1, date(2026, 5, 1))[0]
        intake = {**OVERTREDING, "soort": "intake_niet_verschenen", "verwijtbaarheid": None}
        update_fields(session, case, {records.key(RECORD, "overtreding"): intake})
    window = _window(qtbot, vault, case, today=DECIDED)
    form = _form(qtbot, window, window.open_decision)
    assert isinstance(form, DecideDialog)
    form.term.set_value(DECIDED + timedelta(days=120))
    form.submit()
    box = form.confirm_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    qtbot.mouseClick(box.findChild(type(form.ok), "confirmDecide"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.message.has_message)
    said = form.message.text()
    assert said.startswith("Nieuwe termijn t/m:"), said
    assert "2 maanden" in said  # the law's two months, from domain (test_law_numbers_once)
    assert form.focusWidget() is form.term.edit


def test_esc_then_enter_in_a_form_that_decides_takes_no_decision(
    qtbot: QtBot, vault: OpenVault
) -> None:
    """Usability round 10: "Vervallen" chosen, Esc, then Enter recorded the fine as
    withdrawn: the close question's default was Opslaan, which submits the form. In a
    form that records a step of enforcement, Enter there goes back to the form."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    case = _case(vault, decided=True)
    window = _window(qtbot, vault, case, today=DECIDED + timedelta(days=5))
    form = _form(qtbot, window, window.open_end)
    form.status.setCurrentIndex(form.status.findData(Afloop.VERVALLEN))
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert form.isVisible()
    assert _ended(vault, case) is None  # nothing recorded
