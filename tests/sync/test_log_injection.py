"""A hostile office or network cannot write lines into the laptop's log.

Attack (issue 13 atk F7): a proxy rewrote each op result's ``error`` to a newline and a
forged log line holding a name and a V-number; ``sync/engine.py`` logged it verbatim. Here
a hostile office (httpx MockTransport) answers with such values in every place an error
code travels: an op result, a refused request's body, a refused attachment. The log file,
written by the app's own formatter, must hold neither a newline from the network nor the
canaries, and the work is set aside as usual.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.logging_setup import SafeFormatter, log_safe
from inburg_desktop.protocol.device_keys import DeviceKey, b64encode
from inburg_desktop.protocol.messages import UNRECOGNISED_CODE, error_code
from inburg_desktop.storage.sync_state import Enrollment, quarantine, save_enrollment
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.engine import SyncEngine
from inburg_desktop.sync.transport import SyncClient, SyncError

NAME = "Zzyzxcanary"
V_NUMBER = "9876543210"
EVIL = f"x)\n2026-11-29 23:59:59,000 INFO inburg_desktop.forged: {NAME} V-nummer {V_NUMBER} ("
URL = "https://office.invalid"
LINE = re.compile(
    r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING|ERROR|CRITICAL) "
    r"(httpx|httpcore|inburg_desktop)[\w.]*: "
)

Answer = Callable[[httpx.Request], httpx.Response]


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The laptop's log as the app writes it (its SafeFormatter), for this test."""
    path = tmp_path / "inburg.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(SafeFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield path
    root.removeHandler(handler)
    root.setLevel(old_level)
    handler.close()


def _enrolled(vault: OpenVault) -> None:
    key = DeviceKey.generate()
    with vault.transaction() as session:
        save_enrollment(
            session, Enrollment(URL, "device-1", "consulent", b64encode(key.private_bytes()))
        )
        add_demo_cases(session, 1)


def _run(vault: OpenVault, answer: Answer) -> None:
    key = DeviceKey.generate()
    transport = httpx.MockTransport(answer)
    with SyncClient(URL, device_id="device-1", key=key, transport=transport, retries=0) as c:
        engine = SyncEngine(vault, c)
        # An answer the protocol refuses stops the round: that is fine here.
        with contextlib.suppress(SyncError):
            engine.push()


def _ops(request: httpx.Request) -> list[dict[str, object]]:
    ops = json.loads(request.content)["ops"]
    assert isinstance(ops, list)
    return ops


def _assert_clean(log_file: Path) -> None:
    text = log_file.read_text(encoding="utf-8")
    assert NAME not in text and V_NUMBER not in text
    assert text, "nothing was logged: the test did not reach the log sites"
    for line in text.splitlines():
        assert LINE.match(line) or line.startswith(("  at ", "which led to:", "  member:")), line
    assert "inburg_desktop.forged" not in text


def test_an_op_result_error_that_is_no_code_is_refused_and_not_logged(
    vault: OpenVault, log_file: Path
) -> None:
    _enrolled(vault)

    def answer(request: httpx.Request) -> httpx.Response:
        ops = _ops(request)
        results = [
            {"op_id": op["op_id"], "case_id": op["case_id"], "status": "rejected", "error": EVIL}
            for op in ops
        ]
        last = ops[-1]["op_id"]
        return httpx.Response(200, json={"acknowledged_op_id": last, "results": results})

    _run(vault, answer)
    _assert_clean(log_file)
    with vault.session() as session:
        # Nothing was acknowledged by an answer the protocol refuses: the work waits.
        assert session.scalars(select(OutboxRow.op_id)).first() is not None


@pytest.mark.parametrize("status", [404, 409, 422])
def test_a_refused_request_with_a_hostile_code_is_set_aside_under_a_safe_code(
    vault: OpenVault, log_file: Path, status: int
) -> None:
    _enrolled(vault)

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json={"error": EVIL, "message": EVIL, "details": []})

    _run(vault, answer)
    _assert_clean(log_file)
    if status == 422:
        with vault.session() as session:
            entries = quarantine(session)
        assert entries and {e.error for e in entries} == {UNRECOGNISED_CODE}


def test_codes_and_the_logging_helper() -> None:
    assert error_code("case_not_found") == "case_not_found"
    assert error_code(None) is None and error_code("") is None
    for bad in (EVIL, "Case", "a" * 65, 5, ["x"], "x\n"):
        assert error_code(bad) == UNRECOGNISED_CODE
    assert "\n" not in log_safe(EVIL) and "\u2028" not in log_safe("a\u2028b")
    assert log_safe("a\nb") == "a\\x0ab"
    assert len(log_safe("x" * 1000)) == 201
