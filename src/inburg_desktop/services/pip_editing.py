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
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from inburg_desktop.domain import pip_sender
from inburg_desktop.domain.audit import Action
from inburg_desktop.domain.pip import Beschikking, Ontwikkelplan, PipHistory, Uitzondering
from inburg_desktop.domain.pip_document import PipDocument, PipRenderer
from inburg_desktop.domain.text import Reason
from inburg_desktop.services import audit_trail, voortgang
from inburg_desktop.services import consulent as consulenten
from inburg_desktop.services import pip_attachments as attachments
from inburg_desktop.services import pip_confirmation as confirmations
from inburg_desktop.services import pip_service as service
from inburg_desktop.services.cancel import CancelToken
from inburg_desktop.services.files import export_file
from inburg_desktop.services.letterhead import case_letterhead, load_letterhead
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.cases import get_case


@dataclass(frozen=True)
class PipEditorData:
    """What the editor shows of one case: the PIP context (case, history, advice, choice,
    proposal, letterhead), the consultant's name for the PDF (``None`` while none is set:
    the editor asks for it before it produces a PIP) and the signed copies;
    ``annex_languages``: the languages with a complete annex, ``preferred_annex`` the
    newcomer's preferred language among them (``None``: none fits)."""

    context: service.PipContext
    consulent: str | None
    attachments: tuple[attachments.AttachmentInfo, ...]
    annex_languages: tuple[str, ...] = ()
    preferred_annex: str | None = None


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
        context = service.load_context(session, case_id, today)
        return PipEditorData(
            context,
            service.consulent_name(session),
            tuple(attachments.list_attachments(session, case_id)),
            service.annex_languages(),
            service.annex_language_for(context.stored.case.person.preferred_language),
        )


def confirmation(
    vault: Vault,
    case_id: str,
    draft: DraftInput,
    course_hours: int,
) -> confirmations.Confirmation:
    """What setting ``draft`` on ``draft.on`` would decide, what the law still requires and
    what is open in the intake, read from the vault as it is now (another window may have
    changed the intake since the editor opened). Read-only; ``NoSuchCase`` for an unknown
    case."""
    with vault.session() as session:
        stored = get_case(session, case_id)
        history = service.load_history(stored)
        version = history.new_draft(
            draft.beschikking,
            draft.on,
            reden=draft.reden.strip(),
            afschaling_a2=draft.afschaling_a2,
            cursusuren_nt2=draft.cursusuren_nt2,
            ontwikkelplan=draft.ontwikkelplan,
            uitzonderingen=draft.uitzonderingen,
        )
        return confirmations.build(
            stored,
            history,
            version,
            draft.on,
            course_hours,
            service.consulent_name(session),
            case_letterhead(session, stored),
        )


def unsaved_patch(
    history: PipHistory, draft: DraftInput | None, plan: Ontwikkelplan | None = None
) -> dict[str, Any]:
    """What saving would write for an editor's unsaved work, as the case's field patch
    (field key -> stored value), without a vault: the ``draft`` as a draft version, or,
    for a set PIP, the ontwikkelplan ``plan``. For setting aside the work of an editor
    whose case left this laptop (``quarantine_list.set_aside_unsaved``); empty when
    nothing differs from ``history``."""
    if draft is not None:
        version = history.new_draft(
            draft.beschikking,
            draft.on,
            reden=draft.reden.strip(),
            afschaling_a2=draft.afschaling_a2,
            cursusuren_nt2=draft.cursusuren_nt2,
            ontwikkelplan=draft.ontwikkelplan,
            uitzonderingen=draft.uitzonderingen,
        )
        after = history.with_draft(version)
    elif plan is not None:
        after = history.with_ontwikkelplan(plan)
    else:
        return {}
    old = history.storage_items()
    return {k: v for k, v in after.storage_items().items() if old.get(k) != v}


def sender_gaps(vault: Vault, case_id: str | None = None) -> tuple[Reason, ...]:
    """What keeps a PIP made now from naming its sender (``pip_sender.sender_gaps``: the
    placeholder letterhead, no consultant's name); empty when nothing does. With
    ``case_id`` the letterhead is that case's (its gemeente's own first,
    ``letterhead.case_letterhead``), the one its PIP carries: a gemeente's published
    letterhead was called the placeholder when the office had no office-wide one
    (usability round 10)."""
    with vault.session() as session:
        stored = None if case_id is None else get_case(session, case_id)
        head = (
            load_letterhead(session).letterhead
            if stored is None
            else case_letterhead(session, stored)
        )
        return pip_sender.sender_gaps(head, service.consulent_name(session))


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
    moment: datetime | None = None,
) -> PipHistory:
    """Store the draft and set it with dagtekening ``draft.on``: both or neither.

    The decision records who took it and when (AVG art. 22): the consultant of this
    vault (``consulent.besluitnemer``) at ``moment`` (default: now, UTC). The first PIP
    also records ``dates.pip_date`` (Wet art. 11: the termijn's anchor).
    The voortgangsgesprekken are planned (or re-planned) from the version set, in the
    same transaction (``services.voortgang.plan_in_session``).
    Raises ``PipRefused`` (with the rules' reasons), ``PipTooLarge``, ``PipChanged``
    (the stored PIP is no longer what the editor ``loaded``) or ``ConsulentOnbekend`` (no
    consultant's name set); then nothing is written, not even the draft.
    """
    with vault.transaction() as session:
        door = consulenten.besluitnemer(session, moment)
        saved = _save(session, case_id, draft, seen_version, loaded)
        after = service.set_pip(
            session,
            case_id,
            draft.on,
            course_hours,
            door=door,
            seen_version=seen_version,
            loaded=saved,
        )
        # the voortgangsgesprekken follow the PIP in force (Besluit art. 5.3 lid 4)
        voortgang.plan_in_session(session, case_id)
        return after


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
    lang: str | None = None,
) -> attachments.AttachmentInfo:
    """Render the PIP with both signatures (PNG) with ``render`` and store it as signed, in
    one transaction; with the annex in ``lang`` (the document the newcomer signs). ``render``
    is ``pdf.pip_document.render_pip``: the caller (ui, commands) hands it in, use cases
    never import the renderer."""
    return attachments.sign_with_signatures(
        vault, case_id, on, signature_inburgeraar, signature_consulent, render, lang
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


def preferred_annex(vault: Vault, case_id: str) -> tuple[str | None, str | None]:
    """The annex language for the case's newcomer and the preferred language recorded:
    ``(annex, preferred)``; ``annex`` is ``None`` when the preferred language has no
    complete annex (or none is recorded). ``NoSuchCase`` for an unknown case."""
    with vault.session() as session:
        preferred = get_case(session, case_id).case.person.preferred_language
    return service.annex_language_for(preferred), preferred


def current_pdf(vault: Vault, case_id: str, render: PipRenderer, lang: str | None = None) -> bytes:
    """The current PIP as PDF bytes, rendered with ``render`` (``pdf.pip_document.render_pip``,
    handed in by the caller). Recorded in the audit trail as a print of the PIP."""
    pdf = render(current_document(vault, case_id, lang))
    audit_trail.record(vault, case_id, Action.PRINT, "pip")
    return pdf


def export_current(
    vault: Vault, case_id: str, path: Path, render: PipRenderer, lang: str | None = None
) -> None:
    """The current PIP as a PDF at ``path``, to print and sign on paper (owner-only)."""
    export_file(path, current_pdf(vault, case_id, render, lang))


@dataclass(frozen=True)
class PipFile:
    """The PIP as it leaves the vault: ``content`` with its ``media_type``; ``signed``:
    the signed copy of the version in force (as stored, whatever its annex), else the
    current PIP rendered now."""

    content: bytes
    media_type: str
    signed: bool


def pip_file(vault: Vault, case_id: str, render: PipRenderer, lang: str | None = None) -> PipFile:
    """What "export" and "print" produce: once the version in force is signed, its signed
    copy (the document both signed; the newest when there are several), else the current
    PIP rendered with the annex in ``lang``. Raises ``NoPip``, ``AnnexUnavailable``,
    ``ConsulentOnbekend``."""
    with vault.session() as session:
        signed = attachments.signed_copy(session, case_id)
        if signed is not None:
            return PipFile(signed[0], signed[1], True)
        document = service.current_document(session, case_id, lang)
    return rendered_file(document, render)


def rendered_file(document: PipDocument, render: PipRenderer) -> PipFile:
    """``document`` rendered as :func:`pip_file` renders an unsigned PIP: the one path
    from a document to the bytes export, print and the editor's preview show."""
    return PipFile(render(document), attachments.PDF, False)


def export_pip(
    vault: Vault,
    case_id: str,
    path: Path,
    render: PipRenderer,
    lang: str | None = None,
    cancel: CancelToken | None = None,
) -> PipFile:
    """Write :func:`pip_file` to ``path`` (owner-only, atomic); returns what was written.

    Raises :class:`Cancelled` when ``cancel`` is set before the file is written (then
    nothing is written)."""
    produced = pip_file(vault, case_id, render, lang)
    if cancel is not None:
        cancel.raise_if_cancelled()
    export_file(path, produced.content)
    return produced
