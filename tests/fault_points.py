"""The test's end of ``inburg_desktop.server.fault_hooks``: stop the office server at a
named point of a request, for certain, and act while it waits there (kill it, pull from
another device, ...).

``FaultPoints`` listens on a Unix socket; a ``LiveServer`` started with ``fault_points=``
passes the socket's path to the server process (``INBURG_TEST_FAULT_HOOKS``). Every point
the server reaches is recorded in ``seen`` with its numbers (op ids, a cursor) and
answered ``go`` at once, unless the test armed a stop for it::

    stop = points.stop_at("push.applied", where=lambda ids: ids == (40,))
    pushing = in_thread(laptop.push)                # the request blocks at the stop
    stop.wait()                                     # the server is held there now
    live.kill()                                     # or: stop.release()
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TypeVar

from inburg_desktop.server.fault_hooks import ENV, POINTS

WAIT_SECONDS = 120.0  # generous: only a broken test or server ever waits this long
T = TypeVar("T")
Numbers = tuple[int, ...]


class Stop:
    """One armed stop: the ``nth`` time after arming that ``point`` is reached with
    numbers that ``where`` accepts (all, by default)."""

    def __init__(self, point: str, nth: int, where: Callable[[Numbers], bool] | None) -> None:
        self.point = point
        self.nth = nth
        self.where = where
        self.count = 0
        self.numbers: Numbers = ()  # what the server reported where it is held
        self.held = threading.Event()
        self.released = threading.Event()

    def wait(self, timeout: float = WAIT_SECONDS) -> None:
        """Block until the server is held at this stop."""
        if not self.held.wait(timeout):
            raise AssertionError(f"the server never reached {self.point} #{self.nth}")

    def release(self) -> None:
        """Let the held server thread go on."""
        self.released.set()


class FaultPoints:
    """Listens for a server's fault points; see the module docstring."""

    def __init__(self) -> None:
        # A short directory: a Unix socket path is limited to about 100 bytes.
        self._dir = Path(tempfile.mkdtemp(prefix="inburg-fp-"))
        self.path = self._dir / "points.sock"
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.bind(str(self.path))
        self._sock.listen(64)
        self._lock = threading.Lock()
        self._stops: list[Stop] = []
        self._held: list[Stop] = []
        self._conns: list[socket.socket] = []
        self.seen: list[tuple[str, Numbers]] = []
        self.connections = 0
        self.closed = False
        threading.Thread(target=self._accept, daemon=True, name="fault-points").start()

    @property
    def env(self) -> dict[str, str]:
        """What the server process needs in its environment to report here."""
        return {ENV: str(self.path)}

    def stop_at(
        self, point: str, nth: int = 1, where: Callable[[Numbers], bool] | None = None
    ) -> Stop:
        """Hold the server the ``nth`` time from now on that it reaches ``point`` with
        numbers that ``where`` accepts."""
        assert point in POINTS, point
        assert nth >= 1
        stop = Stop(point, nth, where)
        with self._lock:
            self._stops.append(stop)
        return stop

    def release_all(self) -> None:
        """Let every held server thread go on (after a kill: their connections are gone)."""
        with self._lock:
            held = [stop for stop in self._held if not stop.released.is_set()]
        for stop in held:
            stop.release()

    def points(self) -> list[str]:
        """The names of the points seen so far, in order."""
        with self._lock:
            return [point for point, _numbers in self.seen]

    def close(self) -> None:
        self.closed = True
        with self._lock:
            stops, conns = self._stops + self._held, list(self._conns)
        for stop in stops:
            stop.release()
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self._sock.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def _accept(self) -> None:
        while not self.closed:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self._conns.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn, conn.makefile("rb") as stream:
            for raw in stream:
                point, *numbers = raw.decode("ascii").split()
                stop = self._arrive(point, tuple(map(int, numbers)))
                if stop is not None:
                    stop.held.set()
                    stop.released.wait()  # until released, or the server is killed
                    if self.closed:
                        return
                try:
                    conn.sendall(b"go\n")
                except OSError:
                    return  # the server was killed while held

    def _arrive(self, point: str, numbers: Numbers) -> Stop | None:
        with self._lock:
            self.seen.append((point, numbers))
            hit = None
            for stop in self._stops:
                if stop.point == point and (stop.where is None or stop.where(numbers)):
                    stop.count += 1
                    if stop.count == stop.nth and hit is None:
                        hit = stop
            if hit is not None:
                hit.numbers = numbers
                self._stops.remove(hit)
                self._held.append(hit)
            return hit


def in_thread(work: Callable[[], T]) -> Future[T]:
    """Run ``work`` in a thread (a request that the server will hold); its result or
    exception comes back through the future."""
    future: Future[T] = Future()

    def run() -> None:
        try:
            future.set_result(work())
        except BaseException as exc:
            future.set_exception(exc)

    threading.Thread(target=run, daemon=True).start()
    return future
