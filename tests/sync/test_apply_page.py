"""Applying a pulled page: a fixed number of statements per page, and the same vault as
applying case by case (issue 14: pulling 1,000 cases took 4.7 times fetching them; each
field cost its own query and each case several more)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, select

from inburg_desktop.protocol.messages import CaseState, FieldConflict, FieldState
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.sync_state import quarantine
from inburg_desktop.storage.tables import CaseRow, ConflictRow, FieldRow, OutboxRow
from inburg_desktop.storage.vault import OpenVault, create_vault
from inburg_desktop.sync.apply import apply_case, apply_new_cases, held

from ..conftest import PASSPHRASE

IDENTITY: dict[str, Any] = {
    "doelgroep": "statushouder",
    "person.given_names": "Testpersoon",
    "person.family_name": "Fictief",
    "person.date_of_birth": "1990-01-01",
    "person.nationality": "SYR",
    "dates.brp_registration": "2026-01-05",
    "dates.koppeling": None,
    "person.languages": ["ar", "en"],
    "person.v_nummer": "1234567890",
}


def state(n: int, **extra: Any) -> CaseState:
    values = {**IDENTITY, "intake.opleiding.notes": f"notitie {n}", "intake.leeg": None}
    values.update(extra.pop("fields", {}))
    return CaseState(
        case_id=f"case-{n:04d}",
        version=3,
        full=True,
        fields={key: FieldState(value=value, version=3) for key, value in values.items()},
        **extra,
    )


def page_of(count: int) -> list[CaseState]:
    return [state(n) for n in range(count)]


def apply_page(vault: OpenVault, states: list[CaseState], bulk: bool) -> int:
    with vault.transaction() as session:
        here = held(session, [s.case_id for s in states])
        rest = apply_new_cases(session, states, here) if bulk else states
        return sum(apply_case(session, s, here) for s in rest)


@contextmanager
def counted(vault: OpenVault) -> Iterator[list[str]]:
    seen: list[str] = []
    with vault.session() as session:
        engine = session.get_bind().engine

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def snapshot(vault: OpenVault) -> dict[str, Any]:
    def rows(model: Any, skip: set[str]) -> list[dict[str, Any]]:
        with vault.session() as session:
            return sorted(
                (
                    {c.key: getattr(r, c.key) for c in model.__table__.columns if c.key not in skip}
                    for r in session.scalars(select(model))
                ),
                key=repr,
            )

    return {
        "cases": rows(CaseRow, {"created_at", "updated_at"}),
        "fields": rows(FieldRow, {"updated_at"}),
        "conflicts": rows(ConflictRow, {"created_at"}),
        "outbox": rows(OutboxRow, {"created_at"}),
    }


def test_a_page_of_new_cases_takes_the_same_statements_whatever_its_size(
    vault: OpenVault, tmp_path: Path
) -> None:
    other = create_vault(tmp_path / "b" / "kluis.db", PASSPHRASE, TEST_KDF)
    try:
        with counted(vault) as small:
            apply_page(vault, page_of(3), bulk=True)
        with counted(other) as large:
            apply_page(other, page_of(60), bulk=True)
        assert len(large) == len(small) <= 12, large
    finally:
        other.lock()


def test_bulk_and_case_by_case_leave_the_same_vault(vault: OpenVault, tmp_path: Path) -> None:
    conflict = FieldConflict(
        field_key="intake.opleiding.notes",
        office_value="kantoor",
        office_version=3,
        laptop_value="laptop",
        device_id="dev-1",
        op_id=4,
    )
    states = [
        *page_of(5),
        state(90, conflicts=[conflict]),  # a conflict: applied one by one
        state(91, fields={"person.shoe_size": 44}),  # an unusable field: set aside
        state(92, fields={"person.date_of_birth": "gisteren"}),  # no identity: set aside
    ]
    one_by_one = create_vault(tmp_path / "b" / "kluis.db", PASSPHRASE, TEST_KDF)
    try:
        set_aside_bulk = apply_page(vault, states, bulk=True)
        set_aside_single = apply_page(one_by_one, states, bulk=False)
        assert set_aside_bulk == set_aside_single == 2
        assert snapshot(vault) == snapshot(one_by_one)
        with vault.session() as a, one_by_one.session() as b:
            codes_a = sorted((e.case_id, e.error) for e in quarantine(a))
            codes_b = sorted((e.case_id, e.error) for e in quarantine(b))
        assert codes_a == codes_b
        assert len(snapshot(vault)["cases"]) == 7
    finally:
        one_by_one.lock()
