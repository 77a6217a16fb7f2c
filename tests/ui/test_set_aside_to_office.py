"""What was set aside reaches the office from the one list (issue 13 item 3): the
consultant clicks "Naar kantoor sturen" in 'Apart gezet', the office keeps each entry
once (a second send adds nothing) and office staff list them with ``inburg-office
apart-gezet``. Real window, real vault, real office server."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.protocol.messages import SetAsideEntry, SetAsideReport
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.server.set_aside import list_set_aside
from inburg_desktop.services import intake_edit
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.quarantine_view import QuarantineView

from ..conftest import LiveServer
from ..sync.test_laptops_office import HANDOVER, enroll_vault, new_consultant, office_cli, sync

WAIT_MS = 30_000
KEY = "intake.motivatie.beroepswens"


def test_the_list_is_sent_to_the_office_once(
    qtbot: QtBot, server: LiveServer, office: Database, vault: OpenVault
) -> None:
    consultant = new_consultant("apart")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    with vault.transaction() as session:
        intake_edit.save(session, case, {KEY: "verpleegkundige"})
    admin.unassign(office, case)
    summary = sync(vault)
    assert summary.purged == 1 and summary.kept_unsent == 1
    view = QuarantineView(vault)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.items.count() == 1 and view.tasks.pending == 0)
    assert view.send_button.isEnabled()
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Naar kantoor gestuurd" in view.message.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "naar kantoor gestuurd op" in view.when.text(), timeout=WAIT_MS)
    # The office fixture is shared by the module: only this consultant's records count.
    (held,) = [r for r in list_set_aside(office) if r["consultant"] == consultant]
    assert held["consultant"] == consultant and held["case_id"] == case
    # the office's own label of the case (attack round 3: never the device's)
    assert held["given_names"].startswith("Amal") and "case_label" not in held
    assert held["fields"] == {KEY: "verpleegkundige"}
    # The push went first and was refused: the case was no longer on the list.
    assert held["error"] == "case_not_found" and "kent dit dossier niet" in held["reason"]
    # the list says what happened to the entry, with when (usability round 3)
    assert "Naar kantoor gestuurd op" in view.items.item(0).text()
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)  # again: harmless
    qtbot.waitUntil(lambda: view.tasks.pending == 0 and view.send_button.isEnabled())
    assert len([r for r in list_set_aside(office) if r["consultant"] == consultant]) == 1
    listed = office_cli(server.db_url, "apart-gezet").stdout
    # the field by its name in words, never its key (usability round 6 #22); the key and
    # the value as sent stay in --json for scripts
    assert "Amal" in listed and "Beroepswens: \u201cverpleegkundige\u201d" in listed
    assert KEY not in listed
    as_json = json.loads(office_cli(server.db_url, "apart-gezet", "--json").stdout)
    mine = [row["fields"] for row in as_json if row["consultant"] == consultant]
    assert mine == [{KEY: "verpleegkundige"}]


def test_a_laptop_not_enrolled_says_so(qtbot: QtBot, vault: OpenVault) -> None:
    from inburg_desktop.storage.sync_state import add_quarantine

    with vault.transaction() as session:
        add_quarantine(session, "push", "c1", {KEY: "x"}, "case_left_caseload", field_keys=[KEY])
    view = QuarantineView(vault)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.items.count() == 1 and view.tasks.pending == 0)
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.message.kind == "error")
    assert "niet aangemeld" in view.message.text() and "niets verstuurd" in view.message.text()


def entry(local_id: int = 1, **changes: object) -> SetAsideEntry:
    data: dict[str, object] = {
        "local_id": local_id,
        "case_id": "c1",
        "direction": "push",
        "error": "case_left_caseload",
        "reason": "r",
        "set_aside_at": "2026-11-30T02:00:00Z",
        **changes,
    }
    return SetAsideEntry.model_validate(data)


def test_the_report_is_bounded() -> None:
    with pytest.raises(ValueError, match="at most 100"):
        SetAsideReport(entries=[entry(n) for n in range(1, 102)])
    with pytest.raises(ValueError, match="larger than"):
        entry(fields={KEY: "x" * 300_000})
    with pytest.raises(ValueError):
        entry(error="Not A Code\n")
