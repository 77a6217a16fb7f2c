"""Enforcement steps travel as case fields: a violation, warning and decision recorded on
one laptop reach the office and the consultant's other laptop, where the repeat rule
(Besluit art. 7.1 lid 3) counts the fine once its finality arrives; the same step changed
on both laptops is a conflict said in words, resolved by keeping a side, and the chosen
side syncs back. The office refuses a step in a shape no version writes. SQLite and
PostgreSQL offices alike (``db_url``)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from inburg_desktop.domain import handhaving as records
from inburg_desktop.domain.fines import Overtreding, Verwijtbaarheid
from inburg_desktop.domain.handhaving import Afloop, Waarschuwingswijze
from inburg_desktop.i18n import set_language
from inburg_desktop.protocol.field_rules import FieldRefused, check_field
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.services import consulent, handhaving
from inburg_desktop.services.conflicts import list_conflicts, resolve
from inburg_desktop.services.field_labels import field_label
from inburg_desktop.services.handhaving import BesluitInput, OvertredingInput
from inburg_desktop.services.handhaving_text import step_text
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.conflict_view import show_value

from ..conftest import LiveServer
from .test_laptops_office import (
    HANDOVER,
    enroll_vault,
    new_consultant,
    office_conflicts,
    office_fields,
    sync,
)

D = date.fromisoformat
TODAY = D("2027-01-31")
MOMENT = datetime(2026, 9, 2, 9, 0, tzinfo=UTC)


def _violation(vault: OpenVault, case: str, found: str) -> str:
    before = {r.id for r in handhaving.load(vault, case).records}
    given = OvertredingInput(
        Overtreding.PVT_INTENSITEIT, D(found), "Niet bij het PVT.", Verwijtbaarheid.OPZET
    )
    (new,) = {r.id for r in handhaving.record_violation(vault, case, given, TODAY).records} - before
    return new


def test_enforcement_round_trip_and_conflict(
    server: LiveServer, office: Database, vault: OpenVault, second_vault: OpenVault
) -> None:
    set_language("nl")
    one, two = vault, second_vault
    consultant = new_consultant()
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(one, server.url, office, consultant)
    enroll_vault(two, server.url, office, consultant)
    consulent.save_name(one, "Sanne de Vries")
    sync(one)
    sync(two)

    first = _violation(one, case, "2026-09-01")
    handhaving.record_warning(
        one, case, first, Waarschuwingswijze.SCHRIFTELIJK, D("2026-08-20"), "", TODAY
    )
    handhaving.decide(one, case, first, BesluitInput(True, 50_00, "", D("2026-09-02")), MOMENT)
    assert sync(one).conflicts == 0
    held = office_fields(office, case)
    for stap in ("overtreding", "waarschuwing", "voorstel", "besluit"):
        assert records.key(first, stap) in held, stap

    sync(two)
    (there,) = handhaving.load(two, case).records
    assert there.id == first and there.besluit is not None
    # an enrolled laptop decides under its consultant's office name, the only one the office
    # takes as the printed decider (attack round 7, finding 4)
    assert there.besluit.door.naam == consultant and there.besluit.bedrag_cents == 50_00

    # laptop two records a second violation; its proposal doubles once the finality that
    # laptop one records has arrived (lid 3: a repeat of a final fine within 12 months)
    second = _violation(two, case, "2026-11-02")
    data = handhaving.load(two, case)
    assert handhaving.compute_proposal(data, second, D("2026-11-03")).bedrag_cents == 50_00
    handhaving.record_end(one, case, first, Afloop.ONHERROEPELIJK, D("2026-10-20"), TODAY)
    sync(one)
    sync(two)
    data = handhaving.load(two, case)
    assert handhaving.compute_proposal(data, second, D("2026-11-03")).bedrag_cents == 100_00
    sync(two)
    sync(one)
    assert {r.id for r in handhaving.load(one, case).records} == {first, second}

    # the same step on both laptops before they sync: one conflict, said in words
    key = records.key(second, "waarschuwing")
    handhaving.record_warning(
        one, case, second, Waarschuwingswijze.MONDELING, D("2026-10-25"), "Gebeld.", TODAY
    )
    handhaving.record_warning(
        two, case, second, Waarschuwingswijze.SCHRIFTELIJK, D("2026-10-26"), "", TODAY
    )
    sync(one)
    assert sync(two).conflicts == 1
    (conflict,) = list_conflicts(two)
    assert conflict.field_key == key and conflict.kind.kind == "handhaving"
    assert field_label(key) == f"Handhaving H-{second[:6].upper()}: waarschuwing"
    assert step_text(conflict.office_value) == "Gewaarschuwd op 25 oktober 2026: mondeling\nGebeld."
    assert step_text(conflict.laptop_value) == "Gewaarschuwd op 26 oktober 2026: schriftelijk"
    # the conflict view shows each side so, never as JSON
    assert show_value(conflict.laptop_value, conflict.kind) == step_text(conflict.laptop_value)
    resolve(two, case, key, conflict.office_value)
    assert sync(two).conflicts == 0
    assert office_conflicts(office, case) == []
    sync(one)
    for laptop in (one, two):
        warning = handhaving.load(laptop, case).record(second).waarschuwing
        assert warning is not None and warning.wijze is Waarschuwingswijze.MONDELING


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("handhaving.1.overtreding", None),  # not a 12-hex id
        ("handhaving.0123456789ab.boete", {"x": 1}),  # no such step
        ("handhaving.0123456789ab.afloop", {"status": "betaald", "op": "2026-10-01"}),
        ("handhaving.0123456789ab.afloop", {"status": "vervallen", "op": "2026-02-30"}),
        ("handhaving.0123456789ab.overtreding", {"soort": "pvt_intensiteit"}),
        (
            "handhaving.0123456789ab.overtreding",  # art. 23 without culpability (lid 4)
            {"soort": "pvt_intensiteit", "vastgesteld_op": "2026-09-01", "toelichting": "x",
             "verwijtbaarheid": None, "bijstand_verlaagd": False},
        ),
        (
            "handhaving.0123456789ab.besluit",  # an amount while not imposing
            {"opleggen": False, "bedrag_cents": 5000, "reden": "", "dagtekening": "2026-09-02",
             "nieuwe_termijn_tot": None,
             "door": {"naam": "S", "id": "k", "tijdstip": "2026-09-02T09:00:00+00:00"}},
        ),
    ],
)  # fmt: skip
def test_the_office_refuses_a_step_no_version_writes(key: str, value: object) -> None:
    with pytest.raises(FieldRefused) as refused:
        check_field(key, value)
    assert refused.value.problem == "not_handhaving"
    assert "handhaving" in refused.value.message_nl
