"""What sync set aside (the quarantine), as the consultant sees and exports it.

One record the office refused, or one the laptop could not apply, is set aside and never
blocks the rest (DESIGN.md, Sync protocol); the consultant hands the export to the office.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from inburg_desktop.domain.case_label import case_label as domain_case_label
from inburg_desktop.domain.problem import Problem
from inburg_desktop.protocol.canonical import canonical_json
from inburg_desktop.protocol.device_keys import DeviceKey, b64decode
from inburg_desktop.protocol.messages import (
    MAX_BATCH_BYTES,
    MAX_LABEL_CHARS,
    MAX_SET_ASIDE_ENTRIES,
    MAX_SET_ASIDE_ENTRY_BYTES,
    SET_ASIDE_VALUE_CHARS,
    SHORTENED,
    SetAsideEntry,
    SetAsideReport,
    error_code,
    set_aside_entry_bytes,
    short_value,
)
from inburg_desktop.protocol.set_aside_words import clean_labels, clean_reason
from inburg_desktop.services.files import user_named
from inburg_desktop.services.set_aside_text import before_of, sent_value
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.changes import now
from inburg_desktop.storage.sync_state import (
    OFFICE_REFUSED,
    QuarantineEntry,
    add_quarantine,
    enrollment,
    mark_quarantine_refused,
    mark_quarantine_sent,
    quarantine,
)
from inburg_desktop.storage.tables import CaseRow, QuarantineRow
from inburg_desktop.sync.caseload_exit import BEFORE, CASE_LABEL, LEFT_CASELOAD
from inburg_desktop.sync.quarantine import (
    PERMANENT,
    STOP,
    UNKNOWN_CASE,
    export_quarantine,
    office_refused_code,
    reason,
    report_refusal,
    stamp,
)
from inburg_desktop.sync.transport import ProtocolError, SyncClient

__all__ = [
    "OFFICE_REFUSED",
    "QuarantineEntry",
    "QuarantineList",
    "SentToOffice",
    "case_label",
    "case_present",
    "export",
    "load",
    "send_to_office",
    "set_aside_unsaved",
]

log = logging.getLogger(__name__)

UNSAVED_WINDOW = "unsaved_window"
"""``detail["what"]`` of edits typed in a window whose case had left this laptop."""


@dataclass(frozen=True)
class QuarantineList:
    """The entries, oldest first, and the names of the persons whose case is still on
    this laptop (by case id; a case purged since has none)."""

    entries: tuple[QuarantineEntry, ...]
    names: Mapping[str, str]


def load(vault: Vault) -> QuarantineList:
    """Every entry and the names it needs: two queries, whatever the number of entries."""
    with vault.session() as session:
        entries = tuple(quarantine(session))
        ids = {entry.case_id for entry in entries}
        names = {
            row.id: f"{row.given_names} {row.family_name}".strip()
            for row in session.scalars(select(CaseRow).where(CaseRow.id.in_(ids)))
        }
    return QuarantineList(entries, names)


def export(
    vault: Vault,
    path: Path,
    entries: tuple[QuarantineEntry, ...],
    label: Callable[[str], str],
) -> int:
    """Write ``entries`` to ``path`` (owner-only, atomic) with this laptop's device and
    consultant, fields named by ``label``; returns how many were written. ``OSError`` as
    the disk says, named as the file the user chose (``services.files.user_named``);
    nothing is half-written."""
    with vault.session() as session:
        enrolled = enrollment(session)
    with user_named(path):
        export_quarantine(
            path,
            entries,
            device_id=enrolled.device_id if enrolled else None,
            consultant=enrolled.consultant if enrolled else None,
            label=label,
        )
    return len(entries)


def case_present(vault: Vault, case_id: str) -> bool:
    """Whether ``case_id`` is (still) on this laptop: a sync may have taken it off the
    caseload (``sync.caseload_exit``). One query."""
    with vault.session() as session:
        return session.get(CaseRow, case_id) is not None


def case_label(vault: Vault, case_id: str) -> str | None:
    """The case as the consultant knows it (``domain.case_label``: name, V-nummer and case
    number), or ``None`` when it is no longer on this laptop. One query; read while the
    case is still here, so a window can name it once it is gone."""
    with vault.session() as session:
        row = session.get(CaseRow, case_id)
        if row is None:
            return None
        return domain_case_label(row.given_names, row.family_name, row.v_nummer, row.id)


def set_aside_of_case(vault: Vault, case_id: str) -> int:
    """How many entries of ``case_id``'s own work are under "Apart gezet" (push entries:
    unsent changes and attachments kept when it left, edits a window could not save).
    One query; a window of a case that left says "Apart gezet" only when this is not 0
    (usability round 4, 94: it said so beside "Apart gezet (0)")."""
    with vault.session() as session:
        return len(
            session.scalars(
                select(QuarantineRow.id).where(
                    QuarantineRow.case_id == case_id, QuarantineRow.direction == "push"
                )
            ).all()
        )


def set_aside_unsaved(
    vault: Vault,
    case_id: str,
    label: str,
    patch: Mapping[str, Any],
    held: Mapping[str, Any] | None = None,
) -> int:
    """Keep the edits a window could not save because its case left this laptop, in the
    quarantine with the work ``sync.caseload_exit`` kept for it ("Apart gezet": the
    consultant sees, exports and sends them there). ``label``: the case as the window
    showed it (name and V-number; kept inside the vault only). ``held``: the values the
    window last read from the vault (field key -> value), kept for the structured fields
    of ``patch`` so only the parts typed since are shown and sent
    (``services.set_aside_text``). Returns how many fields were set aside; nothing is
    written for an empty ``patch``. A ``VaultError`` when the vault cannot be written now."""
    if not patch:
        return 0
    with vault.transaction() as session:
        add_quarantine(
            session,
            "push",
            case_id,
            dict(patch),
            LEFT_CASELOAD,
            field_keys=list(patch),
            detail={
                "what": UNSAVED_WINDOW,
                CASE_LABEL: label,
                BEFORE: before_of(patch, held or {}),
            },
        )
    log.warning("edits of a window whose case left this laptop set aside: %d fields", len(patch))
    return len(patch)


class NotEnrolledForSending(Problem, LookupError):
    """This laptop is not enrolled with an office: there is nowhere to send to."""

    default_code = "set_aside_not_enrolled"


def _short_parts(value: Any) -> Any:
    """``value`` shortened as a set-aside entry carries it (``short_value``); an object of
    changed parts keeps its parts, each shortened, while it stays within a few values."""
    if isinstance(value, dict) and len(value) <= MAX_PARTS:
        parts = {path: short_value(part) for path, part in value.items()}
        if len(canonical_json(parts)) <= MAX_PARTS * SET_ASIDE_VALUE_CHARS:
            return parts
    return short_value(value)


MAX_PARTS = 20
"""Changed parts of one structured value sent part by part, at most (more go as one short
text: the export holds them all)."""


def _short_fields(
    entry: QuarantineEntry, label: Callable[[str], str], why: str
) -> tuple[dict[str, Any], dict[str, str]]:
    """The entry's values as the office takes them: each shortened (``short_value``),
    with the field names in words, within ``MAX_SET_ASIDE_ENTRY_BYTES`` (values past the
    budget go as a bare ``…``, then words are dropped). The export holds them whole."""
    # a structured value goes as the parts the consultant changed, each part short (usability
    # round 6 #22: a PIP went as its JSON cut after 300 characters, the typed name lost)
    before = entry.detail.get(BEFORE)
    values: dict[str, Any] = {
        key: _short_parts(sent_value(value, before, key))
        for key, value in entry.values.items()
        if key
    }
    labels = clean_labels(
        {key: words[:MAX_LABEL_CHARS] for key in values if (words := label(key)) and words != key}
    )
    for key in reversed(list(values)):
        if set_aside_entry_bytes(values, labels, why) <= MAX_SET_ASIDE_ENTRY_BYTES:
            break
        values[key] = SHORTENED
    if set_aside_entry_bytes(values, labels, why) > MAX_SET_ASIDE_ENTRY_BYTES:
        labels = {}
    return values, labels


def _moment(entry: QuarantineEntry) -> str:
    """When ``entry`` was set aside, as the office takes it: never later than this
    laptop's clock now. An entry set aside while the clock ran ahead (the office refuses a
    moment more than a day ahead of its own, ``invalid_set_aside_at``) goes as "now" once
    the clock is right (attack round 6 #11)."""
    return stamp(min(entry.created_at, now()))


def _report_entry(entry: QuarantineEntry, label: Callable[[str], str]) -> SetAsideEntry:
    kept = entry.detail.get(CASE_LABEL)
    # in the words the office takes (protocol.set_aside_words): a field name or a code
    # in the sentence may hold a control character the office would refuse with 422
    why = clean_reason(reason(entry, label))[:2000]
    try:
        values, labels = _short_fields(entry, label, why)
        return SetAsideEntry(
            local_id=entry.id,
            case_id=entry.case_id,
            case_label=kept[:300] if isinstance(kept, str) else "",
            direction=entry.direction,
            error=error_code(entry.error) or "unrecognised_code",
            reason=why,
            set_aside_at=_moment(entry),
            fields=values,
            labels=labels,
        )
    except (ValueError, TypeError):
        # Values the protocol cannot carry (too large, a key it refuses, unreadable):
        # the entry goes without them and says so; the export holds them.
        return SetAsideEntry(
            local_id=entry.id,
            case_id=entry.case_id if entry.case_id else "onbekend",
            case_label=kept[:300] if isinstance(kept, str) else "",
            direction=entry.direction,
            error=error_code(entry.error) or "unrecognised_code",
            reason=(why + " (waarden niet meegestuurd; zie de export)")[:2000],
            set_aside_at=_moment(entry),
            fields={},
        )


def _batches(entries: list[SetAsideEntry]) -> list[list[SetAsideEntry]]:
    """Reports of at most ``MAX_SET_ASIDE_ENTRIES`` entries and about a push batch's
    bytes (one entry larger than that still goes, alone)."""
    out: list[list[SetAsideEntry]] = []
    batch: list[SetAsideEntry] = []
    size = 0
    for entry in entries:
        n = len(entry.model_dump_json().encode("utf-8"))
        if batch and (len(batch) >= MAX_SET_ASIDE_ENTRIES or size + n > MAX_BATCH_BYTES):
            out.append(batch)
            batch, size = [], 0
        batch.append(entry)
        size += n
    if batch:
        out.append(batch)
    return out


@dataclass(frozen=True)
class SentToOffice:
    """What :func:`send_to_office` achieved: ``held``, entries the office now holds;
    ``unknown_case``, entries about a case the office says this consultant never held
    (left unsent, tried again next time: the office may learn the case); ``refused``,
    entries the office refused for what they hold (noted, :data:`OFFICE_REFUSED`, and not
    sent again; the export holds them); ``refused_before``, entries noted so earlier and
    therefore not sent now; ``later``, entries refused for the moment (the laptop's clock,
    a proxy's size limit: ``sync.quarantine.report_refusal``), left unsent and sent again
    next time."""

    held: int = 0
    unknown_case: int = 0
    refused: int = 0
    refused_before: int = 0
    later: int = 0


def send_to_office(
    vault: Vault,
    entries: tuple[QuarantineEntry, ...],
    label: Callable[[str], str],
    *,
    verify: bool | str = True,
) -> SentToOffice:
    """Send ``entries`` to the enrolled office (``POST /v1/set-aside``) so staff can act
    on them, and note when (``sent_at``). Sending again is harmless (the office keeps each
    entry once). An attachment goes as its metadata (hash, kind, size), never its bytes:
    the export holds those. The reason and labels go in the words the office takes
    (``protocol.set_aside_words``).

    When the office refuses a report of several entries because of one of them (a case
    it says this consultant never held, 404; what an entry holds, 422 or 413), each entry
    goes alone, so one holds up none of the rest. An entry refused alone is treated by
    the one table ``sync.quarantine.REPORT_REFUSALS``: refused for what it holds, it is
    noted (:data:`OFFICE_REFUSED`) and never sent again ("Apart gezet" says so); refused
    for its moment or by a proxy's size limit, it is left unsent and sent next time.
    The moment sent is never later than this laptop's clock now (an entry set aside
    while the clock ran ahead goes once the clock is right).

    Raises :class:`NotEnrolledForSending` before an enrollment, the transport's
    ``SyncError`` kinds when the office cannot be reached or refuses the report as a whole
    (429 ``set_aside_full``...); what was sent before a failure stays noted.
    """
    with vault.session() as session:
        enrolled = enrollment(session)
    if enrolled is None:
        raise NotEnrolledForSending()
    key = DeviceKey.from_private_bytes(b64decode(enrolled.private_key_b64))
    sendable = [entry for entry in entries if office_refused_code(entry) is None]
    report = [_report_entry(entry, label) for entry in sendable]
    held = unknown = refused = later = 0
    with SyncClient(
        enrolled.server_url, device_id=enrolled.device_id, key=key, verify=verify
    ) as client:
        pending = _batches(report)
        while pending:
            batch = pending.pop(0)
            try:
                receipt = client.send_set_aside(SetAsideReport(entries=batch))
            except ProtocolError as exc:
                handling = report_refusal(exc.status, exc.error)
                if handling == STOP:
                    raise
                if len(batch) > 1:
                    pending[:0] = [[entry] for entry in batch]
                elif handling == PERMANENT:
                    with vault.transaction() as session:
                        mark_quarantine_refused(
                            session, batch[0].local_id, exc.error or str(exc.status), now()
                        )
                    refused += 1
                elif handling == UNKNOWN_CASE:
                    unknown += 1
                else:
                    later += 1
                continue
            with vault.transaction() as session:
                mark_quarantine_sent(session, receipt.received, now())
            held += len(receipt.received)
    result = SentToOffice(held, unknown, refused, len(entries) - len(sendable), later)
    log.info(
        "set-aside entries sent to the office: held=%d unknown_case=%d refused=%d "
        "refused_before=%d later=%d",
        result.held,
        result.unknown_case,
        result.refused,
        result.refused_before,
        result.later,
    )
    return result
