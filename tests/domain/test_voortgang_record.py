"""A talk held against its case (``domain.voortgang_fields.record_problem``; attack round 6,
finding 7): the office refused none of talk 99 held on 1900-01-01 and planned on
2100-12-31 under PIP version 999, talk 1 held while 2..98 did not exist, a talk held in
the future of the push. Each rule by a table of cases, and what the app writes passes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from inburg_desktop.domain.voortgang_fields import record_problem

TODAY = date(2026, 11, 30)
CASE: dict[str, Any] = {
    "dates.brp_registration": "2026-01-05",
    "pip.version.1": {"nummer": 1},
    "pip.version.2": {"nummer": 2},
    "voortgang.1.gepland": "2026-04-01",
    "voortgang.1.gehouden": "2026-04-02",
    "voortgang.1.pip_versie": 1,
    "voortgang.2.gepland": "2026-06-01",
    "voortgang.2.gehouden": "2026-06-03",
    "voortgang.2.pip_versie": 2,
    "voortgang.3.gepland": "2026-09-01",
    "voortgang.4.gepland": "2026-12-01",
}


@pytest.mark.parametrize("nummer", [1, 2, 3, 4, 5])
def test_the_talks_the_app_writes_contradict_nothing(nummer: int) -> None:
    assert record_problem(CASE, nummer, TODAY) is None


@pytest.mark.parametrize(
    ("change", "nummer", "problem"),
    [
        # finding 7's talk 99: a gap below it, whatever else is wrong
        ({"voortgang.99.gehouden": "1900-01-01"}, 99, "voortgang_number_gap"),
        ({"voortgang.6.notities": "x"}, 6, "voortgang_number_gap"),
        ({"voortgang.7.afspraak.0.stand": "achter"}, 7, "voortgang_number_gap"),
        # held while talk 3 is not; held before talk 2
        ({"voortgang.4.gehouden": "2026-11-01"}, 4, "voortgang_held_order"),
        ({"voortgang.3.gehouden": "2026-05-01"}, 3, "voortgang_held_order"),
        ({"voortgang.1.gehouden": "2026-07-01"}, 1, "voortgang_held_order"),
        # before the BRP registration (Wet art. 14 lid 1)
        ({"voortgang.1.gehouden": "1900-01-01"}, 1, "voortgang_before_brp"),
        ({"voortgang.3.gepland": "2025-12-31"}, 3, "voortgang_before_brp"),
        # in the future of the push (one day of slack for UTC+1/+2)
        ({"voortgang.3.gehouden": "2026-12-02"}, 3, "voortgang_held_future"),
        ({"voortgang.3.gehouden": "2100-12-31"}, 3, "voortgang_held_future"),
        # under a PIP version the case does not hold
        ({"voortgang.3.pip_versie": 999}, 3, "voortgang_version_unknown"),
        ({"voortgang.3.pip_versie": 3}, 3, "voortgang_version_unknown"),
        ({"pip.version.2": None}, 2, "voortgang_version_unknown"),
    ],
)
def test_a_talk_that_contradicts_its_case_is_named(
    change: dict[str, Any], nummer: int, problem: str
) -> None:
    assert record_problem({**CASE, **change}, nummer, TODAY) == problem


def test_a_talk_held_today_in_the_netherlands_passes_on_the_previous_utc_day() -> None:
    assert record_problem({**CASE, "voortgang.3.gehouden": "2026-12-01"}, 3, TODAY) is None


def test_without_a_brp_date_the_other_rules_still_hold() -> None:
    case = {k: v for k, v in CASE.items() if k != "dates.brp_registration"}
    assert record_problem({**case, "voortgang.1.gehouden": "1900-01-01"}, 1, TODAY) is None
    assert record_problem({**case, "voortgang.3.pip_versie": 9}, 3, TODAY) == (
        "voortgang_version_unknown"
    )
