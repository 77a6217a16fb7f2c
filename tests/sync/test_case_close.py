"""How a case gets closed (usability round 9, finding 20): the office records the end of
the plicht with ``inburg-office case sluit`` (Besluit art. 9.9 counts from it), the laptop
pulls it, shows the case as closed and refuses every edit, and ``case heropen`` takes a
mistake back. Real office server and command, real encrypted vault."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta

import pytest

from inburg_desktop.domain.retention import PLICHT_EINDE_KEY, PLICHT_EINDE_REDEN_KEY
from inburg_desktop.messages import error_text
from inburg_desktop.server import admin, purge
from inburg_desktop.server.db import Database
from inburg_desktop.services.intake_edit import save
from inburg_desktop.storage.changes import closed_of
from inburg_desktop.storage.errors import CaseClosed
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.retention import closed_cases

from ..conftest import LiveServer
from .test_laptops_office import (
    HANDOVER,
    enroll_vault,
    new_consultant,
    office_cli,
    office_fields,
    sync,
    vault_fields,
)


def office_cmd(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The real ``inburg-office`` command, whatever its exit."""
    return office_cli(db_url, *args, check=False)


def _case_on_laptop(vault: OpenVault, server: LiveServer, db: Database) -> str:
    consultant = new_consultant("sluit")
    case_id = admin.import_handover(db, HANDOVER.read_bytes(), consultant)
    admin.edit_case(db, case_id, {"dates.brp_registration": "2024-03-01"})
    enroll_vault(vault, server.url, db, consultant)
    sync(vault)
    return case_id


def test_the_office_closes_a_case_the_laptop_shows_it_closed_and_read_only(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    case_id = _case_on_laptop(vault, server, office)
    day = date.today() - timedelta(days=3)

    done = office_cmd(
        server.db_url, "case", "sluit", case_id, "--reden", "voldaan", "--op", day.isoformat()
    )

    assert done.returncode == 0, done.stderr
    assert "gesloten" in done.stdout
    assert office_fields(office, case_id)[PLICHT_EINDE_KEY] == day.isoformat()
    # the office's purge counts 5 years from that day (Besluit art. 9.9)
    later = purge.plan(office, day.replace(year=day.year + 5) + timedelta(days=2))
    assert case_id in {p.case_id for p in later.te_verwijderen}

    sync(vault)
    assert vault_fields(vault, case_id)[PLICHT_EINDE_REDEN_KEY] == "voldaan"
    with vault.session() as session:
        assert [c.case_id for c in closed_cases(session, date.today())] == [case_id]
        closed = closed_of(session, case_id)
    assert closed is not None and closed.op == day
    with pytest.raises(CaseClosed) as refused, vault.transaction() as session:
        save(session, case_id, {"intake.werk.notes": "nog een notitie"})
    text = error_text(refused.value)
    assert "niets vastgelegd" in text and "afgesloten" in text
    assert "intake.werk.notes" not in vault_fields(vault, case_id)

    # a mistake: the office reopens, the laptop may edit again
    again = office_cmd(server.db_url, "case", "heropen", case_id)
    assert again.returncode == 0, again.stderr
    sync(vault)
    with vault.session() as session:
        assert closed_of(session, case_id) is None
        assert closed_cases(session, date.today()) == []
    with vault.transaction() as session:
        save(session, case_id, {"intake.werk.notes": "nog een notitie"})


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--reden", "verhuizing", "--op", "2026-01-02"), "Besluit art. 5.3 lid 3"),
        (("--reden", "geslaagd", "--op", "2026-01-02"), "geen reden"),
        (("--reden", "voldaan", "--op", "2026-13-02"), "geen datum"),
    ],
)
def test_a_close_the_law_does_not_know_is_refused_in_words(
    server: LiveServer, office: Database, vault: OpenVault, args: tuple[str, ...], said: str
) -> None:
    case_id = _case_on_laptop(vault, server, office)
    answer = office_cmd(server.db_url, "case", "sluit", case_id, *args)
    assert answer.returncode == 2
    assert said in answer.stderr
    assert PLICHT_EINDE_KEY not in office_fields(office, case_id)


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (date.today() + timedelta(days=1), "na vandaag"),
        (date(2024, 2, 1), "BRP"),
    ],
)
def test_a_close_on_a_day_the_rule_refuses_changes_nothing(
    server: LiveServer, office: Database, vault: OpenVault, day: date, said: str
) -> None:
    case_id = _case_on_laptop(vault, server, office)
    answer = office_cmd(
        server.db_url, "case", "sluit", case_id, "--reden", "vertrek", "--op", day.isoformat()
    )
    assert answer.returncode == 1
    assert said in answer.stderr and "niet gewijzigd" in answer.stderr
    assert PLICHT_EINDE_KEY not in office_fields(office, case_id)
    reopen = office_cmd(server.db_url, "case", "heropen", case_id)
    assert reopen.returncode == 1 and "niet gesloten" in reopen.stderr
