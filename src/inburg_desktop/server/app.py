"""The office server's FastAPI application: ``create_app(db_url)``.

Stateless: every bit of state is in the database, so several instances can serve one
PostgreSQL behind a load balancer. The schema is migrated when the app is created.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Annotated

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.exc import IntegrityError

from inburg_desktop.protocol.messages import (
    DEFAULT_PULL_LIMIT,
    MAX_CHUNK_BYTES,
    MAX_PULL_LIMIT,
    PROTOCOL_VERSION,
    AuditPush,
    AuditReceipt,
    BeginUpload,
    CaseState,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    HealthResponse,
    MissingRequest,
    MissingResponse,
    PullResponse,
    PushRequest,
    PushResponse,
    SetAsideReceipt,
    SetAsideReport,
    UploadState,
)
from inburg_desktop.server import attachments, audit_trail, monitoring_report
from inburg_desktop.server.access import AccessLog
from inburg_desktop.server.auth import (
    REPLAY_WINDOW_SECONDS,
    AuthedDevice,
    RequestGuard,
    current_device,
)
from inburg_desktop.server.db import Database
from inburg_desktop.server.enrollment import EnrollLimits, enroll
from inburg_desktop.server.errors import ApiError, install_handlers
from inburg_desktop.server.migrate import upgrade
from inburg_desktop.server.pull import pull, visible_case
from inburg_desktop.server.push import push
from inburg_desktop.server.set_aside import receive as receive_set_aside

log = logging.getLogger(__name__)

Device = Annotated[AuthedDevice, Depends(current_device)]
Sha = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]
CaseIdPath = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")]
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 413, 422, 429)
}


def _concurrent(what: str) -> ApiError:
    return ApiError(
        409, "concurrent_request", f"Another {what} from this device is in progress; retry."
    )


def create_app(
    db_url: str,
    *,
    replay_window: int = REPLAY_WINDOW_SECONDS,
    enroll_limits: EnrollLimits | None = None,
    report_token: str | None = None,
) -> FastAPI:
    """Build the app over ``db_url`` (migrating it first).

    ``report_token``: the bearer token ``GET /report`` requires (without one the page
    does not exist; server/monitoring_report.py).

    Every route that names an object (a case, an attachment) answers "not yours" exactly
    as "does not exist"; ``tests/server/test_route_authorisation.py`` holds each route of
    the OpenAPI description to that.
    """
    limits = enroll_limits or EnrollLimits()
    db = Database(db_url)
    upgrade(db.engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        db.dispose()

    app = FastAPI(
        title="inburg-office",
        version=str(PROTOCOL_VERSION),
        description="Office sync server for inburg-desktop; see docs/sync-protocol.md.",
        lifespan=lifespan,
        responses=ERRORS,
    )
    app.state.db = db
    install_handlers(app)
    app.add_middleware(RequestGuard, db=db, window=replay_window)
    app.add_middleware(AccessLog)  # added last: outermost, sees every request

    @app.get("/health", response_model=HealthResponse)
    def health() -> HealthResponse:
        return HealthResponse(
            status="ok", protocol_version=PROTOCOL_VERSION, server_time=int(time.time())
        )

    @app.post("/v1/enroll", response_model=EnrollResponse)
    def enroll_device(body: EnrollRequest, request: Request) -> EnrollResponse:
        host = request.client.host if request.client is not None else None
        return enroll(db, body, host, limits)

    @app.post("/v1/push", response_model=PushResponse)
    def push_ops(body: PushRequest, device: Device) -> PushResponse:
        try:
            with db.write() as session:
                return push(session, device, body)
        except IntegrityError:
            # Two pushes of one device raced past the counter lock (should not happen).
            raise ApiError(
                409, "concurrent_push", "Another push from this device is in progress; retry."
            ) from None

    @app.post("/v1/set-aside", response_model=SetAsideReceipt)
    def set_aside(body: SetAsideReport, device: Device) -> SetAsideReceipt:
        try:
            with db.write() as session:
                return receive_set_aside(session, device, body)
        except IntegrityError:
            # The same report sent twice at once: the other one stored it.
            raise ApiError(
                409, "concurrent_report", "Another report from this device is in progress."
            ) from None

    @app.post("/v1/audit", response_model=AuditReceipt)
    def audit(body: AuditPush, device: Device) -> AuditReceipt:
        """A laptop's audit entries, each checked to extend the chain held (issue 16)."""
        try:
            with db.write() as session:
                return audit_trail.receive(session, device, body)
        except IntegrityError:
            raise _concurrent("audit report") from None

    @app.get("/v1/pull", response_model=PullResponse)
    def pull_changes(
        device: Device,
        since: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT,
    ) -> PullResponse:
        with db.read() as session:
            page = pull(session, device, since, limit)
        log.info("pull device=%s since=%d cases=%d", device.id, since, len(page.cases))
        return page

    @app.get("/v1/cases/{case_id}", response_model=CaseState)
    def get_case(case_id: CaseIdPath, device: Device) -> CaseState:
        with db.read() as session:
            return visible_case(session, device, case_id)

    @app.post("/v1/attachments/missing", response_model=MissingResponse)
    def missing(body: MissingRequest, device: Device) -> MissingResponse:
        with db.read() as session:
            return MissingResponse(missing=attachments.missing(session, device, list(body.hashes)))

    @app.put("/v1/attachments/{sha256}", response_model=UploadState)
    def begin_upload(sha256: Sha, body: BeginUpload, device: Device) -> UploadState:
        try:
            with db.write() as session:
                return attachments.begin(session, device, sha256, body)
        except IntegrityError:
            raise _concurrent("upload") from None

    @app.get("/v1/attachments/{sha256}", response_model=UploadState)
    def upload_status(sha256: Sha, device: Device) -> UploadState:
        with db.read() as session:
            return attachments.status(session, device, sha256)

    @app.put(
        "/v1/attachments/{sha256}/content",
        response_model=UploadState,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/octet-stream": {"schema": {"type": "string"}}},
            }
        },
    )
    async def upload_chunk(
        sha256: Sha,
        request: Request,
        device: Device,
        offset: Annotated[int, Query(ge=0, le=2**62)],
    ) -> UploadState:
        data = await request.body()
        if len(data) > MAX_CHUNK_BYTES:
            raise ApiError(
                413, "chunk_too_large", f"A chunk may hold at most {MAX_CHUNK_BYTES} bytes."
            )

        def write() -> tuple[UploadState, bool]:
            try:
                with db.write() as session:
                    return attachments.write_chunk(session, device, sha256, offset, data)
            except IntegrityError:
                raise _concurrent("upload") from None

        state, failed = await run_in_threadpool(write)
        if failed:
            raise ApiError(
                422,
                "hash_mismatch",
                "The uploaded bytes do not have this SHA-256; upload again from byte 0.",
                expected_offset=0,
            )
        return state

    @app.get(
        "/v1/attachments/{sha256}/content",
        response_class=Response,
        responses={200: {"content": {"application/octet-stream": {}}}},
    )
    def download(
        sha256: Sha,
        device: Device,
        offset: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_CHUNK_BYTES)] = MAX_CHUNK_BYTES,
    ) -> Response:
        with db.read() as session:
            data, length = attachments.read_range(session, device, sha256, offset, limit)
        return Response(
            data,
            media_type="application/octet-stream",
            headers={"x-inburg-length": str(length), "x-inburg-offset": str(offset)},
        )

    @app.get(
        "/report",
        response_class=HTMLResponse,
        responses={200: {"content": {"text/html": {}}}},
    )
    def report_page(
        request: Request,
        gemeente: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    ) -> Response:
        """The monitoring report as an HTML page, with ``Authorization: Bearer TOKEN``
        (the report token the server was started with; docs/monitoring-report.md)."""
        if report_token is None:
            raise ApiError(404, "not_found", "Not Found")
        if not monitoring_report.bearer_matches(request.headers.get("authorization"), report_token):
            log.info("report refused: no or wrong report token")
            raise ApiError(
                401,
                "report_token",
                "The monitoring report needs the office's report token as a bearer token.",
                headers={"WWW-Authenticate": 'Bearer realm="inburg-office report"'},
            )
        try:
            doc = monitoring_report.build(db, date.today(), gemeente)
        except monitoring_report.ReportRefused as exc:
            raise ApiError(404, "gemeente_onbekend", str(exc)) from None
        return Response(
            monitoring_report.html(doc),
            media_type="text/html; charset=utf-8",
            headers={
                "cache-control": "no-store",
                "content-security-policy": "default-src 'none'; img-src data:; "
                "style-src 'unsafe-inline'",
                "x-content-type-options": "nosniff",
            },
        )

    return app
