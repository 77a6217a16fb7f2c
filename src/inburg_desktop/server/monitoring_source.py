"""The office's monitoring source: one anonymised ``MonitoringRecord`` per case.

The report (``domain.monitoring``, issue 16 item 6) counts what the laptops wrote into
the cases; this module reads those case fields from the office database and keeps of each
case only what the report counts. Read (keys as the laptop writes them):

==================================  ========================================================
``gemeente``                        the case's gemeente, a CBS code (``domain.gemeente``;
                                    the contract of issue 16 item 5)
``doelgroep``                       ``domain.case.Doelgroep``
``dates.brp_registration``          the instroom month; with the next two the PIP term
``dates.duo_kennisgeving``          (Besluit art. 5.3 lid 1)
``dates.brp_after_move``            (lid 3)
``pip.wachten_op_derde``            lid 2: only its ``sinds`` and ``ontvangen``
``pip.version.<n>``                 the PIP versions: route in force, first dagtekening
``examen.<id>``                     exam results (``domain.progress_fields``)
``pvt.ondertekend``                 the participatieverklaring signed
``map.eindgesprek``                 the MAP finished
``uitkomst.plicht_einde`` and       the uitstroom (``domain.retention``)
``uitkomst.plicht_einde_reden``
``voortgang.<n>.gehouden``,         the latest satisfaction answer per subject
``voortgang.<n>.tevredenheid.<o>``  (``domain.satisfaction``)
==================================  ========================================================

Nothing else is selected: no name, BSN, V-nummer, date of birth or free text is read
(the PIP versions hold free text; they are parsed here and only route and dates kept), and
nothing read leaves this module except the records. Cases are read in batches of
:data:`BATCH` ids, so memory holds one batch of fields at a time.

**The office's gemeenten** are the published setting ``setting.gemeenten`` (the contract
of issue 16 item 5) when it is there and readable, else the seed's three
(``domain.gemeente.SEED_KANTOOR``). A case whose ``gemeente`` is missing, unreadable or not
one of them counts under "zonder gemeente" (and together).

**Outcomes** (``MonitoringRecord.resultaten``), reached when:

* exam: each of the four language parts has a result; passed when each part was passed;
* KNM: any KNM result; passed when one was passed;
* route: the plicht ended as *voldaan* (passed), or the three-year termijn (Wet art. 11,
  without DUO's extensions, which the office does not hold) ended without that;
* PVT and MAP: signed / eindgesprek held (passed), or the termijn ended without it (no
  MAP in the onderwijsroute, Wet art. 8 lid 3).

**Uitstroom**: the recorded end of the plicht and its reason: *voldaan*, *ontheffing*,
*vertrek* (left the country), the rest (AOW age, naturalisation, death) *overig*; *niet
plichtig* is no uitstroom (there was no plicht). A case that moved to another
municipality leaves the office by transfer and is no longer held, so the office source
reports no *verhuisd*.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from inburg_desktop.domain.case import Doelgroep, Leerroute, WachtenOpDerde
from inburg_desktop.domain.deadlines import pip_deadline, termijn_end
from inburg_desktop.domain.gemeente import (
    CODE_PATTERN,
    SEED_KANTOOR,
    Gemeente,
    GemeenteError,
    Kantoor,
)
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.monitoring import (
    MonitoringRecord,
    MonitoringReport,
    Onderdeel,
    Resultaat,
    UitstroomSoort,
    monitoring_report,
    pip_start,
)
from inburg_desktop.domain.pip import Examenonderdeel, PipHistory
from inburg_desktop.domain.retention import PLICHT_EINDE_KEY, PLICHT_EINDE_REDEN_KEY, PlichtEinde
from inburg_desktop.domain.satisfaction import Onderwerp, Tevredenheid
from inburg_desktop.domain.voortgang_fields import parse_key
from inburg_desktop.server.tables import CaseRecord, FieldValue, Setting

log = logging.getLogger(__name__)

BATCH = 200
"""Case ids per read: the fields of at most this many cases are in memory at once."""
GEMEENTE_KEY = "gemeente"
GEMEENTEN_SETTING = "setting.gemeenten"
DOELGROEP_KEY = "doelgroep"
BRP_KEY = "dates.brp_registration"
KENNISGEVING_KEY = "dates.duo_kennisgeving"
BRP_AFTER_MOVE_KEY = "dates.brp_after_move"
WACHTEN_KEY = "pip.wachten_op_derde"
PVT_KEY = "pvt.ondertekend"
MAP_KEY = "map.eindgesprek"
_EXACT = (
    GEMEENTE_KEY,
    DOELGROEP_KEY,
    BRP_KEY,
    KENNISGEVING_KEY,
    BRP_AFTER_MOVE_KEY,
    WACHTEN_KEY,
    PVT_KEY,
    MAP_KEY,
    PLICHT_EINDE_KEY,
    PLICHT_EINDE_REDEN_KEY,
)
_UITSTROOM = {
    PlichtEinde.VOLDAAN: UitstroomSoort.VOLDAAN,
    PlichtEinde.ONTHEFFING: UitstroomSoort.ONTHEFFING,
    PlichtEinde.VERTREK: UitstroomSoort.VERTROKKEN,
    PlichtEinde.AOW_LEEFTIJD: UitstroomSoort.OVERIG,
    PlichtEinde.NATURALISATIE: UitstroomSoort.OVERIG,
    PlichtEinde.OVERLIJDEN: UitstroomSoort.OVERIG,
}
_ONDERDEEL = {
    Onderwerp.MAP: Onderdeel.MAP,
    Onderwerp.PVT: Onderdeel.PVT,
    Onderwerp.BEGELEIDING: Onderdeel.BEGELEIDING,
}


def monitoring_fields() -> ColumnElement[bool]:
    """The condition on ``field_values`` that selects what the report reads (the table
    in the module docstring): no other key, so no notes, names or numbers."""
    return or_(
        FieldValue.key.in_(_EXACT),
        FieldValue.key.startswith("pip.version.", autoescape=True),
        FieldValue.key.startswith("examen.", autoescape=True),
        FieldValue.key.like("voortgang.%.gehouden"),
        FieldValue.key.like("voortgang.%.tevredenheid.%"),
    )


@dataclass(frozen=True)
class OfficeMonitoring:
    """What the office holds for the report: its gemeenten, one record per readable case,
    and how many cases could not be counted (no readable doelgroep or BRP registration)."""

    kantoor: Kantoor
    records: tuple[MonitoringRecord, ...]
    niet_geteld: int

    def report(self, on: date) -> MonitoringReport:
        """The report on ``on`` over every gemeente of the office and together."""
        codes = tuple(sorted(self.kantoor.codes))
        return monitoring_report(self.records, codes, on)


def office_kantoor(session: Session) -> Kantoor:
    """The office's gemeenten: ``setting.gemeenten`` when published and readable, else the
    seed's three."""
    row = session.get(Setting, GEMEENTEN_SETTING)
    if row is None:
        return SEED_KANTOOR
    try:
        value = json.loads(row.value)
        return Kantoor(tuple(Gemeente(str(g["code"]), str(g["naam"])) for g in value["gemeenten"]))
    except (ValueError, TypeError, KeyError, GemeenteError, RecursionError):
        log.warning("monitoring: %s unreadable, the seed's gemeenten used", GEMEENTEN_SETTING)
        return SEED_KANTOOR


def _batches(session: Session) -> Iterator[dict[str, dict[str, str]]]:
    """The report fields (key → stored JSON) of :data:`BATCH` cases at a time, by id."""
    after: str | None = None
    while True:
        query = select(CaseRecord.id).order_by(CaseRecord.id).limit(BATCH)
        if after is not None:
            query = query.where(CaseRecord.id > after)
        ids = list(session.scalars(query))
        if not ids:
            return
        after = ids[-1]
        fields: dict[str, dict[str, str]] = {case_id: {} for case_id in ids}
        rows = select(FieldValue.case_id, FieldValue.key, FieldValue.value).where(
            FieldValue.case_id.in_(ids), monitoring_fields()
        )
        for case_id, key, value in session.execute(rows):
            fields[case_id][key] = value
        yield fields


def read_office(session: Session, on: date) -> OfficeMonitoring:
    """Every case of the office as a record on ``on`` (see the module docstring)."""
    kantoor = office_kantoor(session)
    records: list[MonitoringRecord] = []
    skipped = 0
    for batch in _batches(session):
        for case_id, stored in batch.items():
            record = case_record(stored, kantoor, on)
            if record is None:
                log.info("monitoring: case %s not counted (no doelgroep or BRP date)", case_id)
                skipped += 1
            else:
                records.append(record)
    return OfficeMonitoring(kantoor, tuple(records), skipped)


def _loads(stored: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, text in stored.items():
        try:
            values[key] = json.loads(text)
        except (ValueError, RecursionError):
            continue  # unreadable: as if absent
    return values


def _day(value: Any) -> date | None:
    try:
        return parse_iso_date(value) if isinstance(value, str) else None
    except ValueError:
        return None


def case_record(stored: Mapping[str, str], kantoor: Kantoor, on: date) -> MonitoringRecord | None:
    """One case's record from its stored report fields (key → canonical JSON), or
    ``None`` when it cannot be counted (no readable doelgroep or BRP registration).
    Never raises for a damaged value: that part is left out."""
    values = _loads(stored)
    brp = _day(values.get(BRP_KEY))
    try:
        doelgroep = Doelgroep(str(values.get(DOELGROEP_KEY)))
    except ValueError:
        return None
    if brp is None:
        return None
    kennisgeving = _day(values.get(KENNISGEVING_KEY))
    moved = _day(values.get(BRP_AFTER_MOVE_KEY))
    start = pip_start(doelgroep, brp, kennisgeving, moved)
    deadline = None
    if start is not None:
        due = pip_deadline(
            doelgroep, brp, kennisgeving, brp_after_move=moved, wachten_op_derde=_wait(values)
        )
        deadline = None if due is None else due.due
    history = _history(values)
    route = None
    pip_datum = termijn = None
    if history is not None:
        in_force = history.in_force
        route = None if in_force is None else in_force.beschikking.leerroute
        pip_datum, termijn = history.pip_date, history.termijn_start
    uitstroom, soort = _uitstroom(values)
    termijn_over = termijn is not None and on > termijn_end(termijn)
    return MonitoringRecord(
        gemeente=_gemeente(values.get(GEMEENTE_KEY), kantoor),
        doelgroep=doelgroep,
        instroom_maand=brp.isoformat()[:7],
        leerroute=route,
        pip_start=start,
        pip_deadline=deadline,
        pip_datum=pip_datum,
        termijn_start=termijn,
        uitstroom=uitstroom,
        uitstroom_soort=soort,
        resultaten=_resultaten(values, soort, termijn_over, route),
        tevredenheid=_tevredenheid(values),
    )


def _gemeente(value: Any, kantoor: Kantoor) -> str | None:
    # The stored canonical code only, as every office reader takes it
    # (``gemeente_rules.code_in``): a loose ``"0629"`` an office without gemeenten once
    # stored counted as Wassenaar here while the office's lists and rules saw no gemeente.
    if not (isinstance(value, str) and CODE_PATTERN.fullmatch(value)):
        return None
    return value if value in kantoor.codes else None


def _wait(values: Mapping[str, Any]) -> WachtenOpDerde | None:
    """The wait's dates only (its ``reden`` is free text and is not kept)."""
    value = values.get(WACHTEN_KEY)
    if not isinstance(value, dict):
        return None
    sinds = _day(value.get("sinds"))
    if sinds is None:
        return None
    return WachtenOpDerde("", sinds, _day(value.get("ontvangen")))


def _history(values: Mapping[str, Any]) -> PipHistory | None:
    try:
        return PipHistory.from_storage(values)
    except (ValueError, TypeError, KeyError, RecursionError):
        return None  # a damaged PIP: counted as before the PIP


def _uitstroom(values: Mapping[str, Any]) -> tuple[date | None, UitstroomSoort | None]:
    day = _day(values.get(PLICHT_EINDE_KEY))
    try:
        reden = PlichtEinde(str(values.get(PLICHT_EINDE_REDEN_KEY)))
    except ValueError:
        return None, None
    soort = _UITSTROOM.get(reden)
    if day is None or soort is None:
        return None, None
    return day, soort


def _resultaten(
    values: Mapping[str, Any],
    soort: UitstroomSoort | None,
    termijn_over: bool,
    route: Leerroute | None,
) -> dict[Resultaat, bool]:
    out: dict[Resultaat, bool] = {}
    parts: dict[str, bool] = {}
    knm: bool | None = None
    for key, value in values.items():
        if not key.startswith("examen.") or not isinstance(value, dict):
            continue
        passed = value.get("behaald")
        if not isinstance(passed, bool):
            continue
        part = value.get("onderdeel")
        if part is None:
            knm = bool(knm) or passed
        elif part in {p.value for p in Examenonderdeel}:
            parts[part] = parts.get(part, False) or passed
    if len(parts) == len(Examenonderdeel) and route is not Leerroute.Z:
        out[Resultaat.EXAMEN] = all(parts.values())
    if knm is not None:
        out[Resultaat.KNM] = knm
    if soort is UitstroomSoort.VOLDAAN:
        out[Resultaat.ROUTE] = True
    elif termijn_over:
        out[Resultaat.ROUTE] = False
    for resultaat, key in ((Resultaat.PVT, PVT_KEY), (Resultaat.MAP, MAP_KEY)):
        if resultaat is Resultaat.MAP and route is Leerroute.ONDERWIJS:
            continue  # no MAP in the onderwijsroute (Wet art. 8 lid 3)
        if _day(values.get(key)) is not None:
            out[resultaat] = True
        elif termijn_over:
            out[resultaat] = False
    return out


def _tevredenheid(values: Mapping[str, Any]) -> dict[Onderdeel, int]:
    """The latest answer with an opinion per subject (people, not talks, are counted:
    ``satisfaction.laatste_per_onderwerp``), by the day the talk was held, then its number."""
    latest: dict[Onderwerp, tuple[tuple[date, int], Tevredenheid]] = {}
    for key, value in values.items():
        parsed = parse_key(key)
        if parsed is None or parsed.onderwerp is None:
            continue
        try:
            answer = Tevredenheid(value)
        except ValueError:
            continue
        held = _day(values.get(f"voortgang.{parsed.nummer}.gehouden")) or date.min
        when = (held, parsed.nummer)
        known = latest.get(parsed.onderwerp)
        if known is None or when >= known[0]:
            latest[parsed.onderwerp] = (when, answer)
    return {
        _ONDERDEEL[o]: answer.score for o, (_, answer) in latest.items() if answer.score is not None
    }
