"""When two names are one person's (``domain.safe_text.name_key``; attack round 7, finding
4, and round 8, finding 12): the form of a name (NFC or NFD, case, white space of any
kind) never tells two people apart, its letters always do. The office compares a
decision's printed decider to its consultant by this key (``protocol.decider``), and an
enrollment keeps a decision's printed name when it is the account's in another form
(``services.decider_attribution``)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from inburg_desktop.domain.safe_text import name_key
from inburg_desktop.protocol.decider import decider_problem

NAMES = st.text(alphabet=st.characters(categories=("L", "M", "Zs")), min_size=1, max_size=16)
SPACES = st.sampled_from([" ", "  ", "\t", "\u00a0", "\u2002", "\u3000", " \n "])


@settings(max_examples=500, deadline=None)
@given(NAMES)
@example("ᾶ")  # case folding decomposes it: the key was not in NFC
@example("İstanbul")
def test_the_key_is_its_own_key_in_nfc_whatever_the_form(name: str) -> None:
    key = name_key(name)
    assert name_key(key) == key
    assert unicodedata.is_normalized("NFC", key)
    for form in ("NFC", "NFD"):
        assert name_key(unicodedata.normalize(form, name)) == key
    assert name_key(name.casefold()) == key


@settings(max_examples=300, deadline=None)
@given(st.lists(NAMES.filter(lambda w: w.split() == [w]), min_size=1, max_size=4), SPACES)
def test_white_space_of_any_kind_and_width_is_one_space(words: list[str], space: str) -> None:
    assert name_key(f" {space.join(words)}{space}") == name_key(" ".join(words))


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("José Ruiz", "JOSÉ  RUIZ", True),  # case and spacing
        ("José Ruiz", unicodedata.normalize("NFD", "josé ruiz"), True),  # how é was typed
        ("Sanne de Vries", "sanne\u00a0de vries", True),  # a no-break space
        ("Straße", "STRASSE", True),  # case folding of ß
        ("José Ruiz", "Jose Ruiz", False),  # an accent is a letter
        ("Işık", "Isik", False),  # the dotless ı is a letter of its own
        ("Jansen", "Janssen", False),
        ("Jansen", "Ｊａｎｓｅｎ", False),  # fullwidth: the name rule refuses it anyway
    ],
)
def test_the_form_never_tells_two_people_apart_and_the_letters_always_do(
    one: str, other: str, same: bool
) -> None:
    assert (name_key(one) == name_key(other)) is same
    door = {"id": "José Ruiz", "naam": other}
    # the office's own comparison of a printed decider follows the key
    assert (decider_problem(door, "José Ruiz") is None) is (
        name_key(other) == name_key("José Ruiz")
    )
