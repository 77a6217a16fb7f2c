"""The letterhead setting: what a municipality may enter, refused with the field named."""

from __future__ import annotations

import base64
import io
from typing import Any

import pytest
from PIL import Image

from inburg_desktop.domain.letterhead import (
    Letterhead,
    LetterheadError,
    letterhead_json,
    letterhead_setting,
    parse_letterhead,
)
from inburg_desktop.domain.logo import MAX_BYTES as MAX_LOGO_BYTES
from inburg_desktop.domain.logo import PNG_MAGIC


def _png(size: tuple[int, int] = (240, 80)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 80, 160)).save(out, format="PNG")
    return out.getvalue()


PNG = _png()
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
        (
            {"logo_base64": base64.b64encode(PNG_MAGIC + b"\x00" * 32).decode()},
            "logo: de afbeelding is beschadigd of onvolledig",
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


def test_the_stored_setting_has_the_logo_decoded_and_re_encoded() -> None:
    """What the office and a laptop store (letterhead_setting): a 3000 × 1000 logo comes
    back as a PNG within the stored box, readable by parse_letterhead; a logo that does
    not decode is refused naming the field, as on the laptop."""
    big = _png((3000, 1000))
    stored = letterhead_setting({**VOORSCHOTEN, "logo_base64": base64.b64encode(big).decode()})
    head = parse_letterhead(stored)
    assert head.logo is not None and head.logo != big
    with Image.open(io.BytesIO(head.logo)) as image:
        assert (image.format, image.size) == ("PNG", (1000, 333))
    assert stored == letterhead_setting(stored)  # storing it again changes nothing
    with pytest.raises(LetterheadError, match="logo: de afbeelding is beschadigd"):
        truncated = base64.b64encode(big[: len(big) // 2]).decode()
        letterhead_setting({**VOORSCHOTEN, "logo_base64": truncated})


def test_an_old_stored_logo_that_no_longer_decodes_can_be_left_out() -> None:
    truncated = base64.b64encode(PNG[: len(PNG) // 2]).decode()
    value = {**VOORSCHOTEN, "logo_base64": truncated}
    with pytest.raises(LetterheadError, match="logo: de afbeelding is beschadigd"):
        parse_letterhead(value)
    head = parse_letterhead(value, bad_logo="omit")
    assert head.logo is None
    assert head.logo_problem == "de afbeelding is beschadigd of onvolledig"
    assert head.postal_address == "Postbus 1, 2250 AA Voorschoten"  # the rest still holds
