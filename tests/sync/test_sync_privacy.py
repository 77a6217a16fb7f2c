"""No field value in the text of an exception the sync path may log (issue 10, item 3).

Every failure below carries a distinctive canary in a field value; the exception that
reaches the caller (and from there ``log.exception`` in the CLI) must not hold it, neither
in its message nor anywhere in its formatted traceback with its causes. The unit-level
checks of the pieces the engine-level tests rely on: the transport's parsing of an answer
it does not understand, a push batch the protocol refuses, the storage checks a pulled
value goes through, and the outbox's description of what it set aside.
"""

from __future__ import annotations

import json
import traceback

import httpx
import pytest
from pydantic import JsonValue, ValidationError

from inburg_desktop.protocol import messages as protocol
from inburg_desktop.protocol.device_keys import DeviceKey
from inburg_desktop.protocol.messages import Op
from inburg_desktop.storage import changes
from inburg_desktop.storage.changes import FieldRefused, PatchError, check_field, sync_problem
from inburg_desktop.sync.outbox import field_problem, validation_codes
from inburg_desktop.sync.transport import ProtocolError, ServerError, SyncClient

CANARY = "V-KANARIE-5530018"


def everything_about(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc)) + repr(getattr(exc, "__dict__", {}))


def client(handler: httpx.MockTransport) -> SyncClient:
    return SyncClient(
        "http://office.test",
        device_id="00000000-0000-4000-8000-000000000001",
        key=DeviceKey.generate(),
        retries=0,
        transport=handler,
    )


def test_an_answer_the_client_cannot_parse_does_not_repeat_its_values() -> None:
    # A field's value where its {"value", "version"} object belongs.
    page = {
        "cursor": 3,
        "more": False,
        "cases": [
            {"case_id": "c1", "version": 7, "full": True, "fields": {"person.v_nummer": CANARY}}
        ],
    }
    sync = client(httpx.MockTransport(lambda request: httpx.Response(200, json=page)))
    with sync, pytest.raises(ServerError) as err:
        sync.pull(0)
    assert CANARY not in everything_about(err.value)
    assert "model_type" in str(err.value)


def test_a_push_batch_the_protocol_refuses_is_not_sent() -> None:
    """Ops are validated when built (``sync.outbox`` sets aside what fails, by location
    and type); a batch the protocol refuses as a whole never leaves the laptop either."""
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    ops = [
        Op(op_id=n, case_id="c1", base_version=0, patch={"person.v_nummer": CANARY})
        for n in range(1, protocol.MAX_OPS_PER_BATCH + 2)
    ]
    sync = client(httpx.MockTransport(record))
    with sync, pytest.raises(ProtocolError) as err:
        sync.push(ops)
    assert sent == []
    assert err.value.status == 422 and err.value.error == "invalid_request"
    assert err.value.body["details"][0]["loc"] == ["body", "ops"]
    assert CANARY not in everything_about(err.value)


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        ("doelgroep", CANARY, "bad_doelgroep"),
        ("person.date_of_birth", CANARY, "bad_date"),
        ("dates.koppeling", f"2026-02-31{CANARY}", "bad_date"),
        ("person.given_names", None, "empty"),
        ("person.languages", [CANARY, 3], "bad_type"),
        ("person.schoenmaat", CANARY, "unknown_field"),
    ],
)
def test_a_value_storage_refuses_is_named_by_its_key_never_shown(
    key: str, value: object, code: str
) -> None:
    with pytest.raises(PatchError) as err:
        check_field(key, value)
    assert err.value.code == code
    assert CANARY not in everything_about(err.value)


def test_local_limits_are_the_protocols() -> None:
    """storage.changes checks local changes with the protocol's own limits (it imports
    ``protocol``; a copy would drift), and splits changes well inside a push batch."""
    assert changes.FIELD_KEY_PATTERN is protocol.FIELD_KEY_PATTERN
    assert changes.OP_SPLIT_BYTES + 4096 < protocol.MAX_BATCH_BYTES


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("intake.notes", "x" * (256 * 1024), "too_large"),
        ("intake.notes", "é" * (128 * 1024), "too_large"),
        ("handover.notes.medische bijzonderheden", "astma", "bad_key"),
        ("handover.notes.geïnformeerd", "ja", "bad_key"),
        ("intake.diep", json.loads("[" * 33 + "]" * 33), "too_deep"),
        ("k" * 201, 1, "bad_key"),
    ],
)
def test_the_laptop_and_the_protocol_agree_on_what_may_go(
    key: str, value: JsonValue, problem: str
) -> None:
    found = sync_problem(key, value)
    assert isinstance(found, FieldRefused) and found.problem == problem
    outbox_view = field_problem(key, value)
    assert outbox_view is not None and outbox_view[0] == problem
    with pytest.raises(ValueError):
        Op(op_id=1, case_id="c1", base_version=0, patch={key: value})
    # One byte under the limit passes everywhere.
    assert sync_problem("intake.notes", "x" * (256 * 1024 - 2)) is None
    assert field_problem("intake.notes", "x" * (256 * 1024 - 2)) is None


def test_pydantic_errors_are_reduced_to_locations_and_types() -> None:
    with pytest.raises(ValidationError) as err:
        Op(op_id=1, case_id="c1", base_version=0, patch={"person.v_nummer": CANARY * 20_000})
    assert CANARY in str(err.value)  # what pydantic itself would have logged
    codes = validation_codes(err.value)
    assert codes == [{"loc": ["patch"], "type": "value_error"}]
    assert CANARY not in json.dumps(codes)


def test_split_patch_keeps_identity_first_and_parts_within_limits() -> None:
    patch = {f"handover.notes.n{i:04d}": "x" * 2_000 for i in range(1_100)}
    patch["person.family_name"] = "Tesfay"
    parts = changes.split_patch(patch, ["handover.notes.n1099", "person.family_name"])
    assert all(len(p) <= protocol.MAX_FIELDS_PER_OP for p, _r in parts)
    assert next(iter(parts[0][0])) == "person.family_name"
    assert sum(len(p) for p, _r in parts) == len(patch)
    for part, resolves in parts:
        assert set(resolves) <= set(part)
        op = Op(op_id=1, case_id="c1", base_version=0, patch=part, resolves=resolves)
        assert protocol.op_size(op) < protocol.MAX_BATCH_BYTES
    assert {k for _p, r in parts for k in r} == {"handover.notes.n1099", "person.family_name"}
