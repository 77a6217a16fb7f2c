"""Two laptops of one consultant, no hostile value: an op the office refuses only because of
what the other laptop changed since (the talk order rule, an enforcement record's rules)
comes back as a conflict, not as a refusal set aside for good (attack round 7, findings 9
and 10). Before, the laptop kept a combination the rules forbid (talk 2 held before the
office's talk 1; a warning under the other laptop's decision, its letter unprintable) and
the talk or warning never reached the office. Real vaults, real office (SQLite and
PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from inburg_desktop.domain import handhaving as records
from inburg_desktop.domain.fines import Overtreding, Verwijtbaarheid
from inburg_desktop.domain.handhaving import RecordInconsistent, Waarschuwingswijze
from inburg_desktop.domain.voortgang_fields import talk_key
from inburg_desktop.messages import error_text
from inburg_desktop.pdf.boete_document import render_boete
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.services import consulent, handhaving, voortgang
from inburg_desktop.services.conflicts import ValueRefused, list_conflicts, resolve
from inburg_desktop.services.handhaving import BesluitInput, OvertredingInput
from inburg_desktop.storage.sync_state import quarantine
from inburg_desktop.storage.vault import OpenVault

from ..conftest import LiveServer
from ..pip_seed import seed_pip
from .test_laptops_office import (
    HANDOVER,
    enroll_vault,
    new_consultant,
    office_conflicts,
    office_fields,
    sync,
)
from .test_voortgang_sync import LESSONS, PIP_DAY

D = date.fromisoformat
TODAY = D("2027-01-31")
MOMENT = datetime(2026, 9, 2, 9, 0, tzinfo=UTC)
HELD = talk_key(1, "gehouden")
HELD_2 = talk_key(2, "gehouden")


def _two_laptops(
    server: LiveServer, office: Database, one: OpenVault, two: OpenVault
) -> tuple[str, str]:
    consultant = new_consultant()
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    for laptop in (one, two):
        enroll_vault(laptop, server.url, office, consultant)
        consulent.save_name(laptop, "Sanne de Vries")
        sync(laptop)
    return consultant, case


def _set_aside(vault: OpenVault) -> int:
    with vault.session() as session:
        return len(quarantine(session))


def test_a_talk_held_after_the_other_laptops_talk_1_comes_back_as_a_conflict(
    server: LiveServer, office: Database, vault: OpenVault, second_vault: OpenVault
) -> None:
    one, two = vault, second_vault
    _consultant, case = _two_laptops(server, office, one, two)
    seed_pip(one, case, PIP_DAY, afspraken=[LESSONS])
    voortgang.plan_talks(one, case, D("2026-05-01"))
    sync(one)
    sync(two)
    voortgang.record_held(one, case, 1, D("2026-05-20"), D("2026-05-20"))
    sync(one)
    # the other laptop, offline: talk 1 on 5 May and talk 2 on 10 May (right by what it holds)
    voortgang.record_held(two, case, 1, D("2026-05-05"), D("2026-05-10"))
    voortgang.record_held(two, case, 2, D("2026-05-10"), D("2026-05-10"))
    summary = sync(two)
    assert summary.quarantined == 0 and _set_aside(two) == 0
    keys = {c.field_key: c for c in list_conflicts(two)}
    assert {HELD, HELD_2} <= set(keys)
    assert keys[HELD_2].office_value is None and keys[HELD_2].laptop_value == "2026-05-10"
    # meanwhile the laptop shows the office's talks: never talk 2 before talk 1
    talks = voortgang.list_talks(two, case, D("2026-05-21")).talks
    assert talks[0].gehouden == D("2026-05-20") and talks[1].gehouden is None
    assert HELD_2 not in office_fields(office, case)
    # talk 2's day before talk 1's is chosen would be talk 2 held before the office's
    # talk 1: refused in words, nothing changed
    with pytest.raises(ValueRefused) as refused:
        resolve(two, case, HELD_2, "2026-05-10")
    assert refused.value.code == "conflict_talk_order"
    assert "Kies eerst bij het gesprek ervoor" in error_text(refused.value)
    assert len(list_conflicts(two)) == len(keys)
    # this laptop's days chosen, talk 1 first: both reach the office and the other laptop
    resolve(two, case, HELD, "2026-05-05")
    for key in sorted(keys):
        if key != HELD:
            resolve(two, case, key, keys[key].laptop_value)
    again = sync(two)
    assert (again.conflicts, again.quarantined) == (0, 0)
    held = office_fields(office, case)
    assert (held[HELD], held[HELD_2]) == ("2026-05-05", "2026-05-10")
    assert office_conflicts(office, case) == []
    sync(one)
    talks = voortgang.list_talks(one, case, D("2026-05-21")).talks
    assert (talks[0].gehouden, talks[1].gehouden) == (D("2026-05-05"), D("2026-05-10"))


def test_a_warning_recorded_while_the_other_laptop_decided_comes_back_as_a_conflict(
    server: LiveServer,
    office: Database,
    vault: OpenVault,
    second_vault: OpenVault,
    tmp_path: Path,
) -> None:
    one, two = vault, second_vault
    _consultant, case = _two_laptops(server, office, one, two)
    given = OvertredingInput(
        Overtreding.PVT_INTENSITEIT, D("2026-09-01"), "Niet bij het PVT.", Verwijtbaarheid.OPZET
    )
    (record,) = handhaving.record_violation(one, case, given, TODAY).records
    rid = record.id
    sync(one)
    sync(two)
    handhaving.decide(one, case, rid, BesluitInput(True, 50_00, "", D("2026-09-02")), MOMENT)
    sync(one)
    handhaving.record_warning(
        two, case, rid, Waarschuwingswijze.MONDELING, D("2026-09-10"), "Gebeld.", TODAY
    )
    summary = sync(two)
    assert summary.quarantined == 0 and _set_aside(two) == 0
    (conflict,) = list_conflicts(two)
    assert conflict.field_key == records.key(rid, "waarschuwing")
    assert conflict.office_value is None and conflict.laptop_value["wijze"] == "mondeling"
    # the laptop holds the record as the office does: the decision, without the warning,
    # and prints the letter of the decision taken on the other laptop
    (held,) = handhaving.load(two, case).records
    assert held.waarschuwing is None and held.besluit is not None
    handhaving.export_letter(two, case, rid, render_boete, tmp_path / "brief.pdf")
    # the warning cannot stand under the decision: this laptop's side is refused in words
    with pytest.raises(RecordInconsistent):
        resolve(two, case, conflict.field_key, conflict.laptop_value)
    resolve(two, case, conflict.field_key, None)
    again = sync(two)
    assert (again.conflicts, again.quarantined) == (0, 0)
    assert records.key(rid, "waarschuwing") not in office_fields(office, case)
    assert office_conflicts(office, case) == []


def test_an_office_value_the_pull_sets_aside_is_not_shown_from_a_conflict_either(
    server: LiveServer,
    office: Database,
    vault: OpenVault,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An office that holds talk 1 after the laptop's talk 2 (written by an older version
    of the office, without the talk rule): the laptop re-dates talk 1, the push keeps the
    office's day as a conflict, the pull sets that day aside (talk 1 after talk 2), and
    the laptop showed it all the same (finding 9: it listed talks in a forbidden order)."""
    consultant = new_consultant()
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    seed_pip(vault, case, PIP_DAY, afspraken=[LESSONS])
    voortgang.plan_talks(vault, case, D("2026-05-01"))
    voortgang.record_held(vault, case, 1, D("2026-05-05"), D("2026-05-10"))
    voortgang.record_held(vault, case, 2, D("2026-05-10"), D("2026-05-10"))
    sync(vault)
    monkeypatch.setattr(admin, "talk_refusal", lambda *args, **kwargs: None)
    admin.edit_case(office, case, {HELD: "2026-05-20"})
    voortgang.record_held(vault, case, 1, D("2026-05-06"), D("2026-05-10"))  # re-dated
    summary = sync(vault)
    assert summary.conflicts == 1
    talks = voortgang.list_talks(vault, case, D("2026-05-21")).talks
    assert (talks[0].gehouden, talks[1].gehouden) == (D("2026-05-06"), D("2026-05-10"))
    (conflict,) = list_conflicts(vault)
    assert (conflict.field_key, conflict.office_value) == (HELD, "2026-05-20")
