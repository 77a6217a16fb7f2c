"""The one migration runner (``alembic_runner.py``) brings both databases' schemas to head,
once: the vault's scripts and the office's, on a fresh SQLite file each."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from inburg_desktop.alembic_runner import AlembicRunner
from inburg_desktop.server import migrate as office_migrate
from inburg_desktop.storage import migrate as vault_migrate


@pytest.mark.parametrize(
    ("runner", "table"),
    [(vault_migrate.RUNNER, "cases"), (office_migrate.RUNNER, "cases")],
    ids=["vault", "office"],
)
def test_runs_every_step_once_then_nothing(
    runner: AlembicRunner, table: str, tmp_path: Path
) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    try:
        with engine.connect() as conn:
            assert runner.current_revision(conn) is None
        assert runner.upgrade(engine) is True
        with engine.connect() as conn:
            assert runner.current_revision(conn) == runner.head_revision()
        assert table in inspect(engine).get_table_names()
        assert runner.upgrade(engine) is False  # at head: nothing runs
    finally:
        engine.dispose()


def test_the_two_databases_keep_their_own_scripts() -> None:
    assert vault_migrate.RUNNER.script_location != office_migrate.RUNNER.script_location
    assert vault_migrate.RUNNER.lock_id is None and office_migrate.RUNNER.lock_id is not None
