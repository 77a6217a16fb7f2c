"""Attachments by SHA-256: announce, upload in chunks at the received offset, verify.

Bytes live in the database (chunks), so any server instance can continue an upload that
another began. When the last byte arrives the whole content is hashed; a mismatch throws
the upload away and the laptop starts again.
"""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.errors import ApiError, case_not_found
from inburg_desktop.server.pull import in_caseload
from inburg_desktop.server.tables import Attachment, AttachmentCase, AttachmentChunk
from inburg_desktop.sync.protocol import BeginUpload, UploadState

log = logging.getLogger(__name__)
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def state_of(row: Attachment) -> UploadState:
    return UploadState(
        sha256=row.sha256, length=row.length, received=row.received, complete=row.complete
    )


def missing(session: Session, hashes: list[str]) -> list[UploadState]:
    """Which of ``hashes`` the office does not hold completely, and how far each got."""
    rows = {
        row.sha256: row
        for row in session.scalars(select(Attachment).where(Attachment.sha256.in_(hashes)))
    }
    out = []
    for sha in dict.fromkeys(hashes):
        row = rows.get(sha)
        if row is None:
            out.append(UploadState(sha256=sha, length=None, received=0, complete=False))
        elif not row.complete:
            out.append(state_of(row))
    return out


def begin(session: Session, who: AuthedDevice, sha256: str, spec: BeginUpload) -> UploadState:
    """Link an attachment to a case in the caseload, creating its upload if new."""
    if spec.case_id not in in_caseload(session, who, [spec.case_id]):
        raise case_not_found()
    row = session.execute(
        select(Attachment).where(Attachment.sha256 == sha256).with_for_update()
    ).scalar_one_or_none()
    stamp = utcnow()
    if row is None:
        row = Attachment(
            sha256=sha256,
            length=spec.length,
            media_type=spec.media_type,
            received=0,
            complete=False,
            created_at=stamp,
        )
        session.add(row)
        if spec.length == 0:
            if sha256 != EMPTY_SHA256:
                raise ApiError(422, "hash_mismatch", "Empty content does not have this SHA-256.")
            row.complete = True
            row.completed_at = stamp
    elif row.length != spec.length:
        raise ApiError(
            409, "length_mismatch", f"This attachment was announced with {row.length} bytes."
        )
    if session.get(AttachmentCase, (sha256, spec.case_id)) is None:
        session.add(AttachmentCase(sha256=sha256, case_id=spec.case_id))
    session.flush()
    return state_of(row)


def _visible(session: Session, who: AuthedDevice, sha256: str, lock: bool = False) -> Attachment:
    case_ids = session.scalars(
        select(AttachmentCase.case_id).where(AttachmentCase.sha256 == sha256)
    ).all()
    if not case_ids or not in_caseload(session, who, case_ids):
        raise ApiError(404, "attachment_not_found", "No such attachment for this device.")
    stmt = select(Attachment).where(Attachment.sha256 == sha256)
    if lock:
        stmt = stmt.with_for_update()
    return session.execute(stmt).scalar_one()


def status(session: Session, who: AuthedDevice, sha256: str) -> UploadState:
    return state_of(_visible(session, who, sha256))


def write_chunk(
    session: Session, who: AuthedDevice, sha256: str, offset: int, data: bytes
) -> tuple[UploadState, bool]:
    """Store a chunk at ``offset``; returns the state and whether verification failed."""
    row = _visible(session, who, sha256, lock=True)
    if row.complete:
        return state_of(row), False
    end = offset + len(data)
    if end <= row.received and offset < row.received:
        return state_of(row), False  # a resent chunk we already hold
    if offset != row.received:
        raise ApiError(
            409,
            "offset_mismatch",
            f"The upload continues at byte {row.received}, not {offset}.",
            expected_offset=row.received,
        )
    if not data:
        raise ApiError(422, "empty_chunk", "A chunk must hold at least one byte.")
    if end > row.length:
        raise ApiError(422, "too_long", f"The attachment was announced with {row.length} bytes.")
    session.add(AttachmentChunk(sha256=sha256, offset=offset, data=data))
    row.received = end
    if end < row.length:
        return state_of(row), False
    digest = hashlib.sha256()
    for chunk in session.scalars(
        select(AttachmentChunk.data)
        .where(AttachmentChunk.sha256 == sha256)
        .order_by(AttachmentChunk.offset)
    ):
        digest.update(chunk)
    if digest.hexdigest() != sha256:
        session.execute(delete(AttachmentChunk).where(AttachmentChunk.sha256 == sha256))
        row.received = 0
        log.warning("attachment upload failed verification; restarted")
        return state_of(row), True
    row.complete = True
    row.completed_at = utcnow()
    return state_of(row), False


def read_range(
    session: Session, who: AuthedDevice, sha256: str, offset: int, limit: int
) -> tuple[bytes, int]:
    """Bytes ``[offset, offset+limit)`` of a complete attachment, and its total length."""
    row = _visible(session, who, sha256)
    if not row.complete:
        raise ApiError(409, "attachment_incomplete", "This attachment is still being uploaded.")
    if offset > row.length:
        raise ApiError(416, "bad_offset", f"The attachment has only {row.length} bytes.")
    end = min(row.length, offset + limit)
    out = bytearray()
    for chunk_offset, data in session.execute(
        select(AttachmentChunk.offset, AttachmentChunk.data)
        .where(
            AttachmentChunk.sha256 == sha256,
            AttachmentChunk.offset < end,
        )
        .order_by(AttachmentChunk.offset)
    ):
        chunk_end = chunk_offset + len(data)
        if chunk_end <= offset:
            continue
        out += data[max(0, offset - chunk_offset) : end - chunk_offset]
    return bytes(out), row.length
