"""One sync round of a vault with the office: push the outbox, upload attachments, pull
the caseload page by page (each page applied with its cursor in one transaction).

Nothing local is dropped before the office has acknowledged it; a rejected op is moved
to quarantine and never blocks the rest; remote values never overwrite a field that has
an unsent local change (the push that follows turns it into a conflict instead).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from inburg_desktop.storage.changes import apply_patch, create_case, now
from inburg_desktop.storage.sync_state import (
    CURSOR,
    LAST_SYNC,
    Conflict,
    replace_conflicts,
    set_setting,
)
from inburg_desktop.storage.sync_state import get_setting as read_setting
from inburg_desktop.storage.tables import (
    AttachmentRow,
    CaseRow,
    ConflictRow,
    OutboxRow,
    QuarantineRow,
)
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.protocol import CaseState, Op, PushResponse, batches
from inburg_desktop.sync.transport import SyncClient

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int, int], None]
"""Called with (stage, done, total, bytes moved so far); stages: push, attachments, pull."""


class SyncCancelled(Exception):
    """The consultant cancelled; what was applied so far stays, the rest waits."""


@dataclass
class SyncSummary:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    quarantined: int = 0
    purged: int = 0
    attachments_up: int = 0
    attachments_down: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0

    def as_json(self) -> dict[str, int]:
        return asdict(self)


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
            self.upload_attachments()
            self.pull()
            with self.vault.transaction() as session:
                set_setting(session, LAST_SYNC, now().isoformat(timespec="seconds"))
        finally:
            self.summary.bytes_sent = self.client.bytes_sent
            self.summary.bytes_received = self.client.bytes_received
            with self.vault.session() as session:
                self.summary.conflicts = len(session.scalars(select(ConflictRow.field_key)).all())
        return self.summary

    def progress(self, stage: str, done: int, total: int) -> None:
        self._report(stage, done, total, self.client.bytes_sent + self.client.bytes_received)

    def _check_cancel(self) -> None:
        if self.cancel.is_set():
            raise SyncCancelled("Synchronisatie afgebroken; wat al verstuurd is, blijft staan.")

    # --- push -----------------------------------------------------------------------------
    def _pending_ops(self) -> list[Op]:
        with self.vault.session() as session:
            rows = session.scalars(select(OutboxRow).order_by(OutboxRow.op_id)).all()
            return [
                Op(
                    op_id=row.op_id,
                    case_id=row.case_id,
                    base_version=row.base_version,
                    patch=json.loads(row.patch),
                    resolves=json.loads(row.resolves),
                )
                for row in rows
            ]

    def push(self) -> None:
        ops = self._pending_ops()
        total = len(ops)
        done = 0
        self.progress("push", 0, total)
        for batch in batches(ops):
            self._check_cancel()
            answer = self.client.push(batch)
            self._settle(batch, answer)
            done += len(batch)
            self.progress("push", done, total)

    def _settle(self, batch: list[Op], answer: PushResponse) -> None:
        """Apply the office's answer and drop acknowledged ops, in one transaction."""
        by_id = {op.op_id: op for op in batch}
        with self.vault.transaction() as session:
            for result in answer.results:
                op = by_id.get(result.op_id)
                if op is None or result.op_id > answer.acknowledged_op_id:
                    continue
                if result.status == "rejected":
                    session.merge(
                        QuarantineRow(
                            op_id=op.op_id,
                            case_id=op.case_id,
                            patch=json.dumps(op.patch, ensure_ascii=False),
                            error=result.error or "rejected",
                            message=result.message or "",
                            created_at=now(),
                        )
                    )
                    self.summary.quarantined += 1
                    continue
                # The base version only moves by pulling: the office may hold changes to
                # other fields that this laptop has not seen yet.
                case = session.get(CaseRow, op.case_id)
                if result.conflicts and case is not None:
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
                            )
                            for c in result.conflicts
                        ],
                        op.op_id,
                    )
            session.execute(delete(OutboxRow).where(OutboxRow.op_id <= answer.acknowledged_op_id))
            self.summary.pushed += sum(1 for op in batch if op.op_id <= answer.acknowledged_op_id)

    # --- attachments ----------------------------------------------------------------------
    def upload_attachments(self) -> None:
        with self.vault.session() as session:
            pending = session.execute(
                select(AttachmentRow.sha256, AttachmentRow.case_id, AttachmentRow.media_type).where(
                    AttachmentRow.uploaded.is_(False)
                )
            ).all()
        if not pending:
            return
        missing = {state.sha256 for state in self.client.missing([p[0] for p in pending])}
        for index, (sha, case_id, media_type) in enumerate(pending, start=1):
            self._check_cancel()
            if sha in missing:
                with self.vault.session() as session:
                    data = session.get(AttachmentRow, sha)
                    assert data is not None
                    content = data.content
                self.client.upload_attachment(content, case_id, media_type)
                self.summary.attachments_up += 1
            with self.vault.transaction() as session:
                row = session.get(AttachmentRow, sha)
                if row is not None:
                    row.uploaded = True
            self.progress("attachments", index, len(pending))

    # --- pull -----------------------------------------------------------------------------
    def pull(self) -> None:
        with self.vault.session() as session:
            cursor = int(read_setting(session, CURSOR, 0))
        pages = 0
        while True:
            self._check_cancel()
            page = self.client.pull(cursor)
            if page.refetch:
                cursor = 0
                continue
            with self.vault.transaction() as session:
                for state in page.cases:
                    self._apply_case(session, state)
                for case_id in page.removals:
                    self._purge(session, case_id)
                if page.caseload is not None:
                    keep = set(page.caseload)
                    for (case_id,) in session.execute(select(CaseRow.id)).all():
                        if case_id not in keep and not self._has_pending(session, case_id):
                            self._purge(session, case_id)
                for key, value in page.settings.items():
                    set_setting(session, f"office.{key}", value)
                set_setting(session, CURSOR, page.cursor)
            cursor = page.cursor
            pages += 1
            self.summary.pulled += len(page.cases)
            self.progress("pull", pages, pages + (1 if page.more else 0))
            if not page.more:
                break

    @staticmethod
    def _has_pending(session: Session, case_id: str) -> bool:
        return (
            session.scalars(
                select(OutboxRow.op_id).where(OutboxRow.case_id == case_id).limit(1)
            ).first()
            is not None
        )

    def _apply_case(self, session: Session, state: CaseState) -> None:
        pending_keys: set[str] = set()
        for (pending,) in session.execute(
            select(OutboxRow.patch).where(OutboxRow.case_id == state.case_id)
        ):
            pending_keys.update(json.loads(pending))
        patch: dict[str, Any] = {
            key: field.value for key, field in state.fields.items() if key not in pending_keys
        }
        if session.get(CaseRow, state.case_id) is None:
            create_case(session, state.case_id, patch, source="office", origin="remote")
        elif patch:
            apply_patch(session, state.case_id, patch, origin="remote")
        case = session.get(CaseRow, state.case_id)
        assert case is not None
        case.server_version = max(case.server_version, state.version)
        replace_conflicts(
            session,
            state.case_id,
            [
                Conflict(
                    state.case_id, c.field_key, c.office_value, c.laptop_value, c.office_version
                )
                for c in state.conflicts
            ],
            0,
        )

    def _purge(self, session: Session, case_id: str) -> None:
        """Data minimisation: a case taken off this caseload leaves the laptop entirely."""
        case = session.get(CaseRow, case_id)
        if case is None:
            return
        dropped = session.execute(delete(OutboxRow).where(OutboxRow.case_id == case_id))
        session.delete(case)  # fields, attachments and conflicts cascade
        self.summary.purged += 1
        log.info(
            "purged a case taken off the caseload (%d unsent ops dropped)",
            getattr(dropped, "rowcount", 0),
        )
