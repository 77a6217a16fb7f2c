"""Calendar arithmetic for legal dates: weeks, months and years, period ends and ages.

One rule counts every period of months or years the law sets (DOMAIN.md, "Counting
periods"): a period of N months that starts on day S runs up to, not including, the day
S + N, where S + N is the same day-of-month N months on and, when that day does not exist
(31 June, 29 February in a common year), the first day of the next month. So:

* :func:`months_later` is S + N by that rule; :func:`period_last_day` is the day before
  it, the last day that still counts ("t/m"). The termijn, the route-change window, the
  six months of ontzorgen and the plicht up to the AOW age all end that way.
* An age is a period that starts on the day of birth: someone turns N on
  :func:`birthday` (``months_later`` by 12 × N months), so a person born on 29 February
  turns a year older on 1 March in a common year (:func:`age_on`).

:func:`add_months` is a different question kept for planning points that are not ends
of a legal period (a voortgangsgesprek "in month 3", the nazorg contact "six months after
the exam"): the same day-of-month, clamped to the target month's last day.

Weeks have no such ambiguity: :func:`add_weeks` adds 7 days per week ("10 weeks after
day D" ends on D + 70 days).
"""

from __future__ import annotations

from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def days_in_month(year: int, month: int) -> int:
    """Number of days in ``month`` of ``year`` (February 29 in leap years)."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - ONE_DAY).day


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def months_later(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months by the legal counting rule.

    The same day-of-month ``months`` months on; when the target month lacks that day, the
    first day of the month after it (DOMAIN.md, "Counting periods"):

    * 2026-05-12 + 36 → 2029-05-12
    * 2024-02-29 + 36 → 2027-03-01 (no 29 February in 2027)
    * 2026-03-31 + 6 → 2026-10-01 (no 31 September)
    * 2026-08-31 + 6 → 2027-03-01

    ``months`` must be zero or more; raises ``ValueError`` otherwise.
    """
    if months < 0:
        raise ValueError(f"months must be zero or more, got {months}")
    year, month = _shift_month(day.year, day.month, months)
    if day.day > days_in_month(year, month):
        year, month = _shift_month(year, month, 1)
        return date(year, month, 1)
    return date(year, month, day.day)


def period_last_day(first_day: date, months: int) -> date:
    """The last day (inclusive, "t/m") of a period of ``months`` months from ``first_day``.

    The day before :func:`months_later` (DOMAIN.md, "Counting periods"):

    * 2026-05-12, 36 months → 2029-05-11 (termijn after a PIP dated 2026-05-11)
    * 2026-05-12, 18 months → 2027-11-11 (route-change window)
    * 2026-03-02, 6 months → 2026-09-01 (ontzorgen)
    * 2025-03-01, 36 months → 2028-02-29 (the leap day is inside the last year)
    * 2024-02-29, 36 months → 2027-02-28 (no 29 February in 2027)
    * 2026-03-31, 6 months → 2026-09-30 (no 31 September)

    ``months`` must be at least 1; raises ``ValueError`` otherwise.
    """
    if months < 1:
        raise ValueError(f"a period lasts at least one month, got {months}")
    return months_later(first_day, months) - ONE_DAY


def birthday(date_of_birth: date, years: int) -> date:
    """The day someone born on ``date_of_birth`` turns ``years`` old.

    Age is counted like any period of years from the day of birth: born on 29 February,
    one turns a year older on 1 March in a common year (2008-02-29, 18 → 2026-03-01).
    """
    return months_later(date_of_birth, 12 * years)


def age_on(date_of_birth: date, on: date) -> int:
    """Completed years of age on ``on`` (:func:`birthday` semantics).

    The one age function of the app: plicht (16 to the AOW age), the route advice's age
    limit for the onderwijsroute and the ages of children (VVE) all use it. Raises
    ``ValueError`` when ``on`` lies before ``date_of_birth``.
    """
    if on < date_of_birth:
        raise ValueError("the reference date lies before the date of birth")
    years = on.year - date_of_birth.year
    if years > 0 and birthday(date_of_birth, years) > on:
        years -= 1
    return years


def add_months(day: date, months: int) -> date:
    """``day`` moved ``months`` calendar months (may be negative), clamped at month end.

    For planning points that do not end a legal period (voortgangsgesprekken, nazorg):
    the day-of-month is kept when the target month has it, otherwise the target month's
    last day: 2025-08-31 + 6 months = 2026-02-28, 2024-01-31 + 1 month = 2024-02-29.
    Never use it for the end of a period or an age: see :func:`period_last_day` and
    :func:`birthday`.
    """
    year, month = _shift_month(day.year, day.month, months)
    return date(year, month, min(day.day, days_in_month(year, month)))


def add_weeks(day: date, weeks: int) -> date:
    """``day`` plus ``weeks`` × 7 days: the same weekday, ``weeks`` weeks on."""
    return day + timedelta(weeks=weeks)
