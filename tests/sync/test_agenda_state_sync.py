"""Agenda item states travel as case fields (issue 15 item 2): a snooze set on one laptop
reaches the office and the consultant's other laptop, whose agenda then hides the item; a
state changed on both laptops is a conflict that keeps both, said in words, and the
chosen state syncs back. SQLite and PostgreSQL offices alike (``db_url``)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from inburg_desktop.domain.agenda import AgendaKind, Done, Planned, Snoozed
from inburg_desktop.i18n import set_language
from inburg_desktop.server.db import Database
from inburg_desktop.services.agenda import agenda_on, set_item_state
from inburg_desktop.services.agenda_state import state_text
from inburg_desktop.services.conflicts import list_conflicts, resolve
from inburg_desktop.services.field_labels import field_label
from inburg_desktop.services.field_values import ValueRefused, check_value
from inburg_desktop.storage.vault import OpenVault

from ..conftest import LiveServer
from .test_laptops_office import (
    office_conflicts,
    office_fields,
    one_case_on_two_laptops,
    sync,
)

ON = date(2026, 5, 11)
ITEM = "pip_deadline:2026-05-11"  # 10 weeks after the BRP registration (Besluit art. 5.3)
KEY = f"agenda.{ITEM}"


def _pip_item_shown(vault: OpenVault, case_id: str) -> bool:
    return any(
        i.case_id == case_id and i.kind is AgendaKind.PIP_DEADLINE
        for i in agenda_on(vault, ON).items
    )


def test_agenda_state_round_trip_and_conflict(
    server: LiveServer, office: Database, vault: OpenVault, second_vault: OpenVault
) -> None:
    set_language("nl")
    one, two = vault, second_vault
    _consultant, case = one_case_on_two_laptops(server, office, one, two)
    assert _pip_item_shown(one, case) and _pip_item_shown(two, case)

    # snoozed on laptop one: the office holds it, laptop two's agenda hides the item
    set_item_state(
        one, case, ITEM, Snoozed("Wacht op het advies van de GGD", date(2026, 5, 20)), ON
    )
    assert sync(one).conflicts == 0
    assert office_fields(office, case)[KEY] == {
        "state": "snoozed",
        "reason": "Wacht op het advies van de GGD",
        "until": "2026-05-20",
    }
    sync(two)
    assert not _pip_item_shown(two, case)

    # both laptops act on the item before syncing: a conflict that keeps both states
    set_item_state(one, case, ITEM, Done(ON), ON)
    set_item_state(two, case, ITEM, Planned(datetime(2026, 5, 12, 10, 0)), ON)
    sync(one)
    assert sync(two).conflicts == 1
    (conflict,) = list_conflicts(two)
    assert conflict.field_key == KEY and conflict.kind.kind == "agenda_state"
    assert field_label(KEY) == "Agenda: PIP vaststellen (11 mei 2026)"
    assert state_text(conflict.office_value) == "Afgehandeld op 11 mei 2026"
    assert state_text(conflict.laptop_value) == "Gepland op 12 mei 2026 om 10:00"
    for side in (conflict.office_value, conflict.laptop_value):
        assert check_value(KEY, side, None) == side
    with pytest.raises(ValueRefused) as refused:
        check_value(KEY, {"state": "done"}, None)  # a side no version writes
    assert refused.value.code == "agenda_state_invalid"
    assert not _pip_item_shown(two, case)  # the office's "done" holds until one is chosen

    resolve(two, case, KEY, conflict.laptop_value)
    assert sync(two).conflicts == 0
    assert office_conflicts(office, case) == []
    sync(one)
    (item,) = [
        i
        for i in agenda_on(one, ON).items
        if i.case_id == case and i.kind is AgendaKind.PIP_DEADLINE
    ]
    assert item.planned_at == datetime(2026, 5, 12, 10, 0)
