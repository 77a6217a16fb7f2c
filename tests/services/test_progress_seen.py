"""A write from the Voortgang window carries what it was based on (attack round 8 #4): a
value that changed underneath the window (a sync, a resolved conflict) is kept as a
conflict the consultant sees, never overwritten; a new entry is written as it is; the
outbox entry goes out against the office version the window read. Every writer of the
window alike (table-driven), on a real vault."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from inburg_desktop.domain.pip import Examenonderdeel
from inburg_desktop.domain.progress_fields import (
    ART57,
    BUDGETTRAINING,
    MAP_EINDGESPREK,
    NAZORG_CONTACT,
    PVT_ONDERTEKEND,
    thema_key,
)
from inburg_desktop.domain.voortgang import Taalniveau, UrenSoort
from inburg_desktop.services import aftercare, progress
from inburg_desktop.services.aftercare import Art57Input
from inburg_desktop.services.conflicts import list_conflicts
from inburg_desktop.services.progress import ExamenInput, ProgressOverview, Seen, UrenInput
from inburg_desktop.storage.cases import get_case, update_fields
from inburg_desktop.storage.tables import CaseRow, OutboxRow
from inburg_desktop.storage.vault import OpenVault

from . import test_progress
from .test_progress import TODAY

case_id = test_progress.case_id  # the same case: a B1 PIP in force, ontzorgen running

Write = Callable[[OpenVault, str, Seen], ProgressOverview]

D = date.fromisoformat


def _nazorg(vault: OpenVault, case: str, seen: Seen) -> ProgressOverview:
    return aftercare.record_nazorg_contact(vault, case, D("2027-05-01"), TODAY, seen)


# (key, the value another laptop brought meanwhile, the window's write of its own value)
WRITERS: list[tuple[str, Any, Write]] = [
    (
        PVT_ONDERTEKEND,
        "2027-01-05",
        lambda v, c, s: progress.set_pvt_ondertekend(v, c, D("2027-02-01"), TODAY, s),
    ),
    (
        thema_key(3),
        "2027-01-05",
        lambda v, c, s: progress.set_map_thema(v, c, 3, D("2027-02-01"), TODAY, s),
    ),
    (
        MAP_EINDGESPREK,
        "2027-01-05",
        lambda v, c, s: progress.set_map_eindgesprek(v, c, D("2027-02-01"), TODAY, s),
    ),
    (
        BUDGETTRAINING,
        {"gestart_op": "2026-12-01", "afgerond_op": None, "aanbieder": "Humanitas"},
        lambda v, c, s: aftercare.set_budgettraining(
            v, c, D("2027-01-04"), None, "Kredietbank", TODAY, s
        ),
    ),
    (
        ART57,
        {"datum": "2027-03-01", "kenmerk": "PW-A", "van": "2027-04-01", "tot": None},
        lambda v, c, s: aftercare.record_art57(
            v, c, Art57Input(D("2027-03-02"), "PW-B", D("2027-04-01")), TODAY, s
        ),
    ),
]  # fmt: skip


def _fields(vault: OpenVault, case_id: str) -> dict[str, Any]:
    with vault.session() as session:
        return dict(get_case(session, case_id).fields)


@pytest.mark.parametrize(("key", "theirs", "write"), WRITERS, ids=[w[0] for w in WRITERS])
def test_a_write_on_a_stale_view_becomes_a_conflict(
    vault: OpenVault, case_id: str, key: str, theirs: Any, write: Write
) -> None:
    shown = progress.load(vault, case_id, TODAY)  # the window shows the field empty
    with vault.transaction() as session:  # meanwhile a sync brings another laptop's value
        update_fields(session, case_id, {key: theirs})
    after = write(vault, case_id, Seen.of(shown))
    assert after.kept == (key,)
    assert _fields(vault, case_id)[key] == theirs  # not overwritten
    (conflict,) = list_conflicts(vault)
    assert (conflict.field_key, conflict.office_value, conflict.local) == (key, theirs, True)
    assert conflict.laptop_value not in (None, theirs)  # the consultant's value, kept
    # the window shows the consultant's own side of it, and knows it is in conflict
    again = progress.load(vault, case_id, TODAY)
    assert again.conflicts == frozenset({key})
    assert again.fields[key] == conflict.laptop_value


@pytest.mark.parametrize(("key", "theirs", "write"), WRITERS, ids=[w[0] for w in WRITERS])
def test_a_write_on_a_current_view_is_written(
    vault: OpenVault, case_id: str, key: str, theirs: Any, write: Write
) -> None:
    with vault.transaction() as session:
        update_fields(session, case_id, {key: theirs})
    shown = progress.load(vault, case_id, TODAY)  # the window shows the new value
    after = write(vault, case_id, Seen.of(shown))
    assert after.kept == ()
    assert _fields(vault, case_id)[key] != theirs
    assert list_conflicts(vault) == ()


def test_the_nazorg_contact_on_a_stale_view_becomes_a_conflict(
    vault: OpenVault, case_id: str
) -> None:
    for part in (*Examenonderdeel, None):  # the exam passed: a nazorg contact is due
        level = None if part is None else Taalniveau.B1
        progress.add_examen(vault, case_id, ExamenInput(part, level, D("2027-03-01"), True), TODAY)
    shown = progress.load(vault, case_id, TODAY)
    with vault.transaction() as session:
        update_fields(session, case_id, {NAZORG_CONTACT: "2027-04-01"})
    after = _nazorg(vault, case_id, Seen.of(shown))
    assert after.kept == (NAZORG_CONTACT,)
    assert _fields(vault, case_id)[NAZORG_CONTACT] == "2027-04-01"


def test_a_new_entry_is_written_and_a_removed_one_that_changed_is_kept(
    vault: OpenVault, case_id: str
) -> None:
    shown = progress.load(vault, case_id, TODAY)
    given = UrenInput("Taalhuis", UrenSoort.NT2, D("2027-04-01"), D("2027-04-30"), Decimal(20))
    added = progress.add_uren(vault, case_id, given, TODAY, Seen.of(shown))
    assert added.kept == () and len(added.records.uren) == 1  # a new id: nothing to compare
    (entry,) = added.records.uren
    key = f"uren.{entry.id}"
    changed = {**added.fields[key], "uren": "22"}
    with vault.transaction() as session:  # the office corrected the line meanwhile
        update_fields(session, case_id, {key: changed})
    removed = progress.remove_entry(vault, case_id, key, TODAY, Seen.of(added))
    assert removed.kept == (key,)
    assert _fields(vault, case_id)[key] == changed


def test_the_outbox_entry_goes_out_against_the_version_the_window_read(
    vault: OpenVault, case_id: str
) -> None:
    with vault.transaction() as session:
        row = session.get(CaseRow, case_id)
        assert row is not None
        row.server_version = 7  # a sync had pulled version 7 after the window read 5
    shown = progress.load(vault, case_id, TODAY)
    assert shown.server_version == 7
    seen = Seen(5, shown.fields)
    progress.set_pvt_ondertekend(vault, case_id, D("2027-02-01"), TODAY, seen)
    with vault.session() as session:
        bases = list(
            session.scalars(select(OutboxRow.base_version).where(OutboxRow.case_id == case_id))
        )
    assert bases[-1] == 5  # the office compares with what the consultant saw
