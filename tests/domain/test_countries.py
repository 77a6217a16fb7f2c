"""Nationality codes from the maintained ISO 3166-1 data (pycountry) plus ICAO Doc 9303's
codes, not a hand list; EU/EEA/Swiss membership for the plicht keeps working."""

from __future__ import annotations

import pycountry
import pytest

from inburg_desktop.domain import countries


def test_every_current_iso_country_is_known_and_nothing_else_but_the_extras() -> None:
    iso = {country.alpha_3 for country in pycountry.countries}
    assert len(iso) >= 249
    assert all(countries.is_known(code) for code in iso)
    extras = countries.STATELESS_OR_UNSPECIFIED | {countries.KOSOVO}
    assert all(countries.is_known(code) for code in extras)
    assert not iso & extras


@pytest.mark.parametrize("code", ["QQQ", "AAA", "ANT", "YUG", "SUN", "CSK", "syr", " SYR", ""])
def test_unassigned_withdrawn_or_unnormalised_codes_are_not_known(code: str) -> None:
    assert not countries.is_known(code)


def test_membership_lists_hold_only_current_iso_codes() -> None:
    assert len(countries.EU_MEMBER_STATES) == 27
    assert all(countries.is_iso_alpha3(code) for code in countries.EU_EEA_SWISS)
    assert countries.is_eu_eea_swiss("NOR") and countries.is_eu_eea_swiss("CHE")
    assert not countries.is_eu_eea_swiss("GBR") and not countries.is_eu_eea_swiss("TUR")


@pytest.mark.parametrize(
    ("code", "locale", "name"),
    [
        ("SYR", "nl", "Syrië"),
        ("ERI", "nl", "Eritrea"),
        ("DEU", "nl", "Duitsland"),
        ("XKX", "nl", "Kosovo"),
        ("XXA", "nl", "staatloos"),
        ("SYR", "en", "Syria"),
        ("QQQ", "nl", "QQQ"),
    ],
)
def test_country_names_come_from_cldr(code: str, locale: str, name: str) -> None:
    assert countries.country_name(code, locale) == name


def test_withdrawn_codes_are_named_for_the_message() -> None:
    assert countries.withdrawn_name("ANT") == "Netherlands Antilles"
    assert countries.withdrawn_name("SYR") is None
