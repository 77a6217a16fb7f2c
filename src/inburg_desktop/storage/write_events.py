"""Telling listeners that a transaction wrote to the vault and was committed.

Every write to the vault goes through a session from the vault's session factory; this
watches that factory, so no use case or window has to remember to announce its writes
(the case list stays current after an edit in any window, whichever path wrote it).

A session counts as having written when a flush sent changes or an ORM ``INSERT``,
``UPDATE`` or ``DELETE`` statement ran in it; read-only sessions never notify, nor do
sessions marked :func:`derived_only`. Listeners
are called after the commit, on the committing thread (often a worker thread: a GUI
listener must hand over to its own thread, e.g. through a queued Qt signal). A listener
that fails is logged (its exception type only) and does not affect the commit or the
other listeners.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

log = logging.getLogger(__name__)

_WROTE = "inburg.wrote"
_DERIVED_ONLY = "inburg.derived_only"


def derived_only(session: Session) -> None:
    """Say that ``session`` writes only what is derived from the cases (their summaries,
    ``storage.case_summary``), never a case: its commit tells no listener, so a list that
    brings summaries up to date while it reads does not make itself read again."""
    session.info[_DERIVED_ONLY] = True


class WriteListeners:
    """Callbacks run after each committed transaction that wrote something."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[Callable[[], None]] = []

    def attach(self, sessions: sessionmaker[Any]) -> None:
        """Watch every session ``sessions`` creates."""
        event.listen(sessions, "after_flush", self._flushed)
        event.listen(sessions, "do_orm_execute", self._executed)
        event.listen(sessions, "after_commit", self._committed)
        event.listen(sessions, "after_rollback", self._rolled_back)

    def add(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener()`` after every committed write; returns the remover."""
        with self._lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return remove

    @staticmethod
    def _flushed(session: Session, _context: object) -> None:
        session.info[_WROTE] = True

    @staticmethod
    def _executed(state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            state.session.info[_WROTE] = True

    @staticmethod
    def _rolled_back(session: Session) -> None:
        session.info.pop(_WROTE, None)

    def _committed(self, session: Session) -> None:
        wrote = session.info.pop(_WROTE, False)
        if not wrote or session.info.get(_DERIVED_ONLY):
            return
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener()
            except Exception as exc:  # a listener's fault never undoes a commit
                log.warning("write listener failed: %s", type(exc).__name__)
