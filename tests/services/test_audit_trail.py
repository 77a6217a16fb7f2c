"""The audit trail's use cases (issue 16 item 1): views are recorded off the caller's
thread, a batch per transaction; a case's trail reads back checked, per device."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from inburg_desktop.domain.audit import Action
from inburg_desktop.domain.handover import read_handover_file
from inburg_desktop.services import audit_trail, vault_session
from inburg_desktop.storage.cases import import_handover
from inburg_desktop.storage.errors import NoSuchCase
from inburg_desktop.storage.vault import OpenVault

HANDOVER = Path(__file__).parent.parent / "data" / "handover-amal.json"


@pytest.fixture
def case_id(vault: OpenVault) -> str:
    with vault.transaction() as session:
        return import_handover(session, read_handover_file(HANDOVER))


def test_a_view_is_queued_and_written_off_the_callers_thread(
    vault: OpenVault, case_id: str
) -> None:
    writers: list[str] = []
    remove = vault_session.on_write(vault, lambda: writers.append("x"))
    try:
        # The caller holds the vault's write lock: a view written on its thread would
        # wait for it (and fail); queued, it returns and is written once the lock is free.
        with vault.transaction() as session:
            for topic in ("intake.opleiding", "intake.werkervaring", "pip"):
                audit_trail.record_view(vault, case_id, topic)
            session.execute(text("SELECT 1"))
        audit_trail.views(vault).flush()
    finally:
        remove()
    assert writers == []  # a recorded view makes no list read itself again
    trail = audit_trail.trail(vault, case_id)
    assert trail.ok
    assert [(e.action, e.part) for e in trail.entries] == [
        (Action.CREATE, "dossier"),
        (Action.VIEW, "intake.opleiding"),
        (Action.VIEW, "intake.werkervaring"),
        (Action.VIEW, "pip"),
    ]


def test_locking_writes_the_views_still_queued(vault_path: Path, case_id: str) -> None:
    vault = vault_session.unlock(vault_path, "een lange zin als wachtwoord")
    try:
        for _ in range(50):
            audit_trail.record_view(vault, case_id, "voortgang")
    finally:
        vault_session.lock(vault)
    again = vault_session.unlock(vault_path, "een lange zin als wachtwoord")
    try:
        entries = audit_trail.trail(again, case_id).entries
    finally:
        vault_session.lock(again)
    assert sum(1 for e in entries if e.action == Action.VIEW) == 50


def test_an_export_is_recorded_at_once(vault: OpenVault, case_id: str) -> None:
    entry = audit_trail.record(vault, case_id, Action.EXPORT, "dossier")
    assert entry is not None and entry.seq == 2
    assert audit_trail.trail(vault, case_id).entries[-1].action == Action.EXPORT


def test_the_trail_of_a_case_never_held_is_no_such_case(vault: OpenVault) -> None:
    with pytest.raises(NoSuchCase):
        audit_trail.trail(vault, "bestaat-niet")
