"""The enforcement window by keyboard (pytest-qt, real widgets): record a violation, see the
proposal with each rule step and its article, decide through a confirmation that names
what is decided (Enter there cancels), and the decision is stored with who took it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.fines import Overtreding, Verwijtbaarheid
from inburg_desktop.i18n import set_language
from inburg_desktop.services import consulent, handhaving
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.handhaving import HandhavingWindow
from inburg_desktop.ui.handhaving.dialogs import DecideDialog, ViolationDialog
from inburg_desktop.ui.main_window import MainWindow

TODAY = date(2026, 9, 2)


@pytest.fixture
def case_id(vault: OpenVault) -> str:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        case = add_demo_cases(session, 2, date(2026, 5, 1))[0]
        update_fields(session, case, {"dates.pip_date": "2026-05-11"})
        return case


@pytest.fixture
def window(qtbot: QtBot, vault: OpenVault, case_id: str) -> HandhavingWindow:
    shown = HandhavingWindow(vault, case_id, today=TODAY)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: shown.data is not None)
    return shown


def _plain(text: str) -> str:
    """Amounts are set with a no-break space between the sign and the number (CLDR)."""
    return text.replace("\xa0", " ")


def _record_by_keyboard(qtbot: QtBot, window: HandhavingWindow) -> None:
    qtbot.keyClick(window.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.dialog, ViolationDialog))
    form: ViolationDialog = window.dialog
    assert form.kind() is None  # nothing chosen for the consultant
    form.soort.setFocus()
    for _step in range(4):  # the fourth obligation: PVT intensity
        qtbot.keyClick(form.soort, Qt.Key.Key_Down)
    assert form.kind() is Overtreding.PVT_INTENSITEIT
    qtbot.keyClicks(form.toelichting, "Drie PVT-bijeenkomsten niet gekomen.")
    qtbot.keyClick(form.culpa, Qt.Key.Key_Down)  # (kies) -> opzet
    assert form.culpability() is Verwijtbaarheid.OPZET
    # as a consultant replaces a filled-in date: select it all, type over it (the field
    # shows the start of a date the program filled in, so backspaces would find nothing)
    qtbot.keyClick(form.found.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.found.edit, "01-09-2026")
    qtbot.keyClick(form.found.edit, Qt.Key.Key_Return)  # Enter submits the form
    qtbot.waitUntil(lambda: window.dialog is None and window.list.count() == 1)


def test_record_and_decide_by_keyboard(
    qtbot: QtBot, window: HandhavingWindow, vault: OpenVault, case_id: str
) -> None:
    set_language("nl")
    _record_by_keyboard(qtbot, window)
    text = _plain(window.detail.text())
    assert "Voorgestelde boete: € 50,00" in text
    assert "basisbedrag € 50 (Besluit art. 7.1 lid 2)" in text
    assert "Verwijtbaarheid (opzet): 100% van € 50 is € 50 (Besluit art. 7.1 lid 4)" in text

    assert window.decide_button.isEnabled() and not window.pdf_button.isEnabled()
    window.decide_button.setFocus()
    qtbot.keyClick(window.decide_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: isinstance(window.dialog, DecideDialog))
    form: DecideDialog = window.dialog
    assert form.impose.isChecked() and form.amount.value() == 50.0
    qtbot.keyClick(form.day.edit, Qt.Key.Key_Return)  # "Beslissen…": asks first
    qtbot.waitUntil(lambda: form.confirm_box is not None and form.confirm_box.isVisible())
    box = form.confirm_box
    assert box is not None
    assert "een boete op van € 50,00" in _plain(box.text()) and "1 september 2026" in box.text()
    assert "geen waarschuwing vastgelegd" in box.text()  # said, not refused
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the default button is Annuleren
    qtbot.waitUntil(lambda: not box.isVisible())
    assert handhaving.load(vault, case_id).records[0].besluit is None

    qtbot.keyClick(form.day.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            form.confirm_box is not box
            and form.confirm_box is not None
            and form.confirm_box.isVisible()
        )
    )
    confirm = form.confirm_box
    assert isinstance(confirm, QMessageBox)
    decide = next(b for b in confirm.buttons() if b.objectName() == "confirmDecide")
    decide.setFocus()
    qtbot.keyClick(decide, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.dialog is None)
    (record,) = handhaving.load(vault, case_id).records
    assert record.besluit is not None and record.besluit.bedrag_cents == 50_00
    assert record.besluit.door.naam == "Sanne de Vries"
    qtbot.waitUntil(lambda: "Boete opgelegd: € 50,00" in _plain(window.detail.text()))
    assert window.pdf_button.isEnabled() and not window.decide_button.isEnabled()


def test_a_refused_violation_says_why_in_the_form(
    qtbot: QtBot, window: HandhavingWindow, vault: OpenVault, case_id: str
) -> None:
    set_language("nl")
    qtbot.keyClick(window.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.dialog, ViolationDialog))
    form: ViolationDialog = window.dialog
    qtbot.keyClick(form.found.edit, Qt.Key.Key_Return)  # no obligation chosen
    qtbot.waitUntil(lambda: form.message.has_message)
    assert form.message.text() == (
        "Kies welke verplichting niet is nagekomen; er is nog niets vastgelegd."
    )
    assert form.focusWidget() is form.soort
    qtbot.keyClick(form.soort, Qt.Key.Key_Down)
    assert not form.message.has_message  # the choice takes the refusal away
    qtbot.keyClick(form.found.edit, Qt.Key.Key_Return)  # nothing typed about what happened
    qtbot.waitUntil(lambda: form.message.has_message)
    assert "Beschrijf wat er is gebeurd" in form.message.text()
    assert form.isVisible() and handhaving.load(vault, case_id).records == ()


def test_the_window_in_english_cites_the_law_the_english_way(
    qtbot: QtBot, vault: OpenVault, case_id: str
) -> None:
    set_language("en")
    try:
        shown = HandhavingWindow(vault, case_id, today=TODAY)
        qtbot.addWidget(shown)
        shown.show()
        qtbot.waitUntil(lambda: shown.data is not None)
        assert shown.decide_button.text().replace("&", "") == "Decide…"
        _record_by_keyboard(qtbot, shown)
        text = _plain(shown.detail.text())
        assert "Proposed fine: €50.00" in text
        assert "(Decree art. 7.1(2))" in text and "Besluit" not in text
    finally:
        set_language("nl")


def test_the_case_menu_opens_the_window_of_the_selected_case(
    qtbot: QtBot, vault: OpenVault, case_id: str
) -> None:
    set_language("nl")
    main = MainWindow(vault)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.model.rowCount() == 2)
    assert main.select_case(case_id)
    assert main.handhaving_action.text().replace("&", "") == "Handhaving…"
    main.handhaving_action.trigger()
    opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, HandhavingWindow)]
    assert [w.case_id for w in opened] == [case_id]
    qtbot.addWidget(opened[0])
    qtbot.waitUntil(lambda: opened[0].data is not None)
    main.handhaving_action.trigger()  # again: the same window, raised, not a second one
    again = [w for w in QApplication.topLevelWidgets() if isinstance(w, HandhavingWindow)]
    assert again == opened


def test_the_letter_button_writes_the_letter_where_the_consultant_chose(
    qtbot: QtBot,
    window: HandhavingWindow,
    vault: OpenVault,
    case_id: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Clicking "Beschikking als PDF…" asks where to save and writes the letter there
    (usability round 6, finding 17: the click passed Qt's ``checked`` as the path, and
    no letter was ever written)."""
    set_language("nl")
    _record_by_keyboard(qtbot, window)
    (record,) = handhaving.load(vault, case_id).records
    handhaving.decide(
        vault,
        case_id,
        record.id,
        handhaving.BesluitInput(opleggen=True, bedrag_cents=50_00, reden="", dagtekening=TODAY),
    )
    window.reload()
    qtbot.waitUntil(lambda: window.pdf_button.isEnabled())
    chosen = tmp_path / "beschikking.pdf"
    asked: list[str] = []

    suggested: list[str] = []

    def choose(_parent: object, title: str, name: str, *_args: object) -> Path:
        asked.append(title)
        suggested.append(name)
        return chosen

    monkeypatch.setattr(dialogs, "choose_save_file", choose)
    qtbot.mouseClick(window.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: chosen.exists() and "opgeslagen" in window.message.text(), timeout=30_000
    )
    assert asked == ["Beschikking opslaan"]
    # named as the PIP is (usability round 7, finding 7), a bare name: the dialog puts
    # it in the user's documents (dialogs.choose_save_file)
    assert window.data is not None
    person = window.data.person.display_name
    assert suggested == [f"{person} beschikking boete {TODAY.isoformat()}.pdf"]
    assert chosen.read_bytes().startswith(b"%PDF")
