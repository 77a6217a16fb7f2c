"""The request guard: body size limit, then device signature, replay and revocation checks.

A pure ASGI middleware, so an oversized body is refused before anything parses it and an
unauthenticated request never reaches a route. The verified device travels to the routes
in ``request.state.device``.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass

import anyio.to_thread
from fastapi import Request
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from inburg_desktop.protocol import device_keys as keys
from inburg_desktop.protocol.messages import MAX_BODY_BYTES
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.db import Database
from inburg_desktop.server.errors import ApiError
from inburg_desktop.server.tables import Device, Nonce

log = logging.getLogger(__name__)

PUBLIC_PATHS = frozenset(
    {"/health", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc", "/v1/enroll"}
    # The monitoring page checks its own bearer token (server/monitoring_report.py): it is
    # for the municipality's policy staff, whose browsers hold no device key.
    | {"/report"}
)
REPLAY_WINDOW_SECONDS = 120
_NONCE = re.compile(rf"[A-Za-z0-9_\-]{{{keys.MIN_NONCE_CHARS},{keys.MAX_NONCE_CHARS}}}")
_DEVICE_ID = re.compile(r"[0-9a-f\-]{36}")
_TIMESTAMP = re.compile(r"[0-9]{1,12}")


@dataclass(frozen=True)
class AuthedDevice:
    id: str
    consultant: str


def current_device(request: Request) -> AuthedDevice:
    """FastAPI dependency: the device the guard verified for this request."""
    device = getattr(request.state, "device", None)
    if not isinstance(device, AuthedDevice):  # only reachable if a route is misconfigured
        raise ApiError(401, "unsigned_request", "This request must be signed by a device.")
    return device


def authenticate(
    db: Database,
    headers: dict[str, str],
    *,
    method: str,
    path: str,
    query: bytes,
    body: bytes,
    window: int,
    now: int | None = None,
) -> AuthedDevice:
    """Verify a signed request and consume its nonce; raise :class:`ApiError` if refused."""
    values = [headers.get(h) for h in keys.SIGNED_HEADERS]
    if any(v is None for v in values):
        raise ApiError(401, "unsigned_request", "This request must be signed by a device.")
    device_id, stamp, nonce, signature = (str(v) for v in values)
    if not (
        _DEVICE_ID.fullmatch(device_id)
        and _TIMESTAMP.fullmatch(stamp)
        and _NONCE.fullmatch(nonce)
        and len(signature) <= 100
    ):
        raise ApiError(401, "bad_signature", "The request signature headers are malformed.")
    now = int(time.time()) if now is None else now
    message = keys.request_message(
        method=method,
        path=path,
        query=query,
        body_sha256=keys.body_digest(body),
        timestamp=stamp,
        nonce=nonce,
        device_id=device_id,
    )
    with db.write() as session:
        device = session.get(Device, device_id)
        if device is None:
            raise ApiError(401, "unknown_device", "This device is not enrolled at this office.")
        if not keys.verify(keys.load_public_key(device.public_key), message, signature):
            raise ApiError(401, "bad_signature", "The request signature does not verify.")
        if abs(now - int(stamp)) > window:
            raise ApiError(
                401,
                "stale_request",
                "The request's timestamp is outside the allowed window; check the clock.",
                server_time=now,
            )
        if device.revoked:
            raise ApiError(403, "device_revoked", "This device has been revoked by the office.")
        session.execute(
            delete(Nonce).where(Nonce.device_id == device_id, Nonce.seen_at < now - 2 * window)
        )
        session.add(Nonce(device_id=device_id, nonce=nonce, seen_at=now))
        try:
            session.flush()
        except IntegrityError:
            raise ApiError(
                401, "replayed_request", "This request was already received once."
            ) from None
        device.last_seen = utcnow()
        return AuthedDevice(id=device.id, consultant=device.consultant)


class RequestGuard:
    """ASGI middleware: size limit for every request, device signature for most."""

    def __init__(
        self,
        app: ASGIApp,
        db: Database,
        max_body: int = MAX_BODY_BYTES,
        window: int = REPLAY_WINDOW_SECONDS,
    ) -> None:
        self.app = app
        self.db = db
        self.max_body = max_body
        self.window = window

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        try:
            body = await self._read_body(headers, receive)
            if body is None:
                return  # client went away
            if scope["path"] not in PUBLIC_PATHS:
                device = await anyio.to_thread.run_sync(
                    lambda: authenticate(
                        self.db,
                        headers,
                        method=scope["method"],
                        path=scope["path"],
                        query=scope.get("query_string", b""),
                        body=body,
                        window=self.window,
                    )
                )
                scope.setdefault("state", {})["device"] = device
        except ApiError as exc:
            if exc.status >= 400 and exc.error not in ("body_too_large", "bad_length"):
                log.info("refused request: %s", exc.error)
            await exc.response()(scope, receive, send)
            return
        except (OperationalError, PoolTimeout) as exc:
            log.error("database unavailable during auth: %s", type(exc).__name__)
            response = JSONResponse(
                {"error": "unavailable", "message": "The office database is unavailable."},
                status_code=503,
            )
            await response(scope, receive, send)
            return

        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _read_body(self, headers: dict[str, str], receive: Receive) -> bytes | None:
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.isdigit() or len(declared) > 15:
                raise ApiError(400, "bad_length", "The Content-Length header is not a number.")
            if int(declared) > self.max_body:
                raise self._too_large()
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise self._too_large()
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    def _too_large(self) -> ApiError:
        return ApiError(
            413, "body_too_large", f"The request body is larger than {self.max_body} bytes."
        )
