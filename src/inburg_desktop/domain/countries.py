"""Nationality codes and which of them the inburgeringsplicht spares.

A nationality is an ISO 3166-1 alpha-3 code of a current country, taken from the
maintained ISO data that ``pycountry`` ships (not a hand list that misses a country or
accepts an unassigned code), or one of the codes ICAO Doc 9303 (Machine Readable Travel
Documents, part 3) prints on travel documents of people without a nationality: ``XXA``
stateless, ``XXB`` refugee under the 1951 Convention, ``XXC`` other refugee, ``XXX``
unspecified. ``XKX``, the code the European Commission uses for Kosovo (which ISO 3166-1
does not list), is accepted too, so a Kosovar newcomer can be registered.

Nationals of the EU, the other EEA states (Iceland, Liechtenstein, Norway) and Switzerland
are not inburgeringsplichtig (Wet inburgering 2021 art. 3; seed, "Veelgebruikte termen").
The United Kingdom left the EU on 2020-01-31 and is not in the list. Membership is law, not
ISO data, so those lists stay here; a test checks each code against the ISO list.
"""

from __future__ import annotations

import re
from functools import cache

import pycountry
from babel import Locale, UnknownLocaleError

EU_MEMBER_STATES: frozenset[str] = frozenset(
    {
        "AUT",  # Oostenrijk
        "BEL",  # België
        "BGR",  # Bulgarije
        "HRV",  # Kroatië
        "CYP",  # Cyprus
        "CZE",  # Tsjechië
        "DNK",  # Denemarken
        "EST",  # Estland
        "FIN",  # Finland
        "FRA",  # Frankrijk
        "DEU",  # Duitsland
        "GRC",  # Griekenland
        "HUN",  # Hongarije
        "IRL",  # Ierland
        "ITA",  # Italië
        "LVA",  # Letland
        "LTU",  # Litouwen
        "LUX",  # Luxemburg
        "MLT",  # Malta
        "NLD",  # Nederland
        "POL",  # Polen
        "PRT",  # Portugal
        "ROU",  # Roemenië
        "SVK",  # Slowakije
        "SVN",  # Slovenië
        "ESP",  # Spanje
        "SWE",  # Zweden
    }
)

EEA_NON_EU: frozenset[str] = frozenset({"ISL", "LIE", "NOR"})
SWITZERLAND = "CHE"
NETHERLANDS = "NLD"
TURKEY = "TUR"

EU_EEA_SWISS: frozenset[str] = EU_MEMBER_STATES | EEA_NON_EU | {SWITZERLAND}

# ICAO Doc 9303 part 3 codes for people without a (known) nationality, with Dutch names.
STATELESS_OR_UNSPECIFIED_NAMES: dict[str, str] = {
    "XXA": "staatloos",
    "XXB": "vluchteling (Vluchtelingenverdrag 1951)",
    "XXC": "vluchteling (overig)",
    "XXX": "nationaliteit onbekend",
}
STATELESS_OR_UNSPECIFIED: frozenset[str] = frozenset(STATELESS_OR_UNSPECIFIED_NAMES)
KOSOVO = "XKX"  # user-assigned; ISO 3166-1 has no code for Kosovo
_ALPHA2_OF_EXTRA = {KOSOVO: "XK"}  # CLDR's region code, for the country's name

_ALPHA3 = re.compile(r"[A-Z]{3}")


@cache
def _iso_alpha3_to_alpha2() -> dict[str, str]:
    """Every current ISO 3166-1 country, alpha-3 to alpha-2 (pycountry's ISO data)."""
    return {country.alpha_3: country.alpha_2 for country in pycountry.countries}


def known_codes() -> list[str]:
    """Every code :func:`is_known` accepts: the current ISO 3166-1 countries, Kosovo and
    the ICAO codes for people without a nationality."""
    return [*_iso_alpha3_to_alpha2(), KOSOVO, *STATELESS_OR_UNSPECIFIED_NAMES]


def normalise(code: str) -> str:
    """``code`` without surrounding blanks, in upper case (``" syr "`` → ``"SYR"``)."""
    return code.strip().upper()


def is_plausible_alpha3(code: str) -> bool:
    """True when ``code`` is exactly three upper-case ASCII letters (not normalised)."""
    return _ALPHA3.fullmatch(code) is not None


def is_iso_alpha3(code: str) -> bool:
    """True when ``code`` is the ISO 3166-1 alpha-3 code of a current country."""
    return code in _iso_alpha3_to_alpha2()


def is_known(code: str) -> bool:
    """True when ``code`` can be a nationality: a current ISO 3166-1 alpha-3 code, an ICAO
    Doc 9303 code for stateless, refugee or unspecified, or ``XKX`` (Kosovo). Exact: no
    blanks or lower case (see :func:`normalise`)."""
    return is_iso_alpha3(code) or code in STATELESS_OR_UNSPECIFIED or code == KOSOVO


def withdrawn_name(code: str) -> str | None:
    """The English name of a withdrawn ISO 3166 code (``"ANT"``: Netherlands Antilles),
    for a message that explains why it is refused; None for any other code."""
    if not is_plausible_alpha3(code):
        return None
    country = pycountry.historic_countries.get(alpha_3=code)
    return None if country is None else str(country.name)


def country_name(code: str, locale: str = "nl") -> str:
    """The country's name in ``locale`` (CLDR through Babel): ``"SYR"`` → ``"Syrië"``;
    the ICAO codes get a Dutch description; an unknown code is returned as it is."""
    if code in STATELESS_OR_UNSPECIFIED_NAMES and locale.startswith("nl"):
        return STATELESS_OR_UNSPECIFIED_NAMES[code]
    alpha2 = _iso_alpha3_to_alpha2().get(code) or _ALPHA2_OF_EXTRA.get(code)
    if alpha2 is None:
        return code
    try:
        names = Locale.parse(locale.replace("-", "_")).territories
    except (UnknownLocaleError, ValueError):
        return code
    return str(names.get(alpha2, code))


def is_eu_eea_swiss(code: str) -> bool:
    """True for nationals of the EU 27, Iceland, Liechtenstein, Norway or Switzerland."""
    return code in EU_EEA_SWISS
