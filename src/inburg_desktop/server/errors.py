"""Errors the API answers with: a stable code, a sentence, the right status, always JSON.

Validation errors never echo the offending input back (it may be personal data), and an
unexpected exception is logged by type only and answered with a bare 500.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)


class ApiError(Exception):
    """Raise anywhere in a request to answer ``status`` with ``{"error", "message", ...}``."""

    def __init__(
        self,
        status: int,
        error: str,
        message: str,
        *,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(f"{status} {error}")
        self.status = status
        self.error = error
        self.message = message
        self.headers = headers
        self.extra = extra

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers)

    def body(self) -> dict[str, Any]:
        return {"error": self.error, "message": self.message, **self.extra}


def error_response(status: int, error: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": error, "message": message, **extra}, status_code=status)


def case_not_found() -> ApiError:
    """The one answer for a missing case and for a case outside the caseload."""
    return ApiError(404, "case_not_found", "No such case in this device's caseload.")


def _details(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors()[:20]:
        loc = [str(p) for p in err.get("loc", ())]
        out.append({"loc": loc, "type": str(err.get("type", "")), "msg": str(err.get("msg", ""))})
    return out


def install_handlers(app: FastAPI) -> None:
    """Make every error a JSON body with ``error`` and ``message``."""

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return exc.response()

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        details = _details(exc)
        where = ".".join(details[0]["loc"]) if details else "request"
        return error_response(
            422, "invalid_request", f"The request is not valid at {where}.", details=details
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}
        return error_response(
            exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail)
        )

    @app.exception_handler(RecursionError)
    async def _too_deep(_request: Request, _exc: RecursionError) -> JSONResponse:
        return error_response(422, "invalid_request", "The request is nested too deeply.")

    @app.exception_handler(OperationalError)
    @app.exception_handler(PoolTimeout)
    async def _db_down(_request: Request, exc: Exception) -> JSONResponse:
        log.error("database unavailable: %s", type(getattr(exc, "orig", exc)).__name__)
        return error_response(503, "unavailable", "The office database is unavailable.")

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected %s", type(exc).__name__)
        return error_response(500, "internal_error", "Unexpected server error.")
