"""The close question names what is unsaved (usability round 4, finding 10): "U hebt
wijzigingen die nog niet zijn opgeslagen" did not say which, so the consultant could not
tell a stray keystroke from an afternoon's work. Every window asks through the one
helper (``ui.close_guard.unsaved_fields_text``): the labels on screen, in the UI
language, at most five, then "en N andere"; the answers have Alt letters.

``test_close_guard`` and ``test_close_guard_dialogs`` walk every field of every guarded
window and check each is named; here the exact sentences, the languages and the intake.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.i18n import current_language, set_language
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.close_guard import closing_for_lock
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.language_picker import LanguageList
from inburg_desktop.ui.new_case_dialog import NewCaseDialog
from inburg_desktop.ui.pip.window import PipEditorWindow

TODAY = date(2026, 11, 2)


@pytest.fixture
def cases(vault: OpenVault) -> list[str]:
    with vault.transaction() as session:
        return add_demo_cases(session, 12, TODAY)


@pytest.fixture
def english() -> Iterator[None]:
    before = current_language()
    set_language("en")
    yield
    set_language(before)


def _asked(window: QWidget) -> QMessageBox:
    window.close()
    QApplication.processEvents()
    assert shiboken6.isValid(window) and window.isVisible()
    (box,) = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    return box


def _close_quietly(window: QWidget) -> None:
    if shiboken6.isValid(window) and window.isVisible():
        with closing_for_lock():
            window.close()


def _pip(qtbot: QtBot, vault: OpenVault, case_id: str) -> PipEditorWindow:
    window = PipEditorWindow(vault, case_id, today=TODAY)  # deletes itself
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    window.form.intensity_on.setChecked(True)
    window.close_guard.mark_clean()  # as if saved like this: only what follows is new
    return window


def test_the_pip_question_names_the_typed_fields(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    """The finding's case: the Taalaanbieder and the PVT-activiteiten typed, then Ctrl+W."""
    window = _pip(qtbot, vault, cases[DRAFT_INDEX])
    form = window.form
    form.route_provider.clear()
    qtbot.keyClicks(form.route_provider, "Taalschool Noord")
    form.pvt_activities.setFocus()
    qtbot.keyClicks(form.pvt_activities, "Bezoek gemeentehuis")
    box = _asked(window)
    assert box.text() == "Niet opgeslagen: Taalaanbieder en PVT-activiteiten."
    answers = {box.standardButton(b): b.text() for b in box.buttons()}
    assert answers == {
        QMessageBox.StandardButton.Save: "&Opslaan",
        QMessageBox.StandardButton.Discard: "&Niet opslaan",
        QMessageBox.StandardButton.Cancel: "&Annuleren",
    }
    box.button(QMessageBox.StandardButton.Cancel).click()
    _close_quietly(window)


def test_the_pip_question_is_asked_in_english_with_english_labels(
    qtbot: QtBot, vault: OpenVault, cases: list[str], english: None
) -> None:
    window = _pip(qtbot, vault, cases[DRAFT_INDEX])
    form = window.form
    form.route_provider.clear()
    qtbot.keyClicks(form.route_provider, "Taalschool Noord")
    box = _asked(window)
    assert box.text() == "Not saved: Language provider."
    assert "&Cancel" in [b.text() for b in box.buttons()]
    box.button(QMessageBox.StandardButton.Cancel).click()
    _close_quietly(window)


def test_more_than_five_fields_are_counted_not_listed(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    window = _pip(qtbot, vault, cases[DRAFT_INDEX])
    form = window.form
    for spin, step in (
        (form.pvt_hours, 1),
        (form.map_themes, 1),
        (form.map_hours, 1),
        (form.knm_hours, 1),
    ):
        spin.setValue(spin.value() + step)
    form.route_provider.setText("Taalschool Noord")
    form.pvt_provider.setText("Stichting Welkom")
    form.pvt_activities.setPlainText("Bezoek gemeentehuis")
    box = _asked(window)
    assert box.text() == (
        "Niet opgeslagen: Taalaanbieder, PVT: uren, PVT: aanbieder, PVT-activiteiten en 3 andere."
    )
    box.button(QMessageBox.StandardButton.Cancel).click()
    _close_quietly(window)


def test_name_list_in_both_languages(english: None) -> None:
    from inburg_desktop.ui.close_guard import name_list

    assert name_list(["A"]) == "A"
    assert name_list(["A", "B", "C"]) == "A, B and C"
    assert name_list(list("ABCDEF")) == "A, B, C, D and 2 others"
    set_language("nl")
    assert name_list(["A", "B", "C"]) == "A, B en C"
    assert name_list(list("ABCDEF")) == "A, B, C, D en 2 andere"
    assert name_list(list("ABCDE")) == "A, B, C, D en E"


def test_dossiergegevens_names_the_household_field(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    dialog = CaseDetailsDialog(vault, cases[0], today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    (name,) = [w for w in dialog.findChildren(QWidget) if w.accessibleName() == "Gezinslid 1: Naam"]
    qtbot.keyClicks(name, "x")
    box = _asked(dialog)
    assert box.text() == "Niet opgeslagen: Gezinslid 1: Naam."
    box.button(QMessageBox.StandardButton.Cancel).click()
    _close_quietly(dialog)


def test_nieuw_dossier_names_typed_fields_and_ticked_languages(
    qtbot: QtBot, vault: OpenVault
) -> None:
    dialog = NewCaseDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.fields["person.given_names"], "Selam")
    qtbot.keyClicks(dialog.fields["person.family_name"], "Tesfay")
    picker = dialog.fields["person.languages"]
    assert isinstance(picker, LanguageList)
    picker.list.item(0).setCheckState(Qt.CheckState.Checked)
    box = _asked(dialog)
    # one language ticked is the Voorkeurstaal too (usability round 4 finding 15)
    assert box.text() == "Niet opgeslagen: Voornamen, Achternaam, Voorkeurstaal en Talen."
    box.button(QMessageBox.StandardButton.Cancel).click()
    _close_quietly(dialog)


def test_the_intake_names_what_it_could_not_write(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, vault: OpenVault
) -> None:
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1)
    window = IntakeWindow(vault, case_id)  # deletes itself on close
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None)
    window.show_topic("werkervaring")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a write that cannot succeed")

    monkeypatch.setattr(window.autosave, "write", broken)
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClicks(widget, "N")
    qtbot.waitUntil(lambda: window.autosave.busy and not window.autosave.retrying, timeout=10_000)
    label = window.catalogue.field("werkervaring", "gewerkt_herkomst").label
    texts: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        texts.append(box.text())
        box.button(QMessageBox.StandardButton.Discard).click()

    QTimer.singleShot(0, answer)
    window.close()
    qtbot.waitUntil(lambda: bool(texts))
    assert texts == [f"Niet opgeslagen: {label}."]


def _open_question(window: QWidget) -> QMessageBox:
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes, "the window asks"
    return boxes[0]


def test_a_field_on_a_tab_not_shown_is_named_with_its_tab_and_annuleren_goes_there(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    """Usability round 8, finding 4: the question named fields on a hidden tab without
    saying where; now "Taalaanbieder (bij Besluit)", and Annuleren brings that tab back
    with the keyboard in the field."""
    window = PipEditorWindow(vault, cases[DRAFT_INDEX], today=TODAY)  # deletes itself
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    window.close_guard.mark_clean()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.tabs.setCurrentIndex(0)
    window.form.intensity_on.setChecked(True)
    qtbot.keyClicks(window.form.route_provider, "Taalschool Noord")
    window.tabs.setCurrentIndex(1)
    window.close()
    box = _open_question(window)
    assert "Taalaanbieder (bij Besluit)" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.tabs.currentIndex() == 0
    qtbot.waitUntil(window.form.route_provider.hasFocus)
    window.close_guard.release()
    window.close()


def test_an_intake_date_on_the_oproepen_tab_is_named_with_the_tab_and_back_goes_there(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    window = IntakeWindow(vault, cases[0], today=TODAY)  # deletes itself
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None, timeout=15_000)
    window.tabs.setCurrentIndex(3)
    term = window.oproepen.term.edit
    term.setFocus()
    term.selectAll()
    qtbot.keyClicks(term, "3-13")
    window.tabs.setCurrentIndex(0)
    window.close()
    box = _open_question(window)
    assert "Termijn (bij Oproepen en verslagen)" in box.text()
    back = box.escapeButton()
    assert back is not None
    back.click()
    assert window.tabs.currentIndex() == 3
    with closing_for_lock():
        window.close()
