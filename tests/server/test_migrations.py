"""The office schema: migrations run twice harmlessly and match the ORM tables."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from inburg_desktop.server.db import Database
from inburg_desktop.server.migrate import head_revision, upgrade
from inburg_desktop.server.tables import Base


def test_migrations_are_idempotent_and_match_the_models(office: Database) -> None:
    upgrade(office.engine)
    upgrade(office.engine)
    with office.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, Base.metadata) == []
