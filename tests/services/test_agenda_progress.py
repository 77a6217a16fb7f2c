"""The agenda's nazorg and ontzorgen items from what was recorded (issue 15 items 3 and 5):
the nazorg contact is due six months after the day the recorded exam results pass the
exam (every language part at the route's level, and KNM; ``voortgang.examen_behaald_op``,
``deadlines.nazorg_contact``) and goes once a contact is recorded; the ontzorgen item is
done once an art. 57 decision and a budget training start are recorded. Table-driven, on a
real vault, through ``services.agenda.agenda_on`` as the start screen and ``inburg
agenda`` read it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.aftercare import Art57Besluit, Budgettraining
from inburg_desktop.domain.agenda import AgendaKind
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.pip import Examenonderdeel
from inburg_desktop.domain.progress_fields import (
    ART57,
    BUDGETTRAINING,
    NAZORG_CONTACT,
    art57_value,
    budgettraining_value,
    examen_key,
    examen_value,
)
from inburg_desktop.domain.voortgang import ExamenUitslag, Taalniveau
from inburg_desktop.services.agenda import agenda_on
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.vault import OpenVault

from ..pip_seed import seed_pip

D = date.fromisoformat
PIP_DAY = D("2026-11-02")
BIJSTAND = D("2026-10-01")  # ontzorgen t/m 2027-03-31
ONTZORGEN_END = D("2027-03-31")
LEZEN, LUISTEREN, SPREKEN, SCHRIJVEN = Examenonderdeel
B1, A2 = Taalniveau.B1, Taalniveau.A2
KNM = None

Result = tuple[Examenonderdeel | None, Taalniveau | None, str, bool]


def all_parts(level: Taalniveau, day: str, knm_day: str) -> list[Result]:
    return [(part, level, day, True) for part in Examenonderdeel] + [(KNM, None, knm_day, True)]


@pytest.fixture
def case_id(vault: OpenVault) -> str:
    with vault.transaction() as session:
        case = add_demo_cases(session, 12, PIP_DAY)[2]  # a statushouder, intake complete
        update_fields(session, case, {"dates.bijstand_start": BIJSTAND.isoformat()})
    return case


def record(vault: OpenVault, case_id: str, results: list[Result], extra: dict[str, Any]) -> None:
    patch: dict[str, Any] = dict(extra)
    for n, (part, level, day, passed) in enumerate(results):
        uitslag = ExamenUitslag(part, level, D(day), passed)
        patch[examen_key(f"{n:012x}")] = examen_value(uitslag)
    with vault.transaction() as session:
        update_fields(session, case_id, patch)


def items(vault: OpenVault, case_id: str, on: date, kind: AgendaKind) -> list[date]:
    return [i.due for i in agenda_on(vault, on, case_ids=[case_id]).items if i.kind is kind]


NAZORG_TABLE: list[tuple[str, Leerroute, bool, list[Result], dict[str, Any], str | None]] = [
    # id, route, afschaling to A2, results, other fields, nazorg due (None: no item)
    ("b1-latest-part-counts", Leerroute.B1, False,
     all_parts(B1, "2027-01-10", "2027-03-31"), {}, "2027-09-30"),
    ("month-end-clamps-to-leap-day", Leerroute.B1, False,
     all_parts(B1, "2027-05-02", "2027-08-31"), {}, "2028-02-29"),
    ("higher-level-passes", Leerroute.B1, False,
     all_parts(Taalniveau.B2, "2027-02-01", "2027-02-01"), {}, "2027-08-01"),
    ("a2-without-afschaling-is-not-the-exam", Leerroute.B1, False,
     all_parts(A2, "2027-02-01", "2027-02-01"), {}, None),
    ("a2-after-afschaling-is", Leerroute.B1, True,
     all_parts(A2, "2027-02-01", "2027-02-03"), {}, "2027-08-03"),
    ("a-failed-try-then-the-pass", Leerroute.B1, False,
     [*all_parts(B1, "2027-02-01", "2027-02-01"), (LEZEN, B1, "2027-01-05", False),
      (SPREKEN, B1, "2027-04-15", True)], {}, "2027-08-01"),
    ("first-pass-of-a-part-counts", Leerroute.B1, False,
     [*all_parts(B1, "2027-02-01", "2027-01-20"), (SCHRIJVEN, B1, "2027-06-01", True)],
     {}, "2027-08-01"),
    ("one-part-missing", Leerroute.B1, False,
     [(p, B1, "2027-02-01", True) for p in (LEZEN, LUISTEREN, SPREKEN)]
     + [(KNM, None, "2027-02-01", True)], {}, None),
    ("knm-failed", Leerroute.B1, False,
     [(p, B1, "2027-02-01", True) for p in Examenonderdeel] + [(KNM, None, "2027-02-01", False)],
     {}, None),
    ("contact-recorded", Leerroute.B1, False,
     all_parts(B1, "2027-02-01", "2027-02-01"), {NAZORG_CONTACT: "2027-08-02"}, None),
    ("contact-before-the-exam-is-not-it", Leerroute.B1, False,
     all_parts(B1, "2027-02-01", "2027-02-01"), {NAZORG_CONTACT: "2027-01-15"}, "2027-08-01"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("route", "afschaling", "results", "extra", "due"),
    [row[1:] for row in NAZORG_TABLE],
    ids=[row[0] for row in NAZORG_TABLE],
)
def test_nazorg_due_from_the_recorded_exam(
    vault: OpenVault,
    case_id: str,
    route: Leerroute,
    afschaling: bool,
    results: list[Result],
    extra: dict[str, Any],
    due: str | None,
) -> None:
    seed_pip(vault, case_id, PIP_DAY, leerroute=route, afschaling_a2=afschaling)
    record(vault, case_id, results, extra)
    if due is None:
        assert items(vault, case_id, D("2029-01-01"), AgendaKind.NAZORG) == []
        return
    day = D(due)
    assert items(vault, case_id, day - timedelta(days=15), AgendaKind.NAZORG) == []
    assert items(vault, case_id, day - timedelta(days=14), AgendaKind.NAZORG) == [day]
    assert items(vault, case_id, day + timedelta(days=60), AgendaKind.NAZORG) == [day]  # stays


TRAINING = budgettraining_value(Budgettraining(D("2027-01-04"), None, ""))
ART57_BESLUIT = art57_value(Art57Besluit(D("2027-03-15"), "PW-57", D("2027-04-01")))
NOT_STARTED = budgettraining_value(Budgettraining(None, None, "Humanitas"))

ONTZORGEN_TABLE: list[tuple[str, dict[str, Any], bool]] = [
    ("nothing-recorded", {}, True),
    ("training-only", {BUDGETTRAINING: TRAINING}, True),
    ("decision-only", {ART57: ART57_BESLUIT}, True),
    ("training-not-started", {ART57: ART57_BESLUIT, BUDGETTRAINING: NOT_STARTED}, True),
    ("both-recorded", {ART57: ART57_BESLUIT, BUDGETTRAINING: TRAINING}, False),
]


@pytest.mark.parametrize(
    ("extra", "shows"), [row[1:] for row in ONTZORGEN_TABLE], ids=[r[0] for r in ONTZORGEN_TABLE]
)
def test_ontzorgen_item_done_when_recorded(
    vault: OpenVault, case_id: str, extra: dict[str, Any], shows: bool
) -> None:
    seed_pip(vault, case_id, PIP_DAY, leerroute=Leerroute.B1, afschaling_a2=False)
    record(vault, case_id, [], extra)
    expected = [ONTZORGEN_END] if shows else []
    assert items(vault, case_id, ONTZORGEN_END - timedelta(days=28), AgendaKind.ONTZORGEN_END) == (
        expected
    )
    assert items(vault, case_id, ONTZORGEN_END, AgendaKind.ONTZORGEN_END) == expected
    assert items(vault, case_id, ONTZORGEN_END - timedelta(days=29), AgendaKind.ONTZORGEN_END) == []


def test_each_case_is_judged_by_its_own_version_in_force(vault: OpenVault, case_id: str) -> None:
    """Two cases whose versions in force share a number (``pip.version.1``): the one
    afgeschaald to A2 passes with A2 results, the other does not, whatever order the
    caseload is read in."""
    with vault.transaction() as session:
        ids = add_demo_cases(session, 3, PIP_DAY)
    other = ids[2]
    results = all_parts(A2, "2027-02-01", "2027-02-01")
    for case, afschaling in ((case_id, True), (other, False)):
        seed_pip(vault, case, PIP_DAY, leerroute=Leerroute.B1, afschaling_a2=afschaling)
        record(vault, case, results, {})
    on = D("2027-08-01")
    items = [i for i in agenda_on(vault, on).items if i.kind is AgendaKind.NAZORG]
    assert [(i.case_id, i.due) for i in items] == [(case_id, on)]
