"""A laptop never downloads back what it just pushed (issue 14: the first sync of a
laptop with 1,000 cases downloaded all of them again, 1.2 MB back for 0.7 MB sent, and
counted them as pulled). What the office sends instead: the new version of each case,
no field values. Everything else still arrives: another laptop of the same consultant
gets the cases whole, an office edit arrives as that one field, and a case that comes
back to the caseload after it left (and was purged here) arrives whole again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.protocol.messages import PullResponse
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import CaseRecord
from inburg_desktop.storage.tables import CaseRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.engine import SyncEngine, SyncSummary

from ..conftest import LiveServer
from .test_laptops_office import (
    case_ids,
    client_for,
    enroll_vault,
    make_vault,
    new_consultant,
    office_fields,
    vault_fields,
)


def recorded_sync(vault: OpenVault) -> tuple[SyncSummary, list[PullResponse]]:
    """One sync round, keeping every pull page the office answered."""
    pages: list[PullResponse] = []
    with client_for(vault) as client:
        pull = client.pull

        def keep(since: int, *args: Any, **kwargs: Any) -> PullResponse:
            page = pull(since, *args, **kwargs)
            pages.append(page)
            return page

        client.pull = keep  # type: ignore[method-assign]
        return SyncEngine(vault, client).run(), pages


def page_bytes(pages: list[PullResponse]) -> int:
    return sum(len(page.model_dump_json().encode()) for page in pages)


def field_values_sent(pages: list[PullResponse]) -> int:
    return sum(len(state.fields) for page in pages for state in page.cases)


def test_the_first_sync_downloads_none_of_the_cases_it_pushed(
    server: LiveServer, office: Database, vault: OpenVault, tmp_path: Path
) -> None:
    consultant = new_consultant()
    with vault.transaction() as session:
        add_demo_cases(session, 6)
    enroll_vault(vault, server.url, office, consultant)
    mine = case_ids(vault)

    summary, pages = recorded_sync(vault)

    assert summary.pushed > 0
    assert field_values_sent(pages) == 0  # not one field value came back
    assert summary.pulled == 0  # and none is counted as pulled
    for case_id in mine:
        assert vault_fields(vault, case_id) == office_fields(office, case_id)
    # The laptop knows each case's office version, so its next edit is based on it.
    with office.read() as session, vault.session() as here:
        for case_id in mine:
            office_case = session.get(CaseRecord, case_id)
            local = here.get(CaseRow, case_id)
            assert office_case is not None and local is not None
            assert local.server_version == office_case.version

    # Another laptop of the same consultant gets every case whole.
    other = make_vault(tmp_path / "laptop-2" / "kluis.db")
    try:
        enroll_vault(other, server.url, office, consultant)
        summary_2, pages_2 = recorded_sync(other)
        assert case_ids(other) == mine
        assert summary_2.pulled == len(mine)
        for case_id in mine:
            assert vault_fields(other, case_id) == office_fields(office, case_id)
    finally:
        other.lock()
    # The bytes the first laptop's pull cost are a fraction of the same cases whole
    # (before, it paid the same as the laptop that had none of them).
    assert page_bytes(pages) < page_bytes(pages_2) / 4, (page_bytes(pages), page_bytes(pages_2))

    # An office edit comes down as that one field, and nothing else.
    edited = sorted(mine)[0]
    admin.edit_case(office, edited, {"intake.opleiding.notes": "gewijzigd op kantoor"})
    summary_3, pages_3 = recorded_sync(vault)
    assert summary_3.pulled == 1
    assert field_values_sent(pages_3) == 1
    assert vault_fields(vault, edited)["intake.opleiding.notes"] == "gewijzigd op kantoor"


def test_a_case_back_on_the_caseload_arrives_whole_after_it_was_purged(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    consultant = new_consultant()
    with vault.transaction() as session:
        add_demo_cases(session, 2)
    enroll_vault(vault, server.url, office, consultant)
    recorded_sync(vault)
    case_id = sorted(case_ids(vault))[0]
    before = office_fields(office, case_id)

    admin.unassign(office, case_id)
    recorded_sync(vault)
    assert case_id not in case_ids(vault)  # purged: data minimisation

    admin.assign(office, case_id, consultant)
    summary, pages = recorded_sync(vault)
    assert case_id in case_ids(vault)
    assert vault_fields(vault, case_id) == before
    assert summary.pulled == 1
    came = [state for page in pages for state in page.cases if state.case_id == case_id]
    assert came and all(state.full for state in came)
