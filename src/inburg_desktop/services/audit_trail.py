"""The audit trail's use cases: record an act on a case, read and check a case's trail.

Issue 16 item 1: every view, change, export, print and sync of a case recorded (who,
when, which part, from which device), append-only and hash-chained (``domain.audit``;
stored by ``storage.audit_log``). Where each act is recorded:

* a **change**: where every change passes, in the change's own transaction
  (``storage.changes.apply_patch``, one entry per field group, coalesced while the same
  group is edited on); a new case: ``create``;
* a **view**: when a window of the case opens or shows another part (an intake topic),
  through :class:`ViewRecorder`, never per keystroke. Its writes happen on one worker
  thread, a batch per transaction, so the window that asks never waits for the disk
  (``tests/benchmarks/test_audit_typing.py`` measures typing with and without it);
* an **export** or **print**: :func:`record` by the use case that wrote the file;
* a **sync**: by the sync engine for each case it pushed or pulled.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from inburg_desktop.domain.audit import Action, AuditEntry, ChainCheck
from inburg_desktop.storage import audit_log
from inburg_desktop.storage.errors import NoSuchCase
from inburg_desktop.storage.vault import OpenVault as Vault  # not vault_session: it locks here
from inburg_desktop.storage.write_events import derived_only

log = logging.getLogger(__name__)


def topic_titles() -> dict[str, str]:
    """The intake topics' titles in the UI language (topic id -> title), to name the
    part ``intake.<topic>`` (``formatting.audit_part_label``); empty when the shipped
    catalogue cannot be read (the parts are then named by their ids)."""
    from inburg_desktop.services.intake_progress import ui_catalogue  # the catalogue: late

    try:
        catalogue = ui_catalogue()
    except Exception:
        return {}
    return {topic_id: catalogue.topic(topic_id).title for topic_id in catalogue.topic_ids}


def record(vault: Vault, case_id: str, action: Action, part: str) -> AuditEntry | None:
    """Append one entry now, in its own transaction (an export, a print).

    A vault opened read-only (``vault_session.unlock_for_reading`` on a read-only medium)
    records nothing and returns ``None``: what it lets a consultant read or export is
    not refused for want of a place to write that it happened."""
    if vault.read_only:
        return None
    with vault.transaction() as session:
        derived_only(session)  # an entry changes no case: no list needs reading again
        return audit_log.record(session, case_id, action, part)


@dataclass(frozen=True)
class ChainView:
    """One device's chain of a case: ``entries`` in stored order and its ``check``
    (``ok``, or where and how it is broken, with a Dutch ``reason``); ``anchored_seq``:
    the number of the last entry the office confirmed, ``None`` before the first push."""

    device_id: str
    entries: tuple[AuditEntry, ...]
    check: ChainCheck
    anchored_seq: int | None


@dataclass(frozen=True)
class CaseTrail:
    """A case's audit trail: its chains (one per device), and whether all are intact."""

    case_id: str
    chains: tuple[ChainView, ...]

    @property
    def ok(self) -> bool:
        return all(chain.check.ok for chain in self.chains)

    @property
    def entries(self) -> list[AuditEntry]:
        """Every entry of every chain, oldest first (by time, then device and number)."""
        every = [e for chain in self.chains for e in chain.entries]
        return sorted(every, key=lambda e: (e.at, e.device_id, e.seq))


def trail(vault: Vault, case_id: str) -> CaseTrail:
    """The checked trail of ``case_id``; :class:`NoSuchCase` when the vault holds neither
    the case nor any entry of it (a case purged keeps no trail here)."""
    with vault.session() as session:
        chains = audit_log.chains(session, case_id)
        if not chains and not audit_log.case_held(session, case_id):
            raise NoSuchCase(case_id=case_id)
    return CaseTrail(
        case_id,
        tuple(
            ChainView(
                c.device_id,
                c.entries,
                c.check,
                None if c.anchor is None else c.anchor.seq,
            )
            for c in chains
        ),
    )


@dataclass(frozen=True)
class _View:
    case_id: str
    part: str
    at: datetime


_STOP = object()


class ViewRecorder:
    """Records views off the caller's thread: :meth:`view` only queues the act (with the
    time it happened); one worker thread writes what is queued, a batch per transaction.

    A view that cannot be written (the vault locked meanwhile, a full disk) is logged by
    its exception type and dropped: a failed record never stops the consultant working,
    and it never blocks the window that asked."""

    BATCH = 200
    SETTLE = 0.3
    """Seconds without a new view before the batch is written: a burst of topic switches
    (paging through the intake) becomes one transaction, written when the burst is over."""
    LONGEST_WAIT = 2.0
    """Seconds a queued view waits at most before it is written, however busy the burst."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self._queue: queue.Queue[object] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="audit-views", daemon=True)
        self._thread.start()

    def view(self, case_id: str, part: str) -> None:
        """Queue "``part`` of ``case_id`` was shown now"; returns at once."""
        self._queue.put(_View(case_id, part, datetime.now(UTC)))

    def flush(self) -> None:
        """Wait until every view queued before this call is written (or dropped)."""
        self._queue.join()

    def close(self) -> None:
        """Write what is queued, then stop the worker (idempotent)."""
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join()

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            batch = [first]
            deadline = time.monotonic() + self.LONGEST_WAIT
            while len(batch) < self.BATCH and first is not _STOP and batch[-1] is not _STOP:
                wait = min(self.SETTLE, deadline - time.monotonic())
                if wait <= 0:
                    break
                try:
                    batch.append(self._queue.get(timeout=wait))
                except queue.Empty:
                    break
            views = [item for item in batch if isinstance(item, _View)]
            try:
                if views:
                    self._write(views)
            except Exception as exc:
                log.warning("audit: %d views not recorded (%s)", len(views), type(exc).__name__)
            finally:
                for _ in batch:
                    self._queue.task_done()
            if any(item is _STOP for item in batch):
                return

    def _write(self, views: Sequence[_View]) -> None:
        if self._vault.locked:
            # locked without :func:`close_views` first (``vault_session.lock`` writes them)
            log.info("audit: %d views not recorded: the vault was locked", len(views))
            return
        with self._vault.transaction() as session:
            derived_only(session)
            for item in views:
                audit_log.record(session, item.case_id, Action.VIEW, item.part, at=item.at)


_RECORDERS: weakref.WeakKeyDictionary[Vault, ViewRecorder] = weakref.WeakKeyDictionary()
_RECORDERS_LOCK = threading.Lock()


def views(vault: Vault) -> ViewRecorder:
    """The vault's one :class:`ViewRecorder` (made on first use)."""
    with _RECORDERS_LOCK:
        recorder = _RECORDERS.get(vault)
        if recorder is None:
            recorder = _RECORDERS[vault] = ViewRecorder(vault)
        return recorder


def record_view(vault: Vault, case_id: str, part: str) -> None:
    """Queue a view of ``part`` of ``case_id`` (a window opened, a topic shown)."""
    views(vault).view(case_id, part)


def close_views(vault: Vault) -> None:
    """Write the vault's queued views and stop its recorder (before the vault locks)."""
    with _RECORDERS_LOCK:
        recorder = _RECORDERS.pop(vault, None)
    if recorder is not None:
        recorder.close()
