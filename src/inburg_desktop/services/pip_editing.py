"""The PIP editor's use cases: each receives the open vault, opens and commits its own
transaction, and returns a typed result. The window only gathers what was typed.

"Save and set" is one use case (:func:`save_and_set`): the draft as edited and the
decision that sets it are written in one transaction, both or neither. A rule that
refuses the setting (:class:`~inburg_desktop.services.pip_service.PipRefused`, Besluit
art. 5.3 and the rules in ``domain/pip_rules.py``) leaves the draft as it was stored
before, so the consultant's screen, not the vault, holds the refused edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from inburg_desktop.domain.pip import Beschikking, Ontwikkelplan, PipHistory, Uitzondering
from inburg_desktop.domain.pip_document import PipDocument, PipRenderer
from inburg_desktop.services import pip_attachments as attachments
from inburg_desktop.services import pip_service as service
from inburg_desktop.services.files import export_file
from inburg_desktop.services.vault_session import Vault


@dataclass(frozen=True)
class PipEditorData:
    """What the editor shows of one case: the PIP context (case, history, advice, choice,
    proposal, letterhead), the consultant's name for the PDF and the signed copies."""

    context: service.PipContext
    consulent: str
    attachments: tuple[attachments.AttachmentInfo, ...]


@dataclass(frozen=True)
class DraftInput:
    """The draft as the consultant edited it (not stored yet).

    ``reden``: the ground of an amendment (Awb art. 3:46), ``cursusuren_nt2``: hours of
    NT2 course followed (Besluit art. 2.7, for a route change), ``uitzonderingen``: the
    exceptions used, each with its ground and motivering.
    """

    beschikking: Beschikking
    ontwikkelplan: Ontwikkelplan
    on: date
    reden: str = ""
    afschaling_a2: bool = False
    cursusuren_nt2: int = 0
    uitzonderingen: tuple[Uitzondering, ...] = ()


def open_editor(vault: Vault, case_id: str, today: date) -> PipEditorData:
    """Read everything the editor shows, in one read-only session.

    Raises ``NoSuchCase`` for an unknown case, a ``VaultError`` when the vault cannot be
    read now.
    """
    with vault.session() as session:
        return PipEditorData(
            service.load_context(session, case_id, today),
            service.consulent_name(session),
            tuple(attachments.list_attachments(session, case_id)),
        )


def _save(
    session: Session,
    case_id: str,
    draft: DraftInput,
    seen_version: int | None,
    loaded: PipHistory | None = None,
) -> PipHistory:
    return service.save_draft(
        session,
        case_id,
        draft.beschikking,
        draft.ontwikkelplan,
        draft.on,
        reden=draft.reden,
        afschaling_a2=draft.afschaling_a2,
        cursusuren_nt2=draft.cursusuren_nt2,
        uitzonderingen=draft.uitzonderingen,
        seen_version=seen_version,
        loaded=loaded,
    )


def save_draft(
    vault: Vault,
    case_id: str,
    draft: DraftInput,
    *,
    seen_version: int | None = None,
    loaded: PipHistory | None = None,
) -> PipHistory:
    """Store the draft (a first PIP, or an amendment of the one in force); one transaction.

    ``seen_version``: the office version the editor showed (a stale view becomes a conflict
    at the office, never a silent overwrite). ``loaded``: the history as the editor
    loaded it; when the stored PIP changed since (a sync, a resolved conflict),
    ``PipChanged`` is raised. Raises ``PipTooLarge`` (nothing written).
    """
    with vault.transaction() as session:
        return _save(session, case_id, draft, seen_version, loaded)


def save_and_set(
    vault: Vault,
    case_id: str,
    draft: DraftInput,
    course_hours: int,
    *,
    seen_version: int | None = None,
    loaded: PipHistory | None = None,
) -> PipHistory:
    """Store the draft and set it with dagtekening ``draft.on``: both or neither.

    The first PIP also records ``dates.pip_date`` (Wet art. 11: the termijn's anchor).
    Raises ``PipRefused`` (with the rules' reasons), ``PipTooLarge`` or ``PipChanged``
    (the stored PIP is no longer what the editor ``loaded``); then nothing is written,
    not even the draft.
    """
    with vault.transaction() as session:
        saved = _save(session, case_id, draft, seen_version, loaded)
        return service.set_pip(
            session, case_id, draft.on, course_hours, seen_version=seen_version, loaded=saved
        )


def discard_draft(vault: Vault, case_id: str) -> PipHistory:
    """Drop the pending draft (an amendment not pursued, or a first draft started over)."""
    with vault.transaction() as session:
        return service.discard_draft(session, case_id)


def save_ontwikkelplan(
    vault: Vault,
    case_id: str,
    plan: Ontwikkelplan,
    *,
    seen_version: int | None = None,
    loaded: PipHistory | None = None,
) -> PipHistory:
    """The living part changes at every voortgangsgesprek without a new decision
    (``PipChanged`` when the stored PIP is no longer what the editor ``loaded``)."""
    with vault.transaction() as session:
        return service.update_ontwikkelplan(
            session, case_id, plan, seen_version=seen_version, loaded=loaded
        )


def sign(
    vault: Vault,
    case_id: str,
    on: date,
    signature_inburgeraar: bytes,
    signature_consulent: bytes,
    render: PipRenderer,
) -> attachments.AttachmentInfo:
    """Render the PIP with both signatures (PNG) with ``render`` and store it as signed, in
    one transaction. ``render`` is ``pdf.pip_document.render_pip``: the caller (ui,
    commands) hands it in, use cases never import the renderer."""
    return attachments.sign_with_signatures(
        vault, case_id, on, signature_inburgeraar, signature_consulent, render
    )


def attach_scan(vault: Vault, case_id: str, path: Path, on: date) -> attachments.AttachmentInfo:
    """Read the scanned signed copy and store it; a set PIP becomes signed ``on`` this day.

    The file is read through the app's bounded reader (``read_scan_file``: at most
    ``MAX_SCAN_BYTES``, a regular file only, never blocking on a FIFO). Raises
    ``ScanRefused`` in words for a file that cannot be read, is too large or is not a PDF,
    PNG or JPEG, ``SignRefused`` before the PIP is set; nothing is written then.
    """
    content = attachments.read_scan_file(path)
    with vault.transaction() as session:
        return attachments.attach_scan(session, case_id, content, on)


def export_signed_copy(vault: Vault, sha256: str, path: Path) -> None:
    """Write one signed copy from the vault to ``path`` (owner-only, atomic)."""
    with vault.session() as session:
        content = attachments.attachment_content(session, sha256)
    export_file(path, content)


def current_document(vault: Vault, case_id: str, lang: str | None = None) -> PipDocument:
    """What the current PIP (in force, else the draft) shows, in one read-only session;
    ``NoPip`` without one, ``AnnexUnavailable`` when ``lang`` has no complete translation."""
    with vault.session() as session:
        return service.current_document(session, case_id, lang)


def current_pdf(vault: Vault, case_id: str, render: PipRenderer, lang: str | None = None) -> bytes:
    """The current PIP as PDF bytes, rendered with ``render`` (``pdf.pip_document.render_pip``,
    handed in by the caller)."""
    return render(current_document(vault, case_id, lang))


def export_current(vault: Vault, case_id: str, path: Path, render: PipRenderer) -> None:
    """The current PIP as a PDF at ``path``, to print and sign on paper (owner-only)."""
    export_file(path, current_pdf(vault, case_id, render))
