"""Case data goes only to the office server this laptop enrolled with (attack round 6,
finding 16: ``inburg sync --server OTHER`` sent the whole outbox, names, dates of birth and
V-numbers, to the other address in its first request).

A second listener stands beside the real office; whatever path a test takes, it must
receive nothing.
"""

from __future__ import annotations

import ast
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import LiveServer
from .test_laptops_office import new_consultant
from .test_sync_cli import inburg, laptop, new_code, outbox

__all__ = ["laptop"]  # the fixture, imported for this module's tests

SRC = Path(__file__).resolve().parents[2] / "src" / "inburg_desktop"


class _Recorder(http.server.BaseHTTPRequestHandler):
    received: list[str]

    def _record(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        self.rfile.read(length)
        self.received.append(f"{self.command} {self.path} {length}")
        self.send_response(401)
        self.send_header("content-type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"error":"unknown_device","message":"x"}')

    do_GET = do_POST = do_PUT = _record

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def other_listener() -> Iterator[tuple[str, list[str]]]:
    """An HTTP listener on this computer that is not the office: its address and what it
    received (method, path, body length)."""
    received: list[str] = []
    handler = type("Recorder", (_Recorder,), {"received": received})
    listener = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=listener.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.server_address[1]}", received
    finally:
        listener.shutdown()
        listener.server_close()
        thread.join()


def test_sync_to_another_address_is_refused_and_the_other_listener_gets_nothing(
    server: LiveServer,
    db_url: str,
    laptop: Path,
    other_listener: tuple[str, list[str]],
) -> None:
    other, received = other_listener
    enrolled = inburg(
        "device", "enroll", "--vault", laptop, "--server", server.url, "--code",
        new_code(db_url, new_consultant()),
    )  # fmt: skip
    assert enrolled.returncode == 0, enrolled.stderr
    waiting = outbox(laptop)
    assert waiting  # three demo cases with names and dates of birth

    for typed in (other, other + "/v1", server.url.replace("127.0.0.1", "localhost")):
        result = inburg("sync", "--vault", laptop, "--server", typed)
        assert result.returncode == 2, result.stderr
        assert "niet bij" in result.stderr and "Er is niets verstuurd" in result.stderr
        assert "inburg device enroll" in result.stderr  # how to re-enrol on purpose
        assert server.url in result.stderr  # the address it is enrolled with
    assert received == []
    assert outbox(laptop) == waiting

    # The enrolled address, however spelled, syncs; the other listener still hears nothing.
    for typed in (server.url + "/", server.url.upper().replace("HTTP://", "http://")):
        synced = inburg("sync", "--vault", laptop, "--server", typed, "--json")
        assert synced.returncode == 0, synced.stderr
    assert outbox(laptop) == []
    assert received == []


@pytest.mark.parametrize(
    ("typed", "enrolled", "same"),
    [
        ("https://kantoor.gemeente.nl", "https://kantoor.gemeente.nl", True),
        ("https://KANTOOR.gemeente.nl/", "https://kantoor.gemeente.nl", True),
        ("https://kantoor.gemeente.nl:443", "https://kantoor.gemeente.nl", True),
        ("https://kantoor.gemeente.nl.", "https://kantoor.gemeente.nl", True),
        ("https://kantoor.gemeente.nl:8443", "https://kantoor.gemeente.nl", False),
        ("http://kantoor.gemeente.nl", "https://kantoor.gemeente.nl", False),
        ("https://inburgering-gemeente.nl", "https://inburgering.gemeente.nl", False),
        ("https://kantoor.gemeente.nl/andere", "https://kantoor.gemeente.nl", False),
    ],
)
def test_same_server_compares_the_address_as_it_is_used(
    typed: str, enrolled: str, same: bool
) -> None:
    from inburg_desktop.domain.server_url import same_server  # new with this rule

    assert same_server(typed, enrolled) is same


def test_every_client_the_laptop_makes_talks_to_the_enrolled_address() -> None:
    """The kind: push, pull, attachments, set-aside reports and resolutions all go through
    a ``SyncClient``; outside enrolling (which makes the enrollment) each is made with the
    stored enrollment's address, so no path can take an address from elsewhere."""
    made = 0
    for path in SRC.rglob("*.py"):
        if path.parts[-2] in ("server", "sync") and path.name == "transport.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        for function in functions:
            for call in ast.walk(function):
                if not (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Name)
                    and call.func.id == "SyncClient"
                ):
                    continue
                made += 1
                where = f"{path.relative_to(SRC)}:{call.lineno} ({function.name})"
                if function.name == "enroll":
                    continue
                address = call.args[0] if call.args else None
                assert (
                    isinstance(address, ast.Attribute)
                    and address.attr == "server_url"
                    and isinstance(address.value, ast.Name)
                    and address.value.id == "enrolled"
                ), where
    assert made >= 3  # enroll, the sync round, the set-aside report
