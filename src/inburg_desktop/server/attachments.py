"""Attachments by SHA-256: announce, upload in chunks at the received offset, verify.

Who may do what (issue 10, item 1):

* A device sees an attachment only when it is linked to a case on its own caseload
  (:func:`visible`). Everything else, including content another caseload holds, looks
  exactly like content the office does not have: the same answers, reached through the
  same queries.
* A device links an attachment to a case only by proving it holds the bytes: it uploads
  them, and only when they hash to the announced SHA-256 are they linked. If the office
  already had that content, the upload joins it (nothing is stored twice).
* An upload in progress belongs to the device sending it (table ``uploads``). Announcing
  a hash, with any length, reserves nothing for anyone else.

Bytes live in the database (chunks), so any server instance can continue an upload that
another began. When the last byte arrives the whole content is hashed; a mismatch throws
the upload away and the laptop starts again.
"""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy import delete, insert, literal, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from inburg_desktop.protocol.messages import BeginUpload, UploadState
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.errors import ApiError, case_not_found
from inburg_desktop.server.pull import in_caseload
from inburg_desktop.server.tables import (
    Assignment,
    Attachment,
    AttachmentCase,
    AttachmentChunk,
    Upload,
    UploadCase,
    UploadChunk,
)

log = logging.getLogger(__name__)
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def attachment_not_found() -> ApiError:
    """The one answer for content that does not exist and for content that is not yours."""
    return ApiError(404, "attachment_not_found", "No such attachment for this device.")


def visible(session: Session, who: AuthedDevice, hashes: list[str]) -> dict[str, Attachment]:
    """The attachments among ``hashes`` linked to a case on ``who``'s caseload.

    One query whatever the answer, so its cost does not depend on whether content exists
    on another caseload.
    """
    rows = session.scalars(
        select(Attachment)
        .join(AttachmentCase, AttachmentCase.sha256 == Attachment.sha256)
        .join(Assignment, Assignment.case_id == AttachmentCase.case_id)
        .where(Attachment.sha256.in_(hashes), Assignment.consultant == who.consultant)
        .distinct()
    )
    return {row.sha256: row for row in rows}


def _complete(row: Attachment) -> UploadState:
    return UploadState(sha256=row.sha256, length=row.length, received=row.length, complete=True)


def _in_progress(row: Upload) -> UploadState:
    return UploadState(sha256=row.sha256, length=row.length, received=row.received, complete=False)


def _uploads(session: Session, who: AuthedDevice, hashes: list[str]) -> dict[str, Upload]:
    rows = session.scalars(
        select(Upload).where(Upload.device_id == who.id, Upload.sha256.in_(hashes))
    )
    return {row.sha256: row for row in rows}


def _upload(session: Session, who: AuthedDevice, sha256: str, lock: bool = False) -> Upload | None:
    stmt = select(Upload).where(Upload.device_id == who.id, Upload.sha256 == sha256)
    if lock:
        stmt = stmt.with_for_update()
    return session.execute(stmt).scalar_one_or_none()


def missing(session: Session, who: AuthedDevice, hashes: list[str]) -> list[UploadState]:
    """Which of ``hashes`` this device has not got to the office yet, and how far each got.

    Content on the office that this device cannot see is reported missing with nothing
    received, exactly like content the office does not have; the device proves it holds
    the bytes by uploading them.
    """
    wanted = list(dict.fromkeys(hashes))
    seen = visible(session, who, wanted)
    mine = _uploads(session, who, wanted)
    out = []
    for sha in wanted:
        if sha in seen:
            continue
        upload = mine.get(sha)
        if upload is None:
            out.append(UploadState(sha256=sha, length=None, received=0, complete=False))
        else:
            out.append(_in_progress(upload))
    return out


def begin(session: Session, who: AuthedDevice, sha256: str, spec: BeginUpload) -> UploadState:
    """Announce content for a case on the caseload; returns where the upload stands.

    Content this device can already see is linked at once (it is complete). Otherwise the
    device's own upload is created, or restarted from byte 0 when it was announced with
    another length or media type, and the case is linked once the bytes verify.
    """
    if spec.case_id not in in_caseload(session, who, [spec.case_id]):
        raise case_not_found()
    seen = visible(session, who, [sha256]).get(sha256)
    stamp = utcnow()
    if seen is not None:
        if seen.length != spec.length:
            raise ApiError(409, "length_mismatch", f"This attachment has {seen.length} bytes.")
        if session.get(AttachmentCase, (sha256, spec.case_id)) is None:
            session.add(AttachmentCase(sha256=sha256, case_id=spec.case_id))
        return _complete(seen)
    if spec.length == 0:
        if sha256 != EMPTY_SHA256:
            raise ApiError(422, "hash_mismatch", "Empty content does not have this SHA-256.")
        return _store(session, sha256, spec.length, spec.media_type, [spec.case_id])
    upload = _upload(session, who, sha256, lock=True)
    if upload is None:
        upload = Upload(
            device_id=who.id,
            sha256=sha256,
            length=spec.length,
            media_type=spec.media_type,
            received=0,
            updated_at=stamp,
        )
        session.add(upload)
        session.flush()
    elif upload.length != spec.length or upload.media_type != spec.media_type:
        _discard_chunks(session, who, sha256)
        upload.length = spec.length
        upload.media_type = spec.media_type
        upload.received = 0
        upload.updated_at = stamp
    if session.get(UploadCase, (who.id, sha256, spec.case_id)) is None:
        session.add(UploadCase(device_id=who.id, sha256=sha256, case_id=spec.case_id))
    return _in_progress(upload)


def status(session: Session, who: AuthedDevice, sha256: str) -> UploadState:
    """Complete if visible to ``who``; its own upload's state; otherwise 404."""
    seen = visible(session, who, [sha256]).get(sha256)
    upload = _upload(session, who, sha256)
    if seen is not None:
        return _complete(seen)
    if upload is not None:
        return _in_progress(upload)
    raise attachment_not_found()


def write_chunk(
    session: Session, who: AuthedDevice, sha256: str, offset: int, data: bytes
) -> tuple[UploadState, bool]:
    """Store a chunk of ``who``'s upload at ``offset``; returns the state and whether
    verification failed (the upload then restarts at byte 0).

    A chunk for content the device can already see is answered "complete" (the answer
    to its last chunk may have been lost); any other chunk without an upload of this
    device is 404, whoever else may hold that content.
    """
    upload = _upload(session, who, sha256, lock=True)
    seen = visible(session, who, [sha256]).get(sha256)
    if upload is None:
        if seen is not None:
            return _complete(seen), False
        raise attachment_not_found()
    end = offset + len(data)
    if end <= upload.received and offset < upload.received:
        return _in_progress(upload), False  # a resent chunk we already hold
    if offset != upload.received:
        raise ApiError(
            409,
            "offset_mismatch",
            f"The upload continues at byte {upload.received}, not {offset}.",
            expected_offset=upload.received,
        )
    if not data:
        raise ApiError(422, "empty_chunk", "A chunk must hold at least one byte.")
    if end > upload.length:
        raise ApiError(422, "too_long", f"The attachment was announced with {upload.length} bytes.")
    session.add(UploadChunk(device_id=who.id, sha256=sha256, offset=offset, data=data))
    upload.received = end
    upload.updated_at = utcnow()
    if end < upload.length:
        return _in_progress(upload), False
    session.flush()
    digest = hashlib.sha256()
    for chunk in session.scalars(
        select(UploadChunk.data)
        .where(UploadChunk.device_id == who.id, UploadChunk.sha256 == sha256)
        .order_by(UploadChunk.offset)
    ):
        digest.update(chunk)
    if digest.hexdigest() != sha256:
        _discard_chunks(session, who, sha256)
        upload.received = 0
        log.warning("attachment upload of device %s failed verification; restarted", who.id)
        return _in_progress(upload), True
    case_ids = list(
        session.scalars(
            select(UploadCase.case_id).where(
                UploadCase.device_id == who.id, UploadCase.sha256 == sha256
            )
        )
    )
    state = _store(session, sha256, upload.length, upload.media_type, case_ids, who)
    _discard_chunks(session, who, sha256)
    session.execute(
        delete(UploadCase).where(UploadCase.device_id == who.id, UploadCase.sha256 == sha256)
    )
    session.execute(delete(Upload).where(Upload.device_id == who.id, Upload.sha256 == sha256))
    return state, False


def _discard_chunks(session: Session, who: AuthedDevice, sha256: str) -> None:
    session.execute(
        delete(UploadChunk).where(UploadChunk.device_id == who.id, UploadChunk.sha256 == sha256)
    )


def _store(
    session: Session,
    sha256: str,
    length: int,
    media_type: str,
    case_ids: list[str],
    who: AuthedDevice | None = None,
) -> UploadState:
    """Make verified content an attachment (or join the one there) and link its cases.

    ``who``: the device whose upload chunks hold the bytes (none for empty content).
    """
    created = False
    if session.get(Attachment, sha256) is None:
        try:
            with session.begin_nested():  # another device may be storing the same bytes
                session.add(
                    Attachment(
                        sha256=sha256, length=length, media_type=media_type, created_at=utcnow()
                    )
                )
            created = True
        except IntegrityError:
            created = False
    if created and who is not None and length > 0:
        session.execute(
            insert(AttachmentChunk).from_select(
                ["sha256", "offset", "data"],
                select(literal(sha256), UploadChunk.offset, UploadChunk.data).where(
                    UploadChunk.device_id == who.id, UploadChunk.sha256 == sha256
                ),
            )
        )
    for case_id in case_ids:
        if session.get(AttachmentCase, (sha256, case_id)) is None:
            session.add(AttachmentCase(sha256=sha256, case_id=case_id))
    session.flush()
    return UploadState(sha256=sha256, length=length, received=length, complete=True)


def read_range(
    session: Session, who: AuthedDevice, sha256: str, offset: int, limit: int
) -> tuple[bytes, int]:
    """Bytes ``[offset, offset+limit)`` of an attachment ``who`` may see, and its length."""
    row = visible(session, who, [sha256]).get(sha256)
    if row is None:
        raise attachment_not_found()
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
