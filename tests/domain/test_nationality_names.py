"""Dutch nationality adjectives: every code is one the case can store."""

from __future__ import annotations

from inburg_desktop.domain import countries
from inburg_desktop.domain.nationality_names import NATIONALITY_NL, nationality_nl


def test_every_code_is_a_known_nationality_code() -> None:
    unknown = [code for code in NATIONALITY_NL if not countries.is_known(code)]
    assert unknown == []


def test_the_adjectives_consultants_search_for() -> None:
    assert nationality_nl("ERI") == "Eritrese"
    assert nationality_nl("syr") == "Syrische"
    assert nationality_nl("AFG") == "Afghaanse"
    assert nationality_nl("ZZZ") is None
