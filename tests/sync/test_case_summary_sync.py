"""A sync keeps the case summaries current in the transactions that write the cases
(issue 14): cases pulled new (inserted a page at a time), office edits applied over local
ones, a conflict the office reports and the consultant resolves, the first sync of cases
made on the laptop and a case taken off the caseload (its summary goes with it). Real
office server, a vault opened as the app opens it (``services.vault_session``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.services import conflicts, vault_session
from inburg_desktop.services.case_list import case_rows, load_case_rows
from inburg_desktop.storage import case_summary as table
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import OpenVault

from ..conftest import PASSPHRASE, LiveServer
from ..services.test_case_summary import assert_current
from .test_laptops_office import HANDOVER, case_ids, enroll_vault, new_consultant, sync


@pytest.fixture
def app_vault(tmp_path: Path) -> Iterator[OpenVault]:
    vault = vault_session.create(tmp_path / "laptop.db", PASSPHRASE, TEST_KDF)
    yield vault
    vault.lock()


def summarised(vault: OpenVault) -> set[str]:
    with vault.session() as session:
        return {row.case_id for row in table.read(session)}


def test_a_sync_keeps_the_summaries_current(
    server: LiveServer, office: Database, app_vault: OpenVault
) -> None:
    vault = app_vault
    consultant = new_consultant("samenvatting")
    handover = HANDOVER.read_bytes()
    from_office = [admin.import_handover(office, handover, consultant) for _ in range(4)]
    enroll_vault(vault, server.url, office, consultant)
    with vault.transaction() as session:
        own = add_demo_cases(session, 3)
    sync(vault)  # pushes the laptop's own, pulls the office's (new: inserted in bulk)
    assert case_ids(vault) == {*from_office, *own}
    assert summarised(vault) == {*from_office, *own}
    assert_current(vault)

    # Office edits pulled over a laptop's own edit of another field and a new name.
    first, second, third, fourth = from_office
    admin.edit_case(office, first, {"person.family_name": "Kantoornaam", "intake.werk.notes": "x"})
    with vault.transaction() as session:
        update_fields(session, first, {"intake.gezondheid._covered": True})
    sync(vault)
    assert_current(vault)
    assert {r.family_name for r in case_rows(vault) if r.id == first} == {"Kantoornaam"}

    # The same field on both sides: a conflict, resolved by the consultant.
    key = "handover.notes.opleiding"
    admin.edit_case(office, second, {key: "op kantoor"})
    with vault.transaction() as session:
        update_fields(session, second, {key: "op de laptop"})
    assert sync(vault).conflicts == 1
    assert_current(vault)
    conflicts.resolve(vault, second, key, "samen besproken")
    assert_current(vault)
    sync(vault)
    assert_current(vault)

    # A case taken off this caseload leaves the laptop, and its summary with it.
    admin.unassign(office, third)
    sync(vault)
    assert third not in case_ids(vault)
    assert third not in summarised(vault)
    assert_current(vault)
    with vault.session() as session:
        assert case_rows(vault) == load_case_rows(session)
    assert fourth in summarised(vault)
