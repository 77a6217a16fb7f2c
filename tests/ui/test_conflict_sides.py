"""The sides of a conflict are named for where they came from (usability round 3: the
other laptop's value was labelled "Op kantoor"): the office says which device wrote its
value and whose devices both are (``FieldConflict``), so the view says "Kantoor" for an
office staff edit and "Andere laptop van <consultant>" for another laptop. Real office
(SQLite and PostgreSQL), two real laptops, the real view."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from inburg_desktop.formatting import format_utc_stamp
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import FieldValue
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.tables import OutboxRow
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


def _outbox_moment(vault: OpenVault, case: str) -> datetime:
    with vault.session() as session:
        (moment,) = session.execute(
            select(OutboxRow.created_at).where(OutboxRow.case_id == case)
        ).one()
    return moment


def _shown(moment: datetime) -> str:
    return format_utc_stamp(moment.isoformat(timespec="seconds"))


def test_each_side_says_when_it_changed(
    qtbot: QtBot, server: LiveServer, office: Database, vault: OpenVault, tmp_path: Path
) -> None:
    """Usability round 3: the conflict view did not say when either side changed. This
    laptop's side: when it was typed here; the other's: when it reached the office; both
    in the UI's date and time, on both laptops."""
    consultant = new_consultant("wanneer")
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
        typed_here = _outbox_moment(vault, case)
        sync(other)
        with office.read() as session:
            (reached_office,) = session.execute(
                select(FieldValue.updated_at).where(
                    FieldValue.case_id == case, FieldValue.key == KEY
                )
            ).one()
        assert sync(vault).conflicts == 1
        view = ConflictView(vault)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda: view.items.count() == 1 and view.tasks.pending == 0)
        assert view.laptop_when.text() == f"Hier gewijzigd op {_shown(typed_here)}"
        assert view.office_when.text() == f"Op kantoor aangekomen op {_shown(reached_office)}"
        assert re.search(r"\d{4}-\d{2}-\d{2}", view.laptop_when.text()) is None  # UI format
        # on the other laptop this one's value is the other's: when it reached the office
        sync(other)
        there = ConflictView(other)
        qtbot.addWidget(there)
        there.show()
        qtbot.waitUntil(lambda: there.items.count() == 1 and there.tasks.pending == 0)
        assert there.laptop_when.text().startswith("Op kantoor aangekomen op ")
        assert there.office_when.text().startswith("Op kantoor aangekomen op ")
    finally:
        other.lock()


def _enroll_labelled(
    vault: OpenVault, url: str, office: Database, consultant: str, label: str
) -> None:
    """``enroll_vault`` with a code the office made for the laptop it calls ``label``."""
    import platform

    from inburg_desktop.protocol.device_keys import DeviceKey, b64encode
    from inburg_desktop.storage.sync_state import Enrollment, next_op_id, save_enrollment
    from inburg_desktop.sync.transport import SyncClient

    code, _ = admin.create_enrollment_code(office, consultant, label=label)
    key = DeviceKey.generate()
    with vault.session() as session:
        first_op = next_op_id(session)
    with SyncClient(url, retries=0) as client:
        answer = client.enroll(code, key, platform.node()[:100], next_op_id=first_op)
    with vault.transaction() as session:
        save_enrollment(
            session,
            Enrollment(url, answer.device_id, answer.consultant, b64encode(key.private_bytes())),
        )


def test_two_laptops_of_one_consultant_are_named_by_the_offices_labels(
    qtbot: QtBot, server: LiveServer, office: Database, vault: OpenVault, tmp_path: Path
) -> None:
    """Usability round 6 #12: with two laptops of her own, Sanne read "Andere laptop van
    Sanne de Vries"; the office knows them as "laptop 1" and "laptop 2" (the enrollment
    code's label) and says so with the conflict, so the view names the laptop."""
    consultant = new_consultant("labels")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    other = make_vault(tmp_path / "andere" / "kluis.db")
    try:
        _enroll_labelled(vault, server.url, office, consultant, "laptop 1")
        _enroll_labelled(other, server.url, office, consultant, "laptop 2")
        sync(vault)
        sync(other)
        with other.transaction() as session:
            update_fields(session, case, {KEY: "kok in Aleppo"})
        with vault.transaction() as session:
            update_fields(session, case, {KEY: "kok, 8 jaar"})
        sync(other)
        assert sync(vault).conflicts == 1
        office_side, laptop_side, button = _sides(qtbot, vault)
        assert office_side == "Uw andere laptop ‘laptop 2’"
        assert laptop_side == "Deze laptop" and "laptop 2" in button
        sync(other)
        assert _sides(qtbot, other)[:2] == ("Deze laptop", "Uw andere laptop ‘laptop 1’")
    finally:
        other.lock()


def test_a_side_is_named_by_label_and_by_the_consultant_when_it_is_someone_else() -> None:
    from inburg_desktop.ui.conflict_view import side_name

    assert side_name("other_laptop", "Amal Haddad", "laptop 3", "Sanne de Vries") == (
        "Laptop ‘laptop 3’ van Amal Haddad"
    )
    assert side_name("other_laptop", "Sanne", "laptop 2", "Sanne") == "Uw andere laptop ‘laptop 2’"
    # an older office sends no label: as before
    assert side_name("other_laptop", "Sanne", None, "Sanne") == "Andere laptop van Sanne"
