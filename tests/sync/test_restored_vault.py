"""A laptop whose vault went back in time (a backup or disk image restored) gets back the
values it pushed itself after that backup (attack round 3).

The office leaves a device's own values out of its pulls (issue 14: no download back).
A restored vault does not hold them, yet the pull moved its base version past them, so
the laptop showed the old values and its next edit overwrote the office unseen. Now the
office says which version it left out (``CaseState.own_version``) and a laptop whose
acknowledged pushes produced less fetches the case whole. Runs against SQLite and
PostgreSQL (the ``db_url`` fixture).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.keyfile import key_path
from inburg_desktop.storage.sync_state import pushed_versions
from inburg_desktop.storage.tables import CaseRow
from inburg_desktop.storage.vault import OpenVault, unlock_vault
from inburg_desktop.sync.transport import SyncError

from ..conftest import PASSPHRASE, LiveServer
from .test_laptops_office import (
    HANDOVER,
    enroll_vault,
    make_vault,
    new_consultant,
    office_conflicts,
    office_fields,
    sync,
    vault_fields,
)

NOTES = "intake.werk.notes"


def _files(path: Path) -> list[Path]:
    return [path, key_path(path)]


def _back_up(path: Path, to: Path) -> None:
    to.mkdir()
    for file in _files(path):
        shutil.copy2(file, to / file.name)


def _restore(backup: Path, path: Path) -> None:
    for companion in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        companion.unlink(missing_ok=True)
    for file in _files(path):
        shutil.copy2(backup / file.name, file)


def test_a_restored_vault_gets_back_what_it_pushed_after_its_backup(
    server: LiveServer, office: Database, tmp_path: Path
) -> None:
    path = tmp_path / "laptop" / "kluis.db"
    consultant = new_consultant("hersteld")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    vault = make_vault(path)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    with vault.transaction() as session:
        update_fields(session, case, {NOTES: "versie 1"})
    sync(vault)
    vault.lock()
    _back_up(path, tmp_path / "back-up")  # the backup: notes "versie 1", sent

    vault = unlock_vault(path, PASSPHRASE)
    with vault.transaction() as session:
        update_fields(
            session, case, {NOTES: "versie 2 (belangrijk)", "person.family_name": "Nieuw"}
        )
    sync(vault)
    assert office_fields(office, case)[NOTES] == "versie 2 (belangrijk)"
    vault.lock()

    _restore(tmp_path / "back-up", path)
    vault = unlock_vault(path, PASSPHRASE)
    try:
        assert vault_fields(vault, case)[NOTES] == "versie 1"  # the backup, as restored
        sync(vault)
        # The laptop holds what the office holds, its own later values included.
        assert vault_fields(vault, case) == office_fields(office, case)
        assert vault_fields(vault, case)[NOTES] == "versie 2 (belangrijk)"
        assert vault_fields(vault, case)["person.family_name"] == "Nieuw"

        # Its next edit builds on those values. The restored outbox numbers it as the
        # backup did, which the office already holds: the sync says so (out of step)
        # and the laptop is enrolled again, as the message asks; then it applies.
        with vault.transaction() as session:
            update_fields(session, case, {NOTES: "versie 2 (belangrijk), aangevuld"})
        try:
            sync(vault)
        except SyncError as exc:
            assert exc.code == "sync_out_of_step"
            enroll_vault(vault, server.url, office, consultant)
            sync(vault)
        assert office_fields(office, case)[NOTES] == "versie 2 (belangrijk), aangevuld"
        assert office_fields(office, case)["person.family_name"] == "Nieuw"
        assert office_conflicts(office, case) == []
        assert vault_fields(vault, case) == office_fields(office, case)
    finally:
        vault.lock()


def test_a_vault_that_did_not_go_back_downloads_nothing_back(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    """The check costs nothing in the normal case: a laptop that holds what it pushed is
    sent no field values and fetches no case whole."""
    consultant = new_consultant("gewoon")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    with vault.transaction() as session:
        update_fields(session, case, {NOTES: "eigen tekst"})
    summary = sync(vault)
    assert summary.pulled == 0  # its own value did not come back
    with vault.session() as session:
        row = session.get(CaseRow, case)
        assert row is not None and pushed_versions(session, [case]) == {case: row.server_version}
