"""The warme-overdracht handover file ``inburg-handover/1`` (INTERFACES.md).

Parsing is all or nothing: the first missing or bad value raises :class:`HandoverError`
naming its key (dotted, e.g. ``person.date_of_birth``). Unknown keys are kept as notes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inburg_desktop.domain.case import CaseDates, Doelgroep, Inburgeraar

FORMAT = "inburg-handover/1"
MAX_BYTES = 1_000_000
_ALPHA3 = re.compile(r"[A-Z]{3}")
# BCP 47, loosely: a 2–3 letter primary subtag (or 4–8), then alphanumeric subtags.
_BCP47 = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_V_NUMMER = re.compile(r"[0-9]{10}")
_BSN = re.compile(r"[0-9]{9}")
_MAX_TEXT = 10_000
KNOWN_PERSON_KEYS = {
    "v_nummer",
    "bsn",
    "given_names",
    "family_name",
    "date_of_birth",
    "nationality",
    "languages",
    "preferred_language",
}
KNOWN_TOP_KEYS = {"format", "source", "person", "doelgroep", "dates", "household", "notes"}
DATE_KEYS = ("koppeling", "brp_registration", "duo_kennisgeving", "bijstand_start")


class HandoverError(ValueError):
    """A handover file that cannot be imported; ``key`` names the offending field."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"{key}: {problem}")
        self.key = key
        self.problem = problem


@dataclass(frozen=True)
class HouseholdMember:
    relation: str
    date_of_birth: date | None
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Handover:
    source: str
    person: Inburgeraar
    doelgroep: Doelgroep
    dates: CaseDates
    household: tuple[HouseholdMember, ...]
    notes: Mapping[str, str]


def parse_handover_bytes(data: bytes) -> Handover:
    """Parse a handover file's bytes (UTF-8 JSON)."""
    if len(data) > MAX_BYTES:
        raise HandoverError("(bestand)", f"groter dan {MAX_BYTES // 1000} kB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HandoverError("(bestand)", "geen geldige UTF-8-tekst") from exc
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise HandoverError("(bestand)", "geen geldige JSON") from exc
    return parse_handover(doc)


def parse_handover(doc: object) -> Handover:
    """Validate a decoded handover document."""
    top = _mapping(doc, "(bestand)")
    fmt = top.get("format")
    if fmt is None:
        raise HandoverError("format", "ontbreekt")
    if fmt != FORMAT:
        raise HandoverError("format", f"verwacht {FORMAT!r}")
    source = _opt_text(top, "source", "source") or "onbekend"
    person_doc = _mapping(_required(top, "person", "person"), "person")
    person = Inburgeraar(
        given_names=_text(person_doc, "given_names", "person.given_names"),
        family_name=_text(person_doc, "family_name", "person.family_name"),
        date_of_birth=_date(
            _required(person_doc, "date_of_birth", "person.date_of_birth"),
            "person.date_of_birth",
        ),
        nationality=_nationality(person_doc),
        languages=_languages(person_doc),
        preferred_language=_language(person_doc, "preferred_language"),
        v_nummer=_pattern(person_doc, "v_nummer", _V_NUMMER, "tien cijfers"),
        bsn=_pattern(person_doc, "bsn", _BSN, "negen cijfers"),
    )
    doelgroep_raw = _required(top, "doelgroep", "doelgroep")
    try:
        doelgroep = Doelgroep(doelgroep_raw)
    except (ValueError, TypeError) as exc:
        allowed = ", ".join(d.value for d in Doelgroep)
        raise HandoverError("doelgroep", f"moet een van {allowed} zijn") from exc
    dates_doc = _mapping(_required(top, "dates", "dates"), "dates")
    parsed: dict[str, date | None] = {}
    for key in DATE_KEYS:
        raw = dates_doc.get(key)
        if raw is None and key == "brp_registration":
            raise HandoverError("dates.brp_registration", "ontbreekt")
        parsed[key] = None if raw is None else _date(raw, f"dates.{key}")
    brp = parsed["brp_registration"]
    assert brp is not None
    dates = CaseDates(
        brp_registration=brp,
        koppeling=parsed["koppeling"],
        duo_kennisgeving=parsed["duo_kennisgeving"],
        bijstand_start=parsed["bijstand_start"],
    )
    if person.date_of_birth > brp:
        raise HandoverError("person.date_of_birth", "ligt na de BRP-inschrijving")
    return Handover(
        source=source,
        person=person,
        doelgroep=doelgroep,
        dates=dates,
        household=_household(top.get("household")),
        notes=_notes(top, person_doc, dates_doc),
    )


def _required(doc: Mapping[str, Any], key: str, path: str) -> Any:
    if key not in doc or doc[key] is None:
        raise HandoverError(path, "ontbreekt")
    return doc[key]


def _mapping(value: object, path: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise HandoverError(path, "moet een object zijn")
    return value


def _text(doc: Mapping[str, Any], key: str, path: str) -> str:
    value = _required(doc, key, path)
    if not isinstance(value, str) or not value.strip():
        raise HandoverError(path, "moet niet-lege tekst zijn")
    if len(value) > 200 or any(ord(c) < 32 for c in value):
        raise HandoverError(path, "te lang of bevat stuurtekens")
    return value.strip()


def _opt_text(doc: Mapping[str, Any], key: str, path: str) -> str | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 200:
        raise HandoverError(path, "moet tekst zijn")
    return value


def _date(value: object, path: str) -> date:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise HandoverError(path, "moet een datum zijn als JJJJ-MM-DD")
    try:
        parsed = date.fromisoformat(value)
    except ValueError as exc:
        raise HandoverError(path, "bestaat niet als datum") from exc
    if not 1900 <= parsed.year <= 2100:
        raise HandoverError(path, "valt buiten 1900–2100")
    return parsed


def _nationality(doc: Mapping[str, Any]) -> str:
    value = _required(doc, "nationality", "person.nationality")
    if not isinstance(value, str) or not _ALPHA3.fullmatch(value):
        raise HandoverError("person.nationality", "moet een ISO 3166-1 alpha-3 code zijn")
    return value


def _language(doc: Mapping[str, Any], key: str) -> str | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not _BCP47.fullmatch(value) or len(value) > 35:
        raise HandoverError(f"person.{key}", "moet een BCP 47-taalcode zijn")
    return value


def _languages(doc: Mapping[str, Any]) -> tuple[str, ...]:
    value = doc.get("languages", [])
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > 20:
        raise HandoverError("person.languages", "moet een lijst van taalcodes zijn")
    out = []
    for i, tag in enumerate(value):
        if not isinstance(tag, str) or not _BCP47.fullmatch(tag) or len(tag) > 35:
            raise HandoverError(f"person.languages[{i}]", "moet een BCP 47-taalcode zijn")
        out.append(tag)
    return tuple(out)


def _pattern(doc: Mapping[str, Any], key: str, pattern: re.Pattern[str], what: str) -> str | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise HandoverError(f"person.{key}", f"moet {what} zijn")
    return value


def _household(value: object) -> tuple[HouseholdMember, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > 50:
        raise HandoverError("household", "moet een lijst zijn")
    members = []
    for i, item in enumerate(value):
        path = f"household[{i}]"
        doc = _mapping(item, path)
        relation = doc.get("relation")
        if not isinstance(relation, str) or not relation or len(relation) > 50:
            raise HandoverError(f"{path}.relation", "moet tekst zijn")
        dob_raw = doc.get("date_of_birth")
        dob = None if dob_raw is None else _date(dob_raw, f"{path}.date_of_birth")
        extra = {
            k: _note_text(v, f"{path}.{k}")
            for k, v in doc.items()
            if k not in ("relation", "date_of_birth")
        }
        members.append(HouseholdMember(relation, dob, extra))
    return tuple(members)


def _note_text(value: object, path: str) -> str:
    if isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError, RecursionError) as exc:
            raise HandoverError(path, "onleesbare waarde") from exc
    if len(text) > _MAX_TEXT:
        raise HandoverError(path, "te lang")
    return text


def _notes(
    top: Mapping[str, Any], person: Mapping[str, Any], dates: Mapping[str, Any]
) -> dict[str, str]:
    """Notes plus every unknown key, kept as text (INTERFACES.md: never an error)."""
    notes: dict[str, str] = {}
    raw = top.get("notes")
    if raw is not None:
        for key, value in _mapping(raw, "notes").items():
            notes[str(key)[:100]] = _note_text(value, f"notes.{key}")
    for key, value in top.items():
        if key not in KNOWN_TOP_KEYS:
            notes[f"extra.{key}"[:100]] = _note_text(value, key)
    for key, value in person.items():
        if key not in KNOWN_PERSON_KEYS:
            notes[f"extra.person.{key}"[:100]] = _note_text(value, f"person.{key}")
    for key, value in dates.items():
        if key not in DATE_KEYS:
            notes[f"extra.dates.{key}"[:100]] = _note_text(value, f"dates.{key}")
    return notes
