"""Progress data, ontzorgen and nazorg as case fields: the key scheme, the one check of a
value, and reading the stored values back as the domain's own objects.

Each entry is a flat case field, so it travels through the outbox and the office like
every other field, and a change made on two laptops becomes a conflict of that one entry
(the generic conflict path). Entries that come in numbers (hours, PVT activities, exam
results) have a random id of 12 lowercase hexadecimal digits in their key, so two laptops
adding one each never collide; a removed entry is ``null``.

Family **progress** (Besluit art. 3.1, 3.2, 3.14; Wet art. 7, 15):

=================================  ==========================================================
key                                value
=================================  ==========================================================
``uren.<id>``                      hours a provider reports: ``{"aanbieder": text,
                                   "soort": "nt2"|"knm"|"participatie"|"pvt"|"map",
                                   "van": day, "tot": day, "uren": "12.5",
                                   "tijdens_intake": bool}`` (``voortgang.UrenRegel``,
                                   dated ``tot``)
``pvt.activiteit.<id>``            ``{"omschrijving": text, "datum": day, "uren": "2",
                                   "aanwezig": bool}`` (``voortgang.PvtActiviteit``)
``pvt.ondertekend``                the day the participatieverklaring was signed
``map.thema.<t>``                  the day MAP theme ``t`` (1–8) was finished
``map.eindgesprek``                the day of the MAP eindgesprek
``examen.<id>``                    a result as DUO reports it: ``{"onderdeel":
                                   "lezen"|"luisteren"|"spreken"|"schrijven"|null (KNM),
                                   "niveau": "A1"|"A2"|"B1"|"B2"|null (KNM), "datum": day,
                                   "behaald": bool}`` (``voortgang.ExamenUitslag``)
``zroute.eindgesprek``             the day of the Z-route eindgesprek (Besluit art. 3.14)
=================================  ==========================================================

Family **aftercare** (Participatiewet art. 56a, 57; DOMAIN.md route steps 9 and 11):

=================================  ==========================================================
``ontzorgen.budgettraining``       ``{"gestart_op": day|null, "afgerond_op": day|null,
                                   "aanbieder": text}`` (``aftercare.Budgettraining``)
``ontzorgen.art57``                ``{"datum": day, "kenmerk": text, "van": day,
                                   "tot": day|null}`` (``aftercare.Art57Besluit``)
``nazorg.contact``                 the day of the nazorg contact after the exam
=================================  ==========================================================

A *day* is ``"YYYY-MM-DD"`` in 1900–2100; *text* is one line of 1–200 characters by the
label rule (``safe_text.label_problem``: no control, text-direction or invisible
characters); hours are a decimal text with at most two decimals, more than 0 and at most
24 per day of the range (a PVT activity: one day). Every value may also be ``null``.

:func:`value_problem` is the one check, used by the office and the pull
(``protocol.field_rules``), by the laptop before it pushes, and by the use cases
(``services.progress``, ``services.aftercare``): it returns a stable code, never the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from inburg_desktop.domain.aftercare import AftercareInvalid, Art57Besluit, Budgettraining
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.pip import MAP_THEMES, Examenonderdeel
from inburg_desktop.domain.pip_fields import stored_history
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.safe_text import label_problem
from inburg_desktop.domain.voortgang import (
    ExamenUitslag,
    PvtActiviteit,
    Taalniveau,
    UrenRegel,
    UrenSoort,
    VoortgangInvalid,
)

PROGRESS_PREFIXES = ("uren.", "pvt.", "map.", "examen.", "zroute.")
AFTERCARE_PREFIXES = ("ontzorgen.", "nazorg.")

PVT_ONDERTEKEND = "pvt.ondertekend"
MAP_EINDGESPREK = "map.eindgesprek"
Z_EINDGESPREK = "zroute.eindgesprek"
BUDGETTRAINING = "ontzorgen.budgettraining"
ART57 = "ontzorgen.art57"
NAZORG_CONTACT = "nazorg.contact"

MAX_TEXT = 200
"""Characters of a provider's name, an activity, a kenmerk: the name limit of the case."""
MAX_UREN_PER_DAG = 24

_ID = r"[0-9a-f]{12}"
_UREN_KEY = re.compile(rf"uren\.({_ID})")
_PVT_KEY = re.compile(rf"pvt\.activiteit\.({_ID})")
_EXAMEN_KEY = re.compile(rf"examen\.({_ID})")
_THEMA_KEY = re.compile(r"map\.thema\.([1-9])")
_HOURS = re.compile(r"[0-9]{1,5}(\.[0-9]{1,2})?")
_DAY_KEYS = frozenset({PVT_ONDERTEKEND, MAP_EINDGESPREK, Z_EINDGESPREK, NAZORG_CONTACT})


class ProgressFieldProblem(Problem, ValueError):
    """Why a value cannot be stored under a progress or aftercare field; ``code`` is a key
    of ``inburg_desktop.messages`` (``voortgangsdata_*``), ``params["field"]`` the part."""

    default_code = "voortgangsdata_key_unknown"


def is_progress_field(key: str) -> bool:
    """Whether ``key`` is under a prefix of the progress family."""
    return key.startswith(PROGRESS_PREFIXES)


def is_aftercare_field(key: str) -> bool:
    """Whether ``key`` is under a prefix of the aftercare family."""
    return key.startswith(AFTERCARE_PREFIXES)


def uren_key(entry_id: str) -> str:
    return f"uren.{entry_id}"


def pvt_key(entry_id: str) -> str:
    return f"pvt.activiteit.{entry_id}"


def examen_key(entry_id: str) -> str:
    return f"examen.{entry_id}"


def thema_key(thema: int) -> str:
    return f"map.thema.{thema}"


# --- the check ---------------------------------------------------------------------------


def _day(value: Any, part: str) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise ProgressFieldProblem("voortgangsdata_date_invalid", field=part)
    try:
        day = parse_iso_date(value)
    except ValueError:
        raise ProgressFieldProblem("voortgangsdata_date_invalid", field=part) from None
    if not 1900 <= day.year <= 2100:
        raise ProgressFieldProblem("voortgangsdata_date_range", field=part)
    return day


def _optional_day(value: Any, part: str) -> date | None:
    return None if value is None else _day(value, part)


def _text(value: Any, part: str, *, required: bool) -> str:
    if not isinstance(value, str):
        raise ProgressFieldProblem("voortgangsdata_text_invalid", field=part)
    if not value.strip():
        if required:
            raise ProgressFieldProblem("voortgangsdata_text_empty", field=part)
        return ""
    if len(value) > MAX_TEXT:
        raise ProgressFieldProblem("voortgangsdata_text_too_long", field=part, most=MAX_TEXT)
    if label_problem(value) is not None:
        raise ProgressFieldProblem("voortgangsdata_text_invalid", field=part)
    return value


def _hours(value: Any, part: str, days: int) -> Decimal:
    if not isinstance(value, str) or not _HOURS.fullmatch(value):
        raise ProgressFieldProblem("voortgangsdata_hours_invalid", field=part)
    try:
        hours = Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise ProgressFieldProblem("voortgangsdata_hours_invalid", field=part) from None
    most = MAX_UREN_PER_DAG * days
    if hours <= 0 or hours > most:
        raise ProgressFieldProblem("voortgangsdata_hours_range", field=part, most=most)
    return hours


_TYPED_HOURS = re.compile(r"([0-9]{1,5})(?:,([0-9]+))?")
_TYPED_POINT = re.compile(r"[0-9]{1,5}\.[0-9]+")


def read_typed_hours(text: str) -> Decimal:
    """Hours as a consultant types them, the Dutch way: a whole number or one with a
    decimal comma ("12", "12,5", "1,25"; spaces around it are ignored). Raises
    :class:`ProgressFieldProblem` (``field`` ``"uren"``): ``voortgangsdata_hours_text``
    for anything that is no number (letters, signs, an empty field),
    ``voortgangsdata_hours_point`` for a decimal point ("12.5" reads as twelve thousand
    five hundred to a Dutch eye: asked again with a comma), ``voortgangsdata_hours_invalid``
    for more than two decimals. The range (more than 0, at most 24 a day) is
    :func:`hours_problem`'s, the same the stored value is held to."""
    typed = text.strip()
    if _TYPED_POINT.fullmatch(typed):
        raise ProgressFieldProblem("voortgangsdata_hours_point", field="uren")
    match = _TYPED_HOURS.fullmatch(typed)
    if match is None:
        raise ProgressFieldProblem("voortgangsdata_hours_text", field="uren")
    whole, part = match.groups()
    if part is not None and len(part) > 2:
        raise ProgressFieldProblem("voortgangsdata_hours_invalid", field="uren")
    return Decimal(f"{whole}.{part}" if part else whole)


def typed_hours(hours: Decimal) -> str:
    """Hours as the consultant reads and types them: a decimal comma ("12,5")."""
    return hours_value(hours).replace(".", ",")


def hours_problem(hours: Decimal, days: int) -> ProgressFieldProblem | None:
    """Why ``hours`` cannot be recorded for a period of ``days`` days (more than 0 and at
    most :data:`MAX_UREN_PER_DAG` a day; at most two decimals), or ``None``: the rule of
    the stored value (:func:`value_problem`), for a form to say at its field."""
    try:
        _hours(hours_value(hours), "uren", days)
    except ProgressFieldProblem as problem:
        return problem
    return None


def _bool(value: Any, part: str) -> bool:
    if not isinstance(value, bool):
        raise ProgressFieldProblem("voortgangsdata_choice_invalid", field=part)
    return value


def _shape(value: Any, parts: frozenset[str]) -> dict[str, Any]:
    if not isinstance(value, dict) or set(value) != parts:
        raise ProgressFieldProblem("voortgangsdata_shape", field="")
    return value


_UREN_PARTS = frozenset({"aanbieder", "soort", "van", "tot", "uren", "tijdens_intake"})
_PVT_PARTS = frozenset({"omschrijving", "datum", "uren", "aanwezig"})
_EXAMEN_PARTS = frozenset({"onderdeel", "niveau", "datum", "behaald"})
_TRAINING_PARTS = frozenset({"gestart_op", "afgerond_op", "aanbieder"})
_ART57_PARTS = frozenset({"datum", "kenmerk", "van", "tot"})


@dataclass(frozen=True)
class UrenEntry:
    """A stored ``uren.<id>``: the hours from ``van`` up to and including ``regel.datum``."""

    id: str
    van: date
    regel: UrenRegel


def read_uren(entry_id: str, value: Any) -> UrenEntry:
    """``uren.<id>``'s value as an entry; :class:`ProgressFieldProblem` when it is none."""
    v = _shape(value, _UREN_PARTS)
    aanbieder = _text(v["aanbieder"], "aanbieder", required=True)
    try:
        soort = UrenSoort(v["soort"])
    except ValueError:
        raise ProgressFieldProblem("voortgangsdata_choice_invalid", field="soort") from None
    van, tot = _day(v["van"], "van"), _day(v["tot"], "tot")
    if tot < van:
        raise ProgressFieldProblem("voortgangsdata_range_order", field="tot")
    hours = _hours(v["uren"], "uren", (tot - van).days + 1)
    intake = _bool(v["tijdens_intake"], "tijdens_intake")
    if intake and soort is not UrenSoort.NT2:
        # only NT2 hours during the brede intake count toward the 600 (Besluit art. 5.5 lid 2)
        raise ProgressFieldProblem("voortgangsdata_intake_not_nt2", field="tijdens_intake")
    return UrenEntry(entry_id, van, UrenRegel(aanbieder, soort, tot, hours, intake))


@dataclass(frozen=True)
class PvtEntry:
    id: str
    activiteit: PvtActiviteit


def read_pvt(entry_id: str, value: Any) -> PvtEntry:
    """``pvt.activiteit.<id>``'s value as an entry (one day: at most 24 hours)."""
    v = _shape(value, _PVT_PARTS)
    omschrijving = _text(v["omschrijving"], "omschrijving", required=True)
    datum = _day(v["datum"], "datum")
    hours = _hours(v["uren"], "uren", 1)
    aanwezig = _bool(v["aanwezig"], "aanwezig")
    return PvtEntry(entry_id, PvtActiviteit(omschrijving, datum, hours, aanwezig))


@dataclass(frozen=True)
class ExamenEntry:
    id: str
    uitslag: ExamenUitslag


def read_examen(entry_id: str, value: Any) -> ExamenEntry:
    """``examen.<id>``'s value: a language part with its level, or KNM with neither."""
    v = _shape(value, _EXAMEN_PARTS)
    try:
        onderdeel = None if v["onderdeel"] is None else Examenonderdeel(v["onderdeel"])
        niveau = None if v["niveau"] is None else Taalniveau(v["niveau"])
    except ValueError:
        raise ProgressFieldProblem("voortgangsdata_choice_invalid", field="onderdeel") from None
    datum = _day(v["datum"], "datum")
    behaald = _bool(v["behaald"], "behaald")
    try:
        return ExamenEntry(entry_id, ExamenUitslag(onderdeel, niveau, datum, behaald))
    except VoortgangInvalid as exc:
        raise ProgressFieldProblem(exc.code, field="niveau") from None


def read_budgettraining(value: Any) -> Budgettraining:
    """``ontzorgen.budgettraining``'s value (finished only once started, not before it)."""
    v = _shape(value, _TRAINING_PARTS)
    gestart = _optional_day(v["gestart_op"], "gestart_op")
    afgerond = _optional_day(v["afgerond_op"], "afgerond_op")
    aanbieder = _text(v["aanbieder"], "aanbieder", required=False)
    try:
        return Budgettraining(gestart, afgerond, aanbieder)
    except AftercareInvalid as exc:
        raise _aftercare_problem(exc) from None


def read_art57(value: Any) -> Art57Besluit:
    """``ontzorgen.art57``'s value (a kenmerk; ``tot`` not before ``van``)."""
    v = _shape(value, _ART57_PARTS)
    datum = _day(v["datum"], "datum")
    kenmerk = _text(v["kenmerk"], "kenmerk", required=True)
    van = _day(v["van"], "van")
    tot = _optional_day(v["tot"], "tot")
    try:
        return Art57Besluit(datum, kenmerk, van, tot)
    except AftercareInvalid as exc:
        raise _aftercare_problem(exc) from None


def _aftercare_problem(exc: AftercareInvalid) -> ProgressFieldProblem:
    # the domain's "end before start" names its field; said here as a range out of order
    code = "voortgangsdata_range_order" if exc.code == "end_before_start" else exc.code
    return ProgressFieldProblem(code, field=exc.params.get("field", ""))


def check_value(key: str, value: Any) -> None:
    """Raise :class:`ProgressFieldProblem` when ``value`` cannot be stored under ``key``
    (:func:`value_problem` says which code)."""
    if value is None and _known_key(key):
        return
    if match := _UREN_KEY.fullmatch(key):
        read_uren(match[1], value)
    elif match := _PVT_KEY.fullmatch(key):
        read_pvt(match[1], value)
    elif match := _EXAMEN_KEY.fullmatch(key):
        read_examen(match[1], value)
    elif key in _DAY_KEYS or (
        (match := _THEMA_KEY.fullmatch(key)) is not None and 1 <= int(match[1]) <= MAP_THEMES
    ):
        _day(value, "datum")
    elif key == BUDGETTRAINING:
        read_budgettraining(value)
    elif key == ART57:
        read_art57(value)
    else:
        raise ProgressFieldProblem("voortgangsdata_key_unknown", field="")


def _known_key(key: str) -> bool:
    if key in _DAY_KEYS or key in (BUDGETTRAINING, ART57):
        return True
    if _UREN_KEY.fullmatch(key) or _PVT_KEY.fullmatch(key) or _EXAMEN_KEY.fullmatch(key):
        return True
    match = _THEMA_KEY.fullmatch(key)
    return match is not None and 1 <= int(match[1]) <= MAP_THEMES


def value_problem(key: str, value: Any) -> ProgressFieldProblem | None:
    """Why ``value`` cannot be stored under the progress or aftercare field ``key``, or
    ``None`` when it can. Codes: ``voortgangsdata_key_unknown`` (no field of the scheme),
    ``_date_invalid`` / ``_date_range`` (not ``YYYY-MM-DD`` / outside 1900–2100),
    ``_text_empty``, ``_text_too_long``, ``_text_invalid`` (control, text-direction or
    invisible characters, or no text), ``_hours_invalid`` / ``_hours_range`` (not a
    decimal with at most two decimals / 0 or more than 24 per day), ``_choice_invalid``,
    ``_range_order`` (a range ending before it starts), ``_intake_not_nt2``, ``_shape``
    (parts missing or unknown), ``voortgang_exam_level``,
    ``training_finished_not_started``, ``art57_kenmerk_missing``."""
    try:
        check_value(key, value)
    except ProgressFieldProblem as problem:
        return problem
    return None


# --- the days a value is dated by ---------------------------------------------------------


def value_days(key: str, value: Any) -> tuple[tuple[str, date], ...]:
    """The days the progress field ``key``'s ``value`` is dated by, each with its part
    (``uren``: ``van`` and ``tot``; a PVT activity and an exam result: ``datum``; a
    signing, a MAP theme, an eindgesprek: the day itself, part ``datum``); nothing for
    ``null``, a value that does not read (:func:`value_problem` refuses it) or a field of
    another family."""
    if value is None or not is_progress_field(key) or value_problem(key, value) is not None:
        return ()
    if match := _UREN_KEY.fullmatch(key):
        entry = read_uren(match[1], value)
        return (("van", entry.van), ("tot", entry.regel.datum))
    if match := _PVT_KEY.fullmatch(key):
        return (("datum", read_pvt(match[1], value).activiteit.datum),)
    if match := _EXAMEN_KEY.fullmatch(key):
        return (("datum", read_examen(match[1], value).uitslag.datum),)
    return (("datum", _day(value, "datum")),)


def day_problem(
    day: date, brp_registration: date | None, today: date | None, *, slack_days: int = 0
) -> str | None:
    """Why progress dated ``day`` cannot be recorded, or ``None``: a day after ``today``
    (``voortgangsdata_date_future``: hours, an activity, a signing, a theme, an eindgesprek
    or an exam result are recorded once they took place; ``slack_days`` later still pass,
    for two clocks that differ around midnight), or before the BRP registration
    (``voortgangsdata_before_brp``; Wet art. 14 lid 1: nothing of the inburgering happens
    before it). ``None`` for either bound: not checked. The one rule of the laptop's use
    cases (``services.progress.checked_day``) and of the office (:func:`day_refusal`)."""
    if today is not None and (day - today).days > slack_days:
        return "voortgangsdata_date_future"
    if brp_registration is not None and day < brp_registration:
        return "voortgangsdata_before_brp"
    return None


def day_refusal(
    applied: Mapping[str, Any],
    brp_registration: date | None,
    today: date | None,
    *,
    slack_days: int = 0,
) -> tuple[str, str] | None:
    """The first key of ``applied`` (sorted) whose progress value is dated by a day
    :func:`day_problem` refuses, with that code; ``None`` when there is none. Clearing a
    value is always accepted (attack round 9, finding 7: the office stored hours dated
    before the BRP registration and in the future, and reported them to DUO)."""
    for key in sorted(applied):
        for _part, day in value_days(key, applied[key]):
            code = day_problem(day, brp_registration, today, slack_days=slack_days)
            if code is not None:
                return key, code
    return None


# --- one provider's periods ---------------------------------------------------------------


def same_provider(a: str, b: str) -> bool:
    """Whether two provider names name the same provider: compared without case and with
    runs of white space as one ("Taalhuis  leiden" is "Taalhuis Leiden")."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def overlapping_uren(
    held: Iterable[UrenEntry], aanbieder: str, soort: UrenSoort, van: date, tot: date
) -> UrenEntry | None:
    """The first of ``held`` of the same provider (:func:`same_provider`) and kind whose
    period shares a day with ``van``..``tot`` (both included), or ``None``. A provider
    reports each period's hours once: an overlapping report counts hours twice against the
    PIP's intensity (Wet art. 15), so the laptop refuses it at entry, and the summary
    names overlaps that arrive from two laptops (:func:`overlaps`)."""
    for entry in held:
        regel = entry.regel
        if (
            regel.soort is soort
            and same_provider(regel.aanbieder, aanbieder)
            and entry.van <= tot
            and van <= regel.datum
        ):
            return entry
    return None


def overlaps(held: Sequence[UrenEntry]) -> tuple[tuple[UrenEntry, UrenEntry], ...]:
    """Every pair of ``held`` (in their order) that :func:`overlapping_uren` would refuse
    together: hours counted twice, shown so the consultant removes the wrong line."""
    out: list[tuple[UrenEntry, UrenEntry]] = []
    for i, entry in enumerate(held):
        r = entry.regel
        earlier = overlapping_uren(held[:i], r.aanbieder, r.soort, entry.van, r.datum)
        if earlier is not None:
            out.append((earlier, entry))
    return tuple(out)


# --- what belongs to a leerroute ----------------------------------------------------------


@dataclass(frozen=True)
class RouteItem:
    """Progress data that belongs to some leerroutes only: ``routes`` where it is recorded,
    ``refused`` the refusal when the route is another, ``artikel`` the source."""

    routes: frozenset[Leerroute]
    refused: ProgressFieldProblem
    artikel: str


ROUTE_ITEMS: Mapping[str, RouteItem] = {
    # the Z-route closes with an eindgesprek with the municipality, no exam
    "zroute": RouteItem(
        frozenset({Leerroute.Z}),
        ProgressFieldProblem("voortgangsdata_not_z_route", field="zroute"),
        "Besluit art. 3.14",
    ),
    # no MAP in the onderwijsroute: the taalschakeltraject replaces it
    "map": RouteItem(
        frozenset({Leerroute.B1, Leerroute.Z}),
        ProgressFieldProblem("voortgangsdata_map_not_applicable", field="map"),
        "Wet art. 8 lid 3",
    ),
    # DUO's exam closes the B1-route and the onderwijsroute (Wet art. 7); the Z-route has
    # none (Besluit art. 3.14)
    "examen": RouteItem(
        frozenset({Leerroute.B1, Leerroute.ONDERWIJS}),
        ProgressFieldProblem("voortgangsdata_exam_in_z_route", field="examen"),
        "Besluit art. 3.14",
    ),
}
"""Which progress data belongs to which leerroute (module docstring's keys by item)."""


def route_item_of(key: str) -> str | None:
    """The :data:`ROUTE_ITEMS` item the field ``key`` records, or ``None`` when the field
    belongs to every route (hours, PVT: Besluit art. 3.1)."""
    if key == Z_EINDGESPREK:
        return "zroute"
    if key == MAP_EINDGESPREK or _THEMA_KEY.fullmatch(key):
        return "map"
    if _EXAMEN_KEY.fullmatch(key):
        return "examen"
    return None


def route_problem(
    item: str, leerroute: Leerroute | Iterable[Leerroute] | None
) -> ProgressFieldProblem | None:
    """Why ``item`` (a key of :data:`ROUTE_ITEMS`) cannot be recorded for a case whose PIP
    sets ``leerroute`` (``None`` or nothing: no PIP sets one yet), or ``None`` when it can:
    ``voortgangsdata_route_not_set`` while no route is set (what belongs to a route waits
    for the PIP that sets it), else the item's own code for another route. Several routes
    (every set version of a case, :func:`set_routes`): accepted when one of them takes
    it, so what was recorded under an earlier version stays acceptable after a change."""
    rule = ROUTE_ITEMS[item]
    if leerroute is None:
        routes: frozenset[Leerroute] = frozenset()
    elif isinstance(leerroute, Leerroute):
        routes = frozenset({leerroute})
    else:
        routes = frozenset(leerroute)
    if not routes:
        return ProgressFieldProblem("voortgangsdata_route_not_set", field=item)
    if not routes & rule.routes:
        return ProgressFieldProblem(rule.refused.code, **rule.refused.params)
    return None


def set_routes(fields: Mapping[str, Any]) -> frozenset[Leerroute]:
    """The leerroutes the set (or signed) PIP versions among a case's ``fields`` set (its
    ``pip.version.<n>`` values); empty without a set version, or when the versions do not
    load (the PIP's own rule refuses those); a discarded draft (``null``) is no version."""
    history = stored_history(fields)
    if history is None:
        return frozenset()
    routes = (v.beschikking.leerroute for v in history.versions if v.is_set)
    return frozenset(route for route in routes if route is not None)


def route_refusal(
    applied: Mapping[str, Any], current: Mapping[str, Any]
) -> tuple[str, ProgressFieldProblem] | None:
    """The first key of ``applied`` (sorted) that records route-bound progress data
    (:func:`route_item_of`, a value other than ``null``) which no leerroute of the case as
    it would stand takes (:func:`route_problem` against :func:`set_routes` of ``current``
    with ``applied`` over it), with the refusal; ``None`` when there is none. Clearing
    such a value is always accepted, and data recorded under an earlier PIP version's
    route stays acceptable after a change (a whole case moved or pulled carries both). The
    office, the pull and the case import hold a case to this; the laptop's forms hold an
    entry to the route in force (``services.progress.route_applies``)."""
    bound = [
        (key, item)
        for key in sorted(applied)
        if applied[key] is not None and (item := route_item_of(key)) is not None
    ]
    if not bound:
        return None
    routes = set_routes({**current, **applied})
    for key, item in bound:
        if (problem := route_problem(item, routes)) is not None:
            return key, problem
    return None


# --- reading a case's fields -------------------------------------------------------------


@dataclass(frozen=True)
class ProgressRecords:
    """Everything of the scheme a case holds, as domain objects; ``unreadable`` lists the
    keys whose value the check refuses (an old or damaged value: shown as such, skipped
    by the rules)."""

    uren: tuple[UrenEntry, ...] = ()
    pvt: tuple[PvtEntry, ...] = ()
    pvt_ondertekend: date | None = None
    map_themas: Mapping[int, date] | None = None
    map_eindgesprek: date | None = None
    examens: tuple[ExamenEntry, ...] = ()
    z_eindgesprek: date | None = None
    budgettraining: Budgettraining | None = None
    art57: Art57Besluit | None = None
    nazorg_contact: date | None = None
    unreadable: tuple[str, ...] = ()

    @property
    def regels(self) -> tuple[UrenRegel, ...]:
        return tuple(e.regel for e in self.uren)

    @property
    def uitslagen(self) -> tuple[ExamenUitslag, ...]:
        return tuple(e.uitslag for e in self.examens)

    @property
    def themas_afgerond(self) -> tuple[int, ...]:
        return tuple(sorted(self.map_themas or {}))


def records_of(fields: Mapping[str, Any]) -> ProgressRecords:
    """The progress and aftercare entries of a case's ``fields`` (key → stored value),
    entries sorted by their day, then id. Pure; never raises."""
    uren: list[UrenEntry] = []
    pvt: list[PvtEntry] = []
    examens: list[ExamenEntry] = []
    themas: dict[int, date] = {}
    days: dict[str, date] = {}
    training: Budgettraining | None = None
    art57: Art57Besluit | None = None
    unreadable: list[str] = []
    for key, value in fields.items():
        if value is None or not (is_progress_field(key) or is_aftercare_field(key)):
            continue
        try:
            if match := _UREN_KEY.fullmatch(key):
                uren.append(read_uren(match[1], value))
            elif match := _PVT_KEY.fullmatch(key):
                pvt.append(read_pvt(match[1], value))
            elif match := _EXAMEN_KEY.fullmatch(key):
                examens.append(read_examen(match[1], value))
            elif key == BUDGETTRAINING:
                training = read_budgettraining(value)
            elif key == ART57:
                art57 = read_art57(value)
            else:
                check_value(key, value)
                match = _THEMA_KEY.fullmatch(key)
                if match is not None:
                    themas[int(match[1])] = _day(value, "datum")
                else:
                    days[key] = _day(value, "datum")
        except ProgressFieldProblem:
            unreadable.append(key)
    return ProgressRecords(
        uren=tuple(sorted(uren, key=lambda e: (e.regel.datum, e.van, e.id))),
        pvt=tuple(sorted(pvt, key=lambda e: (e.activiteit.datum, e.id))),
        pvt_ondertekend=days.get(PVT_ONDERTEKEND),
        map_themas=themas,
        map_eindgesprek=days.get(MAP_EINDGESPREK),
        examens=tuple(sorted(examens, key=lambda e: (e.uitslag.datum, e.id))),
        z_eindgesprek=days.get(Z_EINDGESPREK),
        budgettraining=training,
        art57=art57,
        nazorg_contact=days.get(NAZORG_CONTACT),
        unreadable=tuple(sorted(unreadable)),
    )


# --- writing -----------------------------------------------------------------------------


def day_value(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def hours_value(hours: Decimal) -> str:
    """Hours as stored: a plain decimal text without exponent or trailing zeros ("12.5")."""
    return format(hours.normalize(), "f")


def uren_value(van: date, regel: UrenRegel) -> dict[str, Any]:
    return {
        "aanbieder": regel.aanbieder,
        "soort": regel.soort.value,
        "van": van.isoformat(),
        "tot": regel.datum.isoformat(),
        "uren": hours_value(regel.uren),
        "tijdens_intake": regel.tijdens_intake,
    }


def pvt_value(activiteit: PvtActiviteit) -> dict[str, Any]:
    return {
        "omschrijving": activiteit.omschrijving,
        "datum": activiteit.datum.isoformat(),
        "uren": hours_value(activiteit.uren),
        "aanwezig": activiteit.aanwezig,
    }


def examen_value(uitslag: ExamenUitslag) -> dict[str, Any]:
    return {
        "onderdeel": None if uitslag.onderdeel is None else uitslag.onderdeel.value,
        "niveau": None if uitslag.niveau is None else uitslag.niveau.value,
        "datum": uitslag.datum.isoformat(),
        "behaald": uitslag.behaald,
    }


def budgettraining_value(training: Budgettraining) -> dict[str, Any]:
    return {
        "gestart_op": day_value(training.gestart_op),
        "afgerond_op": day_value(training.afgerond_op),
        "aanbieder": training.aanbieder,
    }


def art57_value(besluit: Art57Besluit) -> dict[str, Any]:
    return {
        "datum": besluit.datum.isoformat(),
        "kenmerk": besluit.kenmerk,
        "van": besluit.van.isoformat(),
        "tot": day_value(besluit.tot),
    }
