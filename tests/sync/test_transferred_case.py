"""A case that moves with the person (Besluit art. 5.3 lid 3) reaches the receiving office,
and a case the office refuses stays on the laptop (attack round 7, findings 11 and 12).

The sending consultant decided a fine on the case; the document made by ``inburg case
export --doel overdracht`` reaches the receiving consultant's laptops through the office:
only a transfer the office imports keeps a decision someone else took (attack round 8,
finding 9: the marker a laptop's push carried let it name anyone as decider), so the
enrolled laptop refuses the document in words and the office's import arrives by sync.
Real vaults, real office (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from inburg_desktop.domain import handhaving as records
from inburg_desktop.domain.case_document import Doel
from inburg_desktop.domain.fines import Overtreding, Verwijtbaarheid
from inburg_desktop.domain.handover import read_handover_file
from inburg_desktop.server.case_transfer import import_document
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import Assignment, CaseRecord
from inburg_desktop.services import case_import, consulent, handhaving
from inburg_desktop.services.case_document_import import (
    CaseDocumentRefused,
    import_case_document,
)
from inburg_desktop.services.case_export import export_case_json
from inburg_desktop.services.handhaving import BesluitInput, OvertredingInput
from inburg_desktop.storage.changes import create_case
from inburg_desktop.storage.sync_state import quarantine
from inburg_desktop.storage.tables import CaseRow
from inburg_desktop.storage.vault import OpenVault

from ..conftest import LiveServer
from .test_laptops_office import (
    HANDOVER,
    case_ids,
    enroll_vault,
    make_vault,
    new_consultant,
    office_caseload,
    office_fields,
    sync,
)

D = date.fromisoformat
TODAY = D("2027-01-31")
MOMENT = datetime(2026, 9, 2, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def decided_transfer_document(folder: Path) -> tuple[bytes, str]:
    """An ``overdracht`` document of a case on which its consultant ("C. Een", a vault of
    another municipality) decided a fine of € 50, with the record's id."""
    source = make_vault(folder / "bron" / "kluis.db")
    try:
        consulent.save_name(source, "C. Een")
        case = case_import.import_case(source, read_handover_file(HANDOVER)).case_id
        given = OvertredingInput(
            Overtreding.PVT_INTENSITEIT, D("2026-09-01"), "Niet bij het PVT.", Verwijtbaarheid.OPZET
        )
        (record,) = handhaving.record_violation(source, case, given, TODAY).records
        decision = BesluitInput(True, 50_00, "", D("2026-09-02"))
        handhaving.decide(source, case, record.id, decision, MOMENT)
        return export_case_json(source, case, Doel.OVERDRACHT, NOW), record.id
    finally:
        source.lock()


def test_a_transferred_case_with_a_fine_decision_reaches_the_receiving_office(
    server: LiveServer, office: Database, vault: OpenVault, tmp_path: Path
) -> None:
    document, rid = decided_transfer_document(tmp_path)
    consultant = new_consultant("ontvanger")
    enroll_vault(vault, server.url, office, consultant)
    with pytest.raises(CaseDocumentRefused) as refused:
        import_case_document(vault, document)
    assert refused.value.code == "case_document_decisions_elsewhere"
    assert case_ids(vault) == set()
    case = import_document(office, document, consultant)  # inburg-office case import
    summary = sync(vault)
    assert (summary.quarantined, summary.purged) == (0, 0)
    with vault.session() as session:
        assert quarantine(session) == []
    held = office_fields(office, case)
    decided = json.loads(document)["fields"]
    besluit = next(f["value"] for f in decided if f["key"] == records.key(rid, "besluit"))
    assert held[records.key(rid, "besluit")] == besluit  # as taken, by whom it was taken
    assert besluit["door"]["naam"] == "C. Een"
    assert held["person.family_name"]
    assert office_caseload(office, consultant) == {case}
    (record,) = handhaving.load(vault, case).records
    assert record.besluit is not None and record.besluit.door.naam == "C. Een"
    assert record.besluit.bedrag_cents == 50_00


def test_a_decision_not_carried_by_a_transfer_is_still_bound_to_the_pushing_consultant(
    server: LiveServer, office: Database, vault: OpenVault, tmp_path: Path
) -> None:
    """The exemption is the transfer's: the same case created on this laptop without the
    mark (a decision "by" someone else, written by a modified client) is refused whole,
    leaving no case row or assignment at the office; the laptop keeps the case (finding 12:
    the pull purged it) with its creating op in "Apart gezet"."""
    document, rid = decided_transfer_document(tmp_path)
    raw = json.loads(document)
    consultant = new_consultant("zonder-merk")
    enroll_vault(vault, server.url, office, consultant)
    patch = {
        "doelgroep": raw["doelgroep"],
        **{f"person.{k}": v for k, v in raw["person"].items()},
        **{f"dates.{k}": v for k, v in raw["dates"].items()},
        **{f["key"]: f["value"] for f in raw["fields"]},
    }
    case = raw["case"]["id"]
    with vault.transaction() as session:
        create_case(session, case, patch)
    summary = sync(vault)
    assert summary.quarantined == 1
    assert summary.purged == 0
    with office.read() as session:
        assert session.get(CaseRecord, case) is None
        assert session.scalars(select(Assignment).where(Assignment.case_id == case)).all() == []
    assert case in case_ids(vault)
    with vault.session() as session:
        (entry,) = quarantine(session)
        assert entry.case_id == case and entry.error == "invalid_field"
        row = session.get(CaseRow, case)
        assert row is not None and row.server_version == 0  # never held by the office
    # and it stays through later rounds, while the office never holds it
    sync(vault)
    assert case in case_ids(vault)
    (record,) = handhaving.load(vault, case).records
    assert record.id == rid
