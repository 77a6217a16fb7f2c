"""``inburg case import`` holds every field to the office's own rules (attack round 7,
finding 12): a document whose proposal step, fine decision or talks the office would
refuse was imported, its creating op refused at the first sync, and the whole case sat in
"Apart gezet". Now the document is refused naming the field, and nothing is written.
The decisions a transferred case brings are marked as carried (finding 11)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from inburg_desktop.domain import handhaving as records
from inburg_desktop.domain.case_document import CARRIED_DECISIONS_KEY, CaseDocumentError
from inburg_desktop.formatting import reason_text
from inburg_desktop.services.case_document_import import import_case_document
from inburg_desktop.storage.tables import CaseRow, FieldRow, OutboxRow
from inburg_desktop.storage.vault import OpenVault

from ..sync.test_transferred_case import decided_transfer_document


@pytest.fixture(scope="module")
def decided(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    document, rid = decided_transfer_document(tmp_path_factory.mktemp("overdracht"))
    return json.loads(document), rid


def _value(raw: dict[str, Any], key: str) -> Any:
    return next(f["value"] for f in raw["fields"] if f["key"] == key)


def _set(raw: dict[str, Any], key: str, value: Any) -> None:
    next(f for f in raw["fields"] if f["key"] == key)["value"] = value


def _step_width(raw: dict[str, Any], rid: str) -> str:
    voorstel = _value(raw, records.key(rid, "voorstel"))
    voorstel["stappen"][0]["text"] = "{bedrag:>1000000000}"
    return records.key(rid, "voorstel")


def _ten_million(raw: dict[str, Any], rid: str) -> str:
    _value(raw, records.key(rid, "besluit"))["bedrag_cents"] = 1_000_000_000
    return records.key(rid, "besluit")


def _decision_without_proposal(raw: dict[str, Any], rid: str) -> str:
    raw["fields"] = [f for f in raw["fields"] if f["key"] != records.key(rid, "voorstel")]
    return records.key(rid, "besluit")


def _lone_talk_two(raw: dict[str, Any], rid: str) -> str:
    raw["fields"].append(
        {
            "key": "voortgang.2.gehouden",
            "value": "2026-10-10",
            "source": "consultant",
            "confirmed": True,
            "catalogue_version": None,
            "prompt_id": None,
            "updated_at": raw["case"]["updated_at"],
        }
    )
    return "voortgang.2.gehouden"


@pytest.mark.parametrize(
    "damage", [_step_width, _ten_million, _decision_without_proposal, _lone_talk_two]
)
def test_a_field_the_office_would_refuse_refuses_the_document_naming_it(
    vault: OpenVault,
    decided: tuple[dict[str, Any], str],
    damage: Callable[[dict[str, Any], str], str],
) -> None:
    raw, rid = json.loads(json.dumps(decided[0])), decided[1]
    key = damage(raw, rid)
    with pytest.raises(CaseDocumentError) as refused:
        import_case_document(vault, json.dumps(raw).encode())
    index = next(i for i, f in enumerate(raw["fields"]) if f["key"] == key)
    assert refused.value.path == f"fields[{index}].value"
    assert refused.value.reason.code == "case_document_field"
    assert "kantoor" in reason_text(refused.value.reason)
    with vault.session() as session:
        for table in (CaseRow, FieldRow, OutboxRow):
            assert session.scalar(select(func.count()).select_from(table)) == 0


def test_the_decisions_a_transferred_case_brings_are_marked_as_carried(
    vault: OpenVault, decided: tuple[dict[str, Any], str], tmp_path: Path
) -> None:
    raw, rid = decided
    case = import_case_document(vault, json.dumps(raw).encode()).case_id
    with vault.session() as session:
        marker = session.get(FieldRow, (case, CARRIED_DECISIONS_KEY))
        assert marker is not None
        assert json.loads(marker.value) == [records.key(rid, "besluit")]
        (patch,) = session.scalars(select(OutboxRow.patch))
    assert json.loads(patch)[CARRIED_DECISIONS_KEY] == [records.key(rid, "besluit")]
