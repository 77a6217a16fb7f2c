"""Wherever the app says a case was taken off this laptop, it says which case: name,
V-nummer and case number (usability round 3: "dit dossier" in the message of a window
that closed, a bare id in 'Apart gezet'). Real windows, real vault, real office."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from inburg_desktop.domain.case_label import case_number
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.services import intake_edit
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.quarantine_view import QuarantineView

from ..conftest import LiveServer
from .test_case_gone_windows import (
    WAIT_MS,
    closed,
    enrolled_case,
    gone_message,
    open_intake,
    sync_in_window,
)


def test_the_closing_message_and_the_list_name_the_case(
    qtbot: QtBot, server: LiveServer, office: Database, vault: OpenVault
) -> None:
    case = enrolled_case(server, office, vault)
    with vault.transaction() as session:  # unsent work: kept in 'Apart gezet'
        intake_edit.save(session, case, {"intake.motivatie.beroepswens": "verpleegkundige"})
    dialog = CaseDetailsDialog(vault, case)
    dialog.show()
    window = open_intake(qtbot, vault, case)
    guards = (dialog.case_gone, window.close_guard.case_gone)
    qtbot.waitUntil(lambda: dialog.tasks.pending == 0 and all(g.tasks.pending == 0 for g in guards))
    admin.unassign(office, case)
    sync_in_window(qtbot, vault)
    qtbot.waitUntil(lambda: closed(dialog) and closed(window), timeout=WAIT_MS)
    number = case_number(case)
    for box in gone_message(many=True):
        text = box.text()
        assert "Amal" in text and "Haddad" in text and number in text, text
        box.close()
    view = QuarantineView(vault)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.items.count() == 1 and view.tasks.pending == 0)
    title = view.items.item(0).text()
    assert title.startswith("Amal") and number in title
