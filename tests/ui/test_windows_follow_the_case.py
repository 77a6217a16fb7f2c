"""An open PIP editor or Dossiergegevens shows the case as it is after a conflict is
resolved or a sync changed it (usability round 3, finding 5: both kept showing the old
value), and never drops the consultant's own unsaved edits to do so.

The change is written as the conflict view's resolution writes it (a use case in
``services``, its own transaction) and announced as it announces it
(``case_events().case_changed``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.services import case_details, consulent
from inburg_desktop.services import pip_editing as editing
from inburg_desktop.services.pip_editing import DraftInput
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.case_events import case_events
from inburg_desktop.ui.close_guard import closing_for_lock
from inburg_desktop.ui.pip import PipEditorWindow

TODAY = date(2026, 11, 2)


def _cases(vault: OpenVault) -> list[str]:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        return add_demo_cases(session, 12, TODAY)


def _write_toelichting(vault: OpenVault, case_id: str, text: str) -> None:
    """Another hand changes the stored draft's toelichting."""
    data = editing.open_editor(vault, case_id, TODAY)
    draft = data.context.history.draft
    assert draft is not None
    new = DraftInput(
        replace(draft.beschikking, toelichting=text),
        draft.ontwikkelplan,
        TODAY,
        reden=draft.reden,
        afschaling_a2=draft.afschaling_a2,
        cursusuren_nt2=draft.cursusuren_nt2,
        uitzonderingen=draft.uitzonderingen,
    )
    editing.save_draft(vault, case_id, new)
    case_events().case_changed.emit(case_id)


def _editor(qtbot: QtBot, vault: OpenVault, case_id: str) -> PipEditorWindow:
    window = PipEditorWindow(vault, case_id, today=TODAY)  # deletes itself on close
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    return window


def test_the_pip_editor_shows_the_case_as_changed_underneath(
    qtbot: QtBot, vault: OpenVault
) -> None:
    case_id = _cases(vault)[DRAFT_INDEX]
    window = _editor(qtbot, vault, case_id)
    _write_toelichting(vault, case_id, "Zo besloten na het conflict.")
    qtbot.waitUntil(
        lambda: window.form.toelichting.toPlainText() == "Zo besloten na het conflict.",
        timeout=10_000,
    )
    assert not window.close_guard.has_changes  # what it shows is what the vault holds
    with closing_for_lock():
        window.close()


def test_the_pip_editor_keeps_the_consultants_own_edits(qtbot: QtBot, vault: OpenVault) -> None:
    case_id = _cases(vault)[DRAFT_INDEX]
    window = _editor(qtbot, vault, case_id)
    window.form.toelichting.setPlainText("Mijn eigen tekst, nog niet opgeslagen.")
    _write_toelichting(vault, case_id, "Van elders.")
    qtbot.waitUntil(lambda: "intussen gewijzigd" in window.notice.text(), timeout=10_000)
    assert window.form.toelichting.toPlainText() == "Mijn eigen tekst, nog niet opgeslagen."
    with closing_for_lock():
        window.close()


def test_dossiergegevens_shows_the_case_as_changed_underneath(
    qtbot: QtBot, vault: OpenVault
) -> None:
    case_id = _cases(vault)[0]
    dialog = CaseDetailsDialog(vault, case_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    stored = case_details.load_case(vault, case_id)
    details = replace(case_details.details_of(stored), duo_kennisgeving=date(2026, 10, 1))
    case_details.save(vault, case_id, details, TODAY)
    case_events().case_changed.emit(case_id)
    qtbot.waitUntil(lambda: dialog.kennisgeving.value() == date(2026, 10, 1), timeout=10_000)
    assert not dialog.close_guard.has_changes
