"""The laptop's HTTP client for the office server: enroll, push, pull, attachments.

Every request but enrollment and ``/health`` is signed with the device key and a fresh
nonce, so a retry is a new request that the server still answers idempotently. Failures
become typed errors carrying a code (``inburg_desktop.domain.problem``), never a sentence:
:class:`ServerUnreachable` (``inburg sync`` exit 8, nothing lost) and
:class:`DeviceRefused` (exit 9). What httpx raises maps to a code by
:data:`TRANSPORT_CODES`, walked along httpx's exception hierarchy from the most specific
class (https://www.python-httpx.org/exceptions); an answer with an error status maps by
its ``error`` field and then by :func:`status_code_problem`.
"""

from __future__ import annotations

import hashlib
import json
import random
import ssl
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from inburg_desktop.domain.file_input import FileRefused, read_bounded
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.safe_text import terminal_safe
from inburg_desktop.protocol.device_keys import DeviceKey, enroll_proof_message, sign_request
from inburg_desktop.protocol.messages import (
    DEFAULT_PULL_LIMIT,
    MAX_CHUNK_BYTES,
    AuditPush,
    AuditReceipt,
    AuditRecord,
    BeginUpload,
    CaseState,
    EnrollRequest,
    EnrollResponse,
    HealthResponse,
    MissingRequest,
    MissingResponse,
    Op,
    PullResponse,
    PushRequest,
    PushResponse,
    SetAsideReceipt,
    SetAsideReport,
    UploadState,
    error_code,
)
from inburg_desktop.sync.backoff import Backoff

M = TypeVar("M", bound=BaseModel)
Progress = Callable[[int, int], None]
"""Called with (bytes done, bytes total) while an attachment moves."""

# httpx's exceptions, most specific first; the first that matches gives the code.
TRANSPORT_CODES: tuple[tuple[type[Exception], str], ...] = (
    (httpx.ConnectTimeout, "sync_unreachable"),  # nothing reached the server
    (httpx.TimeoutException, "sync_timeout"),  # read/write/pool: the server went quiet
    (httpx.ProxyError, "sync_proxy"),
    (httpx.UnsupportedProtocol, "sync_bad_address"),
    (httpx.InvalidURL, "sync_bad_address"),
    (httpx.ConnectError, "sync_unreachable"),
    (httpx.RemoteProtocolError, "sync_connection_lost"),
    (httpx.ReadError, "sync_connection_lost"),
    (httpx.WriteError, "sync_connection_lost"),
    (httpx.CloseError, "sync_connection_lost"),
    (httpx.TransportError, "sync_unreachable"),
)

# The server's ``error`` field of a refusal: (kind of error, code).
ERROR_CODES: dict[str, tuple[str, str]] = {
    "code_refused": ("enrollment", "sync_code_refused"),
    "device_revoked": ("device", "sync_revoked"),
    "stale_request": ("device", "sync_clock"),
    "replayed_request": ("unreachable", "sync_replayed"),  # transient: exit 8, retry later
    "op_gap": ("out_of_step", "sync_out_of_step"),
    "op_id_too_low": ("out_of_step", "sync_out_of_step"),
    "op_id_reused": ("out_of_step", "sync_out_of_step"),
    "set_aside_full": ("office", "sync_set_aside_full"),
    # A laptop of this version shortens what it sends (protocol.messages.short_value);
    # an entry the office still finds too large is said in words, never as the code.
    "set_aside_entry_too_large": ("office", "sync_set_aside_too_large"),
}


_BAD_ADDRESS = (httpx.InvalidURL, httpx.UnsupportedProtocol, UnicodeError, ValueError)
"""What httpx raises for an address it cannot use while building a client or a request
(before anything is sent): ``idna.IDNAError`` is a ``UnicodeError``; a bad port a
``ValueError``. ``domain.server_url.read_server_url`` refuses such addresses first; this
keeps an address stored by an older version a code (``sync_bad_address``)."""


def transport_code(exc: BaseException) -> str:
    """The code of an httpx failure: a TLS check that failed, else by :data:`TRANSPORT_CODES`."""
    if isinstance(exc, httpx.ConnectError) and _caused_by_tls(exc):
        return "sync_tls"
    for kind, code in TRANSPORT_CODES:
        if isinstance(exc, kind):
            return code
    return "sync_unreachable"


def _caused_by_tls(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLError | ssl.CertificateError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc)


class SyncError(Problem):
    """Base of every sync failure: ``code`` says what the consultant reads (at the edge).

    ``status``, ``error`` and ``body`` are the server's answer; ``detail`` is technical
    (the server's own message, the kind of httpx failure) for the log, never shown.
    """

    default_code = "sync_failed"

    def __init__(
        self,
        code: str | None = None,
        *,
        status: int | None = None,
        error: str | None = None,
        detail: str | None = None,
        body: dict[str, Any] | None = None,
        **params: object,
    ) -> None:
        super().__init__(code, **params)
        self.status = status
        self.error = error
        self.detail = detail
        self.body = body or {}

    def __str__(self) -> str:
        base = super().__str__()
        return base if self.detail is None else f"{base} ({self.detail})"


class ServerUnreachable(SyncError):
    """No answer (network, TLS, timeout, 502-504): try again later; nothing is lost."""

    default_code = "sync_unreachable"


class DeviceRefused(SyncError):
    """The server refuses this device: revoked, unknown or its signature is wrong."""

    default_code = "sync_device_unknown"


class EnrollmentRefused(DeviceRefused):
    """The one-time code was unknown, used or expired."""

    default_code = "sync_code_refused"


class OutOfStep(DeviceRefused):
    """The office's op numbering for this device no longer matches the laptop's outbox
    (a laptop or office restored from a backup): retrying cannot help, re-enrolling does."""

    default_code = "sync_out_of_step"


OUT_OF_STEP_ERRORS = frozenset(k for k, (kind, _) in ERROR_CODES.items() if kind == "out_of_step")


class ProtocolError(SyncError):
    """A 4xx answer about the request itself (e.g. an op gap); ``error`` says which."""

    default_code = "sync_refused"


class ServerError(SyncError):
    """A 500 from the server, or an answer the client cannot read."""

    default_code = "sync_server_error"


class EnrollAnswerRefused(ServerError):
    """The office's answer to an enrollment is out of shape (an id or a name that is too
    long or holds control, bidi or invisible characters or markup): nothing is stored."""

    default_code = "sync_enroll_answer_refused"


class IntegrityFailure(SyncError):
    """Downloaded bytes do not have the SHA-256 they are addressed by."""

    default_code = "sync_attachment_damaged"


MAX_CA_BYTES = 1_000_000
"""The largest CA certificate file (``--ca``) read, in bytes: the system's bundle of every
public root CA (``/etc/ssl/certs/ca-certificates.crt`` on the CI machine) is 219,597 bytes."""


def ca_context(ca_file: str) -> ssl.SSLContext:
    """A TLS context trusting the CA certificate(s) in ``ca_file`` (PEM or DER), read
    through the app's bounded reader (:func:`~inburg_desktop.domain.file_input.read_bounded`,
    at most :data:`MAX_CA_BYTES`, never a FIFO or a device).

    Raises :class:`SyncError` (``ca_*`` codes) when the file cannot be read or holds no
    certificate.
    """
    shown = terminal_safe(ca_file)
    try:
        data = read_bounded(ca_file, MAX_CA_BYTES)
    except FileRefused:
        raise SyncError("ca_not_file", file=shown) from None
    except (FileNotFoundError, NotADirectoryError):
        raise SyncError("ca_missing", file=shown) from None
    except PermissionError:
        raise SyncError("ca_no_access", file=shown) from None
    except OSError:
        raise SyncError("ca_unreadable", file=shown) from None
    try:
        # PEM is ASCII text; anything else is handed over as DER.
        cadata: str | bytes = data.decode("ascii") if b"-----BEGIN" in data else data
        return ssl.create_default_context(cadata=cadata)
    except (ssl.SSLError, UnicodeDecodeError, ValueError):
        raise SyncError("ca_no_certificate", file=shown) from None


class SyncClient:
    """A signed-request client for one office server and (after enrollment) one device."""

    def __init__(
        self,
        base_url: str,
        *,
        device_id: str | None = None,
        key: DeviceKey | None = None,
        verify: bool | str | ssl.SSLContext = True,
        timeout: float = 30.0,
        retries: int = 1,
        transport: httpx.BaseTransport | None = None,
        backoff: Backoff | None = None,
        sleep: Callable[[float], None] = time.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        """``retries``: how often a request that failed on the way (no connection, a
        gateway's 502/503/504) is sent again, after a wait chosen by ``backoff`` with
        ``jitter`` (uniform in [0, 1)) and spent in ``sleep``; tests inject the last two."""
        if isinstance(verify, str):
            verify = ca_context(verify)
        try:
            self._http = httpx.Client(
                base_url=base_url.rstrip("/"),
                verify=verify,
                timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
                transport=transport,
            )
        except _BAD_ADDRESS as exc:
            # An address httpx cannot read or encode (attack round 6 #6: IDNAError, a
            # UnicodeError, came out as "onverwachte fout", exit 70): a code, not a crash.
            raise ServerUnreachable("sync_bad_address", detail=type(exc).__name__) from None
        self.device_id = device_id
        self.key = key
        self.retries = retries
        self.backoff = backoff or Backoff()
        self._sleep = sleep
        self._jitter = jitter
        self.clock_offset = 0
        self.bytes_sent = 0
        self.bytes_received = 0

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # --- the protocol -------------------------------------------------------------------

    def health(self) -> HealthResponse:
        return self._model(HealthResponse, self._send("GET", "/health", signed=False))

    def enroll(
        self, code: str, key: DeviceKey, device_name: str = "", next_op_id: int = 1
    ) -> EnrollResponse:
        """Enroll ``key`` with a one-time code; remembers the device id for later calls.

        Raises :class:`EnrollAnswerRefused` when the office's answer fails the checks of
        ``EnrollResponse`` (then nothing is remembered), and the other ``SyncError`` kinds.

        ``next_op_id`` is the op id the vault's outbox will use next, so a vault that is
        enrolled again (as a new device) keeps its numbering without a gap.
        """
        try:
            request = EnrollRequest(
                code=code.strip(),
                public_key=key.public_key_b64,
                proof=key.sign(enroll_proof_message(code.strip(), key.public_key_b64)),
                device_name=device_name[:100],
                next_op_id=next_op_id,
            )
        except ValidationError:
            # Only the typed code can be out of shape: no office ever issued it.
            raise EnrollmentRefused(error="code_refused", detail="code out of shape") from None
        response = self._send("POST", "/v1/enroll", body=_json(request), signed=False)
        try:
            answer = self._model(EnrollResponse, response)
        except ServerError as exc:
            # The detail names only pydantic's error kinds, never the values sent.
            raise EnrollAnswerRefused(detail=exc.detail) from None
        self.device_id = answer.device_id
        self.key = key
        return answer

    def push(self, ops: Sequence[Op]) -> PushResponse:
        """Push one batch (op-id order, gap-free); drop outbox entries up to the ack.

        A batch the protocol refuses is not sent: :class:`ProtocolError` 422
        ``invalid_request`` with the locations and types of what is wrong (as the office
        would answer), never the values.
        """
        try:
            request = PushRequest(ops=list(ops))
        except ValidationError as exc:
            details = [
                {"loc": ["body", *map(str, err.get("loc", ()))], "type": str(err.get("type", ""))}
                for err in exc.errors(include_url=False, include_input=False)[:20]
            ]
            raise ProtocolError(
                "sync_invalid_op",
                status=422,
                error="invalid_request",
                body={"error": "invalid_request", "details": details},
            ) from None
        return self._model(PushResponse, self._send("POST", "/v1/push", body=_json(request)))

    def push_audit(self, entries: Sequence[dict[str, Any]]) -> AuditReceipt:
        """Send audit entries (``domain.audit`` JSON) to the office (``POST /v1/audit``).
        An office of an earlier release answers 404 (:class:`ProtocolError`)."""
        request = AuditPush(entries=[AuditRecord(**entry) for entry in entries])
        return self._model(AuditReceipt, self._send("POST", "/v1/audit", body=_json(request)))

    def send_set_aside(self, report: SetAsideReport) -> SetAsideReceipt:
        """Send what this laptop set aside to the office (``POST /v1/set-aside``)."""
        return self._model(SetAsideReceipt, self._send("POST", "/v1/set-aside", body=_json(report)))

    def pull(self, since: int, limit: int = DEFAULT_PULL_LIMIT) -> PullResponse:
        params = {"since": str(since), "limit": str(limit)}
        return self._model(PullResponse, self._send("GET", "/v1/pull", params=params))

    def get_case(self, case_id: str) -> CaseState:
        return self._model(CaseState, self._send("GET", f"/v1/cases/{case_id}"))

    def missing(self, hashes: Sequence[str]) -> list[UploadState]:
        body = _json(MissingRequest(hashes=list(hashes)))
        answer = self._model(
            MissingResponse, self._send("POST", "/v1/attachments/missing", body=body)
        )
        return list(answer.missing)

    def attachment_status(self, sha256: str) -> UploadState:
        return self._model(UploadState, self._send("GET", f"/v1/attachments/{sha256}"))

    def upload_attachment(
        self,
        data: bytes,
        case_id: str,
        media_type: str = "application/pdf",
        *,
        chunk_size: int = MAX_CHUNK_BYTES,
        progress: Progress | None = None,
    ) -> UploadState:
        """Upload ``data`` for a case, resuming wherever the server's copy stops."""
        sha = hashlib.sha256(data).hexdigest()
        spec = BeginUpload(case_id=case_id, length=len(data), media_type=media_type)
        state = self._model(
            UploadState, self._send("PUT", f"/v1/attachments/{sha}", body=_json(spec))
        )
        restarts = 0
        while not state.complete:
            offset = state.received
            chunk = data[offset : offset + chunk_size]
            try:
                state = self._model(
                    UploadState,
                    self._send(
                        "PUT",
                        f"/v1/attachments/{sha}/content",
                        params={"offset": str(offset)},
                        body=chunk,
                        content_type="application/octet-stream",
                    ),
                )
            except ProtocolError as exc:
                expected = exc.body.get("expected_offset")
                if not isinstance(expected, int) or restarts >= 3:
                    raise
                restarts += 1
                state = UploadState(sha256=sha, length=len(data), received=expected, complete=False)
            if progress is not None:
                progress(state.received, len(data))
        return state

    def download_attachment(
        self,
        sha256: str,
        *,
        partial: bytes = b"",
        chunk_size: int = MAX_CHUNK_BYTES,
        progress: Progress | None = None,
    ) -> bytes:
        """Fetch an attachment, continuing after ``partial``; verifies its SHA-256."""
        data = bytearray(partial)
        while True:
            response = self._send(
                "GET",
                f"/v1/attachments/{sha256}/content",
                params={"offset": str(len(data)), "limit": str(chunk_size)},
            )
            total = int(response.headers.get("x-inburg-length", "0"))
            data += response.content
            if progress is not None:
                progress(len(data), total)
            if len(data) >= total or not response.content:
                break
        if hashlib.sha256(data).hexdigest() != sha256:
            raise IntegrityFailure()
        return bytes(data)

    # --- plumbing -----------------------------------------------------------------------

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        body: bytes = b"",
        signed: bool = True,
        content_type: str = "application/json",
    ) -> httpx.Response:
        attempts = self.retries + 1
        retried = 0
        clock_retry = True
        # A proxy that resends a request upstream makes the office see its nonce twice;
        # the request itself is idempotent, so sign it afresh once and send it again.
        replay_retry = True
        while True:
            attempts -= 1
            try:
                request = self._http.build_request(
                    method,
                    path,
                    params=params,
                    content=body if body or method in ("POST", "PUT") else None,
                    headers={"content-type": content_type} if body else None,
                )
            except _BAD_ADDRESS as exc:
                raise ServerUnreachable("sync_bad_address", detail=type(exc).__name__) from exc
            if signed:
                request.headers.update(self._signature(request, body))
            try:
                response = self._http.send(request)
            except httpx.TransportError as exc:
                if attempts > 0:
                    self._wait(retried)
                    retried += 1
                    continue
                raise ServerUnreachable(transport_code(exc), detail=type(exc).__name__) from exc
            self.bytes_sent += len(body) + 300
            self.bytes_received += len(response.content) + 200
            if response.status_code < 400:
                return response
            error_body = _error_body(response)
            error = str(error_body.get("error", ""))
            if error == "stale_request" and clock_retry and "server_time" in error_body:
                clock_retry = False
                self.clock_offset = int(error_body["server_time"]) - int(time.time())
                continue
            if error == "replayed_request" and replay_retry:
                replay_retry = False
                continue
            if response.status_code in (502, 503, 504) and attempts > 0:
                self._wait(retried)
                retried += 1
                continue
            raise _error_for(response.status_code, error_body)

    def _wait(self, retry: int) -> None:
        self._sleep(self.backoff.delay(retry, self._jitter))

    def _signature(self, request: httpx.Request, body: bytes) -> dict[str, str]:
        if self.device_id is None or self.key is None:
            raise DeviceRefused("sync_not_enrolled", error="not_enrolled")
        return sign_request(
            self.key,
            self.device_id,
            method=request.method,
            path=request.url.path,
            query=request.url.query,
            body=body,
            timestamp=int(time.time()) + self.clock_offset,
        )

    @staticmethod
    def _model(model: type[M], response: httpx.Response) -> M:
        try:
            return model.model_validate_json(response.content)
        except ValidationError as exc:
            # Not chained: pydantic's text repeats the values it refused (case fields).
            kinds = sorted({str(err.get("type", "")) for err in exc.errors(include_input=False)})
            raise ServerError(detail=f"unexpected answer: {', '.join(kinds)[:200]}") from None


def _json(message: BaseModel) -> bytes:
    return message.model_dump_json().encode("utf-8")


def _error_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return {}
    return body if isinstance(body, dict) else {}


def _error_for(status: int, body: dict[str, Any]) -> SyncError:
    # The code reaches log lines and the consultant's screen: only a real code passes.
    error = error_code(body.get("error"))
    detail = str(body.get("message", ""))[:2000] or None
    kwargs: dict[str, Any] = {"status": status, "error": error, "detail": detail, "body": body}
    known = ERROR_CODES.get(error or "")
    if known is not None:
        family, code = known
        return _KINDS[family](code, **kwargs)
    kind, code = status_code_problem(status)
    if kind is ProtocolError:
        return ProtocolError(code, reason=error or status, **kwargs)
    return kind(code, **kwargs)


_KINDS: dict[str, type[SyncError]] = {
    "enrollment": EnrollmentRefused,
    "device": DeviceRefused,
    "unreachable": ServerUnreachable,
    "out_of_step": OutOfStep,
    "office": SyncError,  # the office refuses this request for a reason of its own
}


def status_code_problem(status: int) -> tuple[type[SyncError], str]:
    """The error class and code of an HTTP error status the server did not explain."""
    if status in (401, 403):
        return DeviceRefused, "sync_device_unknown"
    if status in (502, 503, 504):  # a gateway in front of the office: try later
        return ServerUnreachable, "sync_unreachable"
    if status >= 500:
        return ServerError, "sync_server_error"
    return ProtocolError, "sync_refused"
