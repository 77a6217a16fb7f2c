"""The vault's write path never produces an op the office protocol refuses (issue 10,
item 2): a value over 256 KiB or a key the protocol refuses is refused before anything is
written, naming the field and never its value; a change of many fields is written as
several outbox entries in order. And the quarantine table of migration 0003 keeps the
entries of the table it replaces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage import keyfile, migrate
from inburg_desktop.storage.cases import get_case, update_fields
from inburg_desktop.storage.changes import FieldRefused, field_values
from inburg_desktop.storage.engine import WRITES, make_engine
from inburg_desktop.storage.files import touch_owner_only
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.sync_state import quarantine
from inburg_desktop.storage.tables import Base, OutboxRow
from inburg_desktop.storage.vault import OpenVault, unlock_vault

from ..conftest import PASSPHRASE

CANARY = "V-KANARIE-2209347"


def outbox(vault: OpenVault) -> list[tuple[int, dict[str, object], list[str]]]:
    with vault.session() as session:
        return [
            (row.op_id, json.loads(row.patch), json.loads(row.resolves))
            for row in session.scalars(select(OutboxRow).order_by(OutboxRow.op_id))
        ]


@pytest.fixture
def case(vault: OpenVault) -> str:
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1)
    return case_id


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("intake.gezondheid.notes", CANARY + "x" * (256 * 1024), "too_large"),
        ("handover.notes.medische bijzonderheden", CANARY, "bad_key"),
        ("intake.diep", json.loads("[" * 40 + json.dumps(CANARY) + "]" * 40), "too_deep"),
    ],
)
def test_a_field_the_office_would_refuse_is_refused_here_and_nothing_is_written(
    vault: OpenVault, case: str, key: str, value: object, problem: str
) -> None:
    before_outbox = outbox(vault)
    with vault.session() as session:
        before = get_case(session, case)
    with pytest.raises(FieldRefused) as err, vault.transaction() as session:
        update_fields(session, case, {"intake.werk.notes": "mag mee", key: value})
    assert err.value.problem == problem
    assert CANARY not in str(err.value)
    assert outbox(vault) == before_outbox
    with vault.session() as session:
        assert get_case(session, case) == before


def test_a_change_of_1200_fields_becomes_three_outbox_entries_in_order(
    vault: OpenVault, case: str
) -> None:
    start = len(outbox(vault))
    patch = {f"intake.punten.n{i:04d}": f"notitie {i}" for i in range(1_200)}
    with vault.transaction() as session:
        update_fields(session, case, patch)
    written = outbox(vault)[start:]
    assert [len(p) for _op, p, _r in written] == [500, 500, 200]
    assert [op for op, _p, _r in written] == list(range(written[0][0], written[0][0] + 3))
    merged: dict[str, object] = {}
    for _op, part, _r in written:
        merged.update(part)
    assert merged == patch
    with vault.session() as session:
        assert field_values(session, case, "intake.punten.") == patch


def test_a_fresh_vault_schema_matches_the_tables(vault: OpenVault) -> None:
    with vault.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_quarantine_entries_of_the_first_table_survive_migration_0003(tmp_path: Path) -> None:
    path = tmp_path / "oud.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    vault_id, key = keyfile.new_vault_key()
    keyfile.write_key_file(path, keyfile.wrap_key(key, PASSPHRASE, vault_id, TEST_KDF))
    touch_owner_only(path)
    engine = make_engine(path, key)
    migrate.upgrade(engine, "0002")
    with engine.execution_options(**{WRITES: True}).begin() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_quarantine (op_id, case_id, patch, error, message, created_at)"
                " VALUES (7, 'c1', :patch, 'case_not_found', 'No such case.',"
                " '2026-11-30 09:00:00')"
            ),
            {"patch": json.dumps({"intake.b": 2, "intake.a": 1})},
        )
    engine.dispose()
    key.wipe()

    opened = unlock_vault(path, PASSPHRASE)
    try:
        assert opened.backup_made is not None
        with opened.session() as session:
            (entry,) = quarantine(session)
    finally:
        opened.lock()
    assert (entry.direction, entry.op_id, entry.case_id, entry.error) == (
        "push",
        7,
        "c1",
        "case_not_found",
    )
    assert entry.field_keys == ("intake.a", "intake.b")
    assert dict(entry.values) == {"intake.a": 1, "intake.b": 2}
    assert entry.message == "No such case."
