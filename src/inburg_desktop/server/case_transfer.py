"""A case in and out of the office as an ``inburg-case/1`` document (docs/inburg-case-1.md):
the person's own copy made at the office (AVG art. 15 and 20) and a case that moves with
the person to or from another municipality (Besluit inburgering 2021 art. 5.3 lid 3).

The office shares only ``domain`` and ``protocol`` with the laptop (import-linter), so
the document's one implementation, ``domain.case_document``, reads and writes here too:

* :func:`export_document` builds the document from the office's rows and passes it
  through the format's strict reader before handing it out, so the office never writes a
  document a laptop or another office would refuse;
* :func:`import_document` reads a document with that same strict reader (a hostile or
  damaged document is refused naming the path of its first bad value), refuses what the
  laptop's import refuses (a case id the office holds, open conflicts or set-aside
  changes: another office's unfinished business), checks every field by the office's own
  field rules (``admin.office_patch``) and writes the case, its attachments and its place
  on a caseload in one transaction: all or nothing.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inburg_desktop.domain.audit import format_time
from inburg_desktop.domain.case_document import (
    FORMAT,
    PIP_VERSION_PREFIX,
    CaseDocument,
    CaseDocumentError,
    Doel,
    Herkomst,
    check_importable,
    dumps,
    identity_patch,
    loads,
    parse_document,
)
from inburg_desktop.domain.file_input import describe_write_error
from inburg_desktop.domain.iso_date import parse_iso_moment
from inburg_desktop.domain.subject_access import for_person
from inburg_desktop.protocol.field_rules import shown
from inburg_desktop.protocol.messages import MAX_CHUNK_BYTES
from inburg_desktop.server.admin import (
    AdminError,
    RequestRefused,
    consultant_name,
    office_gemeente,
    office_patch,
    refuse_held_v_nummer,
)
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.db import Database, lock_counter
from inburg_desktop.server.gemeente_rules import (
    GEMEENTE_KEY,
    assign_problem,
    office_kantoor,
    stored_gemeente,
)
from inburg_desktop.server.tables import (
    Assignment,
    Attachment,
    AttachmentCase,
    AttachmentChunk,
    CaseRecord,
    Conflict,
    FieldValue,
    SetAside,
)

ATTACHMENT_FIELD = "attachment."
"""The field that describes an attachment (``attachment.<sha256>``: kind, size, media type),
as the laptop writes it (``services.pip_attachments``)."""
CHUNK_BYTES = MAX_CHUNK_BYTES
"""Attachment bytes per stored chunk: the most an upload writes per chunk."""


class CaseExists(AdminError):
    """The office already holds the document's case id (exit 1: the office refuses the
    request, the document itself is sound)."""


def _aware(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _stamp(at: datetime) -> str:
    return format_time(_aware(at))


def _identity_key(key: str) -> bool:
    """Whether ``key`` is the identity, which the document holds in ``person`` and ``dates``."""
    return key == "doelgroep" or key.startswith(("person.", "dates."))


def document_problem(exc: CaseDocumentError) -> str:
    """A refused document in the office's Dutch: the path of the bad value and why."""
    where = f", bij {exc.path}" if exc.path else ""
    return f"Ongeldig dossierdocument{where}: {exc.reason.render()}"


def export_document(db: Database, case_id: str, doel: Doel, now: datetime | None = None) -> bytes:
    """The ``inburg-case/1`` bytes of the office's case ``case_id``, made for ``doel``;
    for the person (``Doel.INZAGE``) without other people's data
    (``domain.subject_access.for_person``).

    Raises :class:`AdminError` when the office has no such case, or when a value it holds
    is one the format refuses (the path named; nothing is written then)."""
    with db.read() as session:
        raw = _raw_document(session, case_id, doel, now or datetime.now(UTC))
    try:
        doc = parse_document(raw)
        data = dumps(for_person(doc) if doel is Doel.INZAGE else doc)
        loads(data)
    except CaseDocumentError as exc:
        raise AdminError(
            f"Het dossier kan niet als {FORMAT} worden uitgevoerd: "
            f"{document_problem(exc)}. Er is niets geschreven."
        ) from None
    return data


def _raw_document(session: Session, case_id: str, doel: Doel, now: datetime) -> dict[str, Any]:
    case = session.get(CaseRecord, case_id)
    if case is None:
        raise AdminError(f"Dossier {shown(case_id)} bestaat niet op het kantoor.")
    rows = list(session.scalars(select(FieldValue).where(FieldValue.case_id == case_id)))
    values = {row.key: json.loads(row.value) for row in rows}
    person = {
        key: values.get(f"person.{key}")
        for key in (
            "given_names",
            "family_name",
            "date_of_birth",
            "nationality",
            "preferred_language",
            "v_nummer",
            "bsn",
            "residence_basis",
            "permit_since",
        )
    }
    person["languages"] = values.get("person.languages") or []
    dates = {
        key: values.get(f"dates.{key}")
        for key in (
            "brp_registration",
            "koppeling",
            "duo_kennisgeving",
            "bijstand_start",
            "pip_date",
            "brp_after_move",
        )
    }
    fields = [
        {
            "key": row.key,
            "value": values[row.key],
            # changed by a laptop (its consultant) or at the office itself
            "source": "consultant" if row.device_id else "office",
            "confirmed": True,
            "catalogue_version": None,
            "prompt_id": None,
            "updated_at": _stamp(row.updated_at),
        }
        for row in rows
        if not _identity_key(row.key) and row.key != GEMEENTE_KEY  # in case.gemeente
    ]
    kinds = {
        key[len(ATTACHMENT_FIELD) :]: value.get("kind")
        for key, value in values.items()
        if key.startswith(ATTACHMENT_FIELD) and isinstance(value, dict)
    }
    attachments = []
    for attachment in session.scalars(
        select(Attachment)
        .join(AttachmentCase, AttachmentCase.sha256 == Attachment.sha256)
        .where(AttachmentCase.case_id == case_id)
    ):
        content = b"".join(
            session.scalars(
                select(AttachmentChunk.data)
                .where(AttachmentChunk.sha256 == attachment.sha256)
                .order_by(AttachmentChunk.offset)
            )
        )
        kind = kinds.get(attachment.sha256)
        attachments.append(
            {
                "sha256": attachment.sha256,
                "kind": kind if isinstance(kind, str) else "bijlage",
                "media_type": attachment.media_type,
                "size": len(content),
                "created_at": _stamp(attachment.created_at),
                "content_base64": base64.b64encode(content).decode("ascii"),
            }
        )
    conflicts = [
        {
            "field_key": c.field_key,
            "office_value": json.loads(c.office_value),
            "office_version": c.office_version,
            "laptop_value": json.loads(c.laptop_value),
            "created_at": _stamp(c.created_at),
        }
        for c in session.scalars(select(Conflict).where(Conflict.case_id == case_id))
    ]
    quarantine = [
        _set_aside_entry(entry)
        for entry in session.scalars(select(SetAside).where(SetAside.case_id == case_id))
    ]
    return {
        "format": FORMAT,
        "exported_at": _stamp(now),
        "herkomst": Herkomst.KANTOOR.value,
        "doel": doel.value,
        "case": {
            "id": case.id,
            "gemeente": stored_gemeente(session, case_id),
            "version": max(case.version, 1),
            "source": "office",
            "created_at": _stamp(case.created_at),
            "updated_at": _stamp(max(case.updated_at, case.created_at)),
        },
        "doelgroep": values.get("doelgroep"),
        "person": person,
        "dates": dates,
        "fields": fields,
        "attachments": attachments,
        "audit": [],
        "conflicts": conflicts,
        "quarantine": quarantine,
    }


def _set_aside_entry(entry: SetAside) -> dict[str, Any]:
    """What a laptop set aside and reported, as a ``quarantine`` entry of the document."""
    fields = json.loads(entry.fields) if entry.fields else {}
    try:
        at = _aware(parse_iso_moment(entry.set_aside_at))
    except (TypeError, ValueError):
        at = _aware(entry.received_at)
    return {
        "direction": entry.direction,
        "op_id": None,
        "field_keys": sorted(fields) if isinstance(fields, dict) else [],
        "patch": fields if isinstance(fields, dict) else {},
        "error": entry.error,
        "message": entry.reason[:2000],
        "detail": {},
        "created_at": format_time(at),
    }


def import_document(
    db: Database,
    data: bytes,
    consultant: str,
    gemeente: str | None = None,
    *,
    one_per_v_nummer: bool = False,
) -> str:
    """Store the document in ``data`` as a new case of the office on ``consultant``'s
    caseload (a name the office knows: ``admin.known_consultant``), all or nothing;
    returns the case id (the document's own, so its audit chains stay valid).

    The case's gemeente: ``gemeente`` when given (a code or name of one of the office's
    gemeenten); else the document's ``case.gemeente`` when it is one of the office's (or
    the office records none: kept as it is); else the office's only gemeente when the
    document names none; else the import asks for ``--gemeente`` (a case moving from
    another municipality belongs to one of this office's now: Besluit art. 5.3 lid 3).

    Raises :class:`AdminError` in Dutch: a damaged or hostile document (the path of the
    first bad value), a copy made for the person (``check_importable``: only a transfer
    document is imported), a case the office already holds, a document with open conflicts or
    set-aside changes, a field the office's rules refuse, no gemeente of the office for
    the case, or a consultant who does not work for it; with ``one_per_v_nummer``
    (``inburg-office case import`` without ``--tweede-dossier``) :class:`admin.VNummerHeld`
    when another case of the office holds its V-nummer. Nothing is written then."""
    try:
        doc = loads(data)
        check_importable(doc)
    except CaseDocumentError as exc:
        raise AdminError(f"{document_problem(exc)}. Er is niets geïmporteerd.") from None
    if doc.conflicts or doc.quarantine:
        raise AdminError(
            f"Het dossierdocument heeft nog {len(doc.conflicts)} conflict(en) en "
            f"{len(doc.quarantine)} apart gezette wijziging(en); laat die eerst afhandelen "
            "waar het document is gemaakt. Er is niets geïmporteerd."
        )
    patch = _patch(doc)
    name = consultant_name(consultant)
    with db.write() as session:
        counter = lock_counter(session)
        if session.get(CaseRecord, doc.case.id) is not None:
            raise CaseExists(
                f"Het kantoor heeft dossier {doc.case.id} al; er is niets geïmporteerd."
            )
        if one_per_v_nummer:
            refuse_held_v_nummer(session, patch)
        code = _import_gemeente(session, doc.case.gemeente, gemeente)
        if code is not None:
            patch[GEMEENTE_KEY] = code
        if problem := assign_problem(session, code, name):
            raise RequestRefused(f"{problem} Er is niets geïmporteerd.")
        office_patch(session, counter, doc.case.id, patch, create=True)
        _store_attachments(session, doc)
        seq = counter.next()
        session.add(
            Assignment(case_id=doc.case.id, consultant=name, assigned_seq=seq, assigned_at=utcnow())
        )
        record = session.get(CaseRecord, doc.case.id)
        assert record is not None  # office_patch made it in this transaction
        record.seq = seq
    return doc.case.id


def _import_gemeente(session: Session, carried: str | None, asked: str | None) -> str | None:
    """The gemeente an imported case gets (:func:`import_document`), ``None`` for none."""
    if asked is not None:
        return office_gemeente(session, asked)
    kantoor = office_kantoor(session)
    if kantoor is None or (carried is not None and carried in kantoor.codes):
        return carried
    if carried is None and len(kantoor.gemeenten) == 1:
        return kantoor.gemeenten[0].code
    served = ", ".join(f"{g.naam} ({g.code})" for g in kantoor.gemeenten)
    what = (
        "noemt geen gemeente"
        if carried is None
        else f"hoort bij gemeente {carried}, die dit kantoor niet bedient"
    )
    raise RequestRefused(
        f"Het dossierdocument {what}. Geef met --gemeente CODE aan bij welke gemeente van "
        f"het kantoor het dossier nu hoort ({served}). Er is niets geïmporteerd."
    )


def _patch(doc: CaseDocument) -> dict[str, Any]:
    """Identity and fields as one patch; PIP versions before the pointer to them, so the
    office's PIP rule reads the history the pointer names."""
    patch = identity_patch(doc)
    for entry in sorted(
        doc.fields, key=lambda f: (not f.key.startswith(PIP_VERSION_PREFIX), f.key)
    ):
        if entry.key != GEMEENTE_KEY:  # the case's gemeente is case.gemeente's
            patch[entry.key] = entry.value
    return patch


def _store_attachments(session: Session, doc: CaseDocument) -> None:
    for attachment in doc.attachments:
        if session.get(Attachment, attachment.sha256) is None:
            session.add(
                Attachment(
                    sha256=attachment.sha256,
                    length=len(attachment.content),
                    media_type=attachment.media_type,
                    created_at=utcnow(),
                )
            )
            session.flush()
            content = attachment.content
            for offset in range(0, len(content), CHUNK_BYTES):
                session.add(
                    AttachmentChunk(
                        sha256=attachment.sha256,
                        offset=offset,
                        data=content[offset : offset + CHUNK_BYTES],
                    )
                )
        if session.get(AttachmentCase, (attachment.sha256, doc.case.id)) is None:
            session.add(AttachmentCase(sha256=attachment.sha256, case_id=doc.case.id))
    session.flush()


def readable_pdf(document: bytes, warn: Callable[[str], None] | None = None) -> bytes:
    """The readable overview (AVG art. 15) of ``document``, made by the laptop's own
    command ``inburg case pdf - --out -`` (INTERFACES.md) in a child process.

    Why a process and not an import: the office shares only ``domain`` and ``protocol``
    with the laptop (import-linter), while the overview needs the prompt catalogue, its
    translations and ReportLab (``services.subject_access``, ``pdf.subject_access``). The
    command is a public interface of the same installation. The document goes in by a
    pipe and the PDF comes back by one: nothing of the case is written to the office's
    disk, so a killed export leaves nothing behind (attack round 8, finding 6: a
    temporary folder kept the case as plaintext JSON when the command was stopped).
    Raises :class:`AdminError` with the command's own one-line reason. ``warn`` receives
    each warning of a PDF that was made (``waarschuwing: …``: a character printed as its
    code, naming the field; issue 13), for the caller to show the administrator."""
    done = subprocess.run(
        [sys.executable, "-m", "inburg_desktop.cli", "case", "pdf", "-", "--out", "-"],
        input=document,
        capture_output=True,
        timeout=600,
        check=False,
    )
    pdf = done.stdout
    if done.returncode != 0 or not pdf.startswith(b"%PDF-"):
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise AdminError(
            f"Het leesbare overzicht is niet gemaakt: {(lines or ['onbekende fout'])[-1]}"
        )
    if len(pdf) > MAX_OVERVIEW_BYTES:
        raise AdminError("Het leesbare overzicht is groter dan verwacht; er is niets geschreven.")
    if warn is not None:
        for line in done.stderr.decode("utf-8", "replace").splitlines():
            if line.startswith("waarschuwing:"):
                warn(line)
    return pdf


MAX_OVERVIEW_BYTES = 200 * 1024 * 1024
"""The most the readable overview may take (bytes): far above any case's (a case with
its scans is a few MB), so only a broken child process reaches it."""


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to the open descriptor ``fd`` (``os.write`` may write
    less than asked)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_owner_only(path: Path, data: bytes, *, replace: bool = True) -> None:
    """Write ``data`` to ``path`` (a file the admin named) atomically, readable by its
    owner only: a temporary file beside it, flushed to disk, then renamed. Refuses a name
    that is a folder, device, FIFO or socket (renaming over it would destroy it) and a
    folder that does not exist, with :class:`AdminError`; nothing is written then.
    ``replace=False``: an existing ``path`` (one made since the command checked, too) is
    refused with :class:`AdminError` and kept as it was: the temporary file is linked to
    the name, which fails when the name exists, instead of renamed over it."""
    try:
        if path.exists() and not path.is_file():
            raise AdminError(f"{path} is geen gewoon bestand; er is niets geschreven.")
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except FileNotFoundError:
        raise AdminError(f"De map van {path} bestaat niet; er is niets geschreven.") from None
    except OSError as exc:
        raise AdminError(f"{path} {describe_write_error(exc)}; er is niets geschreven.") from None
    try:
        try:
            os.fchmod(fd, 0o600)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            finally:
                os.unlink(tmp)
    except FileExistsError:
        raise AdminError(
            f"{path} bestaat al; kies een nieuwe bestandsnaam. Er is niets geschreven."
        ) from None
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise AdminError(f"{path} {describe_write_error(exc)}; er is niets geschreven.") from None
