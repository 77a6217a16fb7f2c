"""The office's report to DUO (Wet art. 34-36, Besluit art. 9.1-9.6; issue 15 item 7).

Per case the office computes what the municipality reports (``domain.duo_report``: the
PIP date, the leerroute and its changes, the intensity, progress and attendance per
month, PVT and MAP) from what it holds (PIP versions ``pip.version.<n>``, progress data
``uren.*``, ``pvt.*``, ``map.*``: ``domain.progress_fields``), compares it with what was
reported before (table ``duo_reported``) and writes an ``inburg-duo/1`` file
(docs/duo-report.md) holding only what is new, changed or withdrawn.

Three steps, so a send that failed is never marked as sent:

1. :func:`compute` reads (nothing written) and returns a :class:`DuoExport`; its id is a
   hash of its content, so two exports without a confirmation between them are the same
   export, byte for byte;
2. :func:`register` keeps the export's mutations (identities and fingerprints only) in
   ``duo_exports``; the command then writes the file;
3. :func:`confirm` (``inburg-office duo bevestig EXPORT_ID``), run by the operator once
   DUO accepted the file, marks its mutations as reported. An export computed before
   another one was confirmed is stale (it may report what that one already sent, or miss
   a withdrawal) and is refused: export again.

A case whose data cannot be read (a damaged PIP version or progress entry, stored JSON
that does not parse) or that has something to report but no BSN (Wet art. 36: the
exchange uses the BSN) is *refused*: listed with its id and a reason code in the export,
its records left out (nothing of it is reported or withdrawn), and the other cases go
on. The log gets the case id and the code, never a value.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from inburg_desktop.domain.bsn import is_bsn
from inburg_desktop.domain.duo_report import (
    GRONDSLAG,
    CaseReportInput,
    DuoMutatie,
    Mutatie,
    diff,
    duo_records,
)
from inburg_desktop.domain.gemeente import SEED_KANTOOR, GemeenteError, Kantoor, gemeentecode
from inburg_desktop.domain.pip import PipHistory
from inburg_desktop.domain.progress_fields import records_of
from inburg_desktop.domain.retention import (
    DATE_OF_BIRTH_KEY,
    LENING_EINDE_KEY,
    OVERLEDEN_KEY,
    PLICHT_EINDE_KEY,
    PLICHT_EINDE_REDEN_KEY,
    RetentieFeiten,
    feiten_uit_velden,
    intake_pip_verlopen,
    plicht_einde_dag,
)
from inburg_desktop.protocol.canonical import canonical_json
from inburg_desktop.protocol.field_rules import shown
from inburg_desktop.server.admin import AdminError
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.db import Database, lock_counter
from inburg_desktop.server.gemeente_rules import GEMEENTE_KEY, code_in
from inburg_desktop.server.tables import CaseRecord, DuoExportRow, DuoReported, FieldValue

log = logging.getLogger(__name__)

FORMAT = "inburg-duo/1"
BSN_KEY = "person.bsn"
REPORT_PREFIXES = ("pip.version.", "uren.", "pvt.", "map.")
"""The fields the report reads beside the BSN, the gemeente and :data:`FACT_KEYS`."""
FACT_KEYS = (
    DATE_OF_BIRTH_KEY,
    PLICHT_EINDE_KEY,
    PLICHT_EINDE_REDEN_KEY,
    OVERLEDEN_KEY,
    LENING_EINDE_KEY,
)
"""The facts the end of the plicht and the retention terms count from
(``retention.feiten_uit_velden``): progress is reported up to that end, and the records
of a case whose intake and PIP term has passed are never withdrawn."""
_EXPORT_ID = re.compile(r"[0-9a-f]{32}")
_CHUNK = 500
"""Identities per statement when marking (PostgreSQL and SQLite take far more parameters)."""

REFUSAL_WORDS: Mapping[str, str] = {
    "duo_opslag_onleesbaar": "een opgeslagen waarde is geen geldige JSON",
    "duo_pip_onleesbaar": "een PIP-versie is onleesbaar of de versies passen niet bij elkaar",
    "duo_voortgang_onleesbaar": "voortgangsgegevens zijn onleesbaar",
    "duo_geen_bsn": (
        "er is iets te melden, maar het dossier heeft geen geldig BSN "
        "(negen cijfers die de elfproef doorstaan)"
    ),
    "duo_onverwacht": "de gegevens konden niet worden verwerkt",
}
"""Why a case is refused, by code, in the office's Dutch (the server has no catalogue)."""


@dataclass(frozen=True)
class Geweigerd:
    """A case left out of the export: its id, the reason code and, for unreadable progress
    data, the keys concerned (``uren.<id>``: structure, no values)."""

    case_id: str
    reden: str
    velden: tuple[str, ...] = ()

    @property
    def tekst(self) -> str:
        words = REFUSAL_WORDS[self.reden]
        return f"{words} ({', '.join(self.velden)})" if self.velden else words

    def as_json(self) -> dict[str, object]:
        return {
            "case_id": self.case_id,
            "reden": self.reden,
            "tekst": self.tekst,
            "velden": list(self.velden),
        }


@dataclass(frozen=True)
class DuoExport:
    """One export: the mutations since the last confirmation (``basis``), the BSN of each
    case they concern, the refused cases and how many cases were looked at."""

    peildatum: date
    gemeente: str | None
    case_id: str | None
    basis: int
    mutaties: tuple[DuoMutatie, ...]
    bsn: Mapping[str, str]
    geweigerd: tuple[Geweigerd, ...]
    dossiers: int
    zonder_gemeente: int = 0
    """Cases of the office that record no (readable) gemeente, and so are in no gemeente's
    export: counted when the export is for one gemeente, else 0 (not in the file)."""

    @functools.cached_property
    def _body(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "peildatum": self.peildatum.isoformat(),
            "gemeente": self.gemeente,
            "case_id": self.case_id,
            "basis": self.basis,
            "grondslag": GRONDSLAG,
            # What DUO acts on. The cases the office left out (their ids, codes and
            # reasons) are the office's own work list: they go to its terminal and
            # --json output, never to DUO (usability round 9 #15).
            "aantallen": {k: v for k, v in self.counts().items() if k != "geweigerd"},
            "mutaties": [_mutation_json(m, self.bsn) for m in self.mutaties],
        }

    @functools.cached_property
    def export_id(self) -> str:
        """32 hex digits of the SHA-256 of the content: the same content, the same id."""
        return hashlib.sha256(canonical_json(self._body).encode()).hexdigest()[:32]

    def counts(self) -> dict[str, int]:
        """Records per kind of mutation, refused cases and cases looked at (the file
        carries all but ``geweigerd``)."""
        counted = {m.value: 0 for m in Mutatie}
        for mutation in self.mutaties:
            counted[mutation.soort.value] += 1
        return {**counted, "geweigerd": len(self.geweigerd), "dossiers": self.dossiers}

    def document(self) -> dict[str, Any]:
        """The ``inburg-duo/1`` document (docs/duo-report.md)."""
        return {"format": FORMAT, "export_id": self.export_id, **self._body}

    def data(self) -> bytes:
        """The file's bytes: compact UTF-8 JSON with one trailing newline (an indented
        file of a whole office is several times larger and slower to write)."""
        text = json.dumps(self.document(), ensure_ascii=False, separators=(",", ":"))
        return (text + "\n").encode()


def _split(identity: str) -> tuple[str, str, str]:
    case_id, obj, key = identity.rsplit("/", 2)
    return case_id, obj, key


def _mutation_json(mutation: DuoMutatie, bsn: Mapping[str, str]) -> dict[str, Any]:
    case_id, obj, key = _split(mutation.identity)
    record = mutation.record
    return {
        "mutatie": mutation.soort.value,
        "identity": mutation.identity,
        "case_id": case_id,
        "bsn": bsn[case_id],
        "object": obj,
        "key": key,
        "fields": None if record is None else dict(record.velden),
        "fingerprint": None if record is None else record.fingerprint,
    }


# --- reading -----------------------------------------------------------------------------


def parse_gemeente(text: str, kantoor: Kantoor | None = None) -> str:
    """``--gemeente``: one of the office's gemeenten ``kantoor`` (``gemeente_rules.
    office_kantoor``) by its name or its code in any form ``domain.gemeente.gemeentecode``
    takes; for an office that records none (``None``), a CBS code in any such form or the
    name of one of the seed's gemeenten. Raises :class:`GemeenteError` in words (naming
    what the office serves)."""
    if kantoor is not None:
        return kantoor.find(text).code
    try:
        return gemeentecode(text)
    except GemeenteError:
        return SEED_KANTOOR.find(text).code


def report_fields() -> ColumnElement[bool]:
    """The condition on ``field_values`` that selects what the report reads."""
    return or_(
        FieldValue.key.in_((BSN_KEY, GEMEENTE_KEY, *FACT_KEYS)),
        *(FieldValue.key.startswith(prefix, autoescape=True) for prefix in REPORT_PREFIXES),
    )


def _case_fields(
    session: Session, case_id: str | None
) -> tuple[list[str], dict[str, dict[str, str]]]:
    """Every case id (or just ``case_id``) and its report fields as stored (JSON text)."""
    ids_query = select(CaseRecord.id).order_by(CaseRecord.id)
    rows_query = select(FieldValue.case_id, FieldValue.key, FieldValue.value).where(report_fields())
    if case_id is not None:
        ids_query = ids_query.where(CaseRecord.id == case_id)
        rows_query = rows_query.where(FieldValue.case_id == case_id)
    ids = list(session.scalars(ids_query))
    stored: dict[str, dict[str, str]] = {}
    for row_case, key, value in session.execute(rows_query):
        stored.setdefault(row_case, {})[key] = value
    return ids, stored


def _gemeente_of(raw: str | None) -> str | None:
    # The stored canonical code only, as the office's lists and rules read it; a loose
    # "0629" is no gemeente, in the report as at the office (no readable gemeente: in no
    # gemeente's export)
    return None if raw is None else code_in(raw)


def _bsn_of(value: Any) -> str | None:
    # A number failing the elfproef identifies no one at DUO (Wet art. 36).
    return value if is_bsn(value) else None


def _feiten(values: Mapping[str, object]) -> RetentieFeiten | None:
    """The case's retention facts, ``None`` when they cannot be read (no date of birth):
    then no end of the plicht is known beyond the termijn's, and nothing counts as
    lawfully purged."""
    try:
        return feiten_uit_velden(values)
    except (ValueError, TypeError):
        return None


@dataclass(frozen=True)
class _Read:
    """One case read for the report: its input, its BSN, or why it was refused."""

    case_id: str
    report: CaseReportInput | None = None
    bsn: str | None = None
    refused: Geweigerd | None = None
    feiten: RetentieFeiten | None = None


def read_case(case_id: str, stored: Mapping[str, str]) -> _Read:
    """One case's report input from its stored fields (key → canonical JSON). Never
    raises: what cannot be read makes the case refused, with a code."""
    try:
        values = {key: json.loads(text) for key, text in stored.items()}
    except (ValueError, RecursionError):
        return _Read(case_id, refused=Geweigerd(case_id, "duo_opslag_onleesbaar"))
    try:
        history = PipHistory.from_storage(values)
    except (ValueError, TypeError, KeyError, RecursionError):
        return _Read(case_id, refused=Geweigerd(case_id, "duo_pip_onleesbaar"))
    progress = records_of(values)
    if progress.unreadable:
        # Reporting the rest would tell DUO fewer hours than were attended.
        refused = Geweigerd(case_id, "duo_voortgang_onleesbaar", tuple(progress.unreadable))
        return _Read(case_id, refused=refused)
    feiten = _feiten(values)
    report = CaseReportInput(
        case_id=case_id,
        history=history,
        regels=progress.regels,
        pvt_activiteiten=tuple(e.activiteit for e in progress.pvt),
        pvt_ondertekend_op=progress.pvt_ondertekend,
        map_themas=progress.themas_afgerond,
        map_eindgesprek_op=progress.map_eindgesprek,
        plicht_einde=None if feiten is None else plicht_einde_dag(feiten),
    )
    return _Read(case_id, report=report, bsn=_bsn_of(values.get(BSN_KEY)), feiten=feiten)


def _reported(session: Session, case_id: str | None) -> dict[str, str]:
    query = select(DuoReported.identity, DuoReported.fingerprint)
    if case_id is not None:
        query = query.where(DuoReported.case_id == case_id)
    return {identity: fingerprint for identity, fingerprint in session.execute(query)}


def check_peildatum(session: Session, on: date, today: date, case_ids: Sequence[str]) -> None:
    """Refuse (:class:`AdminError`, in words) a peildatum after ``today`` (the office's
    today: months that have not ended would be reported, and once confirmed count as
    reported) or before the latest peildatum of a confirmed export that reported a record
    of one of ``case_ids`` (the months reported since would come out as withdrawals)."""
    if on > today:
        raise AdminError(
            f"De peildatum {on.isoformat()} ligt na vandaag ({today.isoformat()}); "
            "er is niets gemaakt. Meld alleen maanden die voorbij zijn."
        )
    latest = select(func.max(DuoExportRow.peildatum)).join(
        DuoReported, DuoReported.export_id == DuoExportRow.id
    )
    found: list[str] = []
    for start in range(0, len(case_ids), _CHUNK):
        chunk = case_ids[start : start + _CHUNK]
        value = session.scalar(latest.where(DuoReported.case_id.in_(chunk)))
        if value is not None:
            found.append(value)
    last = max(found, default=None)
    if last is not None and on.isoformat() < last:
        raise AdminError(
            f"De peildatum {on.isoformat()} ligt vóór die van de laatst bevestigde export "
            f"({last}); er is niets gemaakt. Een eerdere peildatum zou de maanden die "
            "sindsdien gemeld zijn bij DUO intrekken."
        )


def _last_confirmation(session: Session) -> int:
    return int(session.scalar(select(func.max(DuoExportRow.bevestiging))) or 0)


def compute(
    db: Database, on: date, gemeente: str | None = None, case_id: str | None = None
) -> DuoExport:
    """What the next report to DUO holds on ``on`` for every case, the cases of
    ``gemeente`` (a canonical CBS code: cases whose ``gemeente`` field names it) or the
    one case ``case_id``. Reads only. Raises :class:`AdminError` for a ``case_id`` the
    office does not hold and for a peildatum :func:`check_peildatum` refuses."""
    with db.read() as session:
        ids, stored = _case_fields(session, case_id)
        if case_id is not None and not ids:
            raise AdminError(f"Dossier {shown(case_id)} bestaat niet op het kantoor.")
        zonder = 0
        if gemeente is not None:
            codes = {i: _gemeente_of(stored.get(i, {}).get(GEMEENTE_KEY)) for i in ids}
            zonder = sum(1 for code in codes.values() if code is None)
            ids = [i for i in ids if codes[i] == gemeente]
        check_peildatum(session, on, date.today(), ids)
        reported = _reported(session, case_id)
        basis = _last_confirmation(session)
    export = build_export(on, gemeente, case_id, basis, ids, stored, reported)
    return dataclasses.replace(export, zonder_gemeente=zonder)


def build_export(
    on: date,
    gemeente: str | None,
    case_id: str | None,
    basis: int,
    ids: Sequence[str],
    stored: Mapping[str, Mapping[str, str]],
    reported: Mapping[str, str],
) -> DuoExport:
    """The export of the cases ``ids`` from their stored fields and the reported state
    (identity → fingerprint). Pure: the part :func:`compute` does after reading."""
    by_case: dict[str, list[str]] = {}
    for identity in reported:
        by_case.setdefault(_split(identity)[0], []).append(identity)
    mutaties: list[DuoMutatie] = []
    bsn: dict[str, str] = {}
    refused: list[Geweigerd] = []
    for one in ids:
        try:
            read = read_case(one, stored.get(one, {}))
            records = () if read.report is None else duo_records(read.report, on)
        except Exception as exc:  # one case never ends the export of the others
            log.warning("duo: case %s failed (%s)", one, type(exc).__name__)  # type, no text
            read = _Read(one, refused=Geweigerd(one, "duo_onverwacht"))
        if read.refused is not None:
            log.warning("duo: case %s refused (%s)", one, read.refused.reden)
            refused.append(read.refused)
            continue
        own = {i: reported[i] for i in by_case.get(one, ())}
        # Records gone because the intake and PIP term passed went by a lawful purge,
        # not by a correction: DUO is not told to withdraw them (Besluit art. 9.9).
        verlopen = read.feiten is not None and intake_pip_verlopen(read.feiten, on)
        changes = diff(records, own, () if verlopen else (one,))
        if not changes:
            continue
        if read.bsn is None:
            log.warning("duo: case %s refused (duo_geen_bsn)", one)
            refused.append(Geweigerd(one, "duo_geen_bsn"))
            continue
        bsn[one] = read.bsn
        mutaties.extend(changes)
    return DuoExport(
        peildatum=on,
        gemeente=gemeente,
        case_id=case_id,
        basis=basis,
        mutaties=tuple(mutaties),
        bsn=bsn,
        geweigerd=tuple(refused),
        dossiers=len(ids),
    )


# --- registering and confirming ----------------------------------------------------------


def register(db: Database, export: DuoExport) -> None:
    """Keep ``export`` (identities, case ids, fingerprints) so it can be confirmed. The
    same export registered twice is kept once. Raises :class:`AdminError` when another
    export was confirmed since ``export`` was computed (export again)."""
    mutaties = [
        [m.identity, _split(m.identity)[0], None if m.record is None else m.record.fingerprint]
        for m in export.mutaties
    ]
    with db.write() as session:
        lock_counter(session)  # one writer: a confirmation cannot slip in between
        if _last_confirmation(session) != export.basis:
            raise AdminError(
                "Er is intussen een andere export bevestigd; er is niets geschreven. "
                "Maak de export opnieuw."
            )
        if session.get(DuoExportRow, export.export_id) is not None:
            return
        session.add(
            DuoExportRow(
                id=export.export_id,
                created_at=utcnow(),
                peildatum=export.peildatum.isoformat(),
                gemeente=export.gemeente,
                case_id=export.case_id,
                basis=export.basis,
                mutaties=json.dumps(mutaties),
            )
        )


@dataclass(frozen=True)
class Bevestiging:
    """A confirmed export: how many records it marked as reported and as withdrawn,
    whether it had been confirmed before (then nothing changed), and its number."""

    export_id: str
    gemeld: int
    ingetrokken: int
    al_bevestigd: bool
    bevestiging: int


def confirm(db: Database, export_id: str) -> Bevestiging:
    """Mark what export ``export_id`` holds as reported to DUO (run once DUO accepted the
    file). Idempotent. Raises :class:`AdminError` for an unknown id and for a stale
    export (another export was confirmed since it was made: it may repeat or miss what
    that one sent)."""
    wanted = export_id.strip().lower()
    if not _EXPORT_ID.fullmatch(wanted):
        raise AdminError(
            f"'{shown(export_id, 40)}' is geen export-id: verwacht 32 tekens 0-9 en a-f, "
            "zoals de export ze noemt."
        )
    with db.write() as session:
        lock_counter(session)
        row = session.get(DuoExportRow, wanted)
        if row is None:
            raise AdminError(
                f"Export {wanted} bestaat niet op dit kantoor; er is niets gemarkeerd."
            )
        items: list[list[str | None]] = json.loads(row.mutaties)
        gone = sum(1 for item in items if item[2] is None)
        if row.bevestiging is not None:
            return Bevestiging(wanted, len(items) - gone, gone, True, row.bevestiging)
        last = _last_confirmation(session)
        if last != row.basis:
            raise AdminError(
                f"Export {wanted} is verouderd: na het maken ervan is een andere export "
                "bevestigd. Er is niets gemarkeerd; maak een nieuwe export en verstuur die."
            )
        _apply(session, wanted, items)
        row.bevestiging = last + 1
        row.confirmed_at = utcnow()
        return Bevestiging(wanted, len(items) - gone, gone, False, last + 1)


def _apply(session: Session, export_id: str, items: Sequence[list[str | None]]) -> None:
    """Replace the reported rows of ``items``' identities: in bulk (an export of a whole
    office holds tens of thousands of records), in chunks the databases take."""
    stamp = utcnow()
    existing = set(session.scalars(select(CaseRecord.id)))
    # A purge since the export deleted these cases' reported rows: putting them back
    # would make the next export withdraw what went lawfully (Besluit art. 9.9).
    purged = _intake_pip_verlopen(session, {str(item[1]) for item in items}, stamp.date())
    identities = [str(item[0]) for item in items]
    for start in range(0, len(identities), _CHUNK):
        chunk = identities[start : start + _CHUNK]
        session.execute(delete(DuoReported).where(DuoReported.identity.in_(chunk)))
    rows = [
        {
            "identity": identity,
            "case_id": case_id,
            "fingerprint": fingerprint,
            "export_id": export_id,
            "reported_at": stamp,
        }
        for identity, case_id, fingerprint in items
        # a withdrawn record is gone; a case purged since the export keeps nothing
        if fingerprint is not None and case_id in existing and case_id not in purged
    ]
    for start in range(0, len(rows), _CHUNK):
        session.execute(insert(DuoReported), rows[start : start + _CHUNK])


def _intake_pip_verlopen(session: Session, case_ids: set[str], on: date) -> set[str]:
    """Those of ``case_ids`` whose intake and PIP term has passed on ``on``."""
    facts: dict[str, dict[str, object]] = {}
    ids = sorted(case_ids)
    for start in range(0, len(ids), _CHUNK):
        query = select(FieldValue.case_id, FieldValue.key, FieldValue.value).where(
            FieldValue.case_id.in_(ids[start : start + _CHUNK]), FieldValue.key.in_(FACT_KEYS)
        )
        for case_id, key, raw in session.execute(query):
            try:
                facts.setdefault(case_id, {})[key] = json.loads(raw)
            except (ValueError, RecursionError):
                continue  # unreadable: left out, as the export reads it (_feiten)
    out: set[str] = set()
    for case_id, values in facts.items():
        feiten = _feiten(values)
        if feiten is not None and intake_pip_verlopen(feiten, on):
            out.add(case_id)
    return out
