"""Progress data of one case as it arrives: hours per provider and kind, PVT activities and
the signing, MAP themes and the eindgesprek, exam results as DUO reports them, the Z-route
eindgesprek; and the summary of all of it against the PIP in force (issue 15 item 3).

Each use case receives the open vault, opens and commits its own transaction and returns
a typed result (:class:`ProgressOverview`, the case as it stands after the write). The
entries are case fields (``domain.progress_fields``: keys, stored shapes and the one
check), written with ``storage.cases.update_fields``, so each syncs and a change on two
laptops becomes a conflict of that one entry.

Refusals are :class:`ProgressRefused` with a code of ``inburg_desktop.messages``; nothing
is written then. What is refused, beside what the field check refuses:

* a day after ``today`` (``voortgangsdata_date_future``): hours, an activity, a signing,
  a theme, an eindgesprek or an exam result are recorded once they took place;
* a day before the BRP registration (``voortgangsdata_before_brp``; Wet art. 14 lid 1:
  nothing of the inburgering happens before it);
* what belongs to some leerroutes only (``progress_fields.ROUTE_ITEMS``, one table): the
  MAP in the onderwijsroute (``voortgangsdata_map_not_applicable``; Wet art. 8 lid 3),
  the Z-route eindgesprek outside the Z-route (``voortgangsdata_not_z_route``; Besluit
  art. 3.14), an exam result in the Z-route (``voortgangsdata_exam_in_z_route``: no exam,
  the eindgesprek decides) — each judged by the PIP in force, and refused while no PIP
  sets a route (``voortgangsdata_route_not_set``: an eindgesprek recorded then stood on
  a case that became a B1 case); clearing such a day is always allowed;
* hours of a provider and kind over a period that shares a day with hours of that
  provider and kind the case holds (``voortgangsdata_uren_overlap``: counted twice);
* removing an entry the case does not hold (``voortgangsdata_no_entry``).

A write from the Voortgang window carries what the window's form was based on
(:class:`Seen`: the office version it read and the values it showed), as the intake's
edits do (``services.intake_edit``): a value that changed underneath the window (a sync,
a resolved conflict) is kept beside it as a conflict, never overwritten
(``storage.stale_writes``), and the office sees the edit against the version the
consultant saw (attack round 8 #4). The overview names the keys kept so
(:attr:`ProgressOverview.kept`). While a field is in conflict, the overview shows the
consultant's own side of it (``services.own_conflicts``) and names it in
:attr:`ProgressOverview.conflicts`.

The summary (:func:`overview_of`) uses the domain's rules unchanged
(``domain.voortgang``: ``leerroute_uren``, ``participatie_uren``, ``pvt_stand``,
``map_stand``, ``knm_stand``, ``z_route_stand``, ``afschalen_signaal``,
``examen_behaald_op``; ``domain.aftercare``: ``ontzorgen_stand``, ``nazorg_stand``).
"""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from inburg_desktop.domain.aftercare import NazorgStand, OntzorgenStand, nazorg_stand
from inburg_desktop.domain.aftercare import ontzorgen_stand as aftercare_ontzorgen
from inburg_desktop.domain.case import Doelgroep, Inburgeraar, Leerroute
from inburg_desktop.domain.deadlines import termijn_start
from inburg_desktop.domain.pip import MAP_THEMES, Examenonderdeel, PipVersion
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.progress_fields import (
    MAP_EINDGESPREK,
    PVT_ONDERTEKEND,
    Z_EINDGESPREK,
    ProgressRecords,
    day_value,
    examen_key,
    examen_value,
    is_aftercare_field,
    is_progress_field,
    overlapping_uren,
    pvt_key,
    pvt_value,
    records_of,
    route_problem,
    thema_key,
    uren_key,
    uren_value,
    value_problem,
)
from inburg_desktop.domain.text import Reason
from inburg_desktop.domain.voortgang import (
    ExamenUitslag,
    Onderdeelstand,
    PvtActiviteit,
    Taalniveau,
    UrenRegel,
    UrenSoort,
    UrenStand,
    VoortgangInvalid,
    afschalen_signaal,
    examen_behaald_op,
    knm_stand,
    leerroute_uren,
    map_stand,
    participatie_uren,
    pvt_stand,
    z_route_stand,
)
from inburg_desktop.services import pip_service
from inburg_desktop.services.own_conflicts import own_sides_in, shown_values
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.cases import StoredCase, get_case
from inburg_desktop.storage.stale_writes import apply_screen_edit

__all__ = [
    "ExamenInput",
    "ProgressOverview",
    "ProgressRefused",
    "PvtInput",
    "Seen",
    "UrenInput",
    "add_examen",
    "add_pvt_activiteit",
    "add_uren",
    "load",
    "overview_of",
    "pvt_entry",
    "remove_entry",
    "route_applies",
    "set_map_eindgesprek",
    "set_map_thema",
    "set_pvt_ondertekend",
    "set_z_eindgesprek",
    "uren_entry",
]


class ProgressRefused(Problem, ValueError):
    """Progress data that cannot be recorded; nothing was written. ``code`` is a key of
    ``inburg_desktop.messages``; ``params["field"]`` names the part, never a value."""

    default_code = "voortgangsdata_key_unknown"


@dataclass(frozen=True)
class ProgressOverview:
    """One case's progress on ``on``, against the PIP in force (``pip_versie`` ``None``:
    no PIP set yet, so there is no intensity to measure against and the hour rows are
    empty).

    ``lesuren`` / ``participatie``: all providers together first, then one row per
    provider (``voortgang.uren_tegen_intensiteit``); ``pvt``, ``map``, ``knm``: done or
    what is missing with its article; ``z_route``: only in the Z-route; ``examen_behaald_op``
    the day the exam was passed (it feeds the nazorg contact); ``afschalen``: the signal
    that afschalen to A2 may be considered; ``ontzorgen`` and ``nazorg``: aftercare
    (``services.aftercare`` records it)."""

    case_id: str
    person: Inburgeraar
    doelgroep: Doelgroep
    on: date
    pip_versie: int | None
    leerroute: Leerroute | None
    termijn_start: date | None
    records: ProgressRecords
    lesuren: tuple[UrenStand, ...]
    participatie: tuple[UrenStand, ...]
    pvt: Onderdeelstand
    map: Onderdeelstand
    knm: Onderdeelstand
    z_route: Onderdeelstand | None
    examen_behaald_op: date | None
    afschalen: Reason | None
    ontzorgen: OntzorgenStand
    nazorg: NazorgStand
    brp_registration: date
    bijstand_start: date | None
    server_version: int = 0
    """The office version of the case as read (what a write from this view was based on)."""
    fields: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    """The progress and aftercare fields as shown (key -> stored JSON value), the
    consultant's own side of an open conflict in place."""
    conflicts: frozenset[str] = frozenset()
    """Progress and aftercare keys with an open conflict whose own side is shown."""
    kept: tuple[str, ...] = ()
    """Keys of the write just made that were kept as conflicts, not written: the vault's
    value was no longer the one the window showed."""


@dataclass(frozen=True)
class Seen:
    """What a write from a window was based on: the office ``version`` it read (``None``:
    not known) and the ``fields`` it showed (key -> JSON value; an absent key was shown
    empty). See the module."""

    version: int | None
    fields: Mapping[str, Any]

    @staticmethod
    def of(shown: ProgressOverview) -> Seen:
        """The basis of an edit made on ``shown``."""
        return Seen(shown.server_version, shown.fields)


def _family(key: str) -> bool:
    return is_progress_field(key) or is_aftercare_field(key)


def _version(stored: StoredCase) -> PipVersion | None:
    return pip_service.load_history(stored).in_force


def overview_of(
    stored: StoredCase, on: date, own: Mapping[str, Any] | None = None
) -> ProgressOverview:
    """The summary of ``stored`` on ``on`` (module docstring). Pure apart from reading the
    stored PIP history. ``own``: the consultant's own side of the case's open conflicts
    (``services.own_conflicts``); those of progress and aftercare fields are shown in
    place of the vault's value."""
    mine = {k: v for k, v in (own or {}).items() if _family(k)}
    if mine:
        shown = shown_values(stored.fields, mine)
        stored = StoredCase(stored.case, stored.version, shown, stored.server_version)
    history = pip_service.load_history(stored)
    version = history.in_force
    records = records_of(stored.fields)
    regels = records.regels
    dates = stored.case.dates
    start = termijn_start(history.pip_date or dates.pip_date)
    route = None if version is None else version.beschikking.leerroute
    afgeschaald = version is not None and version.afschaling_a2
    lesuren: tuple[UrenStand, ...] = ()
    participatie: tuple[UrenStand, ...] = ()
    if version is not None and start is not None:
        lesuren = leerroute_uren(version, regels, start, on)
        participatie = participatie_uren(version, regels, start, on)
    z = None
    if route is Leerroute.Z:
        z = z_route_stand(stored.case.doelgroep, regels, records.z_eindgesprek, on)
    passed = examen_behaald_op(route, afgeschaald, records.uitslagen)
    return ProgressOverview(
        case_id=stored.case.id,
        person=stored.case.person,
        doelgroep=stored.case.doelgroep,
        on=on,
        pip_versie=None if version is None else version.nummer,
        leerroute=route,
        termijn_start=start,
        records=records,
        lesuren=lesuren,
        participatie=participatie,
        pvt=pvt_stand((e.activiteit for e in records.pvt), records.pvt_ondertekend),
        map=map_stand(route, records.themas_afgerond, records.map_eindgesprek),
        knm=knm_stand(route, records.uitslagen, records.z_eindgesprek),
        z_route=z,
        examen_behaald_op=passed,
        afschalen=afschalen_signaal(route, afgeschaald, regels, on),
        ontzorgen=aftercare_ontzorgen(
            stored.case.doelgroep,
            dates.bijstand_start,
            on,
            records.art57,
            records.budgettraining,
        ),
        nazorg=nazorg_stand(passed, records.nazorg_contact),
        brp_registration=dates.brp_registration,
        bijstand_start=dates.bijstand_start,
        server_version=stored.server_version,
        fields={k: v for k, v in stored.fields.items() if _family(k) and v is not None},
        conflicts=frozenset(mine),
    )


def _screen(session: Session, case_id: str, on: date) -> ProgressOverview:
    return overview_of(get_case(session, case_id), on, own_sides_in(session, case_id))


def load(vault: Vault, case_id: str, on: date) -> ProgressOverview:
    """The summary of ``case_id`` on ``on`` as the Voortgang window shows it (the
    consultant's own side of a conflict in place), read-only (``NoSuchCase``)."""
    with vault.session() as session:
        return _screen(session, case_id, on)


# --- writing ---------------------------------------------------------------------------


def checked_day(stored: StoredCase, day: date, today: date, field: str) -> None:
    """Refuse a day after ``today`` or before the case's BRP registration."""
    if day > today:
        raise ProgressRefused("voortgangsdata_date_future", field=field)
    if day < stored.case.dates.brp_registration:
        raise ProgressRefused("voortgangsdata_before_brp", field=field)


def _entry(key: str) -> bool:
    return key.startswith(("uren.", "pvt.activiteit.", "examen."))


def started_values(seen: Seen, patch: Mapping[str, Any]) -> dict[str, Any]:
    """What the window showed for each key of ``patch`` (``None``: shown empty). A new
    entry (an entry key the window never showed: its id was made for this write) has no
    earlier value to compare, so it is left out and written as it is."""
    return {
        key: seen.fields.get(key) for key in patch if not (_entry(key) and key not in seen.fields)
    }


def write_checked(
    session: Session, case_id: str, patch: dict[str, Any], seen: Seen | None = None
) -> list[str]:
    """Write ``patch`` after the field check each value will meet at the office (so
    nothing is written here that the office would refuse). With ``seen``, a value changed
    since the window showed it is kept as a conflict instead (module docstring); returns
    the keys kept so."""
    for key, value in patch.items():
        problem = value_problem(key, value)
        if problem is not None:
            raise ProgressRefused(problem.code, **problem.params)
    started = {} if seen is None else started_values(seen, patch)
    version = None if seen is None else seen.version
    return apply_screen_edit(session, case_id, patch, started=started, seen_version=version)


def write_case(
    vault: Vault,
    case_id: str,
    today: date,
    build: Callable[[StoredCase], dict[str, Any]],
    seen: Seen | None = None,
) -> ProgressOverview:
    """One transaction: ``build(stored)`` returns the patch (or raises a refusal); the
    overview after it on ``today`` (``kept``: the keys kept as conflicts, ``seen``)."""
    with vault.transaction() as session:
        stored = get_case(session, case_id)
        patch = build(stored)
        kept = write_checked(session, case_id, patch, seen)
        after = _screen(session, case_id, today)
    return dataclasses.replace(after, kept=tuple(kept))


def new_entry_id() -> str:
    """12 lowercase hexadecimal digits: two laptops adding an entry never collide."""
    return secrets.token_hex(6)


@dataclass(frozen=True)
class UrenInput:
    """Hours a provider reports for ``van`` up to and including ``tot``."""

    aanbieder: str
    soort: UrenSoort
    van: date
    tot: date
    uren: Decimal
    tijdens_intake: bool = False


def uren_entry(given: UrenInput) -> dict[str, Any]:
    """The stored value of ``given`` (``progress_fields.uren_value``) after the check the
    office holds it to (``value_problem``: an empty or unsafe provider, a range ending
    before it starts or outside 1900–2100, 0 hours or more than 24 a day, intake hours
    that are not NT2). Pure, so a form checks what is typed at entry with the same rule;
    raises :class:`ProgressRefused` naming the part (``params["field"]``)."""
    if given.tot < given.van:
        raise ProgressRefused("voortgangsdata_range_order", field="tot")
    try:
        regel = UrenRegel(
            given.aanbieder.strip(), given.soort, given.tot, given.uren, given.tijdens_intake
        )
    except VoortgangInvalid:
        raise ProgressRefused("voortgangsdata_hours_range", field="uren", most=24) from None
    value = uren_value(given.van, regel)
    problem = value_problem(uren_key("0" * 12), value)
    if problem is not None:
        raise ProgressRefused(problem.code, **problem.params)
    return value


def add_uren(
    vault: Vault, case_id: str, given: UrenInput, today: date, seen: Seen | None = None
) -> ProgressOverview:
    """Record hours of one provider and kind over a date range (Wet art. 15: the PIP's
    intensity is what they are measured against). Refused: what :func:`uren_entry`
    refuses, a range ending after ``today`` or starting before the BRP registration, and
    a range that shares a day with hours of the same provider and kind the case holds
    (``voortgangsdata_uren_overlap``: they would count twice;
    ``progress_fields.overlapping_uren``)."""

    def build(stored: StoredCase) -> dict[str, Any]:
        value = uren_entry(given)
        checked_day(stored, given.tot, today, "tot")
        checked_day(stored, given.van, today, "van")
        held = records_of(stored.fields).uren
        if overlapping_uren(held, given.aanbieder, given.soort, given.van, given.tot):
            raise ProgressRefused("voortgangsdata_uren_overlap", field="van")
        return {uren_key(new_entry_id()): value}

    return write_case(vault, case_id, today, build, seen)


@dataclass(frozen=True)
class PvtInput:
    omschrijving: str
    datum: date
    uren: Decimal
    aanwezig: bool


def pvt_entry(given: PvtInput) -> dict[str, Any]:
    """The stored value of ``given`` after the check the office holds it to (an empty or
    unsafe description, a day outside 1900–2100, 0 hours or more than 24). Pure, for a
    form's check at entry; raises :class:`ProgressRefused` naming the part."""
    try:
        activiteit = PvtActiviteit(
            given.omschrijving.strip(), given.datum, given.uren, given.aanwezig
        )
    except VoortgangInvalid:
        raise ProgressRefused("voortgangsdata_hours_range", field="uren", most=24) from None
    value = pvt_value(activiteit)
    problem = value_problem(pvt_key("0" * 12), value)
    if problem is not None:
        raise ProgressRefused(problem.code, **problem.params)
    return value


def add_pvt_activiteit(
    vault: Vault,
    case_id: str,
    given: PvtInput,
    today: date,
    seen: Seen | None = None,
) -> ProgressOverview:
    """Record a PVT activity and whether the person attended it (the municipality registers
    attendance, Besluit art. 3.1). Refused: what :func:`pvt_entry` refuses, a day after
    ``today`` or before the BRP registration."""

    def build(stored: StoredCase) -> dict[str, Any]:
        value = pvt_entry(given)
        checked_day(stored, given.datum, today, "datum")
        return {pvt_key(new_entry_id()): value}

    return write_case(vault, case_id, today, build, seen)


def _optional_day(stored: StoredCase, day: date | None, today: date, field: str) -> str | None:
    if day is not None:
        checked_day(stored, day, today, field)
    return day_value(day)


def set_pvt_ondertekend(
    vault: Vault,
    case_id: str,
    day: date | None,
    today: date,
    seen: Seen | None = None,
) -> ProgressOverview:
    """Record the day the participatieverklaring was signed (``None``: clear it)."""
    return write_case(
        vault,
        case_id,
        today,
        lambda stored: {PVT_ONDERTEKEND: _optional_day(stored, day, today, "datum")},
        seen,
    )


def route_applies(stored: StoredCase, item: str) -> None:
    """Refuse progress data of ``item`` (``progress_fields.ROUTE_ITEMS``) when the PIP in
    force sets a leerroute it does not belong to, or no PIP sets one yet."""
    version = _version(stored)
    route = None if version is None else version.beschikking.leerroute
    problem = route_problem(item, route)
    if problem is not None:
        raise ProgressRefused(problem.code, **problem.params)


def _map_applies(stored: StoredCase, day: date | None) -> None:
    if day is not None:  # clearing what was recorded by mistake is always possible
        route_applies(stored, "map")


def set_map_thema(
    vault: Vault,
    case_id: str,
    thema: int,
    day: date | None,
    today: date,
    seen: Seen | None = None,
) -> ProgressOverview:
    """Record the day MAP theme ``thema`` (1–8, Besluit art. 3.2) was finished (``None``:
    not finished). Refused in the onderwijsroute (Wet art. 8 lid 3)."""
    if not 1 <= thema <= MAP_THEMES:
        raise ProgressRefused("voortgangsdata_key_unknown", field="thema")

    def build(stored: StoredCase) -> dict[str, Any]:
        _map_applies(stored, day)
        return {thema_key(thema): _optional_day(stored, day, today, "datum")}

    return write_case(vault, case_id, today, build, seen)


def set_map_eindgesprek(
    vault: Vault,
    case_id: str,
    day: date | None,
    today: date,
    seen: Seen | None = None,
) -> ProgressOverview:
    """Record the day of the MAP eindgesprek (Besluit art. 3.2; ``None``: clear it)."""

    def build(stored: StoredCase) -> dict[str, Any]:
        _map_applies(stored, day)
        return {MAP_EINDGESPREK: _optional_day(stored, day, today, "datum")}

    return write_case(vault, case_id, today, build, seen)


def set_z_eindgesprek(
    vault: Vault,
    case_id: str,
    day: date | None,
    today: date,
    seen: Seen | None = None,
) -> ProgressOverview:
    """Record the day of the Z-route eindgesprek (Besluit art. 3.14; ``None``: clear it).
    Refused while the PIP in force sets another leerroute or none (clearing it never)."""

    def build(stored: StoredCase) -> dict[str, Any]:
        if day is not None:
            route_applies(stored, "zroute")
        return {Z_EINDGESPREK: _optional_day(stored, day, today, "datum")}

    return write_case(vault, case_id, today, build, seen)


@dataclass(frozen=True)
class ExamenInput:
    """A result as DUO reports it: ``onderdeel`` ``None`` for KNM (then no ``niveau``)."""

    onderdeel: Examenonderdeel | None
    niveau: Taalniveau | None
    datum: date
    behaald: bool


def add_examen(
    vault: Vault, case_id: str, given: ExamenInput, today: date, seen: Seen | None = None
) -> ProgressOverview:
    """Record an exam result as DUO reports it (Wet art. 7). Refused: a language part
    without a level or KNM with one (``voortgang_exam_level``), a day after ``today`` or
    before the BRP registration, any result in the Z-route (no exam there) and while no
    PIP sets the leerroute."""

    def build(stored: StoredCase) -> dict[str, Any]:
        route_applies(stored, "examen")
        checked_day(stored, given.datum, today, "datum")
        try:
            uitslag = ExamenUitslag(given.onderdeel, given.niveau, given.datum, given.behaald)
        except VoortgangInvalid as exc:
            raise ProgressRefused(exc.code, field="niveau") from None
        return {examen_key(new_entry_id()): examen_value(uitslag)}

    return write_case(vault, case_id, today, build, seen)


def remove_entry(
    vault: Vault, case_id: str, key: str, today: date, seen: Seen | None = None
) -> ProgressOverview:
    """Remove an hours line, a PVT activity or an exam result entered by mistake (its field
    becomes ``null``, which syncs). Refused (``voortgangsdata_no_entry``) when ``key`` is
    no such entry of the case."""

    def build(stored: StoredCase) -> dict[str, Any]:
        records = records_of(stored.fields)
        keys = {uren_key(e.id) for e in records.uren}
        keys |= {pvt_key(e.id) for e in records.pvt}
        keys |= {examen_key(e.id) for e in records.examens}
        # a damaged entry can be removed too (it shows as unreadable)
        keys |= {k for k in records.unreadable if is_progress_field(k)}
        if key not in keys:
            raise ProgressRefused("voortgangsdata_no_entry", field="")
        return {key: None}

    return write_case(vault, case_id, today, build, seen)
