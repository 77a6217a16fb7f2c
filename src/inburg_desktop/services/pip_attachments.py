"""Signing the PIP and keeping its signed copies: inside the vault, by SHA-256.

Two ways to sign (issue 5, item 4):

* on the laptop: both signatures (PNG from the signature pad) go into the PDF, rendered
  for the signed version; :func:`sign_with_signatures`;
* print and sign: export the unsigned PDF (an explicit action), later attach the scanned
  signed copy; :func:`attach_scan`.

Either way the PDF is an ``AttachmentRow`` written in the *same transaction* as the PIP's
change to ``signed`` and a field ``attachment.<sha256>`` describing it, so the office sync
sees both or neither. A signed PDF is never written to disk here except by
:func:`export_attachment`, which the UI calls only after an explicit save dialog.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from inburg_desktop.domain.file_input import (
    IS_DIRECTORY,
    FileRefused,
    FileTooLarge,
    describe_size,
    read_bounded,
)
from inburg_desktop.domain.pip import PipHistory, PipStatus
from inburg_desktop.domain.pip_document import PipDocument, PipRenderer
from inburg_desktop.domain.problem import Problem
from inburg_desktop.protocol.messages import MAX_ATTACHMENT_BYTES
from inburg_desktop.services.files import export_file
from inburg_desktop.services.letterhead import case_letterhead
from inburg_desktop.services.pip_service import (
    NoPip,
    consulent_name,
    load_history,
    pip_document,
    write_history,
)
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.changes import now
from inburg_desktop.storage.tables import AttachmentRow
from inburg_desktop.storage.vault import OpenVault

PDF = "application/pdf"
KIND_SIGNED = "pip_signed"
KIND_SCAN = "pip_scan"
KIND_UNSIGNED = "pip_unsigned"  # only ever exported, never stored
FIELD_PREFIX = "attachment."
SCAN_TYPES = {b"%PDF": PDF, b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg"}
MAX_SCAN_BYTES = min(25_000_000, MAX_ATTACHMENT_BYTES)
"""The largest signed scan accepted, in bytes. The demo's three-page PIP rendered at
300 dpi is 1.5 MB as JPEG and 1.1 MB as PNG (``pdftoppm -r 300``, measured 2026-11-29);
a scan of paper is noisier and larger, and 25 MB leaves room for that many times over. It
stays below what the office accepts per attachment (``MAX_ATTACHMENT_BYTES``,
docs/sync-protocol.md), so every stored scan reaches the office."""


class SignRefused(Problem, ValueError):
    """The PIP cannot be signed now: ``sign_not_set`` (not set, or already signed),
    ``sign_changed`` (changed meanwhile), ``scan_needs_set`` (a scan before setting)."""

    default_code = "sign_not_set"


class ScanRefused(Problem, ValueError):
    """The chosen scan is not stored, and nothing was changed: ``scan_type`` (not a PDF,
    PNG or JPEG), ``scan_too_large`` (``limit``), ``scan_is_folder``, ``scan_not_file`` (a FIFO,
    device or socket), ``scan_missing``, ``scan_no_access`` or ``scan_unreadable``."""

    default_code = "scan_type"


class AttachmentTooLarge(Problem, ValueError):
    """A file over what the office accepts per attachment (``limit``): stored, it would
    mark the PIP signed while sync sets it aside every time."""

    default_code = "attachment_too_large"


class AttachmentMissing(Problem, LookupError):
    """No attachment with that SHA-256 in the vault (``attachment_missing``)."""

    default_code = "attachment_missing"


class AttachmentDamaged(Problem, ValueError):
    """The stored bytes do not have the SHA-256 they are stored under."""

    default_code = "attachment_damaged"


@dataclass(frozen=True)
class AttachmentInfo:
    """An attachment without its bytes (what lists show)."""

    sha256: str
    kind: str
    version: int | None
    size: int
    media_type: str


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _signable(history: PipHistory, version: int | None) -> int:
    latest = history.latest
    if latest is None:
        raise NoPip()
    if latest.status is not PipStatus.SET:
        raise SignRefused()
    if version is not None and latest.nummer != version:
        raise SignRefused("sign_changed")
    return latest.nummer


def _store(
    session: Session,
    case_id: str,
    before: PipHistory,
    after: PipHistory,
    content: bytes,
    kind: str,
    media_type: str,
    version: int,
) -> AttachmentInfo:
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise AttachmentTooLarge(limit=describe_size(MAX_ATTACHMENT_BYTES))
    sha = sha256_hex(content)
    if session.get(AttachmentRow, sha) is None:
        session.add(
            AttachmentRow(
                sha256=sha,
                case_id=case_id,
                kind=kind,
                media_type=media_type,
                size=len(content),
                content=content,
                created_at=now(),
                uploaded=False,
            )
        )
    info = AttachmentInfo(sha, kind, version, len(content), media_type)
    described = {
        "kind": kind,
        "version": version,
        "sha256": sha,
        "size": len(content),
        "media_type": media_type,
    }
    write_history(session, case_id, before, after, {FIELD_PREFIX + sha: described})
    return info


def signed_document(
    session: Session,
    case_id: str,
    on: date,
    signature_inburgeraar: bytes,
    signature_consulent: bytes,
    lang: str | None = None,
) -> tuple[int, PipDocument]:
    """The number of the set version and what its signed PDF shows, signed ``on`` with
    both PNG signatures and the annex in ``lang`` (read-only). Raises :class:`SignRefused`
    when there is no set version to sign."""
    stored = get_case(session, case_id)
    history = load_history(stored)
    number = _signable(history, None)
    signed = history.sign(on)
    version = signed.latest
    assert version is not None
    document = pip_document(
        stored,
        signed,
        version,
        consulent_name(session),
        lang=lang,
        signatures=(signature_inburgeraar, signature_consulent),
        letterhead=case_letterhead(session, stored),
    )
    return number, document


def store_signed(
    session: Session, case_id: str, version: int, on: date, pdf: bytes
) -> AttachmentInfo:
    """Mark ``version`` signed ``on`` and store its signed PDF, in the caller's transaction."""
    before = load_history(get_case(session, case_id))
    _signable(before, version)
    return _store(session, case_id, before, before.sign(on), pdf, KIND_SIGNED, PDF, version)


def sign_with_signatures(
    vault: OpenVault,
    case_id: str,
    on: date,
    signature_inburgeraar: bytes,
    signature_consulent: bytes,
    render: PipRenderer,
    lang: str | None = None,
) -> AttachmentInfo:
    """Render the signed PDF with ``render`` (read-only session) and store it (one
    transaction): slow, so off the GUI thread. ``render`` is ``pdf.pip_document.render_pip``
    (the caller hands it in: use cases do not import the renderer)."""
    with vault.session() as session:
        number, document = signed_document(
            session, case_id, on, signature_inburgeraar, signature_consulent, lang
        )
    pdf = render(document)
    with vault.transaction() as session:
        return store_signed(session, case_id, number, on, pdf)


def scan_too_large() -> ScanRefused:
    return ScanRefused("scan_too_large", limit=describe_size(MAX_SCAN_BYTES))


def read_scan_file(path: Path) -> bytes:
    """The bytes of the scan file the consultant picked, read through the app's bounded
    reader (:func:`~inburg_desktop.domain.file_input.read_bounded`): at most
    :data:`MAX_SCAN_BYTES`, a regular file only, never blocking on a FIFO.

    Raises :class:`ScanRefused` in words for a directory, FIFO, device or socket, a file
    over the cap (refused from its size, before it is read) or one that cannot be read.
    """
    try:
        return read_bounded(path, MAX_SCAN_BYTES)
    except FileTooLarge:
        raise scan_too_large() from None
    except FileRefused as exc:
        if exc.reason.text == IS_DIRECTORY:
            raise ScanRefused("scan_is_folder") from None
        raise ScanRefused("scan_not_file") from None
    except (FileNotFoundError, NotADirectoryError):
        raise ScanRefused("scan_missing") from None
    except PermissionError:
        raise ScanRefused("scan_no_access") from None
    except OSError:
        raise ScanRefused("scan_unreadable") from None


def scan_media_type(content: bytes) -> str:
    for magic, media_type in SCAN_TYPES.items():
        if content.startswith(magic):
            return media_type
    raise ScanRefused("scan_type")


def attach_scan(session: Session, case_id: str, content: bytes, on: date) -> AttachmentInfo:
    """Attach the scanned signed copy; a set PIP becomes signed ``on`` this day.

    Raises :class:`ScanRefused` for content over :data:`MAX_SCAN_BYTES` (a scan the office
    could never receive must not mark the PIP signed) or not a PDF, PNG or JPEG, and
    :class:`SignRefused` when the PIP is not set; then nothing is written.
    """
    if len(content) > MAX_SCAN_BYTES:
        raise scan_too_large()
    media_type = scan_media_type(content)
    before = load_history(get_case(session, case_id))
    latest = before.latest
    if latest is None or not latest.is_set:
        raise SignRefused("scan_needs_set")
    after = before.sign(on) if latest.status is PipStatus.SET else before
    return _store(session, case_id, before, after, content, KIND_SCAN, media_type, latest.nummer)


def signed_copy(session: Session, case_id: str) -> tuple[bytes, str] | None:
    """The signed copy of the version in force as ``(content, media_type)``: the newest
    stored one when there are several (a pad signature and a later scan); ``None`` while
    that version is not signed."""
    version = load_history(get_case(session, case_id)).in_force
    if version is None or version.status is not PipStatus.SIGNED:
        return None
    shas = [
        info.sha256
        for info in list_attachments(session, case_id)
        if info.version == version.nummer and info.kind in (KIND_SIGNED, KIND_SCAN)
    ]
    if not shas:
        return None
    row = session.scalars(
        select(AttachmentRow)
        .where(AttachmentRow.sha256.in_(shas))
        .order_by(AttachmentRow.created_at.desc(), AttachmentRow.sha256)
        .limit(1)
    ).first()
    return None if row is None else (row.content, row.media_type)


def list_attachments(session: Session, case_id: str) -> list[AttachmentInfo]:
    """The case's PIP attachments, as described by their ``attachment.<sha>`` fields."""
    stored = get_case(session, case_id)
    out = []
    for key, value in stored.fields.items():
        if key.startswith(FIELD_PREFIX) and isinstance(value, dict):
            version = value.get("version")
            out.append(
                AttachmentInfo(
                    str(value.get("sha256", key[len(FIELD_PREFIX) :])),
                    str(value.get("kind", "")),
                    version if isinstance(version, int) else None,
                    int(value.get("size", 0)),
                    str(value.get("media_type", "")),
                )
            )
    return sorted(out, key=lambda a: (a.version or 0, a.kind))


def attachment_content(session: Session, sha256: str) -> bytes:
    row = session.scalars(select(AttachmentRow).where(AttachmentRow.sha256 == sha256)).first()
    if row is None:
        raise AttachmentMissing()
    if sha256_hex(row.content) != sha256:
        raise AttachmentDamaged()
    return bytes(row.content)


def export_attachment(session: Session, sha256: str, path: Path) -> None:
    """Write an attachment to ``path`` (owner-only, atomic): only on an explicit action.
    The disk's refusal as ``services.files.export_file`` names it."""
    export_file(path, attachment_content(session, sha256))
