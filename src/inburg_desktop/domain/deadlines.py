"""The legal deadlines of a case, computed from its dates (DOMAIN.md, "The law").

Pure functions, one per deadline, plus :func:`compute_deadlines` that builds the
``deadlines`` object of ``inburg case show --json`` (INTERFACES.md). A deadline whose
input date is not known yet is ``None``.

Day conventions (see ``calendar.py``):

* A period "within N weeks after" an event day ends on the same weekday N weeks on
  (the event day itself is not counted).
* "N months after" a day is the same day-of-month N months on (INTERFACES.md reads
  ``termijn_end``, ``route_switch_until`` and ``ontzorgen_until`` that way), or the
  target month's last day when that day-of-month does not exist (31 Aug + 6 months →
  28/29 Feb; see :func:`calendar.add_months`).
* Deadlines are plain calendar dates. The Algemene termijnenwet can move a statutory
  term that ends on a Saturday, Sunday or public holiday to the next working day; the app
  does not rely on that extension and shows the earlier, calendar date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, overload

from inburg_desktop.domain.calendar import add_months, add_weeks
from inburg_desktop.domain.case import CaseDates, Doelgroep

PIP_WEEKS = 10
TERMIJN_MONTHS = 36
ROUTE_SWITCH_MONTHS = 18
ONTZORGEN_MONTHS = 6
NAZORG_MONTHS = 6
DUE_SOON_DAYS = 14

PipBasis = Literal["duo_kennisgeving", "brp_registration"]
PipDeadlineStatus = Literal["ok", "due_soon", "overdue"]


@dataclass(frozen=True)
class PipDeadline:
    """The last day to set the PIP, and what it counts from.

    ``basis`` is the date it counts from: ``"duo_kennisgeving"`` or
    ``"brp_registration"``. ``provisional`` is True while DUO's kennisgeving is unknown,
    so the deadline may still move later.
    """

    due: date
    provisional: bool
    basis: PipBasis


def pip_deadline(
    brp_registration: date | None, duo_kennisgeving: date | None
) -> PipDeadline | None:
    """The PIP deadline: 10 weeks after the later of kennisgeving and BRP registration.

    Wet inburgering 2021 art. 15/16 as in force since 1 January 2023: the college sets the
    PIP within 10 weeks after DUO's written notice of the plicht; if the person was not yet
    registered in the BRP of the municipality on that date, within 10 weeks after that
    registration. Registration on the day of the kennisgeving counts as registered.
    Besluit art. 5.3 lid 1–2 allows exceeding it only while waiting for a third party.

    Without a kennisgeving the deadline counts from BRP registration and is provisional.
    Without a BRP registration the deadline cannot be known (it will count from the
    registration once it happens), so the result is ``None``.
    """
    if brp_registration is None:
        return None
    if duo_kennisgeving is None:
        return PipDeadline(add_weeks(brp_registration, PIP_WEEKS), True, "brp_registration")
    if brp_registration > duo_kennisgeving:
        return PipDeadline(add_weeks(brp_registration, PIP_WEEKS), False, "brp_registration")
    return PipDeadline(add_weeks(duo_kennisgeving, PIP_WEEKS), False, "duo_kennisgeving")


def pip_deadline_status(deadline: date, today: date) -> PipDeadlineStatus:
    """``"overdue"`` after the deadline, ``"due_soon"`` from 14 days before it up to and
    including the day itself, ``"ok"`` before that."""
    if today > deadline:
        return "overdue"
    if (deadline - today).days <= DUE_SOON_DAYS:
        return "due_soon"
    return "ok"


@overload
def termijn_start(pip_date: date) -> date: ...
@overload
def termijn_start(pip_date: None) -> None: ...
def termijn_start(pip_date: date | None) -> date | None:
    """First day of the inburgeringstermijn: the day after the PIP's dagtekening.

    Wet art. 11, for statushouders and gezinsmigranten alike. It is the date of the first
    PIP: replacing or re-setting the PIP does not move the termijn.
    """
    if pip_date is None:
        return None
    return pip_date + timedelta(days=1)


@overload
def termijn_end(termijn_start: date) -> date: ...
@overload
def termijn_end(termijn_start: None) -> None: ...
def termijn_end(termijn_start: date | None) -> date | None:
    """End of the three-year inburgeringstermijn (Wet art. 11): three years on.

    INTERFACES.md fixes the reading: ``termijn_end`` is the same date three years after
    ``termijn_start`` (start 2026-05-12 → 2029-05-12), the moment by which the
    inburgeringsplicht must be met. A start on 29 February ends on 28 February
    (start 2024-02-29 → 2027-02-28). Extensions (Besluit art. 4.2–4.4) are DUO's and are
    not applied here.
    """
    if termijn_start is None:
        return None
    return add_months(termijn_start, TERMIJN_MONTHS)


@overload
def route_switch_until(termijn_start: date) -> date: ...
@overload
def route_switch_until(termijn_start: None) -> None: ...
def route_switch_until(termijn_start: date | None) -> date | None:
    """Until when the leerroute may be re-set for progress reasons: 18 months on.

    Wet art. 17, Besluit art. 5.4: up to one and a half year after the termijn starts;
    INTERFACES.md: 18 months after ``termijn_start`` (start 2026-05-12 → 2027-11-12).
    (Onderwijsroute → B1-route is allowed at any time and is not bounded by this date.)
    """
    if termijn_start is None:
        return None
    return add_months(termijn_start, ROUTE_SWITCH_MONTHS)


def ontzorgen_until(doelgroep: Doelgroep, bijstand_start: date | None) -> date | None:
    """Last day (inclusive) of the six months of ontzorgen (Participatiewet art. 56a).

    Only for inburgeringsplichtigen with an asylum permit (statushouders, incl.
    nareizigers); six months from the day the right to bijstand starts:
    2026-03-02 → 2026-09-02 (INTERFACES.md: 6 months after ``bijstand_start``).
    ``None`` for other doelgroepen or without a bijstand start.
    The municipality may extend it; that is not applied here.
    """
    if doelgroep is not Doelgroep.STATUSHOUDER or bijstand_start is None:
        return None
    return add_months(bijstand_start, ONTZORGEN_MONTHS)


@overload
def nazorg_contact(exam_passed_on: date) -> date: ...
@overload
def nazorg_contact(exam_passed_on: None) -> None: ...
def nazorg_contact(exam_passed_on: date | None) -> date | None:
    """Day of the nazorg contact: six months after the exam was passed (seed, step 11).

    A point in time, not a period: 2026-08-31 → 2027-02-28 (month end clamps).
    """
    if exam_passed_on is None:
        return None
    return add_months(exam_passed_on, NAZORG_MONTHS)


@dataclass(frozen=True)
class Deadlines:
    """All deadlines of a case; ``None`` where not known yet."""

    pip_deadline: date | None
    pip_deadline_provisional: bool
    termijn_start: date | None
    termijn_end: date | None
    route_switch_until: date | None
    ontzorgen_until: date | None
    nazorg_contact: date | None

    def as_json(self) -> dict[str, str | bool | None]:
        """The INTERFACES.md ``deadlines`` object, plus ``pip_deadline_provisional``."""

        def iso(day: date | None) -> str | None:
            return None if day is None else day.isoformat()

        return {
            "pip_deadline": iso(self.pip_deadline),
            "pip_deadline_provisional": self.pip_deadline_provisional,
            "termijn_start": iso(self.termijn_start),
            "termijn_end": iso(self.termijn_end),
            "route_switch_until": iso(self.route_switch_until),
            "ontzorgen_until": iso(self.ontzorgen_until),
            "nazorg_contact": iso(self.nazorg_contact),
        }


def compute_deadlines(
    doelgroep: Doelgroep, dates: CaseDates, exam_passed_on: date | None = None
) -> Deadlines:
    """Every deadline of a case from its doelgroep and dates."""
    pip = pip_deadline(dates.brp_registration, dates.duo_kennisgeving)
    start = termijn_start(dates.pip_date)
    return Deadlines(
        pip_deadline=None if pip is None else pip.due,
        pip_deadline_provisional=False if pip is None else pip.provisional,
        termijn_start=start,
        termijn_end=termijn_end(start),
        route_switch_until=route_switch_until(start),
        ontzorgen_until=ontzorgen_until(doelgroep, dates.bijstand_start),
        nazorg_contact=nazorg_contact(exam_passed_on),
    )
