"""A refused value is never shown as saved (issue 13, item 2): input a field cannot hold
(a number out of its range, a half-typed date, a text over its limit, a bad cell in a
group row) is said at the field, stays on screen (also after another topic and back),
is not saved (the vault keeps what it had, never an earlier keystroke or an empty
answer), and the header says "Niet opgeslagen: 1 waarde" instead of "Alles opgeslagen"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop import i18n
from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.protocol.messages import MAX_VALUE_BYTES
from inburg_desktop.services import intake_edit
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.intake.group_editor import GroupEditor


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    try:
        yield
    finally:
        i18n.set_language("nl")


def _open(qtbot: QtBot, vault: OpenVault, closed_by_test: bool = False) -> tuple[IntakeWindow, str]:
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1)
    window = IntakeWindow(vault, case_id)
    if not closed_by_test:  # it deletes itself on close
        qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None)
    return window, case_id


def _stored(vault: OpenVault, case_id: str, key: str) -> Any:
    with vault.session() as session:
        return get_case(session, case_id).fields.get(key)


def _retype(qtbot: QtBot, edit: QWidget, text: str) -> None:
    assert isinstance(edit, QLineEdit)
    edit.setFocus()
    edit.selectAll()
    if text:
        qtbot.keyClicks(edit, text)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Delete)


def _show(window: IntakeWindow, topic: str) -> None:
    window.show_topic(topic, focus=False)
    QApplication.processEvents()


def _integer_edit(window: IntakeWindow, field: str) -> QLineEdit:
    assert window.panel is not None
    widget = window.panel.editor(field).focus_target()
    assert isinstance(widget, QLineEdit)
    return widget


def test_a_number_out_of_range_is_refused_at_the_field_and_never_shown_as_saved(
    qtbot: QtBot, vault: OpenVault
) -> None:
    window, case_id = _open(qtbot, vault)
    key = "intake.opleiding.aantal_jaren"
    _show(window, "opleiding")
    edit = _integer_edit(window, "aantal_jaren")
    _retype(qtbot, edit, "9")
    window.autosave.flush()
    assert _stored(vault, case_id, key) == 9
    assert window.save_state.text().startswith("✓ Alles opgeslagen om")

    _retype(qtbot, edit, "4")  # acceptable on its own: pending ...
    qtbot.keyClicks(edit, "5")  # ... "45" is not (0-30): the "4" must not be saved
    window.autosave.flush()
    assert edit.text() == "45"
    assert _stored(vault, case_id, key) == 9  # neither 4, nor 45, nor cleared
    assert window.save_state.text() == "⚠ Niet opgeslagen: 1 waarde"
    assert "Aantal jaren onderwijs" in window.save_state.toolTip()
    message = window.findChild(QWidget, "opleiding.aantal_jaren:refused")
    assert message is not None and message.isVisible()
    assert "0 tot en met 30" in message.text()  # type: ignore[attr-defined]
    assert window.fields.get(key) == 9  # the summary and topic state see the vault's value

    # Pending, not lost: another topic and back, the 45 and its refusal are still there.
    _show(window, "werkervaring")
    _show(window, "opleiding")
    edit = _integer_edit(window, "aantal_jaren")
    assert edit.text() == "45"
    assert window.save_state.text() == "⚠ Niet opgeslagen: 1 waarde"

    _retype(qtbot, edit, "12")
    window.autosave.flush()
    assert _stored(vault, case_id, key) == 12
    assert window.save_state.text().startswith("✓ Alles opgeslagen om")
    assert "Aantal jaren onderwijs" not in window.save_state.toolTip()


def test_every_kind_of_refused_input_counts_as_not_saved(qtbot: QtBot, vault: OpenVault) -> None:
    """Date, text over its limit, a group's cell, a second number: each is kept, unsaved,
    and counted; clearing each brings back "Opgeslagen"."""
    window, case_id = _open(qtbot, vault)
    assert window.panel is not None
    _show(window, "leerbaarheid")
    date_edit = window.panel.editor("toets_datum").focus_target()
    before_date = _stored(vault, case_id, "intake.leerbaarheid.toets_datum")
    _retype(qtbot, date_edit, "31-02-2024")
    score = _integer_edit(window, "toets_score")
    _retype(qtbot, score, "41")
    window.autosave.flush()
    assert _stored(vault, case_id, "intake.leerbaarheid.toets_datum") == before_date
    assert window.save_state.text() == "⚠ Niet opgeslagen: 2 waarden"

    _show(window, "gezinssituatie")
    key = "intake.gezinssituatie.kinderen_overzicht"
    group = window.panel.editor("kinderen_overzicht")
    assert isinstance(group, GroupEditor)
    row = group.add_row()
    assert row is not None
    age = row.editors[0].focus_target()
    _retype(qtbot, age, "4")
    window.autosave.flush()
    saved_rows = _stored(vault, case_id, key)
    assert {"leeftijd": 4} in saved_rows
    _retype(qtbot, age, "45")  # a child's age runs 0-30: the row is not saved without it
    window.autosave.flush()
    assert _stored(vault, case_id, key) == saved_rows
    assert window.save_state.text() == "⚠ Niet opgeslagen: 3 waarden"

    _show(window, "opleiding")
    notes = window.panel.notes
    notes.focus_target().setFocus()
    before_notes = _stored(vault, case_id, "intake.opleiding.notes")
    notes.edit.setPlainText("x" * (notes.edit.maximum + 5))  # pasted: over the limit
    window.autosave.flush()
    assert notes.refusal() is not None
    assert _stored(vault, case_id, "intake.opleiding.notes") == before_notes
    assert window.save_state.text() == "⚠ Niet opgeslagen: 4 waarden"
    assert "Aantekeningen" in window.save_state.toolTip()

    # Clearing each one's input: nothing refused any more.
    notes.edit.setPlainText("")
    _show(window, "leerbaarheid")
    _retype(qtbot, window.panel.editor("toets_datum").focus_target(), "")
    _retype(qtbot, _integer_edit(window, "toets_score"), "")
    _show(window, "gezinssituatie")
    group = window.panel.editor("kinderen_overzicht")
    assert isinstance(group, GroupEditor)
    _retype(qtbot, group.rows[-1].editors[0].focus_target(), "3")
    window.autosave.flush()
    assert {"leeftijd": 3} in _stored(vault, case_id, key)
    window.autosave.flush()
    assert window.refused == {}
    assert window.save_state.text().startswith("✓ Alles opgeslagen om")


def test_the_refusal_is_said_in_the_ui_language(
    qtbot: QtBot, vault: OpenVault, english: None
) -> None:
    window, _case_id = _open(qtbot, vault)
    _show(window, "opleiding")
    _retype(qtbot, _integer_edit(window, "aantal_jaren"), "45")
    window.autosave.flush()  # the topic's "discussed" moment is saved meanwhile
    message = window.findChild(QWidget, "opleiding.aantal_jaren:refused")
    assert message is not None
    assert message.text() == "Not saved: enter a whole number from 0 to 30."  # type: ignore[attr-defined]
    assert window.save_state.text() == "⚠ Not saved: 1 value"


@pytest.mark.parametrize(
    ("topic", "field", "value"),
    [
        ("opleiding", "aantal_jaren", 45),
        ("opleiding", "aantal_jaren", "12"),
        ("opleiding", "aantal_jaren", True),
        ("leerbaarheid", "toets_datum", "31-02-2024"),
        ("gezinssituatie", "kinderen_overzicht", [{"leeftijd": 500}]),
        ("gezinssituatie", "kinderen_overzicht", [{"onbekend": 1}]),
        ("opleiding", "notes", 7),
    ],
)
def test_the_service_refuses_what_the_field_cannot_hold(topic: str, field: str, value: Any) -> None:
    catalogue = shipped_catalogue()
    with pytest.raises(intake_edit.AnswerRefused):
        intake_edit.answer_patch(catalogue, topic, field, value)


def test_the_service_takes_what_the_field_holds() -> None:
    catalogue = shipped_catalogue()
    choice = catalogue.field("leerbaarheid", "toets_uitkomst")
    accepted: list[tuple[str, str, Any]] = [
        ("opleiding", "aantal_jaren", 30),
        ("opleiding", "aantal_jaren", 0),
        ("opleiding", "aantal_jaren", None),
        ("leerbaarheid", "toets_datum", "2024-02-29"),
        ("leerbaarheid", "toets_uitkomst", choice.options[0].value),
        ("gezinssituatie", "kinderen_overzicht", [{"leeftijd": 4}]),
        ("opleiding", "notes", "tekst"),
    ]
    for topic, field, value in accepted:
        patch, _meta = intake_edit.answer_patch(catalogue, topic, field, value)
        assert patch == {f"intake.{topic}.{field}": value}


def test_a_value_the_vault_refuses_holds_back_nothing_else(qtbot: QtBot, vault: OpenVault) -> None:
    """A value the field let through but the vault refuses (too large to go to the office)
    is said at the field and in the header, the vault keeps what it had, and the answers
    typed with it and after it are saved all the same."""
    window, case_id = _open(qtbot, vault)
    _show(window, "opleiding")
    assert window.panel is not None
    notes_key, years_key = "intake.opleiding.notes", "intake.opleiding.aantal_jaren"
    before = _stored(vault, case_id, notes_key)
    huge = "x" * (MAX_VALUE_BYTES + 10)
    window.panel.notes.edit.setPlainText(huge)  # over its limit: refused by the field ...
    window._answer_changed("notes", huge)  # ... let through anyway, as a faulty editor would
    _retype(qtbot, _integer_edit(window, "aantal_jaren"), "7")
    window.autosave.flush()
    assert _stored(vault, case_id, notes_key) == before
    assert _stored(vault, case_id, years_key) == 7  # not held back by the refused notes
    assert window.save_state.text() == "⚠ Niet opgeslagen: 1 waarde"
    assert "te groot" in window.notice.text()
    assert window.fields.get(notes_key) == before

    _retype(qtbot, _integer_edit(window, "aantal_jaren"), "8")  # later edits go on saving
    window.autosave.flush()
    assert _stored(vault, case_id, years_key) == 8


def _question(window: IntakeWindow) -> QMessageBox:
    box = window.close_question
    assert box is not None and box.isVisible()
    return box


def _click(box: QMessageBox, text: str) -> None:
    (button,) = [b for b in box.buttons() if b.text() == text]
    button.click()


def test_closing_with_refused_input_asks_first(qtbot: QtBot, vault: OpenVault) -> None:
    """Ctrl+W with a refused value on screen asks; "Terug naar het veld" keeps the window
    and puts the cursor in the field, "Sluiten zonder deze waarden" closes (the vault keeps
    its value). Without refused input Ctrl+W closes at once."""
    window, case_id = _open(qtbot, vault, closed_by_test=True)
    before = _stored(vault, case_id, "intake.opleiding.aantal_jaren")  # the demo person's
    _show(window, "opleiding")
    _retype(qtbot, _integer_edit(window, "aantal_jaren"), "45")
    _show(window, "werkervaring")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    box = _question(window)
    assert "Aantal jaren onderwijs" in box.text()
    _click(box, "Terug naar het veld")
    assert window.isVisible()
    assert window.topic_id == "opleiding"
    edit = _integer_edit(window, "aantal_jaren")
    assert edit.text() == "45"
    qtbot.waitUntil(edit.hasFocus)

    with qtbot.waitSignal(window.destroyed):
        qtbot.keyClick(edit, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
        _click(_question(window), "Sluiten zonder deze waarden")
    assert _stored(vault, case_id, "intake.opleiding.aantal_jaren") == before != 45


def test_lock_closes_without_asking(qtbot: QtBot, vault: OpenVault) -> None:
    window, _case_id = _open(qtbot, vault, closed_by_test=True)
    _show(window, "opleiding")
    _retype(qtbot, _integer_edit(window, "aantal_jaren"), "45")
    with qtbot.waitSignal(window.destroyed):
        window.close()  # what the lock does for every window
    assert all(not isinstance(w, QMessageBox) for w in QApplication.topLevelWidgets())
