"""A loopback TCP proxy between a sync client and the office server that counts the bytes
each way and spoils exactly the answers a test picks.

It follows HTTP/1.1 on each connection (requests one after another, as httpx sends them:
no pipelining) by their framing (``Content-Length``), so it knows which request each
answer belongs to without any timing. A test arms a fault for the n-th request from now
on whose start line begins with a given text (``"POST /v1/push"``):

``drop``  the request goes through and the proxy waits for the first bytes of the answer
          (so the server did the work), then closes the client's connection without
          passing any of the answer on;
``cut``   half of the answer's first bytes go through, then the connection is closed.

``up`` and ``down`` count the bytes passed on (headers included); ``settle()`` waits until
every connection the client opened has been closed, after which the counts are final.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass

WAIT_SECONDS = 60.0
FAULTS = ("drop", "cut")


class Framer:
    """Splits one direction of an HTTP/1.1 connection into messages by their framing."""

    def __init__(self) -> None:
        self._head = b""
        self._body_left = 0
        self._in_head = False

    def feed(self, data: bytes) -> tuple[bool, str | None]:
        """Consume ``data``: whether it begins a new message, and the message's start
        line once its head is complete (in this ``data``).

        Raises ``ValueError`` for what this proxy does not follow (pipelined or chunked
        messages): a test must not silently lose track of which answer is which.
        """
        begins, line = False, None
        if not self._in_head and self._body_left == 0:
            self._in_head, self._head, begins = True, b"", True
        if self._in_head:
            self._head += data
            end = self._head.find(b"\r\n\r\n")
            if end < 0:
                return begins, None
            head, data = self._head[:end], self._head[end + 4 :]
            self._in_head, self._head = False, b""
            line = head.split(b"\r\n", 1)[0].decode("latin-1")
            self._body_left = self._length(head)
        if len(data) > self._body_left:
            raise ValueError("pipelined HTTP messages: the proxy cannot follow them")
        self._body_left -= len(data)
        return begins, line

    @staticmethod
    def _length(head: bytes) -> int:
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"transfer-encoding" and value.strip().lower() != b"identity":
                raise ValueError("chunked HTTP messages: the proxy cannot follow them")
            if name == b"content-length":
                length = int(value.strip())
        return length


@dataclass
class _Armed:
    prefix: str
    nth: int
    fault: str
    count: int = 0


@dataclass
class Spoiled:
    request: str
    fault: str


class LoopbackProxy:
    """See the module docstring."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.lock = threading.Lock()
        self.up = 0
        self.down = 0
        self.requests: list[str] = []
        self.spoiled: list[Spoiled] = []
        self.errors: list[BaseException] = []
        self._armed: list[_Armed] = []
        self._threads: list[threading.Thread] = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = int(self.sock.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def arm(self, prefix: str, fault: str, nth: int = 1) -> None:
        """Spoil the answer to the ``nth`` request from now on whose start line begins
        with ``prefix`` (e.g. ``"POST /v1/push"``, ``"GET /v1/pull"``)."""
        assert fault in FAULTS and nth >= 1
        with self.lock:
            self._armed.append(_Armed(prefix, nth, fault))

    @property
    def armed(self) -> int:
        with self.lock:
            return len(self._armed)

    def settle(self, timeout: float = WAIT_SECONDS) -> None:
        """Wait until every connection so far is closed (by the client or a fault)."""
        with self.lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout)
            assert not thread.is_alive(), "a proxied connection stayed open"
        assert self.errors == [], self.errors

    def close(self) -> None:
        self.closed = True
        self.sock.close()

    def _accept(self) -> None:
        while not self.closed:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            with self.lock:
                self._threads.append(thread)
            thread.start()

    def _fault_for(self, request: str) -> str | None:
        with self.lock:
            self.requests.append(request)
            for armed in self._armed:
                if request.startswith(armed.prefix):
                    armed.count += 1
                    if armed.count == armed.nth:
                        self._armed.remove(armed)
                        self.spoiled.append(Spoiled(request, armed.fault))
                        return armed.fault
        return None

    def _serve(self, conn: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=30)
        except OSError:
            conn.close()
            return
        # The fault of each request in order; its answer takes it (answers come in order).
        faults: list[str | None] = []

        def forward() -> None:
            framer = Framer()
            try:
                while data := conn.recv(65536):
                    _begins, request = framer.feed(data)
                    if request is not None:
                        fault = self._fault_for(request)
                        with self.lock:
                            faults.append(fault)
                    with self.lock:
                        self.up += len(data)
                    upstream.sendall(data)
            except OSError:
                pass
            except (ValueError, IndexError) as exc:
                with self.lock:
                    self.errors.append(exc)
            finally:
                with contextlib.suppress(OSError):
                    upstream.shutdown(socket.SHUT_WR)

        sender = threading.Thread(target=forward, daemon=True)
        sender.start()
        framer = Framer()
        answered = 0
        try:
            while data := upstream.recv(65536):
                fault = None
                begins, _line = framer.feed(data)
                if begins:
                    with self.lock:
                        fault = faults[answered]
                    answered += 1
                if fault == "drop":
                    break
                if fault == "cut":
                    data = data[: len(data) // 2]
                with self.lock:
                    self.down += len(data)
                conn.sendall(data)
                if fault == "cut":
                    break
        except OSError:
            pass
        except (ValueError, IndexError) as exc:
            with self.lock:
                self.errors.append(exc)
        finally:
            for sock in (conn, upstream):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)  # wakes the other thread's recv
                sock.close()
            sender.join(WAIT_SECONDS)
