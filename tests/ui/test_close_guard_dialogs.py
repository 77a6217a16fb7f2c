"""Every window that takes typed data closes through the app's one close guard
(usability round 3 finding 4: Esc and Alt+F4 closed Nieuw dossier and lost what was typed
without asking). The walk goes over every window of the app (``every_window``): one
that has a field a person types into or chooses in owns a ``CloseGuard``, unless it is
listed below with the reason it holds nothing to lose. Each guarded dialog is walked
field by field as ``test_close_guard`` walks the others."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.services.intake_oproepen import StoredOproep
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.close_guard import CloseGuard
from inburg_desktop.ui.intake.session_dialog import SessionDialog
from inburg_desktop.ui.intake.window import TAB_OPROEPEN, IntakeWindow
from inburg_desktop.ui.language_picker import LanguageList
from inburg_desktop.ui.new_case_dialog import NewCaseDialog
from inburg_desktop.ui.passphrase_dialog import PassphraseDialog
from inburg_desktop.ui.sync_window import SyncWindow

from .every_window import TODAY, every_window
from .test_close_guard import _close_quietly, _fields, _question, _walk_asks


@pytest.fixture
def cases(vault: OpenVault) -> list[str]:
    with vault.transaction() as session:
        return add_demo_cases(session, 2, TODAY)


NOTHING_TO_LOSE = {
    "MainWindow": "its only field is the search box",
    "InterpreterWindow": "shows the questions; its language choice is a view setting",
    "UnlockWindow": "the passphrase is typed to open, nothing is kept",
    "QuickSwitcher": "a search to jump to a topic",
    "ShortcutOverview": "a search in the list of shortcuts",
    "AboutDialog": "shows facts",
    "QuarantineView": "shows what was set aside, read only",
    "ConflictView": "each choice is stored as it is made (i13-sync3 owns this view)",
    "PipConfirmDialog": "a tick box that confirms the decision; closed, nothing is set",
    "SubjectAccessDialog": "a choice between two kinds of copy; closed, nothing is written",
}


def test_every_window_that_takes_typed_data_has_the_close_guard(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    missing: list[str] = []
    for shown in every_window(qtbot, vault, vault_path):
        name = shown.name.split("[")[0].split(" ")[0]
        if name in NOTHING_TO_LOSE or not _fields(shown.window):
            continue
        if shown.window.findChild(CloseGuard) is None:
            missing.append(shown.name)
    assert missing == []


@pytest.mark.parametrize("which", ["new", "correction", "session", "passphrase", "enroll"])
def test_every_field_of_the_typing_dialogs_is_asked_about(
    qtbot: QtBot,
    vault: OpenVault,
    cases: list[str],
    which: str,
) -> None:
    dialog: QDialog
    if which == "new":
        dialog = NewCaseDialog(vault)
    elif which == "correction":
        dialog = NewCaseDialog(vault, cases[0])
    elif which == "session":
        dialog = SessionDialog(TODAY, 45)
    elif which == "passphrase":
        dialog = PassphraseDialog(vault)
    else:
        dialog = SyncWindow(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    if isinstance(dialog, SyncWindow):  # the enrollment form, once the state is read
        qtbot.waitUntil(dialog.enroll_box.isVisible, timeout=15_000)
        qtbot.waitUntil(lambda: dialog.tasks.pending == 0, timeout=15_000)
    QApplication.processEvents()
    lost = _walk_asks(dialog)
    _close_quietly(dialog)
    assert lost == []


def test_esc_and_alt_f4_in_nieuw_dossier_ask_and_keep_the_typing(
    qtbot: QtBot, vault: OpenVault
) -> None:
    dialog = NewCaseDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    name = dialog.fields["person.given_names"]
    qtbot.keyClicks(name, "Selam")
    qtbot.keyClick(name, Qt.Key.Key_Escape)  # Esc
    box = _question(dialog)
    assert box is not None and dialog.isVisible()
    box.button(QMessageBox.StandardButton.Cancel).click()
    dialog.close()  # what the window manager does on Alt+F4 or ✕
    box = _question(dialog)
    assert box is not None and dialog.isVisible()
    box.button(QMessageBox.StandardButton.Discard).click()  # Niet opslaan: now it goes
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())


def test_ticking_a_language_is_asked_about_too(qtbot: QtBot, vault: OpenVault) -> None:
    """The ticked languages are list items, not widgets: the guard counts them."""
    dialog = NewCaseDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    picker = dialog.fields["person.languages"]
    assert isinstance(picker, LanguageList)
    picker.list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.close()
    assert _question(dialog) is not None and dialog.isVisible()
    _close_quietly(dialog)


def test_every_field_of_the_intake_oproep_form_is_asked_about(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    """Usability round 8, finding 5: an oproep typed in the intake (its date, outcome,
    warning) and not recorded with "Oproep vastleggen" was dropped on close unasked: the
    intake saves as one types, and the form is no answer it saves."""
    window = IntakeWindow(vault, cases[0], today=TODAY)  # deletes itself on close
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None, timeout=15_000)
    window.tabs.setCurrentIndex(TAB_OPROEPEN)
    QApplication.processEvents()
    lost = _walk_asks(window, window.oproepen)
    _close_quietly(window)
    assert lost == []


def test_opslaan_in_the_intake_question_records_the_oproep(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    """Opslaan there does what "Oproep vastleggen" does, then closes."""
    window = IntakeWindow(vault, cases[0], today=TODAY)  # deletes itself on close
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None, timeout=15_000)
    window.tabs.setCurrentIndex(TAB_OPROEPEN)
    recorded: list[StoredOproep] = []
    window.oproepen.oproep_added.connect(recorded.append)
    window.oproepen.warning.setChecked(True)
    window.close()
    box = _question(window)
    assert box is not None and "Schriftelijke waarschuwing verstuurd" in box.text()
    box.button(QMessageBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window) or not window.isVisible())
    assert [r.oproep.waarschuwing_verstuurd for r in recorded] == [True]
