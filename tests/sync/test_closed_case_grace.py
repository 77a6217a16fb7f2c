"""A closed case leaves the laptop a grace period after its last full sync (issue 16 item
2; domain/retention.py ``laptop_purge``: AVG art. 5 lid 1 c and e), never while something
of it has not reached the office. Real office server, real encrypted vault.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from inburg_desktop.domain.retention import DEFAULT_GRACE_DAYS, MAX_GRACE_DAYS
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.storage.sync_state import add_quarantine, get_setting
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.retention import (
    GRACE_KEY,
    SYNCED_KEY,
    closed_cases,
    grace_setting,
    set_grace_setting,
)

from ..conftest import LiveServer
from .test_laptops_office import HANDOVER, case_ids, enroll_vault, new_consultant, sync

# the plicht cannot end before the BRP registration the case is about (atk9 #2)
CLOSED = {
    "dates.brp_registration": "2012-03-01",
    "uitkomst.plicht_einde": "2026-01-01",
    "uitkomst.plicht_einde_reden": "voldaan",
}


def _two_cases_one_closed(
    vault: OpenVault, server: LiveServer, office: Database
) -> tuple[str, str]:
    consultant = new_consultant("grace")
    closed = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    open_case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    admin.edit_case(office, closed, CLOSED)
    return closed, open_case


def _synced_on(vault: OpenVault, case_id: str) -> date:
    with vault.session() as session:
        marks = get_setting(session, SYNCED_KEY)
    return date.fromisoformat(marks[case_id][0])


def test_a_closed_case_goes_after_the_grace_period_since_its_last_full_sync(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    closed, open_case = _two_cases_one_closed(vault, server, office)
    sync(vault)  # the closing arrives; the case is fully synced in this round
    synced = _synced_on(vault, closed)
    assert case_ids(vault) == {closed, open_case}  # 30 days to go

    with vault.session() as session:
        assert grace_setting(session) == DEFAULT_GRACE_DAYS
        last_day = closed_cases(session, synced + timedelta(days=DEFAULT_GRACE_DAYS - 1))
        gone_day = closed_cases(session, synced + timedelta(days=DEFAULT_GRACE_DAYS))
    assert [(c.case_id, c.purge.due) for c in last_day] == [(closed, False)]
    assert [(c.case_id, c.purge.due) for c in gone_day] == [(closed, True)]

    # a change after closing (the laptop refuses edits of a closed case, usability round
    # 9 #20: this one is the office's), once synced, starts the grace period again
    admin.edit_case(office, closed, {"intake.werk.notes": "nagekomen brief"})
    sync(vault)
    assert _synced_on(vault, closed) >= synced

    with vault.transaction() as session:
        set_grace_setting(session, 0)
    summary = sync(vault)

    assert summary.purged == 1
    assert case_ids(vault) == {open_case}
    with vault.session() as session:
        assert closed not in get_setting(session, SYNCED_KEY)


def test_a_closed_case_with_work_not_at_the_office_stays_and_is_named(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    closed, open_case = _two_cases_one_closed(vault, server, office)
    sync(vault)  # closed and fully synced: the grace period runs
    with vault.transaction() as session:
        set_grace_setting(session, 0)
        add_quarantine(session, "push", closed, {"intake.werk.notes": "x"}, "test_kept")

    summary = sync(vault)

    assert summary.purged == 0
    assert case_ids(vault) == {closed, open_case}
    assert summary.purge_blocked == (closed,)
    with vault.session() as session:
        (found,) = closed_cases(session, date(2099, 1, 1))
    assert [r.code for r in found.purge.blocked] == ["laptop_purge_in_quarantaine"]


@pytest.mark.parametrize("bad", [-1, MAX_GRACE_DAYS + 1, 1.5, True, "30"])
def test_a_grace_period_out_of_range_is_refused_and_nothing_stored(
    vault: OpenVault, bad: object
) -> None:
    with vault.transaction() as session:
        set_grace_setting(session, 7)
    with pytest.raises(ValueError), vault.transaction() as session:
        set_grace_setting(session, bad)  # type: ignore[arg-type]
    with vault.session() as session:
        assert get_setting(session, GRACE_KEY) == 7
        assert grace_setting(session) == 7


def test_a_case_whose_legal_term_passed_goes_at_once(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    """Besluit art. 9.9 lid 1: intake data go 5 years after the plicht ended, grace period
    or not (``laptop_purge``'s ``legal_terms``)."""
    closed, open_case = _two_cases_one_closed(vault, server, office)
    admin.edit_case(office, closed, {"uitkomst.plicht_einde": "2015-01-01"})

    summary = sync(vault)

    assert summary.purged == 1
    assert case_ids(vault) == {open_case}
