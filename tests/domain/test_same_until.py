"""Until when the rules' answer on a case holds (``plicht.same_until``,
``deadlines.deadline_state_same_until``): the case list keeps a case's outcome of one day
until then (``services.case_summary``), so on every day in between the rules must give
exactly that answer, and on the day named they give another.

The day enters the rules through the age in completed years (Wet art. 3: from 16 up to
the AOW age; under 18 the leerplicht warning, Wet art. 4), the AOW date (AOW art. 7a),
a date of birth still to come, the Wet's entry into force (2022-01-01), and the PIP
deadline's urgency (due soon from 14 days before it, overdue after it: Besluit art. 5.3).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inburg_desktop.domain.aow import aow_date
from inburg_desktop.domain.case import (
    CaseDates,
    Doelgroep,
    Inburgeraar,
    ResidenceBasis,
    WachtenOpDerde,
)
from inburg_desktop.domain.deadlines import deadline_state, deadline_state_same_until
from inburg_desktop.domain.evaluation import Evaluation, evaluate
from inburg_desktop.domain.plicht import same_until

D = date.fromisoformat


def answer(
    person: Inburgeraar, doelgroep: Doelgroep, dates: CaseDates, on: date
) -> tuple[Evaluation, str]:
    evaluation = evaluate(person, doelgroep, dates, on)
    return evaluation, deadline_state(evaluation.deadlines, on)


def until(person: Inburgeraar, doelgroep: Doelgroep, dates: CaseDates, on: date) -> date:
    """The first day the case list computes the case again (as services.case_summary)."""
    first = same_until(person.date_of_birth, on)
    state = deadline_state_same_until(evaluate(person, doelgroep, dates, on).deadlines, on)
    return first if state is None else min(first, state)


def person(
    born: date,
    nationality: str = "SYR",
    basis: ResidenceBasis | None = None,
    permit: date | None = None,
) -> Inburgeraar:
    return Inburgeraar(
        "Amal", "Haddad", born, nationality, residence_basis=basis, permit_since=permit
    )


CASES = [
    pytest.param(
        D("2010-06-15"),
        D("2026-03-01"),
        D("2026-06-15"),
        id="turns 16 on the birthday (Wet art. 3)",
    ),
    pytest.param(
        D("2008-06-15"),
        D("2026-06-14"),
        D("2026-06-15"),
        id="turns 18 the next day (Wet art. 4 warning ends)",
    ),
    pytest.param(
        D("2008-02-29"),
        D("2026-01-10"),
        D("2026-03-01"),
        id="born 29 February: a year older on 1 March",
    ),
    pytest.param(
        D("1960-01-31"), D("2026-12-31"), D("2027-01-31"), id="age changes before the AOW date"
    ),
    pytest.param(
        D("2030-01-01"),
        D("2026-03-01"),
        D("2026-03-02"),
        id="a date of birth still to come: the reason quotes the day",
    ),
    pytest.param(
        D("1990-05-01"),
        D("2021-12-30"),
        D("2021-12-31"),
        id="before the Wet applies: the reason quotes the day",
    ),
]


@pytest.mark.parametrize(("born", "on", "expected"), CASES)
def test_the_plicht_holds_until_the_day_it_changes(born: date, on: date, expected: date) -> None:
    assert same_until(born, on) == expected


def test_the_aow_date_ends_the_interval_when_it_comes_first() -> None:
    born = D("1959-03-10")  # AOW age 67: reached 2026-03-10, the birthday itself
    assert same_until(born, D("2025-12-01")) == aow_date(born) == D("2026-03-10")
    born = D("1961-01-31")  # 67 and 3 months: 2028-05-01, no birthday
    assert aow_date(born) == D("2028-05-01")
    assert same_until(born, D("2028-02-15")) == D("2028-05-01")


def test_the_urgency_changes_14_days_before_and_the_day_after_the_deadline() -> None:
    dates = CaseDates(brp_registration=D("2026-01-05"), duo_kennisgeving=D("2026-01-05"))
    someone = person(D("1990-05-01"), basis=ResidenceBasis.ASIEL)
    deadlines = evaluate(someone, Doelgroep.STATUSHOUDER, dates, D("2026-01-06")).deadlines
    assert deadlines.pip_deadline == D("2026-03-16")  # 10 weeks (Besluit art. 5.3 lid 1)
    assert deadline_state_same_until(deadlines, D("2026-01-06")) == D("2026-03-02")
    assert deadline_state_same_until(deadlines, D("2026-03-02")) == D("2026-03-17")
    assert deadline_state_same_until(deadlines, D("2026-03-16")) == D("2026-03-17")
    assert deadline_state_same_until(deadlines, D("2026-03-17")) is None  # overdue for good


DAYS = st.dates(D("1925-01-01"), D("2032-12-31"))


@st.composite
def cases(draw: st.DrawFn) -> tuple[Inburgeraar, Doelgroep, CaseDates, date]:
    born = draw(
        st.one_of(DAYS, st.sampled_from([D("2008-02-29"), D("2004-02-29"), D("1959-03-10")]))
    )
    nationality = draw(st.sampled_from(["SYR", "TUR", "DEU", "NLD", "ERI", "XXX", "zz"]))
    basis = draw(st.none() | st.sampled_from(list(ResidenceBasis)))
    permit = draw(st.none() | st.dates(D("2015-01-01"), D("2030-12-31")))
    brp = draw(st.dates(D("2020-01-01"), D("2031-12-31")))
    kennisgeving = draw(st.none() | st.dates(D("2020-01-01"), D("2031-12-31")))
    wait = None
    if draw(st.booleans()):
        sinds = draw(st.dates(D("2020-01-01"), D("2031-12-31")))
        after = draw(st.none() | st.integers(0, 200))
        received = None if after is None else sinds + timedelta(days=after)
        wait = WachtenOpDerde(reden="UWV", sinds=sinds, ontvangen=received)
    dates = CaseDates(
        brp_registration=brp,
        duo_kennisgeving=kennisgeving,
        brp_after_move=draw(st.none() | st.dates(D("2020-01-01"), D("2031-12-31"))),
        pip_date=draw(st.none() | st.dates(D("2020-01-01"), D("2031-12-31"))),
        wachten_op_derde=wait,
    )
    on = draw(st.dates(D("2021-10-01"), D("2034-12-31")))
    return (
        person(born, nationality, basis, permit),
        draw(st.sampled_from(list(Doelgroep))),
        dates,
        on,
    )


@settings(max_examples=60)
@given(case=cases())
def test_every_day_until_then_gets_the_same_answer_and_that_day_another(
    case: tuple[Inburgeraar, Doelgroep, CaseDates, date],
) -> None:
    someone, doelgroep, dates, on = case
    first = answer(someone, doelgroep, dates, on)
    end = until(someone, doelgroep, dates, on)
    assert on < end <= on + timedelta(days=366)  # a birthday comes at least once a year
    day = on
    while day < end:
        assert answer(someone, doelgroep, dates, day) == first, day
        day += timedelta(days=1)
    assert answer(someone, doelgroep, dates, end) != first  # never computed again for nothing
