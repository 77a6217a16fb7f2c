"""A conflict knows the version both sides started from (for a three-way merge of text)
and where each value came from: this laptop, or another laptop of the same consultant.
Real laptops (encrypted vaults, the SyncEngine) against a real office server."""

from __future__ import annotations

from sqlalchemy import func, select

from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.services import conflicts as service
from inburg_desktop.services.text_merge import merge_text
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.tables import SyncBaseRow
from inburg_desktop.storage.vault import OpenVault

from ..conftest import LiveServer
from .test_laptops_office import (
    HANDOVER,
    enroll_vault,
    new_consultant,
    office_fields,
    one_case_on_two_laptops,
    sync,
    vault_fields,
)

KEY = "handover.notes.opleiding"


def bases(vault: OpenVault) -> int:
    with vault.session() as session:
        return int(session.scalar(select(func.count()).select_from(SyncBaseRow)) or 0)


def test_an_office_conflict_carries_the_common_base_and_merges_three_ways(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    consultant = new_consultant()
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(vault, server.url, office, consultant)
    base = "Lagere school, 6 jaar.\nDiploma niet gezien.\n"
    admin.edit_case(office, case, {KEY: base})
    sync(vault)
    assert bases(vault) == 0  # nothing unsent: nothing to remember
    admin.edit_case(office, case, {KEY: base.replace("6 jaar", "6 jaar in Aleppo")})
    with vault.transaction() as session:
        update_fields(session, case, {KEY: base.replace("niet gezien", "gezien op 2 mei")})
    assert bases(vault) == 1
    assert sync(vault).conflicts == 1
    (item,) = service.list_conflicts(vault)
    assert item.has_base and item.base_value == base
    assert (item.office_side, item.laptop_side) == ("office", "this_laptop")
    merged = merge_text(item.base_value, item.office_value, item.laptop_value)
    assert merged.conflicts == 0
    chosen = merged.text("", "")
    assert chosen == "Lagere school, 6 jaar in Aleppo.\nDiploma gezien op 2 mei.\n"
    service.resolve(vault, case, KEY, chosen)
    assert sync(vault).conflicts == 0
    assert office_fields(office, case)[KEY] == chosen
    assert bases(vault) == 0  # settled: the next change starts from a new base


def test_the_other_laptop_of_the_same_consultant_is_named_as_such(
    server: LiveServer, office: Database, vault: OpenVault, second_vault: OpenVault
) -> None:
    consultant, case = one_case_on_two_laptops(server, office, vault, second_vault)
    with vault.transaction() as session:
        update_fields(session, case, {KEY: "Getypt op laptop 1"})
    with second_vault.transaction() as session:
        update_fields(session, case, {KEY: "Getypt op laptop 2"})
    sync(vault)
    assert sync(second_vault).conflicts == 1
    (mine,) = service.list_conflicts(second_vault)
    assert mine.laptop_value == "Getypt op laptop 2" and mine.laptop_side == "this_laptop"
    # the office's value was written by laptop 1, not at the office (usability round 3)
    assert (mine.office_side, mine.office_who) == ("other_laptop", consultant)
    assert sync(vault).conflicts == 1  # the first laptop pulls the conflict
    (theirs,) = service.list_conflicts(vault)
    assert theirs.laptop_value == "Getypt op laptop 2"
    assert theirs.laptop_side == "other_laptop" and theirs.office_side == "this_laptop"
    assert theirs.laptop_who == consultant
    assert vault_fields(vault, case)[KEY] == "Getypt op laptop 1"
