"""The exported document carries a case's open sync conflicts and set-aside records too
(the person's copy is everything held about them, AVG art. 15), and only that case's."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.case_document import Doel, loads
from inburg_desktop.services.case_export import export_case_json
from inburg_desktop.storage.tables import CaseRow, ConflictRow, QuarantineRow
from inburg_desktop.storage.vault import OpenVault

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def test_conflicts_and_set_aside_records_of_the_case_and_no_other(vault: OpenVault) -> None:
    with vault.transaction() as session:
        add_demo_cases(session, 3)
    with vault.session() as session:
        mine, other, _ = sorted(
            session.scalars(CaseRow.__table__.select().with_only_columns(CaseRow.id))
        )
    at = datetime(2026, 11, 1, 9, 30)
    with vault.transaction() as session:
        for case_id, note in ((mine, "mijn versie"), (other, "andermans versie")):
            session.add(
                ConflictRow(
                    case_id=case_id,
                    field_key="intake.opleiding.notes",
                    office_value=json.dumps("kantoor"),
                    office_version=4,
                    laptop_value=json.dumps(note),
                    op_id=1,
                    created_at=at,
                )
            )
            session.add(
                QuarantineRow(
                    direction="pull",
                    op_id=None,
                    case_id=case_id,
                    field_keys=json.dumps(["intake.opleiding.notes"]),
                    patch=json.dumps({"intake.opleiding.notes": note}),
                    error="case_unassigned",
                    message="",
                    detail="{}",
                    created_at=at,
                )
            )
    doc = loads(export_case_json(vault, mine, Doel.INZAGE, NOW))
    assert [(c.field_key, c.laptop_value, c.office_version) for c in doc.conflicts] == [
        ("intake.opleiding.notes", "mijn versie", 4)
    ]
    assert [dict(q.patch) for q in doc.quarantine] == [{"intake.opleiding.notes": "mijn versie"}]
    assert doc.exported_at == NOW and doc.conflicts[0].created_at == at.replace(tzinfo=UTC)
