"""Fixtures for the office-server tests: a server process per database, the office's
database for admin actions, enrolled test laptops.

``LiveServer``, ``free_port`` and the ``db_url`` fixture (SQLite, and PostgreSQL when
``INBURG_TEST_POSTGRES_URL`` is set) live in ``tests/conftest.py``, shared with
``tests/sync`` and ``tests/ui``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from inburg_desktop.protocol.device_keys import DeviceKey
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.sync.transport import SyncClient

from ..conftest import LiveServer
from .laptop_sim import IDENTITY

__all__ = ["IDENTITY", "LiveServer", "creating", "enroll", "new_case_id"]


def creating(patch: dict[str, Any]) -> dict[str, Any]:
    """``patch`` as the op that creates a case: with the identity fields a laptop sends."""
    return {**IDENTITY, **patch}


@pytest.fixture(scope="session")
def server(db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One server process per database for the session."""
    live = LiveServer(db_url=db_url, log_dir=tmp_path_factory.mktemp("server-logs"))
    live.start()
    yield live
    live.stop()


@pytest.fixture(scope="session")
def office(db_url: str) -> Iterator[Database]:
    """The office database, for admin actions and for checking what was stored."""
    db = Database(db_url)
    yield db
    db.dispose()


@pytest.fixture
def consultant() -> str:
    """A consultant name unique to the test, so tests share a server without interfering."""
    return f"consulent-{uuid.uuid4().hex[:8]}"


def enroll(server: LiveServer, office: Database, consultant: str) -> SyncClient:
    code, _ = admin.create_enrollment_code(office, consultant)
    client = SyncClient(server.url, retries=0)
    client.enroll(code, DeviceKey.generate(), device_name="test-laptop")
    return client


@pytest.fixture
def laptop(server: LiveServer, office: Database, consultant: str) -> Iterator[SyncClient]:
    client = enroll(server, office, consultant)
    yield client
    client.close()


def new_case_id() -> str:
    return str(uuid.uuid4())
