"""An app factory for uvicorn's multi-worker mode: the database URL and the log level come
from the environment (``inburg-office serve --workers N`` sets them)."""

from __future__ import annotations

import os

from fastapi import FastAPI

from inburg_desktop.server import logs, monitoring_report
from inburg_desktop.server.app import create_app
from inburg_desktop.server.db import default_db_url


def app_factory() -> FastAPI:
    # A worker is a fresh process: it sets up the same scrubbed, owner-only logging.
    level = os.environ.get("INBURG_OFFICE_LOG_LEVEL", "info")
    logs.configure(level if level in logs.LEVELS else "info")
    token = os.environ.get(monitoring_report.REPORT_TOKEN_ENV) or None
    return create_app(os.environ.get("INBURG_OFFICE_DB") or default_db_url(), report_token=token)
