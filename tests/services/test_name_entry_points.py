"""Every place a person's or consultant's name enters applies the one name rule
(``domain.safe_text.name_problem``; attack round 3, finding 5): Nieuw dossier and
Dossiergegevens (``services.case_by_hand``), a handover file (``domain.handover``), the
office's per-field check of a pushed op (``protocol.field_rules``), the consultant's own
name (``services.consulent``) and the account name of an enrollment
(``protocol.messages.consultant_problem``, which the office's admin command uses too).
A name refused at one of them is refused at all, and nothing is stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from inburg_desktop.domain.handover import HandoverError, parse_handover
from inburg_desktop.messages import error_text
from inburg_desktop.protocol.field_rules import FieldRefused, check_field
from inburg_desktop.protocol.messages import consultant_problem
from inburg_desktop.services import case_by_hand
from inburg_desktop.services.consulent import NaamGeweigerd, check_name
from inburg_desktop.storage.vault import OpenVault

from ..domain.test_safe_text_names import (
    LOOK_ALIKES,
    NAMES,
    REFUSED_IN_EVERY_LABEL,
    REFUSED_IN_NAMES_ONLY,
)

REFUSED = (
    [text for text, _code in REFUSED_IN_EVERY_LABEL.values()]
    + list(REFUSED_IN_NAMES_ONLY.values())
    + [text for text, _code in LOOK_ALIKES.values()]
)


def form(family_name: str) -> case_by_hand.PersonForm:
    return case_by_hand.PersonForm(
        given_names="Amal",
        family_name=family_name,
        date_of_birth=date(1990, 3, 12),
        nationality="SYR",
        languages=("ar",),
        doelgroep="gezinsmigrant",
        brp_registration=date(2025, 1, 6),
    )


def _handover(name: str) -> None:
    parse_handover(case_by_hand.handover_document(form(name)))


def _office_op(name: str) -> None:
    check_field("person.family_name", name)


def _consulent(name: str) -> None:
    check_name(name)


def _enrollment(name: str) -> None:
    if consultant_problem(name) is not None:
        raise ValueError(consultant_problem(name))


ENTRIES: dict[str, Callable[[str], None]] = {
    "handover file": _handover,
    "office per-op check": _office_op,
    "consultant's name": _consulent,
    "enrollment account name": _enrollment,
}


@pytest.mark.parametrize("entry", list(ENTRIES))
@pytest.mark.parametrize("name", REFUSED)
def test_every_entry_refuses_what_the_name_rule_refuses(entry: str, name: str) -> None:
    with pytest.raises((HandoverError, FieldRefused, NaamGeweigerd, ValueError)):
        ENTRIES[entry](name)


@pytest.mark.parametrize("entry", list(ENTRIES))
@pytest.mark.parametrize("name", NAMES)
def test_every_entry_takes_the_names_of_every_script(entry: str, name: str) -> None:
    ENTRIES[entry](name)


def test_the_consultants_name_is_refused_naming_the_character() -> None:
    with pytest.raises(NaamGeweigerd) as refused:
        check_name("Haddad\U0001d11e")
    assert "U+1D11E" in error_text(refused.value)
    assert "symbool" in error_text(refused.value)


def test_the_office_says_a_name_character_is_no_part_of_a_name() -> None:
    with pytest.raises(FieldRefused) as refused:
        check_field("person.family_name", "Had\u200cdad")
    assert refused.value.problem == "not_a_name"
    with pytest.raises(FieldRefused) as refused:
        check_field("person.family_name", "Had\u200bdad")
    assert refused.value.problem == "invisible"


@pytest.mark.parametrize("name", ["Had\u200cdad", "Haddad\ufffc", "Haddad\U0001d159"])
def test_nieuw_dossier_and_dossiergegevens_refuse_it_and_store_nothing(
    vault: OpenVault, name: str
) -> None:
    with pytest.raises(HandoverError) as refused:
        case_by_hand.add_case(vault, form(name))
    assert refused.value.key == "person.family_name"
    added = case_by_hand.add_case(vault, form("Haddad"))
    loaded = case_by_hand.load_case(vault, added.case_id)
    with pytest.raises(HandoverError):
        case_by_hand.correct_person(vault, added.case_id, form(name), loaded)
    after = case_by_hand.load_case(vault, added.case_id)
    assert after.case.person.family_name == "Haddad"
