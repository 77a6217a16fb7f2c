"""The client's error mapping and retries, over a mock transport (no network)."""

from __future__ import annotations

import hashlib
import itertools
import json
import random
from collections.abc import Callable

import httpx
import pytest

from inburg_desktop.messages import error_text
from inburg_desktop.protocol.device_keys import HEADER_SIGNATURE, DeviceKey
from inburg_desktop.protocol.messages import Op
from inburg_desktop.sync.transport import (
    DeviceRefused,
    EnrollmentRefused,
    IntegrityFailure,
    OutOfStep,
    ProtocolError,
    ServerError,
    ServerUnreachable,
    SyncClient,
    transport_code,
)


def client_for(
    handler: httpx.MockTransport,
    retries: int = 0,
    waits: list[float] | None = None,
    jitter: Callable[[], float] = random.random,
) -> SyncClient:
    """A client whose waits between retries are recorded in ``waits``, never slept."""
    return SyncClient(
        "http://office.test",
        device_id="00000000-0000-4000-8000-000000000001",
        key=DeviceKey.generate(),
        retries=retries,
        transport=handler,
        sleep=(waits if waits is not None else []).append,
        jitter=jitter,
    )


def answer(status: int, body: dict[str, object]) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(status, json=body))


def test_unreachable_server_is_exit_8_material() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    waits: list[float] = []
    client = client_for(httpx.MockTransport(refuse), retries=2, waits=waits)
    with client, pytest.raises(ServerUnreachable) as err:
        client.pull(0)
    assert error_text(err.value).startswith("De kantoorserver is niet bereikbaar")
    assert "veilig op deze laptop" in error_text(err.value)
    assert len(waits) == 2  # a wait before each retry, none after the last try


def _unavailable_waits(retries: int, jitter: Callable[[], float]) -> list[float]:
    """The waits of one client whose every request meets a gateway's 503."""
    tries: list[int] = []

    def unavailable(request: httpx.Request) -> httpx.Response:
        tries.append(1)
        return httpx.Response(503, json={"error": "unavailable", "message": "restarting"})

    waits: list[float] = []
    client = client_for(httpx.MockTransport(unavailable), retries, waits, jitter)
    with client, pytest.raises(ServerUnreachable):
        client.pull(0)
    assert len(tries) == retries + 1
    return waits


def test_retries_wait_exponentially_longer_up_to_a_cap() -> None:
    """Full jitter's ceiling doubles per retry (0.5 s, 1, 2, ...) and stops at 30 s."""
    top = _unavailable_waits(8, lambda: 0.999)
    assert top == pytest.approx([0.999 * c for c in (0.5, 1, 2, 4, 8, 16, 30, 30)])
    assert all(later > earlier for earlier, later in itertools.pairwise(top[:7]))
    assert _unavailable_waits(3, lambda: 0.0) == [0.0, 0.0, 0.0]  # full jitter: from 0


def test_laptops_that_failed_together_do_not_retry_together() -> None:
    """Fifty clients (each its own random source, as on fifty laptops) spread their
    retries over the whole window instead of all waiting the same fixed time."""
    firsts = [_unavailable_waits(2, random.Random(seed).random)[0] for seed in range(50)]
    assert len(set(firsts)) == 50
    assert all(0 <= wait < 0.5 for wait in firsts)
    assert max(firsts) - min(firsts) > 0.25  # spread over more than half the window


@pytest.mark.parametrize(
    ("status", "error", "kind"),
    [
        (403, "device_revoked", DeviceRefused),
        (401, "unknown_device", DeviceRefused),
        (401, "replayed_request", ServerUnreachable),
        (403, "code_refused", EnrollmentRefused),
        (409, "op_gap", OutOfStep),
        (409, "op_id_too_low", OutOfStep),
        (409, "op_id_reused", OutOfStep),
        (409, "op_out_of_order", ProtocolError),
        (422, "invalid_request", ProtocolError),
        (500, "internal_error", ServerError),
        (503, "unavailable", ServerUnreachable),
    ],
)
def test_errors_are_typed(status: int, error: str, kind: type[Exception]) -> None:
    client = client_for(answer(status, {"error": error, "message": "m"}))
    with client, pytest.raises(kind) as err:
        client.push([Op(op_id=1, case_id="c", base_version=0, patch={"a": 1})])
    assert getattr(err.value, "error", None) == error


def test_every_request_is_signed_with_a_fresh_nonce() -> None:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200, json={"cursor": 0, "more": False, "cases": [], "removals": [], "settings": {}}
        )

    with client_for(httpx.MockTransport(record)) as client:
        client.pull(0)
        client.pull(0)
    nonces = {r.headers["x-inburg-nonce"] for r in seen}
    assert len(nonces) == 2
    assert all(HEADER_SIGNATURE in r.headers for r in seen)


def test_a_request_a_proxy_resent_is_signed_afresh_and_sent_again() -> None:
    """A proxy resending a push upstream makes the office see the nonce twice (401
    replayed_request). The client signs the request anew once; the push is idempotent."""
    seen: list[httpx.Request] = []

    def office(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) == 1:
            return httpx.Response(401, json={"error": "replayed_request", "message": "m"})
        return httpx.Response(
            200, json={"cursor": 0, "more": False, "cases": [], "removals": [], "settings": {}}
        )

    with client_for(httpx.MockTransport(office)) as client:
        page = client.pull(0)
    assert page.cursor == 0
    assert len(seen) == 2
    assert len({r.headers["x-inburg-nonce"] for r in seen}) == 2


def test_a_request_refused_as_replayed_again_is_said_in_words() -> None:
    transport = answer(401, {"error": "replayed_request", "message": "m"})
    with client_for(transport) as client, pytest.raises(ServerUnreachable) as err:
        client.pull(0)
    assert err.value.code == "sync_replayed"
    assert "veilig op deze laptop" in error_text(err.value)
    assert "niet bekend" not in error_text(err.value)


def test_download_verifies_the_hash() -> None:
    data = b"echte inhoud"
    sha = hashlib.sha256(b"andere inhoud").hexdigest()

    def serve(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=data, headers={"x-inburg-length": str(len(data))})

    with client_for(httpx.MockTransport(serve)) as client, pytest.raises(IntegrityFailure):
        client.download_attachment(sha)


def test_garbage_answer_is_a_server_error() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=b"<html>"))
    with client_for(transport) as client, pytest.raises(ServerError):
        client.pull(0)


def test_unenrolled_client_refuses_to_send() -> None:
    client = SyncClient("http://office.test", transport=answer(200, {}))
    with client, pytest.raises(DeviceRefused):
        client.pull(0)


def test_enroll_sends_a_proof_and_remembers_the_device() -> None:
    bodies: list[dict[str, object]] = []

    def enroll(request: httpx.Request) -> httpx.Response:
        bodies.append(json.loads(request.content))
        assert HEADER_SIGNATURE not in request.headers
        return httpx.Response(
            200, json={"device_id": "d-1", "consultant": "Sanne", "server_time": 1}
        )

    with SyncClient("http://office.test", transport=httpx.MockTransport(enroll)) as client:
        key = DeviceKey.generate()
        client.enroll("ABCD-EFGH", key)
        assert client.device_id == "d-1" and client.key is key
    assert set(bodies[0]) == {"code", "public_key", "proof", "device_name", "next_op_id"}


@pytest.mark.parametrize(
    ("raised", "code"),
    [
        (httpx.ConnectTimeout, "sync_unreachable"),  # nothing reached the office
        (httpx.ReadTimeout, "sync_timeout"),
        (httpx.WriteTimeout, "sync_timeout"),
        (httpx.PoolTimeout, "sync_timeout"),
        (httpx.ConnectError, "sync_unreachable"),
        (httpx.ReadError, "sync_connection_lost"),
        (httpx.WriteError, "sync_connection_lost"),
        (httpx.CloseError, "sync_connection_lost"),
        (httpx.RemoteProtocolError, "sync_connection_lost"),
        (httpx.LocalProtocolError, "sync_unreachable"),
        (httpx.ProxyError, "sync_proxy"),
        (httpx.UnsupportedProtocol, "sync_bad_address"),
    ],
)
def test_httpx_failures_map_to_codes_by_the_table(
    raised: type[httpx.TransportError], code: str
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise raised("detail that is never shown", request=request)

    sync = SyncClient("https://kantoor.invalid", transport=httpx.MockTransport(handler), retries=0)
    with sync, pytest.raises(ServerUnreachable) as err:
        sync.health()
    assert err.value.code == code
    assert err.value.detail == raised.__name__  # for the log, never the screen
    assert transport_code(raised("x")) == code


@pytest.mark.parametrize("url", ["kantoor", "ftp://kantoor.example", ""])
def test_an_address_that_is_no_office_url_is_said_as_such(url: str) -> None:
    with SyncClient(url, retries=0, timeout=2) as sync, pytest.raises(ServerUnreachable) as err:
        sync.health()
    assert err.value.code == "sync_bad_address"
