"""No personal data in anything the office server writes, except its database (issue 10,
item 3).

A real ``inburg-office serve`` at its most verbose level (``--log-level debug``) gets
hostile and failing requests that carry distinctive canary strings wherever a client can
put data: paths, queries, headers, bodies, field values, field keys, enrollment codes,
attachment bytes, a request line that is not HTTP, and a stored op result that makes the
server fail while reading it (an exception whose message quotes the canary). Admin
commands get canaries in a handover file and a setting. Afterwards the server's stdout,
stderr and every file it or the commands wrote (logs, temp files, its home), except the
database itself, are searched for every canary, raw and escaped.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import stat
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from inburg_desktop.demo.fill import handover_doc
from inburg_desktop.demo.people import PEOPLE
from inburg_desktop.protocol.device_keys import DeviceKey, enroll_proof_message, sign_request
from inburg_desktop.protocol.messages import EnrollRequest
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import AppliedOp

from .conftest import LiveServer, creating

TAG = uuid.uuid4().hex[:10].upper()


def canary(where: str) -> str:
    return f"KANARIE{where}{TAG}"


NAME = f"Ĳsbrand-Ü{TAG}"  # a non-ASCII canary: searched for raw and \u-escaped


class Signed:
    def __init__(self, base: str, key: DeviceKey, device_id: str) -> None:
        self.base, self.key, self.device_id = base, key, device_id

    def send(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        query: str = "",
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        signed = sign_request(
            self.key, self.device_id, method=method, path=path, query=query.encode(), body=body
        )
        signed["content-type"] = "application/json"
        url = f"{self.base}{path}" + (f"?{query}" if query else "")
        return httpx.request(
            method, url, content=body, headers={**signed, **(headers or {})}, timeout=30
        )


def enroll(base: str, office: Database, device_name: str = "kantoor") -> Signed:
    code, _ = admin.create_enrollment_code(office, "consulent-kanarie")
    key = DeviceKey.generate()
    request = EnrollRequest(
        code=code,
        public_key=key.public_key_b64,
        proof=key.sign(enroll_proof_message(code, key.public_key_b64)),
        device_name=device_name,
    )
    answer = httpx.post(
        f"{base}/v1/enroll",
        content=request.model_dump_json(),
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 200, answer.text
    return Signed(base, key, answer.json()["device_id"])


def op(op_id: int, case_id: str, patch: dict[str, object], base: int = 0) -> dict[str, object]:
    return {"op_id": op_id, "case_id": case_id, "base_version": base, "patch": patch}


def push(device: Signed, *ops: dict[str, object]) -> httpx.Response:
    return device.send("POST", "/v1/push", json.dumps({"ops": list(ops)}).encode())


def hostile_requests(base: str, office: Database) -> None:
    """Everything a client can send, carrying canaries; the answers are not the point."""
    httpx.get(f"{base}/v1/cases/{canary('PAD')}")
    httpx.get(f"{base}/niets/{canary('ONBEKEND')}", params={"q": canary("QUERY")})
    httpx.get(f"{base}/v1/pull", headers={"x-inburg-device": canary("KOP")})
    device = enroll(base, office)
    case = str(uuid.uuid4())
    ops = [
        op(1, case, creating({"person.given_names": NAME, "intake.notes": canary("NOTITIE")})),
        op(2, case, {"person.date_of_birth": canary("DATUM")}, base=1),
        op(3, str(uuid.uuid4()), {"intake.notes": canary("ZONDERIDENTITEIT")}),
    ]
    assert push(device, *ops).status_code == 200
    push(device, {**op(4, case, {"x": canary("TYPE")}), "base_version": canary("VERSIE")})
    push(device, {**op(4, case, {"x": 1}), canary("SLEUTEL"): True})
    push(device, op(4, case, {canary("VELD") + " met spatie": 1}))
    push(device, op(4, case, {"intake.notes": canary("GROOT") * 20_000}))
    device.send("POST", "/v1/push", b'{"ops": [' + canary("JSON").encode() + b"]")
    device.send("GET", "/v1/pull", query=f"since={canary('CURSOR')}")
    device.send("GET", f"/v1/cases/{canary('DOSSIER')}")
    data = canary("PDF").encode() * 100
    sha = hashlib.sha256(data).hexdigest()
    spec = {"case_id": case, "length": len(data), "media_type": "application/pdf"}
    device.send("PUT", f"/v1/attachments/{sha}", json.dumps(spec).encode())
    device.send("PUT", f"/v1/attachments/{sha}/content", b"\0" * len(data), query="offset=0")
    # Enrollment: a wrong code, a hostile device name, a spoofed forwarding header.
    key = DeviceKey.generate()
    code = canary("CODE")
    httpx.post(
        f"{base}/v1/enroll",
        json={
            "code": code,
            "public_key": key.public_key_b64,
            "proof": key.sign(enroll_proof_message(code, key.public_key_b64)),
            "device_name": NAME,
        },
        headers={"x-forwarded-for": canary("DOORGESTUURD")},
    )
    # Not HTTP at all.
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as raw:
        raw.sendall(f"GET /{canary('REGEL')} HTTP/1.1 {NAME}\r\n\r\n".encode())
        raw.recv(4096)
    # A stored result the server cannot read: its exception quotes the canary.
    with office.write() as session:
        stored = session.scalars(
            select(AppliedOp).where(AppliedOp.device_id == device.device_id, AppliedOp.op_id == 1)
        ).one()
        stored.result = json.dumps({"op_id": 1, "case_id": case, "status": canary("UITZONDERING")})
    assert push(device, ops[0]).status_code == 500


def admin_commands(url: str, tmp: Path, env: dict[str, str]) -> list[str]:
    """Admin commands fed canaries; returns what they printed."""
    doc = handover_doc(PEOPLE[0], 0, date(2026, 3, 2))
    doc["person"] = {**doc["person"], "given_names": NAME, "nationality": canary("LAND")}
    doc["notes"] = {"opleiding": canary("OVERDRACHT")}
    bad = tmp / "overdracht.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    runs = [
        ["import", str(bad)],
        ["setting", "setting.groet", json.dumps({"tekst": canary("INSTELLING")})],
    ]
    out = []
    for args in runs:
        done = subprocess.run(
            [sys.executable, "-m", "inburg_desktop.server.cli", *args, "--db", url],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        out += [done.stdout, done.stderr]
    return out


def forms(text: str) -> list[bytes]:
    return [
        text.encode("utf-8"),
        json.dumps(text).strip('"').encode("ascii"),  # \u-escaped
    ]


def test_no_canary_reaches_the_servers_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, tmp, logs, data = (tmp_path / d for d in ("home", "tmp", "logs", "office"))
    for directory in (home, tmp, data):
        directory.mkdir()
    for var in ("HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(var, str(home))
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setenv("INBURG_LOG_DIR", str(logs))
    url = f"sqlite:///{data / 'office.db'}"
    live = LiveServer(db_url=url, log_dir=logs, extra_args=["--log-level", "debug"])
    live.start()
    office = Database(url)
    try:
        hostile_requests(live.url, office)
        printed = admin_commands(url, tmp_path, dict(os.environ))
    finally:
        office.dispose()
        live.stop()

    log_file = logs / "inburg-office.log"
    written = [
        p
        for root in (logs, home, tmp, data)
        for p in root.rglob("*")
        if p.is_file() and not p.name.startswith("office.db")
    ]
    needles = [canary(w) for w in _WHERE] + [NAME]
    haystacks = {str(p): p.read_bytes() for p in written}
    haystacks["admin commands"] = "\n".join(printed).encode("utf-8")
    found = [
        (name, needle)
        for needle in needles
        for form in forms(needle)
        for name, content in haystacks.items()
        if form in content
    ]
    assert found == []
    assert log_file in written
    text = log_file.read_text(encoding="utf-8")
    assert "POST /v1/push 200" in text and "GET /v1/cases/{case_id} 4" in text  # it did log
    assert "ValidationError at push.py" in text  # the failure is there, by type and place

    if os.name == "posix":
        for p in logs.glob("inburg-office.log*"):
            assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
        for p in data.glob("office.db*"):
            assert stat.S_IMODE(p.stat().st_mode) == 0o600, p


_WHERE = [
    "PAD", "ONBEKEND", "QUERY", "KOP", "NOTITIE", "DATUM", "ZONDERIDENTITEIT", "TYPE",
    "VERSIE", "SLEUTEL", "VELD", "GROOT", "JSON", "CURSOR", "DOSSIER", "PDF", "CODE",
    "DOORGESTUURD", "REGEL", "UITZONDERING", "LAND", "OVERDRACHT", "INSTELLING",
]  # fmt: skip
