"""Background work for windows: typed, cancellable, and dropped when its window closes.

Every slow thing a window starts (a use case on the vault, a PDF render, a sync round,
reading a file) runs through the window's :class:`TaskGroup`::

    self.tasks = TaskGroup(self)
    self.tasks.run(lambda token: load(vault, case_id), self._loaded, self._failed)

``fn`` runs on Qt's thread pool (or the pool given: the intake's autosave keeps its
writes in order on a pool of one thread) and receives the task's :class:`CancelToken`;
long work checks it between steps (the sync engine does). ``on_success`` (typed with ``fn``'s
result) or ``on_error`` runs back on the GUI thread through a queued signal.

The group is the one place where a window's work ends with it (after Electrum's
``TaskThread.stop`` and Vorta's ``JobsManager``): when its owner gets a close event, or
is deleted, every task still running is cancelled and its result dropped, so no
callback reaches a closed window and no window keeps a ``closed`` flag.
:func:`running_tasks` and :func:`wait_for_all` let the test suite check at teardown
that no test leaves work running (``tests/ui/task_guard.py``, run at every teardown).
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import QDeadlineTimer, QEvent, QObject, QRunnable, QThreadPool, Signal, Slot

from inburg_desktop.services.cancel import Cancelled, CancelToken
from inburg_desktop.ui import worker_gc

__all__ = [
    "CancelToken",
    "Cancelled",
    "Task",
    "TaskGroup",
    "running_tasks",
    "wait_for_all",
]

T = TypeVar("T")
log = logging.getLogger(__name__)

_lock = threading.Lock()
_running: set[Task[object]] = set()  # started and not yet returned from their worker
_delivering: set[_Relay] = set()  # keeps each relay alive until its result is handled
_pools: weakref.WeakSet[QThreadPool] = weakref.WeakSet()  # pools other than the global one


class Task(Generic[T]):
    """One background job: its name (for diagnostics: never personal data), its cancel
    token, and whether its worker is still running."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.token = CancelToken()
        self._running = True
        self._dropped = False

    @property
    def running(self) -> bool:
        """The worker has not returned yet (a cancelled task runs until it checks)."""
        return self._running

    @property
    def dropped(self) -> bool:
        """Cancelled: whatever it returns is not delivered."""
        return self._dropped

    def cancel(self) -> None:
        """Ask the work to stop (cooperatively) and drop its result."""
        self._dropped = True
        self.token.cancel()

    def __repr__(self) -> str:
        state = "running" if self._running else "done"
        return f"<Task {self.name} {state}{' dropped' if self._dropped else ''}>"


class _Relay(QObject):
    finished = Signal(object, object)  # (result, error or None)


class _Runner(QRunnable):
    def __init__(self, task: Task[T], fn: Callable[[CancelToken], T], relay: _Relay) -> None:
        super().__init__()
        self.task = task
        self.fn: Callable[[CancelToken], T] | None = fn
        self.relay = relay
        self.setAutoDelete(True)

    @Slot()
    def run(self) -> None:
        result: object = None
        error: BaseException | None = None
        # The worker lets go of ``fn`` before it reports: the group's callback holds the
        # last reference and drops it on the GUI thread. ``fn`` often closes over a
        # window, and a window freed on a worker thread crashes Qt.
        fn, self.fn = self.fn, None
        try:
            if fn is not None:
                result = fn(self.task.token)
        except BaseException as exc:  # handed to the GUI thread, never swallowed
            error = exc
        finally:
            del fn
            with _lock:
                self.task._running = False
                _running.discard(self.task)
        self.relay.finished.emit(result, error)
        del result, error  # the queued signal holds its own references


class TaskGroup(QObject):
    """The background tasks of one window (its ``owner``); they end with it."""

    def __init__(self, owner: QObject) -> None:
        super().__init__(owner)
        self._tasks: set[Task[object]] = set()
        owner.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.cancel_all()
        return False

    def run(
        self,
        fn: Callable[[CancelToken], T],
        on_success: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        *,
        name: str | None = None,
        on_dropped: Callable[[T], None] | None = None,
        pool: QThreadPool | None = None,
    ) -> Task[T]:
        """Start ``fn(token)`` on the thread pool; the callbacks run on the GUI thread,
        unless the task was cancelled (or its window closed) meanwhile.

        ``on_dropped`` receives a result that arrives after the cancel, for what must not
        be left behind (an unlocked vault nobody will lock). ``pool``: run on this pool
        instead of Qt's global one (one thread keeps a caller's work in order); the work
        is still tracked, released and paused for as every task is.
        """
        task: Task[T] = Task(name or str(getattr(fn, "__qualname__", "task")))
        relay = _Relay()
        group = self
        # released in ``finished``, on the GUI thread (see ``_Runner.run``)
        holds: list[Callable[[CancelToken], T]] = [fn]

        def finished(result: object, error: object) -> None:
            holds.clear()
            if relay in _delivering:
                _delivering.discard(relay)
                worker_gc.resume()
            if shiboken6.isValid(group):
                group._tasks.discard(task)
            if task.dropped or not shiboken6.isValid(group):
                if isinstance(error, BaseException):
                    if not isinstance(error, Cancelled):
                        log.info("dropped failure of %s: %s", task.name, type(error).__name__)
                elif on_dropped is not None:
                    on_dropped(result)  # type: ignore[arg-type]
                return
            if isinstance(error, BaseException):
                on_error(error)
            else:
                on_success(result)  # type: ignore[arg-type]

        relay.finished.connect(finished)
        with _lock:
            _running.add(task)  # type: ignore[arg-type]
        _delivering.add(relay)
        worker_gc.pause()  # no cycle is collected on the worker (ui/worker_gc.py)
        self._tasks.add(task)  # type: ignore[arg-type]
        if pool is None:
            pool = QThreadPool.globalInstance()
        else:
            _pools.add(pool)
        pool.start(_Runner(task, fn, relay))
        return task

    @property
    def pending(self) -> int:
        """Tasks started here whose result has not been handled yet."""
        return len(self._tasks)

    def cancel_all(self) -> None:
        """Cancel every task of this group: results still to come are dropped."""
        for task in list(self._tasks):
            task.cancel()
        self._tasks.clear()


def running_tasks() -> list[Task[object]]:
    """Tasks whose worker is still running, in any group."""
    with _lock:
        return list(_running)


def wait_for_all(timeout_ms: int = 60_000) -> bool:
    """Block until every worker has returned (true), or ``timeout_ms`` passed (false).

    For shutdown and for tests; results are delivered later by the event loop. Waits on
    Qt's global pool and on every pool a task was given (``TaskGroup.run(pool=...)``).
    """
    deadline = QDeadlineTimer(timeout_ms)
    pools = [QThreadPool.globalInstance(), *(p for p in list(_pools) if shiboken6.isValid(p))]
    return all(pool.waitForDone(deadline) for pool in pools)
