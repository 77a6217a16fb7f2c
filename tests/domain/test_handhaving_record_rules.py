"""The rules over one enforcement record as a whole (``domain.handhaving.RECORD_RULES``), one
row per rule with the article it follows, and the shape rules of a step's texts, template
and decider (attack round 6, findings 1, 2, 3, 7, 14, 15)."""

from __future__ import annotations

import ast
import inspect
from datetime import date, timedelta
from typing import Any

import pytest

from inburg_desktop.domain import fines
from inburg_desktop.domain import handhaving as h
from inburg_desktop.domain.fines import Overtreding, Verwijtbaarheid, Violation, propose_fine
from inburg_desktop.domain.text import template_names

OVERTREDING = {
    "soort": "pvt_intensiteit",
    "vastgesteld_op": "2026-10-01",
    "toelichting": "Niet bij het PVT.",
    "verwijtbaarheid": "opzet",
    "bijstand_verlaagd": False,
}
INTAKE = {**OVERTREDING, "soort": "intake_niet_verschenen", "verwijtbaarheid": None}


def voorstel(cents: int = 5000, on: str = "2026-10-02", **extra: Any) -> dict[str, Any]:
    step = {"code": "fine_proposed", "text": "Voorgesteld: {bedrag}.", "params": {"bedrag": "x"}}
    return {"bedrag_cents": cents, "berekend_op": on, "stappen": [step], "eerdere": [], **extra}


def besluit(cents: int = 5000, **extra: Any) -> dict[str, Any]:
    return {
        "opleggen": cents > 0,
        "bedrag_cents": cents,
        "reden": "",
        "dagtekening": "2026-10-03",
        "nieuwe_termijn_tot": None,
        "door": {"naam": "Sanne de Vries", "id": "s", "tijdstip": "2026-10-03T10:00:00+00:00"},
        **extra,
    }


def step(text: str, **params: str) -> dict[str, Any]:
    return {"code": "x", "text": text, "params": params}


def door(naam: str) -> dict[str, str]:
    return {"naam": naam, "id": "s", "tijdstip": "2026-10-03T10:00:00+00:00"}


EARLIER_AFTER = {
    "id": "0123456789ab",
    "soort": "pvt_intensiteit",
    "vastgesteld_op": "2026-11-01",
    "bedrag_cents": 5000,
    "status": "opgelegd",
    "onherroepelijk_op": None,
    "nieuwe_termijn": None,
}
DECIDED = {"overtreding": OVERTREDING, "voorstel": voorstel(), "besluit": besluit()}
BASIS = h.grondslag_of(DECIDED)
GRONDSLAG = {"voorstel_cents": BASIS.voorstel_cents, "sha256": BASIS.sha256}

CASES: list[tuple[str | None, str, dict[str, Any]]] = [
    (None, "", DECIDED),
    (None, "", {**DECIDED, "besluit": besluit(grondslag=GRONDSLAG)}),
    (None, "", {**DECIDED, "afloop": {"status": "onherroepelijk", "op": "2026-11-15"}}),
    (None, "", {**DECIDED, "afloop": {"status": "vervallen", "op": "2026-11-01"}}),
    ("unreadable", "Awb art. 3:2", {"overtreding": OVERTREDING, "voorstel": {"x": 1}}),
    ("no_violation", "Wet art. 22-23", {"voorstel": voorstel()}),
    ("no_proposal", "Awb art. 5:46", {"overtreding": OVERTREDING, "besluit": besluit()}),
    (
        "proposal_above_maximum",  # € 800 for art. 23 (lid 3)
        "Besluit art. 7.1 lid 1-3",
        {"overtreding": OVERTREDING, "voorstel": voorstel(800_01)},
    ),
    (
        "proposal_above_maximum",  # € 250 for the intake (lid 1)
        "Besluit art. 7.1 lid 1-3",
        {"overtreding": INTAKE, "voorstel": voorstel(250_01)},
    ),
    (
        "decision_above_proposal",  # € 10.000.000 on € 50 (finding 2)
        "Besluit art. 7.1",
        {**DECIDED, "besluit": besluit(1_000_000_000)},
    ),
    (
        "decision_zero",
        "Wet art. 22-23",
        {**DECIDED, "besluit": {**besluit(), "bedrag_cents": 0}},
    ),
    (
        "decision_basis",  # the culpability changed under the decision (finding 14)
        "Awb art. 3:46",
        {
            **DECIDED,
            "overtreding": {**OVERTREDING, "verwijtbaarheid": "verminderd"},
            "besluit": besluit(grondslag=GRONDSLAG),
        },
    ),
    (
        "decision_basis",  # a warning added after the decision
        "Awb art. 3:46",
        {
            **DECIDED,
            "waarschuwing": {"op": "2026-10-02", "wijze": "mondeling", "toelichting": ""},
            "besluit": besluit(grondslag=GRONDSLAG),
        },
    ),
    (
        "decision_before_violation",
        "Awb art. 5:46",
        {**DECIDED, "besluit": besluit(dagtekening="2026-09-30")},
    ),
    (
        "proposal_before_violation",
        "Besluit art. 7.1",
        {"overtreding": OVERTREDING, "voorstel": voorstel(on="2026-09-30")},
    ),
    (
        "earlier_after_violation",
        "Besluit art. 7.1 lid 3",
        {"overtreding": OVERTREDING, "voorstel": voorstel(eerdere=[EARLIER_AFTER])},
    ),
    (
        "warning_after_decision",
        "Awb art. 5:46",
        {**DECIDED, "waarschuwing": {"op": "2026-10-04", "wijze": "mondeling", "toelichting": ""}},
    ),
    (
        "term_before_decision",
        "Wet art. 22-23",
        {**DECIDED, "besluit": besluit(nieuwe_termijn_tot="2026-10-03")},
    ),
    (
        "intake_term_too_long",
        "Wet art. 22",
        {
            "overtreding": INTAKE,
            "voorstel": voorstel(),
            "besluit": besluit(nieuwe_termijn_tot="2026-12-04"),
        },
    ),
    (
        "end_without_imposed_decision",
        "Besluit art. 7.1 lid 3",
        {"overtreding": OVERTREDING, "afloop": {"status": "onherroepelijk", "op": "2026-11-01"}},
    ),
    (
        "end_without_imposed_decision",
        "Besluit art. 7.1 lid 3",
        {
            **DECIDED,
            "besluit": besluit(0, reden="Geen."),
            "afloop": {"status": "vervallen", "op": "2026-11-01"},
        },
    ),
    (
        "end_before_decision",
        "Awb art. 6:7",
        {**DECIDED, "afloop": {"status": "onherroepelijk", "op": "2026-10-02"}},
    ),
    (  # attack round 8, finding 10: decided 3-10-2026, objection possible t/m 14-11-2026
        "final_in_objection_period",
        "Awb art. 6:7 en 6:8",
        {**DECIDED, "afloop": {"status": "onherroepelijk", "op": "2026-11-14"}},
    ),
    (
        "final_in_objection_period",
        "Awb art. 6:7 en 6:8",
        {**DECIDED, "afloop": {"status": "onherroepelijk", "op": "2026-10-03"}},
    ),
]


@pytest.mark.parametrize(("code", "artikel", "steps"), CASES)
def test_record_rules(code: str | None, artikel: str, steps: dict[str, Any]) -> None:
    rule = h.record_problem(steps)
    assert (rule and rule.code) == code
    if rule is not None:
        assert rule.artikel == artikel
        assert "{artikel}" in rule.dutch and rule.english
        with pytest.raises(h.RecordInconsistent):
            h.check_record(steps)


def test_step_params_are_the_names_of_the_rules_sentences() -> None:
    source = ast.parse(inspect.getsource(fines))
    names: set[str] = set()
    for node in ast.walk(source):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "N_":
            (arg,) = node.args
            assert isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            names |= template_names(arg.value)
    assert names == fines.STEP_PARAMS
    # and every proposal the rules make is a proposal the shape rule takes back
    for soort, culpa in (
        (Overtreding.INTAKE_NIET_VERSCHENEN, None),
        (Overtreding.PVT_INTENSITEIT, Verwijtbaarheid.GROVE_SCHULD),
    ):
        found = date(2026, 10, 1)
        proposal = propose_fine(Violation(soort, found, culpa), [], None)
        value = h.voorstel_value(h.Voorstel(proposal.bedrag_cents, proposal.stappen, found))
        assert h.parse_voorstel(value).stappen == proposal.stappen


@pytest.mark.parametrize(
    ("stap", "value"),
    [
        ("voorstel", voorstel(stappen=[step("{bedrag:>300000000}", bedrag="b")])),
        ("voorstel", voorstel(stappen=[step("{bedrag.__class__}", bedrag="b")])),
        ("voorstel", voorstel(stappen=[step("{evil}", evil="b")])),
        ("voorstel", voorstel(stappen=[step("a\u2066b")])),
        ("voorstel", voorstel(stappen=[step("{bedrag}", bedrag="\x1b[2J")])),
        ("besluit", besluit(door=door("\x1b[31mAndere\x1b[0m"))),
        ("besluit", besluit(door=door("seirV ed\u202e"))),
        ("besluit", besluit(door=door("Sanne\u200b"))),
        ("besluit", besluit(reden="a\u0085b")),
        ("besluit", besluit(reden="a\u009b31m")),
        ("overtreding", {**OVERTREDING, "toelichting": "x\u202ey"}),
        ("waarschuwing", {"op": "2026-10-02", "wijze": "mondeling", "toelichting": "\u2067x"}),
    ],
)  # fmt: skip
def test_step_shapes_refuse_templates_controls_and_names(stap: str, value: Any) -> None:
    assert h.stored_problem(h.key("0123456789ab", stap), value) is not None


def test_one_unreadable_record_hides_no_other() -> None:
    fields = {
        h.key("0123456789ab", "overtreding"): OVERTREDING,
        h.key("0123456789ab", "voorstel"): voorstel(stappen=[step("{a:>9}", a="b")]),
        h.key("ba9876543210", "overtreding"): OVERTREDING,
        h.key("ba9876543210", "voorstel"): voorstel(),
        h.key("cccccccccccc", "besluit"): besluit(),  # no violation
    }  # fmt: skip
    assert [r.id for r in h.records(fields)] == ["ba9876543210"]
    assert h.unreadable(fields) == ("0123456789ab", "cccccccccccc")


@pytest.mark.parametrize(
    ("dagtekening", "first_final"),
    [
        # usability round 9, finding 10: decided 30-11-2026, the letter says objection is
        # possible t/m 11-1-2027, so the fine is final on 12-1-2027 at the earliest
        (date(2026, 11, 30), date(2027, 1, 12)),
        (date(2026, 10, 3), date(2026, 11, 15)),  # the rows above: t/m 14-11-2026
        (date(2027, 2, 26), date(2027, 4, 10)),  # across February
    ],
)
def test_a_fine_is_final_from_the_day_after_its_objection_period(
    dagtekening: date, first_final: date
) -> None:
    """Awb art. 6:7 and 6:8: six weeks from the day after the decision; final the day
    after. The first allowed day passes the rule, the day before breaks it."""
    assert h.final_from(dagtekening) == first_final
    assert h.final_from(dagtekening) == h.bezwaar_last_day(dagtekening) + timedelta(days=1)
    record = {
        **DECIDED,
        "besluit": besluit(dagtekening=dagtekening.isoformat()),
    }
    final = {"status": "onherroepelijk", "op": first_final.isoformat()}
    assert h.record_problem({**record, "afloop": final}) is None
    early = {**final, "op": (first_final - timedelta(days=1)).isoformat()}
    rule = h.record_problem({**record, "afloop": early})
    assert rule is not None and rule.code == "final_in_objection_period"
