"""What the office administrator does: codes, devices, revocation, caseloads, imports.

These functions take a :class:`Database` and are shared by the ``inburg-office`` CLI and
the tests. Enrollment redemption (the laptop's side of a code) is here too, so the code
rules live in one module.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, NoReturn

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from inburg_desktop.domain.cited import nl_euro
from inburg_desktop.domain.fine_settings import OFFICE_SETTING as FINE_AMOUNTS
from inburg_desktop.domain.fine_settings import parse_fine_settings
from inburg_desktop.domain.fines import FineInvalid
from inburg_desktop.domain.gemeente import CODE_PATTERN, GemeenteError
from inburg_desktop.domain.gemeente_setting import LETTERHEAD_PREFIX
from inburg_desktop.domain.handover import HandoverError, parse_handover_bytes
from inburg_desktop.domain.idle_lock import (
    MAX_MINUTES,
    MIN_MINUTES,
    IdleLockError,
    minutes_value,
)
from inburg_desktop.domain.idle_lock import OFFICE_SETTING as IDLE_LOCK
from inburg_desktop.domain.letterhead import OFFICE_SETTING as LETTERHEAD_SETTING
from inburg_desktop.domain.letterhead import LetterheadError, letterhead_setting
from inburg_desktop.domain.safe_text import label_key, name_key, person_name, typed_label_problem
from inburg_desktop.protocol import device_keys as keys
from inburg_desktop.protocol import handover_fields
from inburg_desktop.protocol.canonical import canonical_json, json_depth
from inburg_desktop.protocol.field_rules import FieldRefused, check_patch, plain_text, shown
from inburg_desktop.protocol.messages import (
    MAX_VALUE_DEPTH,
    EnrollRequest,
    EnrollResponse,
    consultant_problem,
)
from inburg_desktop.server.case_rules import (
    stored_refusal,
    talk_refusal,
)
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.db import Counter, Database, lock_counter
from inburg_desktop.server.errors import ApiError
from inburg_desktop.server.gemeente_rules import (
    GEMEENTE_KEY,
    GemeentePolicy,
    assign_problem,
    code_in,
    office_kantoor,
    stored_gemeente,
)
from inburg_desktop.server.gemeente_rules import SETTING_KEY as GEMEENTEN_SETTING
from inburg_desktop.server.push import handhaving_refusal
from inburg_desktop.server.recovery import current_public_key
from inburg_desktop.server.tables import (
    Assignment,
    CaseRecord,
    Conflict,
    Device,
    EnrollmentCode,
    FieldValue,
    Removal,
    Setting,
)

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_CHARS = 20  # 100 bits
DEFAULT_CODE_HOURS = 72
MAX_CODE_HOURS = 30 * 24
MAX_SETTING_BYTES = 1024 * 1024
_SETTING_KEY = re.compile(r"(setting|catalogue)\.[A-Za-z0-9_][A-Za-z0-9_.\-]{0,190}")


class AdminError(Exception):
    """An admin command that cannot be done, with a message for the administrator."""


class RequestRefused(AdminError):
    """The office refuses what was asked of an import, not the file: a gemeente it does
    not serve, a consultant who does not work for the case's gemeente (``inburg-office``
    exits 1 for these, 5 only for a bad file)."""


class UnknownGemeente(RequestRefused):
    """A gemeente argument that names none of the office's gemeenten (``inburg-office``
    exits 2: a bad argument, as ``duo export --gemeente`` always did)."""


def new_code() -> str:
    """A one-time code: 20 Crockford base32 characters in groups of four."""
    raw = "".join(secrets.choice(_CROCKFORD) for _ in range(CODE_CHARS))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_CHARS, 4))


def normalize_code(code: str) -> str:
    text = "".join(code.split()).replace("-", "").upper()
    return text.translate(str.maketrans("OIL", "011"))


def code_hash(code: str) -> str:
    return hashlib.sha256(normalize_code(code).encode("ascii", "replace")).hexdigest()


def consultant_name(name: str) -> str:
    """``name`` stripped; raises :class:`AdminError` if empty, over 200 characters,
    holding ``<`` or ``>``, or holding characters the one name rule refuses (control,
    text-direction, invisible or non-characters, symbols, misplaced joiners; it is shown on
    terminals and laptops). The rule is the laptop's check of the enrollment
    answer (``protocol.messages.consultant_problem``), so no code is made for a name a
    laptop would refuse. The name is in NFC (``domain.safe_text.person_name``), so one
    consultant is not two by the way an accent was typed."""
    problem = consultant_problem(name.strip())  # as typed: see services.consulent
    name = person_name(name)
    if problem in ("empty", "too_long"):
        raise AdminError("De naam van de consulent moet 1 tot 200 tekens zijn.")
    if problem == "markup":
        raise AdminError("De naam van de consulent mag geen < of > bevatten.")
    if problem is not None:
        raise AdminError(
            "De naam van de consulent bevat stuurtekens, onzichtbare tekens, tekens die de "
            "schrijfrichting omdraaien of tekens die geen deel van een naam zijn (symbolen, "
            "codes die geen teken zijn, een verbindingsteken buiten een woord dat het nodig "
            "heeft)."
        )
    return name


MAX_LABEL = 60
"""Characters of a laptop's label (``inburg-office enroll --label``): one column of the
device listing."""
SHORT_ID = 8
"""Characters of a device id shown as its short id (the first of its UUID): what staff
read and type; eight hex digits tell thousands of devices apart."""


def device_label(label: str) -> str:
    """``label`` with its white space collapsed, as the office names a laptop; raises
    :class:`AdminError` when it is longer than :data:`MAX_LABEL` characters or the label
    rule refuses it (``domain.safe_text.typed_label_problem``: control, text-direction,
    invisible or filler characters, a tatweel, a mark without its letter, a word mixing
    scripts; the sentence names the character). It is printed on the administrator's
    terminal and tells a consultant's laptops apart (:func:`_label_taken` compares
    ``safe_text.label_key``)."""
    label = " ".join(label.split())
    if len(label) > MAX_LABEL:
        raise AdminError(f"Het label van een laptop is hoogstens {MAX_LABEL} tekens.")
    if (problem := typed_label_problem(label)) is not None:
        # The name rule's invisible/filler/look-alike checks (attack round 6 #5: a ZWSP,
        # a tatweel or a lone Hangul filler made a second "laptop 1").
        raise AdminError(f"Het label van een laptop {problem.render()}. Er is geen code gemaakt.")
    return label


def create_enrollment_code(
    db: Database, consultant: str, hours: int = DEFAULT_CODE_HOURS, label: str = ""
) -> tuple[str, datetime]:
    """Make a one-time code for ``consultant``, valid ``hours`` (1-720), for the laptop
    the office calls ``label`` (:func:`device_label`; empty: none); only its hash is
    stored. Raises :class:`AdminError` for a bad name, label or validity, or a label an
    active laptop or an open code of the same consultant has already (the listing must
    tell them apart)."""
    consultant = consultant_name(consultant)
    label = device_label(label)
    if not 1 <= hours <= MAX_CODE_HOURS:
        raise AdminError(f"Een code is 1 tot {MAX_CODE_HOURS} uur geldig, niet {hours}.")
    code = new_code()
    now = utcnow()
    expires = now + timedelta(hours=hours)
    with db.write() as session:
        _not_a_twin(consultant, known_consultants(session))
        if label and _label_taken(session, consultant, label, now):
            raise AdminError(
                f"{terminal_name(consultant)} heeft al een laptop of een open code met het "
                f"label '{label}'; kies een ander label. Er is geen code gemaakt."
            )
        session.add(
            EnrollmentCode(
                code_hash=code_hash(code),
                consultant=consultant,
                created_at=now,
                expires_at=expires,
                label=label,
            )
        )
    return code, expires


def terminal_name(name: str) -> str:
    """A stored name for one terminal line (``field_rules.shown``: escaped, cut)."""
    return shown(name, 200)


def _label_taken(session: Session, consultant: str, label: str, now: datetime) -> bool:
    wanted = label_key(label)
    devices = session.scalars(
        select(Device.label).where(Device.consultant == consultant, Device.revoked.is_(False))
    )
    codes = session.scalars(
        select(EnrollmentCode.label).where(
            EnrollmentCode.consultant == consultant,
            EnrollmentCode.used_at.is_(None),
            EnrollmentCode.expires_at > now,
        )
    )
    return any(label_key(other) == wanted for other in (*devices, *codes))


def redeem(db: Database, request: EnrollRequest) -> EnrollResponse:
    """Enroll a device: the code must be unused and unexpired, the proof must verify."""
    try:
        public_key = keys.load_public_key(request.public_key)
    except ValueError:
        raise ApiError(422, "invalid_public_key", "public_key is not an Ed25519 key.") from None
    if not keys.verify(
        public_key, keys.enroll_proof_message(request.code, request.public_key), request.proof
    ):
        raise ApiError(422, "bad_proof", "The proof does not verify with public_key.")
    if not plain_text(request.device_name):
        # It is shown to the administrator (inburg-office devices): no terminal tricks.
        raise ApiError(
            422,
            "invalid_device_name",
            "device_name may not contain control or text-direction characters.",
        )
    device_id = str(uuid.uuid4())
    now = utcnow()
    with db.write() as session:
        taken = session.execute(
            update(EnrollmentCode)
            .where(
                EnrollmentCode.code_hash == code_hash(request.code),
                EnrollmentCode.used_at.is_(None),
                EnrollmentCode.expires_at > now,
            )
            .values(used_at=now, device_id=device_id)
            .returning(EnrollmentCode.consultant, EnrollmentCode.label)
        ).first()
        if taken is None:
            raise ApiError(
                403, "code_refused", "The enrollment code is unknown, already used or expired."
            )
        consultant = str(taken[0])
        session.add(
            Device(
                id=device_id,
                consultant=consultant,
                public_key=request.public_key,
                name=request.device_name,
                label=str(taken[1] or ""),
                enrolled_at=now,
                revoked=False,
                last_op_id=request.next_op_id - 1,
            )
        )
    return EnrollResponse(
        device_id=device_id,
        consultant=consultant,
        server_time=int(now.timestamp()),
        recovery_public_key=current_public_key(db),  # docs/recovery.md
    )


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds") + "Z"


def list_devices(db: Database) -> list[dict[str, Any]]:
    """Every device, oldest enrollment first: ``id``, ``short_id`` (its first
    :data:`SHORT_ID` characters), ``label`` (the office's name for it, ``""`` when none
    was given), ``consultant``, ``name`` (the computer's name it sent), ``enrolled_at``
    and ``last_seen`` (ISO UTC with ``Z``; ``None``: never synced), ``revoked`` and
    ``last_op_id``."""
    with db.read() as session:
        return [
            {
                "id": d.id,
                "short_id": d.id[:SHORT_ID],
                "label": d.label or "",
                "consultant": d.consultant,
                "name": d.name,
                "enrolled_at": _iso(d.enrolled_at),
                "last_seen": _iso(d.last_seen),
                "revoked": d.revoked,
                "last_op_id": d.last_op_id,
            }
            for d in session.scalars(select(Device).order_by(Device.enrolled_at, Device.id))
        ]


def find_device(session: Session, device_id: str) -> Device:
    """The device ``device_id`` names: its whole id, or its short id (at least
    :data:`SHORT_ID` characters of the start, as ``inburg-office devices`` shows it).
    Raises :class:`AdminError` when none or more than one device matches."""
    wanted = device_id.strip().lower()
    device = session.get(Device, wanted)
    if device is not None:
        return device
    if len(wanted) >= SHORT_ID and re.fullmatch(r"[0-9a-f-]+", wanted):
        found = session.scalars(
            select(Device).where(Device.id.startswith(wanted, autoescape=True)).limit(2)
        ).all()
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AdminError(
                f"Meer dan één apparaat begint met {shown(device_id)}; geef het hele nummer "
                "(inburg-office devices --json). Er is niets gewijzigd."
            )
    raise AdminError(
        f"Apparaat {shown(device_id)} bestaat niet; zie 'inburg-office devices'. Er is "
        "niets gewijzigd."
    )


def revoke(db: Database, device_id: str) -> dict[str, Any]:
    """Revoke the device ``device_id`` names (:func:`find_device`); its next request is
    refused. Returns it as :func:`list_devices` does, with ``already`` true when it was
    revoked before (nothing changed). Raises :class:`AdminError` for no such device."""
    with db.write() as session:
        device = find_device(session, device_id)
        already = device.revoked
        if not device.revoked:
            device.revoked = True
            device.revoked_at = utcnow()
        return {
            "id": device.id,
            "short_id": device.id[:SHORT_ID],
            "label": device.label or "",
            "consultant": device.consultant,
            "name": device.name,
            "already": already,
        }


def known_consultants(session: Session) -> set[str]:
    """The consultants the office knows: those it made an enrollment code for, whose
    laptop enrolled, or who hold a case."""
    names: set[str] = set(session.scalars(select(EnrollmentCode.consultant).distinct()))
    names.update(session.scalars(select(Device.consultant).distinct()))
    names.update(session.scalars(select(Assignment.consultant).distinct()))
    return names


def _not_a_twin(name: str, known: set[str]) -> None:
    """Raise :class:`AdminError` when ``name`` is not a known consultant's name but is one
    apart from case and spacing (:func:`domain.safe_text.name_key`): a code for it would
    make a second consultant that every listing shows like the first (attack round 6,
    finding 9: ``--consultant "JOSÉ RUIZ"`` beside "José Ruiz" made a third caseload
    without a word). The same "Bedoelt u …?" as :func:`known_consultant`."""
    if name in known:
        return
    wanted = name_key(name)
    alike = sorted(other for other in known if name_key(other) == wanted)
    if alike:
        raise AdminError(
            f"Het kantoor kent al consulent '{terminal_name(alike[0])}'; "
            f"'{terminal_name(name)}' verschilt daarvan alleen in hoofdletters, spaties of "
            f"de manier waarop een teken is getypt. Bedoelt u '{terminal_name(alike[0])}'? "
            "Gebruik dan precies die naam. Er is geen code gemaakt."
        )


def known_consultant(db: Database, name: str) -> str:
    """``name`` (checked by :func:`consultant_name`) when the office knows that
    consultant (:func:`known_consultants`); else :class:`AdminError` naming it, with the
    known name it resembles (case and spacing aside) or how a consultant becomes known. A
    case put on the caseload of a name nobody's laptop holds would be invisible to all
    (usability round 4 #9: a mistyped name was accepted)."""
    name = consultant_name(name)
    with db.read() as session:
        known = known_consultants(session)
    if name in known:
        return name
    folded = name_key(name)
    alike = sorted(k for k in known if name_key(k) == folded)
    if alike:
        _unknown(name, f" Bedoelt u '{terminal_name(alike[0])}'?")
    _unknown(
        name,
        " Het kantoor kent een consulent zodra er een inschrijfcode voor is gemaakt "
        "(inburg-office enroll --consultant NAAM).",
    )


def _unknown(name: str, hint: str) -> NoReturn:
    raise AdminError(
        f"Consulent '{terminal_name(name)}' is onbekend op het kantoor: er is geen "
        f"inschrijfcode, laptop of dossier op die naam.{hint} Er is niets gewijzigd."
    )


def _remove_from_caseload(
    session: Session, counter: Counter, assignment: Assignment, stamp: datetime
) -> None:
    session.add(
        Removal(
            seq=counter.next(),
            case_id=assignment.case_id,
            consultant=assignment.consultant,
            removed_at=stamp,
        )
    )


def assign(db: Database, case_id: str, consultant: str) -> str | None:
    """Put a case on ``consultant``'s caseload (taking it off another's). Returns the
    consultant whose caseload it left (``None``: none), or ``consultant`` itself when the
    case was already there (nothing changed). Raises :class:`AdminError` for a bad name,
    no such case, or a case of a gemeente the consultant does not work for
    (``gemeente_rules.assign_problem``); whether the office knows the consultant is the
    caller's check (:func:`known_consultant`)."""
    consultant = consultant_name(consultant)
    with db.write() as session:
        counter = lock_counter(session)
        case = session.get(CaseRecord, case_id)
        if case is None:
            raise AdminError(_no_case(case_id))
        if problem := assign_problem(session, stored_gemeente(session, case_id), consultant):
            raise AdminError(f"{problem} Er is niets gewijzigd.")
        assignment = session.get(Assignment, case_id)
        stamp = utcnow()
        before = assignment.consultant if assignment is not None else None
        if assignment is not None and assignment.consultant == consultant:
            return consultant
        if assignment is not None:
            _remove_from_caseload(session, counter, assignment, stamp)
        seq = counter.next()
        if assignment is None:
            session.add(
                Assignment(
                    case_id=case_id, consultant=consultant, assigned_seq=seq, assigned_at=stamp
                )
            )
        else:
            assignment.consultant = consultant
            assignment.assigned_seq = seq
            assignment.assigned_at = stamp
        case.seq = seq
        return before


def _no_case(case_id: str) -> str:
    return (
        f"Dossier {shown(case_id)} bestaat niet op het kantoor; zie 'inburg-office cases'. "
        "Er is niets gewijzigd."
    )


def unassign(db: Database, case_id: str) -> str:
    """Take a case off its consultant's caseload; their laptops purge it at the next
    pull. Returns the consultant whose caseload it left. Raises :class:`AdminError` when
    no such case exists, or when it is on no caseload (saying so: nothing changed)."""
    with db.write() as session:
        counter = lock_counter(session)
        assignment = session.get(Assignment, case_id)
        if assignment is None:
            if session.get(CaseRecord, case_id) is None:
                raise AdminError(_no_case(case_id))
            raise AdminError(
                f"Dossier {shown(case_id)} stond op geen caseload; er is niets gewijzigd."
            )
        consultant = assignment.consultant
        _remove_from_caseload(session, counter, assignment, utcnow())
        session.delete(assignment)
        return consultant


# What office staff need to recognise a case on the terminal (the admin's own screen, not
# a log: the server writes no personal data to its logs, and this is printed, not logged).
IDENTITY_KEYS = ("person.family_name", "person.given_names", "person.v_nummer")


def _identities(session: Session) -> dict[str, dict[str, Any]]:
    """Per case id, its name and V-nummer as stored (decoded canonical JSON)."""
    return case_identities(session)


def case_identities(
    session: Session, case_ids: set[str] | None = None
) -> dict[str, dict[str, Any]]:
    """Per case id (of ``case_ids``, or every case), its ``family_name``, ``given_names``
    and ``v_nummer`` as the office stores them (decoded canonical JSON; a field the office
    does not hold is absent). One query."""
    out: dict[str, dict[str, Any]] = {}
    stmt = select(FieldValue.case_id, FieldValue.key, FieldValue.value).where(
        FieldValue.key.in_(IDENTITY_KEYS)
    )
    if case_ids is not None:
        stmt = stmt.where(FieldValue.case_id.in_(sorted(case_ids)))
    rows = session.execute(stmt).tuples()
    for case_id, key, value in rows:
        try:
            decoded = json.loads(value)
        except ValueError:
            continue  # not JSON: shown as unknown rather than stopping the list
        if isinstance(decoded, str):
            out.setdefault(case_id, {})[key.removeprefix("person.")] = decoded
    return out


def list_cases(db: Database, gemeente: str | None = None) -> list[dict[str, Any]]:
    """Every case of the office, oldest first (only those of ``gemeente``, a canonical CBS
    code, when given): its id, the person's family and given names and V-nummer (``None``
    when not stored), its ``gemeente`` (CBS code, ``None`` when none is recorded), version,
    consultant, number of fields, open conflicts and last change (ISO UTC)."""
    with db.read() as session:
        identities = _identities(session)
        gemeenten = case_gemeenten(session)
        consultants = dict(
            session.execute(select(Assignment.case_id, Assignment.consultant)).tuples().all()
        )
        counts = dict(
            session.execute(select(FieldValue.case_id, func.count()).group_by(FieldValue.case_id))
            .tuples()
            .all()
        )
        conflicts = dict(
            session.execute(select(Conflict.case_id, func.count()).group_by(Conflict.case_id))
            .tuples()
            .all()
        )
        return [
            {
                "id": c.id,
                "family_name": identities.get(c.id, {}).get("family_name"),
                "given_names": identities.get(c.id, {}).get("given_names"),
                "v_nummer": identities.get(c.id, {}).get("v_nummer"),
                "gemeente": gemeenten.get(c.id),
                "version": c.version,
                "consultant": consultants.get(c.id),
                "fields": counts.get(c.id, 0),
                "open_conflicts": conflicts.get(c.id, 0),
                "updated_at": _iso(c.updated_at),
            }
            for c in session.scalars(select(CaseRecord).order_by(CaseRecord.created_at))
            if gemeente is None or gemeenten.get(c.id) == gemeente
        ]


def case_gemeenten(session: Session) -> dict[str, str]:
    """Per case id, the CBS code of its gemeente (cases without one, or whose value is no
    CBS code, are absent: ``gemeente_rules.code_in``). One query."""
    rows = session.execute(
        select(FieldValue.case_id, FieldValue.value).where(FieldValue.key == GEMEENTE_KEY)
    )
    return {case_id: code for case_id, text in rows if (code := code_in(text)) is not None}


def v_nummer_clashes(db: Database) -> list[dict[str, Any]]:
    """Every V-nummer that more than one office case holds (attack round 2 finding 5: a
    case made by hand on a laptop with another consultant's V-nummer, or imported twice,
    synced into a silent duplicate), for office staff to merge or correct: a list of
    ``{"v_nummer": str, "cases": [list_cases rows of those cases]}``, sorted by V-nummer,
    each group oldest case first. The V-nummer is the person's IND number (Vreemdelingen-
    circulaire B1/1.2): one person, one number, so two cases holding it are one person
    twice or a typing error."""
    by_number: dict[str, list[dict[str, Any]]] = {}
    for case in list_cases(db):
        if case["v_nummer"]:
            by_number.setdefault(case["v_nummer"], []).append(case)
    return [
        {"v_nummer": number, "cases": cases}
        for number, cases in sorted(by_number.items())
        if len(cases) > 1
    ]


def office_patch(
    session: Session,
    counter: Counter,
    case_id: str,
    patch: Mapping[str, Any],
    *,
    create: bool = False,
) -> int:
    """Change fields at the office (no device): bumps the version; returns it.

    Raises :class:`AdminError` naming the field when the patch holds a field that a laptop
    could not apply or send back (``field_rules``), or lacks a required identity field
    of a new case; nothing is written then.
    """
    stamp = utcnow()
    case = session.get(CaseRecord, case_id)
    if case is None and not create:
        raise AdminError(f"Dossier {shown(case_id)} bestaat niet op het kantoor.")
    try:
        check_patch(patch, creating=case is None)
    except FieldRefused as exc:
        raise AdminError(f"Veld geweigerd: {exc.message_nl}") from None
    if (refused := talk_refusal(session, case_id, patch)) is not None:
        raise AdminError(f"Veld geweigerd: {refused.message_nl}")
    if (refused := stored_refusal(session, case_id, None, patch)) is not None:
        raise AdminError(f"Veld geweigerd: {refused.message_nl}")
    if (record := handhaving_refusal(session, case_id, None, patch)) is not None:
        raise AdminError(f"Veld geweigerd: {record.message_nl}")  # the record as a whole
    seq = counter.next()
    if case is None:
        case = CaseRecord(id=case_id, version=0, seq=seq, created_at=stamp, updated_at=stamp)
        session.add(case)
        session.flush()
    case.version += 1
    case.seq = seq
    case.updated_at = stamp
    for key, value in patch.items():
        text = canonical_json(value)
        row = session.get(FieldValue, (case_id, key))
        if row is None:
            row = FieldValue(case_id=case_id, key=key)
            session.add(row)
        row.value = text
        row.version = case.version
        row.seq = seq
        row.device_id = None
        row.updated_at = stamp
    return case.version


def edit_case(db: Database, case_id: str, patch: Mapping[str, Any]) -> int:
    with db.write() as session:
        return office_patch(session, lock_counter(session), case_id, patch)


SHOWN_HOLDERS = 3
"""How many cases holding a V-nummer a refused import names (oldest first; the rest are
counted, and ``dubbele-v-nummers`` lists them all)."""


class VNummerHeld(AdminError):
    """The office already holds a case with the V-nummer of the case to import (exit 1:
    the office refuses the request, the file itself is sound). ``case_ids``: those cases,
    oldest first."""

    def __init__(self, v_nummer: str, case_ids: Sequence[str], flag: str) -> None:
        self.case_ids = tuple(case_ids)
        which = ", ".join(self.case_ids[:SHOWN_HOLDERS])
        if len(self.case_ids) > SHOWN_HOLDERS:
            which += f" en {len(self.case_ids) - SHOWN_HOLDERS} andere"
        super().__init__(
            f"V-nummer {shown(v_nummer)} staat al in dossier {which} (zie 'inburg-office "
            "cases'): dit is dezelfde persoon of een tikfout. Er is niets geïmporteerd. Werk "
            f"dat dossier bij, of importeer toch als tweede dossier met {flag} (en voeg ze "
            "later samen: 'inburg-office dubbele-v-nummers')."
        )


SECOND_CASE_FLAG = "--tweede-dossier"
"""The option of ``import`` and ``case import`` that imports a case whose V-nummer the
office already holds as a second case (usability round 9 #9)."""


def refuse_held_v_nummer(session: Session, patch: Mapping[str, Any]) -> None:
    """Raise :class:`VNummerHeld` when a case of the office holds the V-nummer of
    ``patch`` (field ``person.v_nummer``; a patch without one passes). The V-nummer is
    the person's IND number (Vreemdelingencirculaire B1/1.2): one person, one number, so
    an import that would make a second case of it is refused unless asked for
    (usability round 9 #9: it was imported silently). Called inside the importing
    transaction, after ``lock_counter`` (one writer at a time)."""
    number = patch.get("person.v_nummer")
    if not isinstance(number, str) or not number:
        return
    rows = session.execute(
        select(FieldValue.case_id, FieldValue.value)
        .join(CaseRecord, CaseRecord.id == FieldValue.case_id)
        .where(FieldValue.key == "person.v_nummer")
        .order_by(CaseRecord.created_at, CaseRecord.id)
    )
    held = []
    for case_id, value in rows:
        try:
            stored = json.loads(value)
        except ValueError:
            continue
        if stored == number:
            held.append(case_id)
    if held:
        raise VNummerHeld(number, held, SECOND_CASE_FLAG)


def import_handover(
    db: Database,
    data: bytes,
    consultant: str | None = None,
    gemeente: str | None = None,
    *,
    one_per_v_nummer: bool = False,
) -> str:
    """Create a case from a handover file (all or nothing); returns its new id.

    ``gemeente`` (a code or name of one of the office's gemeenten, :func:`office_gemeente`)
    is the case's; without it, an office of exactly one gemeente gives the case that one
    (a handover file names none). Raises :class:`AdminError` for a bad file, a gemeente
    the office does not serve, or a ``consultant`` who does not work for the case's
    gemeente; with ``one_per_v_nummer`` :class:`VNummerHeld` when the office holds its
    V-nummer already (``inburg-office import`` asks for that unless given
    ``--tweede-dossier``). Nothing is written then."""
    patch = handover_patch(data)
    case_id = str(uuid.uuid4())
    with db.write() as session:
        counter = lock_counter(session)
        if one_per_v_nummer:
            refuse_held_v_nummer(session, patch)
        code = office_gemeente(session, gemeente) if gemeente is not None else None
        code = code or GemeentePolicy.load(session).single
        if code is not None:
            patch[GEMEENTE_KEY] = code
        if consultant is not None and (problem := assign_problem(session, code, consultant)):
            raise RequestRefused(f"{problem} Er is niets geïmporteerd.")
        office_patch(session, counter, case_id, patch, create=True)
        if consultant is not None:
            seq = counter.next()
            session.add(
                Assignment(
                    case_id=case_id,
                    consultant=consultant_name(consultant),
                    assigned_seq=seq,
                    assigned_at=utcnow(),
                )
            )
            case = session.get(CaseRecord, case_id)
            assert case is not None
            case.seq = seq
    return case_id


def office_gemeente(session: Session, name_or_code: str) -> str:
    """The code of the office's gemeente ``name_or_code`` names (its name in any case, or
    its code in any form ``domain.gemeente.gemeentecode`` takes). Raises
    :class:`AdminError` in Dutch naming what the office serves, or saying it records no
    gemeente yet."""
    kantoor = office_kantoor(session)
    if kantoor is None:
        raise UnknownGemeente(
            "Het kantoor heeft nog geen gemeenten vastgelegd; voeg ze toe met "
            "'inburg-office gemeente add CODE NAAM'. Er is niets gewijzigd."
        )
    try:
        return kantoor.find(name_or_code).code
    except GemeenteError as exc:
        raise UnknownGemeente(f"{exc.reason.render()}. Er is niets gewijzigd.") from None


def handover_patch(data: bytes) -> dict[str, Any]:
    """Validate a handover file with the desktop's parser and map it to field keys."""
    try:
        handover = parse_handover_bytes(data)
    except HandoverError as exc:
        raise AdminError(f"Ongeldig overdrachtsbestand: {exc.key}: {exc.problem}") from None
    return handover_fields.handover_patch(handover)


def set_setting(db: Database, key: str, value: Any) -> None:
    """Publish a setting or catalogue update (``setting.*``, ``catalogue.*``) to laptops.

    Raises :class:`AdminError` for a key that is not ``setting.NAME``/``catalogue.NAME``
    (letters, digits, ``_ . -``; at most 200 characters), an idle lock that is not minutes
    in range, a value nested deeper than the protocol allows or larger than 1 MiB, a
    letterhead (``setting.letterhead`` or a gemeente's ``setting.letterhead_<CODE>``, whose
    CODE must be a gemeente of the office) that does not parse, or ``setting.gemeenten``
    (the office keeps that one itself: ``server.gemeenten``).
    """
    if not _SETTING_KEY.fullmatch(key):
        raise AdminError(
            "De sleutel moet 'setting.NAAM' of 'catalogue.NAAM' zijn (letters, cijfers en "
            "_ . -; hoogstens 200 tekens)."
        )
    if key == IDLE_LOCK:
        try:
            value = minutes_value(value)
        except IdleLockError:
            raise AdminError(
                f"{IDLE_LOCK} moet een aantal minuten zijn, van {MIN_MINUTES:g} tot "
                f"{MAX_MINUTES:g}."
            ) from None
    if json_depth(value) > MAX_VALUE_DEPTH:
        raise AdminError(f"De waarde is dieper genest dan {MAX_VALUE_DEPTH} niveaus.")
    if len(canonical_json(value).encode("utf-8")) > MAX_SETTING_BYTES:
        raise AdminError(f"De waarde is groter dan {MAX_SETTING_BYTES // 1024} KiB.")
    if key == FINE_AMOUNTS:
        try:
            parse_fine_settings(value)  # refused here, not ignored on every laptop
        except FineInvalid as exc:
            raise AdminError(fine_amounts_refusal(exc)) from None
    if key == GEMEENTEN_SETTING:
        raise AdminError(
            f"{GEMEENTEN_SETTING} houdt het kantoor zelf bij uit zijn gemeenten en wie ervoor "
            "werkt: gebruik 'inburg-office gemeente' en 'inburg-office consultant "
            "add-gemeente'. Er is niets gepubliceerd."
        )
    if key.startswith(LETTERHEAD_PREFIX):
        _gemeente_letterhead_code(db, key)
    if key == LETTERHEAD_SETTING or key.startswith(LETTERHEAD_PREFIX):
        try:
            # Refused here, not on every laptop; the logo decoded in full and stored
            # re-encoded, exactly as a laptop stores its own letterhead.
            value = letterhead_setting(value)
        except LetterheadError as exc:
            raise AdminError(f"Briefhoofd geweigerd: {exc}") from exc
    text = canonical_json(value)
    with db.write() as session:
        put_setting(session, lock_counter(session), key, text)


def put_setting(session: Session, counter: Counter, key: str, text: str) -> None:
    """Store the setting ``key`` as the canonical JSON ``text`` with a new seq, so every
    laptop pulls it (checking it is the caller's: :func:`set_setting`)."""
    row = session.get(Setting, key)
    if row is None:
        row = Setting(key=key)
        session.add(row)
    row.value = text
    row.seq = counter.next()
    row.updated_at = utcnow()


def _gemeente_letterhead_code(db: Database, key: str) -> str:
    """The code of ``setting.letterhead_<CODE>``: a canonical CBS code of one of the
    office's gemeenten (the laptops read exactly that key for that gemeente's PIPs).
    Raises :class:`AdminError` otherwise."""
    code = key.removeprefix(LETTERHEAD_PREFIX)
    if not CODE_PATTERN.fullmatch(code):
        raise AdminError(
            f"Het briefhoofd van een gemeente heet {LETTERHEAD_PREFIX}CODE met de CBS-code "
            f"als GM en vier cijfers, zoals {LETTERHEAD_PREFIX}GM0629, niet "
            f"'{shown(key)}'. Er is niets gepubliceerd."
        )
    with db.read() as session:
        kantoor = office_kantoor(session)
    if kantoor is None or code not in kantoor.codes:
        served = "" if kantoor is None else ", ".join(g.code for g in kantoor.gemeenten)
        raise AdminError(
            f"Gemeente {code} hoort niet bij dit kantoor"
            + (f" (het bedient {served})" if served else " (het heeft nog geen gemeenten)")
            + "; voeg haar eerst toe met 'inburg-office gemeente add'. Er is niets "
            "gepubliceerd."
        )
    return code


def fine_amounts_refusal(exc: FineInvalid) -> str:
    """Why ``setting.fine_amounts`` was refused, naming the field (Dutch, for the admin)."""
    field = shown(exc.params.get("field", ""))
    if exc.code == "fine_settings_above_besluit":
        words = exc.params.get("maximum", "")  # the Besluit's value in words
        return (
            f"{FINE_AMOUNTS} geweigerd: {field} is hoger dan het Besluit inburgering 2021 "
            f"art. 7.1 toestaat (hoogstens {words}); er is niets gepubliceerd."
        )
    if exc.code == "fine_settings_scale":
        return (
            f"{FINE_AMOUNTS} geweigerd: de percentages mogen van opzet naar verminderd niet "
            "stijgen (Besluit art. 7.1 lid 4); er is niets gepubliceerd."
        )
    return (
        f"{FINE_AMOUNTS} geweigerd: {field} klopt niet (bedragen in hele centen, percentages "
        "0-100, basis niet boven het maximum); er is niets gepubliceerd."
    )


def setting_published(key: str, value: Any) -> str:
    """What ``inburg-office setting`` says it published (Dutch): the key, and for the
    settings laptops read what they will now use; never the value of any other key (it
    may hold anything)."""
    what = f"{shown(key)} gepubliceerd"
    if key == FINE_AMOUNTS:
        s = parse_fine_settings(value)
        pct = ", ".join(f"{c.value} {p}%" for c, p in s.percentages)
        terms = ", ".join(nl_euro(m) for m in s.nieuwe_termijn_maxima)
        what += (
            f": intake {nl_euro(s.intake_cents)}, basis {nl_euro(s.basis_cents)}, "
            f"maximum {nl_euro(s.maximum_cents)}, totaal "
            f"{nl_euro(s.totaal_maximum_cents)}, nieuwe termijnen {terms}; {pct}"
        )
    elif key == IDLE_LOCK:
        what += f": vergrendelen na hoogstens {minutes_value(value):g} minuten"
    return what + ". De laptops nemen dit over bij hun volgende synchronisatie."


def prune_removals(db: Database, keep_days: int = 90) -> int:
    """Forget removals older than ``keep_days``; older cursors then get ``refetch``."""
    cutoff = utcnow() - timedelta(days=keep_days)
    with db.write() as session:
        counter = lock_counter(session)
        old = session.scalars(select(Removal).where(Removal.removed_at < cutoff)).all()
        if not old:
            return 0
        newest = max(r.seq for r in old)
        for row in old:
            session.delete(row)
        counter.raise_floor(newest)
        return len(old)


def dumps(rows: list[dict[str, Any]]) -> str:
    """JSON for the admin's terminal: ASCII only, so no stored name can carry control or
    text-direction characters to the screen (``\\u202e`` arrives as six harmless bytes)."""
    return json.dumps(rows, ensure_ascii=True, indent=2)
