"""An app factory for uvicorn's multi-worker mode: the database URL comes from the env."""

from __future__ import annotations

import os

from fastapi import FastAPI

from inburg_desktop.server.app import create_app
from inburg_desktop.server.db import default_db_url


def app_factory() -> FastAPI:
    return create_app(os.environ.get("INBURG_OFFICE_DB") or default_db_url())
