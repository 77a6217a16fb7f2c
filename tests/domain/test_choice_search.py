"""One ranking for every search over a list of choices (usability round 3 finding 2):
exact > prefix > word prefix > contains, then the more common (prompt languages first),
then by name; typed text left in a field resolves to an exact or the only match."""

from __future__ import annotations

import pytest

from inburg_desktop.domain.choice_search import Choice, Rank, rank, ranked, resolve

ARABIC = [
    Choice("arq", "Algerian Arabic"),
    Choice("ar", "Arabic", weight=1),
    Choice("ary", "Moroccan Arabic"),
    Choice("arz", "Egyptian Arabic"),
    Choice("jrb", "Judeo-Arabic"),
]
TIGR = [Choice("tig", "Tigre"), Choice("ti", "Tigrinya", weight=2)]
COUNTRIES = [
    Choice("NER", "Niger"),
    Choice("NGA", "Nigeria"),
    Choice("ERI", "Eritrea", aliases=("Eritrea",)),
    Choice("CUW", "Curaçao"),
    Choice("SYR", "Syrië", aliases=("Syria",)),
]

RANKS = [
    pytest.param("Arabic", ARABIC[1], Rank.EXACT, id="the name"),
    pytest.param("ARABIC", ARABIC[1], Rank.EXACT, id="any case"),
    pytest.param("ar", ARABIC[1], Rank.EXACT, id="the code"),
    pytest.param("Arabic (ar)", ARABIC[1], Rank.EXACT, id="the label as the list shows it"),
    pytest.param("syria", COUNTRIES[4], Rank.EXACT, id="the other UI language's name"),
    pytest.param("arab", ARABIC[1], Rank.PREFIX, id="the name begins with it"),
    pytest.param("arab", ARABIC[0], Rank.WORD_PREFIX, id="a word of the name begins"),
    pytest.param("alg ar", ARABIC[0], Rank.WORD_PREFIX, id="each typed word begins one"),
    pytest.param("rab", ARABIC[1], Rank.CONTAINS, id="anywhere in the name"),
    pytest.param("curacao", COUNTRIES[3], Rank.EXACT, id="accents folded"),
    pytest.param("tigre", TIGR[1], None, id="no match"),
    pytest.param("  ", ARABIC[1], None, id="nothing typed"),
]


@pytest.mark.parametrize(("query", "choice", "expected"), RANKS)
def test_rank(query: str, choice: Choice, expected: Rank | None) -> None:
    assert rank(query, choice) == expected


def test_the_exact_name_comes_before_longer_names_that_hold_it() -> None:
    """ "Arabic" + Tab ticked "Algerian Arabic (arq)" while the exact one came second."""
    assert ranked("Arabic", ARABIC)[0].code == "ar"
    assert [c.code for c in ranked("arab", ARABIC)] == ["ar", "arq", "arz", "jrb", "ary"]


def test_within_a_rank_the_common_language_comes_first() -> None:
    """ "Tigr" + Down gave Tigre: Tigrinya is a prompt language (weight), Tigre is not."""
    assert [c.code for c in ranked("Tigr", TIGR)] == ["ti", "tig"]


def test_niger_before_nigeria_for_niger() -> None:
    assert [c.code for c in ranked("niger", COUNTRIES)] == ["NER", "NGA"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Eritrea", "ERI"),  # exact: the tester's Tab
        ("eritrea", "ERI"),
        ("Eritr", "ERI"),  # the only match
        ("niger", "NER"),  # exact wins over the other that begins so
        ("nige", None),  # two match, none exactly: no choice
        ("Atlantis", None),  # none
        ("", None),
    ],
)
def test_resolve(query: str, expected: str | None) -> None:
    found = resolve(query, COUNTRIES)
    assert (found.code if found else None) == expected
