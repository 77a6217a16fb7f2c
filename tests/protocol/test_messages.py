"""Protocol messages and device keys: strict validation, batching, signatures."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from inburg_desktop.protocol import device_keys as keys
from inburg_desktop.protocol.canonical import canonical_json, json_depth
from inburg_desktop.protocol.messages import MAX_OPS_PER_BATCH, Op, PushRequest, batches, op_size


def op(op_id: int, size: int = 10) -> Op:
    return Op(op_id=op_id, case_id="case-1", base_version=0, patch={"k": "x" * size})


def test_op_is_strict() -> None:
    good = {"op_id": 1, "case_id": "c-1", "base_version": 0, "patch": {"person.given_names": "A"}}
    assert Op.model_validate_json(json.dumps(good)).patch == {"person.given_names": "A"}
    for bad in (
        {**good, "op_id": "1"},
        {**good, "op_id": 0},
        {**good, "base_version": -1},
        {**good, "patch": {}},
        {**good, "patch": {"": 1}},
        {**good, "patch": {"a b": 1}},
        {**good, "patch": {"k": "x" * 300_000}},
        {**good, "case_id": "../etc"},
        {**good, "extra": 1},
        {**good, "resolves": ["not.in.patch"]},
    ):
        with pytest.raises(ValidationError):
            Op.model_validate_json(json.dumps(bad))


def test_push_request_bounds() -> None:
    with pytest.raises(ValidationError):
        PushRequest(ops=[])
    with pytest.raises(ValidationError):
        PushRequest(ops=[op(i + 1) for i in range(MAX_OPS_PER_BATCH + 1)])


def test_batches_respect_size_and_order() -> None:
    ops = [op(i + 1, size=300) for i in range(100)]
    cut = list(batches(ops, max_bytes=5_000))
    assert [o.op_id for batch in cut for o in batch] == list(range(1, 101))
    assert all(sum(op_size(o) for o in batch) <= 5_000 for batch in cut)
    huge = op(1, size=20_000)
    assert list(batches([huge], max_bytes=5_000)) == [[huge]]


@given(
    st.recursive(st.integers() | st.text(), lambda c: st.lists(c) | st.dictionaries(st.text(), c))
)
def test_canonical_json_round_trips(value: object) -> None:
    assert json.loads(canonical_json(value)) == value
    assert json_depth(value) >= 0


def test_json_depth() -> None:
    assert json_depth(1) == 0
    assert json_depth([]) == 1
    assert json_depth({"a": [{"b": []}]}) == 4


def test_request_signature_covers_every_part() -> None:
    key = keys.DeviceKey.generate()
    public = keys.load_public_key(key.public_key_b64)
    parts: dict[str, Any] = {  # keyword arguments of several types
        "method": "POST",
        "path": "/v1/push",
        "query": b"a=1",
        "body": b"{}",
        "timestamp": 1_800_000_000,
        "nonce": "n" * 32,
    }
    headers = keys.sign_request(key, "dev-1", **parts)

    def message(**changes: object) -> bytes:
        merged = {**parts, **changes}
        return keys.request_message(
            method=str(merged["method"]),
            path=str(merged["path"]),
            query=merged["query"],
            body_sha256=keys.body_digest(merged["body"]),
            timestamp=str(merged["timestamp"]),
            nonce=str(merged["nonce"]),
            device_id=str(merged.get("device_id", "dev-1")),
        )

    signature = headers[keys.HEADER_SIGNATURE]
    assert keys.verify(public, message(), signature)
    for change in (
        {"method": "GET"},
        {"path": "/v1/pull"},
        {"query": b"a=2"},
        {"body": b"{ }"},
        {"timestamp": 1_800_000_001},
        {"nonce": "m" * 32},
        {"device_id": "dev-2"},
    ):
        assert not keys.verify(public, message(**change), signature)
    assert not keys.verify(public, message(), "not-base64!")


def test_device_key_round_trip() -> None:
    key = keys.DeviceKey.generate()
    again = keys.DeviceKey.from_private_bytes(key.private_bytes())
    assert again.public_key_b64 == key.public_key_b64
    assert len(key.public_key_b64) == 43
    with pytest.raises(ValueError):
        keys.load_public_key("AAAA")
