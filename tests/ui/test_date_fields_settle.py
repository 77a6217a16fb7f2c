"""What a date field shows once the consultant has typed (usability round 3, findings 3 and
13): the date read is shown back as ``dd-mm-jjjj`` on leaving the field or on Enter; a
refusal beneath a field (the field's own or the form's) goes as soon as it holds a date;
a refusal in a form never saved says what that form has not done yet; and every date field
of every window is wide enough for its placeholder and any date, in Dutch and in English
(measured with the field's own font metrics on the real, laid-out widgets)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QStyle, QStyleOptionFrame
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import use_language
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.intake.oproepen_panel import OproepenPanel
from inburg_desktop.ui.intake.session_dialog import SessionDialog
from inburg_desktop.ui.new_case_dialog import NewCaseDialog

from .every_window import every_window

QLINEEDIT_MARGIN = 2
"""QLineEdit keeps 2 px free on each side of its text (``horizontalMargin``, qlineedit_p.h)."""

TYPED_AND_SHOWN = {
    "12031990": "12-03-1990",
    "12-3-1990": "12-03-1990",
    "12/3/1990": "12-03-1990",
    "12 maart 1990": "12-03-1990",
    "1990-03-12": "12-03-1990",
    " 1-2-2021 ": "01-02-2021",
}


@pytest.fixture(autouse=True)
def _back_to_dutch() -> Iterator[None]:
    yield
    use_language("nl")


def retype(qtbot: QtBot, field: DateInput, text: str) -> None:
    """Give the field the keyboard, replace its text by typing ``text``."""
    field.window().activateWindow()
    field.edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: field.edit.hasFocus())
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field.edit, text)


def leave(qtbot: QtBot, field: DateInput) -> None:
    """Take the keyboard away from the field, as Tab or a click elsewhere does."""
    field.edit.clearFocus()
    qtbot.waitUntil(lambda: not field.edit.hasFocus())


def text_room(field: DateInput) -> int:
    """The pixels the field's line edit has for text: its contents rectangle as the style
    lays it out for painting, less the text margins and QLineEdit's own margin."""
    edit = field.edit
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    contents = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    metrics = edit.fontMetrics()
    bearings = max(0, -metrics.minLeftBearing()) + max(0, -metrics.minRightBearing())
    return contents.width() - margins.left() - margins.right() - 2 * QLINEEDIT_MARGIN - bearings


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_date_field_fits_its_placeholder_and_any_date_and_shows_a_typed_date_normally(
    qtbot: QtBot, vault: OpenVault, vault_path: Path, language: str
) -> None:
    assert use_language(language) == language
    seen: set[str] = set()
    for shown in every_window(qtbot, vault, vault_path):
        for field in shown.window.findChildren(DateInput):
            if not field.isVisible():
                continue
            where = f"{language} {shown.name}: {field.objectName() or field.edit.objectName()}"
            seen.add(shown.name.split("[")[0])
            metrics = field.edit.fontMetrics()
            needed = {
                field.edit.placeholderText(): metrics.horizontalAdvance(
                    field.edit.placeholderText()
                ),
                **{
                    f"{d}{d}-{d}{d}-{d * 4}": metrics.horizontalAdvance(f"{d}{d}-{d}{d}-{d * 4}")
                    for d in "0123456789"
                },
            }
            room = text_room(field)
            for text, width in needed.items():
                assert width <= room, f"{where}: {text!r} needs {width} px, has {room}"
            if not field.isEnabled():
                continue
            before = field.text()
            retype(qtbot, field, "12031990")
            leave(qtbot, field)
            assert field.text() == "12-03-1990", where
            retype(qtbot, field, before)
            leave(qtbot, field)
    # the windows with date fields: Nieuw dossier, Dossiergegevens, PIP editor, intake
    assert {"NewCaseDialog", "CaseDetailsDialog", "PipEditorWindow", "IntakeWindow"} <= seen


@pytest.mark.parametrize(("typed", "normal"), TYPED_AND_SHOWN.items())
def test_a_typed_date_is_shown_in_its_normal_form_on_enter_and_on_leaving(
    qtbot: QtBot, typed: str, normal: str
) -> None:
    field = DateInput(optional=True)
    qtbot.addWidget(field)
    field.show()
    changes: list[None] = []
    field.changed.connect(lambda: changes.append(None))
    retype(qtbot, field, typed)
    edits = len(changes)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert field.text() == normal
    assert len(changes) == edits  # showing it normally is no edit
    retype(qtbot, field, typed)
    edits = len(changes)
    leave(qtbot, field)
    assert field.text() == normal
    assert len(changes) == edits
    retype(qtbot, field, "31-02-2021")  # no date: kept as typed, refused beneath it
    leave(qtbot, field)
    assert field.text() == "31-02-2021" and field.message.isVisible()


def test_nieuw_dossier_takes_its_refusal_away_once_the_date_is_a_date(
    qtbot: QtBot, vault: OpenVault
) -> None:
    dialog = NewCaseDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save()  # nothing filled in: the first required date is refused at its field
    key = next(
        k
        for k, w in dialog.fields.items()
        if isinstance(w, DateInput) and w.problem() is not None and w.isEnabled()
    )
    error = dialog.findChild(QLabel, f"error:{key}")
    assert error is not None
    qtbot.waitUntil(error.isVisible)
    # the field says what is wrong; the notice above the buttons that nothing is made yet
    assert "Het dossier is nog niet aangemaakt" in dialog.notice.label.text()
    assert "niets opgeslagen" not in error.text() + dialog.notice.label.text()
    field = dialog.fields[key]
    assert isinstance(field, DateInput)
    retype(qtbot, field, "15-06")  # still no date: the refusal stays
    assert error.isVisible()
    retype(qtbot, field, "15-06-2021")
    assert not error.isVisible()
    assert not field.message.isVisible()


def test_a_correction_says_it_is_not_stored_yet(qtbot: QtBot, vault: OpenVault) -> None:
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 1)[0]
    dialog = NewCaseDialog(vault, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.fields["person.date_of_birth"]
    assert isinstance(field, DateInput)
    retype(qtbot, field, "31-02-1990")
    dialog.save()
    error = dialog.findChild(QLabel, "error:person.date_of_birth")
    assert error is not None
    qtbot.waitUntil(error.isVisible)
    assert "De correctie is nog niet opgeslagen" in dialog.notice.label.text()
    retype(qtbot, field, "28-02-1990")
    assert not error.isVisible()


def test_the_oproepen_panel_takes_its_refusal_away_once_the_date_is_a_date(
    qtbot: QtBot,
) -> None:
    panel = OproepenPanel(date(2026, 4, 15))
    qtbot.addWidget(panel)
    panel.show()
    retype(qtbot, panel.date, "31-02-2026")
    panel.add.click()
    assert panel.problem.has_message
    retype(qtbot, panel.date, "28-02-2026")
    assert not panel.problem.has_message


def test_the_session_record_says_an_empty_date_at_the_field(qtbot: QtBot) -> None:
    dialog = SessionDialog(date(2026, 4, 15), 45)
    qtbot.addWidget(dialog)
    dialog.show()
    retype(qtbot, dialog.date, "")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.date.message.isVisible()
    assert "dd-mm-jjjj" in dialog.date.message.text()
    retype(qtbot, dialog.date, "14-04-2026")
    assert not dialog.date.message.isVisible()
    assert QApplication.focusWidget() is dialog.date.edit
