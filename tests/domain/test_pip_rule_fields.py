"""Which field of the beschikking each PIP rule is about (``pip_rules.RULE_FIELDS``), so
the editor flags the field as the consultant edits (usability round 4, finding 11: a
route changed to the Z-route kept the B1-route's KNM exam unflagged until "vaststellen").

Every rule about the beschikking names a field that exists; the Z-route case of the
finding flags the KNM (a refusal, Besluit art. 3.14) and the participation hours (a
deviation the Besluit allows with a ground, art. 3.14); a quoted rule renders in the
language of the reason that quotes it."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest

from inburg_desktop.domain.pip import Beschikking, Knm, KnmVorm, PipHistory
from inburg_desktop.domain.pip_rules import (
    RULE_FIELDS,
    FieldProblem,
    check_setting,
    problems_by_field,
)
from inburg_desktop.domain.text import ReasonText

from .test_pip_rules import COMPLETE_B1, COMPLETE_Z, PIP_DAY, SH, Z, _all_reasons

# The rules about the decision as a whole, not about one of its fields.
WHOLE_DECISION = {
    "not_plichtig",  # Wet art. 15 lid 1: the person, not the beschikking
    "exception_unmotivated",  # shown with the deviation it answers (Afwijken)
    "proposal_not_draft",
    "wrong_base",
    "before_previous",
    "termijn_moved",  # Wet art. 11
    "no_reason",  # Awb art. 3:46: the amendment's reason, above the form
    "a2_only_b1",  # Besluit art. 5.5: the amendment's "Afschalen naar A2", above the form
    "a2_onderwijsroute",
    "a2_before_600_hours",
}
FIELD_NAMES = {f.name for f in fields(Beschikking)} | {"pvt_activiteiten"}


def test_every_rule_names_fields_that_exist() -> None:
    codes = {reason.code for reason in _all_reasons()}
    assert codes - WHOLE_DECISION <= set(RULE_FIELDS)
    for code, names in RULE_FIELDS.items():
        assert names and set(names) <= FIELD_NAMES, code


@pytest.mark.parametrize(
    ("route_change", "field", "code", "blocking"),
    [
        # Besluit art. 3.14: in the Z-route KNM ends with the eindgesprek, not an exam
        ({"leerroute": Z}, "knm", "knm_z_eindgesprek", True),
        # Besluit art. 3.14 lid 6, 8 and 9: fewer than 800 participation hours, with a ground
        ({"leerroute": Z}, "participatie", "z_participation_hours", False),
        # Wet art. 7: the B1-route ends KNM with the exam at DUO
        ({"knm": Knm(KnmVorm.EINDGESPREK)}, "knm", "knm_exam", True),
    ],
)
def test_the_finding_s_cases_are_flagged_at_their_field(
    route_change: dict[str, object], field: str, code: str, blocking: bool
) -> None:
    history = PipHistory()
    draft = history.new_draft(replace(COMPLETE_B1, **route_change), PIP_DAY)  # type: ignore[arg-type]
    check = check_setting(history, draft, SH, PIP_DAY, 0, plichtig=True, chosen_route=None)
    problems = problems_by_field(check)
    assert [(p.reason.code, p.blocking) for p in problems[field]] == [(code, blocking)]


def test_a_complete_z_route_flags_nothing() -> None:
    history = PipHistory()
    draft = history.new_draft(COMPLETE_Z, PIP_DAY)
    check = check_setting(history, draft, SH, PIP_DAY, 0, plichtig=True, chosen_route=None)
    assert problems_by_field(check) == {}


def test_a_refusal_comes_before_a_warning_at_the_same_field() -> None:
    history = PipHistory()
    # the B1-route's values under a Z-route: refusals (KNM) and warnings (hours) together
    draft = history.new_draft(replace(COMPLETE_B1, leerroute=Z), PIP_DAY)
    check = check_setting(history, draft, SH, PIP_DAY, 0, plichtig=True, chosen_route=None)
    for problems in problems_by_field(check).values():
        flags = [p.blocking for p in problems]
        assert flags == sorted(flags, reverse=True)
        assert all(isinstance(p, FieldProblem) for p in problems)


def test_a_quoted_rule_is_rendered_in_the_language_of_the_quote() -> None:
    history = PipHistory()
    draft = history.new_draft(replace(COMPLETE_B1, leerroute=Z), PIP_DAY)
    check = check_setting(history, draft, SH, PIP_DAY, 0, plichtig=True, chosen_route=None)
    (unmotivated,) = [r for r in check.refusals if r.code == "exception_unmotivated"]
    assert isinstance(unmotivated.params["rule"], ReasonText)
    # a "translation" that is easy to recognise: the quoted rule goes through it too
    marked = unmotivated.render(lambda text: f"«{text}»")
    assert marked.count("«") == 2 and marked.endswith("»»")
