"""One access-log line per request, and no exception ever leaving the app unhandled.

uvicorn's own access log prints the raw request line, path and query included, and a
path can carry anything a client put there; it is switched off (``cli.serve``) in favour
of this line: method, the route's *template* (``/v1/cases/{case_id}``, never the path as
sent), status, duration and the device id. Requests that match no route are logged as
``-`` (so are requests refused before routing).

An exception that no handler turned into an answer would reach uvicorn, which logs it
with its message and traceback; messages can hold request data (a pydantic error quotes
the input it refused). Here it is logged by type and place only and answered 500.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from inburg_desktop.server.errors import error_response
from inburg_desktop.server.logs import where

log = logging.getLogger(__name__)
access = logging.getLogger("inburg_desktop.server.access_log")


class AccessLog:
    """Pure ASGI middleware; add it last so it wraps every other one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0

        async def track(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, track)
        except Exception as exc:  # the point: nothing leaves unhandled
            log.error("unexpected %s at %s", type(exc).__name__, where(exc))
            if status == 0:
                status = 500
                response = error_response(500, "internal_error", "Unexpected server error.")
                await response(scope, receive, send)
        finally:
            access.info(
                "%s %s %d %.0fms device=%s",
                scope["method"],
                _route(scope),
                status,
                (time.perf_counter() - started) * 1000,
                _device(scope),
            )


def _route(scope: Scope) -> str:
    route: Any = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    return "-"  # refused before routing, or no such route


def _device(scope: Scope) -> str:
    device = scope.get("state", {}).get("device")
    device_id = getattr(device, "id", None)
    return device_id if isinstance(device_id, str) else "-"
