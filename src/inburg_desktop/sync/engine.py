"""One sync round of a vault with the office: push the outbox, upload attachments, pull
the caseload page by page (each page applied with its cursor in one transaction).

Nothing local is dropped before the office has acknowledged it; remote values never
overwrite a field that has an unsent local change (the push that follows turns it into a
conflict instead). No single record blocks sync, in either direction: an outbox entry the
protocol refuses (``sync.outbox``), an op the office rejects or refuses as a whole, and a
pulled case this laptop cannot apply (``sync.apply``) are set aside in the quarantine,
counted in the summary, and the rest goes on. Log lines carry counts, codes and ids only.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from inburg_desktop.domain.audit import HASH_PATTERN, WHOLE_CASE, Action, Anchor, AuditError
from inburg_desktop.domain.office_settings import laptop_key
from inburg_desktop.domain.problem import Problem
from inburg_desktop.protocol.messages import (
    MAX_AUDIT_ENTRIES,
    MAX_HASHES,
    AuditHead,
    CaseState,
    FieldConflict,
    Op,
    PushResponse,
    batches,
)
from inburg_desktop.storage import audit_log
from inburg_desktop.storage.changes import apply_patch, now
from inburg_desktop.storage.sync_state import (
    CURSOR,
    LAST_SYNC,
    Conflict,
    add_quarantine,
    clear_quarantine,
    drop_settled_bases,
    note_pushed_version,
    pushed_versions,
    quarantine_count,
    replace_conflicts,
    set_setting,
)
from inburg_desktop.storage.sync_state import get_setting as read_setting
from inburg_desktop.storage.tables import (
    AttachmentRow,
    CaseRow,
    ConflictRow,
    OutboxRow,
)
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.storage.write_events import derived_only
from inburg_desktop.sync.apply import (
    APPLY_ERRORS,
    apply_case,
    apply_new_cases,
    held,
    pull_refusals,
)
from inburg_desktop.sync.caseload_exit import case_label, keep_unsent_work, never_at_office
from inburg_desktop.sync.outbox import prepare_outbox, set_aside_refused, validation_codes
from inburg_desktop.sync.retention import closed_cases
from inburg_desktop.sync.transport import ProtocolError, ServerError, SyncClient

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int, int], None]
"""Called with (stage, done, total, bytes moved so far); stages: push, attachments, pull."""


class SyncCancelled(Problem):
    """The consultant cancelled; what was applied so far stays, the rest waits."""

    default_code = "sync_cancelled"


@dataclass
class SyncSummary:
    """What one round did, counted as people read it (usability round 3). ``pushed``:
    changes the office took (an op all of whose fields became conflicts, or that it
    rejected, is counted as a conflict or as set aside, not as sent); ``pulled``: distinct
    cases brought in or updated, however many pages carried them; ``conflicts``: open
    conflicts (distinct case and field); ``quarantined``: entries set aside this round
    (both ways); ``quarantine_open``: everything in the list now, for the consultant to
    look at; ``kept_unsent``: entries of unsent work of cases that left the caseload this
    round, kept in the list (set aside now or earlier); ``purged_cases``: the cases taken
    off this laptop, named (``domain.case_label``: personal data, so never in
    :meth:`as_json` nor in a log)."""

    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    quarantined: int = 0
    purged: int = 0
    attachments_up: int = 0
    attachments_down: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    quarantine_open: int = 0
    kept_unsent: int = 0
    purged_cases: tuple[str, ...] = field(default=(), compare=False)
    purge_blocked: tuple[str, ...] = field(default=(), compare=False)
    """Closed cases past their grace period kept because something of them has not
    reached the office (``sync.retention``), by id."""

    def as_json(self) -> dict[str, int]:
        """The counts for ``inburg sync --json`` (INTERFACES.md), without any name."""
        counts = asdict(self)
        del counts["purged_cases"]
        del counts["purge_blocked"]
        return counts


class SyncEngine:
    def __init__(
        self,
        vault: OpenVault,
        client: SyncClient,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        self.vault = vault
        self.client = client
        self._report = progress or (lambda stage, done, total, moved: None)
        self.cancel = cancel or threading.Event()
        self.summary = SyncSummary()

    def run(self) -> SyncSummary:
        try:
            self.push()
            self.push_audit()  # before the pull: a case leaving the caseload takes its chains
            self.upload_attachments()
            self.pull()
            self.push_audit()  # the pull's own sync entries
            with self.vault.transaction() as session:
                self._purge_closed(session)
                set_setting(session, LAST_SYNC, now().isoformat(timespec="seconds"))
        finally:
            if self.summary.purged:
                self._reclaim()
            self.summary.bytes_sent = self.client.bytes_sent
            self.summary.bytes_received = self.client.bytes_received
            with self.vault.session() as session:
                self.summary.conflicts = len(session.scalars(select(ConflictRow.field_key)).all())
                self.summary.quarantine_open = quarantine_count(session)
        return self.summary

    def _purge_closed(self, session: Session) -> None:
        """Closed cases past the grace period since their last full sync leave the laptop
        (``sync.retention``); one with something not at the office stays, and
        the summary names it (``purge_blocked``)."""
        today = now().date()
        for closed in closed_cases(session, today, note_synced=True):
            if closed.purge.due:
                self._purge(session, closed.case_id)
            elif closed.purge.weg_op is not None and today >= closed.purge.weg_op:
                self.summary.purge_blocked = (*self.summary.purge_blocked, closed.case_id)
        if self.summary.purge_blocked:
            log.info(
                "purge: %d closed cases kept: not all at the office",
                len(self.summary.purge_blocked),
            )

    def _reclaim(self) -> None:
        """A purged case's bytes leave the vault's files too (``OpenVault.reclaim_space``);
        also after a round that failed later, as the purge itself was committed. A
        failure here is logged and retried after the next purge: the round's own outcome
        stands."""
        try:
            if not self.vault.reclaim_space():
                log.warning("purge: the WAL was in use; its old frames go at the next purge")
        except Exception as exc:  # any kind: it must not hide the round's own outcome
            log.warning("purge: space not reclaimed (%s)", type(exc).__name__)

    def progress(self, stage: str, done: int, total: int) -> None:
        self._report(stage, done, total, self.client.bytes_sent + self.client.bytes_received)

    def _check_cancel(self) -> None:
        if self.cancel.is_set():
            raise SyncCancelled()

    # --- push -----------------------------------------------------------------------------
    def _pending_ops(self) -> list[Op]:
        """The outbox as valid ops; whatever the protocol refuses is set aside first."""
        with self.vault.transaction() as session:
            ops, added = prepare_outbox(session)
        self.summary.quarantined += added
        return ops

    def push(self) -> None:
        pending = self._pending_ops()
        total = len(pending)
        done = 0
        alone = 0  # after a batch refused as a whole: send this many ops one by one
        self.progress("push", 0, total)
        while pending:
            self._check_cancel()
            batch = pending[:1] if alone else next(batches(pending))
            try:
                answer = self.client.push(batch)
            except ProtocolError as exc:
                if not refused_for_content(exc):
                    raise
                if len(batch) > 1:
                    # Nothing of the batch was stored; find the op the office refuses.
                    alone = len(batch)
                    continue
                self._set_aside_refused(batch[0], exc)
                pending = self._pending_ops()  # acknowledged ops have left the outbox
                total = done + len(pending)
                alone = max(0, alone - 1)
                self.progress("push", done, total)
                continue
            self._settle(batch, answer)
            pending = pending[len(batch) :]
            done += len(batch)
            alone = max(0, alone - len(batch))
            self.progress("push", done, total)

    def _set_aside_refused(self, op: Op, exc: ProtocolError) -> None:
        details = exc.body.get("details")
        detail: dict[str, Any] = {"status": exc.status}
        if isinstance(details, list):
            detail["errors"] = [
                {"loc": d.get("loc"), "type": d.get("type")} for d in details if isinstance(d, dict)
            ]
        with self.vault.transaction() as session:
            if set_aside_refused(
                session, op.op_id, exc.error or "refused", exc.detail or "", detail
            ):
                self.summary.quarantined += 1

    def _settle(self, batch: list[Op], answer: PushResponse) -> None:
        """Apply the office's answer and drop acknowledged ops, in one transaction."""
        by_id = {op.op_id: op for op in batch}
        with self.vault.transaction() as session:
            for result in answer.results:
                op = by_id.get(result.op_id)
                if op is None or result.op_id > answer.acknowledged_op_id:
                    continue
                if result.status == "rejected":
                    add_quarantine(
                        session,
                        "push",
                        op.case_id,
                        op.patch,
                        result.error or "rejected",
                        op_id=op.op_id,
                        field_keys=list(op.patch),
                        message=result.message or "",
                    )
                    self.summary.quarantined += 1
                    log.warning("push: op %d rejected by the office (%s)", op.op_id, result.error)
                    continue
                # The base version only moves by pulling: the office may hold changes to
                # other fields that this laptop has not seen yet.
                case = session.get(CaseRow, op.case_id)
                if case is not None and result.version is not None:
                    # What this laptop now holds of its own: the office leaves these values
                    # out of the pull (CaseState.own_version); a vault restored to before
                    # this commit carries a lower number and so fetches the case whole.
                    note_pushed_version(session, op.case_id, result.version)
                if result.conflicts and case is not None:
                    show_office_values(session, op, result.conflicts, answer.acknowledged_op_id)
                    replace_conflicts(
                        session,
                        op.case_id,
                        [
                            Conflict(
                                op.case_id,
                                c.field_key,
                                c.office_value,
                                c.laptop_value,
                                c.office_version,
                                device_id=c.device_id,
                                office_device_id=c.office_device_id,
                                office_consultant=c.office_consultant,
                                laptop_consultant=c.laptop_consultant,
                                office_changed_at=c.office_changed_at,
                                laptop_changed_at=c.laptop_changed_at,
                                office_device_label=c.office_device_label,
                                laptop_device_label=c.laptop_device_label,
                            )
                            for c in result.conflicts
                        ],
                        op.op_id,
                        whole_list=False,  # an op's answer names its own fields only
                    )
            session.execute(delete(OutboxRow).where(OutboxRow.op_id <= answer.acknowledged_op_id))
            drop_settled_bases(session, {op.case_id for op in batch})
            self._record_sync(
                session,
                {
                    r.case_id
                    for r in answer.results
                    if r.status != "rejected"
                    and r.op_id <= answer.acknowledged_op_id
                    and session.get(CaseRow, r.case_id) is not None
                },
            )
            # Sent is what the office took: not an op it rejected (set aside) nor one all
            # of whose fields became conflicts (counted as conflicts).
            for result in answer.results:
                op = by_id.get(result.op_id)
                if op is None or result.op_id > answer.acknowledged_op_id:
                    continue
                conflicted = {c.field_key for c in result.conflicts}
                if result.status != "rejected" and set(op.patch) - conflicted:
                    self.summary.pushed += 1

    # --- audit trail ----------------------------------------------------------------------
    def push_audit(self) -> None:
        """Send the audit entries the office has not confirmed (``POST /v1/audit``) and
        keep the heads it confirms as anchors (``storage.audit_log``). Entries the office
        refuses (a chain that does not extend what it holds) stay here, unconfirmed, and
        are logged by code and count; an office of an earlier release (404) is left alone:
        the entries wait for one that takes them."""
        while True:
            self._check_cancel()
            with self.vault.session() as session:
                pending = audit_log.unpushed(session, MAX_AUDIT_ENTRIES)
            if not pending:
                return
            try:
                receipt = self.client.push_audit([entry.to_json() for entry in pending])
            except ProtocolError as exc:
                if exc.status in (404, 405):
                    log.info("audit: the office takes no audit entries yet (%s)", exc.status)
                    return
                raise
            sent = {(e.case_id, e.device_id) for e in pending}
            with self.vault.transaction() as session:
                derived_only(session)  # anchors change no case
                for head in receipt.heads:
                    if (head.case_id, head.device_id) in sent and _head_form(head):
                        audit_log.set_anchor(
                            session, head.case_id, head.device_id, Anchor(head.seq, head.hash)
                        )
            if receipt.refused:
                codes = Counter(r.error for r in receipt.refused)
                log.warning(
                    "audit: the office refused %d entries (%s)",
                    len(receipt.refused),
                    ", ".join(f"{code} {n}" for code, n in sorted(codes.items())),
                )
                return
            if len(pending) < MAX_AUDIT_ENTRIES:
                return

    def _record_sync(self, session: Session, case_ids: set[str]) -> None:
        """One ``sync`` entry per case that went to or came from the office."""
        for case_id in sorted(case_ids):
            try:
                audit_log.record(session, case_id, Action.SYNC, WHOLE_CASE, coalesce=True)
            except AuditError:
                log.warning("audit: a synced case's id is no audit case id; not recorded")

    # --- attachments ----------------------------------------------------------------------
    def upload_attachments(self) -> None:
        """Upload what the office lacks. An attachment the office refuses (or the protocol
        would) is set aside, stays pending on this laptop and is tried again next round;
        it never stops the pull that follows."""
        with self.vault.session() as session:
            pending = session.execute(
                select(
                    AttachmentRow.sha256,
                    AttachmentRow.case_id,
                    AttachmentRow.media_type,
                    AttachmentRow.kind,
                    AttachmentRow.size,
                ).where(AttachmentRow.uploaded.is_(False))
            ).all()
        if not pending:
            return
        hashes = [p[0] for p in pending]
        missing: set[str] = set()
        for start in range(0, len(hashes), MAX_HASHES):
            missing |= {s.sha256 for s in self.client.missing(hashes[start : start + MAX_HASHES])}
        for index, (sha, case_id, media_type, kind, size) in enumerate(pending, start=1):
            self._check_cancel()
            about = {"sha256": sha, "kind": kind, "size": size, "media_type": media_type}
            if sha in missing:
                with self.vault.session() as session:
                    data = session.get(AttachmentRow, sha)
                    assert data is not None
                    content = data.content
                try:
                    self.client.upload_attachment(content, case_id, media_type)
                except (ProtocolError, ValidationError) as exc:
                    self._attachment_refused(case_id, about, exc)
                    self.progress("attachments", index, len(pending))
                    continue
                self.summary.attachments_up += 1
            with self.vault.transaction() as session:
                row = session.get(AttachmentRow, sha)
                if row is not None:
                    row.uploaded = True
                clear_quarantine(session, "push", case_id, "attachment_refused", about)
            self.progress("attachments", index, len(pending))

    def _attachment_refused(
        self, case_id: str, about: dict[str, Any], exc: ProtocolError | ValidationError
    ) -> None:
        if isinstance(exc, ProtocolError):
            detail: dict[str, Any] = {"status": exc.status, "code": exc.error or "refused"}
            message = exc.detail or ""
        else:
            detail = {"errors": validation_codes(exc)}
            message = ""
        with self.vault.transaction() as session:
            add_quarantine(
                session,
                "push",
                case_id,
                about,
                "attachment_refused",
                message=message,
                detail=detail,
                once=True,
            )
        self.summary.quarantined += 1
        log.warning("attachments: one refused (%s), set aside", detail.get("code", "invalid"))

    # --- pull -----------------------------------------------------------------------------
    def pull(self) -> None:
        with self.vault.session() as session:
            cursor = int(read_setting(session, CURSOR, 0))
        pages = 0
        received: set[str] = set()
        refetched = False
        while True:
            self._check_cancel()
            page = self.client.pull(cursor)
            if page.refetch:
                # A second "refetch" in one round (the first already restarted from 0)
                # would loop for ever: an office that answers so is broken or hostile.
                if refetched or cursor == 0:
                    raise ServerError(detail="pull: refetch asked twice in one round")
                refetched, cursor = True, 0
                continue
            if page.more and page.cursor <= cursor:
                # "more" must move the cursor forward, or the round never ends.
                raise ServerError(detail="pull: more pages but the cursor did not move")
            cases = self._whole_where_needed(page.cases)
            with self.vault.transaction() as session:
                here = held(session, [state.case_id for state in cases])
                for state in apply_new_cases(session, cases, here):
                    self.summary.quarantined += apply_case(session, state, here)
                drop_settled_bases(session, {state.case_id for state in cases})
                self._record_sync(
                    session,
                    {
                        state.case_id
                        for state in cases
                        if (state.fields or state.full)
                        and session.get(CaseRow, state.case_id) is not None
                    },
                )
                for case_id in page.removals:
                    self._purge(session, case_id)
                if page.caseload is not None:
                    keep = set(page.caseload)
                    for (case_id,) in session.execute(select(CaseRow.id)).all():
                        if (
                            case_id not in keep
                            and not self._has_pending(session, case_id)
                            and not never_at_office(session, case_id)
                        ):
                            self._purge(session, case_id)
                for key, value in page.settings.items():
                    set_setting(session, laptop_key(key), value)
                set_setting(session, CURSOR, page.cursor)
            cursor = page.cursor
            pages += 1
            # Distinct cases that brought something: a case on two pages of one round
            # counts once, and an entry that only moves the version of a case this
            # laptop itself pushed (its fields are not sent back) counts not at all.
            received.update(state.case_id for state in cases if state.fields or state.full)
            self.summary.pulled = len(received)
            self.progress("pull", pages, pages + (1 if page.more else 0))
            if not page.more:
                break

    def _whole_where_needed(self, cases: list[CaseState]) -> list[CaseState]:
        """A page brings only the changed fields of a case the laptop is assumed to hold;
        the whole case is fetched instead for a case it does not hold (set aside when it
        first came, as it could not be applied then), so a fix at the office reaches it,
        and for a case whose own pushed values it lacks: the office left out values up to
        ``own_version`` as this device's, but its acknowledged pushes only produced
        ``pushed_version`` (the vault went back to a backup from before them; attack
        round 3). Applying the page as it is would move the base past values this laptop
        never had, and its next edit would overwrite them at the office unseen."""
        partial = [state.case_id for state in cases if not state.full]
        if not partial:
            return cases
        with self.vault.session() as session:
            here = pushed_versions(session, partial)
        out: list[CaseState] = []
        behind = 0
        for state in cases:
            if state.full or (state.case_id in here and state.own_version <= here[state.case_id]):
                out.append(state)
                continue
            behind += state.case_id in here
            try:
                whole = self.client.get_case(state.case_id)
            except ProtocolError as exc:
                if exc.status != 404:
                    raise
                # No longer on this caseload: its removal follows.
                continue
            # Applied with the version the office left out, so it is noted as held now.
            out.append(whole.model_copy(update={"own_version": state.own_version}))
        if behind:
            log.warning("pull: %d cases lacked values this laptop pushed; fetched whole", behind)
        return out

    @staticmethod
    def _has_pending(session: Session, case_id: str) -> bool:
        return (
            session.scalars(
                select(OutboxRow.op_id).where(OutboxRow.case_id == case_id).limit(1)
            ).first()
            is not None
        )

    def _purge(self, session: Session, case_id: str) -> None:
        """Data minimisation: a case taken off this caseload leaves the laptop, but its
        unsent work stays in the quarantine first (``sync.caseload_exit``)."""
        kept = keep_unsent_work(session, case_id)
        self.summary.quarantined += kept.total
        self.summary.kept_unsent += kept.total + kept.earlier
        case = session.get(CaseRow, case_id)
        if case is None:
            return
        label = case_label(case)  # said in the summary: which case left (round 3)
        session.delete(case)  # fields, attachments and conflicts cascade
        audit_log.purge_case(session, case_id)  # the office keeps its copy of the chains
        self.summary.purged += 1
        self.summary.purged_cases = (*self.summary.purged_cases, label)
        log.info(
            "purged a case taken off the caseload (%d unsent items set aside now, %d set "
            "aside earlier kept)",
            kept.total,
            kept.earlier,
        )


def _head_form(head: AuditHead) -> bool:
    """An office's head of a chain that can be an anchor (a number, a SHA-256 in hex)."""
    return head.seq >= 1 and HASH_PATTERN.fullmatch(head.hash) is not None


def show_office_values(
    session: Session, op: Op, found: list[FieldConflict], acknowledged: int
) -> None:
    """After the office kept its value of a field and this laptop's as a conflict, the
    vault shows the office's value (the laptop's is kept in the conflict), unless a later
    unsent edit of the field is still in the outbox.

    Without this the vault went on showing the value the office refused whenever the
    office's value was older than this laptop's cursor (so the pull that follows does not
    bring it again): the laptop showed neither the office state nor a resolution.
    """
    later = {
        key
        for (text,) in session.execute(
            select(OutboxRow.patch).where(
                OutboxRow.case_id == op.case_id, OutboxRow.op_id > acknowledged
            )
        )
        for key in _patch_keys(text)
    }
    patch = {c.field_key: c.office_value for c in found if c.field_key not in later}
    # what the pull would set aside is not shown now either: the conflict keeps it
    refused = pull_refusals(session, op.case_id, patch)
    if refused:
        log.warning("push: %d office values of conflicts not shown (refused)", len(refused))
    for key, value in patch.items():
        if key in refused:
            continue
        savepoint = session.begin_nested()
        try:
            apply_patch(session, op.case_id, {key: value}, origin="remote")
            session.flush()
        except APPLY_ERRORS as exc:
            # A value this laptop cannot hold: the conflict row still has it, and the
            # pull's quarantine says why when the office sends it.
            savepoint.rollback()
            log.warning("push: an office value of a conflict not shown (%s)", type(exc).__name__)
            continue
        savepoint.commit()


def _patch_keys(text: str) -> list[str]:
    try:
        patch = json.loads(text)
    except ValueError:
        return []
    return [str(key) for key in patch] if isinstance(patch, dict) else []


def refused_for_content(exc: ProtocolError) -> bool:
    """Whether the office refused a push batch for what one of its ops holds (so the op
    can be found and set aside), rather than for the request itself."""
    if exc.status == 413:
        return True
    if exc.status != 422:
        return False
    details = exc.body.get("details")
    if not isinstance(details, list) or not details:
        return True
    for item in details:
        loc = item.get("loc") if isinstance(item, dict) else None
        if isinstance(loc, list) and len(loc) >= 3 and loc[:2] == ["body", "ops"]:
            return True
    return False
