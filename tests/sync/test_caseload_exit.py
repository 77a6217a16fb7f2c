"""A case the office moves or closes leaves the laptop, but unsent work on it does not.

Every path that deletes a case on the laptop (a removal in a pull page, the caseload of a
full refetch) keeps the case's unsent changes, attachments not yet uploaded and what the
push had set aside, in the quarantine ("Apart gezet") with the case's label, counted in
the summary and present in the export. Real office server, real encrypted vault.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.services.intake_edit import save
from inburg_desktop.storage.sync_state import CURSOR, quarantine, set_setting
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.caseload_exit import CASE_LABEL, LEFT_CASELOAD
from inburg_desktop.sync.engine import SyncEngine
from inburg_desktop.sync.quarantine import export_quarantine, reason, reason_and_step

from ..conftest import LiveServer
from .test_laptops_office import (
    HANDOVER,
    case_ids,
    client_for,
    device_id,
    enroll_vault,
    new_consultant,
    office_fields,
    office_op_ids,
    ops_written,
    sync,
)
from .test_sync_quarantine import add_attachment

NOTE = "NOTECANARY: needs a GGZ referral before any course"


def _laptop_with_two_cases(
    vault: OpenVault, server: LiveServer, office: Database
) -> tuple[str, str]:
    consultant = new_consultant("weg")
    handover = HANDOVER.read_bytes()
    leaving = admin.import_handover(office, handover, consultant)
    staying = admin.import_handover(office, handover, consultant)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    assert case_ids(vault) == {leaving, staying}
    return leaving, staying


def _take_off(office: Database, case_id: str, how: str) -> None:
    if how == "assign":
        admin.assign(office, case_id, new_consultant("ander"))
    else:
        admin.unassign(office, case_id)


def _export(vault: OpenVault, path: Path) -> dict[str, object]:
    with vault.session() as session:
        entries = quarantine(session)
    export_quarantine(path, entries)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


@pytest.mark.parametrize(
    ("how", "path"), [("assign", "removal"), ("unassign", "removal"), ("unassign", "refetch")]
)
def test_offline_notes_on_a_case_the_office_moves_stay_set_aside(
    server: LiveServer, office: Database, vault: OpenVault, tmp_path: Path, how: str, path: str
) -> None:
    """The attack repro: the push sets the edit aside (case_not_found), then the removal in
    the same round (or the caseload of a full refetch) purges the case; the edit must
    survive in the list and the export."""
    leaving, staying = _laptop_with_two_cases(vault, server, office)
    with vault.transaction() as session:
        save(session, leaving, {"intake.gezondheid.notes": NOTE})
    _take_off(office, leaving, how)
    if path == "refetch":
        with vault.transaction() as session:
            set_setting(session, CURSOR, 0)

    summary = sync(vault)

    assert case_ids(vault) == {staying}
    assert summary.purged == 1 and summary.kept_unsent == 1
    with vault.session() as session:
        entries = quarantine(session)
    assert summary.quarantine_open == len(entries) == summary.quarantined
    (entry,) = [e for e in entries if e.case_id == leaving]
    assert entry.values["intake.gezondheid.notes"] == NOTE
    assert "Amal" in entry.detail[CASE_LABEL]
    # why, then what to do by where it stands: kept here, send it or export it
    assert "niet" in reason(entry) and "exporteer" not in reason(entry)
    assert "exporteer" in reason_and_step(entry)
    document = _export(vault, tmp_path / "apart-gezet.json")
    items = document["entries"]
    assert isinstance(items, list)
    assert any(
        item["case_id"] == leaving
        and item["fields"]["intake.gezondheid.notes"] == NOTE
        and "Amal" in item["case_label"]
        for item in items
    )
    # Nothing was stored at the office: the export is the only copy, and it is there.
    assert NOTE not in json.dumps(office_fields(office, leaving))


def test_unsent_ops_and_attachments_of_a_leaving_case_are_kept_and_the_rest_goes_on(
    server: LiveServer, office: Database, vault: OpenVault, tmp_path: Path
) -> None:
    """Work written after the push of a round (so still in the outbox when the pull purges)
    and an attachment not uploaded are kept; later ops of other cases still reach the
    office exactly once, without a gap in the op ids."""
    leaving, staying = _laptop_with_two_cases(vault, server, office)
    sha = add_attachment(vault, leaving)
    with vault.transaction() as session:
        save(session, leaving, {"intake.gezondheid.notes": NOTE})
        save(session, staying, {"intake.werk.notes": "blijft"})
        save(session, leaving, {"intake.opleiding.notes": NOTE + " 2"})
        save(session, staying, {"intake.werk.notes": "blijft, tweede keer"})
    admin.unassign(office, leaving)

    with client_for(vault) as client:
        engine = SyncEngine(vault, client)
        engine.pull()  # as if these edits were made while the push of this round ran
        pulled = engine.summary

    assert case_ids(vault) == {staying}
    assert pulled.kept_unsent == 3 and pulled.quarantined == 3
    with vault.session() as session:
        entries = [e for e in quarantine(session) if e.case_id == leaving]
        left = list(session.scalars(select(OutboxRow.case_id)))
    assert {e.error for e in entries} == {LEFT_CASELOAD}
    notes = [e.values.get("intake.gezondheid.notes") for e in entries]
    assert NOTE in notes
    assert [e.values.get("sha256") for e in entries if e.detail.get("what") == "attachment"] == [
        sha
    ]
    assert left == [staying, staying]

    document = _export(vault, tmp_path / "apart-gezet.json")
    items = document["entries"]
    assert isinstance(items, list)
    (attachment,) = [i for i in items if i["detail"].get("what") == "attachment"]
    content = base64.b64decode(attachment["detail"]["content_base64"])
    assert content.startswith(b"%PDF") and attachment["case_label"]

    summary = sync(vault)
    assert summary.pushed == 2
    assert office_fields(office, staying)["intake.werk.notes"] == "blijft, tweede keer"
    assert office_op_ids(office, device_id(vault)) == list(range(1, ops_written(vault) + 1))
    with vault.session() as session:
        assert len([e for e in quarantine(session) if e.case_id == leaving]) == 3
