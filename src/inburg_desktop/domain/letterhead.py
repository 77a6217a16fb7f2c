"""The municipality's letterhead on a PIP: a setting, with the seed's municipality as default.

Stored as a JSON object (in the vault's settings, or published by the office as
``setting.letterhead`` and pulled by every laptop). :func:`letterhead_setting` is what
both the office and a laptop store: the value checked, its text tidied and its logo
decoded in full and re-encoded (``logo.py``). :func:`parse_letterhead` turns a stored
object into a :class:`Letterhead` or raises :class:`LetterheadError` naming the field, so
a bad value is refused when it is entered and never reaches a decision half-applied.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from inburg_desktop.domain.logo import MAX_BYTES as MAX_LOGO_BYTES
from inburg_desktop.domain.logo import MAX_FILE_BYTES as MAX_LOGO_FILE_BYTES
from inburg_desktop.domain.logo import LogoError, normalise_logo, size_text
from inburg_desktop.domain.logo import check_logo as _check_logo
from inburg_desktop.domain.safe_text import label_problem
from inburg_desktop.domain.text import N_, Reason

OFFICE_SETTING = "setting.letterhead"  # as the office publishes it to every laptop
MAX_TEXT = 200


class LetterheadError(ValueError):
    """A letterhead setting that cannot be used: ``field`` (a Dutch msgid naming it, or
    empty) and ``why`` (a Dutch msgid with parameters) are translated at the edge
    (:meth:`text`); ``str()`` is the Dutch "field: why" the office's admin CLI prints."""

    def __init__(self, field: str, problem: str, **params: object) -> None:
        self.field = field
        self.why = Reason.of("letterhead", problem, **params)
        super().__init__(self.text())

    def text(self, translate: Callable[[str], str] = N_) -> str:
        why = self.why.render(translate)
        return f"{translate(self.field)}: {why}" if self.field else why


class LetterheadLogoError(LetterheadError):
    """The logo of a letterhead setting cannot be used; ``reason`` says why (Dutch)."""

    def __init__(self, problem: str, **params: object) -> None:
        super().__init__(LABELS["logo_base64"], problem, **params)

    @classmethod
    def from_logo(cls, exc: LogoError) -> LetterheadLogoError:
        return cls(exc.why.text, **exc.why.params)

    @property
    def reason(self) -> str:
        return self.why.render()


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
    # Why a stored logo is not shown (it no longer decodes); the PIP says so in small print.
    logo_problem: str = ""


# The JSON field names, with the Dutch label a message uses.
LABELS = {
    "name": N_("naam van de gemeente"),
    "college": N_("namens wie het besluit genomen wordt"),
    "address_lines": N_("bezoekadres"),
    "postal_address": N_("postadres voor bezwaar"),
    "phone": N_("telefoon"),
    "email": N_("e-mail"),
    "website": N_("website"),
    "logo_base64": N_("logo"),
}
REQUIRED = ("name", "college", "postal_address", "phone")


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise LetterheadError(LABELS[key], N_("moet tekst zijn"))
    value = " ".join(value.split())
    if len(value) > MAX_TEXT:
        raise LetterheadError(LABELS[key], N_("te lang (hoogstens {most} tekens)"), most=MAX_TEXT)
    if key in REQUIRED and not value:
        raise LetterheadError(LABELS[key], N_("mag niet leeg zijn"))
    if (problem := label_problem(value)) is not None:
        # Printed on every PIP and letter and shown in the office's terminal: no control,
        # direction, invisible or filler characters (attack round 6 #5, the label kind).
        raise LetterheadError(LABELS[key], problem.text, **problem.params)
    return value


def check_logo(data: bytes) -> bytes:
    """The logo's bytes if they are a PNG or JPEG that decodes in full within the caps.

    Raises :class:`LetterheadLogoError` (see :func:`inburg_desktop.domain.logo.decode`).
    """
    try:
        _check_logo(data)
    except LogoError as exc:
        raise LetterheadLogoError.from_logo(exc) from exc
    return data


def _logo_bytes(encoded: object, limit: int) -> bytes:
    """The bytes of ``logo_base64``; a text too long for ``limit`` bytes is not decoded."""
    if not isinstance(encoded, str):
        raise LetterheadLogoError(N_("moet base64-tekst zijn"))
    if len(encoded) > (limit + 2) // 3 * 4:
        raise LetterheadLogoError(N_("groter dan {limit}"), limit=size_text(limit))
    try:
        return base64.b64decode(encoded, validate=True)
    except binascii.Error as exc:
        raise LetterheadLogoError(N_("geen geldige base64-tekst")) from exc


def parse_letterhead(data: object, *, bad_logo: Literal["refuse", "omit"] = "refuse") -> Letterhead:
    """A letterhead from its stored JSON object; unknown keys are an error (a typo loses
    nothing).

    Raises :class:`LetterheadError` naming the field. With ``bad_logo="omit"`` a logo that
    does not decode (a value stored before logos were checked) is left out and its
    problem kept in :attr:`Letterhead.logo_problem`; the text, with the address for
    objections (Awb art. 6:7), is still the municipality's own.
    """
    if not isinstance(data, Mapping):
        raise LetterheadError(N_("briefhoofd"), N_("verwacht een object met velden"))
    unknown = sorted(set(data) - set(LABELS))
    if unknown:
        raise LetterheadError(N_("briefhoofd"), N_("onbekend veld '{key}'"), key=unknown[0])
    lines = data.get("address_lines", [])
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        raise LetterheadError(LABELS["address_lines"], N_("moet een lijst van regels zijn"))
    if len(lines) > 4:
        raise LetterheadError(LABELS["address_lines"], N_("hoogstens 4 regels"))
    address = tuple(" ".join(line.split()) for line in lines if line.strip())
    logo, problem = None, ""
    encoded = data.get("logo_base64")
    if encoded is not None:
        try:
            logo = check_logo(_logo_bytes(encoded, MAX_LOGO_BYTES))
        except LetterheadLogoError as exc:
            if bad_logo == "refuse":
                raise
            problem = exc.reason
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
        logo_problem=problem,
    )


def letterhead_setting(data: object) -> dict[str, Any]:
    """The letterhead setting as the office and a laptop store it.

    ``data`` is the JSON object someone entered; its logo (``logo_base64``, a file of up
    to :data:`MAX_LOGO_FILE_BYTES`) is decoded in full and re-encoded small
    (:func:`inburg_desktop.domain.logo.normalise_logo`), so every laptop that pulls the
    setting can draw it. Raises :class:`LetterheadError` naming the field.
    """
    if isinstance(data, Mapping) and data.get("logo_base64") is not None:
        try:
            logo = normalise_logo(_logo_bytes(data["logo_base64"], MAX_LOGO_FILE_BYTES))
        except LogoError as exc:
            raise LetterheadLogoError.from_logo(exc) from exc
        data = {**data, "logo_base64": base64.b64encode(logo).decode("ascii")}
    return letterhead_json(parse_letterhead(data))


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
