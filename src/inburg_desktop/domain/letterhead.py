"""The municipality's letterhead on a PIP: a setting, with the seed's municipality as default.

Stored as a JSON object (in the vault's settings, or published by the office as
``setting.letterhead`` and pulled by every laptop). :func:`parse_letterhead` turns such an
object into a :class:`Letterhead` or raises :class:`LetterheadError` naming the field, so
a bad value is refused when it is entered and never reaches a decision half-applied.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

OFFICE_SETTING = "setting.letterhead"  # as the office publishes it to every laptop
MAX_LOGO_BYTES = 512 * 1024
MAX_TEXT = 200
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"


class LetterheadError(ValueError):
    """A letterhead setting that cannot be used; the message names the field."""


@dataclass(frozen=True)
class Letterhead:
    """The municipality as the PDF shows it.

    The defaults are for the seed's municipality (Wassenaar). The address and contact
    lines are a plausible *default setting*, not verified: a municipality replaces them
    with its own; while ``is_default`` is true the letterhead says so in small print.
    """

    name: str = "Gemeente Wassenaar"
    college: str = "het college van burgemeester en wethouders van Wassenaar"
    address_lines: tuple[str, ...] = ("Johan de Wittstraat 45", "2242 LV Wassenaar")
    postal_address: str = "Postbus 12, 2240 AA Wassenaar"
    phone: str = "14 070"
    email: str = "gemeente@wassenaar.nl"
    website: str = "www.wassenaar.nl"
    logo: bytes | None = None  # PNG or JPEG
    is_default: bool = True


# The JSON field names, with the Dutch label a message uses.
LABELS = {
    "name": "naam van de gemeente",
    "college": "namens wie het besluit genomen wordt",
    "address_lines": "bezoekadres",
    "postal_address": "postadres voor bezwaar",
    "phone": "telefoon",
    "email": "e-mail",
    "website": "website",
    "logo_base64": "logo",
}
REQUIRED = ("name", "college", "postal_address", "phone")


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise LetterheadError(f"{LABELS[key]}: moet tekst zijn")
    value = " ".join(value.split())
    if len(value) > MAX_TEXT:
        raise LetterheadError(f"{LABELS[key]}: te lang (hoogstens {MAX_TEXT} tekens)")
    if key in REQUIRED and not value:
        raise LetterheadError(f"{LABELS[key]}: mag niet leeg zijn")
    return value


def check_logo(data: bytes) -> bytes:
    """The logo's bytes if they are a PNG or JPEG of acceptable size."""
    if len(data) > MAX_LOGO_BYTES:
        raise LetterheadError(f"logo: groter dan {MAX_LOGO_BYTES // 1024} kB")
    if not (data.startswith(PNG_MAGIC) or data.startswith(JPEG_MAGIC)):
        raise LetterheadError("logo: geen PNG- of JPEG-afbeelding")
    return data


def parse_letterhead(data: object) -> Letterhead:
    """A letterhead from its JSON object; unknown keys are an error (a typo loses nothing)."""
    if not isinstance(data, Mapping):
        raise LetterheadError("briefhoofd: verwacht een object met velden")
    unknown = sorted(set(data) - set(LABELS))
    if unknown:
        raise LetterheadError(f"briefhoofd: onbekend veld {unknown[0]!r}")
    lines = data.get("address_lines", [])
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        raise LetterheadError(f"{LABELS['address_lines']}: moet een lijst van regels zijn")
    if len(lines) > 4:
        raise LetterheadError(f"{LABELS['address_lines']}: hoogstens 4 regels")
    address = tuple(" ".join(line.split()) for line in lines if line.strip())
    logo = None
    encoded = data.get("logo_base64")
    if encoded is not None:
        if not isinstance(encoded, str):
            raise LetterheadError("logo: moet base64-tekst zijn")
        try:
            raw = base64.b64decode(encoded, validate=True)
        except binascii.Error as exc:
            raise LetterheadError("logo: geen geldige base64-tekst") from exc
        logo = check_logo(raw)
    return Letterhead(
        name=_text(data, "name"),
        college=_text(data, "college"),
        address_lines=address,
        postal_address=_text(data, "postal_address"),
        phone=_text(data, "phone"),
        email=_text(data, "email"),
        website=_text(data, "website"),
        logo=logo,
        is_default=False,
    )


def letterhead_json(head: Letterhead) -> dict[str, Any]:
    """The JSON object :func:`parse_letterhead` reads back."""
    data: dict[str, Any] = {
        "name": head.name,
        "college": head.college,
        "address_lines": list(head.address_lines),
        "postal_address": head.postal_address,
        "phone": head.phone,
        "email": head.email,
        "website": head.website,
    }
    if head.logo is not None:
        data["logo_base64"] = base64.b64encode(head.logo).decode("ascii")
    return data
