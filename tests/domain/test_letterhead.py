"""The letterhead setting: what a municipality may enter, refused with the field named."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from inburg_desktop.domain.letterhead import (
    MAX_LOGO_BYTES,
    PNG_MAGIC,
    Letterhead,
    LetterheadError,
    letterhead_json,
    parse_letterhead,
)

PNG = PNG_MAGIC + b"\x00" * 32  # enough for the header check (drawing is checked later)
VOORSCHOTEN: dict[str, Any] = {
    "name": "Gemeente Voorschoten",
    "college": "het college van burgemeester en wethouders van Voorschoten",
    "address_lines": ["Leidseweg 25", "2253 AB Voorschoten"],
    "postal_address": "Postbus 1, 2250 AA Voorschoten",
    "phone": "14 071",
    "email": "info@voorschoten.nl",
    "website": "www.voorschoten.nl",
}


def test_a_full_letterhead_reads_back_as_written() -> None:
    head = parse_letterhead({**VOORSCHOTEN, "logo_base64": base64.b64encode(PNG).decode()})
    assert head.name == "Gemeente Voorschoten" and not head.is_default
    assert head.address_lines == ("Leidseweg 25", "2253 AB Voorschoten")
    assert head.logo == PNG
    assert parse_letterhead(letterhead_json(head)) == head


def test_the_default_is_the_seed_municipality_and_says_so() -> None:
    head = Letterhead()
    assert head.name == "Gemeente Wassenaar" and head.is_default
    assert parse_letterhead(letterhead_json(head)) == Letterhead(is_default=False)


def test_whitespace_is_tidied_and_empty_address_lines_dropped() -> None:
    head = parse_letterhead(
        {
            **VOORSCHOTEN,
            "name": "  Gemeente   Voorschoten ",
            "address_lines": ["", " Leidseweg 25 "],
        }
    )
    assert head.name == "Gemeente Voorschoten"
    assert head.address_lines == ("Leidseweg 25",)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": ""}, "naam van de gemeente: mag niet leeg zijn"),
        ({"college": "  "}, "namens wie het besluit genomen wordt: mag niet leeg zijn"),
        ({"postal_address": ""}, "postadres voor bezwaar: mag niet leeg zijn"),  # Awb 6:7
        ({"phone": None}, "telefoon: moet tekst zijn"),
        ({"website": "w" * 201}, "website: te lang"),
        ({"address_lines": "Leidseweg 25"}, "bezoekadres: moet een lijst van regels zijn"),
        ({"address_lines": ["a", "b", "c", "d", "e"]}, "bezoekadres: hoogstens 4 regels"),
        ({"logo_base64": "geen base64!"}, "logo: geen geldige base64-tekst"),
        ({"logo_base64": base64.b64encode(b"GIF89a...").decode()}, "logo: geen PNG- of JPEG"),
        (
            {"logo_base64": base64.b64encode(PNG + b"\x00" * MAX_LOGO_BYTES).decode()},
            "logo: groter dan 512 kB",
        ),
        ({"adres": "Leidseweg 25"}, "onbekend veld 'adres'"),
    ],
)
def test_a_bad_value_is_refused_naming_the_field(change: dict[str, Any], message: str) -> None:
    with pytest.raises(LetterheadError, match=message):
        parse_letterhead({**VOORSCHOTEN, **change})


def test_not_an_object_is_refused() -> None:
    with pytest.raises(LetterheadError, match="verwacht een object"):
        parse_letterhead(["Gemeente Voorschoten"])
