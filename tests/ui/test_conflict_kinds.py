"""Conflicts resolved by the kind of field (issue 13 item 1).

The usability test merged a choice conflict (Digitale vaardigheden: ``zelfstandig`` on one
laptop, ``geen`` on the other) with "Samengevoegde tekst gebruiken": ``zelfstandig\\ngeen``
was stored, the combo said "nog niet ingevuld" and the bad value went to the office. Here
a choice offers only its options, by label; a date and a number only valid values; every
value is checked like an edit; text is merged three ways against the common base; the
sides are named for where they came from; an open intake shows the choice at once.
Real widgets (pytest-qt) on a real vault.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocumentFragment
from PySide6.QtWidgets import QComboBox, QTextEdit
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.changes import dumps
from inburg_desktop.storage.stale_writes import LOCAL_CONFLICT
from inburg_desktop.storage.sync_state import (
    Conflict,
    Enrollment,
    conflicts,
    replace_conflicts,
    save_enrollment,
)
from inburg_desktop.storage.tables import ConflictRow, FieldRow, SyncBaseRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.conflict_view import MARK_COLOURS, ConflictView
from inburg_desktop.ui.intake import IntakeWindow

CHOICE = "intake.digitale_vaardigheden.niveau"
NUMBER = "intake.opleiding.aantal_jaren"
DATE = "person.date_of_birth"
NOTES = "intake.opleiding.notes"
LABELS = {
    "geen": "Geen ervaring",
    "basis": "Basis (bellen, berichten, foto's)",
    "zelfstandig": "Zelfstandig (e-mail, formulieren, websites)",
    "onbekend": "Onbekend",
}


def with_conflict(
    vault: OpenVault,
    key: str,
    office: object,
    laptop: object,
    base: object = None,
    device: str | None = None,
    case_index: int = 0,
    fields: dict[str, object] | None = None,
) -> str:
    """A case with one office conflict on ``key``; ``base``: the common base, recorded as
    the laptop records it before its first unsent change. ``case_index``: which demo case
    (the 7th, index 6, has a set PIP with planned talks); ``fields``: values stored in the
    case first (a held talk the conflict's part belongs to)."""
    with vault.transaction() as session:
        case_id = add_demo_cases(session, case_index + 1)[case_index]
        for field_key, value in (fields or {}).items():
            session.add(
                FieldRow(
                    case_id=case_id, key=field_key, value=dumps(value), updated_at=datetime.now()
                )
            )
        save_enrollment(session, Enrollment("https://kantoor.test", "deze-laptop", "c", "k"))
        if base is not None:
            session.add(
                SyncBaseRow(
                    case_id=case_id, field_key=key, value=dumps(base), created_at=datetime.now()
                )
            )
            session.flush()
        replace_conflicts(
            session, case_id, [Conflict(case_id, key, office, laptop, 3, device_id=device)], 1
        )
    return case_id


def open_view(qtbot: QtBot, vault: OpenVault) -> ConflictView:
    view = ConflictView(vault)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.items.count() == 1 and view.tasks.pending == 0)
    return view


def stored(vault: OpenVault, case_id: str, key: str) -> object:
    with vault.session() as session:
        return get_case(session, case_id).fields.get(key)


def test_a_choice_offers_only_its_options_by_label_and_stores_a_valid_one(
    qtbot: QtBot, vault: OpenVault
) -> None:
    case_id = with_conflict(vault, CHOICE, "zelfstandig", "geen", device="deze-laptop")
    view = open_view(qtbot, vault)
    # Both sides as labels, never codes.
    assert view.office.toPlainText() == LABELS["zelfstandig"]
    assert view.laptop.toPlainText() == LABELS["geen"]
    assert (view.office_label.text(), view.laptop_label.text()) == ("Kantoor", "Deze laptop")
    # No free text for a choice: a combo of exactly its options.
    assert not view.merged.isVisible()
    combo = view.editor.combo
    assert combo.isVisible()
    assert [combo.itemText(i) for i in range(combo.count())] == ["(leeg)", *LABELS.values()]
    assert view.take_merged.text().replace("&", "") == "Deze waarde gebruiken"  # its letter aside
    combo.setFocus()
    combo.setCurrentIndex(combo.findText(LABELS["basis"]))
    with qtbot.waitSignal(view.resolved):
        qtbot.mouseClick(view.take_merged, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.empty.isVisible() and view.tasks.pending == 0)
    assert stored(vault, case_id, CHOICE) == "basis"


def test_a_value_the_field_cannot_hold_is_refused_at_the_field(
    qtbot: QtBot, vault: OpenVault
) -> None:
    # What the old view let through: a "merge" of two choices, now on one side.
    case_id = with_conflict(vault, CHOICE, "zelfstandig", "zelfstandig\ngeen")
    view = open_view(qtbot, vault)
    assert view.laptop.toPlainText().startswith("geen geldig antwoord")
    assert not view.take_laptop.isEnabled()
    assert "mogelijke antwoorden" in view.take_laptop.toolTip()
    view._resolve("laptop")  # even if it were clicked
    assert view.problem.kind == "error" and "mogelijke antwoorden" in view.problem.text()
    assert view.tasks.pending == 0
    with vault.session() as session:
        assert len(conflicts(session)) == 1
    assert stored(vault, case_id, CHOICE) != "zelfstandig\ngeen"


def test_a_date_conflict_takes_only_a_whole_date(qtbot: QtBot, vault: OpenVault) -> None:
    case_id = with_conflict(vault, DATE, "1988-04-02", "1988-02-04")
    view = open_view(qtbot, vault)
    assert view.office.toPlainText() == "2 april 1988"
    assert view.laptop.toPlainText() == "4 februari 1988"
    date_edit = view.editor.date.edit
    assert date_edit.isVisible()
    date_edit.setFocus()
    date_edit.selectAll()
    qtbot.keyClicks(date_edit, "31-02-1988")
    qtbot.mouseClick(view.take_merged, Qt.MouseButton.LeftButton)
    assert view.problem.kind == "error" and view.tasks.pending == 0
    with vault.session() as session:
        assert len(conflicts(session)) == 1
    date_edit.selectAll()
    qtbot.keyClicks(date_edit, "2-4-1988")
    with qtbot.waitSignal(view.resolved):
        qtbot.mouseClick(view.take_merged, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.tasks.pending == 0)
    with vault.session() as session:
        assert get_case(session, case_id).case.person.date_of_birth.isoformat() == "1988-04-02"


def test_a_number_conflict_offers_only_its_range(qtbot: QtBot, vault: OpenVault) -> None:
    with_conflict(vault, NUMBER, 12, 14)
    view = open_view(qtbot, vault)
    spin = view.editor.number
    assert spin.isVisible() and (spin.minimum(), spin.maximum()) == (0, 30)
    assert "0 tot en met 30" in view.hint.text()


def test_text_merges_three_ways_and_shows_what_each_side_changed(
    qtbot: QtBot, vault: OpenVault
) -> None:
    base = "Lagere school, 6 jaar.\nDiploma niet gezien.\n"
    office = "Lagere school, 6 jaar in Aleppo.\nDiploma niet gezien.\n"
    laptop = "Lagere school, 6 jaar.\nDiploma gezien op 2 mei.\n"
    case_id = with_conflict(vault, NOTES, office, laptop, base=base, device="andere-laptop")
    view = open_view(qtbot, vault)
    assert view.laptop_label.text() == "Andere laptop"  # no consultant said
    # Each pane marks what that side changed since the common base.
    assert isinstance(view.office, QTextEdit)
    office_html = view.office.toHtml()
    assert "underline" in office_html and "Aleppo" in office_html
    assert "underline" not in office_html.split("Aleppo")[1]  # only what the office added
    assert view.changes_hint.isVisible()
    merged = "Lagere school, 6 jaar in Aleppo.\nDiploma gezien op 2 mei.\n"
    assert view.merged.toPlainText() == merged  # both changes, each once
    # as shown: the app's mnemonic keeper (ui/mnemonics.py) may have given it an Alt+letter
    assert view.take_merged.text().replace("&", "") == "Samengevoegde tekst gebruiken"
    with qtbot.waitSignal(view.resolved):
        qtbot.mouseClick(view.take_merged, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.tasks.pending == 0)
    assert stored(vault, case_id, NOTES) == merged.rstrip()


def test_a_place_both_changed_holds_both_versions_marked_and_explained(
    qtbot: QtBot, vault: OpenVault
) -> None:
    """Usability round 3: "Samengevoegde tekst" held only this laptop's version, marked
    yellow without a word why. Now both versions stand at that place, each in its side's
    colour and underlined, what one side changed alone in its colour, and a legend names
    the sides and says what the marks mean."""
    base = "Heeft twee kinderen.\nWoont in Ede.\n"
    office = "Heeft vier kinderen.\nWoont in Ede.\n"
    laptop = "Heeft drie kinderen.\nWoont in Arnhem.\n"
    with_conflict(vault, NOTES, office, laptop, base=base)
    view = open_view(qtbot, vault)
    text = view.merged.toPlainText()
    assert text == "Heeft vier kinderen.\nHeeft drie kinderen.\nWoont in Arnhem.\n"
    assert not any(glyph in text + view.hint.text() for glyph in ("<<<<<<<", "=======", ">>>>>>>"))
    marks = {
        mark.cursor.selectedText(): (
            mark.format.background().color().name(),
            mark.format.fontUnderline(),
        )
        for mark in view.merged.extraSelections()
    }
    office_colour, laptop_colour = MARK_COLOURS["office"], MARK_COLOURS["laptop"]
    assert marks["Heeft vier kinderen.\u2029"] == (office_colour, True)
    assert marks["Heeft drie kinderen.\u2029"] == (laptop_colour, True)
    assert marks["Woont in Arnhem.\u2029"] == (laptop_colour, False)  # this laptop alone
    legend = view.editor.legend
    assert legend.isVisibleTo(view)
    words = " ".join(QTextDocumentFragment.fromHtml(legend.text()).toPlainText().split())
    assert "Kantoor veranderde dit" in words
    assert "Deze laptop veranderde dit" in words
    assert "onderstreept: beide kanten veranderden dit stuk; beide versies staan er" in words
    assert office_colour in legend.text() and laptop_colour in legend.text()
    assert "1 plaats" in view.hint.text() and "eerst die van Kantoor" in view.hint.text()
    # the consultant keeps one version and resolves
    cursor = view.merged.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(len("Heeft vier kinderen.\n"), QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    with qtbot.waitSignal(view.resolved):
        qtbot.mouseClick(view.take_merged, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.tasks.pending == 0)
    with vault.session() as session:
        assert conflicts(session) == []


def test_without_a_known_start_both_texts_stand_apart_and_are_said(
    qtbot: QtBot, vault: OpenVault
) -> None:
    with_conflict(vault, NOTES, "toets afgenomen in Arnhem", "toets bij COA gedaan")
    view = open_view(qtbot, vault)
    assert view.merged.toPlainText() == "toets afgenomen in Arnhem\ntoets bij COA gedaan"
    assert "beide teksten, eerst die van Kantoor, dan die van Deze laptop" in view.hint.text()
    assert view.editor.legend.isVisibleTo(view)


def test_a_local_conflict_names_its_sides(qtbot: QtBot, vault: OpenVault) -> None:
    case_id = with_conflict(vault, NOTES, "a", "b")
    with vault.transaction() as session:
        row = session.get(ConflictRow, (case_id, NOTES))
        assert row is not None
        row.op_id = LOCAL_CONFLICT
    view = open_view(qtbot, vault)
    assert view.office_label.text().startswith("Nu in het dossier")
    assert view.laptop_label.text() == "Getypt in een verouderd venster"


def test_an_open_intake_shows_the_chosen_option_at_once(qtbot: QtBot, vault: OpenVault) -> None:
    case_id = with_conflict(vault, CHOICE, "zelfstandig", "geen")
    window = IntakeWindow(vault, case_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None)
    window.show_topic("digitale_vaardigheden")
    assert window.panel is not None
    editor = window.panel.editor("niveau")
    combo = editor.findChild(QComboBox)
    assert combo is not None
    window.map.setFocus()
    view = open_view(qtbot, vault)
    view.editor.combo.setCurrentIndex(view.editor.combo.findData("onbekend"))
    with qtbot.waitSignal(view.resolved):
        qtbot.mouseClick(view.take_merged, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: combo.currentText() == "Onbekend")
    window.tabs.setCurrentWidget(window.summary)
    qtbot.waitUntil(lambda: "Onbekend" in window.summary.toPlainText())
    assert "zelfstandig" not in window.summary.toPlainText().lower()
