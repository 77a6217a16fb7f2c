"""Every route of the OpenAPI description, tried by a device of another caseload.

For each operation the app publishes, :data:`PROBES` says how to aim it at an object (a
case, an attachment, an enrollment code) that exists on someone else's caseload and at
one that does not exist at all. Both answers must be the same (status, headers that
matter, body with the object's id masked) and must be reached through the same SQL
statements, so neither the answer nor the work done (its timing, within reason) tells
the curious colleague which is which.

A route added later without an entry here fails :func:`test_every_route_has_a_probe`
loudly, and so does a route hidden from the OpenAPI description.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import event
from starlette.routing import Route

from inburg_desktop.domain.audit import Action, append
from inburg_desktop.protocol.device_keys import DeviceKey, enroll_proof_message, sign_request
from inburg_desktop.protocol.messages import EnrollRequest
from inburg_desktop.server import admin
from inburg_desktop.server.app import create_app
from inburg_desktop.server.auth import PUBLIC_PATHS
from inburg_desktop.server.db import Database

from .conftest import creating

DOC_ROUTES = {"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}
JSON = {"content-type": "application/json"}
PUBLIC_OPERATIONS = {("GET", "/health"), ("POST", "/v1/enroll"), ("GET", "/report")}


@dataclass
class Device:
    client: TestClient
    key: DeviceKey
    device_id: str
    consultant: str
    next_op_id: int = 1

    def send(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        query: str = "",
        content_type: str = "application/json",
    ) -> httpx.Response:
        headers = sign_request(
            self.key, self.device_id, method=method, path=path, query=query.encode(), body=body
        )
        headers["content-type"] = content_type
        url = path + (f"?{query}" if query else "")
        # Starlette types TestClient against httpx2 (not installed): its results are Any.
        response: httpx.Response = self.client.request(method, url, content=body, headers=headers)
        return response

    def push(self, case_id: str, base_version: int, patch: dict[str, Any]) -> httpx.Response:
        op = {
            "op_id": self.next_op_id,
            "case_id": case_id,
            "base_version": base_version,
            "patch": patch,
        }
        self.next_op_id += 1
        return self.send("POST", "/v1/push", json.dumps({"ops": [op]}).encode())

    def upload(self, data: bytes, case_id: str) -> None:
        sha = hashlib.sha256(data).hexdigest()
        spec = {"case_id": case_id, "length": len(data), "media_type": "application/pdf"}
        assert self.send("PUT", f"/v1/attachments/{sha}", json.dumps(spec).encode()).is_success
        done = self.send(
            "PUT",
            f"/v1/attachments/{sha}/content",
            data,
            query="offset=0",
            content_type="application/octet-stream",
        )
        assert done.json()["complete"] is True, done.text


def enroll(client: TestClient, office: Database, consultant: str) -> Device:
    code, _ = admin.create_enrollment_code(office, consultant)
    key = DeviceKey.generate()
    request = EnrollRequest(
        code=code,
        public_key=key.public_key_b64,
        proof=key.sign(enroll_proof_message(code, key.public_key_b64)),
        device_name="probe",
    )
    answer = client.post("/v1/enroll", content=request.model_dump_json(), headers=JSON)
    assert answer.status_code == 200, answer.text
    return Device(client, key, answer.json()["device_id"], consultant)


@dataclass
class World:
    """Consultant A's case and signed PDF; consultant B (curious) with a case of their own."""

    client: TestClient
    office: Database
    app: FastAPI
    owner: Device
    case_a: str
    sha_a: str
    data_a: bytes
    consultant_b: str
    case_b: str
    used_code: str
    missing_case: str = field(default_factory=lambda: str(uuid.uuid4()))
    missing_sha: str = field(default_factory=lambda: hashlib.sha256(os.urandom(32)).hexdigest())

    def curious(self) -> Device:
        """A fresh device of consultant B, so both probes of a pair start alike."""
        return enroll(self.client, self.office, self.consultant_b)

    def target(self, exists: bool) -> tuple[str, str]:
        """(case id, sha256) of the object: on A's caseload, or nowhere."""
        if exists:
            return self.case_a, self.sha_a
        return self.missing_case, self.missing_sha


@pytest.fixture(scope="module")
def world(db_url: str) -> Iterator[World]:
    office = Database(db_url)
    app = create_app(db_url)  # successful enrollments do not count against the limit
    with TestClient(app) as client:
        suffix = uuid.uuid4().hex[:8]
        owner = enroll(client, office, f"eigenaar-{suffix}")
        case_a = str(uuid.uuid4())
        assert owner.push(case_a, 0, creating({"pip.status": "signed"})).is_success
        data_a = b"%PDF-1.7 ondertekend PIP " + os.urandom(3000)
        owner.upload(data_a, case_a)
        curious = enroll(client, office, f"nieuwsgierig-{suffix}")
        case_b = str(uuid.uuid4())
        answer = curious.push(case_b, 0, creating({"intake.notes": "eigen dossier"}))
        assert answer.json()["results"][0]["status"] == "applied"
        used = enroll_code_used_by(client, office, f"eigenaar-{suffix}")
        yield World(
            client=client,
            office=office,
            app=app,
            owner=owner,
            case_a=case_a,
            sha_a=hashlib.sha256(data_a).hexdigest(),
            data_a=data_a,
            consultant_b=curious.consultant,
            case_b=case_b,
            used_code=used,
        )
    office.dispose()


def enroll_code_used_by(client: TestClient, office: Database, consultant: str) -> str:
    code, _ = admin.create_enrollment_code(office, consultant)
    key = DeviceKey.generate()
    request = EnrollRequest(
        code=code,
        public_key=key.public_key_b64,
        proof=key.sign(enroll_proof_message(code, key.public_key_b64)),
    )
    assert (
        client.post("/v1/enroll", content=request.model_dump_json(), headers=JSON).status_code
        == 200
    )
    return code


# --- the probes ------------------------------------------------------------------------
# A probe prepares (enrolls a fresh device of B, announces, ...) and returns the one
# request to compare; only that request is traced.

Request = Callable[[], httpx.Response]
Probe = Callable[[World, bool], Request]


def push_to_case(world: World, exists: bool) -> Request:
    case_id, _ = world.target(exists)
    device = world.curious()
    return lambda: device.push(case_id, 1, {"intake.notes.nieuwsgierig": "x"})


def _create(name: str, patch: dict[str, Any]) -> Probe:
    """A probe pushing a create (base version 0, the identity a laptop sends) of ``patch``
    at the case id: another caseload's or none. Attack round 6, finding 18: a create that
    breaks a rule a new case is held to (its talks, its PIP history, an enforcement record,
    the transfer marker) was answered with that rule at an unknown id and with
    ``case_not_found`` at a taken one, so a colleague could tell which case ids exist."""

    def probe(world: World, exists: bool) -> Request:
        case_id, _ = world.target(exists)
        device = world.curious()
        return lambda: device.push(case_id, 0, creating(patch))

    probe.__name__ = name
    return probe


create_with_a_talk_out_of_order = _create(
    "create_with_a_talk_out_of_order", {"voortgang.2.gehouden": "2026-10-01"}
)
create_with_a_pointer_to_no_pip = _create(
    "create_with_a_pointer_to_no_pip",
    {
        "pip.current": {
            "status": "set",
            "signed_on": None,
            "leerroute": "b1",
            "version": 2,
            "dagtekening": None,
            "draft_version": None,
        }
    },
)
create_with_an_end_without_a_fine = _create(
    "create_with_an_end_without_a_fine",
    {
        "handhaving.aaaaaaaaaaaa.overtreding": {
            "soort": "pvt_intensiteit",
            "vastgesteld_op": "2026-10-01",
            "toelichting": "Niet bij het PVT.",
            "verwijtbaarheid": "opzet",
            "bijstand_verlaagd": False,
        },
        "handhaving.aaaaaaaaaaaa.afloop": {"status": "vervallen", "op": "2026-10-02"},
    },
)
create_with_the_transfer_marker = _create(
    "create_with_the_transfer_marker", {"overdracht.besluiten": []}
)


def get_case(world: World, exists: bool) -> Request:
    case_id, _ = world.target(exists)
    device = world.curious()
    return lambda: device.send("GET", f"/v1/cases/{case_id}")


def ask_missing(world: World, exists: bool) -> Request:
    _, sha = world.target(exists)
    device = world.curious()
    body = json.dumps({"hashes": [sha]}).encode()
    return lambda: device.send("POST", "/v1/attachments/missing", body)


def announce_for_own_case(world: World, exists: bool) -> Request:
    """Link someone's PDF to my own case (the attack of issue 10): like unknown content."""
    _, sha = world.target(exists)
    device = world.curious()
    spec = {"case_id": world.case_b, "length": len(world.data_a), "media_type": "application/pdf"}
    return lambda: device.send("PUT", f"/v1/attachments/{sha}", json.dumps(spec).encode())


def announce_for_their_case(world: World, exists: bool) -> Request:
    case_id, _ = world.target(exists)
    device = world.curious()
    spec = {"case_id": case_id, "length": 10, "media_type": "application/pdf"}
    sha = hashlib.sha256(b"0123456789").hexdigest()
    return lambda: device.send("PUT", f"/v1/attachments/{sha}", json.dumps(spec).encode())


def upload_status(world: World, exists: bool) -> Request:
    _, sha = world.target(exists)
    device = world.curious()
    return lambda: device.send("GET", f"/v1/attachments/{sha}")


def chunk_without_announcing(world: World, exists: bool) -> Request:
    _, sha = world.target(exists)
    device = world.curious()
    return lambda: device.send(
        "PUT",
        f"/v1/attachments/{sha}/content",
        b"x" * 100,
        query="offset=0",
        content_type="application/octet-stream",
    )


def forged_bytes_after_announcing(world: World, exists: bool) -> Request:
    """Announce the hash for my case, then send bytes that do not have it."""
    _, sha = world.target(exists)
    device = world.curious()
    spec = {"case_id": world.case_b, "length": len(world.data_a), "media_type": "application/pdf"}
    assert device.send("PUT", f"/v1/attachments/{sha}", json.dumps(spec).encode()).is_success
    return lambda: device.send(
        "PUT",
        f"/v1/attachments/{sha}/content",
        b"\0" * len(world.data_a),
        query="offset=0",
        content_type="application/octet-stream",
    )


def download(world: World, exists: bool) -> Request:
    _, sha = world.target(exists)
    device = world.curious()
    return lambda: device.send("GET", f"/v1/attachments/{sha}/content", query="offset=0")


def enroll_with_code(world: World, exists: bool) -> Request:
    """A code that exists (already spent by A's laptop) or was never issued."""
    code = world.used_code if exists else "ABCD-EFGH-JKMN-PQRS-TVWX"
    key = DeviceKey.generate()
    request = EnrollRequest(
        code=code,
        public_key=key.public_key_b64,
        proof=key.sign(enroll_proof_message(code, key.public_key_b64)),
    )
    return lambda: world.client.post("/v1/enroll", content=request.model_dump_json(), headers=JSON)


def report_set_aside(world: World, exists: bool) -> Request:
    """Report a set-aside edit of someone else's case: stored for the office like one of
    a case that does not exist; the receipt names neither."""
    case_id, _ = world.target(exists)
    device = world.curious()
    entry = {
        "local_id": 1,
        "case_id": case_id,
        "direction": "push",
        "error": "case_not_found",
        "reason": "Het kantoor kent dit dossier niet.",
        "set_aside_at": "2026-11-30T02:00:00Z",
        "fields": {"intake.notes.nieuwsgierig": "x"},
    }
    body = json.dumps({"entries": [entry]}).encode()
    return lambda: device.send("POST", "/v1/set-aside", body)


def report_audit(world: World, exists: bool) -> Request:
    """Send audit entries of someone else's case: refused like those of a case that does
    not exist (``case_not_found``), the receipt naming no chain of theirs."""
    case_id, _ = world.target(exists)
    device = world.curious()
    entry = append(
        None,
        at=datetime(2026, 11, 30, 2, 0, tzinfo=UTC),
        actor="Nieuwsgierig",
        device_id="laptop-nieuwsgierig",  # one chain for both probes (a new device each)
        case_id=case_id,
        action=Action.VIEW,
        part="pip",
    )
    body = json.dumps({"entries": [entry.to_json()]}).encode()
    return lambda: device.send("POST", "/v1/audit", body)


PROBES: dict[tuple[str, str], list[Probe] | str] = {
    ("GET", "/health"): "public: names no object",
    (
        "GET",
        "/report",
    ): "its own bearer token, no device key (tests/server/test_monitoring_report.py)",
    ("POST", "/v1/enroll"): [enroll_with_code],
    ("POST", "/v1/push"): [
        push_to_case,
        create_with_a_talk_out_of_order,
        create_with_a_pointer_to_no_pip,
        create_with_an_end_without_a_fine,
        create_with_the_transfer_marker,
    ],
    ("GET", "/v1/pull"): "caseload only: see test_pull_shows_nothing_of_another_caseload",
    ("GET", "/v1/cases/{case_id}"): [get_case],
    ("POST", "/v1/attachments/missing"): [ask_missing],
    ("PUT", "/v1/attachments/{sha256}"): [announce_for_own_case, announce_for_their_case],
    ("GET", "/v1/attachments/{sha256}"): [upload_status],
    ("PUT", "/v1/attachments/{sha256}/content"): [
        chunk_without_announcing,
        forged_bytes_after_announcing,
    ],
    ("GET", "/v1/attachments/{sha256}/content"): [download],
    ("POST", "/v1/set-aside"): [report_set_aside],
    ("POST", "/v1/audit"): [report_audit],
}


def operations(app: FastAPI) -> set[tuple[str, str]]:
    spec = app.openapi()
    return {
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in {"get", "put", "post", "delete", "patch", "head", "options"}
    }


def test_every_route_has_a_probe(world: World) -> None:
    published = operations(world.app)
    unknown = sorted(published - set(PROBES))
    assert not unknown, (
        f"routes without an authorisation probe: {unknown}. Add each to PROBES in "
        "tests/server/test_route_authorisation.py with a request that aims it at another "
        "caseload's object and at a missing one."
    )
    stale = sorted(set(PROBES) - published)
    assert not stale, f"PROBES names routes the app no longer has: {stale}"
    for route in world.app.routes:
        if isinstance(route, APIRoute):
            assert route.include_in_schema, f"{route.path} is hidden from the OpenAPI description"
        else:
            assert isinstance(route, Route) and route.path in DOC_ROUTES, (
                f"unexpected route outside the OpenAPI description: {route}"
            )
    public = {(m, p) for m, p in published if p in PUBLIC_PATHS}
    assert public == PUBLIC_OPERATIONS, "a route became reachable without a device signature"


def test_every_signed_route_refuses_an_unsigned_request(world: World) -> None:
    for method, path in sorted(operations(world.app) - PUBLIC_OPERATIONS):
        concrete = path.replace("{case_id}", world.case_a).replace("{sha256}", world.sha_a)
        answer = world.client.request(method, concrete)
        assert answer.status_code == 401, (method, path, answer.status_code)
        assert answer.json()["error"] == "unsigned_request"


@dataclass
class Traced:
    response: httpx.Response
    statements: list[str]


def traced(world: World, probe: Probe, exists: bool) -> Traced:
    """Run ``probe``'s request, recording every SQL statement the server executes for it."""
    send = probe(world, exists)
    db: Database = world.app.state.db
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        response = send()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return Traced(response, statements)


def masked(world: World, response: httpx.Response, exists: bool) -> dict[str, Any]:
    case_id, sha = world.target(exists)
    body = response.text.replace(case_id, "<case>").replace(sha, "<sha>")
    headers = {
        k: v
        for k, v in response.headers.items()
        if k.startswith("x-inburg") or k in ("content-type", "retry-after")
    }
    return {"status": response.status_code, "headers": headers, "body": body}


@pytest.mark.parametrize(
    "operation, probe",
    [
        pytest.param(op, probe, id=f"{op[0]} {op[1]} {probe.__name__}")
        for op, probes in PROBES.items()
        if not isinstance(probes, str)
        for probe in probes
    ],
)
def test_not_yours_is_indistinguishable_from_missing(
    world: World, operation: tuple[str, str], probe: Probe
) -> None:
    theirs = traced(world, probe, exists=True)
    nowhere = traced(world, probe, exists=False)
    assert masked(world, theirs.response, True) == masked(world, nowhere.response, False)
    assert theirs.statements == nowhere.statements, "different work for 'not yours'"
    assert theirs.statements, "the probe ran no SQL: is it aimed at the route?"
    # And the owner's case and attachment are as they were.
    owner_view = world.owner.send("GET", f"/v1/cases/{world.case_a}").json()
    assert set(owner_view["fields"]) >= {"pip.status"}
    assert world.owner.send("GET", f"/v1/attachments/{world.sha_a}").json()["complete"]


def test_pull_shows_nothing_of_another_caseload(world: World) -> None:
    page = world.curious().send("GET", "/v1/pull", query="since=0&limit=500").json()
    ids = {case["case_id"] for case in page["cases"]} | set(page["caseload"])
    assert world.case_b in ids
    assert world.case_a not in ids
    assert world.case_a not in json.dumps(page) and world.sha_a not in json.dumps(page)


def test_the_linked_pdf_stays_out_of_reach(world: World) -> None:
    """The attack of issue 10 end to end: link A's PDF to my case, then download it."""
    pdf = b"%PDF-1.7 nog een ondertekend PIP " + os.urandom(2000)
    sha = hashlib.sha256(pdf).hexdigest()
    world.owner.upload(pdf, world.case_a)
    device = world.curious()
    spec = {"case_id": world.case_b, "length": len(pdf), "media_type": "application/pdf"}
    linked = device.send("PUT", f"/v1/attachments/{sha}", json.dumps(spec).encode())
    assert linked.json()["complete"] is False  # nothing was linked: bytes are needed
    fetched = device.send("GET", f"/v1/attachments/{sha}/content", query="offset=0")
    assert fetched.status_code == 404
    assert pdf[:16] not in fetched.content
    # Proving possession is the only way in: whoever holds the bytes may link them.
    device.send(
        "PUT",
        f"/v1/attachments/{sha}/content",
        pdf,
        query="offset=0",
        content_type="application/octet-stream",
    )
    again = device.send("GET", f"/v1/attachments/{sha}/content", query="offset=0")
    assert again.status_code == 200 and again.content == pdf
