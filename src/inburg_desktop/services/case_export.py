"""Everything the vault holds about one person as an ``inburg-case/1`` document (AVG
art. 15 and 20: the person's own copy in a machine-readable form; Besluit art. 5.3 lid 3:
a case that moves with the person). The document's format and its checks are
``domain.case_document`` (schema: docs/inburg-case-1.md); this use case only reads the
vault and hands plain values in.

What is not in the document yet, and why: the audit trail (issue 16 item 1; the vault
keeps none yet, so ``audit`` is empty). ``case.gemeente`` is the case's gemeente (its case
field ``gemeente``, issue 16 item 5), ``null`` when none is recorded.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inburg_desktop.domain.audit import WHOLE_CASE, Action
from inburg_desktop.domain.case_document import (
    Attachment,
    CaseDocument,
    CaseHeader,
    ConflictEntry,
    Doel,
    FieldEntry,
    Herkomst,
    QuarantineEntry,
    dumps,
    loads,
)
from inburg_desktop.domain.gemeente import CODE_PATTERN
from inburg_desktop.domain.pip_document import PipDocument
from inburg_desktop.domain.subject_access import SubjectAccessReport, SyncHistory, for_person
from inburg_desktop.services import audit_trail
from inburg_desktop.services.consulent import ConsulentOnbekend
from inburg_desktop.services.letterhead import load_letterhead
from inburg_desktop.services.pip_service import (
    AnnexUnavailable,
    NoPip,
    annex_language_for,
    current_document,
)
from inburg_desktop.services.subject_access import build_report
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.cases import GEMEENTE_KEY, to_domain
from inburg_desktop.storage.errors import NoSuchCase
from inburg_desktop.storage.tables import (
    AttachmentRow,
    CaseRow,
    ConflictRow,
    FieldRow,
    OutboxRow,
    QuarantineRow,
)


def _utc(at: datetime) -> datetime:
    """A stored moment (the vault keeps UTC without a zone) as an aware UTC time."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def case_document(
    vault: Vault, case_id: str, doel: Doel, now: datetime | None = None
) -> CaseDocument:
    """The document of ``case_id`` as the vault holds it now, for ``doel``: a transfer
    holds everything; the person's own copy (``Doel.INZAGE``) leaves out other people's
    data (``domain.subject_access.for_person``, AVG art. 15 lid 4). Raises
    ``NoSuchCase``. Read in one read transaction, so the parts agree with each other."""
    with vault.session() as session:
        doc = _document(session, case_id, doel, now)
    return for_person(doc) if doel is Doel.INZAGE else doc


def _gemeente(session: Session, case_id: str) -> str | None:
    """The case's gemeente (its case field, a canonical CBS code), ``None`` when it has
    none or holds something else (a value the document's rule would refuse)."""
    row = session.get(FieldRow, (case_id, GEMEENTE_KEY))
    value = None if row is None else json.loads(row.value)
    return value if isinstance(value, str) and CODE_PATTERN.fullmatch(value) else None


def _document(session: Session, case_id: str, doel: Doel, now: datetime | None) -> CaseDocument:
    """The document of ``case_id`` read in ``session`` (the caller's read transaction)."""
    row = session.get(CaseRow, case_id)
    if row is None:
        raise NoSuchCase(case_id=case_id)
    case = to_domain(row)
    header = CaseHeader(
        id=row.id,
        gemeente=_gemeente(session, case_id),
        version=row.version,
        source=row.source,
        created_at=_utc(row.created_at),
        updated_at=_utc(row.updated_at),
    )
    fields = tuple(
        FieldEntry(
            key=f.key,
            value=json.loads(f.value),
            source=f.source,
            confirmed=f.confirmed,
            catalogue_version=f.catalogue_version,
            prompt_id=f.prompt_id,
            updated_at=_utc(f.updated_at),
        )
        for f in session.scalars(select(FieldRow).where(FieldRow.case_id == case_id))
    )
    attachments = tuple(
        Attachment(
            sha256=a.sha256,
            kind=a.kind,
            media_type=a.media_type,
            created_at=_utc(a.created_at),
            content=a.content,
        )
        for a in session.scalars(select(AttachmentRow).where(AttachmentRow.case_id == case_id))
    )
    conflicts = tuple(
        ConflictEntry(
            field_key=c.field_key,
            office_value=json.loads(c.office_value),
            office_version=c.office_version,
            laptop_value=json.loads(c.laptop_value),
            created_at=_utc(c.created_at),
        )
        for c in session.scalars(select(ConflictRow).where(ConflictRow.case_id == case_id))
    )
    quarantine = tuple(
        QuarantineEntry(
            direction=q.direction,
            op_id=q.op_id,
            field_keys=tuple(_json(q.field_keys, [])),
            patch=_json(q.patch, {}),
            error=q.error,
            message=q.message,
            detail=_json(q.detail, {}),
            created_at=_utc(q.created_at),
        )
        for q in session.scalars(select(QuarantineRow).where(QuarantineRow.case_id == case_id))
    )
    return CaseDocument(
        exported_at=now or datetime.now(UTC),
        herkomst=Herkomst.LAPTOP,
        doel=doel,
        case=header,
        doelgroep=case.doelgroep,
        person=case.person,
        dates=case.dates,
        fields=fields,
        attachments=attachments,
        conflicts=conflicts,
        quarantine=quarantine,
    )


def _json(text: str, empty: Any) -> Any:
    value = json.loads(text) if text else empty
    return empty if value is None else value


def export_case_json(vault: Vault, case_id: str, doel: Doel, now: datetime | None = None) -> bytes:
    """The ``inburg-case/1`` bytes of ``case_id``, checked by the same strict reader an
    import uses before they are handed out (a document this app writes and would itself
    refuse is a fault here, not the reader's problem: it raises ``CaseDocumentError``
    naming the path). Raises ``NoSuchCase``."""
    data = dumps(case_document(vault, case_id, doel, now))
    loads(data)
    audit_trail.record(vault, case_id, Action.EXPORT, WHOLE_CASE)
    return data


def sync_history(session: Session, case_id: str) -> SyncHistory:
    """What this vault knows of the case's synchronisation (metadata only: which version
    the office confirmed, which changes wait to be sent and when they were made, by the
    names of their parts, and how many of its files the office holds)."""
    row = session.get(CaseRow, case_id)
    if row is None:
        raise NoSuchCase(case_id=case_id)
    waiting = tuple(
        (_utc(op.created_at), tuple(sorted(_json(op.patch, {}))))
        for op in session.scalars(
            select(OutboxRow).where(OutboxRow.case_id == case_id).order_by(OutboxRow.op_id)
        )
    )
    uploaded = [
        a.uploaded
        for a in session.scalars(select(AttachmentRow).where(AttachmentRow.case_id == case_id))
    ]
    return SyncHistory(
        office_version=row.server_version,
        waiting=waiting,
        attachments_sent=sum(1 for u in uploaded if u),
        attachments_waiting=sum(1 for u in uploaded if not u),
    )


def subject_access_report(
    vault: Vault, case_id: str, now: datetime | None = None, annex_lang: str | None = None
) -> SubjectAccessReport:
    """The readable overview of everything the vault holds about the person of
    ``case_id`` (AVG art. 15; ``services.subject_access``): the ``inburg-case/1`` content,
    this vault's synchronisation metadata and the letterhead in force, read in one read
    transaction. ``annex_lang``: the annex's language (default the person's preferred
    one; ``""`` for none). Raises ``NoSuchCase``."""
    with vault.session() as session:
        document = _document(session, case_id, Doel.INZAGE, now)
        history = sync_history(session, case_id)
        head = load_letterhead(session, document.case.gemeente).letterhead
        pip = _pip_annex(session, case_id, document, annex_lang)
    report = build_report(document, letterhead=head, sync=history, annex_lang=annex_lang)
    return replace(report, pip_annex=pip)


def _pip_annex(
    session: Session, case_id: str, document: CaseDocument, annex_lang: str | None
) -> PipDocument | None:
    """The PIP in force with its annex texts in the person's language, for the overview's
    annex: ``None`` when no PIP is in force (a draft is no decision to summarise), when
    that language's PIP annex is not completely translated (``pip_service.annex_texts``:
    never half Dutch) or when no consultant's name is known."""
    tag = document.person.preferred_language if annex_lang is None else annex_lang
    lang = annex_language_for(tag)
    if lang is None:
        return None
    try:
        pip = current_document(session, case_id, lang)
    except (NoPip, AnnexUnavailable, ConsulentOnbekend):
        return None
    return pip if pip.version.is_set else None


def export_case_pdf(
    vault: Vault,
    case_id: str,
    render: Callable[[SubjectAccessReport], bytes],
    now: datetime | None = None,
    annex_lang: str | None = None,
) -> bytes:
    """The readable PDF of ``case_id``: :func:`subject_access_report` drawn by ``render``
    (``pdf.subject_access.render_subject_access``; services never import ``pdf``).
    Raises ``NoSuchCase``."""
    pdf = render(subject_access_report(vault, case_id, now, annex_lang))
    audit_trail.record(vault, case_id, Action.EXPORT, WHOLE_CASE)
    return pdf
