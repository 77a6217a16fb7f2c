"""The consultant's agenda: what needs doing across the caseload, from pure case snapshots.

:func:`agenda` turns one :class:`CaseSnapshot` per case into :class:`AgendaItem` s. The
rules are the ones the rest of the domain already has — ``deadlines`` for every date,
``oproep.oproep_status`` for the oproepen, ``voortgang.plan_gesprekken`` for the talks,
``aftercare`` for ontzorgen and nazorg — this module only decides *when an item shows*
and *which group it is in*.

=========================  ==========================================  ==================
kind (stable code)         due                                         shows
=========================  ==========================================  ==================
pip_deadline               the PIP deadline (Besluit art. 5.3)         from 14 days
                                                                       before; stays
                                                                       until a PIP is set
oproep_send                the BRP registration (Wet art. 14 lid 1:    at once
                           the intake starts right after it)
oproep_outcome             the oproep's date, no outcome recorded      from that day
oproep_warning             the oproep without result (art. 14 lid 2)   at once
oproep_new                 the same: a new oproep and date (lid 2)     at once
intake_without_person      the third oproep without result (lid 2)     at once
voortgangsgesprek          the next planned talk (Besluit 5.3 lid 4)   from 14 days
                                                                       before; stays
                                                                       until held
ontzorgen_end              last day of ontzorgen (Participatiewet      from 28 days
                           art. 56a); done once an art. 57 decision    before, to the day
                           and a budget training start are recorded
route_switch_window        last day to re-set the leerroute (Besluit   from 8 weeks
                           art. 5.4 lid 1)                             before, to the day
termijn_end                last day of the termijn (Wet art. 11)       from 6 months
                                                                       before (Besluit
                                                                       art. 4.5), to the
                                                                       day
nazorg                     six months after the exam (the day the      from 14 days
                           recorded results pass it,                   before; stays
                           ``voortgang.examen_behaald_op``)            until contact
sync_conflicts             today, while conflicts are open             always
sync_set_aside             today, while records are set aside          always
=========================  ==========================================  ==================

Items that are tasks (the PIP, oproepen, talks, nazorg) stay *overdue* until done; items
that mark a window (ontzorgen, route change, termijn) disappear after their last day,
since nothing can be done about a closed window. The oproep items show only while no PIP
is set and the intake is not complete; the PIP deadline only while no PIP is set; the
items that exist only for an inburgeringsplichtige (everything but nazorg and sync) only
when the snapshot says plichtig (``deadlines.compute_deadlines``).

**Groups** (given ``on``): ``overdue`` before ``on``, ``today`` on it, ``this_week`` later
in the same ISO 8601 week as ``on`` (Monday to Sunday: on a Sunday "this week" holds
only today; an item on the next Monday is ``later``), ``later`` after that.

**States** per item (:attr:`CaseSnapshot.states`, keyed by :attr:`AgendaItem.key`):
``Done`` hides it; ``Snoozed(reason, until)`` hides it before ``until`` and shows it
again from that day; ``Planned(at)`` keeps it and groups it by the planned day, or by
its due date when that comes first (:func:`shown_day`): a plan never hides a deadline,
so an item planned (or snoozed) past its due date is *overdue* from the day after it,
whatever the planned day (usability round 7, finding 2: planning an overdue oproep moved
it from "Te laat" to "Deze week"). The sync items have no due date of their own (they
are due "today" while the records are open), so they go by the planned day alone.
:attr:`AgendaItem.days_late` counts the days past the due date for every kind.

The key holds the kind and the due date, so a new due date (the next
talk, a moved deadline) is a new item whatever was done with the old one; the sync items
have no date in their key, so a snooze holds while the conflicts stay open.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from inburg_desktop.domain.aftercare import ONTZORGEN_LEAD_DAYS, nazorg_stand, ontzorgen_eindigt
from inburg_desktop.domain.calendar import add_months, add_weeks
from inburg_desktop.domain.case import CaseDates, Doelgroep, Leerroute
from inburg_desktop.domain.cited import cited, nl_day
from inburg_desktop.domain.deadlines import (
    DUE_SOON_DAYS,
    PIP_DEADLINE_ARTICLE,
    PIP_WEEKS,
    ontzorgen_until,
    pip_deadline,
    route_switch_until,
    termijn_end,
    termijn_start,
)
from inburg_desktop.domain.oproep import Oproep, oproep_status
from inburg_desktop.domain.pip import DEFAULT_GESPREK_MAANDEN, PipStatus
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.text import N_, Reason
from inburg_desktop.domain.voortgang import aantal_gehouden, gesprek_op, gesprek_reason


class AgendaKind(enum.StrEnum):
    PIP_DEADLINE = "pip_deadline"
    OPROEP_SEND = "oproep_send"
    OPROEP_OUTCOME = "oproep_outcome"
    OPROEP_WARNING = "oproep_warning"
    OPROEP_NEW = "oproep_new"
    INTAKE_WITHOUT_PERSON = "intake_without_person"
    VOORTGANGSGESPREK = "voortgangsgesprek"
    ONTZORGEN_END = "ontzorgen_end"
    ROUTE_SWITCH_WINDOW = "route_switch_window"
    TERMIJN_END = "termijn_end"
    NAZORG = "nazorg"
    SYNC_CONFLICTS = "sync_conflicts"
    SYNC_SET_ASIDE = "sync_set_aside"


class Groep(enum.StrEnum):
    OVERDUE = "overdue"
    TODAY = "today"
    THIS_WEEK = "this_week"
    LATER = "later"


EXTENSION_APPLICATION_MONTHS = 6  # Besluit art. 4.5: applications at the earliest 6 months before
GROUP_ORDER = {g: i for i, g in enumerate(Groep)}
SYNC_KINDS = frozenset({AgendaKind.SYNC_CONFLICTS, AgendaKind.SYNC_SET_ASIDE})

# Where a case opens for an item: stable codes the UI maps to a screen.
TARGETS = {
    AgendaKind.PIP_DEADLINE: "pip",
    AgendaKind.OPROEP_SEND: "intake.oproepen",
    AgendaKind.OPROEP_OUTCOME: "intake.oproepen",
    AgendaKind.OPROEP_WARNING: "intake.oproepen",
    AgendaKind.OPROEP_NEW: "intake.oproepen",
    AgendaKind.INTAKE_WITHOUT_PERSON: "intake",
    AgendaKind.VOORTGANGSGESPREK: "voortgang",
    AgendaKind.ONTZORGEN_END: "progress.ontzorgen",
    AgendaKind.ROUTE_SWITCH_WINDOW: "pip",
    AgendaKind.TERMIJN_END: "dossier",
    AgendaKind.NAZORG: "progress.nazorg",
    AgendaKind.SYNC_CONFLICTS: "sync.conflicts",
    AgendaKind.SYNC_SET_ASIDE: "sync.set_aside",
}


class AgendaInvalid(Problem, ValueError):
    """An agenda state that cannot be right: code ``snooze_reason_missing``."""

    default_code = "snooze_reason_missing"


@dataclass(frozen=True)
class Done:
    on: date


@dataclass(frozen=True)
class Snoozed:
    reason: str
    until: date

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise AgendaInvalid("snooze_reason_missing", field="reason")


@dataclass(frozen=True)
class Planned:
    at: datetime


ItemState = Done | Snoozed | Planned


def item_key(kind: AgendaKind, due: date) -> str:
    """The key a state is stored under (module docstring, "States")."""
    if kind in SYNC_KINDS:
        return kind.value
    return f"{kind.value}:{due.isoformat()}"


@dataclass(frozen=True)
class AgendaSettings:
    """How long before its due date an item shows (days)."""

    pip_lead_days: int = DUE_SOON_DAYS
    gesprek_lead_days: int = 14
    ontzorgen_lead_days: int = ONTZORGEN_LEAD_DAYS
    route_switch_lead_weeks: int = 8
    termijn_lead_months: int = EXTENSION_APPLICATION_MONTHS
    nazorg_lead_days: int = 14


@dataclass(frozen=True)
class CaseSnapshot:
    """What the agenda rules need of one case (nothing else: no names, no notes).

    ``dates.pip_date`` is the first PIP's dagtekening (the termijn's anchor);
    ``pip_status`` the status of the version in force or the draft (``None``: no PIP).
    ``gesprek_maanden`` are the PIP's planned talks (months after the termijn start);
    ``gesprekken_gehouden`` the days talks were held (``None``: not known; then no
    ``voortgangsgesprek`` item is made, since the agenda cannot tell a talk due from one
    held); ``gesprekken_gepland`` the planned day of each talk in talk order as stored
    when the talks were planned from the PIP in force (empty: not planned, the
    ``gesprek_maanden`` give the days); ``exam_passed_on`` the day the exam was passed
    (``None``: not passed or not known; no nazorg item); ``nazorg_op`` the day of a
    contact after the exam; ``art57_vastgelegd`` and ``budgettraining_gestart``: an
    art. 57 decision and a budget training start are recorded (both: the
    ``ontzorgen_end`` item is done, :func:`_ontzorgen`); ``open_conflicts`` and
    ``set_aside`` count the case's sync records.
    """

    case_id: str
    doelgroep: Doelgroep
    dates: CaseDates
    plichtig: bool = True
    pip_status: PipStatus | None = None
    leerroute: Leerroute | None = None
    gesprek_maanden: tuple[int, ...] = DEFAULT_GESPREK_MAANDEN
    intake_afgerond: bool = False
    oproepen: tuple[Oproep, ...] = ()
    gesprekken_gehouden: tuple[date, ...] | None = ()
    gesprekken_gepland: tuple[date, ...] = ()
    exam_passed_on: date | None = None
    nazorg_op: date | None = None
    art57_vastgelegd: bool = False
    budgettraining_gestart: bool = False
    open_conflicts: int = 0
    set_aside: int = 0
    states: Mapping[str, ItemState] = field(default_factory=dict)

    @property
    def pip_set(self) -> bool:
        return self.dates.pip_date is not None or self.pip_status in (
            PipStatus.SET,
            PipStatus.SIGNED,
        )


@dataclass(frozen=True)
class AgendaItem:
    """One line of the agenda."""

    case_id: str
    kind: AgendaKind
    due: date
    group: Groep
    reason: Reason
    target: str
    planned_at: datetime | None = None
    days_late: int = 0
    """Days past ``due`` on the agenda's day (0: not late), planned or not."""

    @property
    def key(self) -> str:
        return item_key(self.kind, self.due)

    @property
    def shows_on(self) -> date:
        """The day the item is grouped and sorted under (:func:`shown_day`)."""
        return shown_day(self.kind, self.due, self.planned_at)

    @property
    def artikel(self) -> str | None:
        return self.reason.params.get("artikel")

    def as_json(self) -> dict[str, str | None]:
        """``inburg agenda --json`` (INTERFACES.md): the reason in Dutch, its article."""
        return {
            "case_id": self.case_id,
            "kind": self.kind.value,
            "due": self.due.isoformat(),
            "group": self.group.value,
            "reason": self.reason.render(),
            "reason_code": self.reason.code,
            "artikel": self.artikel,
            "target": self.target,
            "planned_at": None if self.planned_at is None else self.planned_at.isoformat(),
        }


def group_of(day: date, on: date) -> Groep:
    """The group of an item on ``day`` seen from ``on`` (ISO weeks, module docstring)."""
    if day < on:
        return Groep.OVERDUE
    if day == on:
        return Groep.TODAY
    # the same ISO week: Monday of ``on``'s week up to and including its Sunday
    if (day - on).days <= 6 - on.weekday():
        return Groep.THIS_WEEK
    return Groep.LATER


def shown_day(kind: AgendaKind, due: date, planned_at: datetime | None) -> date:
    """The day an item shows under: its due date, or the planned day when it is planned
    before that. A plan after the due date keeps the due date (module docstring,
    "States"), except for the sync items, whose "due" is only today."""
    if planned_at is None:
        return due
    if kind in SYNC_KINDS:
        return planned_at.date()
    return min(planned_at.date(), due)


_Candidate = tuple[AgendaKind, date, Reason]


def agenda(
    cases: Iterable[CaseSnapshot], on: date, settings: AgendaSettings | None = None
) -> tuple[AgendaItem, ...]:
    """Every visible item across ``cases`` on ``on``, sorted by group, then the day it
    shows under, then case id and kind."""
    rules = settings or AgendaSettings()
    items: list[AgendaItem] = []
    for case in cases:
        for kind, due, reason in _candidates(case, on, rules):
            state = case.states.get(item_key(kind, due)) if case.states else None
            planned_at: datetime | None = None
            if isinstance(state, Done):
                continue
            if isinstance(state, Snoozed) and on < state.until:
                continue
            if isinstance(state, Planned):
                planned_at = state.at
            items.append(
                AgendaItem(
                    case.case_id,
                    kind,
                    due,
                    group_of(shown_day(kind, due, planned_at), on),
                    reason,
                    TARGETS[kind],
                    planned_at,
                    max((on - due).days, 0),
                )
            )
    items.sort(key=lambda i: (GROUP_ORDER[i.group], i.shows_on, i.case_id, i.kind.value))
    return tuple(items)


def _candidates(case: CaseSnapshot, on: date, rules: AgendaSettings) -> list[_Candidate]:
    # The deadlines functions one by one, each only where its item can show: the agenda
    # runs over the whole caseload, so no date is computed that no item needs. The values
    # are the ones ``deadlines.compute_deadlines`` gives (``test_agenda`` checks it).
    out: list[_Candidate] = []
    dates = case.dates
    if case.plichtig:
        if not case.pip_set:
            out.extend(_pip(case, on, rules))
            if not case.intake_afgerond:
                out.extend(_oproepen(case, on))
        start = termijn_start(dates.pip_date)
        if start is not None:
            last = termijn_end(start)
            if case.gesprekken_gehouden is not None:
                out.extend(_gesprek(case, case.gesprekken_gehouden, start, last, on, rules))
            out.extend(_windows(start, last, case.leerroute, on, rules))
        end = ontzorgen_until(case.doelgroep, dates.bijstand_start)
        if end is not None and not _ontzorgen_geregeld(case):
            out.extend(_ontzorgen(end, on, rules))
    out.extend(_nazorg(case, on, rules))
    if case.open_conflicts:
        out.append(
            (
                AgendaKind.SYNC_CONFLICTS,
                on,
                cited(
                    "agenda_sync_conflicts",
                    N_("{count} conflict(en) uit de synchronisatie wachten op een keuze."),
                    None,
                    count=case.open_conflicts,
                ),
            )
        )
    if case.set_aside:
        out.append(
            (
                AgendaKind.SYNC_SET_ASIDE,
                on,
                cited(
                    "agenda_sync_set_aside",
                    N_("{count} record(s) uit de synchronisatie zijn apart gezet."),
                    None,
                    count=case.set_aside,
                ),
            )
        )
    return out


def _pip(case: CaseSnapshot, on: date, rules: AgendaSettings) -> list[_Candidate]:
    dates = case.dates
    deadline = pip_deadline(
        case.doelgroep,
        dates.brp_registration,
        dates.duo_kennisgeving,
        brp_after_move=dates.brp_after_move,
        wachten_op_derde=dates.wachten_op_derde,
    )
    due = None if deadline is None else deadline.due
    if deadline is None or due is None or (due - on).days > rules.pip_lead_days:
        return []
    if deadline.provisional:
        reason = cited(
            "agenda_pip_deadline_provisional",
            N_(
                "Stel het PIP vast: voorlopig uiterlijk {due}, {weeks} weken na de inschrijving "
                "in de BRP. De kennisgeving van DUO ontbreekt nog, dus er loopt nog geen "
                "wettelijke termijn."
            ),
            None,
            due=nl_day(due),
            weeks=PIP_WEEKS,
        )
    else:
        basis = deadline.basis
        reason = cited(
            "agenda_pip_deadline",
            N_("Stel het PIP vast: uiterlijk {due} ({artikel})."),
            PIP_DEADLINE_ARTICLE[basis],
            due=nl_day(due),
        )
    return [(AgendaKind.PIP_DEADLINE, due, reason)]


def _oproepen(case: CaseSnapshot, on: date) -> list[_Candidate]:
    calls = sorted(case.oproepen, key=lambda o: o.datum)
    if not calls:
        reason = cited(
            "agenda_oproep_send",
            N_(
                "Roep de inburgeraar op voor de brede intake; die begint direct na de "
                "inschrijving in de BRP op {brp} ({artikel})."
            ),
            "Wet art. 14 lid 1",
            brp=nl_day(case.dates.brp_registration),
        )
        return [(AgendaKind.OPROEP_SEND, case.dates.brp_registration, reason)]
    out: list[_Candidate] = []
    for call in calls:
        if call.uitkomst is None and call.datum <= on:
            reason = cited(
                "agenda_oproep_outcome",
                N_("Leg vast hoe de oproep van {datum} is afgelopen ({artikel})."),
                "Wet art. 14 lid 1",
                datum=nl_day(call.datum),
            )
            out.append((AgendaKind.OPROEP_OUTCOME, call.datum, reason))
    status = oproep_status(calls, plichtig=case.plichtig)
    advice = status.advice
    if advice is None:
        return out
    last_without_result = next((c for c in reversed(calls) if c.without_result), None)
    if last_without_result is None:
        return out
    kind = {
        "send_warning": AgendaKind.OPROEP_WARNING,
        "new_oproep": AgendaKind.OPROEP_NEW,
        "complete_without_person": AgendaKind.INTAKE_WITHOUT_PERSON,
    }.get(advice.code)
    if kind is not None:
        params = dict(advice.params)
        params["artikel"] = "Wet art. 14 lid 2"
        reason = Reason(advice.code, advice.text, params)
        out.append((kind, last_without_result.datum, reason))
    return out


def _gesprek(
    case: CaseSnapshot,
    gehouden: tuple[date, ...],
    start: date,
    last: date,
    on: date,
    rules: AgendaSettings,
) -> list[_Candidate]:
    # voortgang.volgend_gesprek's rule (the k-th held talk covers the k-th planned one),
    # computing only the one date it needs: the agenda runs over the whole caseload.
    held = aantal_gehouden(gehouden, start)
    planned = case.gesprekken_gepland
    if planned:
        # the days stored when the talks were planned from the PIP in force
        if held >= len(planned):
            return []
        due, total = planned[held], len(planned)
    else:
        months = case.gesprek_maanden
        if held >= len(months):
            return []
        due, total = gesprek_op(start, months[held], last), len(months)
    if (due - on).days > rules.gesprek_lead_days:
        return []
    return [(AgendaKind.VOORTGANGSGESPREK, due, gesprek_reason(held + 1, total, due))]


def _ontzorgen_geregeld(case: CaseSnapshot) -> bool:
    # The item asks for two things (``aftercare.ontzorgen_eindigt``): the art. 57 decision
    # to go on and the budget training. Once both are recorded it is done; a case that
    # does not go on is marked done by hand (nothing to record for "no decision").
    return case.art57_vastgelegd and case.budgettraining_gestart


def _ontzorgen(end: date, on: date, rules: AgendaSettings) -> list[_Candidate]:
    if on > end or (end - on).days > rules.ontzorgen_lead_days:
        return []
    return [(AgendaKind.ONTZORGEN_END, end, ontzorgen_eindigt(end))]


def _windows(
    start: date, last: date, route: Leerroute | None, on: date, rules: AgendaSettings
) -> list[_Candidate]:
    out: list[_Candidate] = []
    until = route_switch_until(start) if route is not None else None
    if until is not None and on <= until <= add_weeks(on, rules.route_switch_lead_weeks):
        reason = cited(
            "agenda_route_switch_window",
            N_(
                "De leerroute kan om de voortgang opnieuw worden vastgesteld t/m {due} "
                "({artikel}); bespreek of de route nog past."
            ),
            "Besluit art. 5.4 lid 1",
            due=nl_day(until),
        )
        out.append((AgendaKind.ROUTE_SWITCH_WINDOW, until, reason))
    if on <= last and add_months(last, -rules.termijn_lead_months) <= on:
        reason = cited(
            "agenda_termijn_end",
            N_(
                "De inburgeringstermijn eindigt op {due} ({artikel}); verlenging kan vanaf "
                "{months} maanden voor het einde worden aangevraagd (Besluit art. 4.5)."
            ),
            "Wet art. 11",
            due=nl_day(last),
            months=EXTENSION_APPLICATION_MONTHS,
        )
        out.append((AgendaKind.TERMIJN_END, last, reason))
    return out


def _nazorg(case: CaseSnapshot, on: date, rules: AgendaSettings) -> list[_Candidate]:
    if case.exam_passed_on is None:
        return []
    stand = nazorg_stand(case.exam_passed_on, case.nazorg_op)
    due = stand.due
    if not stand.open or due is None or stand.reason is None:
        return []
    if (due - on).days > rules.nazorg_lead_days:
        return []
    return [(AgendaKind.NAZORG, due, stand.reason)]
