"""One household rule in one place (issue 13, hardening leftovers): ``services.household``
asks ``domain.household.stored_problem``, the rule the office, a pull and a merge apply,
instead of keeping a second copy that drifts (the copy did not check a sender's relation
word, which the domain's rule does)."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain import household as domain
from inburg_desktop.domain.household import Gezinslid, Relatie
from inburg_desktop.services import household as service
from inburg_desktop.services.household import HouseholdRefused, check_members

TODAY = date(2026, 4, 15)
OWN_V = "1234567890"


def test_the_service_keeps_no_rule_of_its_own() -> None:
    """No check of a name, note, date range or V-nummer pattern in the service: the rule
    (and the names it reads them with) lives in domain.household."""
    tree = ast.parse(Path(service.__file__).read_text(encoding="utf-8"))
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    used |= {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    for rule in ("name_problem", "free_text_problem", "FIRST_YEAR", "LAST_YEAR", "_V_NUMMER"):
        assert rule not in used, rule


@pytest.mark.parametrize("word", ["sib\u202eling", "\u200bsibling", "sibling\U0001d159"])
def test_a_senders_relation_word_with_hidden_characters_is_refused_on_save(word: str) -> None:
    """The service's own copy of the rule let these through; the office refused them."""
    members = [Gezinslid(Relatie.OVERIG, sender_relation=word)]
    assert domain.stored_problem(domain.to_stored(members), TODAY) is not None
    with pytest.raises(HouseholdRefused) as refused:
        check_members(members, TODAY)
    assert (refused.value.code, refused.value.member) == ("household_name_hidden", 0)


TEXTS = st.one_of(
    st.none(),
    st.sampled_from(["Sara", "  Omar  ", "عمر حداد", "Had\u202edad", "\u200b", "x" * 201]),
    st.text(max_size=8),
)
MEMBERS = st.builds(
    Gezinslid,
    relatie=st.sampled_from(list(Relatie)),
    naam=TEXTS,
    geboortedatum=st.none() | st.dates(date(1890, 1, 1), date(2030, 1, 1)),
    inburgeringsplichtig=st.none() | st.booleans(),
    v_nummer=st.none() | st.sampled_from([OWN_V, "1111111111", "12345", "V 22222 22222"]),
    notitie=TEXTS,
    sender_relation=st.none() | st.sampled_from(["sibling", "sib\u202eling", "cousin"]),
)


@given(st.lists(MEMBERS, max_size=4))
def test_the_service_refuses_exactly_what_the_domain_rule_refuses(
    members: list[Gezinslid],
) -> None:
    tidy = tuple(service._tidy(m) for m in members)
    expected = domain.stored_problem(domain.to_stored(tidy), TODAY, own_v_nummer=OWN_V)
    try:
        check_members(members, TODAY, own_v_nummer=OWN_V)
    except HouseholdRefused as refused:
        assert expected is not None
        assert (refused.code, refused.member) == (expected.code, expected.member)
    else:
        assert expected is None, expected
