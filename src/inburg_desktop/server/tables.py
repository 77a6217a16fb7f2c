"""The office server's tables (SQLAlchemy 2, typed), on SQLite or PostgreSQL.

Every change the laptops must pull carries a ``seq`` from one monotonically increasing
counter (``sync_state.seq``); pull cursors are those numbers. Writers take the counter's
row lock first, so sequence numbers become visible in commit order.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SyncState(Base):
    """One row: the change counter and the oldest cursor still served."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    floor: Mapped[int] = mapped_column(BigInteger, default=0)


class Device(Base):
    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    consultant: Mapped[str] = mapped_column(String(200), index=True)
    public_key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(100), default="")
    """The computer's name, as the laptop sent it when it enrolled."""
    label: Mapped[str] = mapped_column(String(100), default="", server_default="")
    """The office's name for this laptop, given with its enrollment code (migration 0007;
    empty for a device from before, or when none was given)."""
    enrolled_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen: Mapped[datetime | None] = mapped_column(DateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_op_id: Mapped[int] = mapped_column(BigInteger, default=0)


class EnrollmentCode(Base):
    """A one-time code, stored only as its SHA-256."""

    __tablename__ = "enrollment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    consultant: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
    device_id: Mapped[str | None] = mapped_column(String(36))
    label: Mapped[str] = mapped_column(String(100), default="", server_default="")
    """The office's name for the laptop that redeems this code (``Device.label``)."""


class Nonce(Base):
    """Nonces seen within the replay window; a second use is refused."""

    __tablename__ = "nonces"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[int] = mapped_column(BigInteger, index=True)


class CaseRecord(Base):
    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str | None] = mapped_column(String(36))


class Assignment(Base):
    """The caseload: which consultant holds a case (one each)."""

    __tablename__ = "assignments"
    __table_args__ = (Index("ix_assignments_consultant_seq", "consultant", "assigned_seq"),)

    case_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    consultant: Mapped[str] = mapped_column(String(200), index=True)
    assigned_seq: Mapped[int] = mapped_column(BigInteger)
    assigned_at: Mapped[datetime] = mapped_column(DateTime)


class FieldValue(Base):
    """A case's field: canonical JSON, the case version and seq that last changed it."""

    __tablename__ = "field_values"

    case_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(BigInteger)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)  # pull reads changes by seq
    device_id: Mapped[str | None] = mapped_column(String(36))  # None: changed at the office
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Conflict(Base):
    """An open field conflict: the office's value stays, the laptop's is kept here."""

    __tablename__ = "conflicts"

    case_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    field_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    office_value: Mapped[str] = mapped_column(Text)
    office_version: Mapped[int] = mapped_column(BigInteger)
    laptop_value: Mapped[str] = mapped_column(Text)
    device_id: Mapped[str] = mapped_column(String(36))
    op_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AppliedOp(Base):
    """Every op a device pushed, once, with the result it first got."""

    __tablename__ = "applied_ops"
    __table_args__ = (UniqueConstraint("device_id", "op_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36))
    op_id: Mapped[int] = mapped_column(BigInteger)
    case_id: Mapped[str] = mapped_column(String(64))
    op_hash: Mapped[str] = mapped_column(String(64))
    result: Mapped[str] = mapped_column(Text)
    applied_at: Mapped[datetime] = mapped_column(DateTime)


class Removal(Base):
    """A case taken off a consultant's caseload; that consultant's laptops purge it."""

    __tablename__ = "removals"
    __table_args__ = (Index("ix_removals_consultant_seq", "consultant", "seq"),)

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    case_id: Mapped[str] = mapped_column(String(64))
    consultant: Mapped[str] = mapped_column(String(200))
    removed_at: Mapped[datetime] = mapped_column(DateTime)


class Setting(Base):
    """Settings and prompt-catalogue updates that every laptop pulls."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Attachment(Base):
    """A verified binary (signed PDF, ...) addressed by its SHA-256.

    Only complete content whose hash was checked lives here; uploads in progress are
    :class:`Upload` rows of the device sending them, so announcing a hash reserves
    nothing for anyone else.
    """

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    length: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AttachmentChunk(Base):
    __tablename__ = "attachment_chunks"

    sha256: Mapped[str] = mapped_column(
        String(64), ForeignKey("attachments.sha256", ondelete="CASCADE"), primary_key=True
    )
    offset: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AttachmentCase(Base):
    """Which cases an attachment belongs to: whoever holds one of them may download it."""

    __tablename__ = "attachment_cases"

    sha256: Mapped[str] = mapped_column(
        String(64), ForeignKey("attachments.sha256", ondelete="CASCADE"), primary_key=True
    )
    case_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )


class Upload(Base):
    """One device's upload in progress of bytes it says have ``sha256``.

    Private to that device: another device announcing the same hash (with any length)
    gets its own upload. When the last byte arrives and the hash verifies, the bytes
    become an :class:`Attachment` (or join the one already there) and this row goes.
    """

    __tablename__ = "uploads"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    length: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(100))
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class UploadChunk(Base):
    __tablename__ = "upload_chunks"
    __table_args__ = (
        ForeignKeyConstraint(
            ["device_id", "sha256"],
            ["uploads.device_id", "uploads.sha256"],
            ondelete="CASCADE",
        ),
    )

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    offset: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class UploadCase(Base):
    """The cases an upload is for; linked to the attachment once its hash verifies."""

    __tablename__ = "upload_cases"
    __table_args__ = (
        ForeignKeyConstraint(
            ["device_id", "sha256"],
            ["uploads.device_id", "uploads.sha256"],
            ondelete="CASCADE",
        ),
    )

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )


class EnrollAttempt(Base):
    """An enrollment attempt still in flight or failed, by source, for rate limiting.

    ``source`` is the client's IPv4 address or IPv6 /64 network; ``at`` is Unix seconds.
    A successful attempt deletes its row; rows older than the window are pruned.
    """

    __tablename__ = "enroll_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[int] = mapped_column(BigInteger, index=True)


class RecoveryKey(Base):
    """A recovery public key of the office (``inburg-office recovery-key new``; migration
    0011). The newest is handed to laptops at enrollment; older ones stay listed because
    laptops enrolled while they were newest hold wraps to them. The private key is never
    here: only in the encrypted file the administrator keeps offline (docs/recovery.md).
    """

    __tablename__ = "recovery_keys"

    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(44))
    """Base64 of the 32 raw X25519 public key bytes."""
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class SetAside(Base):
    """Something a laptop set aside and sent to the office (``SetAsideReport``): kept for
    office staff (``inburg-office apart-gezet``), once per device and local id; identical
    repeats (same device, case, direction, code and values: ``content_key``) are counted
    in ``repeats`` (``SetAsideRepeat`` holds their local ids). ``case_label`` is no longer
    filled: staff see the office's own label of the case, never the device's."""

    __tablename__ = "set_aside"
    __table_args__ = (UniqueConstraint("device_id", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36))
    consultant: Mapped[str] = mapped_column(String(200), index=True)
    local_id: Mapped[int] = mapped_column(BigInteger)
    case_id: Mapped[str] = mapped_column(String(64))
    case_label: Mapped[str] = mapped_column(String(300))
    direction: Mapped[str] = mapped_column(String(4))
    error: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    fields: Mapped[str] = mapped_column(Text)  # JSON object
    set_aside_at: Mapped[str] = mapped_column(String(40))
    received_at: Mapped[datetime] = mapped_column(DateTime)
    content_key: Mapped[str | None] = mapped_column(String(64), index=True)
    repeats: Mapped[int] = mapped_column(Integer, default=1)
    # What the entry holds in bytes (values, labels, reason), for the device's byte
    # budget (migration 0006), and the laptop's words for its fields (JSON object).
    size_bytes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    labels: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")


class SetAsideRepeat(Base):
    """The local id of a report entry that repeated a held one (``SetAside.content_key``):
    answered as held when it comes again, and counted against the device's cap."""

    __tablename__ = "set_aside_repeats"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    local_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    set_aside_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("set_aside.id", ondelete="CASCADE"), index=True
    )


class DuoReported(Base):
    """What DUO holds of a case as far as the office knows: per record identity
    (``domain.duo_report.DuoRecord.identity``) the fingerprint last sent, and the export
    that sent it. Written only when an operator confirms that export was sent
    (``inburg-office duo bevestig``, migration 0009); goes with its case."""

    __tablename__ = "duo_reported"

    identity: Mapped[str] = mapped_column(String(200), primary_key=True)
    case_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    fingerprint: Mapped[str] = mapped_column(String(64))
    export_id: Mapped[str] = mapped_column(String(32))
    reported_at: Mapped[datetime] = mapped_column(DateTime)


class DuoExportRow(Base):
    """An export to DUO as the office wrote it (``inburg-office duo export``): its id (a
    hash of its content), scope, ``basis`` (the confirmation it was computed against) and
    its mutations as ``[identity, case_id, fingerprint | null]`` (JSON; no BSN, no
    values). ``bevestiging`` numbers the confirmed exports 1, 2, ...; an export whose
    ``basis`` is no longer the last confirmation is stale and cannot be confirmed
    (migration 0009)."""

    __tablename__ = "duo_exports"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    peildatum: Mapped[str] = mapped_column(String(10))
    gemeente: Mapped[str | None] = mapped_column(String(6))
    case_id: Mapped[str | None] = mapped_column(String(64))
    basis: Mapped[int] = mapped_column(Integer)
    mutaties: Mapped[str] = mapped_column(Text)
    bevestiging: Mapped[int | None] = mapped_column(Integer, unique=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)


class AuditEntryRecord(Base):
    """One audit entry a laptop sent (``domain.audit``), exactly as it was hashed, once
    it extended the chain the office holds (``server.audit_trail.receive``). ``id`` is
    the stored order, which a check reads; ``pushed_by`` the device that sent it."""

    __tablename__ = "audit_entries"
    __table_args__ = (UniqueConstraint("case_id", "device_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(64), index=True)
    device_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(16))
    part: Mapped[str] = mapped_column(String(120))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    pushed_by: Mapped[str] = mapped_column(String(36))
    received_at: Mapped[datetime] = mapped_column(DateTime)


class AuditChain(Base):
    """The office's head of one chain (case, device): the anchor its rows are checked
    against (a row removed or a chain recomputed in ``audit_entries`` shows), and the
    device the chain belongs to (the first that sent it; no other may extend it)."""

    __tablename__ = "audit_chains"

    case_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(36))
    head_seq: Mapped[int] = mapped_column(BigInteger)
    head_hash: Mapped[str] = mapped_column(String(64))


class OfficeGemeente(Base):
    """A municipality this office serves (``inburg-office gemeente add``; migration 0012):
    its CBS gemeentecode (``domain.gemeente``, canonical ``GMdddd``) and name. An office
    without any row behaves as before gemeenten were recorded: no case is checked."""

    __tablename__ = "gemeenten"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    naam: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class GemeenteConsulent(Base):
    """A consultant account that works for a gemeente of the office (``inburg-office
    consultant add-gemeente``; migration 0012): they may hold and push its cases."""

    __tablename__ = "gemeente_consulenten"

    code: Mapped[str] = mapped_column(
        String(6), ForeignKey("gemeenten.code", ondelete="CASCADE"), primary_key=True
    )
    consultant: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)
