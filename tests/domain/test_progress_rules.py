"""The rules of progress data at entry (``domain.progress_fields``), one table each, each
citing its source: hours typed the Dutch way and held to the stored value's range (24 a
day of the period), what belongs to a leerroute (Besluit art. 3.14, Wet art. 8 lid 3,
Wet art. 7), and one provider's periods of one kind not overlapping (Wet art. 15: the
hours are measured against the PIP's intensity once). Usability round 8, findings 3, 4
and 5; attack round 8, finding 1."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.pip import Beschikking, PipHistory
from inburg_desktop.domain.progress_fields import (
    ProgressFieldProblem,
    UrenEntry,
    hours_problem,
    overlapping_uren,
    overlaps,
    read_typed_hours,
    route_item_of,
    route_problem,
    route_refusal,
    typed_hours,
)
from inburg_desktop.domain.voortgang import UrenRegel, UrenSoort

D = date.fromisoformat


@pytest.mark.parametrize(
    ("typed", "hours", "code"),
    [
        ("12", Decimal(12), None),
        ("12,5", Decimal("12.5"), None),
        (" 1,25 ", Decimal("1.25"), None),
        ("0", Decimal(0), None),  # a number; the range says 0 is too few (hours_problem)
        ("12.5", None, "voortgangsdata_hours_point"),  # 12.500 to a Dutch eye: asked again
        ("1.250", None, "voortgangsdata_hours_point"),
        ("12,555", None, "voortgangsdata_hours_invalid"),  # at most two decimals
        ("twaalf", None, "voortgangsdata_hours_text"),
        ("12 uur", None, "voortgangsdata_hours_text"),
        ("-3", None, "voortgangsdata_hours_text"),
        ("", None, "voortgangsdata_hours_text"),
        ("1e3", None, "voortgangsdata_hours_text"),
        ("١٢", None, "voortgangsdata_hours_text"),  # Arabic-Indic digits: no hours here
    ],
)
def test_hours_as_typed(typed: str, hours: Decimal | None, code: str | None) -> None:
    if code is None:
        assert read_typed_hours(typed) == hours
        assert hours is not None and read_typed_hours(typed_hours(hours)) == hours
    else:
        with pytest.raises(ProgressFieldProblem) as refused:
            read_typed_hours(typed)
        assert refused.value.code == code and refused.value.params["field"] == "uren"


@pytest.mark.parametrize(
    ("hours", "days", "refused"),
    [
        (Decimal(24), 1, False),  # 24 a day of the period (the stored value's rule)
        (Decimal("24.01"), 1, True),
        (Decimal(0), 1, True),
        (Decimal(10_000), 1, True),  # attack round 8, finding 1
        (Decimal(10_000), 417, False),  # 417 days × 24 = 10,008
        (Decimal("0.25"), 1, False),
    ],
)
def test_hours_against_the_period(hours: Decimal, days: int, refused: bool) -> None:
    problem = hours_problem(hours, days)
    assert (problem is not None) is refused
    if problem is not None:
        assert problem.code == "voortgangsdata_hours_range"


B1, ONDERWIJS, Z = Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z


@pytest.mark.parametrize(
    ("item", "route", "code"),
    [
        # Besluit art. 3.14: the Z-route closes with an eindgesprek, and has no exam
        ("zroute", Z, None),
        ("zroute", B1, "voortgangsdata_not_z_route"),
        ("zroute", ONDERWIJS, "voortgangsdata_not_z_route"),
        ("zroute", None, "voortgangsdata_route_not_set"),
        ("examen", B1, None),
        ("examen", ONDERWIJS, None),
        ("examen", Z, "voortgangsdata_exam_in_z_route"),
        ("examen", None, "voortgangsdata_route_not_set"),
        # Wet art. 8 lid 3: no MAP in the onderwijsroute
        ("map", B1, None),
        ("map", Z, None),
        ("map", ONDERWIJS, "voortgangsdata_map_not_applicable"),
        ("map", None, "voortgangsdata_route_not_set"),
        # a case's route changed: what one of its routes takes stays acceptable
        ("zroute", frozenset({B1, Z}), None),
        ("zroute", frozenset(), "voortgangsdata_route_not_set"),
    ],
)
def test_what_belongs_to_a_leerroute(item: str, route: Any, code: str | None) -> None:
    problem = route_problem(item, route)
    assert (None if problem is None else problem.code) == code


@pytest.mark.parametrize(
    ("key", "item"),
    [
        ("zroute.eindgesprek", "zroute"),
        ("map.thema.3", "map"),
        ("map.eindgesprek", "map"),
        ("examen.0123456789ab", "examen"),
        ("uren.0123456789ab", None),  # hours and PVT belong to every route (art. 3.1)
        ("pvt.ondertekend", None),
        ("pvt.activiteit.0123456789ab", None),
    ],
)
def test_which_fields_belong_to_a_route(key: str, item: str | None) -> None:
    assert route_item_of(key) == item


def _pip(*routes: Leerroute) -> dict[str, Any]:
    history = PipHistory()
    for i, route in enumerate(routes):
        day = D("2026-03-02").replace(month=3 + i)
        history = history.with_draft(
            history.new_draft(Beschikking(leerroute=route), day)
        ).set_draft(day)
    return dict(history.storage_items())


def test_a_case_holds_route_bound_data_to_the_routes_its_pip_set() -> None:
    eindgesprek = {"zroute.eindgesprek": "2026-09-01"}
    refused = route_refusal(eindgesprek, _pip(B1))
    assert refused is not None and refused[0] == "zroute.eindgesprek"
    assert refused[1].code == "voortgangsdata_not_z_route"
    assert route_refusal(eindgesprek, {})[1].code == "voortgangsdata_route_not_set"  # type: ignore[index]
    assert route_refusal(eindgesprek, _pip(B1, Z)) is None  # changed to the Z-route
    assert route_refusal({"zroute.eindgesprek": None}, _pip(B1)) is None  # clearing it
    # the PIP in the same patch counts (a whole case moved or pulled)
    assert route_refusal({**eindgesprek, **_pip(Z)}, {}) is None


def test_a_discarded_draft_is_no_version_of_the_route() -> None:
    """A discarded draft is stored as ``pip.version.<n>: null``
    (``pip_service.discard_draft``); the route rule read it as a version that does not
    load, so every exam result, MAP theme and Z-route eindgesprek of that case was
    refused as "no route set" at the office and set aside at a pull."""
    eindgesprek = {"zroute.eindgesprek": "2026-09-01"}
    assert route_refusal(eindgesprek, {**_pip(Z), "pip.version.2": None}) is None
    refused = route_refusal(eindgesprek, {**_pip(B1), "pip.version.2": None})
    assert refused is not None and refused[1].code == "voortgangsdata_not_z_route"


def _uren(entry_id: str, who: str, soort: UrenSoort, van: str, tot: str) -> UrenEntry:
    return UrenEntry(entry_id, D(van), UrenRegel(who, soort, D(tot), Decimal(10)))


HELD = (
    _uren("a" * 12, "Taalhuis Leiden", UrenSoort.NT2, "2026-04-01", "2026-04-30"),
    _uren("b" * 12, "Taalhuis Leiden", UrenSoort.KNM, "2026-04-01", "2026-04-30"),
)


@pytest.mark.parametrize(
    ("who", "soort", "van", "tot", "overlapping"),
    [
        ("Taalhuis Leiden", UrenSoort.NT2, "2026-04-30", "2026-05-31", "a" * 12),  # one day
        ("taalhuis  leiden", UrenSoort.NT2, "2026-03-01", "2026-04-01", "a" * 12),  # spelling
        ("Taalhuis Leiden", UrenSoort.NT2, "2026-05-01", "2026-05-31", None),  # next month
        ("Taalhuis Leiden", UrenSoort.PARTICIPATIE, "2026-04-01", "2026-04-30", None),
        ("Taalhuis Leiden", UrenSoort.KNM, "2026-04-10", "2026-04-10", "b" * 12),
        ("ROC Leiden", UrenSoort.NT2, "2026-04-01", "2026-04-30", None),  # another provider
    ],
)
def test_one_providers_periods_of_one_kind_do_not_overlap(
    who: str, soort: UrenSoort, van: str, tot: str, overlapping: str | None
) -> None:
    found = overlapping_uren(HELD, who, soort, D(van), D(tot))
    assert (None if found is None else found.id) == overlapping


def test_overlaps_that_arrive_from_two_laptops_are_named() -> None:
    twice = (*HELD, _uren("c" * 12, "Taalhuis Leiden", UrenSoort.NT2, "2026-04-15", "2026-05-15"))
    assert [(a.id, b.id) for a, b in overlaps(twice)] == [("a" * 12, "c" * 12)]
    assert overlaps(HELD) == ()
