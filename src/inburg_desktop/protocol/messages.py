"""The sync protocol's messages and limits, shared by the office server and the laptop's client.

Every model is strict (no coercion, unknown keys refused) and bounded, so a hostile or
broken peer gets a clear validation error instead of a surprise. Field keys are opaque
strings such as ``person.given_names`` or ``intake.opleiding.notes``; values are JSON.
See ``docs/sync-protocol.md`` for the semantics.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    JsonValue,
    model_validator,
)

from inburg_desktop.domain.safe_text import label_problem, name_problem
from inburg_desktop.protocol.canonical import canonical_json, json_depth
from inburg_desktop.protocol.recovery import RecoveryRefused, read_public_key

PROTOCOL_VERSION = 1
MAX_BODY_BYTES = 2 * 1024 * 1024
"""No request body may exceed this; the server refuses larger ones before parsing."""
MAX_BATCH_BYTES = 1024 * 1024
"""A push batch is cut at about this size (DESIGN.md: about 1 MB at most)."""
MAX_OPS_PER_BATCH = 1000
MAX_FIELDS_PER_OP = 500
MAX_FIELD_KEY = 200
MAX_VALUE_BYTES = 256 * 1024
MAX_VALUE_DEPTH = 32
MAX_CASE_ID = 64
MAX_PULL_LIMIT = 500
DEFAULT_PULL_LIMIT = 100
MAX_CHUNK_BYTES = 1024 * 1024
MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024
MAX_HASHES = 1000
MAX_DEVICE_ID = 64
MAX_CONSULTANT = 200
MAX_SERVER_TIME = 2**40
"""Seconds since 1970 (UTC); about the year 36812, far beyond any real clock."""

FIELD_KEY_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-\[\]:]*")
_CASE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]*")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+\-]*/[a-z0-9][a-z0-9!#$&^_.+\-]*")


def _check_field_key(key: str) -> str:
    if not 1 <= len(key) <= MAX_FIELD_KEY or not FIELD_KEY_PATTERN.fullmatch(key):
        raise ValueError("field key must be 1-200 characters of letters, digits and _ . - [ ] :")
    return key


def _check_case_id(value: str) -> str:
    if not 1 <= len(value) <= MAX_CASE_ID or not _CASE_ID.fullmatch(value):
        raise ValueError("case id must be 1-64 characters of letters, digits, - and _")
    return value


ERROR_CODE = re.compile(r"[a-z0-9_]{1,64}")
"""What an error code from the office looks like. Codes reach the laptop's log and the
consultant's screen, so a value from the network that is not one (a newline, a name) is
refused, never shown or logged as given."""

UNRECOGNISED_CODE = "unrecognised_code"
"""Stands in for an office error code that is not of the ``ERROR_CODE`` form."""


_DEVICE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]*")
_MARKUP = frozenset("<>")


def _check_device_id(value: str) -> str:
    if not 1 <= len(value) <= MAX_DEVICE_ID or not _DEVICE_ID.fullmatch(value):
        raise ValueError("device id must be 1-64 characters of letters, digits, - and _")
    return value


def consultant_problem(name: str) -> str | None:
    """Why ``name`` cannot be a consultant's account name, or ``None``: what the office
    issues an enrollment code for and a laptop stores and shows (sync status, PIP
    signature line). ``"empty"`` (nothing but white space), ``"too_long"`` (over
    :data:`MAX_CONSULTANT` characters), ``"surrounding_space"``, ``"markup"`` (``<`` or
    ``>``, which a Qt label could take for rich text) or ``"hidden"`` (control, bidi,
    invisible or non-characters, a misplaced joiner, a symbol, or nothing visible: the one
    name rule, ``domain.safe_text.name_problem``)."""
    if not name.strip():
        return "empty"
    if len(name) > MAX_CONSULTANT:
        return "too_long"
    if name != name.strip():
        return "surrounding_space"
    if any(char in _MARKUP for char in name):
        return "markup"
    if name_problem(name) is not None:
        return "hidden"
    return None


def _check_consultant(value: str) -> str:
    problem = consultant_problem(value)
    if problem is not None:
        raise ValueError(f"consultant name refused: {problem}")
    return value


def _check_error_code(value: str) -> str:
    if not ERROR_CODE.fullmatch(value):
        raise ValueError("error code must be 1-64 characters of a-z, 0-9 and _")
    return value


def error_code(value: object) -> str | None:
    """``value`` as an error code: itself when it is one, ``None`` when absent or empty,
    ``UNRECOGNISED_CODE`` for anything else the network sent."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and ERROR_CODE.fullmatch(value):
        return value
    return UNRECOGNISED_CODE


def _check_sha256(value: str) -> str:
    if not _SHA256.fullmatch(value):
        raise ValueError("sha256 must be 64 lowercase hexadecimal digits")
    return value


def _check_patch(patch: dict[str, JsonValue]) -> dict[str, JsonValue]:
    if not patch:
        raise ValueError("patch must change at least one field")
    if len(patch) > MAX_FIELDS_PER_OP:
        raise ValueError(f"patch may change at most {MAX_FIELDS_PER_OP} fields")
    for key, value in patch.items():
        _check_field_key(key)
        if json_depth(value) > MAX_VALUE_DEPTH:
            raise ValueError(f"value of {key} is nested deeper than {MAX_VALUE_DEPTH} levels")
        if len(canonical_json(value).encode("utf-8")) > MAX_VALUE_BYTES:
            raise ValueError(f"value of {key} is larger than {MAX_VALUE_BYTES} bytes")
    return patch


def _check_recovery_key(value: str) -> str:
    try:
        read_public_key(value)
    except RecoveryRefused:
        raise ValueError("recovery_public_key must be base64 of an X25519 public key") from None
    return value


CaseId = Annotated[str, AfterValidator(_check_case_id)]
FieldKey = Annotated[str, AfterValidator(_check_field_key)]
Sha256 = Annotated[str, AfterValidator(_check_sha256)]
ErrorCode = Annotated[str, AfterValidator(_check_error_code)]
Patch = Annotated[dict[str, JsonValue], AfterValidator(_check_patch)]
OpId = Annotated[int, Field(ge=1, le=2**62)]
Version = Annotated[int, Field(ge=0, le=2**62)]
DeviceId = Annotated[str, AfterValidator(_check_device_id)]
RecoveryPublicKey = Annotated[str, AfterValidator(_check_recovery_key)]
ConsultantName = Annotated[str, AfterValidator(_check_consultant)]


class Message(BaseModel):
    """Base of every protocol message: strict types, unknown keys refused."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Answer(Message):
    """Base of what the office sends back: strict types, but keys this version does not
    know are ignored (a tolerant reader), so a laptop one release behind the office keeps
    syncing when a newer office adds a field to an answer. Requests stay strict: the
    office refuses what it does not know (:class:`Message`)."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


# --- errors -------------------------------------------------------------------------------


class ErrorBody(Answer):
    """Every 4xx/5xx answer: a stable machine code and a sentence for people."""

    error: str
    message: str
    details: list[dict[str, JsonValue]] | None = None
    expected_op_id: int | None = None
    expected_offset: int | None = None
    server_time: int | None = None


# --- enrollment ---------------------------------------------------------------------------


class EnrollRequest(Message):
    """Redeem a one-time code; ``proof`` signs ``enroll_proof_message(code, public_key)``."""

    code: Annotated[str, Field(min_length=4, max_length=64)]
    public_key: Annotated[str, Field(min_length=43, max_length=44)]
    proof: Annotated[str, Field(min_length=86, max_length=88)]
    device_name: Annotated[str, Field(max_length=100)] = ""
    next_op_id: OpId = 1
    """The op id this vault's outbox will use next (a vault re-enrolled keeps counting)."""


class EnrollResponse(Answer):
    """The office's answer to an enrollment. Every field is checked on arrival (the laptop
    stores ``device_id`` and ``consultant`` and shows the latter), so a broken or hostile
    answer is refused whole instead of being stored: the id 1-64 characters of letters,
    digits, ``-`` and ``_``; the name as :func:`consultant_problem`; the time in seconds
    since 1970 (UTC) within 0..2**40. Keys this version does not know are ignored
    (:class:`Answer`); ``recovery_public_key`` is optional both ways."""

    device_id: DeviceId
    consultant: ConsultantName
    server_time: Annotated[int, Field(ge=0, le=MAX_SERVER_TIME)]
    protocol_version: Annotated[int, Field(ge=1, le=2**31)] = PROTOCOL_VERSION
    recovery_public_key: RecoveryPublicKey | None = None
    """The office's recovery public key (base64 of 32 raw X25519 bytes,
    ``protocol.recovery``), which the laptop wraps its vault key to; ``None`` (or absent,
    from an office before this field): the office has no recovery key, so the vault has
    no recovery."""


# --- push ---------------------------------------------------------------------------------


class Op(Message):
    """One outbox entry: a per-field patch of a case, based on a server version.

    ``resolves`` names fields whose open conflict this op settles; their values in
    ``patch`` are the consultant's choice (or merge).
    """

    op_id: OpId
    case_id: CaseId
    base_version: Version
    patch: Patch
    resolves: Annotated[list[FieldKey], Field(max_length=MAX_FIELDS_PER_OP)] = []

    @model_validator(mode="after")
    def _resolves_in_patch(self) -> Op:
        stray = [key for key in self.resolves if key not in self.patch]
        if stray:
            raise ValueError("every key in resolves must also be in patch")
        return self


class PushRequest(Message):
    """A batch of ops in strictly increasing, gap-free op-id order."""

    ops: Annotated[list[Op], Field(min_length=1, max_length=MAX_OPS_PER_BATCH)]


MAX_DEVICE_LABEL = 100
"""Characters of a device's label (the office's ``devices.label`` column)."""


def _device_label(value: object) -> str | None:
    """A device label as a laptop shows it, or ``None`` for none: anything but a short,
    plain label (control, bidi or invisible characters, ``domain.safe_text.label_problem``)
    is dropped rather than refusing the whole answer: the side is then named without it."""
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_DEVICE_LABEL:
        return None
    return None if label_problem(value) is not None else value


class FieldConflict(Answer):
    """Both values of a field that the office and a laptop changed independently, and
    where each came from, so a laptop can name the sides (this laptop, the office,
    another laptop of a consultant): ``device_id`` wrote ``laptop_value``;
    ``office_device_id`` wrote ``office_value`` (``None``: office staff changed it at the
    office, or an import); ``laptop_consultant`` / ``office_consultant`` are the
    consultants those devices belong to (``None`` when there is no device)."""

    field_key: str
    office_value: JsonValue
    office_version: int
    laptop_value: JsonValue
    device_id: str
    op_id: int
    office_device_id: str | None = None
    office_consultant: str | None = None
    laptop_consultant: str | None = None
    office_changed_at: datetime | None = None
    """When the office's value was written at the office (UTC, no zone), so a laptop can
    say when each side changed (usability round 3); ``None`` from an older office."""
    laptop_changed_at: datetime | None = None
    """When the laptop's value reached the office (UTC, no zone)."""
    office_device_label: Annotated[str | None, BeforeValidator(_device_label)] = None
    laptop_device_label: Annotated[str | None, BeforeValidator(_device_label)] = None
    """The office's names for the two devices (``inburg-office enroll --label``, "laptop
    2"), so a laptop can tell two laptops of one consultant apart (usability round 6
    #12); ``None`` without a label, from an older office, or for one this laptop cannot
    show (:func:`_device_label`)."""


OpStatus = Literal["applied", "conflict", "rejected"]


class OpResult(Answer):
    """What became of one op; a repeated op gets this same result again."""

    op_id: int
    case_id: str
    status: OpStatus
    version: int | None = None
    conflicts: list[FieldConflict] = []
    error: ErrorCode | None = None
    message: Annotated[str, Field(max_length=2000)] | None = None


class PushResponse(Answer):
    acknowledged_op_id: int
    results: list[OpResult]


# --- pull ---------------------------------------------------------------------------------


class FieldState(Answer):
    value: JsonValue
    version: int


class CaseState(Answer):
    """A case as the laptop should hold it after applying this page.

    ``full`` means ``fields`` holds every field (the case is new to this caseload);
    otherwise only fields changed since the cursor. ``conflicts`` always lists every
    open conflict of the case (replace the local set).

    ``own_version``: the highest version among the fields left out because the pulling
    device pushed them itself (0 when none was left out). A laptop whose acknowledged
    pushes of the case produced a lower version does not hold those values (its vault
    went back: a restored backup or disk image) and fetches the case whole
    (``GET /v1/cases/{id}``) instead of moving its base past values it never had (attack
    round 3). An office that predates the field sends none: read as 0.
    """

    case_id: str
    version: int
    full: bool
    fields: dict[str, FieldState]
    conflicts: list[FieldConflict] = []
    own_version: int = 0


class PullResponse(Answer):
    """One page of changes; apply it together with ``cursor`` in one transaction.

    ``refetch``: the cursor is too old (or from the future); pull again from 0.
    ``caseload``: present only when pulling from 0, every case id in the caseload, so the
    laptop can purge what is no longer there.
    """

    cursor: int
    more: bool
    refetch: bool = False
    cases: list[CaseState] = []
    removals: list[str] = []
    settings: dict[str, JsonValue] = {}
    caseload: list[str] | None = None


# --- set aside ----------------------------------------------------------------------------

MAX_SET_ASIDE_ENTRIES = 100
"""Entries per set-aside report (each field value is bounded like a push value)."""

MAX_SET_ASIDE_ENTRY_BYTES = 32 * 1024
"""Bytes of one set-aside entry's ``fields``, ``labels`` and ``reason`` together (UTF-8,
canonical JSON), at most. A set-aside entry tells office staff what to act on, not the
data itself: the laptop sends field names with short values (:data:`SET_ASIDE_VALUE_CHARS`,
:func:`short_value`) and keeps the whole values in its own list and export. The office
refuses a larger entry (413 ``set_aside_entry_too_large``) and stores nothing of its
report (attack round 3: 9 values of 200 KB per entry filled 1.8 GB in 34 s)."""

SET_ASIDE_VALUE_CHARS = 300
"""Characters of one value a laptop sends in a set-aside entry (:func:`short_value`)."""

SHORTENED = "…"
"""Ends a value that :func:`short_value` cut."""

MAX_LABEL_CHARS = 200
"""Characters of a field's words in a set-aside entry (``SetAsideEntry.labels``)."""


def short_value(value: JsonValue, chars: int = SET_ASIDE_VALUE_CHARS) -> JsonValue:
    """``value`` as a set-aside entry carries it: itself when its text (a string as it is,
    anything else as canonical JSON) has at most ``chars`` characters; otherwise that text
    cut to ``chars`` characters and ending in :data:`SHORTENED` (a string, so a list or
    object cut short is never mistaken for the value)."""
    text = value if isinstance(value, str) else canonical_json(value)
    if len(text) <= chars:
        return value
    return text[:chars] + SHORTENED


def set_aside_entry_bytes(fields: dict[str, JsonValue], labels: dict[str, str], reason: str) -> int:
    """What :data:`MAX_SET_ASIDE_ENTRY_BYTES` bounds: UTF-8 bytes of the canonical JSON of
    ``fields`` and ``labels`` and of ``reason``."""
    return (
        len(canonical_json(fields).encode("utf-8"))
        + len(canonical_json(labels).encode("utf-8"))
        + len(reason.encode("utf-8"))
    )


def _check_fields(fields: dict[str, JsonValue]) -> dict[str, JsonValue]:
    return _check_patch(fields) if fields else fields


def _check_labels(labels: dict[str, str]) -> dict[str, str]:
    if len(labels) > MAX_FIELDS_PER_OP:
        raise ValueError(f"at most {MAX_FIELDS_PER_OP} labels")
    for key, words in labels.items():
        _check_field_key(key)
        if len(words) > MAX_LABEL_CHARS:
            raise ValueError(f"label of {key} is longer than {MAX_LABEL_CHARS} characters")
    return labels


class SetAsideEntry(Message):
    """One thing the laptop set aside (its quarantine), reported to the office so staff
    can act on it: edits of a case that left the caseload, a change the office refused, a
    record the laptop could not apply. ``local_id`` numbers it on the laptop (a resent
    report stores nothing twice); ``case_label`` is the case as the consultant knew it
    (name, V-number); ``reason`` the laptop's sentence for people; ``fields`` the values
    concerned (an attachment's metadata, never its bytes), shortened
    (:func:`short_value`); ``labels`` the field names in the laptop's words (its
    catalogue's, e.g. ``"Werk: Notities"``), by field key. Together at most
    :data:`MAX_SET_ASIDE_ENTRY_BYTES`."""

    local_id: OpId
    case_id: CaseId
    case_label: Annotated[str, Field(max_length=300)] = ""
    direction: Literal["push", "pull"]
    error: ErrorCode
    reason: Annotated[str, Field(max_length=2000)]
    set_aside_at: Annotated[str, Field(min_length=1, max_length=40)]
    fields: Annotated[dict[str, JsonValue], AfterValidator(_check_fields)] = {}
    labels: Annotated[dict[str, str], AfterValidator(_check_labels)] = {}


class SetAsideReport(Message):
    entries: Annotated[list[SetAsideEntry], Field(min_length=1, max_length=MAX_SET_ASIDE_ENTRIES)]


class SetAsideReceipt(Answer):
    """The ``local_id`` of every entry the office now holds (new or from before)."""

    received: list[int]


# --- audit trail --------------------------------------------------------------------------

MAX_AUDIT_ENTRIES = 1000
"""Audit entries in one ``POST /v1/audit`` at most (an entry is about 450 bytes)."""


class AuditRecord(Message):
    """One audit entry as ``domain.audit.AuditEntry.to_json`` writes it. Only its shape
    is checked here (lengths); the office reads it with ``domain.audit.entry_from_json``
    and accepts it only when it extends the chain it holds (``domain.audit.extends``)."""

    seq: Annotated[int, Field(ge=1, le=2**62)]
    at: Annotated[str, Field(min_length=27, max_length=27)]
    actor: Annotated[str, Field(min_length=1, max_length=200)]
    device_id: DeviceId
    case_id: CaseId
    action: Annotated[str, Field(min_length=1, max_length=16)]
    part: Annotated[str, Field(min_length=1, max_length=120)]
    prev_hash: Sha256
    hash: Sha256


class AuditPush(Message):
    """``POST /v1/audit``: a laptop's audit entries the office has not confirmed, in the
    order they were recorded (each chain in number order). A separate request from
    ``/v1/push`` so an office of an earlier release, which refuses unknown keys in a push,
    keeps taking the ops: it answers this route 404 and the laptop keeps the entries."""

    entries: Annotated[list[AuditRecord], Field(min_length=1, max_length=MAX_AUDIT_ENTRIES)]


class AuditHead(Answer):
    """The last entry the office holds of one chain (case, device): the laptop's anchor."""

    case_id: str
    device_id: str
    seq: int
    hash: str


class AuditRefusal(Answer):
    """An entry the office did not take, and why: ``audit_chain_broken`` (it does not
    extend the chain the office holds: edited, missing rows before it, out of order),
    ``audit_entry_invalid`` (not an entry), ``audit_chain_foreign`` (another device's
    chain) or ``case_not_found`` (no case of this caseload). The entries after it in the
    same chain are not taken either."""

    case_id: str
    device_id: str
    seq: int
    error: ErrorCode
    message: Annotated[str, Field(max_length=2000)]


class AuditReceipt(Answer):
    """The heads of the chains the request touched, and what was refused."""

    heads: list[AuditHead]
    refused: list[AuditRefusal] = []


# --- attachments --------------------------------------------------------------------------


class MissingRequest(Message):
    hashes: Annotated[list[Sha256], Field(min_length=1, max_length=MAX_HASHES)]


class UploadState(Answer):
    """How far the server has an attachment: resume an upload at ``received``."""

    sha256: str
    length: int | None
    received: int
    complete: bool


class MissingResponse(Answer):
    missing: list[UploadState]


class BeginUpload(Message):
    """Announce an attachment for a case before sending its bytes."""

    case_id: CaseId
    length: Annotated[int, Field(ge=0, le=MAX_ATTACHMENT_BYTES)]
    media_type: Annotated[str, Field(min_length=3, max_length=100, pattern=_MEDIA_TYPE.pattern)]


class HealthResponse(Answer):
    status: str
    protocol_version: int
    server_time: int


# --- helpers for the client ----------------------------------------------------------------


def op_size(op: Op) -> int:
    """Bytes this op takes in a push body (close enough for batching)."""
    return len(op.model_dump_json().encode("utf-8")) + 1


def batches(ops: Iterable[Op], max_bytes: int = MAX_BATCH_BYTES) -> Iterator[list[Op]]:
    """Cut ops (already in op-id order) into push batches of at most ``max_bytes``.

    An op larger than ``max_bytes`` on its own still goes, alone in its batch.
    """
    batch: list[Op] = []
    size = 16
    for op in ops:
        n = op_size(op)
        if batch and (size + n > max_bytes or len(batch) >= MAX_OPS_PER_BATCH):
            yield batch
            batch, size = [], 16
        batch.append(op)
        size += n
    if batch:
        yield batch
