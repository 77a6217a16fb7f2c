"""Test-only stopping points in the office server, so that fault tests hit their window
for certain instead of by timing.

The fault tests (tests/server/test_faults.py, tests/sync/test_sync_faults.py,
tests/server/test_concurrency.py) kill the server with SIGKILL, or talk to it, while it
is at a chosen point of a request, and then check that no op was lost or applied twice.
A kill "at a random moment" lands wherever a busy machine happens to put it; with these
hooks the test stops the server at a named point and acts while it waits there.

Points (the call sites are one line each), with the numbers each one reports:

``push.begin`` (first and last op id of the batch)
    ``push.push``: the batch is authenticated and its transaction holds the write lock
    (the change counter); no op of the batch is applied yet.
``push.applied`` (the op id)
    ``push.push``, once per op of the batch that is new to the office, after the op was
    applied inside the still open transaction; nothing of the batch is committed.
``push.committed`` (first and last op id of the batch)
    the batch's transaction has committed (a SQLAlchemy ``after_commit`` listener on the
    push's session); the answer is not yet sent.
``pull.begin`` (the cursor pulled from)
    ``pull.pull``: a pull page is about to be read (in its read transaction); nothing of
    it is sent.

The numbers let a test pick its window without predicting how a client cuts its batches
(e.g. "the batch that holds op 40"). They are op ids and cursors: never a value.

How a test uses them (``FaultPoints`` and ``LiveServer`` in tests/conftest.py): it listens
on a Unix socket and starts ``inburg-office serve`` with the socket's path in the
environment variable ``INBURG_TEST_FAULT_HOOKS``. Each server thread that reaches a point
connects once, then for every point writes a line (the point's name and its numbers) and
waits for the line ``go``. The test kills the process while a thread waits, or answers ``go``. When
the test closes a connection, that thread goes on and stops reporting.

Off unless that variable is set in the server process's environment: it is read once,
when this module is imported at server start. No request, header, setting or database
value can switch the hooks on. Switched off, :func:`reached` and :func:`after_commit` are
empty functions: nothing is opened, read or logged, and a point costs one call of an
empty function (30 to 45 ns, measured with timeit). tests/server/test_fault_hooks.py
checks that the hooks are off by default and that a server started without the variable
never reports.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from typing import Any, BinaryIO

from sqlalchemy import event
from sqlalchemy.orm import Session

ENV = "INBURG_TEST_FAULT_HOOKS"
POINTS = ("push.begin", "push.applied", "push.committed", "pull.begin")

log = logging.getLogger(__name__)


def _off(point: str, *numbers: int) -> None:
    """Every point when the hooks are off (always, outside the fault tests)."""


def _off_after_commit(session: Session, point: str, *numbers: int) -> None:
    """:func:`after_commit` when the hooks are off."""


class _Channel:
    """The server's end: one connection per thread that reaches a point."""

    def __init__(self, address: str) -> None:
        self._address = address
        self._local = threading.local()

    def _connection(self) -> tuple[socket.socket, BinaryIO] | None:
        if getattr(self._local, "done", False):
            return None
        connection: tuple[socket.socket, BinaryIO] | None = getattr(self._local, "conn", None)
        if connection is None:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.connect(self._address)  # nobody listening: the test is broken, say so
            connection = (sock, sock.makefile("rb"))
            self._local.conn = connection
        return connection

    def reached(self, point: str, *numbers: int) -> None:
        """Report ``point`` and wait until the test says ``go`` (or goes away)."""
        if point not in POINTS:
            raise ValueError(f"unknown fault point {point!r}")
        connection = self._connection()
        if connection is None:
            return
        sock, answers = connection
        try:
            sock.sendall(" ".join([point, *map(str, numbers)]).encode("ascii") + b"\n")
            answer = answers.readline()
        except OSError:
            answer = b""
        if answer != b"go\n":
            self._local.done = True  # the test stopped watching this thread

    def after_commit(self, session: Session, point: str, *numbers: int) -> None:
        """Report ``point`` once the transaction of ``session`` has committed."""

        def committed(_session: Any) -> None:
            self.reached(point, *numbers)

        event.listen(session, "after_commit", committed, once=True)


reached: Callable[..., None] = _off
"""``reached(point, *numbers)``: the server is at ``point`` (one of :data:`POINTS`)."""

after_commit: Callable[..., None] = _off_after_commit
"""``after_commit(session, point, *numbers)``: report ``point`` after ``session`` commits."""

_address = os.environ.get(ENV, "")
if _address:
    _channel = _Channel(_address)
    reached = _channel.reached
    after_commit = _channel.after_commit
    log.warning("fault hooks are on (%s is set): for tests only", ENV)


def enabled() -> bool:
    """Whether this process reports its points (only when started with :data:`ENV`)."""
    return reached is not _off
