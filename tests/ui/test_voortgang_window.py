"""A progress talk amends the PIP and the new version renders (issue 15, Must show).

The demo's signed PIP (set 60 days before "today", talks planned when it was set): the
talk window is driven with keys — a question stepped on the interpreter view in Arabic,
notes typed, the proposals for the agreements taken, what was agreed next typed, the
satisfaction about MAP chosen (its question shown to the newcomer as the box gets the
keyboard), the talk recorded as held — and "PIP wijzigen naar aanleiding van dit gesprek"
starts an amendment with the talk as its reason. The PIP editor opens on that draft in
amendment mode; ten talks instead of eight are typed in, the version is set through the
editor's confirmation, and its PDF (pdftotext) holds the new content and the reason with
the talk's date. The talks are re-planned from the new version.
With INBURG_SCREENSHOTS=1 it writes the talk window and its interpreter view in Arabic
to docs/ (1366×768)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import SIGNED_INDEX
from inburg_desktop.domain.satisfaction import Onderwerp, Tevredenheid
from inburg_desktop.domain.voortgang import Stand
from inburg_desktop.i18n import set_language
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.prompts.translations import prompt_text
from inburg_desktop.services import consulent, pip_editing, voortgang
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_events import case_events
from inburg_desktop.ui.fonts import register_fonts
from inburg_desktop.ui.pip import PipEditorWindow
from inburg_desktop.ui.voortgang import TalkWindow

from .pdf_text import pdf_text
from .pip_confirm import CONSULENT, set_through_confirmation

TODAY = date(2026, 11, 2)
DOCS = Path(__file__).resolve().parents[2] / "docs"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def case_id(vault: OpenVault) -> str:
    consulent.save_name(vault, CONSULENT)
    with vault.transaction() as session:
        return add_demo_cases(session, 12, TODAY)[SIGNED_INDEX]


def open_window(qtbot: QtBot, vault: OpenVault, case_id: str) -> TalkWindow:
    window = TalkWindow(vault, case_id, today=TODAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=10000):
        window.show()
    return window


def test_a_progress_talk_amends_the_pip_and_the_new_version_renders(
    qtbot: QtBot, vault: OpenVault, case_id: str
) -> None:
    set_language("nl")
    window = open_window(qtbot, vault, case_id)
    assert window.nummer == 1
    assert window.talk_box.currentText() == (
        "Gesprek 1 van 8: gepland op 4 okt 2026, nog niet gehouden"
    )

    # the questions on the interpreter view, in Arabic, stepped from the talk window
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    view = window.interpreter
    assert view is not None
    qtbot.addWidget(view)
    view.set_language("ar")
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert window.current_prompt_id() == "gesprek_taal.lessen"
    assert view.prompt.text() == prompt_text("prompt.gesprek_taal.lessen", "ar")
    assert view.concept.isVisible()  # an unreviewed draft says so

    # notes, the agreements (proposals taken, the next step for the one behind)
    window.notes.setFocus()
    qtbot.keyClicks(window.notes, "Volgt de lessen; aanmelding liep vertraging op.")
    window.take_button.setFocus()
    qtbot.keyClick(window.take_button, Qt.Key.Key_Space)
    stand = window.panel.stands[0]
    assert stand.currentData() == Stand.ACHTER.value  # its date passed, still open
    assert window.panel.warnings[0].isVisibleTo(window)  # behind: what now?
    qtbot.keyClicks(window.panel.vervolg[0], "Aanmelding samen afronden deze week.")
    assert not window.panel.warnings[0].isVisibleTo(window)

    # the satisfaction question: the box with the keyboard shows its question
    box = window.satisfaction[Onderwerp.MAP]
    box.setFocus()
    qtbot.waitUntil(lambda: window.current_prompt_id() == "gesprek_tevredenheid.map")
    assert view.prompt.text() == prompt_text("prompt.gesprek_tevredenheid.map", "ar")
    for _step in range(4):  # — nog niet gevraagd → … → Tevreden
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentData() == Tevredenheid.TEVREDEN.value

    # held today: what was typed is saved first, then the day is recorded
    window.hold_button.setFocus()
    with qtbot.waitSignal(window.held, timeout=10000):
        qtbot.keyClick(window.hold_button, Qt.Key.Key_Space)
    talk = voortgang.list_talks(vault, case_id, TODAY).talk(1)
    assert talk.gehouden == TODAY
    assert talk.notities == "Volgt de lessen; aanmelding liep vertraging op."
    assert talk.stand(0) is Stand.ACHTER and talk.stand(1) is Stand.OP_SCHEMA
    assert talk.vervolg_van(0) == "Aanmelding samen afronden deze week."
    assert talk.antwoord(Onderwerp.MAP) is Tevredenheid.TEVREDEN
    qtbot.waitUntil(lambda: window.amend_button.isEnabled())

    # "PIP wijzigen naar aanleiding van dit gesprek": the reason, then the editor
    window.amend_button.setFocus()
    qtbot.keyClick(window.amend_button, Qt.Key.Key_Space)
    dialog = window.amend_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.reason_edit, "Meer gesprekken in het eerste halfjaar.")
    ok = dialog.buttons.buttons()[0]
    assert ok.text().replace("&", "") == "Wijziging starten"
    with qtbot.waitSignal(window.amendment_started, timeout=10000) as started:
        ok.setFocus()
        qtbot.keyClick(ok, Qt.Key.Key_Space)
    editor = started.args[0]
    assert isinstance(editor, PipEditorWindow)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.context is not None)
    reason = "Naar aanleiding van voortgangsgesprek 1 van 2 november 2026: Meer gesprekken"
    assert editor.amending and editor.reason.toPlainText().startswith(reason)
    assert editor.history.draft is not None and editor.history.draft.nummer == 2

    # the new version's content, typed in the editor, set through its confirmation
    field = editor.form.gesprekken
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(field, "1, 2, 3, 4, 5, 6, 9, 12, 18, 24")
    qtbot.waitUntil(lambda: editor.side.missing_texts == [], timeout=10000)
    set_through_confirmation(qtbot, editor)
    qtbot.waitUntil(lambda: editor.history.draft is None)  # set: no draft pending
    in_force = editor.history.in_force
    assert in_force is not None and (in_force.nummer, in_force.based_on) == (2, 1)
    assert in_force.reden.startswith(reason)

    # the new version renders as before, with its content and its reason and date
    text = pdf_text(pip_editing.current_pdf(vault, case_id, render_pip))
    assert "Dit besluit vervangt versie 1 van uw plan." in text
    assert (
        "Reden: Naar aanleiding van voortgangsgesprek 1 van 2 november 2026: Meer "
        "gesprekken in het eerste halfjaar." in text
    )
    assert "U hebt ongeveer 10 voortgangsgesprekken" in text
    # and the talks follow the new version: talk 1 held, nine more planned
    talks = voortgang.list_talks(vault, case_id, TODAY).talks
    assert [t.nummer for t in talks if t.gepland is not None][-1] == 10


def test_the_window_refuses_what_a_talk_cannot_hold(
    qtbot: QtBot, vault: OpenVault, case_id: str
) -> None:
    set_language("nl")
    window = open_window(qtbot, vault, case_id)
    # held before the termijn started: refused in words, nothing recorded
    window.held_date.set_text("01-01-2026")
    window.hold_button.setFocus()
    qtbot.keyClick(window.hold_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.notice.kind == "error")
    assert "inburgeringstermijn" in window.notice.text()
    # no amendment before the talk is held
    assert not window.amend_button.isEnabled()
    assert voortgang.list_talks(vault, case_id, TODAY).talk(1).gehouden is None
    # a direction override pasted into the next step is refused at once and not saved
    QApplication.clipboard().setText("a\u202eb")
    qtbot.keyClick(window.panel.vervolg[0], Qt.Key.Key_V, CTRL)
    assert window.panel.vervolg[0].text() == "a\u202eb"
    assert window.notice.kind == "error" and "schrijfrichting" in window.notice.text()
    window.autosave.flush()
    assert voortgang.list_talks(vault, case_id, TODAY).talk(1).vervolg_van(0) == ""


def test_talk_screenshot_in_arabic_at_1366x768(
    qtbot: QtBot, vault: OpenVault, case_id: str
) -> None:
    """The talk window at 1366×768 with the interpreter view in Arabic beside it: every
    agreement row and the satisfaction boxes fit without sideways scrolling. With
    INBURG_SCREENSHOTS=1 it writes docs/voortgangsgesprek.png and
    docs/voortgangsgesprek-tolkscherm-ar.png."""
    register_fonts()
    set_language("nl")
    window = open_window(qtbot, vault, case_id)
    window.resize(1366, 768)
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    view = window.interpreter
    assert view is not None
    qtbot.addWidget(view)
    view.set_language("ar")
    view.resize(1366, 768)
    window.satisfaction[Onderwerp.PVT].setFocus()
    qtbot.waitUntil(lambda: window.current_prompt_id() == "gesprek_tevredenheid.pvt")
    assert view.prompt.text() == prompt_text("prompt.gesprek_tevredenheid.pvt", "ar")
    assert view.prompt.layoutDirection() == Qt.LayoutDirection.RightToLeft
    scroll = window.form_area
    qtbot.waitUntil(lambda: all(box.isVisible() for box in window.panel.stands))
    assert len(window.panel.stands) == 2  # the demo PIP's two agreements
    qtbot.waitUntil(lambda: not scroll.horizontalScrollBar().isVisible())
    if os.environ.get("INBURG_SCREENSHOTS") == "1":
        assert window.grab().save(str(DOCS / "voortgangsgesprek.png"))
        assert view.grab().save(str(DOCS / "voortgangsgesprek-tolkscherm-ar.png"))


def test_a_change_from_elsewhere_is_shown_and_the_keyboard_stays(
    qtbot: QtBot, vault: OpenVault, case_id: str
) -> None:
    """A sync (or a resolved conflict) changed the talk: the window reads it again, with
    what was typed here written first, and the keyboard stays in its field."""
    set_language("nl")
    window = open_window(qtbot, vault, case_id)
    vervolg = window.panel.vervolg[1]
    vervolg.setFocus()
    qtbot.keyClicks(vervolg, "Elke week")
    # "the other laptop" (written straight into the vault, as a pull does)
    voortgang.save_talk(vault, case_id, 1, {"voortgang.1.notities": "Van de andere laptop."})
    with qtbot.waitSignal(window.loaded, timeout=10000, raising=False):
        case_events().case_changed.emit(case_id)
    qtbot.waitUntil(lambda: window.notes.toPlainText() == "Van de andere laptop.")
    talk = voortgang.list_talks(vault, case_id, TODAY).talk(1)
    assert talk.vervolg_van(1) == "Elke week"  # written before the re-read
    assert window.panel.vervolg[1].text() == "Elke week"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.panel.vervolg[1])
