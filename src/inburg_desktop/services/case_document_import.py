"""Importing an ``inburg-case/1`` document (docs/inburg-case-1.md) as a case of this vault:
the case that moves with the person to another municipality (Besluit art. 5.3 lid 3) or to
another consultant's vault. All or nothing: the document is read by the format's strict
reader (``domain.case_document.loads``: a hostile or damaged document is refused naming
the path of the first bad value) before one transaction writes the case, its fields and
attachments, and the outbox entry that syncs it.

What is refused, and why:

* a copy made for the person (``doel`` ``inzage``; ``case_document.check_importable``,
  a ``CaseDocumentError`` at ``doel``): only a transfer document becomes a case;
* a case id this vault already holds (``case_document_exists``): the id is kept on a
  transfer so the audit chains stay valid, and two cases cannot share it;
* a document that still holds sync conflicts or set-aside records
  (``case_document_unsettled``): those are the sending vault's unfinished business with
  its own office; imported here they would be lost or sent to the wrong office, so they
  are settled there first;
* a field the office would refuse (``case_document_field``, a ``CaseDocumentError`` naming
  the field's path): every field is held to the office's own rules before anything is
  written (``protocol.field_rules``: each field's family rule, the enforcement records as
  a whole, the talks against their case). Imported anyway, the case's creating op was
  refused at the first sync and the whole case sat in "Apart gezet" (attack round 7,
  finding 12).

The decisions the case brings (a fine decision, a set PIP version) were taken before the
transfer, by whoever took them; the import marks them (``CARRIED_DECISIONS_KEY``) so this
vault shows them as they came (finding 11). The office keeps decisions taken by someone
else only from a transfer it imports itself and refuses the marker in a push (attack
round 8, finding 9), so an enrolled vault refuses a document bringing a decision its
consultant did not take (``case_document_decisions_elsewhere``: the office imports it, and
the case comes by sync), and imports one whose decisions are all its consultant's without
the marker (the office holds those to the decider rule, which they meet).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from inburg_desktop.domain import case_document
from inburg_desktop.domain.case_document import (
    CARRIED_DECISIONS_KEY,
    CaseDocument,
    CaseDocumentError,
    carried_decisions,
    check_importable,
    loads,
)
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.text import Reason
from inburg_desktop.protocol.decider import decider_problem
from inburg_desktop.protocol.field_rules import (
    FieldRefused,
    check_handhaving,
    check_patch,
    check_progress_routes,
    check_talks,
)
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.changes import FieldMeta, create_case
from inburg_desktop.storage.sync_state import enrollment
from inburg_desktop.storage.tables import AttachmentRow, CaseRow, FieldRow


class CaseDocumentRefused(Problem):
    """The document is sound but cannot become a case here (module docstring)."""

    default_code = "case_document_exists"


@dataclass(frozen=True)
class ImportedDocument:
    """The imported case's id (the document's own) and the person's list name."""

    case_id: str
    display_name: str


def identity_patch(doc: CaseDocument) -> dict[str, Any]:
    """The identity fields of ``doc`` as a patch (``domain.case_document.identity_patch``:
    one mapping for the laptop's import and the office's)."""
    return case_document.identity_patch(doc)


_T_OFFICE_REFUSES = "wordt door het kantoor geweigerd: {regel}"


def office_refusal(doc: CaseDocument, patch: Mapping[str, Any], today: date) -> None:
    """Raise ``CaseDocumentError`` (code ``case_document_field``) naming the path of the
    first field of ``patch`` (the document's case as its creating op would carry it) the
    office refuses: its family's rule (``field_rules.check_patch``), an enforcement record
    breaking a record rule (``check_handhaving``; the decider rule binds a laptop's own
    decision, not one carried by a transfer, so none is compared here) or a talk against
    its case (``check_talks``, ``today``: the UTC day, as the office judges it). Fields are
    checked in sorted key order, so a document always names the same field."""
    index = {field.key: i for i, field in enumerate(doc.fields)}
    try:
        check_patch(patch, creating=True)
        check_handhaving(patch, {}, None)
        check_talks(patch, {}, today)
        check_progress_routes(patch, {})
    except FieldRefused as exc:
        where = f"fields[{index[exc.key]}].value" if exc.key in index else exc.key
        rule = exc.message_nl.removeprefix(f"{exc.key}: ").rstrip(".")
        raise CaseDocumentError(
            where, Reason.of("case_document_field", _T_OFFICE_REFUSES, regel=rule)
        ) from None


def _taken_elsewhere(value: Any, consultant: str) -> bool:
    """Whether the decision ``value`` (a fine decision or a PIP version) names another
    decider than ``consultant`` (``protocol.decider``: the office's own rule)."""
    if not isinstance(value, dict):
        return False
    if "vastgesteld_door" in value:
        return (
            decider_problem(value["vastgesteld_door"], consultant, id_key="consulent_id")
            is not None
        )
    return decider_problem(value.get("door"), consultant) is not None


def _stored(at: datetime) -> datetime:
    """An aware moment as the vault keeps it: UTC without a zone."""
    return at.astimezone(UTC).replace(tzinfo=None)


def import_case_document(vault: Vault, data: bytes) -> ImportedDocument:
    """Store the document in ``data`` as a new case, all or nothing.

    Raises ``CaseDocumentError`` (the document is damaged or hostile: the path of the first
    bad value), :class:`CaseDocumentRefused` (module docstring) or a vault error (a full
    disk, a read-only medium); nothing is written then."""
    doc = loads(data)
    check_importable(doc)
    if doc.conflicts or doc.quarantine:
        raise CaseDocumentRefused(
            "case_document_unsettled",
            conflicts=len(doc.conflicts),
            set_aside=len(doc.quarantine),
        )
    patch: dict[str, Any] = identity_patch(doc)
    meta: dict[str, FieldMeta] = {}
    for field in doc.fields:
        patch[field.key] = field.value
        meta[field.key] = FieldMeta(
            source=field.source,
            confirmed=field.confirmed,
            catalogue_version=field.catalogue_version,
            prompt_id=field.prompt_id,
        )
    office_refusal(doc, patch, datetime.now(UTC).date())
    carried = carried_decisions(patch)
    with vault.transaction() as session:
        if session.get(CaseRow, doc.case.id) is not None:
            raise CaseDocumentRefused("case_document_exists", case_id=doc.case.id)
        account = enrollment(session)
        if account is None:
            if carried:
                patch[CARRIED_DECISIONS_KEY] = carried
        else:
            if any(_taken_elsewhere(patch.get(key), account.consultant) for key in carried):
                raise CaseDocumentRefused(
                    "case_document_decisions_elsewhere", consultant=account.consultant
                )
            # the office refuses the marker in a push: a mark the document brought from
            # an earlier transfer stays behind
            patch.pop(CARRIED_DECISIONS_KEY, None)
        row = create_case(
            session, doc.case.id, patch, source=doc.case.source, meta=meta, absent=True
        )
        # The moments are the document's, not the import's: export here again gives the
        # same content (the case's version is this vault's own count of its changes), with
        # the mark of the decisions it brought (kept from then on: a second move adds none).
        row.created_at = _stored(doc.case.created_at)
        row.updated_at = _stored(doc.case.updated_at)
        for field in doc.fields:
            held = session.get(FieldRow, (doc.case.id, field.key))
            if held is not None:
                held.updated_at = _stored(field.updated_at)
        for attachment in doc.attachments:
            session.add(
                AttachmentRow(
                    sha256=attachment.sha256,
                    case_id=doc.case.id,
                    kind=attachment.kind,
                    media_type=attachment.media_type,
                    size=len(attachment.content),
                    content=attachment.content,
                    created_at=_stored(attachment.created_at),
                    uploaded=False,
                )
            )
    return ImportedDocument(doc.case.id, f"{doc.person.family_name}, {doc.person.given_names}")
