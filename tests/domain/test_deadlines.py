"""Legal deadlines of a case (DOMAIN.md "The law", "Counting periods"; domain/deadlines.py).

Every row names the article and lid its value comes from.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.calendar import period_last_day
from inburg_desktop.domain.case import CaseDates, Doelgroep, WachtenOpDerde
from inburg_desktop.domain.deadlines import (
    PipBasis,
    PipDeadline,
    compute_deadlines,
    nazorg_contact,
    ontzorgen_until,
    passed_deadlines,
    pip_deadline,
    pip_deadline_status,
    route_switch_until,
    termijn_end,
    termijn_start,
)

D = date.fromisoformat
BRP: PipBasis = "brp_registration"
DUO: PipBasis = "duo_kennisgeving"
SH = Doelgroep.STATUSHOUDER
GM = Doelgroep.GEZINSMIGRANT
OM = Doelgroep.OVERIGE_MIGRANT

# Besluit art. 5.3 lid 1: 10 weeks after DUO's kennisgeving; the second sentence (10 weeks
# after BRP registration in the housing municipality when that is later) only for people
# housed under Huisvestingswet art. 28, i.e. statushouders. No kennisgeving: provisional,
# from BRP registration.
PIP = [
    # (doelgroep, BRP registration, kennisgeving, due, provisional, basis, id)
    (GM, "2026-04-01", "2026-03-02", "2026-05-11", False, DUO, "5.3 lid 1: gezinsmigrant, issue"),
    (OM, "2026-04-01", "2026-03-02", "2026-05-11", False, DUO, "5.3 lid 1: overige migrant"),
    (SH, "2026-04-01", "2026-03-02", "2026-06-10", False, BRP, "5.3 lid 1 2nd: statushouder"),
    (SH, "2026-03-02", "2026-02-20", "2026-05-11", False, BRP, "5.3 lid 1 2nd: INTERFACES"),
    (SH, "2026-01-05", "2026-02-20", "2026-05-01", False, DUO, "5.3 lid 1: BRP before"),
    (GM, "2026-01-05", "2026-02-20", "2026-05-01", False, DUO, "5.3 lid 1: gm, BRP before"),
    (SH, "2026-02-20", "2026-02-20", "2026-05-01", False, DUO, "5.3 lid 1: same day"),
    (SH, "2026-03-02", None, "2026-05-11", True, BRP, "5.3 lid 1: sh, no kennisgeving"),
    (GM, "2026-03-02", None, "2026-05-11", True, BRP, "5.3 lid 1: gm, no kennisgeving"),
    (OM, "2026-03-02", None, "2026-05-11", True, BRP, "5.3 lid 1: om, no kennisgeving"),
    (SH, "2025-12-01", None, "2026-02-09", True, BRP, "year end: BRP 2025-12-01"),
    (GM, "2025-11-01", "2025-12-30", "2026-03-10", False, DUO, "year end: kennisgeving 12-30"),
    (SH, "2024-02-29", "2024-01-10", "2024-05-09", False, BRP, "leap day: BRP 2024-02-29"),
    (SH, "2023-12-21", "2023-12-01", "2024-02-29", False, BRP, "lands on the leap day"),
    (GM, "2023-12-30", "2023-12-21", "2024-02-29", False, DUO, "gm lands on the leap day"),
    (GM, "2026-05-01", "2026-03-21", "2026-05-30", False, DUO, "a Saturday stays a Saturday"),
]


@pytest.mark.parametrize(
    ("doelgroep", "brp", "kennisgeving", "due", "provisional", "basis"),
    [
        pytest.param(g, D(b), None if k is None else D(k), D(d), p, s, id=i)
        for g, b, k, d, p, s, i in PIP
    ],
)
def test_pip_deadline_per_doelgroep(
    doelgroep: Doelgroep,
    brp: date,
    kennisgeving: date | None,
    due: date,
    provisional: bool,
    basis: PipBasis,
) -> None:
    assert pip_deadline(doelgroep, brp, kennisgeving) == PipDeadline(due, provisional, basis)


def test_a_deadline_on_a_saturday_is_not_moved() -> None:
    # Algemene termijnenwet art. 1 may extend a statutory term ending on a Saturday; the app
    # shows the calendar date (the earlier, safe one).
    result = pip_deadline(GM, D("2026-05-01"), D("2026-03-21"))
    assert result is not None and result.due is not None
    assert result.due.isoweekday() == 6


WAIT = "medisch advies GGD"

# Besluit art. 5.3 lid 2 (waiting for a third party: 2 weeks after receipt, never earlier
# than lid 1's deadline; a wait recorded after the deadline does not move it) and lid 3
# (after a move: 10 weeks after the registration in the new municipality).
LID_2_3 = [
    # (doelgroep, BRP, kennisgeving, after move, wait (sinds, ontvangen), due, basis, late, id)
    (GM, "2026-04-01", "2026-03-02", None, ("2026-04-20", None), None, "wachten_op_derde",
     False, "5.3 lid 2: still waiting, no date"),
    (GM, "2026-04-01", "2026-03-02", None, ("2026-04-20", "2026-05-20"), "2026-06-03",
     "wachten_op_derde", False, "5.3 lid 2: 2 weeks after receipt"),
    (GM, "2026-04-01", "2026-03-02", None, ("2026-04-01", "2026-04-10"), "2026-05-11", DUO,
     False, "5.3 lid 2: received early, lid 1 stands"),
    (GM, "2026-04-01", "2026-03-02", None, ("2026-05-12", None), "2026-05-11", DUO, True,
     "5.3 lid 2: wait begun after the deadline"),
    (SH, "2026-04-01", "2026-03-02", "2026-07-01", None, "2026-09-09", "brp_after_move",
     False, "5.3 lid 3: 10 weeks after registration there"),
    (GM, "2026-04-01", "2026-03-02", "2026-07-01", ("2026-08-01", "2026-09-01"), "2026-09-15",
     "wachten_op_derde", False, "5.3 lid 2 after lid 3"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("doelgroep", "brp", "kennisgeving", "after_move", "wait", "due", "basis", "late"),
    [
        pytest.param(
            g,
            D(b),
            D(k),
            None if m is None else D(m),
            None if w is None else WachtenOpDerde(WAIT, D(w[0]), None if w[1] is None else D(w[1])),
            None if d is None else D(d),
            s,
            late,
            id=i,
        )
        for g, b, k, m, w, d, s, late, i in LID_2_3
    ],
)
def test_pip_deadline_lid_2_and_3(
    doelgroep: Doelgroep,
    brp: date,
    kennisgeving: date,
    after_move: date | None,
    wait: WachtenOpDerde | None,
    due: date | None,
    basis: PipBasis,
    late: bool,
) -> None:
    result = pip_deadline(
        doelgroep, brp, kennisgeving, brp_after_move=after_move, wachten_op_derde=wait
    )
    assert result == PipDeadline(due, False, basis, wachten_te_laat=late)


def test_pip_deadline_unknown_without_brp_registration() -> None:
    assert pip_deadline(SH, None, D("2026-02-20")) is None
    assert pip_deadline(GM, None, None) is None


def test_wait_needs_a_reason_and_a_receipt_after_asking() -> None:
    with pytest.raises(ValueError, match="reden"):
        WachtenOpDerde("  ", D("2026-04-01"))
    with pytest.raises(ValueError, match="ontvangen"):
        WachtenOpDerde(WAIT, D("2026-04-01"), D("2026-03-31"))


STATUS = [
    ("15 days ahead: ok", "2026-05-11", "2026-04-26", "ok"),
    ("14 days ahead: due soon", "2026-05-11", "2026-04-27", "due_soon"),
    ("on the day itself: due soon", "2026-05-11", "2026-05-11", "due_soon"),
    ("the day after: overdue", "2026-05-11", "2026-05-12", "overdue"),
    ("across a year end", "2026-01-05", "2025-12-25", "due_soon"),
    ("waiting for a third party (5.3 lid 2)", None, "2026-12-25", "waiting"),
]


@pytest.mark.parametrize(
    ("deadline", "today", "status"),
    [pytest.param(None if d is None else D(d), D(t), s, id=i) for i, d, t, s in STATUS],
)
def test_pip_deadline_status(deadline: date | None, today: date, status: str) -> None:
    assert pip_deadline_status(deadline, today) == status


# Wet art. 11: the termijn starts the day after the PIP's dagtekening and lasts 3 years,
# up to and including its last day; Besluit art. 5.4 lid 1: route changes up to 18 months
# after the start (DOMAIN.md "Counting periods" for both ends).
TERMIJN = [
    # (PIP dagtekening, termijn_start, termijn_end, route_switch_until, id)
    ("2026-05-11", "2026-05-12", "2029-05-11", "2027-11-11", "art. 11 / 5.4 lid 1: issue"),
    ("2025-12-31", "2026-01-01", "2028-12-31", "2027-06-30", "art. 11: start on New Year"),
    ("2024-02-28", "2024-02-29", "2027-02-28", "2025-08-28", "art. 11: start on the leap day"),
    ("2024-02-29", "2024-03-01", "2027-02-28", "2025-08-31", "art. 11: PIP on the leap day"),
    ("2025-02-28", "2025-03-01", "2028-02-29", "2026-08-31", "art. 11: ends on a leap day"),
    ("2025-08-30", "2025-08-31", "2028-08-30", "2027-02-28", "5.4 lid 1: from 31 Aug, no 31 Feb"),
    ("2026-01-30", "2026-01-31", "2029-01-30", "2027-07-30", "month end: start on the 31st"),
    ("2026-03-30", "2026-03-31", "2029-03-30", "2027-09-30", "5.4 lid 1: no 31 September"),
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


# Participatiewet art. 56a: 6 months from the start of bijstand, statushouders only; the
# last day is the day before the same date six months on.
ONTZORGEN = [
    # (doelgroep, bijstand start, ontzorgen until, id)
    (SH, "2026-03-02", "2026-09-01", "art. 56a: issue example"),
    (SH, "2026-03-01", "2026-08-31", "art. 56a: from the 1st, a month's last day"),
    (SH, "2026-08-31", "2027-02-28", "art. 56a: from 31 Aug into February (DOMAIN example)"),
    (SH, "2023-08-31", "2024-02-29", "art. 56a: from 31 Aug into a leap February"),
    (SH, "2025-12-01", "2026-05-31", "art. 56a: across the year end"),
    (SH, "2026-03-31", "2026-09-30", "art. 56a: no 31 September"),
    (GM, "2026-03-02", None, "art. 56a: not for gezinsmigranten"),
    (OM, "2026-03-02", None, "art. 56a: not for overige migranten"),
    (SH, None, None, "art. 56a: no bijstand, no ontzorgen"),
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


# Seed step 11: the consulent contacts the person 6 months after the exam (a planning
# point, not a period end: month ends clamp).
NAZORG = [
    ("2026-03-15", "2026-09-15", "plain"),
    ("2026-08-31", "2027-02-28", "31 Aug: clamps to the end of February"),
]


@pytest.mark.parametrize(
    ("exam", "contact"), [pytest.param(D(e), D(c), id=i) for e, c, i in NAZORG]
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
    assert compute_deadlines(SH, dates, plichtig=True).as_json() == {
        "niet_plichtig": False,
        "pip_deadline": "2026-05-11",
        "pip_deadline_provisional": False,
        "pip_deadline_basis": "brp_registration",
        "termijn_start": None,
        "termijn_end": None,
        "route_switch_until": None,
        "ontzorgen_until": "2026-09-01",
        "nazorg_contact": None,
    }


def test_compute_deadlines_full_case() -> None:
    dates = CaseDates(brp_registration=D("2025-12-01"), pip_date=D("2026-02-09"))
    deadlines = compute_deadlines(GM, dates, exam_passed_on=D("2028-08-31"), plichtig=True)
    assert deadlines.as_json() == {
        "niet_plichtig": False,
        "pip_deadline": "2026-02-09",
        "pip_deadline_provisional": True,
        "pip_deadline_basis": "brp_registration",
        "termijn_start": "2026-02-10",
        "termijn_end": "2029-02-09",
        "route_switch_until": "2027-08-09",
        "ontzorgen_until": None,
        "nazorg_contact": "2029-02-28",
    }


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
groups = st.sampled_from(list(Doelgroep))


@given(groups, dates, st.none() | dates)
def test_pip_deadline_never_before_either_input(
    doelgroep: Doelgroep, brp: date, kennisgeving: date | None
) -> None:
    result = pip_deadline(doelgroep, brp, kennisgeving)
    assert result is not None and result.due is not None
    assert result.provisional is (kennisgeving is None)
    if kennisgeving is None:
        assert result.due == brp + timedelta(weeks=10)
    elif doelgroep is SH:
        assert result.due == max(brp, kennisgeving) + timedelta(weeks=10)
    else:  # Besluit art. 5.3 lid 1, first sentence only: the BRP date plays no part
        assert result.due == kennisgeving + timedelta(weeks=10)


@given(dates)
def test_termijn_end_after_start_and_route_switch_inside(pip_date: date) -> None:
    start = termijn_start(pip_date)
    end = termijn_end(start)
    switch = route_switch_until(start)
    assert pip_date < start < switch < end
    assert end == period_last_day(start, 36)
    # Three years less a day: 1094 or 1095 days after the start (one leap day at most).
    assert 1094 <= (end - start).days <= 1095
    # The day after the end is the same date three years on (or 1 March for 29 Feb).
    assert (end + timedelta(days=1)).day in (start.day, 1)


@given(dates, dates)
def test_status_is_overdue_exactly_after_the_deadline(deadline: date, today: date) -> None:
    assert (pip_deadline_status(deadline, today) == "overdue") is (today > deadline)


def test_a_deadline_passes_the_day_after_its_last_day() -> None:
    """``passed_deadlines``: an end counts through its day (t/m); the PIP deadline only
    while no PIP is set (usability round 2 finding 13)."""
    dates = CaseDates(brp_registration=D("2025-12-31"), duo_kennisgeving=D("2026-01-05"))
    open_case = compute_deadlines(Doelgroep.STATUSHOUDER, dates, plichtig=True)
    due = open_case.pip_deadline
    assert due is not None
    assert passed_deadlines(open_case, due) == frozenset()
    assert passed_deadlines(open_case, due + timedelta(days=1)) == {"pip_deadline"}
    set_case = compute_deadlines(
        Doelgroep.STATUSHOUDER,
        CaseDates(
            brp_registration=D("2025-12-31"),
            duo_kennisgeving=D("2026-01-05"),
            pip_date=due + timedelta(days=30),
            bijstand_start=D("2026-01-01"),
        ),
        plichtig=True,
    )
    assert set_case.termijn_end is not None and set_case.route_switch_until is not None
    assert set_case.ontzorgen_until is not None
    assert passed_deadlines(set_case, due + timedelta(days=40)) == frozenset()
    assert passed_deadlines(set_case, set_case.ontzorgen_until + timedelta(days=1)) == {
        "ontzorgen_until"
    }
    assert passed_deadlines(set_case, set_case.termijn_end) == {
        "ontzorgen_until",
        "route_switch_until",
    }
    assert passed_deadlines(set_case, set_case.termijn_end + timedelta(days=1)) == {
        "ontzorgen_until",
        "route_switch_until",
        "termijn_end",
    }
    not_plichtig = compute_deadlines(Doelgroep.STATUSHOUDER, dates, plichtig=False)
    assert passed_deadlines(not_plichtig, D("2100-01-01")) == frozenset()
