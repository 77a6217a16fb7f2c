"""The legal deadlines of a case, computed from its dates (DOMAIN.md, "The law").

Pure functions, one per deadline, plus :func:`compute_deadlines` that builds the
``deadlines`` object of ``inburg case show --json`` (INTERFACES.md). A deadline whose
input date is not known yet is ``None``.

Day conventions (``calendar.py``, DOMAIN.md "Counting periods"):

* "N weeks after day D" ends on D + 7 × N days (the day D itself is not counted).
* Every end of a period of months or years is the last day that still counts ("t/m"),
  :func:`calendar.period_last_day`: the termijn of 3 years from 2026-05-12 ends on
  2029-05-11, the route-change window of 18 months on 2027-11-11, six months of
  ontzorgen from 2026-03-02 on 2026-09-01.
* Deadlines are plain calendar dates. The Algemene termijnenwet can move a statutory
  term that ends on a Saturday, Sunday or public holiday to the next working day; the app
  does not rely on that extension and shows the earlier, calendar date (a PIP deadline on
  a Saturday stays that Saturday).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, overload

from inburg_desktop.domain.calendar import add_months, add_weeks, period_last_day
from inburg_desktop.domain.case import CaseDates, Doelgroep, WachtenOpDerde

PIP_WEEKS = 10  # Besluit art. 5.3 lid 1 and lid 3
DERDE_WEEKS = 2  # Besluit art. 5.3 lid 2
TERMIJN_YEARS = 3  # Wet art. 11
TERMIJN_MONTHS = 12 * TERMIJN_YEARS
ROUTE_SWITCH_MONTHS = 18  # Besluit art. 5.4 lid 1: one and a half year
ONTZORGEN_MONTHS = 6  # Participatiewet art. 56a
NAZORG_MONTHS = 6  # seed, step 11
DUE_SOON_DAYS = 14

PipBasis = Literal["duo_kennisgeving", "brp_registration", "brp_after_move", "wachten_op_derde"]
# The article that sets the PIP deadline counted from each basis (Besluit art. 5.3): lid 1
# from DUO's kennisgeving or the BRP registration, lid 2 after a third party's
# information, lid 3 after a move here.
PIP_DEADLINE_ARTICLE: dict[PipBasis, str] = {
    "duo_kennisgeving": "Besluit art. 5.3 lid 1",
    "brp_registration": "Besluit art. 5.3 lid 1",
    "brp_after_move": "Besluit art. 5.3 lid 3",
    "wachten_op_derde": "Besluit art. 5.3 lid 2",
}
PipDeadlineStatus = Literal["ok", "due_soon", "overdue", "waiting", "niet_plichtig"]


@dataclass(frozen=True)
class PipDeadline:
    """The last day to set the PIP, what it counts from, and why.

    ``basis`` is what it counts from: DUO's kennisgeving, the BRP registration (lid 1,
    second sentence, statushouders; or provisional while the kennisgeving is unknown), the
    registration here after a move (lid 3) or the receipt of a third party's information
    (lid 2). ``due`` is ``None`` while the PIP waits for that information (lid 2: the
    deadline is two weeks after a receipt that has not happened yet). ``provisional`` is
    True while DUO's kennisgeving is unknown: no legal term runs yet, the date is a
    planning aid. ``wachten_te_laat`` is True when a wait was recorded only after the
    deadline had passed: lid 2 allows exceeding the term only while waiting, so it does
    not move the deadline.
    """

    due: date | None
    provisional: bool
    basis: PipBasis
    wachten_te_laat: bool = False


def _lid1(
    doelgroep: Doelgroep, brp_registration: date, duo_kennisgeving: date | None
) -> PipDeadline:
    if duo_kennisgeving is None:
        return PipDeadline(add_weeks(brp_registration, PIP_WEEKS), True, "brp_registration")
    if doelgroep is Doelgroep.STATUSHOUDER and brp_registration > duo_kennisgeving:
        return PipDeadline(add_weeks(brp_registration, PIP_WEEKS), False, "brp_registration")
    return PipDeadline(add_weeks(duo_kennisgeving, PIP_WEEKS), False, "duo_kennisgeving")


def pip_deadline(
    doelgroep: Doelgroep,
    brp_registration: date | None,
    duo_kennisgeving: date | None,
    *,
    brp_after_move: date | None = None,
    wachten_op_derde: WachtenOpDerde | None = None,
) -> PipDeadline | None:
    """The PIP deadline (Besluit art. 5.3, on the basis of Wet art. 15 lid 5).

    * Lid 1: at the latest 10 weeks after the day DUO gave written notice of the plicht
      (kennisgeving). Second sentence, only for people housed under Huisvestingswet 2014
      art. 28 (statushouders): not yet registered in the BRP of the housing municipality
      on that day, then 10 weeks after that registration. Registration on the day of the
      kennisgeving counts as registered. Gezinsmigranten and overige migranten: 10 weeks
      after the kennisgeving, whatever the BRP date.
    * No kennisgeving yet: no legal term runs; 10 weeks after BRP registration is shown
      as the earliest possible deadline, ``provisional``.
    * Lid 3: moved here from another municipality: 10 weeks after the registration here.
    * Lid 2: exceeding is allowed only while waiting for a third party's information;
      the PIP then follows within 2 weeks of receiving it (never earlier than the
      deadline above). While it has not arrived, ``due`` is ``None``.

    Without a BRP registration the deadline cannot be known: ``None``.
    """
    if brp_registration is None:
        return None
    if brp_after_move is not None:
        base = PipDeadline(add_weeks(brp_after_move, PIP_WEEKS), False, "brp_after_move")
    else:
        base = _lid1(doelgroep, brp_registration, duo_kennisgeving)
    wait = wachten_op_derde
    if wait is None:
        return base
    assert base.due is not None
    if wait.sinds > base.due:
        return PipDeadline(base.due, base.provisional, base.basis, wachten_te_laat=True)
    if wait.ontvangen is None:
        return PipDeadline(None, base.provisional, "wachten_op_derde")
    after = add_weeks(wait.ontvangen, DERDE_WEEKS)
    if after > base.due:
        return PipDeadline(after, base.provisional, "wachten_op_derde")
    return base


def pip_deadline_status(deadline: date | None, today: date) -> PipDeadlineStatus:
    """``"overdue"`` after the deadline, ``"due_soon"`` from 14 days before it up to and
    including the day itself, ``"ok"`` before that; ``"waiting"`` without a deadline
    (waiting for a third party, Besluit art. 5.3 lid 2)."""
    if deadline is None:
        return "waiting"
    if today > deadline:
        return "overdue"
    if (deadline - today).days <= DUE_SOON_DAYS:
        return "due_soon"
    return "ok"


def deadline_state_same_until(deadlines: Deadlines, today: date) -> date | None:
    """The first day after ``today`` on which :func:`deadline_state` may answer
    differently (``None``: never, as after the deadline or without one): 14 days before
    the deadline it becomes due soon, the day after it overdue
    (:func:`pip_deadline_status`)."""
    deadline = deadlines.pip_deadline
    if deadlines.niet_plichtig or deadline is None:
        return None
    due_soon_from = deadline - timedelta(days=DUE_SOON_DAYS)
    if today < due_soon_from:
        return due_soon_from
    if today <= deadline:
        return deadline + timedelta(days=1)
    return None


def deadline_state(deadlines: Deadlines, today: date) -> PipDeadlineStatus:
    """The urgency of the PIP deadline on ``today``: ``"niet_plichtig"`` when the data say
    the person is not plichtig (no deadline, so no urgency), else
    :func:`pip_deadline_status`."""
    if deadlines.niet_plichtig:
        return "niet_plichtig"
    return pip_deadline_status(deadlines.pip_deadline, today)


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
    """Last day (t/m) of the three-year inburgeringstermijn (Wet art. 11).

    :func:`calendar.period_last_day` of 36 months from ``termijn_start``: start
    2026-05-12 → 2029-05-11; start 2024-02-29 → 2027-02-28; start 2025-03-01 →
    2028-02-29. Extensions (Besluit art. 4.2–4.4) are DUO's and are not applied here.
    """
    if termijn_start is None:
        return None
    return period_last_day(termijn_start, TERMIJN_MONTHS)


@overload
def route_switch_until(termijn_start: date) -> date: ...
@overload
def route_switch_until(termijn_start: None) -> None: ...
def route_switch_until(termijn_start: date | None) -> date | None:
    """Last day (t/m) the leerroute may be re-set for progress reasons.

    Wet art. 17, Besluit art. 5.4 lid 1: up to one and a half year after the termijn
    starts, the last day of 18 months from ``termijn_start`` (start 2026-05-12 →
    2027-11-11). After it, lid 2 and 3 leave the municipality room in the cases they name
    (``pip_rules`` warns instead of refusing); onderwijsroute → B1-route is allowed at any
    time.
    """
    if termijn_start is None:
        return None
    return period_last_day(termijn_start, ROUTE_SWITCH_MONTHS)


def ontzorgen_until(doelgroep: Doelgroep, bijstand_start: date | None) -> date | None:
    """Last day (t/m) of the six months of ontzorgen (Participatiewet art. 56a).

    Only for inburgeringsplichtigen with an asylum permit (statushouders, incl.
    nareizigers); six months from the day the right to bijstand starts: 2026-03-02 →
    2026-09-01, 2026-08-31 → 2027-02-28. ``None`` for other doelgroepen or without a
    bijstand start. Art. 56a allows no extension: going on needs a separate decision under
    Participatiewet art. 57, recorded as such and never moving this date.
    """
    if doelgroep is not Doelgroep.STATUSHOUDER or bijstand_start is None:
        return None
    return period_last_day(bijstand_start, ONTZORGEN_MONTHS)


@overload
def nazorg_contact(exam_passed_on: date) -> date: ...
@overload
def nazorg_contact(exam_passed_on: None) -> None: ...
def nazorg_contact(exam_passed_on: date | None) -> date | None:
    """Day of the nazorg contact: six months after the exam was passed (seed, step 11).

    A planning point, not the end of a legal period: 2026-08-31 → 2027-02-28 (month end
    clamps, :func:`calendar.add_months`).
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
    pip_deadline_basis: PipBasis | None = None
    pip_wachten_te_laat: bool = False
    niet_plichtig: bool = False

    def as_json(self) -> dict[str, str | bool | None]:
        """The INTERFACES.md ``deadlines`` object, plus ``pip_deadline_provisional``,
        ``pip_deadline_basis`` (what the PIP deadline counts from) and ``niet_plichtig``
        (True: the deadlines that exist only for an inburgeringsplichtige are ``null``
        because the data say the person is not plichtig, not because a date is missing)."""

        def iso(day: date | None) -> str | None:
            return None if day is None else day.isoformat()

        return {
            "niet_plichtig": self.niet_plichtig,
            "pip_deadline": iso(self.pip_deadline),
            "pip_deadline_provisional": self.pip_deadline_provisional,
            "pip_deadline_basis": self.pip_deadline_basis,
            "termijn_start": iso(self.termijn_start),
            "termijn_end": iso(self.termijn_end),
            "route_switch_until": iso(self.route_switch_until),
            "ontzorgen_until": iso(self.ontzorgen_until),
            "nazorg_contact": iso(self.nazorg_contact),
        }


def compute_deadlines(
    doelgroep: Doelgroep,
    dates: CaseDates,
    exam_passed_on: date | None = None,
    *,
    plichtig: bool,
) -> Deadlines:
    """Every deadline of a case from its doelgroep and dates.

    ``plichtig`` is the outcome of ``plicht.check_plicht`` (required, so no caller can
    forget it). When False, every deadline that exists only for an inburgeringsplichtige
    is ``None`` and ``niet_plichtig`` is True: the PIP deadline (Besluit art. 5.3 counts
    from DUO's notice of the inburgeringsplicht, Wet art. 15 lid 5), the termijn (Wet
    art. 11), the route-change window (Wet art. 17, Besluit art. 5.4) and ontzorgen
    (Participatiewet art. 56a: inburgeringsplichtigen with an asylum permit). The nazorg
    contact stays: a planning point after an exam, not a consequence of the plicht.
    """
    if not plichtig:
        return Deadlines(
            pip_deadline=None,
            pip_deadline_provisional=False,
            termijn_start=None,
            termijn_end=None,
            route_switch_until=None,
            ontzorgen_until=None,
            nazorg_contact=nazorg_contact(exam_passed_on),
            niet_plichtig=True,
        )
    pip = pip_deadline(
        doelgroep,
        dates.brp_registration,
        dates.duo_kennisgeving,
        brp_after_move=dates.brp_after_move,
        wachten_op_derde=dates.wachten_op_derde,
    )
    start = termijn_start(dates.pip_date)
    return Deadlines(
        pip_deadline=None if pip is None else pip.due,
        pip_deadline_provisional=False if pip is None else pip.provisional,
        termijn_start=start,
        termijn_end=termijn_end(start),
        route_switch_until=route_switch_until(start),
        ontzorgen_until=ontzorgen_until(doelgroep, dates.bijstand_start),
        nazorg_contact=nazorg_contact(exam_passed_on),
        pip_deadline_basis=None if pip is None else pip.basis,
        pip_wachten_te_laat=False if pip is None else pip.wachten_te_laat,
    )


PassedDeadline = Literal["pip_deadline", "termijn_end", "route_switch_until", "ontzorgen_until"]


def passed_deadlines(deadlines: Deadlines, today: date) -> frozenset[PassedDeadline]:
    """Which of a case's deadlines have passed on ``today``.

    Every end is the last day that still counts ("t/m", ``calendar.period_last_day``), so
    a deadline has passed from the day after it. The PIP deadline (Besluit art. 5.3) is
    passed only while no PIP is set (``termijn_start`` is ``None``): once it is set the
    deadline has been met, or missed and done, and nothing is left to act on. The termijn
    (Wet art. 11), the route-change window (Besluit art. 5.4 lid 1) and ontzorgen
    (Participatiewet art. 56a) pass on their own dates. A deadline that does not exist
    (``None``: not plichtig, waiting for a third party) never passes.
    """
    passed: set[PassedDeadline] = set()
    if (
        deadlines.termijn_start is None
        and deadlines.pip_deadline is not None
        and today > deadlines.pip_deadline
    ):
        passed.add("pip_deadline")
    ends: dict[PassedDeadline, date | None] = {
        "termijn_end": deadlines.termijn_end,
        "route_switch_until": deadlines.route_switch_until,
        "ontzorgen_until": deadlines.ontzorgen_until,
    }
    passed.update(kind for kind, day in ends.items() if day is not None and today > day)
    return frozenset(passed)
