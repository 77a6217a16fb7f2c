"""Locking the vault after N idle minutes, by the wall clock so that sleep counts."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
}


class IdleWatcher(QObject):
    """Emits ``idle`` once when no user input arrived for ``minutes`` of wall-clock time.

    A monotonic clock may stop while the laptop sleeps; ``time.time()`` does not, so a
    lid closed for an hour locks on wake-up.
    """

    idle = Signal()

    def __init__(
        self,
        minutes: float,
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._seconds = minutes * 60
        self._last = clock()
        self._armed = False
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: float) -> None:
        self._seconds = minutes * 60

    def start(self) -> None:
        self._last = self._clock()
        self._armed = True
        self._timer.start()

    def stop(self) -> None:
        self._armed = False
        self._timer.stop()

    def check(self) -> None:
        if self._armed and self._clock() - self._last >= self._seconds:
            self.stop()
            self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._armed and event.type() in _ACTIVITY:
            self._last = self._clock()
        return False
