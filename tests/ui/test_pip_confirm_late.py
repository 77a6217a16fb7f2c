""" "PIP vaststellen" after the legal deadline says so under "Wat de wet vraagt", with the
deadline, its article and the days late, and still lets the consultant set the PIP
(usability round 7, finding 4: it said only "✓ Het PIP bevat wat de wet vraagt.")."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.domain.text import nl_date
from inburg_desktop.services import consulent, pip_service
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.pip import PipEditorWindow

from .pip_confirm import CONSULENT, open_confirmation, set_through_confirmation

TODAY = date(2026, 3, 2)


def _deadline(vault: OpenVault, case_id: str) -> date:
    with vault.transaction() as session:
        context = pip_service.load_context(session, case_id, TODAY)
    deadlines = pip_service.deadlines_for(context.stored, context.history, TODAY)
    assert deadlines.pip_deadline is not None and not deadlines.pip_deadline_provisional
    return deadlines.pip_deadline


def _editor(qtbot: QtBot, vault: OpenVault, case_id: str, today: date) -> PipEditorWindow:
    window = PipEditorWindow(vault, case_id, today=today)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    return window


def test_setting_after_the_deadline_warns_with_the_days_and_still_sets(
    qtbot: QtBot, vault: OpenVault
) -> None:
    consulent.save_name(vault, CONSULENT)
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 12, TODAY)[DRAFT_INDEX]
    due = _deadline(vault, case_id)
    window = _editor(qtbot, vault, case_id, due + timedelta(days=25))
    dialog = open_confirmation(qtbot, window)
    line = dialog.findChild(QLabel, "pipConfirmLate")
    assert line is not None and line.isVisible()
    assert line.text() == (
        f"⚠ Het PIP had uiterlijk {nl_date(due)} vastgesteld moeten zijn (Besluit art. 5.3 "
        "lid 1); u stelt het 25 dagen te laat vast."
    )
    required = line.parentWidget()
    assert required is not None and required.objectName() == "pipConfirmRequired"
    assert not dialog.confirmation.blocked  # a warning, not a block
    dialog.reject()
    set_through_confirmation(qtbot, window)  # it can still be set


def test_setting_on_the_last_day_says_nothing_late(qtbot: QtBot, vault: OpenVault) -> None:
    consulent.save_name(vault, CONSULENT)
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 12, TODAY)[DRAFT_INDEX]
    window = _editor(qtbot, vault, case_id, _deadline(vault, case_id))
    dialog = open_confirmation(qtbot, window)
    assert dialog.findChild(QLabel, "pipConfirmLate") is None
    dialog.reject()
