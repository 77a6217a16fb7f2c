"""The ``inburg-case/1`` document: everything held about one person, as one JSON file.

What it is for: the person's right of access and to data portability (AVG art. 15 and
20: a copy in a structured, commonly used, machine-readable form), and moving a case with
the person to another municipality (Besluit art. 5.3 lid 3: the new municipality sets
the PIP) or to another consultant's vault. The schema is documented in
``docs/inburg-case-1.md``; this module is its one implementation:

* :class:`CaseDocument` and its parts are the typed content; :func:`to_json` and
  :func:`dumps` build the document from them (no storage import: the services layer reads
  the vault and hands plain values in);
* :func:`loads` / :func:`parse_document` check an incoming document **strictly**, as
  hostile or damaged input: every key required (``null`` where a value is absent) and no
  other allowed at any level of the schema (a key this version cannot check is refused;
  a later format adds keys under a new ``format`` name), every type, size, date, time and
  pattern checked, identity by the rules of the handover file
  (:func:`~.handover.parse_handover`), every attachment's SHA-256 and size recomputed, the
  audit chains verified (:func:`~.audit.verify`), the PIP versions loaded by
  :mod:`~.pip` and ``pip.current`` compared with what they give. The first problem raises
  :class:`CaseDocumentError` naming its path (``fields[3].value``, ``person.bsn``);
* the order is canonical (fields by key, attachments by hash, audit by device and number,
  conflicts by field, quarantine by time), the JSON spelled one way (sorted keys, two-space
  indent, UTF-8, a final newline), so ``dumps(parse_document(x)) == x`` for every
  document this module wrote: export, import elsewhere and export again give the same bytes.

Limits (documented in the schema): the document at most :data:`MAX_DOCUMENT_BYTES`; a
field value as the sync protocol allows (:data:`MAX_VALUE_BYTES`, :data:`MAX_VALUE_DEPTH`,
keys by :data:`FIELD_KEY_PATTERN`; a test keeps them equal to ``protocol.messages``).

The Dutch texts of the reasons here are default texts; they are not
marked ``N_`` yet, so the UI catalogue does not list them until the screens that show them
exist (the work that wires this module marks them and translates them).
"""

from __future__ import annotations

import base64
import binascii
import enum
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from inburg_desktop.domain import audit as audit_chain
from inburg_desktop.domain import handover as handover_rules
from inburg_desktop.domain import portable_value as portable
from inburg_desktop.domain.audit import AuditEntry, AuditError, format_time, parse_time
from inburg_desktop.domain.case import CaseDates, Doelgroep, Inburgeraar
from inburg_desktop.domain.gemeente import GemeenteError, gemeentecode
from inburg_desktop.domain.json_input import JsonInputError, format_path, loads_json
from inburg_desktop.domain.pip import CURRENT_KEY, PipFormatError, PipHistory
from inburg_desktop.domain.safe_text import free_text_problem, label_problem
from inburg_desktop.domain.text import Reason

FORMAT = "inburg-case/1"
_FORMAT_FAMILY = re.compile(r"inburg-case/([0-9]{1,4})")
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""The largest document read, in bytes (attachments included, as base64)."""
MAX_ATTACHMENT_BYTES = 32 * 1024 * 1024
"""The largest attachment in a document (a signed PIP PDF is well under 1 MiB)."""
MAX_ATTACHMENTS = 200
MAX_FIELDS = 5000
MAX_AUDIT_ENTRIES = 100_000
MAX_CONFLICTS = 500
MAX_QUARANTINE = 500
MAX_VALUE_BYTES = 256 * 1024
"""A field value's canonical JSON at most this many bytes (``protocol.messages``)."""
MAX_VALUE_DEPTH = 32
"""A field value nested at most this deep (``protocol.messages``)."""
MAX_FIELD_KEY = 200
FIELD_KEY_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-\[\]:]*")
"""A field key, as the sync protocol allows it (``protocol.messages.FIELD_KEY_PATTERN``)."""
MAX_VERSION = 2**31 - 1
MAX_SAFE_INT = portable.MAX_SAFE_INT
"""Integers in a value stay within what every JSON reader holds exactly (I-JSON,
RFC 7493 §2.2): a portable copy (AVG art. 20) must read the same in any program."""
_T_UNSAFE_INT = "is een getal buiten ±{limit} (RFC 7493 §2.2)"
MAX_MESSAGE = 2000
_DOCUMENT_DEPTH = 8  # how deep the schema itself nests a field value
_SHA256 = re.compile(r"[0-9a-f]{64}")
_TOKEN = re.compile(r"[a-z][a-z0-9_]{0,31}")  # source, kind: app-chosen lower-case words
_CODE = re.compile(r"[a-z0-9_]{1,64}")  # error codes (protocol.messages.ERROR_CODE)
_MEDIA_TYPE = re.compile(r"(?=.{3,100}$)[a-z0-9][a-z0-9!#$&^_.+\-]*/[a-z0-9][a-z0-9!#$&^_.+\-]*")
"""A media type as the sync protocol allows it: 3–100 characters, lower case."""
_PROMPT_ID = re.compile(r"[A-Za-z0-9_.\-]{1,100}")
_IDENTITY_PREFIXES = ("person.", "dates.")
_IDENTITY_KEYS = frozenset({"doelgroep"})
PIP_VERSION_PREFIX = "pip.version."
CARRIED_DECISIONS_KEY = "overdracht.besluiten"
"""Case field written by ``inburg case import``: the sorted keys of the decisions the case
brought with it (a fine decision ``handhaving.<id>.besluit``, a PIP version set by a
``vastgesteld_door``), taken before the transfer by whoever took them. The office holds a
decision to the pushing laptop's consultant only when that laptop took it; these it keeps
as they came (``server.push.carried_decisions``; attack round 7, finding 11)."""
_DECISION_KEY = re.compile(r"handhaving\.[0-9a-f]{12}\.besluit")


def carried_decisions(fields: Mapping[str, Any]) -> list[str]:
    """The value of :data:`CARRIED_DECISIONS_KEY` for a case whose fields (key to value)
    arrive by transfer: the keys already marked (a case transferred before) and every
    decision among ``fields``, sorted; an empty list when it holds none."""
    marked = fields.get(CARRIED_DECISIONS_KEY)
    keys = {k for k in marked if isinstance(k, str)} if isinstance(marked, list) else set()
    for key, value in fields.items():
        if (_DECISION_KEY.fullmatch(key) and value is not None) or (
            key.startswith(PIP_VERSION_PREFIX)
            and isinstance(value, dict)
            and value.get("vastgesteld_door") is not None
        ):
            keys.add(key)
    return sorted(keys)


class Doel(enum.StrEnum):
    """Why the document was made."""

    INZAGE = "inzage"  # the person's own copy (AVG art. 15, 20)
    OVERDRACHT = "overdracht"  # to another municipality or consultant (Besluit 5.3 lid 3)


class Herkomst(enum.StrEnum):
    """Where it was made."""

    LAPTOP = "laptop"
    KANTOOR = "kantoor"


class CaseDocumentError(ValueError):
    """A document refused: ``path`` names the value (``""`` for the whole document) and
    ``reason`` says what is wrong with it (a code and a Dutch msgid with its parameters;
    the edge shows the path before the sentence, as for the handover file's ``key``).

    Where another rule of the domain refused the value (the handover file's identity
    rules, the safe-text rules, the JSON reader, the audit entry), ``reason`` is that
    rule's own reason, so its sentence is the one already translated for it.
    ``str()`` is the path and the code: it names no value from the document.
    """

    def __init__(self, path: str, reason: Reason) -> None:
        super().__init__(f"{path}: {reason.code}" if path else reason.code)
        self.path = path
        self.reason = reason


def _fail(path: str, code: str, text: str, **params: object) -> CaseDocumentError:
    return CaseDocumentError(path, Reason.of(code, text, **params))


def _bad(path: str, text: str, **params: object) -> CaseDocumentError:
    """A value refused by a rule of this format (code ``case_document_invalid``)."""
    return _fail(path, "case_document_invalid", text, **params)


def _because(path: str, reason: Reason) -> CaseDocumentError:
    """A value refused for ``reason``, as another domain rule words it."""
    return CaseDocumentError(path, reason)


_T_MISSING = "ontbreekt"
_T_UNKNOWN = "is geen veld van {format}; is het gemaakt door een nieuwere versie van de app?"
_T_TYPE = "moet {expected} zijn"
_T_TOO_LARGE = "is te groot ({size}; hoogstens {limit})"
_T_VERSION = "versie {found} wordt door deze app niet gelezen; verwacht {format}"
_T_FORMAT = "dit is geen {format}-document"
_T_PIP = "de PIP-versies in het document kloppen niet"
_T_PIP_CURRENT = "past niet bij de PIP-versies in het document"
_T_PIP_CURRENT_MISSING = "{key} ontbreekt naast de PIP-versies"
_T_HASH = "de SHA-256 past niet bij de inhoud; het bestand is beschadigd"
_T_FIELD_KEY = "moet een veldnaam zijn van letters, cijfers en _ . - [ ] :"
_T_IDENTITY_FIELD = "persoons- en datumgegevens staan in person en dates, niet in fields"


# --- the typed content -----------------------------------------------------------------------


@dataclass(frozen=True)
class CaseHeader:
    """The case: its id, the gemeente it belongs to (CBS code, ``None`` when not yet
    assigned), its version, the source it came from and when it was made and changed."""

    id: str
    gemeente: str | None
    version: int
    source: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class FieldEntry:
    """One field with its metadata: where the value came from, whether the consultant
    confirmed it, the prompt catalogue version and prompt it answers, when it changed."""

    key: str
    value: Any
    source: str
    confirmed: bool
    catalogue_version: str | None
    prompt_id: str | None
    updated_at: datetime


@dataclass(frozen=True)
class Attachment:
    """A binary attached to the case (a signed PIP PDF, a scanned letter)."""

    sha256: str
    kind: str
    media_type: str
    created_at: datetime
    content: bytes


@dataclass(frozen=True)
class ConflictEntry:
    """A field both the office and the laptop changed, kept with both values."""

    field_key: str
    office_value: Any
    office_version: int
    laptop_value: Any
    created_at: datetime


@dataclass(frozen=True)
class QuarantineEntry:
    """A change sync set aside (``push``: not accepted by the office; ``pull``: not
    applied here), with its fields' values and the error code."""

    direction: str
    op_id: int | None
    field_keys: tuple[str, ...]
    patch: Mapping[str, Any]
    error: str
    message: str
    detail: Mapping[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class CaseDocument:
    """Everything held about one person (see the module docstring and the schema)."""

    exported_at: datetime
    herkomst: Herkomst
    doel: Doel
    case: CaseHeader
    doelgroep: Doelgroep
    person: Inburgeraar
    dates: CaseDates
    fields: tuple[FieldEntry, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    audit: tuple[AuditEntry, ...] = ()
    conflicts: tuple[ConflictEntry, ...] = ()
    quarantine: tuple[QuarantineEntry, ...] = ()


# --- building ------------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def to_json(doc: CaseDocument) -> dict[str, Any]:
    """The document as JSON values, in canonical order (:func:`canonical_order`)."""
    doc = canonical_order(doc)
    p, d = doc.person, doc.dates
    return {
        "format": FORMAT,
        "exported_at": format_time(doc.exported_at),
        "herkomst": doc.herkomst.value,
        "doel": doc.doel.value,
        "case": {
            "id": doc.case.id,
            "gemeente": doc.case.gemeente,
            "version": doc.case.version,
            "source": doc.case.source,
            "created_at": format_time(doc.case.created_at),
            "updated_at": format_time(doc.case.updated_at),
        },
        "doelgroep": doc.doelgroep.value,
        "person": {
            "given_names": p.given_names,
            "family_name": p.family_name,
            "date_of_birth": p.date_of_birth.isoformat(),
            "nationality": p.nationality,
            "languages": list(p.languages),
            "preferred_language": p.preferred_language,
            "v_nummer": p.v_nummer,
            "bsn": p.bsn,
            "residence_basis": None if p.residence_basis is None else p.residence_basis.value,
            "permit_since": _iso(p.permit_since),
        },
        "dates": {
            "brp_registration": d.brp_registration.isoformat(),
            "koppeling": _iso(d.koppeling),
            "duo_kennisgeving": _iso(d.duo_kennisgeving),
            "bijstand_start": _iso(d.bijstand_start),
            "pip_date": _iso(d.pip_date),
            "brp_after_move": _iso(d.brp_after_move),
        },
        "fields": [
            {
                "key": f.key,
                "value": f.value,
                "source": f.source,
                "confirmed": f.confirmed,
                "catalogue_version": f.catalogue_version,
                "prompt_id": f.prompt_id,
                "updated_at": format_time(f.updated_at),
            }
            for f in doc.fields
        ],
        "attachments": [
            {
                "sha256": a.sha256,
                "kind": a.kind,
                "media_type": a.media_type,
                "size": len(a.content),
                "created_at": format_time(a.created_at),
                "content_base64": base64.b64encode(a.content).decode("ascii"),
            }
            for a in doc.attachments
        ],
        "audit": [e.to_json() for e in doc.audit],
        "conflicts": [
            {
                "field_key": c.field_key,
                "office_value": c.office_value,
                "office_version": c.office_version,
                "laptop_value": c.laptop_value,
                "created_at": format_time(c.created_at),
            }
            for c in doc.conflicts
        ],
        "quarantine": [_quarantine_json(q) for q in doc.quarantine],
    }


def _quarantine_json(q: QuarantineEntry) -> dict[str, Any]:
    return {
        "direction": q.direction,
        "op_id": q.op_id,
        "field_keys": list(q.field_keys),
        "patch": dict(q.patch),
        "error": q.error,
        "message": q.message,
        "detail": dict(q.detail),
        "created_at": format_time(q.created_at),
    }


def canonical_order(doc: CaseDocument) -> CaseDocument:
    """``doc`` with its lists in the canonical order: fields by key, attachments by hash,
    audit entries by device and number, conflicts by field, quarantine by time (then by
    content). :func:`to_json` writes and :func:`parse_document` returns this order."""
    return replace(
        doc,
        fields=tuple(sorted(doc.fields, key=lambda f: f.key)),
        attachments=tuple(sorted(doc.attachments, key=lambda a: a.sha256)),
        audit=tuple(sorted(doc.audit, key=lambda e: (e.device_id, e.seq))),
        conflicts=tuple(sorted(doc.conflicts, key=lambda c: c.field_key)),
        quarantine=tuple(
            sorted(doc.quarantine, key=lambda q: (q.created_at, _canonical(_quarantine_json(q))))
        ),
    )


def dumps(doc: CaseDocument) -> bytes:
    """The document's one spelling: sorted keys, two-space indent, UTF-8, final newline."""
    text = json.dumps(to_json(doc), ensure_ascii=False, sort_keys=True, indent=2)
    return (text + "\n").encode("utf-8")


# --- reading -------------------------------------------------------------------------------


_T_INZAGE = (
    "dit is een kopie die voor de persoon zelf is gemaakt (inzage, AVG art. 15 en 20), "
    "geen overdracht; een dossier wordt alleen uit een overdrachtsdocument geïmporteerd. "
    "Vraag de gemeente of de consulent die het dossier heeft om een overdracht"
)


def check_importable(doc: CaseDocument) -> None:
    """Raise ``CaseDocumentError`` (path ``doel``, code ``case_document_inzage``) unless
    ``doc`` was made to move the case (:attr:`Doel.OVERDRACHT`). A copy made for the
    person (:attr:`Doel.INZAGE`) is theirs to read and keep, possibly edited and lacking
    other people's data (``domain.subject_access.for_person``): imported, it would
    replace a real record with what the person handed in (attack round 8, finding 8).
    Every import (the app's, ``inburg case import``, ``inburg-office case import``)
    calls this after reading the document."""
    if doc.doel is not Doel.OVERDRACHT:
        raise _fail("doel", "case_document_inzage", _T_INZAGE)


def loads(data: bytes) -> CaseDocument:
    """Parse and check a document's bytes (UTF-8 JSON, at most :data:`MAX_DOCUMENT_BYTES`).

    Raises :class:`CaseDocumentError` naming the first bad value; ``JsonInputError``'s
    refusals (not UTF-8, not JSON, duplicate keys, odd numbers) are reported the same way.
    """
    try:
        raw = loads_json(
            data, max_bytes=MAX_DOCUMENT_BYTES, max_depth=MAX_VALUE_DEPTH + _DOCUMENT_DEPTH
        )
    except JsonInputError as exc:
        raise _because(exc.path, exc.reason) from None
    return parse_document(raw)


def _obj(value: object, path: str, keys: Sequence[str]) -> dict[str, Any]:
    """``value`` as an object with exactly ``keys``: the first missing or unknown one fails."""
    if not isinstance(value, dict):
        raise _fail(path, "case_document_type", _T_TYPE, expected="een object")
    for key in keys:
        if key not in value:
            raise _fail(_join(path, key), "case_document_missing", _T_MISSING)
    for key in value:
        if key not in keys:
            raise _fail(_join(path, key), "case_document_unknown_key", _T_UNKNOWN, format=FORMAT)
    return value


def _join(path: str, key: str) -> str:
    shown = format_path((key,))
    return f"{path}.{shown}" if path else shown


def _list(value: object, path: str, limit: int) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(path, "case_document_type", _T_TYPE, expected="een lijst")
    if len(value) > limit:
        raise _fail(
            path, "case_document_too_large", _T_TOO_LARGE, size=str(len(value)), limit=str(limit)
        )
    return value


def _int(value: object, path: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(path, "case_document_type", _T_TYPE, expected="een geheel getal")
    if not low <= value <= high:
        raise _bad(path, "moet {low} tot {high} zijn", low=low, high=high)
    return value


def _bool(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(path, "case_document_type", _T_TYPE, expected="true of false")
    return value


def _str(value: object, path: str, pattern: re.Pattern[str] | None = None) -> str:
    if not isinstance(value, str):
        raise _fail(path, "case_document_type", _T_TYPE, expected="tekst")
    if pattern is not None and not pattern.fullmatch(value):
        raise _bad(path, "heeft niet de juiste vorm")
    return value


def _label(value: object, path: str, limit: int) -> str:
    text = _str(value, path)
    if not text.strip() or len(text) > limit:
        raise _bad(path, "moet niet-lege tekst van hoogstens {limit} tekens zijn", limit=limit)
    problem = label_problem(text)
    if problem is not None:
        raise _because(path, problem)
    return text


def _opt(value: object, path: str, read: Any, *args: Any) -> Any:
    return None if value is None else read(value, path, *args)


def _time(value: object, path: str) -> datetime:
    try:
        return parse_time(value, path)
    except AuditError:
        raise _bad(path, "moet een UTC-tijd zijn als JJJJ-MM-DDTuu:mm:ss.ffffffZ") from None


def _date(value: object, path: str) -> date:
    """A date by the handover file's rule (``JJJJ-MM-DD``, existing, 1900–2100)."""
    try:
        return handover_rules._date(value, path)
    except handover_rules.HandoverError as exc:
        raise _because(path, exc.reason) from None


def _json_value(value: Any, path: str) -> Any:
    """A field value: at most :data:`MAX_VALUE_BYTES` and :data:`MAX_VALUE_DEPTH` deep, and
    portable by the one rule the office holds a field to (``domain.portable_value``: no
    control or bidi characters in any text, no invisible ones in any key, integers within
    :data:`MAX_SAFE_INT`, finite numbers). Otherwise opaque, as in the sync protocol: what
    a value means is checked where the field is used (the PIP versions here, by
    :mod:`~.pip`)."""
    size = len(_canonical(value).encode("utf-8", "surrogatepass"))
    if size > MAX_VALUE_BYTES:
        raise _fail(
            path,
            "case_document_too_large",
            _T_TOO_LARGE,
            size=f"{size} bytes",
            limit=f"{MAX_VALUE_BYTES} bytes",
        )
    stack: list[tuple[Any, str, int]] = [(value, path, 0)]
    while stack:
        item, where, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth >= MAX_VALUE_DEPTH:
                raise _bad(where, "te diep genest")
            if isinstance(item, dict):
                for key, child in item.items():
                    if (problem := portable.key_problem(key)) is not None:
                        raise _because(_join(where, key), problem)
                    stack.append((child, _join(where, key), depth + 1))
            else:
                stack.extend((child, f"{where}[{i}]", depth + 1) for i, child in enumerate(item))
        elif (problem := portable.scalar_problem(item)) is not None:
            if problem.code == "unsafe_integer":
                raise _bad(where, _T_UNSAFE_INT, limit=MAX_SAFE_INT)
            raise _because(where, problem)
    return value


def _key(value: object, path: str) -> str:
    """A field key as the sync protocol allows it (identity keys included)."""
    key = _str(value, path)
    if not 1 <= len(key) <= MAX_FIELD_KEY or not FIELD_KEY_PATTERN.fullmatch(key):
        raise _bad(path, _T_FIELD_KEY)
    return key


def _field_key(value: object, path: str) -> str:
    """A key of ``fields``: not an identity key, which lives in ``person`` and ``dates``."""
    key = _key(value, path)
    if key in _IDENTITY_KEYS or key.startswith(_IDENTITY_PREFIXES):
        raise _bad(path, _T_IDENTITY_FIELD)
    return key


_TOP_KEYS = (
    "format",
    "exported_at",
    "herkomst",
    "doel",
    "case",
    "doelgroep",
    "person",
    "dates",
    "fields",
    "attachments",
    "audit",
    "conflicts",
    "quarantine",
)
_PERSON_KEYS = (
    "given_names",
    "family_name",
    "date_of_birth",
    "nationality",
    "languages",
    "preferred_language",
    "v_nummer",
    "bsn",
    "residence_basis",
    "permit_since",
)
_DATE_KEYS = (*handover_rules.DATE_KEYS, "pip_date", "brp_after_move")


def parse_document(raw: object) -> CaseDocument:
    """Check a decoded document and return its content (rules: module docstring).

    Raises :class:`CaseDocumentError` naming the first bad value's path.
    """
    if not isinstance(raw, dict):
        raise _fail("", "case_document_type", _T_TYPE, expected="een JSON-object")
    fmt = raw.get("format")
    if fmt != FORMAT:
        match = _FORMAT_FAMILY.fullmatch(fmt) if isinstance(fmt, str) else None
        if match:
            raise _fail(
                "format", "case_document_version", _T_VERSION, found=match.group(0), format=FORMAT
            )
        raise _fail("format", "case_document_format", _T_FORMAT, format=FORMAT)
    top = _obj(raw, "", _TOP_KEYS)
    exported_at = _time(top["exported_at"], "exported_at")
    herkomst = _enum(Herkomst, top["herkomst"], "herkomst")
    doel = _enum(Doel, top["doel"], "doel")
    case = _case(top["case"])
    doelgroep = _enum(Doelgroep, top["doelgroep"], "doelgroep")
    person, dates = _identity(top["person"], top["dates"], doelgroep)
    fields = _fields(top["fields"])
    parsed = CaseDocument(
        exported_at=exported_at,
        herkomst=herkomst,
        doel=doel,
        case=case,
        doelgroep=doelgroep,
        person=person,
        dates=dates,
        fields=fields,
        attachments=_attachments(top["attachments"]),
        audit=_audit(top["audit"], case.id),
        conflicts=_conflicts(top["conflicts"]),
        quarantine=_quarantine(top["quarantine"]),
    )
    return canonical_order(parsed)


def _enum(kind: type[enum.StrEnum], value: object, path: str) -> Any:
    try:
        return kind(value)  # type: ignore[arg-type]  # any JSON value; ValueError if not one
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise _bad(path, "moet een van {allowed} zijn", allowed=allowed) from None


def _case(value: object) -> CaseHeader:
    doc = _obj(value, "case", ("id", "gemeente", "version", "source", "created_at", "updated_at"))
    gemeente = None
    if doc["gemeente"] is not None:
        try:
            gemeente = gemeentecode(doc["gemeente"])
        except GemeenteError as exc:
            raise _because("case.gemeente", exc.reason) from None
        if gemeente != doc["gemeente"]:
            raise _bad("case.gemeente", "moet als GM en vier cijfers geschreven zijn")
    created = _time(doc["created_at"], "case.created_at")
    updated = _time(doc["updated_at"], "case.updated_at")
    if updated < created:
        raise _bad("case.updated_at", "ligt vóór case.created_at")
    return CaseHeader(
        id=_str(doc["id"], "case.id", audit_chain.ID_PATTERN),
        gemeente=gemeente,
        version=_int(doc["version"], "case.version", 1, MAX_VERSION),
        source=_str(doc["source"], "case.source", _TOKEN),
        created_at=created,
        updated_at=updated,
    )


def _identity(
    person_raw: object, dates_raw: object, doelgroep: Doelgroep
) -> tuple[Inburgeraar, CaseDates]:
    """Person and dates by the handover file's rules (one copy of them: handover.py)."""
    person = _obj(person_raw, "person", _PERSON_KEYS)
    dates = _obj(dates_raw, "dates", _DATE_KEYS)
    if not isinstance(person["languages"], list):
        raise _fail("person.languages", "case_document_type", _T_TYPE, expected="een lijst")
    handover_doc = {
        "format": handover_rules.FORMAT,
        "person": person,
        "doelgroep": doelgroep.value,
        "dates": {key: dates[key] for key in handover_rules.DATE_KEYS},
    }
    try:
        parsed = handover_rules.parse_handover(handover_doc)
    except handover_rules.HandoverError as exc:
        raise _because(exc.key, exc.reason) from None
    pip_date = _opt(dates["pip_date"], "dates.pip_date", _date)
    after_move = _opt(dates["brp_after_move"], "dates.brp_after_move", _date)
    return parsed.person, CaseDates(
        brp_registration=parsed.dates.brp_registration,
        koppeling=parsed.dates.koppeling,
        duo_kennisgeving=parsed.dates.duo_kennisgeving,
        bijstand_start=parsed.dates.bijstand_start,
        pip_date=pip_date,
        brp_after_move=after_move,
    )


_FIELD_KEYS = (
    "key",
    "value",
    "source",
    "confirmed",
    "catalogue_version",
    "prompt_id",
    "updated_at",
)


def _fields(value: object) -> tuple[FieldEntry, ...]:
    items = _list(value, "fields", MAX_FIELDS)
    out: list[FieldEntry] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        path = f"fields[{i}]"
        doc = _obj(item, path, _FIELD_KEYS)
        key = _field_key(doc["key"], f"{path}.key")
        if key in seen:
            raise _bad(f"{path}.key", "staat al in fields[{index}]", index=seen[key])
        seen[key] = i
        out.append(
            FieldEntry(
                key=key,
                value=_json_value(doc["value"], f"{path}.value"),
                source=_str(doc["source"], f"{path}.source", _TOKEN),
                confirmed=_bool(doc["confirmed"], f"{path}.confirmed"),
                catalogue_version=_opt(
                    doc["catalogue_version"], f"{path}.catalogue_version", _label, 32
                ),
                prompt_id=_opt(doc["prompt_id"], f"{path}.prompt_id", _str, _PROMPT_ID),
                updated_at=_time(doc["updated_at"], f"{path}.updated_at"),
            )
        )
    _check_pip(out, seen)
    return tuple(out)


def _check_pip(fields: Sequence[FieldEntry], index: Mapping[str, int]) -> None:
    """The PIP versions load as a history, and ``pip.current`` is the pointer they give."""
    versions = {f.key: f.value for f in fields if f.key.startswith(PIP_VERSION_PREFIX)}
    try:
        history = PipHistory.from_storage(versions)
    except PipFormatError as exc:
        key = next((k for k in versions if re.match(rf"{re.escape(k)}(?![0-9])", exc.field)), None)
        where = f"fields[{index[key]}].value{exc.field[len(key) :]}" if key else "fields"
        raise _fail(where, "case_document_pip", _T_PIP) from None
    if CURRENT_KEY in index:
        current = fields[index[CURRENT_KEY]].value
        if current != history.pointer():
            raise _fail(
                f"fields[{index[CURRENT_KEY]}].value",
                "case_document_pip",
                _T_PIP_CURRENT,
            )
    elif versions:
        raise _fail("fields", "case_document_missing", _T_PIP_CURRENT_MISSING, key=CURRENT_KEY)


_ATTACHMENT_KEYS = ("sha256", "kind", "media_type", "size", "created_at", "content_base64")


def _attachments(value: object) -> tuple[Attachment, ...]:
    items = _list(value, "attachments", MAX_ATTACHMENTS)
    out: list[Attachment] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        path = f"attachments[{i}]"
        doc = _obj(item, path, _ATTACHMENT_KEYS)
        sha = _str(doc["sha256"], f"{path}.sha256", _SHA256)
        size = _int(doc["size"], f"{path}.size", 0, MAX_ATTACHMENT_BYTES)
        encoded = _str(doc["content_base64"], f"{path}.content_base64")
        if len(encoded) > 4 * ((MAX_ATTACHMENT_BYTES + 2) // 3):
            raise _fail(
                f"{path}.content_base64",
                "case_document_too_large",
                _T_TOO_LARGE,
                size=f"{len(encoded)} tekens",
                limit=f"{MAX_ATTACHMENT_BYTES} bytes",
            )
        try:
            content = base64.b64decode(encoded.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError):
            raise _bad(f"{path}.content_base64", "is geen geldige base64") from None
        if len(content) != size:
            raise _bad(f"{path}.size", "past niet bij de inhoud")
        if base64.b64encode(content).decode("ascii") != encoded:
            raise _bad(f"{path}.content_base64", "is geen canonieke base64")
        if hashlib.sha256(content).hexdigest() != sha:
            raise _fail(f"{path}.sha256", "case_document_hash", _T_HASH)
        if sha in seen:
            raise _bad(f"{path}.sha256", "staat twee keer in attachments")
        seen.add(sha)
        out.append(
            Attachment(
                sha256=sha,
                kind=_str(doc["kind"], f"{path}.kind", _TOKEN),
                media_type=_str(doc["media_type"], f"{path}.media_type", _MEDIA_TYPE),
                created_at=_time(doc["created_at"], f"{path}.created_at"),
                content=content,
            )
        )
    return tuple(out)


def _audit(value: object, case_id: str) -> tuple[AuditEntry, ...]:
    """Entries of this case, each chain (one per device, taken in the order of its entries'
    numbers) unbroken from its first entry (:func:`~.audit.verify`)."""
    items = _list(value, "audit", MAX_AUDIT_ENTRIES)
    entries: list[AuditEntry] = []
    for i, item in enumerate(items):
        try:
            entry = audit_chain.entry_from_json(item)
        except AuditError as exc:
            field = exc.reason.params.get("field", "")
            where = f"audit[{i}].{field}" if field and field != "(regel)" else f"audit[{i}]"
            raise _because(where, exc.reason) from None
        if entry.case_id != case_id:
            raise _bad(f"audit[{i}].case_id", "hoort bij een ander dossier")
        entries.append(entry)
    chains: dict[str, list[int]] = {}
    for i, entry in enumerate(entries):
        chains.setdefault(entry.device_id, []).append(i)
    for device, positions in chains.items():
        # The list's order means nothing (a writer sorts it); each entry's number, which
        # its hash covers, is its place in the chain.
        positions.sort(key=lambda p: entries[p].seq)
        check = audit_chain.verify(
            [entries[p] for p in positions], case_id=case_id, device_id=device
        )
        if not check.ok and check.position is not None and check.reason is not None:
            at = positions[min(check.position, len(positions) - 1)]
            raise CaseDocumentError(f"audit[{at}]", check.reason)
    return tuple(entries)


_CONFLICT_KEYS = ("field_key", "office_value", "office_version", "laptop_value", "created_at")


def _conflicts(value: object) -> tuple[ConflictEntry, ...]:
    items = _list(value, "conflicts", MAX_CONFLICTS)
    out: list[ConflictEntry] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        path = f"conflicts[{i}]"
        doc = _obj(item, path, _CONFLICT_KEYS)
        key = _field_key(doc["field_key"], f"{path}.field_key")
        if key in seen:
            raise _bad(f"{path}.field_key", "staat twee keer in conflicts")
        seen.add(key)
        out.append(
            ConflictEntry(
                field_key=key,
                office_value=_json_value(doc["office_value"], f"{path}.office_value"),
                office_version=_int(
                    doc["office_version"], f"{path}.office_version", 0, MAX_VERSION
                ),
                laptop_value=_json_value(doc["laptop_value"], f"{path}.laptop_value"),
                created_at=_time(doc["created_at"], f"{path}.created_at"),
            )
        )
    return tuple(out)


_QUARANTINE_KEYS = (
    "direction",
    "op_id",
    "field_keys",
    "patch",
    "error",
    "message",
    "detail",
    "created_at",
)


def _quarantine(value: object) -> tuple[QuarantineEntry, ...]:
    items = _list(value, "quarantine", MAX_QUARANTINE)
    out: list[QuarantineEntry] = []
    for i, item in enumerate(items):
        path = f"quarantine[{i}]"
        doc = _obj(item, path, _QUARANTINE_KEYS)
        direction = _str(doc["direction"], f"{path}.direction")
        if direction not in ("push", "pull"):
            raise _bad(f"{path}.direction", "moet push of pull zijn")
        keys = _list(doc["field_keys"], f"{path}.field_keys", 500)
        field_keys = tuple(_key(k, f"{path}.field_keys[{j}]") for j, k in enumerate(keys))
        patch = doc["patch"]
        if not isinstance(patch, dict):
            raise _fail(f"{path}.patch", "case_document_type", _T_TYPE, expected="een object")
        for key in patch:
            _key(key, _join(f"{path}.patch", key))
        detail = doc["detail"]
        if not isinstance(detail, dict):
            raise _fail(f"{path}.detail", "case_document_type", _T_TYPE, expected="een object")
        message = _str(doc["message"], f"{path}.message")
        problem = free_text_problem(message)
        if len(message) > MAX_MESSAGE or problem is not None:
            if problem is not None:
                raise _because(f"{path}.message", problem)
            raise _bad(f"{path}.message", "is langer dan {limit} tekens", limit=MAX_MESSAGE)
        out.append(
            QuarantineEntry(
                direction=direction,
                op_id=_opt(doc["op_id"], f"{path}.op_id", _int, 1, 2**63 - 1),
                field_keys=field_keys,
                patch=_json_value(patch, f"{path}.patch"),
                error=_str(doc["error"], f"{path}.error", _CODE),
                message=message,
                detail=_json_value(detail, f"{path}.detail"),
                created_at=_time(doc["created_at"], f"{path}.created_at"),
            )
        )
    return tuple(out)


def identity_patch(doc: CaseDocument) -> dict[str, Any]:
    """The identity of ``doc`` (``doelgroep``, ``person``, ``dates``) as the field keys the
    sync protocol carries (``protocol.field_rules``): what an import writes next to
    ``fields``, on a laptop and at the office alike."""
    p, d = doc.person, doc.dates
    return {
        "doelgroep": doc.doelgroep.value,
        "person.given_names": p.given_names,
        "person.family_name": p.family_name,
        "person.date_of_birth": p.date_of_birth.isoformat(),
        "person.nationality": p.nationality,
        "person.languages": list(p.languages),
        "person.preferred_language": p.preferred_language,
        "person.v_nummer": p.v_nummer,
        "person.bsn": p.bsn,
        "person.residence_basis": None if p.residence_basis is None else p.residence_basis.value,
        "person.permit_since": _iso(p.permit_since),
        "dates.brp_registration": d.brp_registration.isoformat(),
        "dates.koppeling": _iso(d.koppeling),
        "dates.duo_kennisgeving": _iso(d.duo_kennisgeving),
        "dates.bijstand_start": _iso(d.bijstand_start),
        "dates.pip_date": _iso(d.pip_date),
        "dates.brp_after_move": _iso(d.brp_after_move),
    }
