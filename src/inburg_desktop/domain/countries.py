"""Nationality codes (ISO 3166-1 alpha-3) and which of them the inburgeringsplicht spares.

Nationals of the EU, the other EEA states (Iceland, Liechtenstein, Norway) and Switzerland
are not inburgeringsplichtig (Wet inburgering 2021 art. 3; seed, "Veelgebruikte termen").
The United Kingdom left the EU on 2020-01-31 and is not in the list.
"""

from __future__ import annotations

import re

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

# ICAO Doc 9303 codes found on travel documents of people without a nationality.
STATELESS_OR_UNSPECIFIED: frozenset[str] = frozenset(
    {
        "XXA",  # stateless person
        "XXB",  # refugee (1951 Convention)
        "XXC",  # refugee (other)
        "XXX",  # unspecified nationality
    }
)

# A small set of codes the app knows by sight, beyond the EU/EEA/Swiss ones: common
# countries of origin of statushouders and gezinsmigranten. Not exhaustive; a plausible
# code outside it is accepted.
COMMON_ORIGIN_CODES: frozenset[str] = frozenset(
    {
        "AFG",  # Afghanistan
        "ARM",  # Armenië
        "BRA",  # Brazilië
        "CHN",  # China
        "COL",  # Colombia
        "EGY",  # Egypte
        "ERI",  # Eritrea
        "ETH",  # Ethiopië
        "GBR",  # Verenigd Koninkrijk
        "IDN",  # Indonesië
        "IND",  # India
        "IRN",  # Iran
        "IRQ",  # Irak
        "JOR",  # Jordanië
        "LBN",  # Libanon
        "LBY",  # Libië
        "MAR",  # Marokko
        "NGA",  # Nigeria
        "PAK",  # Pakistan
        "PHL",  # Filipijnen
        "PSE",  # Palestina
        "RUS",  # Rusland
        "SDN",  # Soedan
        "SOM",  # Somalië
        "SSD",  # Zuid-Soedan
        "SRB",  # Servië
        "SUR",  # Suriname
        "SYR",  # Syrië
        "THA",  # Thailand
        "TUN",  # Tunesië
        "TUR",  # Turkije
        "UKR",  # Oekraïne
        "USA",  # Verenigde Staten
        "VEN",  # Venezuela
        "YEM",  # Jemen
    }
)

KNOWN_CODES: frozenset[str] = EU_EEA_SWISS | STATELESS_OR_UNSPECIFIED | COMMON_ORIGIN_CODES

_ALPHA3 = re.compile(r"[A-Z]{3}")


def normalise(code: str) -> str:
    """``code`` without surrounding blanks, in upper case (``" syr "`` → ``"SYR"``)."""
    return code.strip().upper()


def is_plausible_alpha3(code: str) -> bool:
    """True when ``code`` is exactly three upper-case ASCII letters (not normalised)."""
    return _ALPHA3.fullmatch(code) is not None


def is_known(code: str) -> bool:
    """True when ``code`` is in the app's small list of known codes."""
    return code in KNOWN_CODES


def is_eu_eea_swiss(code: str) -> bool:
    """True for nationals of the EU 27, Iceland, Liechtenstein, Norway or Switzerland."""
    return code in EU_EEA_SWISS
