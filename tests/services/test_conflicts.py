"""Sync conflicts as a use case: the list in one query with the person's name, and a
resolution committed in its own transaction (the outbox entry included)."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, select

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.services import conflicts
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.sync_state import Conflict, replace_conflicts
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import OpenVault

KEY = "intake.werk.notes"


def add(vault: OpenVault, cases: int) -> list[str]:
    with vault.transaction() as session:
        ids = add_demo_cases(session, cases)
        for case_id in ids:
            replace_conflicts(session, case_id, [Conflict(case_id, KEY, "kantoor", "laptop", 2)], 1)
    return ids


@pytest.mark.parametrize("cases", [1, 8])
def test_the_list_is_one_select_whatever_its_length(vault: OpenVault, cases: int) -> None:
    ids = add(vault, cases)
    selects: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.startswith("SELECT"):
            selects.append(statement)

    event.listen(vault.engine, "before_cursor_execute", record)
    try:
        found = conflicts.list_conflicts(vault)
    finally:
        event.remove(vault.engine, "before_cursor_execute", record)
    assert len(selects) == 1
    assert sorted(item.case_id for item in found) == sorted(ids)
    with vault.session() as session:
        names = {i: get_case(session, i).case.person.display_name for i in ids}
    assert all(item.person_name == names[item.case_id] for item in found)
    assert {(item.office_value, item.laptop_value) for item in found} == {("kantoor", "laptop")}


def test_a_resolution_is_committed_with_its_outbox_entry(vault: OpenVault) -> None:
    (case_id,) = add(vault, 1)
    with vault.session() as session:
        before = session.scalar(select(func.count()).select_from(OutboxRow))
    conflicts.resolve(vault, case_id, KEY, "samen")
    assert conflicts.list_conflicts(vault) == ()
    with vault.session() as session:
        assert get_case(session, case_id).fields[KEY] == "samen"
        assert session.scalar(select(func.count()).select_from(OutboxRow)) == (before or 0) + 1


def test_a_conflict_on_when_a_topic_was_discussed_closes_itself_as_both_moments(
    vault: OpenVault,
) -> None:
    """Usability round 2: ``intake.leerbaarheid._discussed`` showed as a conflict with raw
    JSON; it is bookkeeping, and both laptops' moments are true."""
    key = "intake.leerbaarheid._discussed"
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1)
        replace_conflicts(
            session,
            case_id,
            [
                Conflict(case_id, key, ["2026-11-30T03:58"], ["2026-11-30T03:59"], 2),
                Conflict(case_id, KEY, "kantoor", "laptop", 2),
            ],
            1,
        )
    assert conflicts.merge_bookkeeping(vault) == 1
    left = conflicts.list_conflicts(vault)
    assert [item.field_key for item in left] == [KEY]  # a real choice stays the consultant's
    with vault.session() as session:
        assert get_case(session, case_id).fields[key] == ["2026-11-30T03:58", "2026-11-30T03:59"]
