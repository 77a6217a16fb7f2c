"""A set-aside field in words, for the consultant ("Apart gezet", the closing message of a
window whose case left) and for office staff (``inburg-office apart-gezet``): its name and
its value as people read them, never a program key or JSON.

A scalar value is one line, ``"label: value"``. A structured value (``pip.current``,
``pip.version.<n>``, ``voortgang.*``, ``handhaving.*``, ``agenda.*``, ``household``) is
one line per part that differs from what the office has (``office_value``; every part
when that is not known), ``"PIP – Taalaanbieder: Taalhuis Leiden"``: a consultant who
typed one provider name finds it, instead of a JSON dump of the whole plan (usability
round 6 #22). :func:`changed_parts` is what a laptop sends the office of such a value:
the differing parts only, by their path (``"beschikking.leerroute_intensiteit.aanbieder"``),
which :func:`describe` reads exactly as it reads the whole value.

The server and the sync client share only ``protocol/`` (import-linter), so the words live
here: Dutch msgids (``N_``) that the laptop translates (``words``) and the office prints
as they are. Dates go through ``day`` (the laptop passes ``formatting.format_date``; the
office shows ``d-m-jjjj``). Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from inburg_desktop.domain.iso_date import parse_iso_date, parse_iso_moment
from inburg_desktop.domain.text import N_

Path = tuple[str | int, ...]

ABSENT: Any = object()
"""``office_value`` when the office's value is not known: every part is described."""

SHORTENED = "…"  # protocol.messages.SHORTENED (not imported: messages imports much more)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
_CODE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)+")


def _same(text: str) -> str:
    return text


def dutch_day(day: date) -> str:
    """A day as office staff read it: ``1-10-2026``."""
    return f"{day.day}-{day.month}-{day.year}"


# --- the names of fields and of their parts ------------------------------------------------

FAMILY_WORDS: dict[str, str] = {
    "pip": N_("PIP"),
    "household": N_("Gezinsleden"),
    "voortgang": N_("Voortgangsgesprek"),
    "handhaving": N_("Handhaving"),
    "agenda": N_("Agenda"),
    "intake": N_("Brede intake"),
    "person": N_("Persoonsgegevens"),
    "dates": N_("Datums"),
    "doelgroep": N_("Doelgroep"),
    "handover": N_("Overdracht van COA"),
}
"""A field's family in words: what names a field the laptop sent no words for."""

PART_WORDS: dict[str, str] = {
    # pip.current / pip.version.<n>
    "leerroute": N_("Leerroute"),
    "leerroute_intensiteit": N_("Leerroute"),
    "uren_per_week": N_("uren per week"),
    "totaal_uren": N_("uren in totaal"),
    "aanbieder": N_("aanbieder"),
    "begeleiding": N_("Begeleiding"),
    "soort": N_("soort"),
    "omschrijving": N_("omschrijving"),
    "pvt": N_("PVT"),
    "map": N_("MAP"),
    "knm": N_("KNM"),
    "uren": N_("uren"),
    "activiteiten": N_("activiteiten"),
    "themas": N_("thema's"),
    "eindgesprek": N_("eindgesprek"),
    "vorm": N_("vorm"),
    "participatie": N_("Participatie"),
    "organisatie": N_("organisatie"),
    "vve": N_("Voorschoolse educatie"),
    "geboortedatum": N_("geboortedatum"),
    "vve_nodig": N_("vve nodig"),
    "afspraak": N_("afspraak"),
    "voorziening": N_("voorziening"),
    "bijstand": N_("Bijstand"),
    "ontzorgen": N_("Ontzorgen"),
    "bijstand_start": N_("start bijstand"),
    "onderdelen": N_("onderdelen"),
    "besluit_datum": N_("datum besluit"),
    "besluit_kenmerk": N_("kenmerk besluit"),
    "verlengd_tot": N_("verlengd tot"),
    "budgettraining": N_("budgettraining"),
    "voortgangsgesprekken": N_("Voortgangsgesprekken"),
    "maanden": N_("in maand"),
    "toelichting": N_("Toelichting"),
    "ontwikkelplan": N_("Ontwikkelplan"),
    "doelen": N_("Doel"),
    "levensdomein": N_("levensdomein"),
    "status": N_("Status"),
    "afspraken": N_("Afspraak"),
    "wie": N_("wie"),
    "wat": N_("wat"),
    "wanneer": N_("wanneer"),
    "bijgewerkt_op": N_("bijgewerkt op"),
    "dagtekening": N_("Dagtekening"),
    "signed_on": N_("Ondertekend op"),
    "reden": N_("Reden van de wijziging"),
    "based_on": N_("Wijziging van versie"),
    "afschaling_a2": N_("Afschaling naar A2"),
    "cursusuren_nt2": N_("Cursusuren NT2"),
    "uitzonderingen": N_("Afwijking"),
    "regel": N_("regel"),
    "grond": N_("grond"),
    "motivering": N_("motivering"),
    "vastgesteld_door": N_("Vastgesteld door"),
    "naam": N_("naam"),
    "consulent_id": N_("consulent"),
    "tijdstip": N_("tijdstip"),
    "nummer": N_("Versie"),
    "version": N_("Versie"),
    "draft_version": N_("Wijziging in voorbereiding (versie)"),
    "created_on": N_("Gemaakt op"),
    "a2_examens": N_("A2-examens"),
    # household
    "relation": N_("relatie"),
    "name": N_("naam"),
    "date_of_birth": N_("geboortedatum"),
    "inburgeringsplichtig": N_("inburgeringsplichtig"),
    "v_nummer": N_("V-nummer"),
    "case_id": N_("dossier"),
    "note": N_("notitie"),
    "sender_relation": N_("relatie volgens COA"),
    # handhaving.<id>.<stap>
    "overtreding": N_("overtreding"),
    "waarschuwing": N_("waarschuwing"),
    "voorstel": N_("voorstel"),
    "besluit": N_("besluit"),
    "afloop": N_("afloop"),
    "vastgesteld_op": N_("vastgesteld op"),
    "verwijtbaarheid": N_("verwijtbaarheid"),
    "bijstand_verlaagd": N_("bijstand al verlaagd"),
    "op": N_("op"),
    "wijze": N_("hoe"),
    "bedrag_cents": N_("bedrag (eurocent)"),
    "berekend_op": N_("berekend op"),
    "stappen": N_("stap"),
    "code": N_("regel"),
    "text": N_("tekst"),
    "params": N_("gegevens"),
    "eerdere": N_("eerdere boete"),
    "opleggen": N_("opleggen"),
    "nieuwe_termijn_tot": N_("nieuwe termijn tot"),
    "nieuwe_termijn": N_("nieuwe termijn"),
    "onherroepelijk_op": N_("onherroepelijk op"),
    "door": N_("door"),
    "id": N_("nummer"),
    # agenda.<kind>:<due>
    "state": N_("stand"),
    "reason": N_("reden"),
    "on": N_("op"),
    "until": N_("tot"),
    "at": N_("gepland op"),
    # voortgang.<n>.*
    "gepland": N_("gepland op"),
    "gehouden": N_("gehouden op"),
    "notities": N_("aantekeningen"),
    "pip_versie": N_("PIP-versie"),
    "stand": N_("stand"),
    "vervolg": N_("afgesproken vervolg"),
    "tevredenheid": N_("tevredenheid"),
}
"""A part of a structured value by its key in words. A key not listed here is shown with
its underscores as spaces, never as it is."""

PATH_WORDS: dict[Path, str] = {
    ("beschikking", "leerroute_intensiteit", "aanbieder"): N_("Taalaanbieder"),
    ("beschikking", "leerroute_intensiteit", "uren_per_week"): N_("Leerroute, uren per week"),
    ("beschikking", "leerroute_intensiteit", "totaal_uren"): N_("Leerroute, uren in totaal"),
    ("beschikking", "pvt", "aanbieder"): N_("PVT-aanbieder"),
    ("beschikking", "map", "aanbieder"): N_("MAP-aanbieder"),
    ("beschikking", "knm", "aanbieder"): N_("KNM-aanbieder"),
}
"""Parts that the editor names as one word ("Taalaanbieder", the PIP editor's label)."""

SKIPPED = frozenset({"beschikking"})
"""Keys that only group parts: the editor has no name for them."""

CODE_WORDS: dict[tuple[str, str], str] = {
    ("leerroute", "b1"): N_("B1-route"),
    ("leerroute", "onderwijs"): N_("onderwijsroute"),
    ("leerroute", "z"): N_("Z-route"),
    ("status", "none"): N_("geen PIP"),
    ("status", "draft"): N_("concept"),
    ("status", "set"): N_("vastgesteld"),
    ("status", "signed"): N_("ondertekend"),
    ("state", "done"): N_("afgehandeld"),
    ("state", "snoozed"): N_("uitgesteld"),
    ("state", "planned"): N_("gepland"),
}
"""Codes that read as something else in words; other codes read with spaces for
underscores (``vrijwilligerswerk``, ``geen opzet of grove schuld``)."""


def _segments(key: object) -> Path:
    """A key of a structured value as path segments: ``"a.0.b"`` is ``("a", 0, "b")``, so
    a value sent as its changed parts (:func:`changed_parts`) reads as the whole."""
    if isinstance(key, int):
        return (key,)
    return tuple(int(part) if part.isdigit() else part for part in str(key).split("."))


def flatten(value: Any, path: Path = ()) -> dict[Path, Any]:
    """Every scalar part of ``value`` (and every empty list or object) by its path; a list
    of scalars is one part."""
    if isinstance(value, Mapping) and value:
        out: dict[Path, Any] = {}
        for key, part in value.items():
            out.update(flatten(part, path + _segments(key)))
        return out
    if isinstance(value, list) and value and not all(_scalar(item) for item in value):
        out = {}
        for index, part in enumerate(value):
            out.update(flatten(part, (*path, index)))
        return out
    return {path: value}


def _parts(value: Any) -> dict[Path, Any]:
    """:func:`flatten`, but nothing at all for an absent or empty value."""
    if value is ABSENT or value is None or value == {} or value == []:
        return {}
    return flatten(value)


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _path_text(path: Path) -> str:
    return ".".join(str(part) for part in path)


def changed_parts(value: Any, office_value: Any = ABSENT) -> Any:
    """What a laptop sends the office of a structured value: ``{path: part}`` of the parts
    that differ from ``office_value`` (a part the office has and this value lacks as
    ``None``); ``value`` itself when it is a scalar, or when there is no office value to
    compare with."""
    if office_value is ABSENT or not isinstance(value, (Mapping, list)):
        return value
    differing = _differing(_parts(value), _parts(office_value))
    return {_path_text(path): part for path, part in differing.items()}


def _differing(mine: dict[Path, Any], theirs: dict[Path, Any]) -> dict[Path, Any]:
    """The parts of ``mine`` that ``theirs`` lacks or holds otherwise, and as ``None`` a
    part ``theirs`` has that ``mine`` lost (not an empty part that ``mine`` filled in:
    its filled parts say that)."""
    out = {path: part for path, part in mine.items() if theirs.get(path, ABSENT) != part}
    for path, part in theirs.items():
        filled = any(other[: len(path)] == path for other in mine)
        if path not in mine and not filled and part not in (None, "", [], {}):
            out[path] = None
    return out


def family_label(key: str) -> str:
    """A field named by its family alone (Dutch msgid), for a field the laptop sent no
    words for: ``"PIP"``, ``"Voortgangsgesprek 2"``, ``"Agenda"``; ``"Gegeven"`` for a key of
    no known family."""
    head, _, rest = key.partition(".")
    words = FAMILY_WORDS.get(head.partition(":")[0])
    if words is None:
        return N_("Gegeven")
    # a talk by its number ("Voortgangsgesprek 2"); a PIP as one (pip.current and
    # pip.version.<n> are two fields of one plan)
    number = rest.split(".")[0] if head == "voortgang" else ""
    return f"{words} {number}" if number.isdigit() else words


def part_label(path: Path, words: Callable[[str], str] = _same) -> str:
    """A part of a structured value in words: ``"Taalaanbieder"``, ``"Begeleiding 1,
    aanbieder"``; never a program key."""
    whole = tuple(part for part in path if not isinstance(part, int))
    if whole in PATH_WORDS and len(whole) == len(path):
        return words(PATH_WORDS[whole])
    shown: list[str] = []
    for part in path:
        if isinstance(part, int):  # the n-th of a list: "Begeleiding 2", a member "2"
            if shown:
                shown[-1] = f"{shown[-1]} {part + 1}"
            else:
                shown.append(str(part + 1))
            continue
        if part in SKIPPED:
            continue
        known = PART_WORDS.get(part)
        shown.append(words(known) if known is not None else part.replace("_", " "))
    return ", ".join(shown)


def value_words(
    value: Any,
    path: Path = (),
    *,
    words: Callable[[str], str] = _same,
    day: Callable[[date], str] = dutch_day,
    number: Callable[[int | float], str] = str,
    moment: Callable[[datetime], str] | None = None,
) -> str:
    """A scalar value (or a list of them) in words: a date as ``day`` shows it, a moment
    as its day and time (or, given ``moment``, as ``moment`` shows the aware time: a
    stored moment without a zone is UTC), a number as ``number`` writes it, yes/no for a
    truth value, a code by :data:`CODE_WORDS` or with spaces for underscores, nothing as
    "(leeg)". A structured value cut short by the laptop (an older laptop sent it so) is
    said to be so, never shown as JSON."""
    if value is None or value == "" or value == [] or value == {}:
        return words(N_("(leeg)"))
    if isinstance(value, bool):
        return words(N_("ja") if value else N_("nee"))
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, list):
        return ", ".join(
            value_words(item, path, words=words, day=day, number=number, moment=moment)
            for item in value
        )
    if isinstance(value, Mapping):
        return "; ".join(
            f"{part_label(sub, words)}: "
            + value_words(part, sub, words=words, day=day, number=number, moment=moment)
            for sub, part in flatten(value).items()
        )
    text = str(value)
    if text[:1] in "{[" and text.endswith(SHORTENED):
        return words(N_("(ingekort meegestuurd; de hele waarde staat in de export van de laptop)"))
    if _DATE.fullmatch(text):
        try:
            return day(parse_iso_date(text))
        except ValueError:
            return text
    at = _MOMENT.fullmatch(text)
    if at is not None:
        try:
            if moment is not None:
                parsed = parse_iso_moment(text)
                return moment(parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC))
            return f"{day(parse_iso_date(at.group(1)))} {at.group(2)}"
        except ValueError:
            return text
    last = next((part for part in reversed(path) if isinstance(part, str)), "")
    coded = CODE_WORDS.get((last, text))
    if coded is not None:
        return words(coded)
    if _CODE.fullmatch(text):
        return text.replace("_", " ")
    return text


def describe(
    label: str,
    value: Any,
    office_value: Any = ABSENT,
    *,
    words: Callable[[str], str] = _same,
    day: Callable[[date], str] = dutch_day,
) -> list[str]:
    """A set-aside field as lines of ``"label: value"`` (see the module): ``label`` is the
    field's name in words (the laptop's, or :func:`family_label`); a structured ``value``
    gives one line per part that differs from ``office_value`` ("PIP – Taalaanbieder:
    Taalhuis Leiden"), a scalar one line. A structured value equal to the office's gives
    no line: nothing of it was changed."""
    if not isinstance(value, (Mapping, list)) or (
        isinstance(value, list) and all(_scalar(item) for item in value)
    ):
        return [f"{label}: {value_words(value, words=words, day=day)}"]
    parts = _parts(value)
    if office_value is not ABSENT:
        parts = _differing(parts, _parts(office_value))
    if not parts:  # nothing of it changed (a PIP's pointer beside its changed version)
        return []
    lines = []
    for path, part in parts.items():
        name = part_label(path, words)
        shown = value_words(part, path, words=words, day=day)
        lines.append(f"{label} – {name}: {shown}" if name else f"{label}: {shown}")
    return lines
