"""Progress data, ontzorgen and nazorg travel as case fields (issue 15 items 3 and 5): what
one laptop records reaches the office and the consultant's other laptop, whose progress
summary and agenda then use it; the same entry changed on both laptops is a conflict of
that entry alone, named in words, and the chosen side syncs back. The office refuses a
value in a shape no version writes (``field_rules.FAMILIES``: ``progress``,
``aftercare``). SQLite and PostgreSQL offices alike (``db_url``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.pip import Examenonderdeel
from inburg_desktop.domain.progress_fields import ART57 as ART57_KEY
from inburg_desktop.domain.progress_fields import MAP_EINDGESPREK, NAZORG_CONTACT, PVT_ONDERTEKEND
from inburg_desktop.domain.voortgang import Taalniveau, UrenSoort
from inburg_desktop.i18n import set_language
from inburg_desktop.protocol.field_rules import FieldRefused, check_field, family_of
from inburg_desktop.server.db import Database
from inburg_desktop.services import aftercare, progress
from inburg_desktop.services.aftercare import Art57Input
from inburg_desktop.services.agenda import snapshots
from inburg_desktop.services.conflicts import list_conflicts, resolve
from inburg_desktop.services.field_labels import field_label
from inburg_desktop.services.progress import ExamenInput, Seen, UrenInput
from inburg_desktop.storage.vault import OpenVault

from ..conftest import LiveServer
from ..pip_seed import seed_pip
from .test_laptops_office import (
    office_conflicts,
    office_fields,
    one_case_on_two_laptops,
    sync,
)

D = date.fromisoformat
TODAY = D("2027-01-31")
PIP_DAY = D("2026-03-02")  # the handover case: BRP and bijstand from 2026-03-02


def test_progress_and_aftercare_round_trip_and_conflict_per_entry(
    server: LiveServer, office: Database, vault: OpenVault, second_vault: OpenVault
) -> None:
    set_language("nl")
    one, two = vault, second_vault
    _consultant, case = one_case_on_two_laptops(server, office, one, two)

    seed_pip(one, case, PIP_DAY, leerroute=Leerroute.B1)
    progress.add_uren(
        one,
        case,
        UrenInput("Taalhuis", UrenSoort.NT2, D("2026-04-01"), D("2026-06-30"), Decimal("96.5")),
        TODAY,
    )
    for part in (*Examenonderdeel, None):
        level = None if part is None else Taalniveau.B1
        progress.add_examen(one, case, ExamenInput(part, level, D("2026-12-01"), True), TODAY)
    aftercare.record_art57(
        one, case, Art57Input(D("2026-08-20"), "PW-2026-57", D("2026-09-02")), TODAY
    )
    assert sync(one).conflicts == 0
    at_office = office_fields(office, case)
    assert at_office[ART57_KEY]["kenmerk"] == "PW-2026-57"
    assert sum(1 for k in at_office if k.startswith("examen.")) == 5

    sync(two)
    there = progress.load(two, case, TODAY)
    assert [e.regel.uren for e in there.records.uren] == [Decimal("96.5")]
    assert there.examen_behaald_op == D("2026-12-01")
    assert there.nazorg.due == D("2027-06-01")
    assert there.records.art57 is not None and there.records.art57.kenmerk == "PW-2026-57"
    (snap,) = snapshots(two, TODAY, [case])
    assert snap.exam_passed_on == D("2026-12-01")  # the agenda on laptop two uses it

    # the same entry on both laptops before they sync: one conflict, named in words (a
    # day already past at the office too: it refuses progress dated after its day)
    progress.set_map_eindgesprek(one, case, D("2026-10-10"), TODAY)
    progress.set_map_eindgesprek(two, case, D("2026-10-11"), TODAY)
    aftercare.record_nazorg_contact(two, case, D("2027-01-20"), TODAY)  # one side only
    sync(one)
    assert sync(two).conflicts == 1
    (conflict,) = list_conflicts(two)
    assert conflict.field_key == MAP_EINDGESPREK
    assert field_label(MAP_EINDGESPREK) == "MAP: eindgesprek op"
    resolve(two, case, MAP_EINDGESPREK, conflict.office_value)
    assert sync(two).conflicts == 0
    assert office_conflicts(office, case) == []
    assert office_fields(office, case)[NAZORG_CONTACT] == "2027-01-20"
    sync(one)
    for laptop in (one, two):
        view = progress.load(laptop, case, TODAY)
        assert view.records.map_eindgesprek == D("2026-10-10")
        assert view.nazorg.gedaan_op == D("2027-01-20")


GOOD_UREN = {
    "aanbieder": "Taalhuis",
    "soort": "nt2",
    "van": "2026-04-01",
    "tot": "2026-04-30",
    "uren": "24",
    "tijdens_intake": False,
}
PVT = {"omschrijving": "Debat", "datum": "2026-04-01", "uren": "2.5", "aanwezig": False}
EXAM = {"onderdeel": "lezen", "niveau": "B1", "datum": "2026-04-01", "behaald": True}
ART57 = {"datum": "2026-08-01", "kenmerk": "PW-1", "van": "2026-09-01", "tot": None}
TRAINING = {"gestart_op": "2026-04-01", "afgerond_op": None, "aanbieder": ""}
UREN_KEY = "uren.0123456789ab"


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("uren.1", GOOD_UREN, "not_progress"),  # not a 12-hex id
        (UREN_KEY, {**GOOD_UREN, "uren": "721"}, "not_progress"),  # > 24 × 30 days
        (UREN_KEY, {**GOOD_UREN, "uren": 24}, "not_progress"),  # a number, not text
        (UREN_KEY, {**GOOD_UREN, "van": "2026-05-01"}, "not_progress"),  # order
        (UREN_KEY, {**GOOD_UREN, "aanbieder": "Taal\u202ehuis"}, "not_progress"),
        (UREN_KEY, {**GOOD_UREN, "extra": 1}, "not_progress"),
        (UREN_KEY, {**GOOD_UREN, "soort": "knm", "tijdens_intake": True}, "not_progress"),
        ("pvt.activiteit.0123456789ab", {**PVT, "uren": "25"}, "not_progress"),
        ("pvt.ondertekend", "2026-02-30", "not_progress"),
        ("map.thema.9", "2026-04-01", "not_progress"),
        ("map.thema.0", "2026-04-01", "not_progress"),
        ("examen.0123456789ab", {**EXAM, "niveau": None}, "not_progress"),
        ("examen.0123456789ab", {**EXAM, "niveau": "C1"}, "not_progress"),
        ("examen.0123456789ab", {**EXAM, "onderdeel": None}, "not_progress"),  # KNM, a level
        ("zroute.eindgesprek", "1899-12-31", "not_progress"),
        ("zroute.iets", None, "not_progress"),
        ("ontzorgen.art57", {**ART57, "kenmerk": " "}, "not_aftercare"),
        ("ontzorgen.art57", {**ART57, "tot": "2026-08-31"}, "not_aftercare"),
        ("ontzorgen.budgettraining", {**TRAINING, "gestart_op": None,
                                      "afgerond_op": "2026-09-01"}, "not_aftercare"),
        ("nazorg.contact", True, "not_aftercare"),
        ("nazorg.iets", "2026-09-01", "not_aftercare"),
    ],
)  # fmt: skip
def test_the_office_refuses_progress_no_version_writes(key: str, value: Any, problem: str) -> None:
    with pytest.raises(FieldRefused) as refused:
        check_field(key, value)
    assert refused.value.problem == problem
    assert "2026" not in refused.value.message_nl  # names the field, never the value


@pytest.mark.parametrize(
    ("key", "value"),
    [
        (UREN_KEY, GOOD_UREN),
        (UREN_KEY, {**GOOD_UREN, "uren": "720", "tijdens_intake": True}),
        (UREN_KEY, None),
        ("pvt.activiteit.0123456789ab", PVT),
        ("pvt.ondertekend", "2026-04-01"),
        ("map.thema.8", "2026-04-01"),
        ("map.eindgesprek", None),
        ("examen.0123456789ab", EXAM),
        ("examen.0123456789ab", {**EXAM, "onderdeel": None, "niveau": None, "behaald": False}),
        ("zroute.eindgesprek", "2026-04-01"),
        ("ontzorgen.art57", ART57),
        ("ontzorgen.budgettraining", TRAINING),
        ("nazorg.contact", "2026-09-01"),
    ],
)
def test_what_the_app_writes_the_office_accepts(key: str, value: Any) -> None:
    check_field(key, value)
    family = family_of(key)
    assert family is not None and family.name in ("progress", "aftercare")


def test_a_stale_voortgang_view_never_overwrites_the_other_laptops_value(
    server: LiveServer, office: Database, vault: OpenVault, second_vault: OpenVault
) -> None:
    """Attack round 8 #4: laptop one's Voortgang window shows the MAP eindgesprek empty;
    laptop two records it and syncs; one syncs (the window still shows the old view) and
    the consultant records another day there. The edit carries what the window showed
    (``progress.Seen``): it is kept as a conflict on one, the office keeps two's day, and
    the conflict is listed for the consultant; nothing is silently overwritten."""
    set_language("nl")
    one, two = vault, second_vault
    _consultant, case = one_case_on_two_laptops(server, office, one, two)
    seed_pip(one, case, PIP_DAY, leerroute=Leerroute.B1)
    sync(one)
    sync(two)

    window_one = progress.load(one, case, TODAY)  # what one's window shows
    assert window_one.records.map_eindgesprek is None
    shown_two = progress.load(two, case, TODAY)
    progress.set_map_eindgesprek(two, case, D("2026-10-11"), TODAY, Seen.of(shown_two))
    assert sync(two).conflicts == 0
    sync(one)  # one pulls two's day; its window was not read again

    after = progress.set_map_eindgesprek(one, case, D("2026-10-10"), TODAY, Seen.of(window_one))
    assert after.kept == (MAP_EINDGESPREK,)
    assert after.records.map_eindgesprek == D("2026-10-10")  # the own side, shown as such
    assert after.conflicts == frozenset({MAP_EINDGESPREK})
    sync(one)
    assert office_fields(office, case)[MAP_EINDGESPREK] == "2026-10-11"
    (conflict,) = list_conflicts(one)
    assert (conflict.field_key, conflict.office_value, conflict.laptop_value) == (
        MAP_EINDGESPREK,
        "2026-10-11",
        "2026-10-10",
    )
    resolve(one, case, MAP_EINDGESPREK, "2026-10-10")  # the consultant's choice syncs
    sync(one)
    assert office_fields(office, case)[MAP_EINDGESPREK] == "2026-10-10"
    assert list_conflicts(one) == ()


def test_an_edit_before_the_pull_goes_out_against_the_version_the_window_read(
    server: LiveServer, office: Database, vault: OpenVault, second_vault: OpenVault
) -> None:
    """The same with laptop one not synced yet: its edit reaches the office against the
    version its window read, so the office keeps both days as a conflict."""
    one, two = vault, second_vault
    _consultant, case = one_case_on_two_laptops(server, office, one, two)
    window_one = progress.load(one, case, TODAY)
    progress.set_pvt_ondertekend(
        two, case, D("2026-10-11"), TODAY, Seen.of(progress.load(two, case, TODAY))
    )
    sync(two)
    kept = progress.set_pvt_ondertekend(one, case, D("2026-10-10"), TODAY, Seen.of(window_one))
    assert kept.kept == ()  # nothing newer on this laptop: written, and sent
    assert sync(one).conflicts == 1
    assert office_fields(office, case)[PVT_ONDERTEKEND] == "2026-10-11"
    (conflict,) = list_conflicts(one)
    assert conflict.field_key == PVT_ONDERTEKEND
