"""A cooperative cancel token for long use cases (sync, PDF rendering, export).

The token is a :class:`threading.Event` (so code written for an event, such as the sync
engine's ``cancel``, takes it as is) with a name that says what it is for. Work checks
it between steps and raises :class:`Cancelled`; nothing half-done is committed, because
each step is its own transaction.
"""

from __future__ import annotations

import threading


class Cancelled(Exception):
    """The work stopped because its token was cancelled; nothing more was written."""


class CancelToken(threading.Event):
    """Set once by whoever owns the work (a window closing, a Cancel button)."""

    def cancel(self) -> None:
        self.set()

    @property
    def cancelled(self) -> bool:
        return self.is_set()

    def raise_if_cancelled(self) -> None:
        """Raise :class:`Cancelled` once the token is set (call between steps)."""
        if self.is_set():
            raise Cancelled()
