"""Hostile input over the API (property-based): always a 4xx with a JSON error, never a
5xx, and never a partial write."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from inburg_desktop.protocol.device_keys import sign_request
from inburg_desktop.protocol.messages import MAX_BODY_BYTES
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import AppliedOp, CaseRecord, Conflict, FieldValue
from inburg_desktop.sync.transport import SyncClient

from .conftest import LiveServer, enroll, new_case_id

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=25,
)
weird_ints = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.text(max_size=5),
    st.none(),
    st.floats(allow_nan=False),
    st.booleans(),
)
field_keys = st.one_of(
    st.text(max_size=250), st.sampled_from(["person.given_names", "", "a" * 201])
)
ops = st.fixed_dictionaries(
    {
        "op_id": weird_ints,
        "case_id": st.one_of(st.text(max_size=80), st.uuids().map(str), st.integers()),
        "base_version": weird_ints,
        "patch": st.one_of(st.dictionaries(field_keys, json_values, max_size=5), json_values),
    },
    optional={"resolves": st.lists(field_keys, max_size=3), "extra": json_values},
)
push_bodies = st.one_of(
    st.binary(max_size=400),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.lists(ops, max_size=5).map(lambda o: json.dumps({"ops": o}).encode()),
    st.fixed_dictionaries(
        {"ops": st.lists(ops, min_size=1, max_size=3)}, optional={"x": json_values}
    ).map(lambda d: json.dumps(d).encode()),
)


class Signed:
    """Send raw (possibly hostile) requests, correctly signed by an enrolled device."""

    def __init__(self, client: SyncClient) -> None:
        assert client.key is not None and client.device_id is not None
        self.client = client
        self.base = str(client._http.base_url)
        self.http = httpx.Client(timeout=30)

    def send(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        query: bytes = b"",
        content_type: str = "application/json",
    ) -> httpx.Response:
        assert self.client.key is not None and self.client.device_id is not None
        headers = sign_request(
            self.client.key, self.client.device_id, method=method, path=path, query=query, body=body
        )
        headers["content-type"] = content_type
        url = f"{self.base}{path}" + (f"?{query.decode('latin-1')}" if query else "")
        return self.http.request(method, url, content=body, headers=headers)


def snapshot(office: Database) -> tuple[int, ...]:
    with office.read() as session:
        return tuple(
            int(session.scalar(select(func.count()).select_from(table)) or 0)
            for table in (AppliedOp, CaseRecord, FieldValue, Conflict)
        )


def assert_clean_refusal(response: httpx.Response) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    body = response.json()
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["message"], str) and body["message"]


@pytest.fixture
def signed(server: LiveServer, office: Database, consultant: str) -> Iterator[Signed]:
    sender = Signed(enroll(server, office, consultant))
    yield sender
    sender.http.close()


@SETTINGS
@given(body=push_bodies)
def test_hostile_push_bodies(signed: Signed, office: Database, body: bytes) -> None:
    before = snapshot(office)
    response = signed.send("POST", "/v1/push", body)
    if response.status_code == 200:
        return  # by chance a valid batch; it was applied whole
    assert_clean_refusal(response)
    assert snapshot(office) == before


@SETTINGS
@given(
    ids=st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=8).filter(
        lambda ids: ids != list(range(1, len(ids) + 1))
    )
)
def test_out_of_order_and_gapped_op_ids(signed: Signed, office: Database, ids: list[int]) -> None:
    case_id = new_case_id()
    batch = [{"op_id": i, "case_id": case_id, "base_version": 0, "patch": {"k": i}} for i in ids]
    before = snapshot(office)
    response = signed.send("POST", "/v1/push", json.dumps({"ops": batch}).encode())
    assert response.status_code == 409
    assert response.json()["error"] in ("op_gap", "op_out_of_order")
    assert snapshot(office) == before


@SETTINGS
@given(since=st.text(max_size=12), limit=st.text(max_size=12))
def test_hostile_pull_parameters(signed: Signed, since: str, limit: str) -> None:
    query = httpx.QueryParams({"since": since, "limit": limit})
    response = signed.send("GET", "/v1/pull", query=str(query).encode())
    if response.status_code != 200:
        assert_clean_refusal(response)


@SETTINGS
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]),
    path=st.one_of(
        st.sampled_from(
            [
                "/v1/push",
                "/v1/pull",
                "/v1/enroll",
                "/v1/cases/x",
                "/v1/attachments/missing",
                "/v1/attachments/" + "a" * 64,
                "/v1/attachments/" + "a" * 64 + "/content",
                "/nope",
            ]
        ),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789/_-.", max_size=40).map(
            lambda p: "/" + p
        ),
    ),
    body=st.binary(max_size=300),
)
def test_unsigned_garbage_anywhere(
    server: LiveServer, office: Database, method: str, path: str, body: bytes
) -> None:
    before = snapshot(office)
    response = httpx.request(method, f"{server.url}{path}", content=body, timeout=30)
    if path == "/health" and method == "GET":
        return
    if response.status_code >= 300 or path != "/openapi.json":
        assert_clean_refusal(response)
    assert snapshot(office) == before


@SETTINGS
@given(method=st.sampled_from(["GET", "POST", "PUT"]), body=push_bodies)
def test_signed_garbage_on_every_route(
    signed: Signed, office: Database, method: str, body: bytes
) -> None:
    before = snapshot(office)
    for path in (
        "/v1/attachments/missing",
        "/v1/attachments/" + "b" * 64,
        "/v1/attachments/" + "b" * 64 + "/content",
        f"/v1/cases/{new_case_id()}",
        "/v1/enroll",
    ):
        response = signed.send(method, path, body)
        if response.status_code != 200:
            assert_clean_refusal(response)
    assert snapshot(office) == before


@SETTINGS
@given(body=json_values.map(lambda v: json.dumps(v).encode()) | st.binary(max_size=200))
def test_hostile_enrollment(server: LiveServer, office: Database, body: bytes) -> None:
    before = snapshot(office)
    response = httpx.post(
        f"{server.url}/v1/enroll", content=body, headers={"content-type": "application/json"}
    )
    assert_clean_refusal(response)
    assert snapshot(office) == before


@pytest.mark.parametrize("depth", [33, 500, 5_000, 100_000])
def test_deeply_nested_json_refused(signed: Signed, office: Database, depth: int) -> None:
    before = snapshot(office)
    value = "[" * depth + "]" * depth
    op = '{"op_id": 1, "case_id": "c", "base_version": 0, "patch": {"k": VALUE}}'
    body = '{"ops": [' + op.replace("VALUE", value) + "]}"
    response = signed.send("POST", "/v1/push", body.encode())
    assert_clean_refusal(response)
    assert snapshot(office) == before


def test_oversized_bodies_refused_before_parsing(signed: Signed, office: Database) -> None:
    before = snapshot(office)
    big = b'{"ops": [' + b" " * MAX_BODY_BYTES + b"]}"
    response = signed.send("POST", "/v1/push", big)
    assert response.status_code == 413
    assert_clean_refusal(response)

    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b" " * 65536

    # Chunked (no Content-Length) and unsigned: refused on size, not trusted.
    streamed = httpx.post(
        f"{signed.base}/v1/push", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413
    assert snapshot(office) == before


def test_oversized_value_and_too_many_fields(signed: Signed, office: Database) -> None:
    before = snapshot(office)
    case_id = new_case_id()
    huge = {"op_id": 1, "case_id": case_id, "base_version": 0, "patch": {"k": "x" * 300_000}}
    many = {
        "op_id": 1,
        "case_id": case_id,
        "base_version": 0,
        "patch": {f"k{i}": i for i in range(501)},
    }
    for op in (huge, many):
        response = signed.send("POST", "/v1/push", json.dumps({"ops": [op]}).encode())
        assert response.status_code == 422
        assert_clean_refusal(response)
    assert snapshot(office) == before


def test_one_bad_op_refuses_the_whole_batch(signed: Signed, office: Database) -> None:
    before = snapshot(office)
    case_id = new_case_id()
    good: dict[str, Any] = {"op_id": 1, "case_id": case_id, "base_version": 0, "patch": {"a": 1}}
    bad = {"op_id": 2, "case_id": case_id, "base_version": "0", "patch": {"b": 1}}
    response = signed.send("POST", "/v1/push", json.dumps({"ops": [good, bad]}).encode())
    assert response.status_code == 422
    assert response.json()["details"][0]["loc"][:3] == ["body", "ops", "1"]
    assert snapshot(office) == before
