"""Consultant names are one spelling on the office (attack round 6, finding 9): "José
Ruiz" with a composed é and with e + U+0301 were two consultants that every listing
showed alike, and ``enroll --consultant "JOSÉ RUIZ"`` made a third without a word."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Callable
from datetime import datetime

import pytest
from sqlalchemy import select, text

from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.server.migrate import upgrade
from inburg_desktop.server.tables import Assignment, Device, EnrollmentCode

from .test_migrations import fresh_url

__all__ = ["fresh_url"]  # the fixture, imported for this module's tests

COMPOSED = "Jos\u00e9"
DECOMPOSED = "Jose\u0301"


@pytest.fixture
def surname() -> str:
    """A family name unique to the test (the office database is shared)."""
    return "Ruiz" + uuid.uuid4().hex[:6]


def test_a_decomposed_name_is_stored_as_the_composed_one(office: Database, surname: str) -> None:
    admin.create_enrollment_code(office, f"{COMPOSED} {surname}")
    admin.create_enrollment_code(office, f"{DECOMPOSED} {surname}")
    with office.read() as session:
        names = set(
            session.scalars(
                select(EnrollmentCode.consultant).where(
                    EnrollmentCode.consultant.like(f"%{surname}")
                )
            )
        )
    assert names == {f"{COMPOSED} {surname}"}
    assert admin.known_consultant(office, f"{DECOMPOSED} {surname}") == f"{COMPOSED} {surname}"


@pytest.mark.parametrize(
    "twin_of",
    [str.upper, lambda name: name.lower().replace("\u00e9", DECOMPOSED[-2:])],
    ids=["upper case", "decomposed, lower case"],
)
def test_enroll_asks_for_a_name_that_is_a_known_one_apart_from_case_or_spelling(
    office: Database, surname: str, twin_of: Callable[[str], str]
) -> None:
    known = f"{COMPOSED} {surname}"
    admin.create_enrollment_code(office, known)
    twin = twin_of(known)
    assert twin != known
    with pytest.raises(admin.AdminError) as refused:
        admin.create_enrollment_code(office, twin)
    assert f"Bedoelt u '{known}'?" in str(refused.value)
    assert "Er is geen code gemaakt" in str(refused.value)
    with office.read() as session:
        made = session.scalars(
            select(EnrollmentCode.consultant).where(EnrollmentCode.consultant.ilike(f"%{surname}"))
        ).all()
    assert made == [known]


def test_the_migration_brings_stored_names_into_one_spelling(fresh_url: str) -> None:
    db = Database(fresh_url)
    try:
        upgrade(db.engine, "0007")
        stamp = datetime(2026, 1, 1)
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO cases (id, version, seq, created_at, updated_at) "
                    "VALUES ('c-1', 1, 1, :t, :t)"
                ),
                {"t": stamp},
            )
            conn.execute(
                text(
                    "INSERT INTO assignments (case_id, consultant, assigned_seq, assigned_at) "
                    "VALUES ('c-1', :c, 1, :t)"
                ),
                {"c": f"{DECOMPOSED} Ruiz", "t": stamp},
            )
            conn.execute(
                text(
                    "INSERT INTO devices (id, consultant, public_key, name, enrolled_at, revoked,"
                    " last_op_id, label) VALUES ('d-1', :c, 'k', 'pc', :t, false, 0, '')"
                ),
                {"c": f"{COMPOSED} Ruiz", "t": stamp},
            )
        upgrade(db.engine)
        with db.read() as session:
            (held,) = session.scalars(select(Assignment.consultant)).all()
            (device,) = session.scalars(select(Device.consultant)).all()
        assert held == device == f"{COMPOSED} Ruiz"
        assert unicodedata.is_normalized("NFC", held)
    finally:
        db.dispose()
