"""Afsluiten (Ctrl+Q) in the main window closes every window of the app, each asking
about what was typed and not saved; Annuleren in one of them stops the quit (usability
round 7, finding 14: Ctrl+Q closed only the main window, leaving an open intake on screen
and the program running, a case in view at the kitchen table)."""

from __future__ import annotations

from datetime import date

import pytest
import shiboken6
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.services import consulent
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.intake.window import IntakeWindow
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.pip.window import PipEditorWindow

TODAY = date(2026, 11, 2)


def _cases(vault: OpenVault) -> list[str]:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        return add_demo_cases(session, 12, TODAY)


def _main(qtbot: QtBot, vault: OpenVault) -> MainWindow:
    main = MainWindow(vault)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.model.rowCount() > 0, timeout=15_000)
    return main


def _afsluiten(main: MainWindow) -> QAction:
    """The File menu's Afsluiten, as the consultant reaches it: by its key, Ctrl+Q."""
    return next(
        action for action in main.findChildren(QAction) if action.shortcut().toString() == "Ctrl+Q"
    )


def test_afsluiten_closes_the_open_intake_too(qtbot: QtBot, vault: OpenVault) -> None:
    ids = _cases(vault)
    main = _main(qtbot, vault)
    intake = IntakeWindow(vault, ids[0], today=TODAY)  # deletes itself on close
    intake.show()
    qtbot.waitUntil(lambda: intake.stored is not None, timeout=15_000)
    _afsluiten(main).trigger()
    qtbot.waitUntil(lambda: not main.isVisible())
    assert not shiboken6.isValid(intake) or not intake.isVisible()


def test_annuleren_in_a_window_with_typed_text_stops_the_quit(
    qtbot: QtBot, vault: OpenVault
) -> None:
    ids = _cases(vault)
    main = _main(qtbot, vault)
    pip = PipEditorWindow(vault, ids[DRAFT_INDEX], today=TODAY)  # deletes itself
    pip.show()
    qtbot.waitUntil(lambda: pip.context is not None, timeout=15_000)
    pip.close_guard.mark_clean()
    row = pip.form
    row.intensity_on.setChecked(True)
    qtbot.keyClicks(row.route_provider, "Taalschool Noord")
    _afsluiten(main).trigger()
    boxes = [b for b in pip.findChildren(QMessageBox) if b.isVisible()]
    assert boxes, "the PIP editor asks about the typed provider"
    boxes[0].button(QMessageBox.StandardButton.Cancel).click()
    assert pip.isVisible() and main.isVisible()  # nothing closed, the text is still there
    assert row.route_provider.text() == "Taalschool Noord"
    pip.close_guard.mark_clean()
    pip.close()


def _typed_provider(qtbot: QtBot, vault: OpenVault, case_id: str) -> PipEditorWindow:
    pip = PipEditorWindow(vault, case_id, today=TODAY)  # deletes itself
    pip.show()
    qtbot.waitUntil(lambda: pip.context is not None, timeout=15_000)
    pip.close_guard.mark_clean()
    pip.form.intensity_on.setChecked(True)
    qtbot.keyClicks(pip.form.route_provider, "Taalschool Noord")
    return pip


def _question(pip: PipEditorWindow) -> QMessageBox:
    boxes = [b for b in pip.findChildren(QMessageBox) if b.isVisible()]
    assert boxes, "the PIP editor asks about the typed provider"
    return boxes[0]


@pytest.mark.parametrize(
    "answer", [QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Save]
)
def test_closing_answers_let_the_quit_go_on(
    qtbot: QtBot, vault: OpenVault, answer: QMessageBox.StandardButton
) -> None:
    """Usability round 8, finding 2: Ctrl+Q, then "Niet opslaan" in a window's question,
    kept the app open; an answer that closes the window ("Niet opslaan", or "Opslaan" once
    the save is done) lets the quit go on to the end."""
    ids = _cases(vault)
    main = _main(qtbot, vault)
    intake = IntakeWindow(vault, ids[0], today=TODAY)
    intake.show()
    qtbot.waitUntil(lambda: intake.stored is not None, timeout=15_000)
    pip = _typed_provider(qtbot, vault, ids[DRAFT_INDEX])
    _afsluiten(main).trigger()
    _question(pip).button(answer).click()
    qtbot.waitUntil(lambda: not main.isVisible(), timeout=15_000)
    assert not shiboken6.isValid(pip) or not pip.isVisible()
    assert not shiboken6.isValid(intake) or not intake.isVisible()


def test_annuleren_ends_the_quit_for_good(qtbot: QtBot, vault: OpenVault) -> None:
    """After "Annuleren" the quit is over: closing that window later closes only it."""
    ids = _cases(vault)
    main = _main(qtbot, vault)
    pip = _typed_provider(qtbot, vault, ids[DRAFT_INDEX])
    _afsluiten(main).trigger()
    _question(pip).button(QMessageBox.StandardButton.Cancel).click()
    pip.close()
    _question(pip).button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: not shiboken6.isValid(pip) or not pip.isVisible())
    assert main.isVisible()
