"""Every place a person's name enters stores it in NFC (``domain.safe_text.person_name``;
attack round 6, finding 9): a name typed with e + U+0301 (a macOS file, some keyboards)
is the same name as with é, on the laptop as on the office."""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.household import Gezinslid, Relatie
from inburg_desktop.services import case_by_hand, consulent
from inburg_desktop.services import household as household_service
from inburg_desktop.services.sync_round import same_person
from inburg_desktop.storage.sync_state import set_setting
from inburg_desktop.storage.vault import OpenVault

from .test_name_entry_points import form

COMPOSED = "Jos\u00e9 N\u00fa\u00f1ez"
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)


def test_the_two_spellings_differ_as_text() -> None:
    from inburg_desktop.domain.safe_text import person_name  # new with this rule

    assert DECOMPOSED != COMPOSED and person_name(DECOMPOSED) == COMPOSED


def test_the_consultants_own_name_is_stored_composed(vault: OpenVault) -> None:
    assert consulent.check_name(f"  {DECOMPOSED} ") == COMPOSED


def test_a_name_stored_before_reads_composed(vault: OpenVault) -> None:
    with vault.transaction() as session:
        set_setting(session, consulent.NAAM_SETTING, DECOMPOSED)
    with vault.session() as session:
        assert consulent.current(session).naam == COMPOSED


def test_nieuw_dossier_and_dossiergegevens_store_the_names_composed(vault: OpenVault) -> None:
    added = case_by_hand.add_case(vault, form(DECOMPOSED))
    loaded = case_by_hand.load_case(vault, added.case_id)
    assert loaded.case.person.family_name == COMPOSED
    other = form("Haddad")
    other = dataclasses.replace(other, given_names=DECOMPOSED)
    case_by_hand.correct_person(vault, added.case_id, other, loaded)
    assert case_by_hand.load_case(vault, added.case_id).case.person.given_names == COMPOSED


def test_a_household_member_is_stored_composed(vault: OpenVault) -> None:
    added = case_by_hand.add_case(vault, form("Haddad"))
    member = Gezinslid(Relatie.PARTNER, naam=DECOMPOSED, geboortedatum=date(1990, 1, 1))
    household_service.save(vault, added.case_id, [member], date(2026, 11, 30))
    _stored, view = household_service.load(vault, added.case_id)
    assert [m.naam for m in view.members] == [COMPOSED]


def test_an_enrollment_name_is_the_same_person_however_typed() -> None:
    assert same_person(DECOMPOSED, COMPOSED.upper())
    assert not same_person(COMPOSED, "Jose Nunez")


@given(st.text(max_size=30))
def test_a_name_and_its_key_are_normalised_and_stable(text: str) -> None:
    from inburg_desktop.domain.safe_text import name_key, person_name  # new with this rule

    name = person_name(text)
    assert unicodedata.is_normalized("NFC", name)
    assert person_name(name) == name
    assert name_key(unicodedata.normalize("NFD", text)) == name_key(text)
