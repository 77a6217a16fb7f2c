"""The rules over an enforcement record in its case (``domain.handhaving.case_problems``) and
over a change to a record (``change_problem``), one row per rule with the article it
follows (attack round 7, findings 1, 2, 3 and 16): the proposal's ceiling recomputed from
the record's own violation and earlier fines with the Besluit's amounts, the earlier fines
it counts held by the case, the total of the termijn's fines, dates bounded by the
checking day and the BRP registration, an art. 23 new term within the termijn, and a
decision's grondslag."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from inburg_desktop.domain import handhaving as h

from .test_handhaving_record_rules import CASES, OVERTREDING, besluit, voorstel

TODAY = date(2026, 11, 30)
FACTS = h.case_facts(date(2026, 1, 15), date(2026, 3, 1), TODAY)
RID = "aaaaaaaaaaaa"
OTHER = "bbbbbbbbbbbb"
INTAKE = {**OVERTREDING, "soort": "intake_niet_verschenen", "verwijtbaarheid": None}


def grounded(steps: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """``steps`` with a decision that rests on them (``grondslag``)."""
    basis = h.grondslag_of(steps)
    grondslag = {"voorstel_cents": basis.voorstel_cents, "sha256": basis.sha256}
    return {
        **steps,
        "besluit": besluit(steps["voorstel"]["bedrag_cents"], grondslag=grondslag, **extra),
    }


def fields(*records: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    return {h.key(rid, stap): value for rid, steps in records for stap, value in steps.items()}


def earlier(rid: str, cents: int = 5000, final: str = "2026-07-01") -> dict[str, Any]:
    """An earlier fine as a proposal quotes it: final on ``final``, it claims."""
    return {
        "id": rid,
        "soort": "pvt_intensiteit",
        "vastgesteld_op": "2026-06-01",
        "bedrag_cents": cents,
        "status": "onherroepelijk",
        "onherroepelijk_op": final,
        "nieuwe_termijn": None,
    }


FIRST = {"overtreding": OVERTREDING, "voorstel": voorstel(5000)}
IMPOSED = grounded(
    {
        "overtreding": {**OVERTREDING, "vastgesteld_op": "2026-06-01"},
        "voorstel": voorstel(5000, on="2026-06-02"),
    },
    dagtekening="2026-06-03",
)
PRIOR = {**IMPOSED, "afloop": {"status": "onherroepelijk", "op": "2026-07-01"}}
"""Decided 3-6-2026: the objection period runs t/m 15-7-2026 (Awb art. 6:7, 6:8), so a
finality recorded on 1-7-2026 breaks a rule of the record itself."""
FINAL = {**IMPOSED, "afloop": {"status": "onherroepelijk", "op": "2026-07-16"}}


def intake_fines(count: int) -> dict[str, Any]:
    """``count`` intake fines of € 250 each, decided on successive days."""
    out: list[tuple[str, dict[str, Any]]] = []
    for n in range(count):
        steps = {
            "overtreding": {**INTAKE, "vastgesteld_op": "2026-02-01"},
            "voorstel": voorstel(25000, on="2026-02-02"),
        }
        out.append((f"{n:012x}", grounded(steps, dagtekening=f"2026-03-{n + 1:02d}")))
    return fields(*out)


CASE_ROWS: list[tuple[str | None, str, dict[str, Any], str]] = [
    (None, "", fields((RID, grounded(FIRST))), RID),
    (  # finding 2: a first art. 23 fine of € 800, no earlier fine counted
        "proposal_above_rules",
        "Besluit art. 7.1 lid 2-5",
        fields((RID, {"overtreding": OVERTREDING, "voorstel": voorstel(800_00)})),
        RID,
    ),
    (  # finding 2: € 800 for reduced culpability (25 % of € 50 is € 12,50)
        "proposal_above_rules",
        "Besluit art. 7.1 lid 2-5",
        fields(
            (
                RID,
                {
                    "overtreding": {**OVERTREDING, "verwijtbaarheid": "verminderd"},
                    "voorstel": voorstel(12_51),
                },
            )
        ),
        RID,
    ),
    (
        None,
        "",
        fields(
            (
                RID,
                {
                    "overtreding": {**OVERTREDING, "verwijtbaarheid": "verminderd"},
                    "voorstel": voorstel(12_50),
                },
            )
        ),
        RID,
    ),
    (  # Wet art. 27: the bijstand was reduced for the same conduct, so no fine at all
        "proposal_above_rules",
        "Besluit art. 7.1 lid 2-5",
        fields(
            (
                RID,
                {
                    "overtreding": {**OVERTREDING, "bijstand_verlaagd": True},
                    "voorstel": voorstel(5000),
                },
            )
        ),
        RID,
    ),
    (  # one final earlier fine the case holds: € 100 (lid 3)
        None,
        "",
        fields(
            (OTHER, FINAL),
            (
                RID,
                {
                    "overtreding": OVERTREDING,
                    "voorstel": voorstel(100_00, eerdere=[earlier(OTHER, final="2026-07-16")]),
                },
            ),
        ),
        RID,
    ),
    (  # attack round 8, finding 10: the proposal says the earlier fine is final; the case
        # holds it imposed and no more, so it doubles nothing
        "proposal_above_rules",
        "Besluit art. 7.1 lid 2-5",
        fields(
            (OTHER, IMPOSED),
            (
                RID,
                {
                    "overtreding": OVERTREDING,
                    "voorstel": voorstel(100_00, eerdere=[earlier(OTHER)]),
                },
            ),
        ),
        RID,
    ),
    (  # ... nor when the case holds it final on a day inside its objection period
        "earlier_not_in_case",
        "Besluit art. 7.1 lid 3",
        fields(
            (OTHER, PRIOR),
            (
                RID,
                {
                    "overtreding": OVERTREDING,
                    "voorstel": voorstel(100_00, eerdere=[earlier(OTHER)]),
                },
            ),
        ),
        RID,
    ),
    (  # ... nor when it became final only after this violation was found (lid 3)
        "proposal_above_rules",
        "Besluit art. 7.1 lid 2-5",
        fields(
            (OTHER, {**IMPOSED, "afloop": {"status": "onherroepelijk", "op": "2026-10-02"}}),
            (
                RID,
                {
                    "overtreding": OVERTREDING,
                    "voorstel": voorstel(100_00, eerdere=[earlier(OTHER)]),
                },
            ),
        ),
        RID,
    ),
    (  # an earlier fine the case does not hold raises the ceiling: refused
        "earlier_not_in_case",
        "Besluit art. 7.1 lid 3",
        fields(
            (
                RID,
                {
                    "overtreding": OVERTREDING,
                    "voorstel": voorstel(100_00, eerdere=[earlier(OTHER)]),
                },
            )
        ),
        RID,
    ),
    (  # ... or one quoted at another amount than the case holds
        "earlier_not_in_case",
        "Besluit art. 7.1 lid 3",
        fields(
            (OTHER, FINAL),
            (
                RID,
                {
                    "overtreding": OVERTREDING,
                    "voorstel": voorstel(100_00, eerdere=[earlier(OTHER, 800_00)]),
                },
            ),
        ),
        RID,
    ),
    (  # finding 3: found on 31-12-2100
        "date_after_today",
        "Awb art. 3:2",
        fields((RID, {"overtreding": {**OVERTREDING, "vastgesteld_op": "2100-12-31"}})),
        RID,
    ),
    (  # a decision dated 31-12-2100
        "date_after_today",
        "Awb art. 3:2",
        fields((RID, grounded(FIRST, dagtekening="2100-12-31"))),
        RID,
    ),
    (  # one day ahead is a clock, not a date in the future
        None,
        "",
        fields((RID, grounded(FIRST, dagtekening="2026-12-01"))),
        RID,
    ),
    (  # finding 3: found in 1900, before the BRP registration
        "date_before_brp",
        "Wet art. 14 lid 1",
        fields((RID, {"overtreding": {**OVERTREDING, "vastgesteld_op": "1900-01-02"}})),
        RID,
    ),
    (  # finding 3: a new term until 2100 after an art. 23 fine
        "term_after_termijn",
        "Wet art. 11 en 23",
        fields((RID, grounded(FIRST, nieuwe_termijn_tot="2100-12-31"))),
        RID,
    ),
    (None, "", fields((RID, grounded(FIRST, nieuwe_termijn_tot="2027-03-01"))), RID),
    (None, "", intake_fines(9), f"{8:012x}"),  # € 2.250
    (  # finding 2: the fine that takes the termijn's total over € 2.400 (Besluit art. 7.1)
        "total_above_maximum",
        "Besluit art. 7.1",
        intake_fines(10),
        f"{9:012x}",
    ),
]


@pytest.mark.parametrize(("code", "artikel", "case", "rid"), CASE_ROWS)
def test_case_rules(code: str | None, artikel: str, case: dict[str, Any], rid: str) -> None:
    problems = h.case_problems(case, FACTS)
    rule = problems.get(rid)
    assert (rule and rule.code) == code, problems
    if rule is not None:
        assert rule.artikel == artikel
        assert "{artikel}" in rule.dutch and rule.english


LATE = date(2032, 1, 31)
"""A checking day after the termijn of :data:`FACTS` (PIP 1-3-2026: t/m 1-3-2029)."""
NO_PIP = h.case_facts(date(2026, 1, 15), None, TODAY)


def found_on(day: str, cents: int = 5000) -> dict[str, Any]:
    """A decided art. 23 record for a violation found on ``day``."""
    steps = {
        "overtreding": {**OVERTREDING, "vastgesteld_op": day},
        "voorstel": voorstel(cents, on=day),
    }
    return grounded(steps, dagtekening=day)


TERMIJN_ROWS: list[tuple[str | None, str, h.CaseFacts, dict[str, Any]]] = [
    # attack round 8, finding 11: the municipality fines during the termijn (Wet art. 11
    # and 23); the day after its last day a fine is DUO's matter, not a fine beside the
    # termijn's € 2.400
    (None, "", h.case_facts(date(2026, 1, 15), date(2026, 3, 1), LATE), found_on("2029-03-01")),
    (
        "fine_after_termijn",
        "Wet art. 11 en 23; Besluit art. 7.1",
        h.case_facts(date(2026, 1, 15), date(2026, 3, 1), LATE),
        found_on("2029-03-02"),
    ),
    (  # recording the violation, or proposing € 0, stays possible
        None,
        "",
        h.case_facts(date(2026, 1, 15), date(2026, 3, 1), LATE),
        {"overtreding": {**OVERTREDING, "vastgesteld_op": "2031-05-01"}},
    ),
    # attack round 7, finding 3: no PIP date, a new term until 2100; the termijn of a PIP
    # not set yet starts at the earliest the day after the decision's date (Wet art. 11)
    (
        "term_beyond_law",
        "Wet art. 11 en 23",
        NO_PIP,
        grounded(FIRST, nieuwe_termijn_tot="2100-12-31"),
    ),
    (None, "", NO_PIP, grounded(FIRST, nieuwe_termijn_tot="2029-10-03")),  # decided 3-10-2026
    (
        "term_beyond_law",
        "Wet art. 11 en 23",
        NO_PIP,
        grounded(FIRST, nieuwe_termijn_tot="2029-10-04"),
    ),
    (  # the intake's own bound (two months, Wet art. 22) is the record's rule
        "intake_term_too_long",
        "Wet art. 22",
        NO_PIP,
        grounded(
            {"overtreding": INTAKE, "voorstel": voorstel(25000)}, nieuwe_termijn_tot="2100-12-31"
        ),
    ),
]


@pytest.mark.parametrize(("code", "artikel", "facts", "steps"), TERMIJN_ROWS)
def test_the_termijn_bounds_fines_and_new_terms(
    code: str | None, artikel: str, facts: h.CaseFacts, steps: dict[str, Any]
) -> None:
    problems = h.case_problems(fields((RID, steps)), facts)
    rule = problems.get(RID)
    assert (rule and rule.code) == code, problems
    if rule is not None:
        assert rule.artikel == artikel


def test_a_rule_breaking_record_counts_toward_no_total() -> None:
    case = intake_fines(10)
    # the first fine decided is inflated: it breaks its own rule and is not counted, so
    # the others stay within the total
    first = h.key(f"{0:012x}", "besluit")
    case[first] = {**case[first], "bedrag_cents": 1_000_000_000}
    problems = h.case_problems(case, FACTS)
    assert {rid: r.code for rid, r in problems.items()} == {f"{0:012x}": "decision_above_proposal"}


CHANGE_ROWS: list[tuple[str | None, str, dict[str, Any], dict[str, Any]]] = [
    (None, "", {}, grounded(FIRST)),
    (  # finding 16: a new decision without what it rests on
        "decision_without_basis",
        "Awb art. 3:46",
        FIRST,
        {**FIRST, "besluit": besluit(5000)},
    ),
    (  # finding 16: the violation under a stored decision without grondslag
        "basis_unknown",
        "Awb art. 3:46",
        {**FIRST, "besluit": besluit(5000)},
        {
            **FIRST,
            "overtreding": {**OVERTREDING, "verwijtbaarheid": "verminderd"},
            "besluit": besluit(5000),
        },
    ),
    (
        "basis_unknown",
        "Awb art. 3:46",
        {**FIRST, "besluit": besluit(5000)},
        {
            **FIRST,
            "waarschuwing": {"op": "2026-10-02", "wijze": "mondeling", "toelichting": ""},
            "besluit": besluit(5000),
        },
    ),
    (  # its end may still be recorded
        None,
        "",
        {**FIRST, "besluit": besluit(5000)},
        {
            **FIRST,
            "besluit": besluit(5000),
            "afloop": {"status": "onherroepelijk", "op": "2026-11-15"},
        },
    ),
]


@pytest.mark.parametrize(("code", "artikel", "before", "after"), CHANGE_ROWS)
def test_change_rules(
    code: str | None, artikel: str, before: dict[str, Any], after: dict[str, Any]
) -> None:
    rule = h.change_problem(before, after)
    assert (rule and rule.code) == code
    if rule is not None:
        assert rule.artikel == artikel


def test_every_rule_has_a_row() -> None:
    rows = (
        {c for c, _a, _s in CASES if c}
        | {c for c, *_ in CASE_ROWS if c}
        | {c for c, *_ in TERMIJN_ROWS if c}
        | {c for c, *_ in CHANGE_ROWS if c}
    )
    assert rows == set(h.RECORD_RULES)
