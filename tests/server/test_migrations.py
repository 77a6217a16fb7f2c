"""The office schema: migrations run twice harmlessly and match the ORM tables."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from inburg_desktop.protocol.messages import UploadState
from inburg_desktop.server import attachments
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.db import Database
from inburg_desktop.server.migrate import head_revision, upgrade
from inburg_desktop.server.tables import Attachment, AttachmentCase, AttachmentChunk, Base

from ..conftest import PG_ENV, _postgres_database


def test_migrations_are_idempotent_and_match_the_models(office: Database) -> None:
    upgrade(office.engine)
    upgrade(office.engine)
    with office.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, Base.metadata) == []


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of either kind, for migrating step by step."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old-office.db'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    yield from _postgres_database(base)


def test_0002_keeps_verified_attachments_and_drops_ownerless_uploads(fresh_url: str) -> None:
    """Complete attachments keep their bytes and links; an incomplete one of the old,
    shared kind (no owner to hand it to) goes, so its laptop uploads it again."""
    db = Database(fresh_url)
    try:
        upgrade(db.engine, "0001")
        done, partial = "a" * 64, "b" * 64
        stamp = datetime(2026, 1, 1)
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO cases (id, version, seq, created_at, updated_at) "
                    "VALUES ('c-1', 1, 1, :t, :t)"
                ),
                {"t": stamp},
            )
            conn.execute(
                text(
                    "INSERT INTO assignments (case_id, consultant, assigned_seq, assigned_at) "
                    "VALUES ('c-1', 'S. de Vries', 1, :t)"
                ),
                {"t": stamp},
            )
            for sha, length, received, complete in ((done, 3, 3, True), (partial, 10, 4, False)):
                conn.execute(
                    text(
                        "INSERT INTO attachments (sha256, length, media_type, received, complete,"
                        " created_at) VALUES (:s, :l, 'application/pdf', :r, :c, :t)"
                    ),
                    {"s": sha, "l": length, "r": received, "c": complete, "t": stamp},
                )
                conn.execute(
                    text("INSERT INTO attachment_chunks (sha256, \"offset\", data) "
                         "VALUES (:s, 0, :d)"),
                    {"s": sha, "d": b"abcd"[:received]},
                )  # fmt: skip
                conn.execute(
                    text("INSERT INTO attachment_cases (sha256, case_id) VALUES (:s, 'c-1')"),
                    {"s": sha},
                )
        upgrade(db.engine)
        with db.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        with db.read() as session:
            assert session.scalars(select(Attachment.sha256)).all() == [done]
            assert session.scalars(select(AttachmentCase.sha256)).all() == [done]
            assert session.scalars(select(AttachmentChunk.sha256)).all() == [done]
            who = AuthedDevice(id="d-1", consultant="S. de Vries")
            assert attachments.read_range(session, who, done, 0, 100) == (b"abc", 3)
            assert attachments.missing(session, who, [done, partial]) == [
                UploadState(sha256=partial, length=None, received=0, complete=False)
            ]
    finally:
        db.dispose()
