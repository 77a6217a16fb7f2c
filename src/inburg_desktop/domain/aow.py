"""The AOW age (pensioengerechtigde leeftijd) for a date of birth, as fixed in law.

The inburgeringsplicht ends at the AOW age (Wet inburgering 2021 art. 3), so the plicht
check needs it. The AOW age depends on the calendar year in which it is reached:

Source: Algemene Ouderdomswet (BWBR0002221) art. 7a lid 1, as amended by the Wet
temporisering verhoging AOW-leeftijd (2019: 66 and 4 months for 2019–2021, then 66+7,
66+10 and 67 in 2024), for 2013–2024; for 2025 onward the ages the Minister of SZW fixes
under art. 7a lid 2, five years ahead (67 for 2025–2027; 67 and 3 months for 2028, 2029,
2030 and 2031, the last fixed in 2025). The table by date of birth below is the one the
Rijksoverheid and the SVB publish ("Wanneer gaat mijn AOW in?"); a test checks that it
agrees with the per-year table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inburg_desktop.domain.calendar import months_later


@dataclass(frozen=True, order=True)
class AowAge:
    """An AOW age in years and months; ``fixed`` is False for an extrapolated age."""

    years: int
    months: int
    fixed: bool = True

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months


# AOW age per calendar year in which it is reached (AOW art. 7a lid 1 and the
# vaststellingen under lid 2). Before 2013: 65.
AOW_AGE_BY_YEAR: tuple[tuple[int, int, int], ...] = (
    # (year, years, months)
    (2013, 65, 1),
    (2014, 65, 2),
    (2015, 65, 3),
    (2016, 65, 6),
    (2017, 65, 9),
    (2018, 66, 0),
    (2019, 66, 4),
    (2020, 66, 4),
    (2021, 66, 4),
    (2022, 66, 7),
    (2023, 66, 10),
    (2024, 67, 0),
    (2025, 67, 0),
    (2026, 67, 0),
    (2027, 67, 0),
    (2028, 67, 3),
    (2029, 67, 3),
    (2030, 67, 3),
    (2031, 67, 3),
)

LAST_FIXED_YEAR = AOW_AGE_BY_YEAR[-1][0]

# The same law as a table by date of birth: (born on or after, born on or before, years,
# months). Someone born on 1948-01-01 reaches 65 + 1 month in 2013, and so on.
AOW_AGE_BY_BIRTH_DATE: tuple[tuple[date, date, int, int], ...] = (
    (date.min, date(1947, 12, 31), 65, 0),
    (date(1948, 1, 1), date(1948, 11, 30), 65, 1),
    (date(1948, 12, 1), date(1949, 10, 31), 65, 2),
    (date(1949, 11, 1), date(1950, 9, 30), 65, 3),
    (date(1950, 10, 1), date(1951, 6, 30), 65, 6),
    (date(1951, 7, 1), date(1952, 3, 31), 65, 9),
    (date(1952, 4, 1), date(1952, 12, 31), 66, 0),
    (date(1953, 1, 1), date(1955, 8, 31), 66, 4),
    (date(1955, 9, 1), date(1956, 5, 31), 66, 7),
    (date(1956, 6, 1), date(1957, 2, 28), 66, 10),
    (date(1957, 3, 1), date(1960, 12, 31), 67, 0),
    (date(1961, 1, 1), date(1964, 9, 30), 67, 3),
)

LAST_FIXED_BIRTH_DATE = AOW_AGE_BY_BIRTH_DATE[-1][1]
_NOT_FIXED = AowAge(AOW_AGE_BY_BIRTH_DATE[-1][2], AOW_AGE_BY_BIRTH_DATE[-1][3], fixed=False)
"""The latest fixed age, for births after :data:`LAST_FIXED_BIRTH_DATE` (provisional)."""


def aow_age(date_of_birth: date) -> AowAge:
    """The AOW age for someone born on ``date_of_birth``.

    For births after :data:`LAST_FIXED_BIRTH_DATE` (1964-09-30) the law has not fixed the
    age yet; the latest fixed age (67 years and 3 months) is returned with
    ``fixed=False``. The law does not allow the age to go down (AOW art. 7a lid 2), so this
    is a lower bound: someone younger than it is certainly below their AOW age.
    """
    if date_of_birth > LAST_FIXED_BIRTH_DATE:
        return _NOT_FIXED  # nearly every newcomer: asked several times per case and list
    for first, last, years, months in AOW_AGE_BY_BIRTH_DATE:
        if first <= date_of_birth <= last:
            return AowAge(years, months)
    return _NOT_FIXED


def aow_date(date_of_birth: date) -> date:
    """The day the AOW age is reached (AOW art. 7a lid 1).

    An age is a period from the day of birth, counted as DOMAIN.md "Counting periods"
    says (:func:`calendar.months_later`): born 1961-01-31 with an AOW age of 67 years and
    3 months, the age is reached on 2028-05-01, as 31 April does not exist. For births
    after :data:`LAST_FIXED_BIRTH_DATE` the date is provisional (``aow_age(...).fixed`` is
    False): show it as such.
    """
    return months_later(date_of_birth, aow_age(date_of_birth).total_months)


def aow_age_for_year(year: int) -> AowAge:
    """The AOW age for those reaching it in ``year`` (art. 7a lid 1 as a per-year table).

    Years after :data:`LAST_FIXED_YEAR` get the latest fixed age with ``fixed=False``.
    """
    if year < AOW_AGE_BY_YEAR[0][0]:
        return AowAge(65, 0)
    for table_year, years, months in AOW_AGE_BY_YEAR:
        if table_year == year:
            return AowAge(years, months)
    _, years, months = AOW_AGE_BY_YEAR[-1]
    return AowAge(years, months, fixed=False)
