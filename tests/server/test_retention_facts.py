"""The facts the office purge counts from (``uitkomst.plicht_einde`` and its reason,
``lening.einde``; domain/retention.py, Besluit art. 9.9) are recorded at the office only,
from DUO's decision, and held to one rule at every entry (atk9 #2): a laptop push that sent
them could have a current case deleted whole or in part, or one kept forever."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from inburg_desktop.protocol.messages import Op
from inburg_desktop.server import admin, purge
from inburg_desktop.server.admin import AdminError
from inburg_desktop.server.db import Database, lock_counter
from inburg_desktop.sync.transport import SyncClient

from .conftest import creating, new_case_id

FORGED: list[dict[str, Any]] = [
    # (a) an old person whose plicht "ended" long ago: the purge deleted the whole case
    {
        "person.date_of_birth": "1930-01-01",
        "uitkomst.plicht_einde": "1950-01-01",
        "uitkomst.plicht_einde_reden": "voldaan",
    },
    # (b) an end "recorded" in 2015: the purge took the intake data of a current case
    {"uitkomst.plicht_einde": "2015-01-01", "uitkomst.plicht_einde_reden": "vertrek"},
    # (c) a reason that does not read: the purge skipped the case on every run
    {"uitkomst.plicht_einde_reden": {"nested": [1, 2]}},
    {"lening.einde": "2016-01-01"},
]


@pytest.mark.parametrize("patch", FORGED)
def test_a_laptop_cannot_push_the_retention_facts(
    laptop: SyncClient, office: Database, patch: dict[str, Any]
) -> None:
    case_id = new_case_id()
    first = laptop.push([Op(op_id=1, case_id=case_id, base_version=0, patch=creating({}))])
    assert first.results[0].status == "applied"

    answer = laptop.push([Op(op_id=2, case_id=case_id, base_version=1, patch=patch)])

    result = answer.results[0]
    assert result.status == "rejected"
    assert result.error == "invalid_field"
    assert "office" in (result.message or "")
    assert not [p for p in purge.plan(office, date.today()).te_verwijderen if p.case_id == case_id]
    assert case_id not in {c for c, _ in purge.plan(office, date.today()).geweigerd}


def test_nor_when_it_creates_the_case(laptop: SyncClient) -> None:
    patch = creating(
        {"uitkomst.plicht_einde": "2015-01-01", "uitkomst.plicht_einde_reden": "vertrek"}
    )
    answer = laptop.push([Op(op_id=1, case_id=new_case_id(), base_version=0, patch=patch)])
    assert answer.results[0].status == "rejected"


def office_case(office: Database) -> str:
    """A current case made at the office (born 1990, BRP 2026-01-05)."""
    case_id = new_case_id()
    with office.write() as session:
        admin.office_patch(
            session,
            lock_counter(session),
            case_id,
            creating({"intake.werk.notes": "kapper"}),
            create=True,
        )
    return case_id


TOMORROW = (date.today() + timedelta(days=1)).isoformat()
BAD_AT_OFFICE: list[tuple[dict[str, Any], str]] = [
    ({"uitkomst.plicht_einde": TOMORROW, "uitkomst.plicht_einde_reden": "voldaan"}, "na vandaag"),
    ({"uitkomst.plicht_einde": "2026-13-01", "uitkomst.plicht_einde_reden": "voldaan"}, "JJJJ"),
    ({"uitkomst.plicht_einde": "2026-02-01", "uitkomst.plicht_einde_reden": "geslaagd"}, "reden"),
    ({"uitkomst.plicht_einde_reden": {"nested": [1, 2]}}, "reden"),
    ({"uitkomst.plicht_einde": "2026-02-01"}, "zonder reden"),
    ({"uitkomst.plicht_einde_reden": "voldaan"}, "zonder reden"),
    ({"uitkomst.plicht_einde": "2015-01-01", "uitkomst.plicht_einde_reden": "vertrek"}, "BRP"),
    ({"lening.einde": "1989-12-31"}, "geboortedatum"),
    ({"lening.einde": TOMORROW}, "na vandaag"),
]


@pytest.mark.parametrize(("patch", "said"), BAD_AT_OFFICE)
def test_the_office_refuses_facts_it_cannot_count_from_and_changes_nothing(
    office: Database, patch: dict[str, Any], said: str
) -> None:
    case_id = office_case(office)
    before = purge.plan(office, date.today())

    with pytest.raises(AdminError, match=said):
        admin.edit_case(office, case_id, patch)

    assert purge.plan(office, date.today()) == before


def test_the_office_records_a_real_end_and_the_purge_counts_from_it(office: Database) -> None:
    case_id = office_case(office)
    admin.edit_case(
        office,
        case_id,
        {"uitkomst.plicht_einde": "2026-02-01", "uitkomst.plicht_einde_reden": "voldaan"},
    )
    plan = purge.plan(office, date(2031, 2, 2))
    assert [p.case_id for p in plan.te_verwijderen if p.case_id == case_id] == [case_id]
