"""Calendar arithmetic: month ends, leap days and year ends (domain/calendar.py).

The counting rule is DOMAIN.md "Counting periods": a period of N months from day S ends on
the day before S + N, where an S + N that does not exist becomes the first day of the next
month; an age is such a period from the day of birth.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.calendar import (
    add_months,
    add_weeks,
    age_on,
    birthday,
    days_in_month,
    months_later,
    period_last_day,
)

D = date.fromisoformat

# A point in time N months on: the same day-of-month, clamped to the month's last day.
ADD_MONTHS = [
    ("2026-01-15", 1, "2026-02-15", "plain"),
    ("2025-08-31", 6, "2026-02-28", "31 Aug + 6 months, common year: clamp to 28 Feb"),
    ("2023-08-31", 6, "2024-02-29", "31 Aug + 6 months, leap year: clamp to 29 Feb"),
    ("2024-01-31", 1, "2024-02-29", "31 Jan + 1 month, leap year"),
    ("2025-01-31", 1, "2025-02-28", "31 Jan + 1 month, common year"),
    ("2025-12-01", 1, "2026-01-01", "year end"),
    ("2025-11-30", 2, "2026-01-30", "across the year end"),
    ("2024-02-29", 12, "2025-02-28", "from 29 Feb, a year on"),
    ("2024-02-29", 48, "2028-02-29", "from 29 Feb, four years on"),
    ("2026-03-31", -1, "2026-02-28", "backwards clamps too"),
    ("2026-01-15", -1, "2025-12-15", "backwards across the year end"),
    ("2026-05-31", 0, "2026-05-31", "zero months"),
]


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [pytest.param(D(s), m, D(e), id=i) for s, m, e, i in ADD_MONTHS],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


# S + N months by the counting rule: a day that does not exist becomes the 1st of the next.
MONTHS_LATER = [
    ("2026-05-12", 36, "2029-05-12", "plain"),
    ("2024-02-29", 36, "2027-03-01", "no 29 Feb in 2027: 1 March"),
    ("2024-02-29", 48, "2028-02-29", "29 Feb to a leap year"),
    ("2026-03-31", 6, "2026-10-01", "no 31 September: 1 October"),
    ("2026-08-31", 6, "2027-03-01", "no 31 February: 1 March"),
    ("2025-12-31", 2, "2026-03-01", "no 31 Feb, across the year end"),
    ("2026-01-31", 1, "2026-03-01", "no 31 Feb in a common year"),
    ("2024-01-31", 1, "2024-03-01", "no 31 Feb in a leap year either"),
    ("2024-01-30", 1, "2024-03-01", "no 30 Feb"),
    ("2024-01-29", 1, "2024-02-29", "29 Feb exists in a leap year"),
    ("2026-06-15", 0, "2026-06-15", "zero months"),
]


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [pytest.param(D(s), m, D(e), id=i) for s, m, e, i in MONTHS_LATER],
)
def test_months_later(start: date, months: int, expected: date) -> None:
    assert months_later(start, months) == expected


def test_months_later_refuses_negative() -> None:
    with pytest.raises(ValueError):
        months_later(D("2026-01-01"), -1)


ADD_WEEKS = [
    ("2026-03-02", 10, "2026-05-11", "INTERFACES example: BRP 2026-03-02 + 10 weeks"),
    ("2025-12-01", 10, "2026-02-09", "across the year end"),
    ("2024-02-29", 1, "2024-03-07", "from the leap day"),
    ("2024-02-22", 1, "2024-02-29", "onto the leap day"),
]


@pytest.mark.parametrize(
    ("start", "weeks", "expected"),
    [pytest.param(D(s), w, D(e), id=i) for s, w, e, i in ADD_WEEKS],
)
def test_add_weeks(start: date, weeks: int, expected: date) -> None:
    assert add_weeks(start, weeks) == expected


# The last day of a period that starts on (and includes) a given day (DOMAIN.md
# "Counting periods", with its examples).
PERIOD_LAST_DAY = [
    ("2026-05-12", 36, "2029-05-11", "Wet art. 11: termijn after a PIP dated 2026-05-11"),
    ("2026-05-12", 18, "2027-11-11", "Besluit art. 5.4 lid 1: route change window"),
    ("2026-03-02", 6, "2026-09-01", "Participatiewet art. 56a: ontzorgen from 2026-03-02"),
    ("2026-08-31", 6, "2027-02-28", "art. 56a: from 31 Aug, no 31 Feb"),
    ("2026-01-31", 1, "2026-02-28", "month end: a month from 31 Jan"),
    ("2026-04-30", 1, "2026-05-29", "month end: 30 Apr + 1 month is 30 May, exclusive"),
    ("2026-03-01", 6, "2026-08-31", "starting on the 1st: the last day of a month"),
    ("2026-03-31", 6, "2026-09-30", "no 31 September: the month's last day"),
    ("2025-03-01", 36, "2028-02-29", "ends on a leap day"),
    ("2024-02-29", 36, "2027-02-28", "from 29 Feb: 28 Feb three years on"),
    ("2024-02-29", 48, "2028-02-28", "from 29 Feb to a leap year: the day before 29 Feb"),
    ("2024-03-01", 36, "2027-02-28", "from 1 Mar after a leap day"),
    ("2025-12-02", 18, "2027-06-01", "across year ends"),
    ("2026-01-01", 12, "2026-12-31", "a calendar year"),
]


@pytest.mark.parametrize(
    ("first", "months", "expected"),
    [pytest.param(D(s), m, D(e), id=i) for s, m, e, i in PERIOD_LAST_DAY],
)
def test_period_last_day(first: date, months: int, expected: date) -> None:
    assert period_last_day(first, months) == expected


def test_period_last_day_rejects_empty_period() -> None:
    with pytest.raises(ValueError, match="at least one month"):
        period_last_day(D("2026-01-01"), 0)


# An age is a period from the day of birth (DOMAIN.md "Counting periods"): born on
# 29 February, one turns a year older on 1 March in a common year.
AGE_ON = [
    ("2010-06-15", "2026-06-14", 15, "the day before the 16th birthday"),
    ("2010-06-15", "2026-06-15", 16, "on the 16th birthday"),
    ("2008-02-29", "2026-02-28", 17, "born 29 Feb: still 17 on 28 Feb of a common year"),
    ("2008-02-29", "2026-03-01", 18, "born 29 Feb: 18 on 1 March of a common year"),
    ("2008-02-29", "2028-02-29", 20, "born 29 Feb, leap year birthday"),
    ("2072-02-29", "2100-02-28", 27, "route advice age 28 boundary: 2100 is no leap year"),
    ("2072-02-29", "2100-03-01", 28, "route advice: 28 on 1 March 2100"),
    ("2000-02-29", "2029-02-28", 28, "born 29 Feb 2000: still 28 on 28 Feb 2029"),
    ("1990-12-31", "2026-01-01", 35, "year end"),
    ("2026-01-01", "2026-01-01", 0, "born today"),
]


@pytest.mark.parametrize(
    ("born", "on", "expected"),
    [pytest.param(D(b), D(o), a, id=i) for b, o, a, i in AGE_ON],
)
def test_age_on(born: date, on: date, expected: int) -> None:
    assert age_on(born, on) == expected


def test_age_on_rejects_date_before_birth() -> None:
    with pytest.raises(ValueError):
        age_on(D("2000-01-02"), D("2000-01-01"))


@pytest.mark.parametrize(
    ("year", "month", "days"),
    [(2024, 2, 29), (2025, 2, 28), (2000, 2, 29), (1900, 2, 28), (2025, 12, 31), (2025, 4, 30)],
)
def test_days_in_month(year: int, month: int, days: int) -> None:
    assert days_in_month(year, month) == days


dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@given(dates, st.integers(min_value=-600, max_value=600))
def test_add_months_keeps_day_or_clamps_to_month_end(day: date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == min(day.day, days_in_month(result.year, result.month))


@given(dates, st.integers(min_value=1, max_value=600))
def test_period_last_day_is_the_day_before_the_next_period(first: date, months: int) -> None:
    last = period_last_day(first, months)
    assert first <= last
    assert last + timedelta(days=1) == months_later(first, months)
    # The day before the same date N months on, or the month's last day when that date
    # is missing from the target month.
    assert (add_months(first, months) - last).days in (0, 1)
    assert period_last_day(last + timedelta(days=1), months) > last


@given(dates, dates)
def test_age_on_counts_birthdays(a: date, b: date) -> None:
    born, on = min(a, b), max(a, b)
    age = age_on(born, on)
    assert birthday(born, age) <= on < birthday(born, age + 1)
