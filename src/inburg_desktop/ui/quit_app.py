"""Afsluiten (Ctrl+Q, from every window): every window of the app closes, each through its
own close guard, and the app ends after the last one; a window whose question is answered
with "stay" (Annuleren, "Terug naar het veld") stops the quit.

A window with unsaved input asks with ``open()`` (``ui.close_guard``: never a nested event
loop), so its ``close()`` returns with the window still open and the question showing. The
quit waits for the answer instead of giving up there: when the window then closes ("Niet
opslaan", "Niet inschrijven", "Opslaan" once the save is done) the quit goes on with the
next window (usability round 8, finding 2: after "Niet inschrijven" the app stayed open).
It stops when the window stays with no question left open and no save under way.
"""

from __future__ import annotations

import contextlib

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from inburg_desktop.ui.close_guard import CloseGuard

__all__ = ["QuitRun", "quit_app"]


def _question_of(window: QWidget) -> QDialog | None:
    """The modal dialog open over ``window`` (its close question), if any."""
    for dialog in window.findChildren(QDialog):
        if dialog.isVisible() and dialog.isModal() and dialog is not window:
            return dialog
    return None


def _saving(window: QWidget) -> bool:
    """Whether a close guard of ``window`` saves before it closes ("Opslaan" answered)."""
    return any(guard.saving for guard in window.findChildren(CloseGuard))


def _alive(widget: QWidget | None) -> bool:
    return widget is not None and shiboken6.isValid(widget)


class QuitRun(QObject):
    """One quit in progress: closes the app's windows one after another, ``last`` (the
    case list) at the end. Made and started by :func:`quit_app`."""

    def __init__(self, last: QWidget | None) -> None:
        super().__init__(QApplication.instance())
        self.last = last
        self.waiting: QWidget | None = None  # the window whose question is open
        self.stopped = False

    def start(self) -> None:
        self._next()

    def _windows(self) -> list[QWidget]:
        return [
            window
            for window in QApplication.topLevelWidgets()
            if window is not self.last and window.isVisible()
        ]

    def _next(self) -> None:
        if self.stopped:
            return
        self._stop_waiting()
        for window in self._windows():
            if not window.isVisible():  # closed with a window closed before it
                continue
            # The intake asks about refused input only when the consultant closes it.
            close = getattr(window, "close_asking", None)
            (close if callable(close) else window.close)()
            if window.isVisible():
                self._wait(window)
                return
        if _alive(self.last) and self.last is not None and self.last.isVisible():
            self.last.close()
            if self.last.isVisible():
                self._wait(self.last)
                return
        self._done()

    def _wait(self, window: QWidget) -> None:
        question = _question_of(window)
        if question is None and not _saving(window):
            self._done()  # it stays without asking: nothing to wait for
            return
        self.waiting = window
        window.installEventFilter(self)
        for guard in window.findChildren(CloseGuard):
            guard.stayed.connect(self._stayed)
        if question is not None:
            question.finished.connect(self._answered)

    def _stop_waiting(self) -> None:
        window, self.waiting = self.waiting, None
        if not _alive(window) or window is None:
            return
        window.removeEventFilter(self)
        for guard in window.findChildren(CloseGuard):
            with contextlib.suppress(RuntimeError, TypeError):  # never connected
                guard.stayed.disconnect(self._stayed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.waiting and event.type() == QEvent.Type.Hide:
            # closed: the next window after this turn (the close event is still running)
            QTimer.singleShot(0, self, self._next)
        return False

    def _answered(self) -> None:
        # After the answer's own work (closing, or opening a save), one turn later.
        QTimer.singleShot(0, self, self._after_answer)

    def _after_answer(self) -> None:
        window = self.waiting
        if self.stopped or not _alive(window) or window is None or not window.isVisible():
            return  # closed: the Hide event goes on with the next window
        question = _question_of(window)
        if question is not None:
            question.finished.connect(self._answered)  # a second question (save failed)
        elif not _saving(window):
            self._done()  # "stay": the quit ends here

    def _stayed(self) -> None:
        if self.waiting is not None and _alive(self.waiting) and self.waiting.isVisible():
            self._done()

    def _done(self) -> None:
        self.stopped = True
        self._stop_waiting()
        _runs.discard(self)
        self.deleteLater()


_runs: set[QuitRun] = set()


def quit_app(last: QWidget | None) -> QuitRun:
    """Close every window of the app through its close guard, ``last`` (the case list)
    after all others; returns the run (its ``stopped`` is true once it ended, by quitting
    or because a window stayed). A second Ctrl+Q while a run waits starts over."""
    for run in list(_runs):
        run._done()
    run = QuitRun(last)
    _runs.add(run)
    run.start()
    return run
