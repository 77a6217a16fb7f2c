"""The Voortgang window by keyboard (pytest-qt, real widgets; issue 15 items 3 and 5): it
opens from the case's menu with the keyboard in the first field; hours typed and recorded
with Enter show against the PIP's intensity at once; a refusal says why and stores
nothing; a line is removed only after a question whose default keeps it; exam results
make the nazorg day; the agenda's nazorg item opens the window at the nazorg contact; Esc
closes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.agenda import AgendaKind
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.pip import Examenonderdeel, PipHistory
from inburg_desktop.domain.voortgang import Taalniveau
from inburg_desktop.i18n import set_language
from inburg_desktop.services import pip_editing, progress
from inburg_desktop.services.agenda import agenda_on
from inburg_desktop.services.progress import ExamenInput
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.agenda.open_at import open_item
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.progress import ProgressWindow

PIP_DAY = date(2026, 11, 2)  # termijn from 2026-11-03
TODAY = date(2027, 5, 3)


@pytest.fixture
def case_id(vault: OpenVault) -> str:
    with vault.transaction() as session:
        case = add_demo_cases(session, 3, PIP_DAY)[2]
        update_fields(session, case, {"dates.bijstand_start": "2026-10-01"})
    proposal = pip_editing.open_editor(vault, case, PIP_DAY).context.proposal
    beschikking = replace(proposal.beschikking, leerroute=Leerroute.B1)
    empty = PipHistory()
    history = empty.with_draft(empty.new_draft(beschikking, PIP_DAY)).set_draft(PIP_DAY)
    with vault.transaction() as session:
        update_fields(
            session, case, {**history.storage_items(), "dates.pip_date": PIP_DAY.isoformat()}
        )
    return case


@pytest.fixture
def window(qtbot: QtBot, vault: OpenVault, case_id: str) -> ProgressWindow:
    set_language("nl")
    shown = ProgressWindow(vault, case_id, today=TODAY)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: shown.data is not None)
    return shown


def _type_date(qtbot: QtBot, field: object, text: str) -> None:
    edit = field.edit  # type: ignore[attr-defined]
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def _next(qtbot: QtBot) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def test_hours_by_keyboard_show_against_the_intensity(
    qtbot: QtBot, window: ProgressWindow, vault: OpenVault, case_id: str
) -> None:
    assert QApplication.focusWidget() is window.uren_aanbieder  # the first field
    assert "Alle aanbieders samen: Achter: 0 van de verwachte 300 uur gevolgd" in (
        window.summary.text()
    )
    qtbot.keyClicks(window.uren_aanbieder, "Taalhuis Leiden")
    _next(qtbot)
    assert QApplication.focusWidget() is window.uren_soort  # NT2 first: no change
    _next(qtbot)
    assert QApplication.focusWidget() is window.uren_van.edit
    qtbot.keyClicks(window.uren_van.edit, "03-11-2026")
    _next(qtbot)
    assert QApplication.focusWidget() is window.uren_tot.edit
    qtbot.keyClicks(window.uren_tot.edit, "3-5-2027")
    _next(qtbot)
    assert QApplication.focusWidget() is window.uren_uren.edit
    qtbot.keyClicks(window.uren_uren.edit, "300")
    qtbot.keyClick(window.uren_uren.edit, Qt.Key.Key_Return)  # Enter records the form
    qtbot.waitUntil(lambda: bool(window.message.text()))
    assert window.message.text() == "Vastgelegd."
    # the person's hours against the PIP's hours per week × weeks, then each provider's share
    assert "Alle aanbieders samen: Op schema: 300 van de verwachte 300 uur gevolgd (PIP: " in (
        window.summary.text()
    )
    assert "Taalhuis Leiden: 300 van de 300 gevolgde uren." in window.summary.text()
    assert "3 nov 2026 t/m 3 mei 2027 · Taalhuis Leiden · NT2-les · 300 uur" in (
        window.uren_list.item(0).text()
    )
    (entry,) = progress.load(vault, case_id, TODAY).records.uren
    assert entry.regel.uren == Decimal(300)
    # the provider stays for the next line; the range and hours are emptied
    assert window.uren_aanbieder.text() == "Taalhuis Leiden" and window.uren_uren.text() == ""
    assert QApplication.focusWidget() is window.uren_van.edit


def test_a_refusal_says_why_and_stores_nothing(
    qtbot: QtBot, window: ProgressWindow, vault: OpenVault, case_id: str
) -> None:
    qtbot.keyClicks(window.uren_aanbieder, "Taalhuis")
    _type_date(qtbot, window.uren_van, "01-05-2027")
    _type_date(qtbot, window.uren_tot, "01-06-2027")  # after today
    qtbot.keyClicks(window.uren_uren.edit, "12,5")
    qtbot.keyClick(window.uren_uren.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.message.text() != "")
    assert window.message.text() == (
        "Tot en met: Deze datum ligt na vandaag: leg alleen vast wat al gebeurd is. Er is "
        "niets vastgelegd."
    )
    assert progress.load(vault, case_id, TODAY).records.uren == ()
    assert window.uren_uren.text() == "12,5"  # what was typed stays
    window.uren_uren.clear()
    qtbot.keyClicks(window.uren_uren.edit, "12,555")
    qtbot.keyClick(window.uren_uren.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "hoogstens twee decimalen" in window.message.text())


def test_remove_asks_and_enter_keeps_the_line(
    qtbot: QtBot, window: ProgressWindow, vault: OpenVault, case_id: str
) -> None:
    window.tabs.setCurrentIndex(3)  # Examen
    window.examen_onderdeel.setFocus()
    qtbot.keyClick(window.examen_onderdeel, Qt.Key.Key_End)  # KNM: the level goes
    assert window.examen_onderdeel.currentData() is None
    assert not window.examen_niveau.isEnabled()
    _type_date(qtbot, window.examen_datum, "01-04-2027")
    qtbot.keyClick(window.examen_datum.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "KNM · behaald" in window.examen_list.item(0).text())
    assert "KNM · behaald" in window.examen_list.item(0).text()
    assert "KNM" in window.summary.text() and "KNM-examen" not in window.summary.text()
    window.examen_list.setCurrentRow(0)
    window.examen_remove.setFocus()
    qtbot.keyClick(window.examen_remove, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.question is not None and window.question.isVisible())
    box = window.question
    assert isinstance(box, QMessageBox)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the default keeps it
    qtbot.waitUntil(lambda: not box.isVisible())
    assert len(progress.load(vault, case_id, TODAY).records.examens) == 1
    qtbot.keyClick(window.examen_remove, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.question is not None and window.question.isVisible())
    confirm = window.question
    assert confirm is not None
    remove = next(b for b in confirm.buttons() if b.objectName() == "confirmRemove")
    assert remove.text() == "&Verwijderen"
    remove.setFocus()
    qtbot.keyClick(remove, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: progress.load(vault, case_id, TODAY).records.examens == ())
    qtbot.waitUntil(lambda: "Nog geen uitslagen" in window.examen_list.item(0).text())


def test_the_agenda_nazorg_item_opens_the_window_at_the_contact(
    qtbot: QtBot, vault: OpenVault, case_id: str
) -> None:
    set_language("nl")
    for part in (*Examenonderdeel, None):
        level = None if part is None else Taalniveau.B1
        progress.add_examen(vault, case_id, ExamenInput(part, level, date(2027, 4, 1), True), TODAY)
    due = date(2027, 10, 1)
    (item,) = [
        i for i in agenda_on(vault, due, case_ids=[case_id]).items if i.kind is AgendaKind.NAZORG
    ]
    main = MainWindow(vault)
    qtbot.addWidget(main)
    open_item(main, item)
    shown = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ProgressWindow))
    qtbot.waitUntil(lambda: shown.data is not None)
    assert shown.tabs.currentIndex() == shown.tabs.count() - 1
    assert QApplication.focusWidget() is shown.nazorg_contact.edit
    assert "Nazorg: neem op 1 oktober 2027 contact op" in shown.aftercare.text()
    qtbot.keyClick(shown.nazorg_contact.edit, Qt.Key.Key_Escape)  # Esc closes (and deletes)
    qtbot.waitUntil(lambda: not shiboken6.isValid(shown) or not shown.isVisible())


def test_the_case_menu_opens_it(qtbot: QtBot, vault: OpenVault, case_id: str) -> None:
    set_language("nl")
    main = MainWindow(vault)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.target_row() is not None)
    assert main.progress_action.shortcut().toString() == "Ctrl+Shift+V"
    main.progress_action.trigger()
    shown = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ProgressWindow))
    qtbot.addWidget(shown)
    qtbot.waitUntil(lambda: shown.data is not None)
    assert shown.windowTitle().startswith("Voortgang — ")


def test_closing_with_typing_asks_and_opslaan_records_it(
    qtbot: QtBot, vault: OpenVault, case_id: str
) -> None:
    """Typing in a form is unsaved until its button records it: Esc asks, naming the
    fields; Opslaan records the form (a refusal keeps the window open); a form recorded
    while another holds typing keeps that typing (the reload does not overwrite it)."""
    set_language("nl")
    shown = ProgressWindow(vault, case_id, today=TODAY)
    shown.show()
    qtbot.waitUntil(lambda: shown.data is not None)
    shown.tabs.setCurrentIndex(1)  # PVT: the signing, typed but not recorded
    _type_date(qtbot, shown.pvt_ondertekend, "01-04-2027")
    shown.tabs.setCurrentIndex(0)
    qtbot.keyClicks(shown.uren_aanbieder, "Taalhuis")
    _type_date(qtbot, shown.uren_van, "01-04-2027")
    _type_date(qtbot, shown.uren_tot, "30-04-2027")
    qtbot.keyClicks(shown.uren_uren.edit, "40")
    qtbot.keyClick(shown.uren_uren.edit, Qt.Key.Key_Return)  # records the hours only
    qtbot.waitUntil(lambda: shown.message.text() == "Vastgelegd.")
    assert shown.pvt_ondertekend.text() == "01-04-2027"  # kept through the reload
    assert shown.dirty("pvt_ondertekend") and not shown.dirty("uren")
    qtbot.keyClick(shown.uren_aanbieder, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: shown.close_guard.question is not None)
    box = shown.close_guard.question
    assert box is not None and "Participatieverklaring ondertekend op" in box.text()
    box.button(QMessageBox.StandardButton.Save).click()  # Opslaan: the signing is recorded
    qtbot.waitUntil(lambda: not shiboken6.isValid(shown) or not shown.isVisible())
    assert progress.load(vault, case_id, TODAY).records.pvt_ondertekend == date(2027, 4, 1)


def test_a_sync_that_changes_the_case_shows_at_once_and_keeps_typing(
    qtbot: QtBot, window: ProgressWindow, vault: OpenVault, case_id: str
) -> None:
    from inburg_desktop.ui.case_events import ALL_CASES, case_events

    qtbot.keyClicks(window.uren_aanbieder, "Taalhuis")  # typing of its own
    progress.add_examen(
        vault, case_id, ExamenInput(None, None, date(2027, 4, 1), True), TODAY
    )  # as a pull would write it
    case_events().case_changed.emit(ALL_CASES)
    qtbot.waitUntil(lambda: "KNM · behaald" in window.examen_list.item(0).text())
    assert window.uren_aanbieder.text() == "Taalhuis" and window.dirty("uren")
