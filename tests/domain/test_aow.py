"""The AOW age by date of birth (Algemene Ouderdomswet art. 7a; domain/aow.py)."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.aow import (
    AOW_AGE_BY_BIRTH_DATE,
    LAST_FIXED_BIRTH_DATE,
    AowAge,
    aow_age,
    aow_age_for_year,
    aow_date,
)

D = date.fromisoformat

# AOW art. 7a lid 1 (2013-2024, as temporised in 2019) and the vaststellingen under
# lid 2 (2025-2031), as a table by date of birth; rows test both edges of each band.
BY_BIRTH_DATE = [
    ("1947-12-31", 65, 0, "1947-12-31 art. 7a lid 1 a: before 2013, 65"),
    ("1948-01-01", 65, 1, "1948-01-01 art. 7a: 2013, 65+1"),
    ("1948-11-30", 65, 1, "1948-11-30 art. 7a: 2013, 65+1"),
    ("1948-12-01", 65, 2, "1948-12-01 art. 7a: 2014, 65+2"),
    ("1949-10-31", 65, 2, "1949-10-31 art. 7a: 2014, 65+2"),
    ("1949-11-01", 65, 3, "1949-11-01 art. 7a: 2015, 65+3"),
    ("1950-10-01", 65, 6, "1950-10-01 art. 7a: 2016, 65+6"),
    ("1951-07-01", 65, 9, "1951-07-01 art. 7a: 2017, 65+9"),
    ("1952-04-01", 66, 0, "1952-04-01 art. 7a: 2018, 66"),
    ("1952-12-31", 66, 0, "1952-12-31 art. 7a: 2018, 66"),
    ("1953-01-01", 66, 4, "1953-01-01 art. 7a: 2019-2021, 66+4"),
    ("1955-08-31", 66, 4, "1955-08-31 art. 7a: 2021, 66+4"),
    ("1955-09-01", 66, 7, "1955-09-01 art. 7a: 2022, 66+7"),
    ("1956-06-01", 66, 10, "1956-06-01 art. 7a: 2023, 66+10"),
    ("1957-02-28", 66, 10, "1957-02-28 art. 7a: 2023, 66+10"),
    ("1957-03-01", 67, 0, "1957-03-01 art. 7a: 2024, 67"),
    ("1960-12-31", 67, 0, "1960-12-31 lid 2: 2027, 67"),
    ("1961-01-01", 67, 3, "1961-01-01 lid 2: 2028, 67+3"),
    ("1964-09-30", 67, 3, "1964-09-30 lid 2: 2031, 67+3, last fixed"),
]


@pytest.mark.parametrize(
    ("born", "years", "months"),
    [pytest.param(D(b), y, m, id=i) for b, y, m, i in BY_BIRTH_DATE],
)
def test_aow_age_by_birth_date(born: date, years: int, months: int) -> None:
    assert aow_age(born) == AowAge(years, months, fixed=True)


BEYOND_FIXED = [
    ("1964-10-01", "the first birth date not yet covered by law"),
    ("1990-05-17", "a statushouder born in 1990"),
    ("2010-02-28", "a 16-year-old"),
]


@pytest.mark.parametrize("born", [pytest.param(D(b), id=i) for b, i in BEYOND_FIXED])
def test_aow_age_beyond_the_fixed_range_uses_the_latest_fixed_age(born: date) -> None:
    assert aow_age(born) == AowAge(67, 3, fixed=False)


AOW_DATE = [
    ("1955-08-31", "2021-12-31", "66+4: reached on the last day of 2021"),
    ("1957-03-01", "2024-03-01", "67: reached on the 67th birthday"),
    ("1961-01-01", "2028-04-01", "67+3: 1 January plus 3 months"),
    ("1960-11-30", "2027-11-30", "67 in 2027"),
    ("1949-11-30", "2015-03-01", "65+3: no 30 Feb 2015, so 1 March (Counting periods)"),
    ("1950-08-31", "2015-12-01", "65+3: no 31 Nov, so 1 December (Counting periods)"),
    ("1952-02-29", "2017-11-29", "65+9 from a 29 February birth"),
    ("1964-09-30", "2031-12-30", "the last fixed birth date"),
]


@pytest.mark.parametrize(
    ("born", "reached"),
    [pytest.param(D(b), D(r), id=i) for b, r, i in AOW_DATE],
)
def test_aow_date(born: date, reached: date) -> None:
    assert aow_date(born) == reached


YEAR_TABLE = [
    (2012, 65, 0, True, "art. 7a lid 1 a: before 2013"),
    (2013, 65, 1, True, "art. 7a lid 1: 2013"),
    (2020, 66, 4, True, "temporised: 2020 stays 66+4"),
    (2024, 67, 0, True, "art. 7a lid 1: 2024"),
    (2028, 67, 3, True, "vaststelling 2028"),
    (2031, 67, 3, True, "vaststelling 2031"),
    (2032, 67, 3, False, "not fixed yet"),
]


@pytest.mark.parametrize(
    ("year", "years", "months", "fixed"),
    [pytest.param(y, a, m, f, id=i) for y, a, m, f, i in YEAR_TABLE],
)
def test_aow_age_for_year(year: int, years: int, months: int, fixed: bool) -> None:
    assert aow_age_for_year(year) == AowAge(years, months, fixed)


def test_birth_table_is_contiguous() -> None:
    for (_, last, _, _), (first, _, _, _) in pairwise(AOW_AGE_BY_BIRTH_DATE):
        assert (first - last).days == 1
    assert date(1964, 9, 30) == LAST_FIXED_BIRTH_DATE


@given(st.dates(min_value=date(1940, 1, 1), max_value=LAST_FIXED_BIRTH_DATE))
def test_birth_table_agrees_with_the_per_year_law(born: date) -> None:
    # Art. 7a counts by the year in which the age is reached: the age from the birth-date
    # table must be the one the law sets for the year of the resulting AOW date.
    age = aow_age(born)
    assert age == aow_age_for_year(aow_date(born).year)


@given(st.dates(min_value=date(1940, 1, 1), max_value=date(2030, 12, 31)))
def test_aow_age_never_goes_down(born: date) -> None:
    later = date.fromordinal(born.toordinal() + 1)
    assert aow_age(later).total_months >= aow_age(born).total_months
    assert aow_date(later) >= aow_date(born)
