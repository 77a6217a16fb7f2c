"""The talk window after its acts (usability round 7, findings 9 and 15).

- #15: an empty talk (no notes, no progress per agreement, satisfaction not asked) was
  recorded as held without a word, and nothing in the window could take it back. It now
  asks first, with Annuleren as the default, and a talk recorded here can be taken back
  (Ctrl+Z, "Gehouden ongedaan maken") until a sync sent it to the office.
- #9: "Wijziging van het PIP gestart; werk haar uit in de PIP-editor." stayed after
  versie 2 was set in the PIP editor and the editor was closed: the window follows the
  case's PIP versions and says what holds now.

The demo's signed PIP, keys where the consultant uses keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from inburg_desktop.i18n import set_language
from inburg_desktop.services import voortgang
from inburg_desktop.services.vault_session import on_write
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_events import case_events
from inburg_desktop.ui.pip import PipEditorWindow

from .pip_confirm import set_through_confirmation
from .test_voortgang_window import CTRL, TODAY, case_id, open_window

__all__ = ["case_id"]  # the fixture, used by name


def _held(vault: OpenVault, case_id: str) -> object:
    return voortgang.list_talks(vault, case_id, TODAY).talk(1).gehouden


def test_an_empty_talk_is_recorded_only_after_a_question(
    qtbot: QtBot, vault: OpenVault, case_id: str
) -> None:
    set_language("nl")
    window = open_window(qtbot, vault, case_id)
    assert window.missing_parts() == [
        "geen aantekeningen",
        "geen voortgang per afspraak",
        "de tevredenheid is niet gevraagd",
    ]
    window.hold_button.setFocus()
    qtbot.keyClick(window.hold_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.confirm_box is not None and window.confirm_box.isVisible())
    box = window.confirm_box
    assert isinstance(box, QMessageBox)
    assert "U heeft nog niets vastgelegd bij gesprek 1" in box.text()
    assert "Besluit inburgering 2021 art. 5.3 lid 4" in box.text()
    assert box.defaultButton().text().replace("&", "") == "Annuleren"
    # a stray Enter records nothing
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.confirm_box is None)
    assert _held(vault, case_id) is None
    # asked again, "Toch vastleggen" records it
    qtbot.keyClick(window.hold_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.confirm_box is not None and window.confirm_box.isVisible())
    box = window.confirm_box
    assert box is not None
    record = next(b for b in box.buttons() if "Toch vastleggen" in b.text())
    with qtbot.waitSignal(window.held, timeout=10000):
        record.click()
    assert _held(vault, case_id) == TODAY
    assert window.undo_button.isVisible()
    assert "Ctrl+Z" in window.notice.text()


def test_a_talk_with_notes_is_recorded_without_a_question(
    qtbot: QtBot, vault: OpenVault, case_id: str
) -> None:
    set_language("nl")
    window = open_window(qtbot, vault, case_id)
    window.notes.setFocus()
    qtbot.keyClicks(window.notes, "Gaat goed met de lessen.")
    window.hold_button.setFocus()
    with qtbot.waitSignal(window.held, timeout=10000):
        qtbot.keyClick(window.hold_button, Qt.Key.Key_Space)
    assert window.confirm_box is None
    assert _held(vault, case_id) == TODAY


def test_a_talk_recorded_here_is_taken_back_with_ctrl_z(
    qtbot: QtBot, vault: OpenVault, case_id: str
) -> None:
    set_language("nl")
    window = open_window(qtbot, vault, case_id)
    window.notes.setFocus()
    qtbot.keyClicks(window.notes, "Kort gesprek.")
    window.hold_button.setFocus()
    with qtbot.waitSignal(window.held, timeout=10000):
        qtbot.keyClick(window.hold_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.amend_button.isEnabled())
    window.hold_button.setFocus()
    qtbot.keyClick(window.hold_button, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: _held(vault, case_id) is None)
    qtbot.waitUntil(lambda: "weer op de agenda" in window.notice.text())
    assert not window.undo_button.isVisible()
    # the talk's notes stay; only "held" was taken back
    assert voortgang.list_talks(vault, case_id, TODAY).talk(1).notities == "Kort gesprek."
    qtbot.waitUntil(lambda: not window.amend_button.isEnabled())


def test_the_window_follows_the_pip_set_in_the_editor(
    qtbot: QtBot, vault: OpenVault, case_id: str
) -> None:
    set_language("nl")
    # as the main window does for the app: every committed write is announced
    stop = on_write(vault, case_events().vault_written.emit)
    window = open_window(qtbot, vault, case_id)
    window.notes.setFocus()
    qtbot.keyClicks(window.notes, "Meer gesprekken nodig.")
    window.hold_button.setFocus()
    with qtbot.waitSignal(window.held, timeout=10000):
        qtbot.keyClick(window.hold_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.amend_button.isEnabled())
    window.amend_button.setFocus()
    qtbot.keyClick(window.amend_button, Qt.Key.Key_Space)
    dialog = window.amend_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.reason_edit, "Meer gesprekken in het eerste halfjaar.")
    ok = dialog.buttons.buttons()[0]
    with qtbot.waitSignal(window.amendment_started, timeout=10000) as started:
        ok.click()
    editor = started.args[0]
    assert isinstance(editor, PipEditorWindow)
    qtbot.waitUntil(lambda: editor.context is not None)
    assert "Wijziging van het PIP gestart" in window.notice.text()

    field = editor.form.gesprekken
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(field, "1, 2, 3, 4, 5, 6, 9, 12, 18, 24")
    qtbot.waitUntil(lambda: editor.side.missing_texts == [], timeout=10000)
    set_through_confirmation(qtbot, editor)
    qtbot.waitUntil(lambda: editor.history.draft is None)
    # the window follows while the editor is still open (the write is announced) …
    qtbot.waitUntil(lambda: "Versie 2 van het PIP is vastgesteld" in window.notice.text())
    assert "gestart" not in window.notice.text()
    # … and says the same once the editor is closed
    editor.close()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    assert "Versie 2 van het PIP is vastgesteld" in window.notice.text()
    assert window.screen_data is not None
    in_force = window.screen_data.gesprekken.pip_version
    assert in_force is not None and in_force.nummer == 2
    stop()
