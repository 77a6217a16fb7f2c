"""Importing an ``inburg-case/1`` document (docs/inburg-case-1.md) as a case of this vault:
the case that moves with the person to another municipality (Besluit art. 5.3 lid 3) or to
another consultant's vault. All or nothing: the document is read by the format's strict
reader (``domain.case_document.loads``: a hostile or damaged document is refused naming
the path of the first bad value) before one transaction writes the case, its fields and
attachments, and the outbox entry that syncs it.

What is refused, and why:

* a case id this vault already holds (``case_document_exists``): the id is kept on a
  transfer so the audit chains stay valid, and two cases cannot share it;
* a document that still holds sync conflicts or set-aside records
  (``case_document_unsettled``): those are the sending vault's unfinished business with
  its own office; imported here they would be lost or sent to the wrong office, so they
  are settled there first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from inburg_desktop.domain import case_document
from inburg_desktop.domain.case_document import CaseDocument, loads
from inburg_desktop.domain.problem import Problem
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.changes import FieldMeta, create_case
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


def _stored(at: datetime) -> datetime:
    """An aware moment as the vault keeps it: UTC without a zone."""
    return at.astimezone(UTC).replace(tzinfo=None)


def import_case_document(vault: Vault, data: bytes) -> ImportedDocument:
    """Store the document in ``data`` as a new case, all or nothing.

    Raises ``CaseDocumentError`` (the document is damaged or hostile: the path of the first
    bad value), :class:`CaseDocumentRefused` (module docstring) or a vault error (a full
    disk, a read-only medium); nothing is written then."""
    doc = loads(data)
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
    with vault.transaction() as session:
        if session.get(CaseRow, doc.case.id) is not None:
            raise CaseDocumentRefused("case_document_exists", case_id=doc.case.id)
        row = create_case(
            session, doc.case.id, patch, source=doc.case.source, meta=meta, absent=True
        )
        # The moments are the document's, not the import's: export here again gives the
        # same content (the case's version is this vault's own count of its changes).
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
