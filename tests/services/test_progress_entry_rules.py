"""The progress use cases at entry (``services.progress``; usability round 8, findings 4
and 5; attack round 8, finding 1): what belongs to a leerroute is refused while no PIP
sets one and for another route, clearing it never; hours of one provider and kind over
a period it already reported are refused; hours and days out of the office's range are
refused before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.pip import Examenonderdeel
from inburg_desktop.domain.voortgang import Taalniveau, UrenSoort
from inburg_desktop.services import progress
from inburg_desktop.services.progress import ExamenInput, ProgressRefused, UrenInput
from inburg_desktop.storage.vault import OpenVault

from . import test_progress as seeded
from .test_progress import START, TODAY, _fields, _outbox

case_id = seeded.case_id  # a B1 case with its PIP set


def test_route_bound_data_waits_for_the_route(vault: OpenVault) -> None:
    with vault.transaction() as session:
        bare = add_demo_cases(session, 1, date(2026, 11, 2))[0]  # no PIP
    sent = _outbox(vault)
    calls: list[Callable[[], object]] = [
        lambda: progress.set_z_eindgesprek(vault, bare, date(2027, 4, 1), TODAY),
        lambda: progress.set_map_eindgesprek(vault, bare, date(2027, 4, 1), TODAY),
        lambda: progress.set_map_thema(vault, bare, 1, date(2027, 4, 1), TODAY),
        lambda: progress.add_examen(
            vault,
            bare,
            ExamenInput(Examenonderdeel.LEZEN, Taalniveau.B1, date(2027, 4, 1), True),
            TODAY,
        ),
    ]
    for call in calls:
        with pytest.raises(ProgressRefused) as refused:
            call()
        assert refused.value.code == "voortgangsdata_route_not_set"
    assert _outbox(vault) == sent
    progress.set_z_eindgesprek(vault, bare, None, TODAY)  # clearing: always


def test_the_z_eindgesprek_is_refused_on_a_b1_case(vault: OpenVault, case_id: str) -> None:
    with pytest.raises(ProgressRefused) as refused:
        progress.set_z_eindgesprek(vault, case_id, date(2027, 4, 1), TODAY)
    assert refused.value.code == "voortgangsdata_not_z_route"
    assert "zroute.eindgesprek" not in _fields(vault, case_id)


def test_a_period_the_provider_reported_is_refused(vault: OpenVault, case_id: str) -> None:
    month = UrenInput("Taalhuis", UrenSoort.NT2, START, date(2026, 11, 30), Decimal(40))
    progress.add_uren(vault, case_id, month, TODAY)
    sent = _outbox(vault)
    again = UrenInput(
        " taalhuis ", UrenSoort.NT2, date(2026, 11, 30), date(2026, 12, 6), Decimal(8)
    )
    with pytest.raises(ProgressRefused) as refused:
        progress.add_uren(vault, case_id, again, TODAY)
    assert refused.value.code == "voortgangsdata_uren_overlap"
    assert _outbox(vault) == sent
    knm = UrenInput("Taalhuis", UrenSoort.KNM, START, date(2026, 11, 30), Decimal(8))
    assert len(progress.add_uren(vault, case_id, knm, TODAY).records.uren) == 2  # another kind


@pytest.mark.parametrize(
    ("given", "code", "field"),
    [
        (UrenInput("T", UrenSoort.NT2, TODAY, TODAY, Decimal(10_000)), "hours_range", "uren"),
        (UrenInput("T", UrenSoort.NT2, TODAY, START, Decimal(4)), "range_order", "tot"),
        (UrenInput("T", UrenSoort.NT2, date(1899, 12, 31), TODAY, Decimal(4)), "date_range", "van"),
    ],
)
def test_hours_are_checked_by_the_offices_rule_at_entry(
    given: UrenInput, code: str, field: str
) -> None:
    with pytest.raises(ProgressRefused) as refused:
        progress.uren_entry(given)  # pure: the form asks it before anything runs
    assert refused.value.code == f"voortgangsdata_{code}" and refused.value.params["field"] == field
