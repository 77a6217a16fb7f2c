"""Running slow work (key derivation, PDF, sync, big queries) off the GUI thread.

``run_task`` starts a callable on Qt's thread pool and calls ``on_success`` or
``on_error`` back on the GUI thread through a queued signal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.setAutoDelete(True)

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # handed to the GUI thread, never swallowed
            self.relay.failed.emit(exc)
        else:
            self.relay.succeeded.emit(result)


_live: set[_Relay] = set()


def run_task(
    fn: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> None:
    """Run ``fn`` on the thread pool; the callbacks run on the GUI thread."""
    relay = _Relay()
    _live.add(relay)

    def done_ok(result: object) -> None:
        _live.discard(relay)
        on_success(result)

    def done_err(exc: object) -> None:
        _live.discard(relay)
        assert isinstance(exc, BaseException)
        on_error(exc)

    relay.succeeded.connect(done_ok)
    relay.failed.connect(done_err)
    QThreadPool.globalInstance().start(_Job(fn, relay))
