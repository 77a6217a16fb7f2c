"""The sides of a conflict are named for where they came from (usability round 3: the
other laptop's value was labelled "Op kantoor"): the office says which device wrote its
value and whose devices both are (``FieldConflict``), so the view says "Kantoor" for an
office staff edit and "Andere laptop van <consultant>" for another laptop. Real office
(SQLite and PostgreSQL), two real laptops, the real view."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.conflict_view import ConflictView

from ..conftest import LiveServer
from ..sync.test_laptops_office import HANDOVER, enroll_vault, make_vault, new_consultant, sync

KEY = "intake.werk.notes"


def _sides(qtbot: QtBot, vault: OpenVault) -> tuple[str, str, str]:
    view = ConflictView(vault)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.items.count() == 1 and view.tasks.pending == 0)
    return view.office_label.text(), view.laptop_label.text(), view.take_office.text()


def test_another_laptop_and_the_office_are_named_apart(
    qtbot: QtBot, server: LiveServer, office: Database, vault: OpenVault, tmp_path: Path
) -> None:
    consultant = new_consultant("kanten")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    other = make_vault(tmp_path / "andere" / "kluis.db")
    try:
        enroll_vault(vault, server.url, office, consultant)
        enroll_vault(other, server.url, office, consultant)
        sync(vault)
        sync(other)
        with other.transaction() as session:
            update_fields(session, case, {KEY: "kok in Aleppo"})
        with vault.transaction() as session:
            update_fields(session, case, {KEY: "kok, 8 jaar"})
        sync(other)
        assert sync(vault).conflicts == 1
        office_side, laptop_side, button = _sides(qtbot, vault)
        assert office_side == f"Andere laptop van {consultant}"
        assert laptop_side == "Deze laptop"
        assert "Kantoor" not in button and "kantoor" not in office_side
        # the other laptop pulls the same conflict: there this laptop is the other one
        sync(other)
        office_side, laptop_side, _button = _sides(qtbot, other)
        assert (office_side, laptop_side) == ("Deze laptop", f"Andere laptop van {consultant}")
    finally:
        other.lock()


def test_an_office_staff_edit_is_kantoor(
    qtbot: QtBot, server: LiveServer, office: Database, vault: OpenVault
) -> None:
    consultant = new_consultant("kantoorkant")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    admin.edit_case(office, case, {KEY: "Apotheekassistente"})
    with vault.transaction() as session:
        update_fields(session, case, {KEY: "Apothekersassistent"})
    assert sync(vault).conflicts == 1
    assert _sides(qtbot, vault)[:2] == ("Kantoor", "Deze laptop")
