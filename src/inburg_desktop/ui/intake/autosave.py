"""Autosave of intake edits: debounced, in a transaction, off the GUI thread, never lost.

Edits are merged into a pending patch (a later edit of a key wins); ``DEBOUNCE_MS`` after
typing stops, the patch is written through ``update_fields`` (outbox included) on a private
one-thread pool, so writes stay in order and the window never waits on the disk. The write
is a task of ``ui.tasks`` like all background work of a window: automatic garbage
collection is paused while it runs (``ui.worker_gc``: a cycle holding a closed window,
collected on the worker, would free that window off the GUI thread and crash Qt), the
worker lets go of the controller before it reports, and the suite's teardown sees it.
``flush()`` writes whatever is pending *now*, on the calling thread, after any write in
flight: called on topic switch, window close and lock, so nothing waits for a timer that
will never fire. A failed write keeps its patch pending (newer edits win) and says so.

Each edit carries the value its field showed when the consultant began to change it
(``started``); the service keeps an edit as a conflict instead of writing it when the
vault changed underneath the window (a sync, a conflict resolution), and ``conflicted``
says which fields.

A value the vault refuses (``FieldRefused``: too large to go to the office) is taken out of
the write and reported (``refused``) with the value the field had before; the rest of the
edits are written at once, so one refused field never holds back the others.

When the failure is a condition that can clear (a full disk, a read-only medium, a
permission problem, another program holding the vault, a disk error), the pending patch
is written again by itself, after ``retry_ms`` and then at growing intervals up to
:data:`MAX_RETRY_MS`, until it succeeds; a new edit or Ctrl+S tries at once.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from inburg_desktop.services.errors import FieldRefused
from inburg_desktop.services.intake_edit import Meta, Patch, save_screen_edits
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.tasks import CancelToken, TaskGroup
from inburg_desktop.ui.vault_messages import transient

log = logging.getLogger(__name__)
DEBOUNCE_MS = 350
RETRY_MS = 2_000
MAX_RETRY_MS = 30_000


class _Batch:
    """One write: the patch, its provenance and the edit sequence number it covers."""

    def __init__(self, patch: Patch, meta: Meta, seq: int, started: dict[str, Any]) -> None:
        self.patch = patch
        self.meta = meta
        self.seq = seq
        self.started = started


class AutosaveController(QObject):
    """Collects edits for one case and saves them shortly after typing stops."""

    saving = Signal()
    saved = Signal(object)  # datetime of the save
    failed = Signal(object)  # the exception (its kind says what to tell the consultant)
    conflicted = Signal(object)  # list of field keys kept as conflicts, not written
    withdrawn = Signal()  # the last pending edits were withdrawn: nothing left to write
    refused = Signal(str, object, object)  # key, the FieldRefused, the value before the edit
    # A write began or ended (GUI thread): a read of the case begun before may be stale
    # (``ui.fresh_reads``).
    write_marked = Signal()

    def __init__(
        self,
        vault: Vault,
        case_id: str,
        delay_ms: int = DEBOUNCE_MS,
        parent: QObject | None = None,
        retry_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.case_id = case_id
        self._pending: Patch = {}
        self._meta: Meta = {}
        self._started: dict[str, Any] = {}
        self._in_flight = 0
        self._seq = 0
        self._key_seq: dict[str, int] = {}
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # Owned by the controller, not the window: a close the window refuses (a question
        # about refused input) must not drop a write's outcome.
        self._tasks = TaskGroup(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start_write)
        self._retry_ms = retry_ms if retry_ms is not None else RETRY_MS
        self._next_retry_ms = self._retry_ms
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._start_write)
        self.last_saved: datetime | None = None
        self.last_error: str | None = None  # the error's type name, for diagnostics
        # The office version of the case as the screen loaded it; set by the window.
        self.seen_version: int | None = None

    def pending_keys(self) -> set[str]:
        """Fields with an edit not yet written (queued or failed)."""
        return set(self._pending)

    def take_pending(self) -> Patch:
        """Hand over every edit not yet written (and forget it here): for a case that can
        no longer be saved, whose edits are set aside elsewhere (``ui.case_gone``)."""
        self._timer.stop()
        self._retry.stop()
        patch = self._pending
        self._pending, self._meta, self._started = {}, {}, {}
        return patch

    def withdraw(self, key: str) -> tuple[bool, Any]:
        """Take back a pending edit of ``key`` not yet written (its field now shows input
        that is refused, so an earlier keystroke must not be saved in its place).

        Returns whether an edit was pending and the value the field showed before that run
        of edits (what the vault still holds; ``None`` when unknown or empty)."""
        if key not in self._pending:
            return False, None
        del self._pending[key]
        self._meta.pop(key, None)
        before = self._started.pop(key, None)
        if not self.busy:
            self._timer.stop()
            self._retry.stop()
            self.withdrawn.emit()
        return True, before

    @property
    def busy(self) -> bool:
        """Something typed is not yet on disk."""
        return bool(self._pending) or self._in_flight > 0

    def schedule(
        self, patch: Patch, meta: Meta | None = None, started: Mapping[str, Any] | None = None
    ) -> None:
        """Queue an edit; the write follows ``delay_ms`` after the last one.

        ``started``: per key, the value the window showed before this run of edits (the
        first one queued for a key counts); keys without one are written unchecked."""
        if not patch:
            return
        for key, value in (started or {}).items():
            if key in patch:
                self._started.setdefault(key, value)
        self._seq += 1
        for key in patch:
            self._key_seq[key] = self._seq
        self._pending.update(patch)
        self._meta.update(meta or {})
        self.saving.emit()
        self._timer.start()

    def save_now(
        self, patch: Patch, meta: Meta | None = None, started: Mapping[str, Any] | None = None
    ) -> None:
        """An explicit action (a button): queue it and write everything at once."""
        self.schedule(patch, meta, started)
        self.flush()

    def write(
        self, patch: Patch, meta: Meta, started: Mapping[str, Any] | None = None
    ) -> list[str]:
        """One transaction: the fields and the outbox entry (any thread); returns the keys
        kept as conflicts because the vault changed underneath the window."""
        return save_screen_edits(
            self.vault,
            self.case_id,
            patch,
            meta,
            started=started or {},
            seen_version=self.seen_version,
        )

    def _take(self) -> _Batch:
        self.write_marked.emit()  # a write begins
        patch, meta, started = self._pending, self._meta, self._started
        self._pending, self._meta, self._started = {}, {}, {}
        return _Batch(
            patch,
            {k: v for k, v in meta.items() if k in patch},
            self._seq,
            {k: v for k, v in started.items() if k in patch},
        )

    @property
    def retrying(self) -> bool:
        """A failed write is waiting to be tried again by itself."""
        return self._retry.isActive()

    def _start_write(self) -> None:
        if not self._pending or self.vault.locked:
            return
        batch = self._take()
        self._in_flight += 1
        patch, meta, started = batch.patch, batch.meta, batch.started

        def work(_token: CancelToken) -> list[str]:
            return self.write(patch, meta, started)

        self._tasks.run(
            work,
            lambda kept: self._written(batch, kept),
            lambda error: self._written(batch, error),
            name="intake-autosave",  # never the case or its data
            pool=self._pool,
        )

    def _written(self, batch: object, outcome: object) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        self.write_marked.emit()  # a write ended
        assert isinstance(batch, _Batch)
        if isinstance(outcome, BaseException):
            self._failed(batch, outcome)
            return
        if not self.busy:
            self._done()
        # After "saved" (which clears an earlier error notice): the conflict must show.
        if isinstance(outcome, list) and outcome:
            self.conflicted.emit(outcome)

    def _failed(self, batch: _Batch, error: BaseException) -> None:
        if isinstance(error, FieldRefused) and error.key in batch.patch:
            self._refused(batch, error)
            return
        # Keep what failed unless the consultant edited that key again since.
        for key, value in batch.patch.items():
            if self._key_seq.get(key, 0) <= batch.seq and key not in self._pending:
                self._pending[key] = value
                if key in batch.meta:
                    self._meta[key] = batch.meta[key]
                if key in batch.started:
                    self._started.setdefault(key, batch.started[key])
        log.warning("autosave failed: %s", type(error).__name__)
        self.last_error = type(error).__name__
        if transient(error) and not self.vault.locked:
            self._retry.start(self._next_retry_ms)
            self._next_retry_ms = min(self._next_retry_ms * 2, MAX_RETRY_MS)
        self.failed.emit(error)

    def _refused(self, batch: _Batch, error: FieldRefused) -> None:
        """The vault refused one field of the batch (nothing of it was written): report
        that field and write the others again at once."""
        key = error.key
        log.warning("autosave refused a field: %s", error.problem)  # the key is no data
        self.last_error = type(error).__name__
        rest = {k: v for k, v in batch.patch.items() if k != key}
        for other, value in rest.items():
            if self._key_seq.get(other, 0) <= batch.seq and other not in self._pending:
                self._pending[other] = value
                if other in batch.meta:
                    self._meta[other] = batch.meta[other]
                if other in batch.started:
                    self._started.setdefault(other, batch.started[other])
        self.refused.emit(key, error, batch.started.get(key))
        if self._pending:
            self._timer.start(0)
        elif self._in_flight == 0:
            self.withdrawn.emit()

    def _done(self) -> None:
        self.last_saved = datetime.now()
        self.last_error = None
        self._retry.stop()
        self._next_retry_ms = self._retry_ms
        self.saved.emit(self.last_saved)

    def flush(self) -> None:
        """Write everything pending now (on this thread), after any write in flight."""
        self._timer.stop()
        self._retry.stop()
        self._pool.waitForDone()
        if not self._pending or self.vault.locked:
            return
        batch = self._take()
        try:
            kept = self.write(batch.patch, batch.meta, batch.started)
        except Exception as exc:
            self.write_marked.emit()  # a write ended
            self._failed(batch, exc)
            if isinstance(exc, FieldRefused) and self._pending:
                self.flush()  # the others, now, without the refused field
            return
        self.write_marked.emit()  # a write ended
        if self._in_flight == 0:
            self._done()
        if kept:
            self.conflicted.emit(kept)
