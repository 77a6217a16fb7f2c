"""Which background read of a case may still be shown: never one older than a write.

A window reads its case off the GUI thread (``ui.tasks``) when it opens and whenever the
case changes underneath it (``case_events().case_changed``). It also writes to the case:
an oproep recorded, a progress entry, a typed answer. A read that began before such a
write began or ended may hold the vault as it was *before* the write; shown when it
arrives, it replaces what the window holds with that old copy and the item just recorded
vanishes from the window (issue 13: an oproep recorded on a demo case vanished with
"Dit dossier is bijgewerkt" when the refresh that opening the window starts came in
after it). Reads can also come back out of order on Qt's pool of several threads.

:class:`FreshReads` hands each read a ticket (:meth:`begin`); the window marks every
write's start and end (:meth:`wrote`); a read's result is shown only when its ticket is
still :meth:`fresh` (no later read begun, no write begun or ended since). A stale result
is dropped and the case read again, so what shows is always at least as new as the last
write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class ReadTicket:
    """What was true when a read began: its number and the count of write marks."""

    read: int
    writes: int


class FreshReads:
    """Tickets for a window's reads of its case, and the marks of its writes."""

    def __init__(self) -> None:
        self._reads = 0
        self._writes = 0

    def begin(self) -> ReadTicket:
        """A read of the case begins now (on the GUI thread, before it is started)."""
        self._reads += 1
        return ReadTicket(self._reads, self._writes)

    def wrote(self) -> None:
        """A write of the case began or ended (call it at both, on the GUI thread)."""
        self._writes += 1

    def latest(self, ticket: ReadTicket) -> bool:
        """Whether no read began after the read of ``ticket`` (a stale latest read must be
        read again; an earlier one is simply dropped, the later read shows the case)."""
        return ticket.read == self._reads

    def fresh(self, ticket: ReadTicket) -> bool:
        """Whether the read of ``ticket`` is the latest one begun and no write began or
        ended since it began: only then may its result replace what the window shows."""
        return ticket == ReadTicket(self._reads, self._writes)

    def read(self, show: Callable[[T], None], again: Callable[[], None]) -> Callable[[T], None]:
        """Begin a read now; returns its result handler: ``show`` when the read is still
        fresh, ``again`` (read once more) when it is the latest read but a write came
        between, nothing when a later read was begun (that one shows the case)."""
        ticket = self.begin()

        def receive(result: T) -> None:
            if self.fresh(ticket):
                show(result)
            elif self.latest(ticket):
                again()

        return receive

    def write(
        self, done: Callable[[T], None], failed: Callable[[BaseException], None]
    ) -> tuple[Callable[[T], None], Callable[[BaseException], None]]:
        """Mark a write begun now; returns its success and failure handlers, which mark
        its end and then call ``done`` or ``failed``."""
        self.wrote()

        def succeeded(result: T) -> None:
            self.wrote()
            done(result)

        def went_wrong(error: BaseException) -> None:
            self.wrote()
            failed(error)

        return succeeded, went_wrong
