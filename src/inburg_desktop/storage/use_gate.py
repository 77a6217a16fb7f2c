"""Who is using an open vault: many sessions at once, or one exclusive operation.

A key rotation replaces the vault file under every connection, so while it runs no
session of this process may hold one: :meth:`UseGate.exclusive` waits for the sessions in
use to end and holds new ones back until it is done (other processes are kept out by
SQLite's own locks, see ``storage.rotation``). Both waits are bounded like SQLite's busy
timeout; a wait that runs out is reported as "in use", never as a hang.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class UseGate:
    """Counts sessions in use and admits one exclusive holder at a time."""

    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self._cond = threading.Condition()
        self._users = 0
        self._exclusive = False

    def enter(self, busy: Callable[[], Exception]) -> None:
        """Start one use; waits while an exclusive operation runs, then raises ``busy()``."""
        with self._cond:
            if not self._cond.wait_for(lambda: not self._exclusive, self.timeout_s):
                raise busy()
            self._users += 1

    def leave(self) -> None:
        with self._cond:
            self._users = max(0, self._users - 1)
            self._cond.notify_all()

    @contextmanager
    def exclusive(self, busy: Callable[[], Exception]) -> Iterator[None]:
        """Run the block with no session in use; raises ``busy()`` when they do not end."""
        with self._cond:
            if not self._cond.wait_for(lambda: not self._exclusive, self.timeout_s):
                raise busy()
            self._exclusive = True
            if not self._cond.wait_for(lambda: self._users == 0, self.timeout_s):
                self._exclusive = False
                self._cond.notify_all()
                raise busy()
        try:
            yield
        finally:
            with self._cond:
                self._exclusive = False
                self._cond.notify_all()
