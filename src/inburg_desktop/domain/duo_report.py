"""What the municipality reports to DUO per case, as records with a stable identity.

Wet art. 34–36 and Besluit art. 9.1–9.6 (DOMAIN.md "Data exchange"): the municipality
reports the date the PIP was set, the leerroute and its changes, the intensity, progress
and attendance, PVT and MAP. The records are named after the GEMMA business objects of
the domain Inburgering (INSTRUMENTS.md) so a municipality's data warehouse recognises
them:

==========================  ==================  ==========================================
object                      key                 fields
==========================  ==================  ==========================================
``PIP``                     ``v<n>``            per set version: ``dagtekening``,
                                                ``versie``, ``eerste`` (the first PIP
                                                anchors the termijn, Wet art. 11)
``Leerroute``               ``v<n>``            the first set version and every version
                                                that changes the route or the afschaling:
                                                ``leerroute``, ``ingangsdatum``,
                                                ``afschaling_a2``, ``vorige_leerroute``
``Inburgeringstraject``     ``v<n>``            the first set version and every version
                                                that changes an intensity: leerroute hours
                                                per week and in total, PVT hours, MAP
                                                themes and hours, participation hours
``Voortgangsmeting``        ``YYYY-MM``         per whole calendar month from the first
                                                month with hours or the termijn start, up
                                                to the last month that ended before the
                                                report day and no further than the month
                                                the termijn (Wet art. 11) or the plicht
                                                ended (:func:`meting_tot`): attended
                                                hours per kind (a month without hours is
                                                reported: it says the person attended
                                                nothing)
``PVT``                     ``pvt``             attended hours and activities, signing
                                                date, done (Besluit art. 3.1)
``MAP``                     ``map``             themes done, eindgesprek date, done
                                                (Besluit art. 3.2); none in the
                                                onderwijsroute (Wet art. 8 lid 3)
==========================  ==================  ==========================================

A record's identity (:attr:`DuoRecord.identity`) is ``<case>/<object>/<key>``; its
fingerprint is a SHA-256 over its fields. The vault keeps, per identity, the fingerprint
last sent; :func:`diff` compares the current records against it and returns only what
is new, changed or gone, and :func:`mark_reported` gives the state after a send. No
names, BSN or free texts are in the records: the export adds the BSN (Wet art. 36: the
exchange uses the BSN) when it writes the file.
"""

from __future__ import annotations

import enum
import functools
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from inburg_desktop.domain.calendar import add_months
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.deadlines import termijn_end
from inburg_desktop.domain.pip import PipHistory, PipVersion
from inburg_desktop.domain.voortgang import (
    PvtActiviteit,
    UrenRegel,
    UrenSoort,
    map_stand,
    pvt_stand,
)

GRONDSLAG = "Wet art. 34-36, Besluit art. 9.1-9.6"


class DuoObject(enum.StrEnum):
    """GEMMA business objects (Gemeentelijk Gegevensmodel, domain Inburgering)."""

    PIP = "PIP"
    LEERROUTE = "Leerroute"
    INBURGERINGSTRAJECT = "Inburgeringstraject"
    VOORTGANGSMETING = "Voortgangsmeting"
    PVT = "PVT"
    MAP = "MAP"


@dataclass(frozen=True)
class DuoRecord:
    """One reportable fact. ``velden`` are (name, value) pairs, values as text."""

    case_id: str
    gemma_object: DuoObject
    sleutel: str
    velden: tuple[tuple[str, str], ...]

    @property
    def identity(self) -> str:
        return f"{self.case_id}/{self.gemma_object.value}/{self.sleutel}"

    @functools.cached_property
    def fingerprint(self) -> str:
        """SHA-256 (hex) over the object and its fields in name order: stable across runs
        and machines, changed by any change of a value."""
        lines = [self.gemma_object.value, *(f"{k}={v}" for k, v in sorted(self.velden))]
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()

    def as_json(self) -> dict[str, object]:
        return {
            "identity": self.identity,
            "case_id": self.case_id,
            "object": self.gemma_object.value,
            "key": self.sleutel,
            "fields": dict(self.velden),
            "grondslag": GRONDSLAG,
        }


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def _record(case_id: str, obj: DuoObject, key: str, **fields: object) -> DuoRecord:
    return DuoRecord(case_id, obj, key, tuple((k, _text(v)) for k, v in fields.items()))


def _intensity(version: PipVersion) -> dict[str, object]:
    b = version.beschikking
    route = b.leerroute_intensiteit
    return {
        "leerroute_uren_per_week": None if route is None else route.uren_per_week,
        "leerroute_totaal_uren": None if route is None else route.totaal_uren,
        "pvt_uren": None if b.pvt is None else b.pvt.uren,
        "map_themas": None if b.map is None else b.map.themas,
        "map_uren": None if b.map is None else b.map.uren,
        "participatie_uren_per_week": sum(p.uren_per_week for p in b.participatie),
        "participatie_totaal_uren": sum(p.totaal_uren for p in b.participatie),
    }


def pip_records(case_id: str, history: PipHistory) -> list[DuoRecord]:
    """``PIP``, ``Leerroute`` and ``Inburgeringstraject`` records of the set versions."""
    out: list[DuoRecord] = []
    previous: PipVersion | None = None
    for version in history.versions:
        if not version.is_set:
            continue  # a draft is not a decision: nothing to report yet
        key = f"v{version.nummer}"
        out.append(
            _record(
                case_id,
                DuoObject.PIP,
                key,
                dagtekening=version.dagtekening,
                versie=version.nummer,
                eerste=previous is None,
            )
        )
        route_changed = previous is None or (
            (previous.leerroute, previous.afschaling_a2)
            != (version.leerroute, version.afschaling_a2)
        )
        if route_changed and version.leerroute is not None:
            out.append(
                _record(
                    case_id,
                    DuoObject.LEERROUTE,
                    key,
                    leerroute=version.leerroute.value,
                    ingangsdatum=version.dagtekening,
                    afschaling_a2=version.afschaling_a2,
                    vorige_leerroute=_route(previous),
                )
            )
        intensity = _intensity(version)
        if previous is None or intensity != _intensity(previous):
            out.append(
                _record(
                    case_id,
                    DuoObject.INBURGERINGSTRAJECT,
                    key,
                    ingangsdatum=version.dagtekening,
                    **intensity,
                )
            )
        previous = version
    return out


def _route(version: PipVersion | None) -> str | None:
    route: Leerroute | None = None if version is None else version.leerroute
    return None if route is None else route.value


def _month_start(day: date) -> date:
    return day.replace(day=1)


def meting_tot(termijn_start: date | None, plicht_einde: date | None) -> date | None:
    """The last day progress is measured for: the termijn's last day
    (``deadlines.termijn_end``, Wet art. 11) or the day the plicht ended
    (``retention.plicht_einde_dag``, Wet art. 3 and 7), whichever comes first; ``None``
    when neither is known (no PIP set and no recorded end: no end yet). After it there
    is no plicht to make progress on, so zero-hour months would tell DUO of an absence
    that is none."""
    ends = [d for d in (termijn_end(termijn_start), plicht_einde) if d is not None]
    return min(ends) if ends else None


def voortgang_records(
    case_id: str,
    termijn_start: date | None,
    regels: Sequence[UrenRegel],
    on: date,
    plicht_einde: date | None = None,
) -> list[DuoRecord]:
    """One ``Voortgangsmeting`` per whole calendar month (module docstring), up to the
    month of :func:`meting_tot` (``termijn_start``, ``plicht_einde``) included: that
    month still held days of the plicht. Hours recorded after it are not reported."""
    starts = [r.datum for r in regels]
    if termijn_start is not None:
        starts.append(termijn_start)
    if not starts:
        return []
    totals: dict[tuple[date, UrenSoort], Decimal] = {}
    for row in regels:
        key = (_month_start(row.datum), row.soort)
        totals[key] = totals.get(key, Decimal(0)) + row.uren
    out: list[DuoRecord] = []
    month = _month_start(min(starts))
    current = _month_start(on)
    last = meting_tot(termijn_start, plicht_einde)
    if last is not None:
        current = min(current, add_months(_month_start(last), 1))
    while month < current:  # only months that ended before the report day
        # the field names worked out once: an office export makes tens of thousands
        velden = tuple(
            (name, _text(totals.get((month, soort), _ZERO))) for name, soort in _UREN_VELDEN
        )
        sleutel = f"{month.year:04d}-{month.month:02d}"
        out.append(DuoRecord(case_id, DuoObject.VOORTGANGSMETING, sleutel, velden))
        month = add_months(month, 1)
    return out


_ZERO = Decimal(0)
_UREN_VELDEN = tuple((f"uren_{soort.value}", soort) for soort in UrenSoort)


def pvt_map_records(
    case_id: str,
    leerroute: Leerroute | None,
    pvt_activiteiten: Sequence[PvtActiviteit],
    pvt_ondertekend_op: date | None,
    map_themas: Iterable[int],
    map_eindgesprek_op: date | None,
) -> list[DuoRecord]:
    """The ``PVT`` and ``MAP`` records, once something is registered for them."""
    out: list[DuoRecord] = []
    if pvt_activiteiten or pvt_ondertekend_op is not None:
        attended = [a for a in pvt_activiteiten if a.aanwezig]
        out.append(
            _record(
                case_id,
                DuoObject.PVT,
                "pvt",
                uren_bijgewoond=sum((a.uren for a in attended), Decimal(0)),
                activiteiten_bijgewoond=len(attended),
                ondertekend_op=pvt_ondertekend_op,
                afgerond=pvt_stand(pvt_activiteiten, pvt_ondertekend_op).afgerond,
            )
        )
    themes = sorted(set(map_themas))
    stand = map_stand(leerroute, themes, map_eindgesprek_op)
    if stand.van_toepassing and (themes or map_eindgesprek_op is not None):
        out.append(
            _record(
                case_id,
                DuoObject.MAP,
                "map",
                themas_afgerond=",".join(str(t) for t in themes),
                eindgesprek_op=map_eindgesprek_op,
                afgerond=stand.afgerond,
            )
        )
    return out


@dataclass(frozen=True)
class CaseReportInput:
    """What the report needs of one case (no personal data)."""

    case_id: str
    history: PipHistory
    regels: tuple[UrenRegel, ...] = ()
    pvt_activiteiten: tuple[PvtActiviteit, ...] = ()
    pvt_ondertekend_op: date | None = None
    map_themas: tuple[int, ...] = ()
    map_eindgesprek_op: date | None = None
    plicht_einde: date | None = None
    """The day the plicht ended or at the latest ends (``retention.plicht_einde_dag``);
    ``None`` when the facts to count it from are missing."""


def duo_records(case: CaseReportInput, on: date) -> tuple[DuoRecord, ...]:
    """Every record the case has to report on ``on``, in a stable order."""
    in_force = case.history.in_force
    route = None if in_force is None else in_force.leerroute
    return (
        *pip_records(case.case_id, case.history),
        *voortgang_records(
            case.case_id, case.history.termijn_start, case.regels, on, case.plicht_einde
        ),
        *pvt_map_records(
            case.case_id,
            route,
            case.pvt_activiteiten,
            case.pvt_ondertekend_op,
            case.map_themas,
            case.map_eindgesprek_op,
        ),
    )


class Mutatie(enum.StrEnum):
    NIEUW = "nieuw"
    GEWIJZIGD = "gewijzigd"
    VERVALLEN = "vervallen"  # reported before, no longer in the data (a correction)


@dataclass(frozen=True)
class DuoMutatie:
    """One line of the next report: the record (``None`` when it is gone)."""

    soort: Mutatie
    identity: str
    record: DuoRecord | None


def diff(
    current: Iterable[DuoRecord], reported: Mapping[str, str], case_ids: Iterable[str] = ()
) -> tuple[DuoMutatie, ...]:
    """What to report: records not reported yet, records whose fingerprint changed since,
    and, for the cases in ``case_ids`` (the cases whose full record set ``current``
    holds), identities reported before that no longer exist. ``reported`` maps identity
    → fingerprint last sent. Unchanged records are left out. Order: ``current``'s, then
    the gone ones by identity."""
    out: list[DuoMutatie] = []
    seen: set[str] = set()
    for record in current:
        identity = record.identity
        seen.add(identity)
        sent = reported.get(identity)
        if sent is None:
            out.append(DuoMutatie(Mutatie.NIEUW, identity, record))
        elif sent != record.fingerprint:
            out.append(DuoMutatie(Mutatie.GEWIJZIGD, identity, record))
    prefixes = tuple(f"{case_id}/" for case_id in case_ids)
    if prefixes:
        for identity in sorted(reported):
            if identity.startswith(prefixes) and identity not in seen:
                out.append(DuoMutatie(Mutatie.VERVALLEN, identity, None))
    return tuple(out)


def mark_reported(reported: Mapping[str, str], sent: Iterable[DuoMutatie]) -> dict[str, str]:
    """The "already reported" state after ``sent`` went to DUO."""
    state = dict(reported)
    for mutation in sent:
        if mutation.record is None:
            state.pop(mutation.identity, None)
        else:
            state[mutation.identity] = mutation.record.fingerprint
    return state
