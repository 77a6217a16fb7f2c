"""The office holds each enforcement record to its rules as a whole (attack round 6, findings
1, 2, 3, 7, 14, 15): a proposal's step is a plain template, a decision rests on its proposal
and stays under it and under the Besluit's maximum, it is taken by the pushing laptop's
consultant, and one record's steps are never mixed from two laptops. Scenarios of the
round's repro scripts (``f1_push_format_dos.py``, ``hostile_fine.py``, ``f20_mixed_proposal.py``,
``f21_mixed_resolution.py``, ``hostile_pull.py``)."""

from __future__ import annotations

from typing import Any

import pytest

from inburg_desktop.server.db import Database

from .conftest import LiveServer, enroll, new_case_id
from .laptop_sim import SimLaptop

RID = "00000000abcd"


def K(stap: str) -> str:
    return f"handhaving.{RID}.{stap}"


OVERTREDING = {
    "soort": "pvt_intensiteit",
    "vastgesteld_op": "2026-10-01",
    "toelichting": "Niet bij het PVT.",
    "verwijtbaarheid": "opzet",
    "bijstand_verlaagd": False,
}


def voorstel(cents: int, words: str, on: str = "2026-10-02") -> dict[str, Any]:
    step = {
        "code": "fine_proposed",
        "text": "Voorgestelde boete: {bedrag}.",
        "params": {"bedrag": words},
    }
    return {"bedrag_cents": cents, "berekend_op": on, "stappen": [step], "eerdere": []}


PROPOSAL_WORDS = {5000: "€ 50", 1250: "€ 12,50"}


def besluit(cents: int, who: str, naam: str | None = None, **extra: Any) -> dict[str, Any]:
    """A decision by ``who`` (printed as ``naam``, by default the same office name), resting
    on the proposal of the same amount when there is one (its ``grondslag``: required on a
    new decision, attack round 7, finding 16)."""
    basis = {}
    if cents in PROPOSAL_WORDS:
        steps = {"overtreding": OVERTREDING, "voorstel": voorstel(cents, PROPOSAL_WORDS[cents])}
        basis = {"grondslag": _grondslag(steps)}
    return {
        "opleggen": cents > 0,
        "bedrag_cents": cents,
        "reden": "",
        "dagtekening": "2026-10-03",
        "nieuwe_termijn_tot": None,
        "door": {"naam": naam or who, "id": who, "tijdstip": "2026-10-03T10:00:00+00:00"},
        **basis,
        **extra,
    }


def _results(laptop: SimLaptop) -> list[tuple[str, str | None, str | None]]:
    answer = laptop.client.push(laptop.outbox)
    laptop.outbox = []
    return [(r.status, r.error, r.message) for r in answer.results]


def _laptops(server: LiveServer, office: Database, consultant: str) -> tuple[SimLaptop, SimLaptop]:
    return SimLaptop(enroll(server, office, consultant)), SimLaptop(
        enroll(server, office, consultant)
    )


@pytest.mark.parametrize(
    "text",
    [
        "{a:>300000000}",  # a width: 300 MB per step on the office (finding 1)
        "{a:>1099511627776}",  # 2**40: MemoryError on the office
        "{a:>{b}}",  # the width from a parameter
        "{a.__class__.__mro__}",  # program internals in the shown text
        "{a[0]}",
        "{a!r}",
        "{0}",
        "{x}",  # a name no rule uses
    ],
)
def test_a_step_template_other_than_plain_names_is_refused_without_formatting(
    server: LiveServer, office: Database, consultant: str, text: str
) -> None:
    a, b = _laptops(server, office, consultant)
    case = new_case_id()
    step = {"code": "x", "text": text, "params": {"a": "b", "b": "200000000", "x": "y"}}
    value = {
        "bedrag_cents": 5000,
        "berekend_op": "2026-11-01",
        "stappen": [step] * 20,
        "eerdere": [],
    }
    a.edit(case, {K("overtreding"): OVERTREDING})
    a.sync()
    a.edit(case, {K("voorstel"): value})
    ((status, error, message),) = _results(a)
    assert (status, error) == ("rejected", "invalid_field")
    assert message is not None and K("voorstel") in message and "enforcement step" in message
    b.pull()
    assert K("voorstel") not in b.cases[case]


def test_a_decision_above_its_proposal_or_the_besluit_is_refused(
    server: LiveServer, office: Database, consultant: str
) -> None:
    a, _b = _laptops(server, office, consultant)
    case = new_case_id()
    a.edit(case, {K("overtreding"): OVERTREDING, K("voorstel"): voorstel(5000, "€ 50")})
    a.sync()
    a.edit(case, {K("besluit"): besluit(1_000_000_000, consultant)})  # € 10.000.000
    ((status, error, message),) = _results(a)
    assert (status, error) == ("rejected", "invalid_field")
    assert message is not None and "above its proposal" in message
    # a proposal above the Besluit's maximum (€ 800 for art. 23, lid 3) is refused too
    a.edit(case, {K("voorstel"): voorstel(1_000_000_000, "€ 10.000.000")})
    ((status, _e, message),) = _results(a)
    assert status == "rejected" and message is not None and "statutory maximum" in message
    # a decision without a proposal, or before the violation
    other = new_case_id()
    a.edit(other, {K("overtreding"): OVERTREDING})
    a.sync()
    a.edit(other, {K("besluit"): besluit(5000, consultant)})
    assert "without the proposal" in str(_results(a)[0][2])
    early = {**besluit(5000, consultant), "dagtekening": "2026-09-01"}
    a.edit(other, {K("voorstel"): voorstel(5000, "€ 50"), K("besluit"): early})
    assert "before the violation" in str(_results(a)[0][2])
    a.edit(other, {K("voorstel"): voorstel(5000, "€ 50"), K("besluit"): besluit(5000, consultant)})
    assert _results(a)[0][0] == "applied"


def test_order_of_events_in_a_record_is_checked(
    server: LiveServer, office: Database, consultant: str
) -> None:
    """Finding 7, enforcement part: a term ending before its decision, an afloop without an
    imposed decision or before it."""
    a, _b = _laptops(server, office, consultant)
    case = new_case_id()
    a.edit(case, {K("overtreding"): OVERTREDING})
    a.sync()
    a.edit(case, {K("afloop"): {"status": "onherroepelijk", "op": "2026-12-01"}})
    assert "without an imposed fine" in str(_results(a)[0][2])
    term = besluit(5000, consultant, nieuwe_termijn_tot="2026-10-03")
    a.edit(case, {K("voorstel"): voorstel(5000, "€ 50"), K("besluit"): term})
    assert "new term" in str(_results(a)[0][2])
    a.edit(case, {K("voorstel"): voorstel(5000, "€ 50"), K("besluit"): besluit(5000, consultant)})
    assert _results(a)[0][0] == "applied"
    a.pull()
    a.edit(case, {K("afloop"): {"status": "onherroepelijk", "op": "2026-10-02"}})
    assert "before the decision" in str(_results(a)[0][2])


@pytest.mark.parametrize(
    ("naam", "who"),
    [
        ("\x1b[31mAndere Consulent\x1b[0m\u202e", None),  # ANSI + RLO in the letter (finding 3)
        ("Andere\u0085Consulent", None),  # C1 control
        ("Andere Consulent", "someone-else"),  # a decision "taken by" another consultant
        ("Burgemeester Jansen", None),  # own id, another printed name (attack round 7, #4)
    ],
)
def test_the_decider_is_a_name_and_the_pushing_consultant(
    server: LiveServer, office: Database, consultant: str, naam: str, who: str | None
) -> None:
    a, _b = _laptops(server, office, consultant)
    case = new_case_id()
    a.edit(case, {K("overtreding"): OVERTREDING, K("voorstel"): voorstel(5000, "€ 50")})
    a.sync()
    a.edit(case, {K("besluit"): besluit(5000, who or consultant, naam=naam)})
    ((status, error, message),) = _results(a)
    assert (status, error) == ("rejected", "invalid_field") and K("besluit") in str(message)


@pytest.mark.parametrize("text", ["bij\u202eelkaar", "a\u009b31m", "x\u2066y"])
def test_free_texts_of_a_record_refuse_control_and_direction_characters(
    server: LiveServer, office: Database, consultant: str, text: str
) -> None:
    a, _b = _laptops(server, office, consultant)
    case = new_case_id()
    a.edit(case, {K("overtreding"): {**OVERTREDING, "toelichting": text}})
    assert _results(a)[0][1] == "invalid_field"
    a.edit(case, {K("overtreding"): OVERTREDING})
    a.sync()
    a.edit(
        case,
        {
            K("voorstel"): voorstel(5000, "€ 50"),
            K("besluit"): {**besluit(5000, consultant), "reden": text},
        },
    )
    assert _results(a)[0][1] == "invalid_field"


def test_a_proposal_recomputed_after_the_decision_on_another_laptop_is_refused(
    server: LiveServer, office: Database, consultant: str
) -> None:
    """Finding 14: A decides on € 50; B, offline, changes the culpability and recomputes the
    proposal to € 12,50. The fields do not conflict, but the record would: B did right by
    what it held, so its steps come back as conflicts of the record and the office keeps
    A's (attack round 7, finding 10); once B has seen the decision, refused."""
    a, b = _laptops(server, office, consultant)
    case = new_case_id()
    a.edit(case, {K("overtreding"): OVERTREDING, K("voorstel"): voorstel(5000, "€ 50")})
    a.sync()
    b.pull()
    a.pull()
    basis = _grondslag({"overtreding": OVERTREDING, "voorstel": voorstel(5000, "€ 50")})
    a.edit(case, {K("besluit"): besluit(5000, consultant, grondslag=basis)})
    a.sync()
    b.edit(
        case,
        {
            K("overtreding"): {**OVERTREDING, "verwijtbaarheid": "verminderd"},
            K("voorstel"): voorstel(1250, "€ 12,50", on="2026-10-04"),
        },
    )
    answer = b.client.push(b.outbox)
    b.outbox = []
    (result,) = answer.results
    assert result.status == "conflict"
    assert sorted(c.field_key for c in result.conflicts) == [K("overtreding"), K("voorstel")]
    # the culpability alone, under a decision that rests on it and now seen, is refused
    b.pull()
    b.edit(case, {K("overtreding"): {**OVERTREDING, "verwijtbaarheid": "verminderd"}})
    ((status, _e, message),) = _results(b)
    assert status == "rejected" and "changed after the decision" in str(message)
    a.pull()
    assert a.cases[case][K("voorstel")]["bedrag_cents"] == 5000
    assert a.cases[case][K("overtreding")]["verwijtbaarheid"] == "opzet"


def test_the_two_conflicts_of_one_decision_cannot_be_resolved_to_mixed_sides(
    server: LiveServer, office: Database, consultant: str
) -> None:
    """Finding 15: both laptops decide offline; resolving B's proposal with A's decision is
    refused, one side for the whole record is applied."""
    a, b = _laptops(server, office, consultant)
    case = new_case_id()
    a.edit(case, {K("overtreding"): OVERTREDING})
    a.sync()
    b.pull()
    a.edit(case, {K("voorstel"): voorstel(5000, "€ 50"), K("besluit"): besluit(5000, consultant)})
    a.sync()
    b.edit(
        case, {K("voorstel"): voorstel(1250, "€ 12,50"), K("besluit"): besluit(1250, consultant)}
    )
    assert _results(b)[0][0] == "conflict"
    b.pull()
    assert sorted(c.field_key for c in b.conflicts[case]) == [K("besluit"), K("voorstel")]
    mixed = {K("voorstel"): voorstel(1250, "€ 12,50"), K("besluit"): besluit(5000, consultant)}
    b.edit(case, mixed, resolves=[K("voorstel"), K("besluit")])
    assert _results(b)[0][:2] == ("rejected", "invalid_field")
    # one side alone (B's proposal, A's decision left open) is the same mix
    b.edit(case, {K("voorstel"): voorstel(1250, "€ 12,50")}, resolves=[K("voorstel")])
    assert _results(b)[0][:2] == ("rejected", "invalid_field")
    theirs = {K("voorstel"): voorstel(1250, "€ 12,50"), K("besluit"): besluit(1250, consultant)}
    b.edit(case, theirs, resolves=[K("voorstel"), K("besluit")])
    assert _results(b)[0][0] == "applied"
    a.pull()
    assert a.cases[case][K("besluit")]["bedrag_cents"] == 1250
    assert a.cases[case][K("voorstel")]["bedrag_cents"] == 1250


def _grondslag(steps: dict[str, Any]) -> dict[str, Any]:
    from inburg_desktop.domain.handhaving import grondslag_of

    basis = grondslag_of(steps)
    return {"voorstel_cents": basis.voorstel_cents, "sha256": basis.sha256}


def test_a_refused_creating_op_leaves_no_case_at_the_office(
    server: LiveServer, office: Database, consultant: str
) -> None:
    """Attack round 7, finding 11: the enforcement rule ran after the case row and its
    assignment were added, so a refused creating op left an empty, nameless case on the
    consultant's caseload (pulled by every laptop of theirs)."""
    from sqlalchemy import select

    from inburg_desktop.server.tables import Assignment, CaseRecord

    a, _b = _laptops(server, office, consultant)
    case = new_case_id()
    a.edit(
        case,
        {
            K("overtreding"): OVERTREDING,
            K("voorstel"): voorstel(5000, "€ 50"),
            K("besluit"): besluit(5000, "iemand-anders"),
        },
    )
    ((status, error, _message),) = _results(a)
    assert (status, error) == ("rejected", "invalid_field")
    with office.read() as session:
        assert session.get(CaseRecord, case) is None
        assert session.scalars(select(Assignment).where(Assignment.case_id == case)).all() == []


@pytest.mark.parametrize("replacement", ["erase", "another amount"])
def test_a_decision_the_office_holds_is_not_erased_or_replaced(
    server: LiveServer, office: Database, consultant: str, replacement: str
) -> None:
    """Attack round 7, finding 15: ``besluit: null`` was applied, and a second laptop
    (or, after an assign, another consultant) could record its own decision over it."""
    a, b = _laptops(server, office, consultant)
    case = new_case_id()
    a.edit(case, {K("overtreding"): OVERTREDING, K("voorstel"): voorstel(5000, "€ 50")})
    a.sync()
    basis = _grondslag({"overtreding": OVERTREDING, "voorstel": voorstel(5000, "€ 50")})
    a.edit(case, {K("besluit"): besluit(5000, consultant, grondslag=basis)})
    a.sync()
    b.pull()
    if replacement == "erase":
        b.edit(case, {K("besluit"): None})
    else:
        b.edit(case, {K("besluit"): besluit(2500, consultant, grondslag=basis)})
    ((status, error, message),) = _results(b)
    assert (status, error) == ("rejected", "invalid_field") and K("besluit") in str(message)
