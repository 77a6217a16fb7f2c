"""ORM tables of the vault (SQLAlchemy 2, typed).

A case is stored as its identity columns (for lists and search) plus a set of fields,
each addressed by a key such as ``intake.opleiding.notes`` or ``oproep.<id>``. Every
change is a patch of such keys; that is what the outbox carries to the office and what
field-level conflict detection compares, so there is one shape for every kind of data.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class CaseRow(Base):
    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    doelgroep: Mapped[str] = mapped_column(String(32))
    given_names: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[date] = mapped_column(Date)
    nationality: Mapped[str] = mapped_column(String(3))
    languages: Mapped[str] = mapped_column(Text, default="[]")  # JSON array of BCP 47 tags
    preferred_language: Mapped[str | None] = mapped_column(String(35))
    v_nummer: Mapped[str | None] = mapped_column(String(20))
    bsn: Mapped[str | None] = mapped_column(String(9))
    koppeling: Mapped[date | None] = mapped_column(Date)
    brp_registration: Mapped[date] = mapped_column(Date)
    duo_kennisgeving: Mapped[date | None] = mapped_column(Date)
    bijstand_start: Mapped[date | None] = mapped_column(Date)
    pip_date: Mapped[date | None] = mapped_column(Date)
    residence_basis: Mapped[str | None] = mapped_column(String(32))
    permit_since: Mapped[date | None] = mapped_column(Date)
    brp_after_move: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(32), default="consultant")
    version: Mapped[int] = mapped_column(Integer, default=1)
    server_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class FieldRow(Base):
    """One field of a case: intake answers, notes, oproepen, sessions, PIP versions."""

    __tablename__ = "case_fields"

    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
    source: Mapped[str] = mapped_column(String(32), default="consultant")
    confirmed: Mapped[bool] = mapped_column(Boolean, default=True)
    catalogue_version: Mapped[str | None] = mapped_column(String(32))
    prompt_id: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class OutboxRow(Base):
    """A local change waiting to be pushed; written in the same transaction as the change."""

    __tablename__ = "outbox"
    __table_args__ = {"sqlite_autoincrement": True}

    op_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(36), index=True)
    base_version: Mapped[int] = mapped_column(Integer)
    patch: Mapped[str] = mapped_column(Text)  # JSON object: field key -> JSON value
    created_at: Mapped[datetime] = mapped_column(DateTime)
    resolves: Mapped[str] = mapped_column(Text, default="[]")  # conflict keys it settles


class AttachmentRow(Base):
    """A binary attached to a case (signed PIP PDF, scanned copy), by SHA-256."""

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    uploaded: Mapped[bool] = mapped_column(Boolean, default=False)


class ConflictRow(Base):
    """A field the office and this laptop both changed: both values kept until resolved."""

    __tablename__ = "sync_conflicts"

    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    field_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    office_value: Mapped[str] = mapped_column(Text)  # JSON
    office_version: Mapped[int] = mapped_column(Integer)
    laptop_value: Mapped[str] = mapped_column(Text)  # JSON
    op_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    base_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    """JSON of the value both sides started from (``SyncBaseRow``), for a three-way merge;
    ``None`` when it is not known (the conflict was made by another laptop)."""
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    """The device whose value ``laptop_value`` is, as the office said (``None``: this
    laptop's own stale-screen conflict, or a vault from before 0005)."""
    office_device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    """The device that wrote ``office_value`` (``None``: office staff, or before 0006)."""
    office_consultant: Mapped[str | None] = mapped_column(String(200), nullable=True)
    laptop_consultant: Mapped[str | None] = mapped_column(String(200), nullable=True)
    """The consultants of the two devices, as the office said (for naming the sides)."""
    office_changed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    """When the office's value was written at the office, as the office said (UTC)."""
    laptop_changed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    """When ``laptop_value`` was made: typed here (this laptop's outbox), or for another
    device's value when it reached the office (UTC); ``None``: not known."""


class SyncBaseRow(Base):
    """The value a field had before its first local change since the office last agreed:
    the common base of a later conflict (both sides started from it). Kept while the
    change is unsent or its conflict open, dropped when the office has settled it."""

    __tablename__ = "sync_bases"

    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    field_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(DateTime)


class PushedVersionRow(Base):
    """Per case, the highest office version this laptop's acknowledged pushes produced
    (migration 0008). A pull whose ``own_version`` is higher tells a vault that went back
    in time (a restored backup): it lacks values it pushed itself (``sync.engine``). No
    row reads as 0. Kept apart from ``cases`` so the case row and its summary triggers
    are untouched by sync bookkeeping."""

    __tablename__ = "pushed_versions"

    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer)


class QuarantineRow(Base):
    """What sync set aside, shown to the consultant and never blocking the rest.

    ``direction`` ``push``: a local change that could not go to the office (refused by the
    protocol here, or by the office); ``op_id`` is the id it had in the outbox. ``pull``: a
    case or field from the office that this laptop could not apply. ``field_keys`` (JSON
    list) names the fields concerned (empty: the whole op or case); ``patch`` (JSON object)
    holds their values, so an export can hand them to the office. ``error`` is a stable
    code, ``detail`` (JSON object) its parameters, ``message`` the office's own sentence.
    """

    __tablename__ = "sync_quarantine"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    direction: Mapped[str] = mapped_column(String(8))
    op_id: Mapped[int | None] = mapped_column(Integer)
    case_id: Mapped[str] = mapped_column(String(64), index=True)
    field_keys: Mapped[str] = mapped_column(Text, default="[]")
    patch: Mapped[str] = mapped_column(Text)
    error: Mapped[str] = mapped_column(String(100))
    message: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    """When the consultant sent it to the office (``POST /v1/set-aside``), if ever."""


class SettingRow(Base):
    """Vault-wide settings (municipality letterhead, idle minutes, device identity...)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class CaseSummaryRow(Base):
    """What the case list and ``inburg case list`` show and search of one case, kept by
    ``storage.case_summary`` (migration 0007): the identity and dates the rules read, the
    intake's progress, the PIP's status, the folded search words, and the rules' outcome
    as of ``status_on``, which holds for every day before ``status_until``."""

    __tablename__ = "case_summaries"

    case_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)  # the case's version it was computed at
    server_version: Mapped[int] = mapped_column(Integer)
    computed_with: Mapped[str] = mapped_column(String(32))  # the code that computed it
    given_names: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    doelgroep: Mapped[str] = mapped_column(String(32))
    nationality: Mapped[str] = mapped_column(String(3))
    languages: Mapped[str] = mapped_column(Text)  # JSON array, as in ``cases``
    v_nummer: Mapped[str | None] = mapped_column(String(20))
    date_of_birth: Mapped[date] = mapped_column(Date)
    residence_basis: Mapped[str | None] = mapped_column(String(32))
    permit_since: Mapped[date | None] = mapped_column(Date)
    brp_registration: Mapped[date] = mapped_column(Date)
    koppeling: Mapped[date | None] = mapped_column(Date)
    duo_kennisgeving: Mapped[date | None] = mapped_column(Date)
    bijstand_start: Mapped[date | None] = mapped_column(Date)
    pip_date: Mapped[date | None] = mapped_column(Date)
    brp_after_move: Mapped[date | None] = mapped_column(Date)
    wachten: Mapped[str | None] = mapped_column(Text)  # JSON: the wait for a third party
    topics_covered: Mapped[int] = mapped_column(Integer)
    topics_total: Mapped[int] = mapped_column(Integer)
    pip_status: Mapped[str] = mapped_column(Text)  # JSON: the current PIP's status
    search_own: Mapped[str] = mapped_column(Text)  # folded name, V-nummer, doelgroep
    status_on: Mapped[date] = mapped_column(Date)
    status_until: Mapped[date | None] = mapped_column(Date)  # None: for good
    plichtig: Mapped[bool] = mapped_column(Boolean)
    pip_deadline: Mapped[date | None] = mapped_column(Date)
    pip_deadline_provisional: Mapped[bool] = mapped_column(Boolean)
    deadline_state: Mapped[str] = mapped_column(String(16))
    notes: Mapped[str] = mapped_column(Text)  # JSON: the plicht notes as [code, msgid, params]
    gemeente: Mapped[str | None] = mapped_column(String(6))  # CBS code (migration 0012)


class CaseSummaryStaleRow(Base):
    """A case whose summary must be computed again (marked by triggers on ``cases``)."""

    __tablename__ = "case_summary_stale"

    case_id: Mapped[str] = mapped_column(String(36), primary_key=True)


Index("ix_case_fields_key", FieldRow.key)
Index("ix_case_summaries_order", CaseSummaryRow.family_name, CaseSummaryRow.case_id)


class AuditRow(Base):
    """One entry of the audit trail (``domain.audit``), as it was hashed; append-only.

    Triggers of migration 0011 refuse every ``UPDATE`` and every ``DELETE`` except the
    purge path's (:func:`inburg_desktop.storage.audit_log.purge_case`), which removes a
    case's chains whole. ``row_id`` is the stored order, which :func:`verify` reads."""

    __tablename__ = "audit_trail"
    __table_args__ = (
        Index("ix_audit_trail_chain", "case_id", "device_id", "seq"),
        {"sqlite_autoincrement": True},
    )

    row_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String(32))  # domain.audit.TIME_FORMAT, as hashed
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(16))
    part: Mapped[str] = mapped_column(String(120))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditAnchorRow(Base):
    """The head of a chain the office confirmed it holds (the push answer): what a
    later check of this laptop's copy is held against (``domain.audit.Anchor``), and
    where the next push of the chain starts."""

    __tablename__ = "audit_anchors"

    case_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class AuditPurgeRow(Base):
    """A case whose chains the purge path removes in the running transaction: the one
    case for which the trigger lets ``DELETE`` through (emptied in the same transaction)."""

    __tablename__ = "audit_purge"

    case_id: Mapped[str] = mapped_column(String(64), primary_key=True)
