"""Legal deadlines of a case (DOMAIN.md "The law"; domain/deadlines.py)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.case import CaseDates, Doelgroep
from inburg_desktop.domain.deadlines import (
    PipBasis,
    PipDeadline,
    compute_deadlines,
    nazorg_contact,
    ontzorgen_until,
    pip_deadline,
    pip_deadline_status,
    route_switch_until,
    termijn_end,
    termijn_start,
)

D = date.fromisoformat
BRP: PipBasis = "brp_registration"
DUO: PipBasis = "duo_kennisgeving"

# Wet art. 15/16 (since 2023-01-01): 10 weeks after the later of DUO's kennisgeving and
# BRP registration; provisional from BRP while the kennisgeving is unknown.
PIP = [
    # (BRP registration, kennisgeving, due, provisional, basis, id)
    ("2026-03-02", "2026-02-20", "2026-05-11", False, BRP, "art. 16: INTERFACES example"),
    ("2026-01-05", "2026-02-20", "2026-05-01", False, DUO, "art. 15: kennisgeving after BRP"),
    ("2026-02-20", "2026-02-20", "2026-05-01", False, DUO, "art. 15: same day is registered"),
    ("2026-03-02", None, "2026-05-11", True, BRP, "Besluit 5.3: no kennisgeving, provisional"),
    ("2025-12-01", None, "2026-02-09", True, BRP, "year end: BRP 2025-12-01"),
    ("2025-11-01", "2025-12-30", "2026-03-10", False, DUO, "year end: kennisgeving 2025-12-30"),
    ("2024-02-29", "2024-01-10", "2024-05-09", False, BRP, "leap day: BRP 2024-02-29"),
    ("2023-12-21", "2023-12-01", "2024-02-29", False, BRP, "lands on the leap day"),
]


@pytest.mark.parametrize(
    ("brp", "kennisgeving", "due", "provisional", "basis"),
    [pytest.param(D(b), None if k is None else D(k), D(d), p, s, id=i) for b, k, d, p, s, i in PIP],
)
def test_pip_deadline(
    brp: date, kennisgeving: date | None, due: date, provisional: bool, basis: PipBasis
) -> None:
    assert pip_deadline(brp, kennisgeving) == PipDeadline(due, provisional, basis)


def test_pip_deadline_unknown_without_brp_registration() -> None:
    assert pip_deadline(None, D("2026-02-20")) is None
    assert pip_deadline(None, None) is None


STATUS = [
    ("15 days ahead: ok", "2026-05-11", "2026-04-26", "ok"),
    ("14 days ahead: due soon", "2026-05-11", "2026-04-27", "due_soon"),
    ("on the day itself: due soon", "2026-05-11", "2026-05-11", "due_soon"),
    ("the day after: overdue", "2026-05-11", "2026-05-12", "overdue"),
    ("across a year end", "2026-01-05", "2025-12-25", "due_soon"),
]


@pytest.mark.parametrize(
    ("deadline", "today", "status"),
    [pytest.param(D(d), D(t), s, id=i) for i, d, t, s in STATUS],
)
def test_pip_deadline_status(deadline: date, today: date, status: str) -> None:
    assert pip_deadline_status(deadline, today) == status


# Wet art. 11: the termijn starts the day after the PIP's dagtekening and lasts 3 years;
# INTERFACES.md: termijn_end is three years after termijn_start. Wet art. 17 / Besluit 5.4:
# route changes up to 18 months after the start (INTERFACES.md: start + 18 months).
TERMIJN = [
    # (PIP dagtekening, termijn_start, termijn_end, route_switch_until, id)
    ("2026-05-11", "2026-05-12", "2029-05-12", "2027-11-12", "art. 11: plain"),
    ("2025-12-31", "2026-01-01", "2029-01-01", "2027-07-01", "art. 11: start on New Year"),
    ("2024-02-28", "2024-02-29", "2027-02-28", "2025-08-29", "art. 11: start on the leap day"),
    ("2024-02-29", "2024-03-01", "2027-03-01", "2025-09-01", "art. 11: PIP on the leap day"),
    ("2025-02-28", "2025-03-01", "2028-03-01", "2026-09-01", "art. 11: across a leap February"),
    ("2025-08-30", "2025-08-31", "2028-08-31", "2027-02-28", "art. 17: 31 Aug + 18 months"),
]


@pytest.mark.parametrize(
    ("pip_date", "start", "end", "switch_until"),
    [pytest.param(D(p), D(s), D(e), D(r), id=i) for p, s, e, r, i in TERMIJN],
)
def test_termijn_and_route_switch(
    pip_date: date, start: date, end: date, switch_until: date
) -> None:
    assert termijn_start(pip_date) == start
    assert termijn_end(start) == end
    assert route_switch_until(start) == switch_until


def test_termijn_unknown_without_pip_date() -> None:
    assert termijn_start(None) is None
    assert termijn_end(None) is None
    assert route_switch_until(None) is None


# Participatiewet art. 56a: 6 months from the start of bijstand, statushouders only.
STATUSHOUDER = Doelgroep.STATUSHOUDER

ONTZORGEN = [
    # (doelgroep, bijstand start, ontzorgen until, id)
    (STATUSHOUDER, "2026-03-02", "2026-09-02", "art. 56a: statushouder"),
    (STATUSHOUDER, "2026-03-01", "2026-09-01", "art. 56a: from the 1st"),
    (STATUSHOUDER, "2025-08-31", "2026-02-28", "art. 56a: from 31 Aug into February"),
    (STATUSHOUDER, "2023-08-31", "2024-02-29", "art. 56a: from 31 Aug into a leap February"),
    (STATUSHOUDER, "2025-12-01", "2026-06-01", "art. 56a: across the year end"),
    (Doelgroep.GEZINSMIGRANT, "2026-03-02", None, "art. 56a: not for gezinsmigranten"),
    (Doelgroep.OVERIGE_MIGRANT, "2026-03-02", None, "art. 56a: not for overige migranten"),
    (STATUSHOUDER, None, None, "art. 56a: no bijstand, no ontzorgen"),
]


@pytest.mark.parametrize(
    ("doelgroep", "bijstand_start", "until"),
    [
        pytest.param(g, None if b is None else D(b), None if u is None else D(u), id=i)
        for g, b, u, i in ONTZORGEN
    ],
)
def test_ontzorgen_until(
    doelgroep: Doelgroep, bijstand_start: date | None, until: date | None
) -> None:
    assert ontzorgen_until(doelgroep, bijstand_start) == until


# Seed step 11: the consulent contacts the person 6 months after the exam.
NAZORG = [
    ("nazorg: plain", "2026-06-15", "2026-12-15"),
    ("nazorg: 31 Aug + 6 months, common year", "2026-08-31", "2027-02-28"),
    ("nazorg: 31 Aug + 6 months, leap year", "2027-08-31", "2028-02-29"),
    ("nazorg: across the year end", "2026-12-01", "2027-06-01"),
]


@pytest.mark.parametrize(
    ("exam", "contact"), [pytest.param(D(e), D(c), id=i) for i, e, c in NAZORG]
)
def test_nazorg_contact(exam: date, contact: date) -> None:
    assert nazorg_contact(exam) == contact


def test_nazorg_unknown_without_exam() -> None:
    assert nazorg_contact(None) is None


def test_compute_deadlines_interfaces_example() -> None:
    dates = CaseDates(
        brp_registration=D("2026-03-02"),
        koppeling=D("2026-02-01"),
        duo_kennisgeving=D("2026-02-20"),
        bijstand_start=D("2026-03-02"),
    )
    assert compute_deadlines(Doelgroep.STATUSHOUDER, dates).as_json() == {
        "pip_deadline": "2026-05-11",
        "pip_deadline_provisional": False,
        "termijn_start": None,
        "termijn_end": None,
        "route_switch_until": None,
        "ontzorgen_until": "2026-09-02",
        "nazorg_contact": None,
    }


def test_compute_deadlines_full_case() -> None:
    dates = CaseDates(brp_registration=D("2025-12-01"), pip_date=D("2026-02-09"))
    deadlines = compute_deadlines(Doelgroep.GEZINSMIGRANT, dates, exam_passed_on=D("2028-08-31"))
    assert deadlines.as_json() == {
        "pip_deadline": "2026-02-09",
        "pip_deadline_provisional": True,
        "termijn_start": "2026-02-10",
        "termijn_end": "2029-02-10",
        "route_switch_until": "2027-08-10",
        "ontzorgen_until": None,
        "nazorg_contact": "2029-02-28",
    }


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@given(dates, st.none() | dates)
def test_pip_deadline_never_before_either_input(brp: date, kennisgeving: date | None) -> None:
    result = pip_deadline(brp, kennisgeving)
    assert result is not None
    assert result.due > brp
    assert kennisgeving is None or result.due > kennisgeving
    assert result.provisional is (kennisgeving is None)


@given(dates)
def test_termijn_end_after_start_and_route_switch_inside(pip_date: date) -> None:
    start = termijn_start(pip_date)
    end = termijn_end(start)
    switch = route_switch_until(start)
    assert pip_date < start < switch < end
    # Three years on: 1095 or 1096 days later (one leap day at most, or a clamped 29 Feb).
    assert 1094 <= (end - start).days <= 1096


@given(dates, dates)
def test_status_is_overdue_exactly_after_the_deadline(deadline: date, today: date) -> None:
    assert (pip_deadline_status(deadline, today) == "overdue") is (today > deadline)
