"""The audit trail in the vault (issue 16 item 1): every local change and new case is
recorded in the change's own transaction, part names only; the table refuses UPDATE and
DELETE except the purge path, which removes a case's chains whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from inburg_desktop.domain.audit import Action, Anchor
from inburg_desktop.domain.handover import read_handover_file
from inburg_desktop.storage import audit_log
from inburg_desktop.storage.cases import import_handover, update_fields
from inburg_desktop.storage.changes import apply_patch
from inburg_desktop.storage.tables import AuditRow
from inburg_desktop.storage.vault import OpenVault

HANDOVER = Path(__file__).parent.parent / "data" / "handover-amal.json"


def _new_case(vault: OpenVault) -> str:
    with vault.transaction() as session:
        return import_handover(session, read_handover_file(HANDOVER))


def _acts(vault: OpenVault, case_id: str) -> list[tuple[str, str]]:
    with vault.session() as session:
        rows = session.scalars(
            select(AuditRow).where(AuditRow.case_id == case_id).order_by(AuditRow.row_id)
        )
        return [(row.action, row.part) for row in rows]


def test_a_new_case_and_its_changes_are_recorded_by_field_group_never_by_value(
    vault: OpenVault,
) -> None:
    case_id = _new_case(vault)
    with vault.transaction() as session:
        update_fields(session, case_id, {"intake.opleiding.notes": "Geheime notitie"})
    with vault.transaction() as session:
        update_fields(session, case_id, {"person.family_name": "Nieuwenaam"})
    assert _acts(vault, case_id) == [
        ("create", "dossier"),
        ("change", "intake.opleiding"),
        ("change", "person"),
    ]
    with vault.session() as session:
        stored = " ".join(
            " ".join(map(str, row))
            for row in session.execute(text("SELECT * FROM audit_trail")).all()
        )
    assert "Geheime" not in stored and "Nieuwenaam" not in stored
    assert "Amal" not in stored


def test_typing_on_in_one_field_group_adds_one_entry_not_one_per_save(vault: OpenVault) -> None:
    case_id = _new_case(vault)
    for text_so_far in ("H", "He", "Hel", "Hell", "Hello"):
        with vault.transaction() as session:
            update_fields(session, case_id, {"intake.opleiding.notes": text_so_far})
    with vault.transaction() as session:
        update_fields(session, case_id, {"intake.werk.notes": "x"})
    with vault.transaction() as session:
        update_fields(session, case_id, {"intake.opleiding.notes": "Hello!"})
    assert _acts(vault, case_id) == [
        ("create", "dossier"),
        ("change", "intake.opleiding"),
        ("change", "intake.werk"),
        ("change", "intake.opleiding"),
    ]


def test_changes_from_the_office_are_not_recorded_as_this_laptops_acts(vault: OpenVault) -> None:
    case_id = _new_case(vault)
    with vault.transaction() as session:
        apply_patch(session, case_id, {"intake.werk.notes": "van kantoor"}, origin="remote")
    assert _acts(vault, case_id) == [("create", "dossier")]


def test_the_stored_chain_verifies(vault: OpenVault) -> None:
    case_id = _new_case(vault)
    with vault.transaction() as session:
        update_fields(session, case_id, {"pip.notes": "a"})
        audit_log.record(session, case_id, Action.VIEW, "pip")
    with vault.session() as session:
        (chain,) = audit_log.chains(session, case_id)
    assert chain.check.ok
    assert [e.seq for e in chain.entries] == [1, 2, 3]
    assert chain.entries[0].actor == audit_log.UNKNOWN_ACTOR


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_trail SET part = 'pip' WHERE seq = 1",
        "DELETE FROM audit_trail WHERE seq = 1",
        "DELETE FROM audit_trail",
    ],
)
def test_the_table_refuses_update_and_delete(vault: OpenVault, statement: str) -> None:
    case_id = _new_case(vault)
    with pytest.raises(DBAPIError, match="append-only"), vault.transaction() as session:
        session.execute(text(statement))
    assert _acts(vault, case_id) == [("create", "dossier")]


def test_the_purge_path_removes_a_cases_chains_whole_and_nothing_else(vault: OpenVault) -> None:
    gone, kept = _new_case(vault), _new_case(vault)
    with vault.transaction() as session:
        audit_log.record(session, gone, Action.VIEW, "pip")
        _actor, device = audit_log.who(session)
        audit_log.set_anchor(session, gone, device, Anchor(1, "0" * 64))
    with vault.transaction() as session:
        assert audit_log.purge_case(session, gone) == 2
    assert _acts(vault, gone) == []
    assert _acts(vault, kept) == [("create", "dossier")]
    with vault.session() as session:
        assert audit_log.chains(session, gone) == []
        assert session.execute(text("SELECT count(*) FROM audit_purge")).scalar_one() == 0
    # the mark went with the purge
    with pytest.raises(DBAPIError, match="append-only"), vault.transaction() as session:
        session.execute(text("DELETE FROM audit_trail"))


def test_unpushed_starts_after_the_offices_anchor(vault: OpenVault) -> None:
    case_id = _new_case(vault)
    with vault.transaction() as session:
        for part in ("pip", "voortgang", "handhaving"):
            audit_log.record(session, case_id, Action.VIEW, part)
    with vault.transaction() as session:
        pending = audit_log.unpushed(session, 100)
        assert [e.seq for e in pending] == [1, 2, 3, 4]
        second = pending[1]
        audit_log.set_anchor(session, case_id, second.device_id, Anchor(2, second.hash))
    with vault.session() as session:
        assert [e.seq for e in audit_log.unpushed(session, 100)] == [3, 4]
        (chain,) = audit_log.chains(session, case_id)
    assert chain.check.ok and chain.anchor == Anchor(2, second.hash)
