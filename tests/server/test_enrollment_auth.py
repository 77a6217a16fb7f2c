"""Enrollment with one-time codes, signed requests, replay, revocation (real server)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from inburg_desktop.messages import error_text
from inburg_desktop.protocol.device_keys import DeviceKey, enroll_proof_message, sign_request
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.sync.transport import (
    DeviceRefused,
    EnrollmentRefused,
    ProtocolError,
    SyncClient,
)

from .conftest import LiveServer, enroll


def test_enroll_with_one_time_code(server: LiveServer, office: Database, consultant: str) -> None:
    code, _ = admin.create_enrollment_code(office, consultant)
    with SyncClient(server.url) as client:
        answer = client.enroll(code, DeviceKey.generate(), "laptop-1")
        assert answer.consultant == consultant
        assert client.pull(0).caseload == []
    devices = {d["id"]: d for d in admin.list_devices(office)}
    assert devices[answer.device_id]["consultant"] == consultant
    assert devices[answer.device_id]["last_seen"] is not None
    # The server keeps the public key only.
    with office.read() as session:
        from inburg_desktop.server.tables import Device, EnrollmentCode

        device = session.get(Device, answer.device_id)
        assert device is not None and len(device.public_key) == 43
        stored = [c.code_hash for c in session.query(EnrollmentCode).all()]
        assert code not in stored and admin.code_hash(code) in stored


def test_code_used_twice_is_refused(server: LiveServer, office: Database, consultant: str) -> None:
    code, _ = admin.create_enrollment_code(office, consultant)
    with SyncClient(server.url) as first:
        first.enroll(code, DeviceKey.generate())
    with SyncClient(server.url) as second, pytest.raises(EnrollmentRefused) as err:
        second.enroll(code, DeviceKey.generate())
    assert err.value.status == 403
    assert "inschrijfcode" in error_text(err.value)


def test_unknown_and_expired_codes_are_refused(
    server: LiveServer, office: Database, consultant: str
) -> None:
    expired, _ = admin.create_enrollment_code(office, consultant, hours=1)
    with office.write() as session:  # an hour and a minute later
        from datetime import timedelta

        from inburg_desktop.server.tables import EnrollmentCode

        code = session.get(EnrollmentCode, admin.code_hash(expired))
        assert code is not None
        code.expires_at -= timedelta(hours=1, minutes=1)
    with SyncClient(server.url) as client:
        for refused in (expired, "AAAA-BBBB-CCCC-DDDD-EEEE"):
            with pytest.raises(EnrollmentRefused):
                client.enroll(refused, DeviceKey.generate())


def test_enroll_needs_proof_of_the_private_key(
    server: LiveServer, office: Database, consultant: str
) -> None:
    code, _ = admin.create_enrollment_code(office, consultant)
    key, other = DeviceKey.generate(), DeviceKey.generate()
    body = {
        "code": code,
        "public_key": key.public_key_b64,
        "proof": other.sign(enroll_proof_message(code, key.public_key_b64)),
    }
    answer = httpx.post(f"{server.url}/v1/enroll", json=body)
    assert answer.status_code == 422
    assert answer.json()["error"] == "bad_proof"
    # The code was not spent by the failed attempt.
    with SyncClient(server.url) as client:
        client.enroll(code, key)


def _signed_get(client: SyncClient, path: str, **overrides: Any) -> httpx.Response:
    assert client.key is not None and client.device_id is not None
    headers = sign_request(
        client.key,
        client.device_id,
        method="GET",
        path=path,
        query=b"",
        body=b"",
        **overrides,
    )
    base = str(client._http.base_url)
    return httpx.get(f"{base}{path}", headers=headers)


def test_signed_request_accepted_and_replay_refused(laptop: SyncClient) -> None:
    assert laptop.key is not None and laptop.device_id is not None
    headers = sign_request(
        laptop.key, laptop.device_id, method="GET", path="/v1/pull", query=b"", body=b""
    )
    url = f"{laptop._http.base_url}/v1/pull"
    first = httpx.get(url, headers=headers)
    assert first.status_code == 200
    replay = httpx.get(url, headers=headers)
    assert replay.status_code == 401
    assert replay.json()["error"] == "replayed_request"


def test_unsigned_tampered_and_stale_requests_refused(laptop: SyncClient) -> None:
    url = f"{laptop._http.base_url}/v1/pull"
    unsigned = httpx.get(url)
    assert unsigned.status_code == 401 and unsigned.json()["error"] == "unsigned_request"
    assert laptop.key is not None and laptop.device_id is not None
    # Signature over one query, request with another.
    headers = sign_request(
        laptop.key, laptop.device_id, method="GET", path="/v1/pull", query=b"since=0", body=b""
    )
    tampered = httpx.get(url + "?since=5", headers=headers)
    assert tampered.status_code == 401 and tampered.json()["error"] == "bad_signature"
    stale = _signed_get(laptop, "/v1/pull", timestamp=int(time.time()) - 3600)
    assert stale.status_code == 401
    assert stale.json()["error"] == "stale_request"
    assert abs(stale.json()["server_time"] - time.time()) < 60


def test_client_corrects_its_clock_once(laptop: SyncClient) -> None:
    laptop.clock_offset = -3600  # a laptop clock an hour behind
    assert laptop.pull(0).cursor >= 0
    assert abs(laptop.clock_offset) < 60


def test_unknown_device_refused(server: LiveServer) -> None:
    client = SyncClient(server.url, device_id="00000000-0000-4000-8000-000000000000")
    client.key = DeviceKey.generate()
    with client, pytest.raises(DeviceRefused) as err:
        client.pull(0)
    assert err.value.status == 401 and err.value.error == "unknown_device"


def test_revoked_device_refused_at_next_request(
    server: LiveServer, office: Database, consultant: str
) -> None:
    client = enroll(server, office, consultant)
    assert client.pull(0).more is False
    assert client.device_id is not None
    admin.revoke(office, client.device_id)
    with pytest.raises(DeviceRefused) as err:
        client.pull(0)
    assert err.value.status == 403 and err.value.error == "device_revoked"
    assert "ingetrokken" in error_text(err.value)
    assert [d["revoked"] for d in admin.list_devices(office) if d["id"] == client.device_id] == [
        True
    ]
    client.close()


def test_guessing_codes_is_limited_and_logged_without_the_code(
    tmp_path: Path, office: Database
) -> None:
    """Issue 10: 200 wrong codes in a row used to pass unnoticed. Over the wire, on a
    server of its own (the limit is per source, and every test here comes from 127.0.0.1)."""
    live = LiveServer(db_url=f"sqlite:///{tmp_path / 'office.db'}", log_dir=tmp_path / "logs")
    live.start()
    guesses = [f"ZZZZ-ZZZZ-ZZZZ-ZZZZ-{n:04d}".replace("0", "Q") for n in range(12)]
    try:
        statuses = []
        with SyncClient(live.url, retries=0) as client:
            for code in guesses:
                try:
                    client.enroll(code, DeviceKey.generate())
                except (EnrollmentRefused, ProtocolError) as exc:
                    statuses.append(exc.status)
    finally:
        live.stop()
    assert statuses[:10] == [403] * 10
    assert statuses[10:] == [429, 429]
    logs = [p.read_text(errors="replace") for p in (tmp_path / "logs").iterdir()]
    assert any(text.count("enrollment code refused") == 10 for text in logs)
    assert any("too many attempts" in text for text in logs)
    for code in guesses:
        assert all(code not in text and code.replace("-", "") not in text for text in logs)
