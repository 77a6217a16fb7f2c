"""Free text is limited where the consultant types it, with a message in words beside the
editor (issue 10, item 2): what is saved always fits what the office protocol accepts.

Driven through real widgets (pytest-qt, offscreen): a 275 KB note pasted into an intake
topic's notes is cut at 20,000 characters and the message says how much was left out, and
what autosave stores goes to the office; a stored text longer than the limit is shown whole
and may only get shorter; one-line answers, the session record, the COA correction, the
route choice, the conflict merge, a group's rows and the PIP's rows and texts hold their
limits; a PIP too large for one value says so while it is edited and is refused whole."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.pip import Begeleiding, BegeleidingSoort
from inburg_desktop.messages import error_text
from inburg_desktop.prompts.catalogue import Field
from inburg_desktop.services import pip_service
from inburg_desktop.services.intake_coa import CoaItem
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.changes import sync_problem
from inburg_desktop.storage.sync_state import Conflict, replace_conflicts
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.conflict_view import ConflictView
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.intake.coa_box import CoaItemView
from inburg_desktop.ui.intake.field_editors import LongTextEditor, TextEditor
from inburg_desktop.ui.intake.group_editor import GroupEditor, make_editor, row_limit
from inburg_desktop.ui.intake.session_dialog import SessionDialog
from inburg_desktop.ui.pip import PipEditorWindow
from inburg_desktop.ui.pip.rows import BegeleidingRow
from inburg_desktop.ui.text_limits import LONG_TEXT_MAX, SHORT_TEXT_MAX

from .merge_edits import keep_both_sides

NOTE_275_KB = "Uitgebreid verslag van de intake, regel voor regel. " * 5_300
CTRL = Qt.KeyboardModifier.ControlModifier


def paste(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Put ``text`` on the clipboard and paste it with Ctrl+V into ``widget``."""
    QGuiApplication.clipboard().setText(text)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_V, CTRL)


def field(topic: str, field_id: str) -> Field:
    return shipped_catalogue().field(topic, field_id)


def test_a_275_kb_paste_into_the_notes_is_cut_and_what_is_saved_can_go(
    qtbot: QtBot, vault: OpenVault
) -> None:
    assert len(NOTE_275_KB.encode()) > 275_000
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1)
    window = IntakeWindow(vault, case_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None)
    assert window.panel is not None
    notes = window.panel.notes
    notes.edit.setFocus()
    qtbot.keyClick(notes.edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(notes.edit, Qt.Key.Key_Delete)
    paste(qtbot, notes.edit, NOTE_275_KB)
    assert notes.edit.length == LONG_TEXT_MAX
    assert notes.limit.text() == (
        "Hier passen hoogstens 20.000 tekens; 255.600 tekens zijn niet overgenomen."
    )
    window.autosave.flush()
    key = f"intake.{window.topic_id}.notes"
    with vault.session() as session:
        stored = get_case(session, case_id).fields[key]
    assert stored == NOTE_275_KB[:LONG_TEXT_MAX].strip()
    assert sync_problem(key, stored) is None
    # Deleting below the limit clears the message.
    notes.edit.setFocus()
    qtbot.keyClick(notes.edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(notes.edit, "kort")
    assert notes.limit.text() == ""


def test_typing_at_the_limit_stops_and_a_counter_shows_before_it(qtbot: QtBot) -> None:
    editor = make_editor(field("opleiding", "notes"))
    assert isinstance(editor, LongTextEditor)
    qtbot.addWidget(editor)
    editor.show()
    editor.set_value("a" * (LONG_TEXT_MAX - 2))
    assert editor.limit.text() == "19.998 van hoogstens 20.000 tekens."
    changes: list[object] = []
    editor.changed.connect(lambda: changes.append(editor.value()))
    editor.edit.moveCursor(editor.edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.edit, "bcde")
    assert editor.edit.toPlainText() == "a" * (LONG_TEXT_MAX - 2) + "bc"
    # The last key was the second one refused.
    assert editor.limit.text() == (
        "Hier passen hoogstens 20.000 tekens; 1 teken is niet overgenomen."
    )
    assert changes and changes[-1] == "a" * (LONG_TEXT_MAX - 2) + "bc"


def test_a_stored_text_over_the_limit_is_shown_whole_and_may_only_get_shorter(
    qtbot: QtBot,
) -> None:
    editor = make_editor(field("opleiding", "notes"))
    assert isinstance(editor, LongTextEditor)
    qtbot.addWidget(editor)
    editor.show()
    old = "é" * 25_000
    editor.set_value(old)
    assert editor.value() == old  # never cut on loading
    assert "25.000 tekens lang" in editor.limit.text()
    assert "tot dan wordt deze wijziging niet opgeslagen" in editor.limit.text()
    changes: list[object] = []
    editor.changed.connect(lambda: changes.append(editor.value()))
    editor.edit.moveCursor(editor.edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.edit, "meer")
    assert editor.value() == old and changes == []  # it cannot grow, nothing is saved
    qtbot.keyClick(editor.edit, Qt.Key.Key_Backspace)
    assert editor.edit.length == 24_999 and changes == []  # shorter, still too long
    qtbot.keyClick(editor.edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(editor.edit, "ingekort")
    assert changes[-1] == "ingekort" and editor.limit.text() == ""


def test_one_line_answers_hold_1000_characters_and_a_longer_stored_one_stays_whole(
    qtbot: QtBot,
) -> None:
    editor = make_editor(field("opleiding", "richting_vak"))
    assert isinstance(editor, TextEditor)
    qtbot.addWidget(editor)
    editor.show()
    paste(qtbot, editor.edit, "x" * 5_000)
    assert len(editor.value()) == SHORT_TEXT_MAX
    assert editor.limit.text() == "Hier passen hoogstens 1.000 tekens; meer kan niet."
    editor.set_value("y" * 3_000)
    assert editor.value() == "y" * 3_000
    assert "3.000 tekens lang" in editor.limit.text()


def test_the_session_record_coa_correction_and_route_reason_hold_their_limits(
    qtbot: QtBot, vault: OpenVault
) -> None:
    dialog = SessionDialog(date(2026, 11, 2), 45)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.interpreter.setCurrentIndex(1)
    for edit in (dialog.agency, dialog.reference, dialog.language, dialog.others):
        paste(qtbot, edit, "z" * 4_000)
        assert len(edit.text()) == SHORT_TEXT_MAX
    record = dialog.record()
    assert len(record.tolk_bureau) == SHORT_TEXT_MAX
    assert sync_problem(record.key, record.as_json()) is None

    item = CoaItem("handover.notes.opleiding", "opleiding", "Opleiding", "mbo", False, False)
    view = CoaItemView(item)
    qtbot.addWidget(view)
    view.show()
    qtbot.mouseClick(view.correct_button, Qt.MouseButton.LeftButton)
    paste(qtbot, view.editor, NOTE_275_KB)
    assert view.editor.length == LONG_TEXT_MAX
    assert "niet overgenomen" in view.limit.text()

    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1)
    window = IntakeWindow(vault, case_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None)
    paste(qtbot, window.route_panel.reason, NOTE_275_KB)
    assert window.route_panel.reason.length == LONG_TEXT_MAX


def test_a_group_takes_no_more_rows_than_one_value_can_hold(qtbot: QtBot) -> None:
    item = field("gezinssituatie", "gezinsleden")
    editor = GroupEditor(item)
    qtbot.addWidget(editor)
    editor.show()
    limit = row_limit(item)
    assert limit == 50
    for _ in range(limit):
        assert editor.add_row() is not None
    assert editor.add_row() is None
    assert editor.limit.text() == "Hier passen hoogstens 50 rijen."
    # Rows stored before are all shown.
    editor.set_value([{"relatie": "kind"}] * 60)
    assert len(editor.rows) == 60


def test_pip_rows_hold_their_limit_and_say_so_beneath_the_row(qtbot: QtBot) -> None:
    row = BegeleidingRow()
    qtbot.addWidget(row)
    row.show()
    paste(qtbot, row.omschrijving, "w" * 3_000)
    assert len(row.value().omschrijving) == SHORT_TEXT_MAX
    assert row.message.text() == "Hier passen hoogstens 1.000 tekens; meer kan niet."
    long_stored = Begeleiding(BegeleidingSoort.TAALMAATJE, "v" * 1_500, "Vluchtelingenwerk")
    row.set_value(long_stored)
    assert row.value().omschrijving == "v" * 1_500


def test_a_pip_too_large_for_one_value_says_so_and_is_refused_whole(
    qtbot: QtBot, vault: OpenVault
) -> None:
    today = date(2026, 11, 2)
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 3, today)[2]
    window = PipEditorWindow(vault, case_id, today=today)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None)
    ethiopic = "ሰላም" * 333  # 999 characters, 3 bytes each in UTF-8
    rows = [Begeleiding(BegeleidingSoort.OVERIG, ethiopic, ethiopic) for _ in range(50)]
    window.form.begeleiding.set_values(rows)
    qtbot.keyClicks(window.form.toelichting, "Zie de begeleiding.")  # an edit by hand
    qtbot.waitUntil(lambda: any("te groot" in t for t in window.side.missing_texts))
    (text,) = [t for t in window.side.missing_texts if "te groot" in t]
    assert text.startswith("Dit PIP is te groot om op te slaan en naar kantoor te sturen (")
    assert "hoogstens 256 kB" in text
    with vault.session() as session:
        before = get_case(session, case_id).fields
    with pytest.raises(pip_service.PipTooLarge) as err, vault.transaction() as session:
        pip_service.save_draft(
            session, case_id, window.form.value(), window.plan.value(today), today
        )
    assert error_text(err.value) == text  # the same sentence the editor showed
    with vault.session() as session:
        assert get_case(session, case_id).fields == before
    window.save_draft()
    qtbot.waitUntil(lambda: "te groot" in window.notice.text())
    assert window.notice.text().startswith("Dit PIP is te groot")


def test_a_merge_of_two_long_texts_fits_and_no_more_can_be_typed(
    qtbot: QtBot, vault: OpenVault
) -> None:
    key = "intake.opleiding.notes"
    office, laptop = "k" * LONG_TEXT_MAX, "l" * LONG_TEXT_MAX
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1)
        replace_conflicts(session, case_id, [Conflict(case_id, key, office, laptop, 3)], 1)
    view = ConflictView(vault)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.items.count() == 1)  # read off the GUI thread
    # No common base known: both whole texts, the office's first, marked, no marker lines
    keep_both_sides(view)
    assert view.merged.toPlainText() == f"{office}\n{laptop}"
    view.merged.moveCursor(view.merged.textCursor().MoveOperation.End)
    qtbot.keyClicks(view.merged, "!")
    assert view.merged.toPlainText() == f"{office}\n{laptop}"  # no more can be typed
    with qtbot.waitSignal(view.resolved):  # written off the GUI thread
        qtbot.mouseClick(view.take_merged, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.tasks.pending == 0)
    with vault.session() as session:
        stored = get_case(session, case_id).fields[key]
    assert stored == f"{office}\n{laptop}"
    assert sync_problem(key, stored) is None
