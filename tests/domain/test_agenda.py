"""The agenda, table-driven per item kind: its due date, the day it starts to show, the
group edges (today; ISO weeks Monday-Sunday) and the done/snoozed/planned states.

2026-05-11 is a Monday, 2026-05-17 a Sunday, 2026-05-18 the next Monday."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from inburg_desktop.domain.agenda import (
    SYNC_KINDS,
    AgendaInvalid,
    AgendaItem,
    AgendaKind,
    CaseSnapshot,
    Done,
    Groep,
    ItemState,
    Planned,
    Snoozed,
    agenda,
    group_of,
    item_key,
)
from inburg_desktop.domain.case import CaseDates, Doelgroep, Leerroute
from inburg_desktop.domain.deadlines import compute_deadlines
from inburg_desktop.domain.oproep import Oproep, OproepUitkomst
from inburg_desktop.domain.pip import PipStatus

D = date.fromisoformat
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
K = AgendaKind
OVERDUE, TODAY, WEEK, LATER = Groep.OVERDUE, Groep.TODAY, Groep.THIS_WEEK, Groep.LATER
SH, GM = Doelgroep.STATUSHOUDER, Doelgroep.GEZINSMIGRANT
NV = OproepUitkomst.NIET_VERSCHENEN
SYNC = set(SYNC_KINDS)

# Besluit art. 5.3 lid 1: 10 weeks after the kennisgeving: 2026-03-02 → Monday 2026-05-11
NEW = CaseSnapshot("c-pip", GM, CaseDates(D("2026-04-01"), duo_kennisgeving=D("2026-03-02")),
                   intake_afgerond=True)  # fmt: skip
THURSDAY = replace(NEW, dates=CaseDates(D("2026-04-01"), duo_kennisgeving=D("2026-03-05")))
PROVISIONAL = replace(NEW, dates=CaseDates(D("2026-03-02")))  # no kennisgeving: provisional
CALLED = replace(NEW, intake_afgerond=False)


def called(*calls: tuple[str, OproepUitkomst | None, bool]) -> CaseSnapshot:
    return replace(CALLED, oproepen=tuple(Oproep(D(d), None, u, w) for d, u, w in calls))


# A PIP dated 2026-05-11: termijn 2026-05-12 t/m 2029-05-11, route window t/m 2027-11-11
RUNNING = CaseSnapshot(
    "c-run",
    SH,
    CaseDates(D("2026-03-02"), duo_kennisgeving=D("2026-02-20"), bijstand_start=D("2026-03-02"),
              pip_date=D("2026-05-11")),
    pip_status=PipStatus.SIGNED,
    leerroute=Leerroute.B1,
    intake_afgerond=True,
)  # fmt: skip
EXAM = replace(RUNNING, exam_passed_on=D("2027-06-15"))  # nazorg 2027-12-15

ROWS = [
    # (snapshot, on, kind, due (None: no item), group)
    # -- PIP deadline (Besluit art. 5.3 lid 1): shows from 14 days before, stays overdue
    (NEW, "2026-04-26", K.PIP_DEADLINE, None, None),
    (NEW, "2026-04-27", K.PIP_DEADLINE, "2026-05-11", LATER),
    (NEW, "2026-05-10", K.PIP_DEADLINE, "2026-05-11", LATER),  # Sunday: Monday is next week
    (NEW, "2026-05-11", K.PIP_DEADLINE, "2026-05-11", TODAY),
    (NEW, "2026-05-12", K.PIP_DEADLINE, "2026-05-11", OVERDUE),
    (NEW, "2026-08-01", K.PIP_DEADLINE, "2026-05-11", OVERDUE),
    (THURSDAY, "2026-05-11", K.PIP_DEADLINE, "2026-05-14", WEEK),  # Monday → Thursday
    (PROVISIONAL, "2026-05-11", K.PIP_DEADLINE, "2026-05-11", TODAY),
    (replace(NEW, pip_status=PipStatus.DRAFT), "2026-05-11", K.PIP_DEADLINE, "2026-05-11", TODAY),
    (replace(NEW, pip_status=PipStatus.SET), "2026-05-11", K.PIP_DEADLINE, None, None),
    (replace(NEW, plichtig=False), "2026-05-11", K.PIP_DEADLINE, None, None),
    # -- oproepen (Wet art. 14 lid 1-2)
    (CALLED, "2026-04-01", K.OPROEP_SEND, "2026-04-01", TODAY),
    (CALLED, "2026-04-02", K.OPROEP_SEND, "2026-04-01", OVERDUE),
    (replace(CALLED, pip_status=PipStatus.SET), "2026-04-02", K.OPROEP_SEND, None, None),
    (called(("2026-04-10", None, False)), "2026-04-09", K.OPROEP_OUTCOME, None, None),
    (called(("2026-04-10", None, False)), "2026-04-10", K.OPROEP_OUTCOME, "2026-04-10", TODAY),
    (called(("2026-04-10", None, False)), "2026-04-10", K.OPROEP_SEND, None, None),
    (called(("2026-04-10", NV, False)), "2026-04-11", K.OPROEP_WARNING, "2026-04-10", OVERDUE),
    (called(("2026-04-10", NV, True)), "2026-04-11", K.OPROEP_NEW, "2026-04-10", OVERDUE),
    (called(("2026-04-10", NV, True)), "2026-04-11", K.OPROEP_WARNING, None, None),
    (called(("2026-04-01", NV, True), ("2026-04-10", NV, True), ("2026-04-20", NV, True)),
     "2026-04-20", K.INTAKE_WITHOUT_PERSON, "2026-04-20", TODAY),
    (replace(called(("2026-04-10", NV, False)), intake_afgerond=True), "2026-04-11",
     K.OPROEP_WARNING, None, None),
    # -- voortgangsgesprek (Besluit art. 5.3 lid 4): month 1 → 2026-06-12 (a Friday)
    (RUNNING, "2026-05-28", K.VOORTGANGSGESPREK, None, None),
    (RUNNING, "2026-05-29", K.VOORTGANGSGESPREK, "2026-06-12", LATER),
    (RUNNING, "2026-06-08", K.VOORTGANGSGESPREK, "2026-06-12", WEEK),
    (RUNNING, "2026-06-13", K.VOORTGANGSGESPREK, "2026-06-12", OVERDUE),
    (replace(RUNNING, gesprekken_gehouden=(D("2026-06-10"),)), "2026-07-12",
     K.VOORTGANGSGESPREK, "2026-07-12", TODAY),  # talk 2 of 8
    (replace(RUNNING, gesprek_maanden=(2,)), "2026-06-13", K.VOORTGANGSGESPREK, None, None),
    # -- ontzorgen (Participatiewet art. 56a): t/m 2026-09-01, a Tuesday
    (RUNNING, "2026-08-03", K.ONTZORGEN_END, None, None),
    (RUNNING, "2026-08-04", K.ONTZORGEN_END, "2026-09-01", LATER),
    (RUNNING, "2026-08-31", K.ONTZORGEN_END, "2026-09-01", WEEK),
    (RUNNING, "2026-09-01", K.ONTZORGEN_END, "2026-09-01", TODAY),
    (RUNNING, "2026-09-02", K.ONTZORGEN_END, None, None),  # a closed window is no task
    (replace(RUNNING, doelgroep=GM), "2026-09-01", K.ONTZORGEN_END, None, None),
    # -- route change window (Besluit art. 5.4 lid 1): t/m 2027-11-11, from 8 weeks before
    (RUNNING, "2027-09-15", K.ROUTE_SWITCH_WINDOW, None, None),
    (RUNNING, "2027-09-16", K.ROUTE_SWITCH_WINDOW, "2027-11-11", LATER),
    (RUNNING, "2027-11-11", K.ROUTE_SWITCH_WINDOW, "2027-11-11", TODAY),
    (RUNNING, "2027-11-12", K.ROUTE_SWITCH_WINDOW, None, None),
    (replace(RUNNING, leerroute=None), "2027-11-11", K.ROUTE_SWITCH_WINDOW, None, None),
    # -- termijn (Wet art. 11): t/m 2029-05-11, from six months before (Besluit art. 4.5)
    (RUNNING, "2028-11-10", K.TERMIJN_END, None, None),
    (RUNNING, "2028-11-11", K.TERMIJN_END, "2029-05-11", LATER),
    (RUNNING, "2029-05-11", K.TERMIJN_END, "2029-05-11", TODAY),
    (RUNNING, "2029-05-12", K.TERMIJN_END, None, None),
    (replace(RUNNING, plichtig=False), "2029-05-11", K.TERMIJN_END, None, None),
    # -- nazorg: six months after the exam of 2027-06-15 → 2027-12-15, a Wednesday
    (EXAM, "2027-11-30", K.NAZORG, None, None),
    (EXAM, "2027-12-01", K.NAZORG, "2027-12-15", LATER),
    (EXAM, "2027-12-13", K.NAZORG, "2027-12-15", WEEK),
    (EXAM, "2028-02-01", K.NAZORG, "2027-12-15", OVERDUE),
    (replace(EXAM, nazorg_op=D("2027-12-10")), "2028-02-01", K.NAZORG, None, None),
    (replace(EXAM, nazorg_op=D("2027-01-10")), "2028-02-01", K.NAZORG, "2027-12-15", OVERDUE),
    # -- sync records
    (replace(RUNNING, open_conflicts=2), "2027-01-05", K.SYNC_CONFLICTS, "2027-01-05", TODAY),
    (replace(RUNNING, set_aside=1), "2027-01-05", K.SYNC_SET_ASIDE, "2027-01-05", TODAY),
    (RUNNING, "2027-01-05", K.SYNC_CONFLICTS, None, None),
]  # fmt: skip


def of_kind(items: tuple[AgendaItem, ...], kind: AgendaKind) -> list[AgendaItem]:
    return [item for item in items if item.kind is kind]


@pytest.mark.parametrize(
    ("case", "on", "kind", "due", "group"),
    [pytest.param(*row, id=f"{row[2].value}-{row[1]}-{i}") for i, row in enumerate(ROWS)],
)
def test_item_due_and_group(
    case: CaseSnapshot, on: str, kind: AgendaKind, due: str | None, group: Groep | None
) -> None:
    found = of_kind(agenda([case], D(on)), kind)
    if due is None:
        assert found == []
        return
    assert len(found) == 1
    item = found[0]
    assert (item.due, item.group, item.case_id) == (D(due), group, case.case_id)
    rendered = item.reason.render()
    assert "{" not in rendered
    assert not ISO.search(rendered), rendered  # dates in the sentence read as Dutch dates
    if item.artikel is not None:
        assert item.artikel in rendered or item.reason.code in {"new_oproep"}


ARTICLES = [
    (NEW, "2026-05-11", K.PIP_DEADLINE, "Besluit art. 5.3 lid 1", "pip"),
    (PROVISIONAL, "2026-05-11", K.PIP_DEADLINE, None, "pip"),
    (CALLED, "2026-04-01", K.OPROEP_SEND, "Wet art. 14 lid 1", "intake.oproepen"),
    (called(("2026-04-10", NV, False)), "2026-04-11", K.OPROEP_WARNING, "Wet art. 14 lid 2",
     "intake.oproepen"),
    (RUNNING, "2026-06-12", K.VOORTGANGSGESPREK, "Besluit art. 5.3 lid 4", "voortgang"),
    (RUNNING, "2026-09-01", K.ONTZORGEN_END, "Participatiewet art. 56a", "progress.ontzorgen"),
    (RUNNING, "2027-11-11", K.ROUTE_SWITCH_WINDOW, "Besluit art. 5.4 lid 1", "pip"),
    (RUNNING, "2029-05-11", K.TERMIJN_END, "Wet art. 11", "dossier"),
    (EXAM, "2027-12-15", K.NAZORG, None, "progress.nazorg"),
    (replace(RUNNING, open_conflicts=1), "2027-01-05", K.SYNC_CONFLICTS, None, "sync.conflicts"),
    (replace(RUNNING, set_aside=1), "2027-01-05", K.SYNC_SET_ASIDE, None, "sync.set_aside"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "on", "kind", "artikel", "target"), ARTICLES)
def test_item_article_and_target(
    case: CaseSnapshot, on: str, kind: AgendaKind, artikel: str | None, target: str
) -> None:
    (item,) = of_kind(agenda([case], D(on)), kind)
    assert (item.artikel, item.target) == (artikel, target)
    data = item.as_json()
    assert data["kind"] == kind.value and data["artikel"] == artikel


GROUPS = [
    # (day, on, group) — ISO weeks, Monday to Sunday
    ("2026-05-11", "2026-05-11", TODAY),
    ("2026-05-10", "2026-05-11", OVERDUE),
    ("2026-05-17", "2026-05-11", WEEK),  # Monday → Sunday of the same week
    ("2026-05-18", "2026-05-11", LATER),
    ("2026-05-18", "2026-05-17", LATER),  # Sunday → next Monday
    ("2026-05-17", "2026-05-17", TODAY),
    ("2026-05-16", "2026-05-13", WEEK),
    ("2027-01-03", "2026-12-31", WEEK),  # ISO week 53 of 2026 runs into 2027
    ("2027-01-04", "2026-12-31", LATER),
]


@pytest.mark.parametrize(("day", "on", "group"), GROUPS)
def test_group_edges(day: str, on: str, group: Groep) -> None:
    assert group_of(D(day), D(on)) is group
    assert (D(day).isocalendar()[:2] == D(on).isocalendar()[:2]) is (group in (TODAY, WEEK))


def with_state(case: CaseSnapshot, kind: AgendaKind, due: str, state: ItemState) -> CaseSnapshot:
    return replace(case, states={item_key(kind, D(due)): state})


STATES = [
    # (state on the PIP deadline item due 2026-05-11, on, visible, group)
    (Done(D("2026-05-12")), "2026-05-13", False, None),
    (Snoozed("wacht op tolk", D("2026-05-15")), "2026-05-14", False, None),
    (Snoozed("wacht op tolk", D("2026-05-15")), "2026-05-15", True, OVERDUE),
    # planned before the due date: grouped by the planned day (a Monday, 2026-05-04)
    (Planned(datetime(2026, 5, 6, 10, 30)), "2026-05-04", True, WEEK),
    (Planned(datetime(2026, 5, 4, 9, 0)), "2026-05-04", True, TODAY),
    (Planned(datetime(2026, 5, 1, 9, 0)), "2026-05-04", True, OVERDUE),  # the plan passed
    # planned after the due date: the due date holds (usability round 7, finding 2)
    (Planned(datetime(2026, 5, 13, 9, 0)), "2026-05-04", True, LATER),
    (Planned(datetime(2026, 5, 15, 10, 30)), "2026-05-13", True, OVERDUE),
    (Planned(datetime(2026, 5, 18, 9, 0)), "2026-05-13", True, OVERDUE),
    (Planned(datetime(2026, 5, 13, 9, 0)), "2026-05-13", True, OVERDUE),
    (Planned(datetime(2026, 5, 12, 9, 0)), "2026-05-13", True, OVERDUE),
]


@pytest.mark.parametrize(("state", "on", "visible", "group"), STATES)
def test_states(state: ItemState, on: str, visible: bool, group: Groep | None) -> None:
    case = with_state(NEW, K.PIP_DEADLINE, "2026-05-11", state)
    found = of_kind(agenda([case], D(on)), K.PIP_DEADLINE)
    assert bool(found) is visible
    if found:
        assert found[0].group is group and found[0].due == D("2026-05-11")
        if isinstance(state, Planned):
            assert found[0].planned_at == state.at


# Kinds that mark a window: they end on their last day and are never late (module
# docstring of domain.agenda); the sync kinds have no due date of their own.
WINDOW_KINDS = {K.ONTZORGEN_END, K.ROUTE_SWITCH_WINDOW, K.TERMIJN_END}


def _first_row_per_kind() -> dict[AgendaKind, tuple[CaseSnapshot, date, date]]:
    out: dict[AgendaKind, tuple[CaseSnapshot, date, date]] = {}
    for case, on, kind, due, _group in ROWS:
        if due is not None and kind not in out:
            out[kind] = (case, D(on), D(due))
    return out


KIND_ROWS = _first_row_per_kind()


def test_the_lateness_table_covers_every_kind() -> None:
    assert set(KIND_ROWS) == set(AgendaKind)


def _late_days(on: date, due: date) -> int:
    return max((on - due).days, 0)


@pytest.mark.parametrize("kind", sorted(set(KIND_ROWS) - SYNC, key=str))
@pytest.mark.parametrize("after", [1, 7, 40])
def test_every_kind_keeps_its_lateness_when_planned_past_its_due_date(
    kind: AgendaKind, after: int
) -> None:
    """Usability round 7, finding 2: an overdue item planned for a later day left "Te
    laat". Planned ``after`` days past its due date, an item is grouped by its due date
    on every day it shows (overdue from the day after it), with its days late counted,
    and the planned moment is kept beside it."""
    case, first, due = KIND_ROWS[kind]
    at = datetime.combine(due + timedelta(days=after), time(14, 30))
    planned = with_state(case, kind, due.isoformat(), Planned(at))
    days = [first, due, due + timedelta(days=1), due + timedelta(days=after)]
    for on in days:
        bare = of_kind(agenda([case], on), kind)
        found = of_kind(agenda([planned], on), kind)
        assert len(found) == len(bare), (kind, on)
        if not found:
            assert kind in WINDOW_KINDS and on > due  # a closed window: no task
            continue
        (item,) = found
        assert item.planned_at == at
        assert item.group is group_of(due, on) is bare[0].group, (kind, on)
        assert item.days_late == _late_days(on, due) == bare[0].days_late
        if on > due:
            assert item.group is OVERDUE


@pytest.mark.parametrize("kind", sorted(set(KIND_ROWS) - SYNC, key=str))
def test_every_kind_keeps_its_lateness_when_snoozed_past_its_due_date(kind: AgendaKind) -> None:
    """Snoozed past its due date, an item is away until the snooze ends and comes back
    overdue, its days late counted from the due date (a window that closed meanwhile
    does not come back: nothing can be done about it)."""
    case, first, due = KIND_ROWS[kind]
    until = due + timedelta(days=5)
    snoozed = with_state(case, kind, due.isoformat(), Snoozed("wacht op tolk", until))
    assert of_kind(agenda([snoozed], first), kind) == []
    back = of_kind(agenda([snoozed], until), kind)
    if kind in WINDOW_KINDS:
        assert back == []
        return
    (item,) = back
    assert (item.group, item.days_late) == (OVERDUE, 5)


@pytest.mark.parametrize("kind", sorted(SYNC, key=str))
def test_a_planned_sync_item_goes_by_its_planned_day(kind: AgendaKind) -> None:
    """The sync items are "due" on every day they are open: a plan moves them."""
    case, on, _due = KIND_ROWS[kind]
    at = datetime.combine(on + timedelta(days=14), time(9, 0))
    (item,) = of_kind(agenda([replace(case, states={kind.value: Planned(at)})], on), kind)
    assert (item.group, item.days_late) == (LATER, 0)


def test_done_is_for_one_due_date_only() -> None:
    """The next talk is a new item: marking talk 1 done does not hide talk 2."""
    case = with_state(RUNNING, K.VOORTGANGSGESPREK, "2026-06-12", Done(D("2026-06-12")))
    assert of_kind(agenda([case], D("2026-06-12")), K.VOORTGANGSGESPREK) == []
    later = replace(case, gesprekken_gehouden=(D("2026-06-12"),))
    (item,) = of_kind(agenda([later], D("2026-07-12")), K.VOORTGANGSGESPREK)
    assert item.due == D("2026-07-12")


def test_sync_snooze_holds_while_the_count_changes() -> None:
    snoozed = Snoozed("eerst overleg met kantoor", D("2027-01-10"))
    case = replace(
        RUNNING, open_conflicts=3, states={item_key(K.SYNC_CONFLICTS, D("2027-01-05")): snoozed}
    )
    assert of_kind(agenda([case], D("2027-01-07")), K.SYNC_CONFLICTS) == []
    assert len(of_kind(agenda([case], D("2027-01-10")), K.SYNC_CONFLICTS)) == 1


def test_snooze_needs_a_reason() -> None:
    with pytest.raises(AgendaInvalid, match="snooze_reason_missing"):
        Snoozed(" ", D("2027-01-10"))


def test_items_sorted_by_group_then_day_then_case() -> None:
    cases = [
        replace(NEW, case_id="b"),
        replace(THURSDAY, case_id="a"),
        replace(RUNNING, case_id="z", open_conflicts=1),
        replace(
            NEW, case_id="a2", dates=CaseDates(D("2026-03-20"), duo_kennisgeving=D("2026-02-20"))
        ),
    ]
    items = agenda(cases, D("2026-05-11"))
    assert [(i.group, i.case_id, i.kind) for i in items] == [
        (OVERDUE, "a2", K.PIP_DEADLINE),
        (TODAY, "b", K.PIP_DEADLINE),
        (TODAY, "z", K.SYNC_CONFLICTS),
        (WEEK, "a", K.PIP_DEADLINE),
    ]


def test_no_personal_data_in_items() -> None:
    """The snapshot holds no names; an item's JSON holds the case id, dates and rules."""
    data = agenda([EXAM], D("2027-12-15"))[0].as_json()
    assert set(data) == {"case_id", "kind", "due", "group", "reason", "reason_code", "artikel",
                         "target", "planned_at"}  # fmt: skip


@pytest.mark.parametrize(
    ("case", "on", "kind", "field"),
    [
        (NEW, "2026-05-11", K.PIP_DEADLINE, "pip_deadline"),
        (PROVISIONAL, "2026-05-11", K.PIP_DEADLINE, "pip_deadline"),
        (RUNNING, "2026-09-01", K.ONTZORGEN_END, "ontzorgen_until"),
        (RUNNING, "2027-11-11", K.ROUTE_SWITCH_WINDOW, "route_switch_until"),
        (RUNNING, "2029-05-11", K.TERMIJN_END, "termijn_end"),
        (EXAM, "2027-12-15", K.NAZORG, "nazorg_contact"),
    ],
)
def test_due_dates_are_the_deadlines_of_the_case(
    case: CaseSnapshot, on: str, kind: AgendaKind, field: str
) -> None:
    """The agenda calls the deadline rules one by one for speed; the dates stay theirs."""
    expected = compute_deadlines(case.doelgroep, case.dates, case.exam_passed_on, plichtig=True)
    (item,) = of_kind(agenda([case], D(on)), kind)
    assert item.due == getattr(expected, field)


def test_talks_not_known_make_no_talk_item() -> None:
    """A vault that records no talks cannot tell a talk due from one held: the snapshot
    says ``None`` and no voortgangsgesprek item is made (the rest of the case stays)."""
    on = D("2026-06-12")  # talk 1 due 2026-06-12 (month 1 after the termijn start)
    known = agenda([RUNNING], on)
    assert K.VOORTGANGSGESPREK in {i.kind for i in known}
    unknown = agenda([replace(RUNNING, gesprekken_gehouden=None)], on)
    assert K.VOORTGANGSGESPREK not in {i.kind for i in unknown}
    assert {i.kind for i in known} - {K.VOORTGANGSGESPREK} == {i.kind for i in unknown}
