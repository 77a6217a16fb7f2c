"""Progress data that belongs to a leerroute (the Z-route eindgesprek, the MAP, an exam
result) is held to the routes the case's PIP sets wherever it comes in, by the one rule
(``domain.progress_fields.route_refusal``; usability round 8, finding 5: a Z-route
eindgesprek stood on a B1 case): an office edit, and a case document imported on a
laptop. Data recorded under an earlier route stays acceptable after a change; clearing
it always is."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.case_document import CaseDocumentError
from inburg_desktop.domain.pip import Beschikking, PipHistory
from inburg_desktop.server import admin
from inburg_desktop.server.admin import AdminError
from inburg_desktop.server.db import Database
from inburg_desktop.services.case_document_import import import_case_document
from inburg_desktop.storage.vault import OpenVault

from .test_laptops_office import HANDOVER, new_consultant, office_fields
from .test_transferred_case import decided_transfer_document


def _pip(*routes: Leerroute) -> dict[str, Any]:
    history = PipHistory()
    for i, route in enumerate(routes):
        day = f"2026-0{4 + i}-01"
        draft = history.new_draft(Beschikking(leerroute=route), PipHistory_day(day))
        history = history.with_draft(draft).set_draft(PipHistory_day(day))
    return dict(history.storage_items())


def PipHistory_day(text: str) -> Any:

    return date.fromisoformat(text)


def test_an_office_edit_is_held_to_the_cases_routes(office: Database) -> None:
    case = admin.import_handover(office, HANDOVER.read_bytes(), new_consultant())
    with pytest.raises(AdminError, match=r"zroute\.eindgesprek.*PIP"):
        admin.edit_case(office, case, {"zroute.eindgesprek": "2026-09-01"})  # no PIP yet
    admin.edit_case(office, case, _pip(Leerroute.B1))
    with pytest.raises(AdminError, match=r"zroute\.eindgesprek"):
        admin.edit_case(office, case, {"zroute.eindgesprek": "2026-09-01"})
    exam = {"onderdeel": "lezen", "niveau": "B1", "datum": "2026-09-01", "behaald": True}
    admin.edit_case(office, case, {"examen.0123456789ab": exam})  # the B1-route's exam
    admin.edit_case(office, case, _pip(Leerroute.B1, Leerroute.Z))  # now the Z-route
    admin.edit_case(office, case, {"zroute.eindgesprek": "2026-09-01"})
    held = office_fields(office, case)
    assert held["zroute.eindgesprek"] == "2026-09-01" and "examen.0123456789ab" in held
    admin.edit_case(office, case, {"zroute.eindgesprek": None})  # clearing: always


def test_a_case_document_with_another_routes_data_is_refused_naming_it(
    vault: OpenVault, tmp_path: Path
) -> None:
    document, _rid = decided_transfer_document(tmp_path)
    raw = json.loads(document)
    stamp = raw["case"]["updated_at"]
    raw["fields"].append(
        {"key": "zroute.eindgesprek", "value": "2026-09-01", "source": "consultant",
         "confirmed": True, "catalogue_version": None, "prompt_id": None, "updated_at": stamp}
    )  # fmt: skip
    with pytest.raises(CaseDocumentError) as refused:
        import_case_document(vault, json.dumps(raw).encode())
    assert refused.value.path == f"fields[{len(raw['fields']) - 1}].value"
    assert refused.value.reason.code == "case_document_field"
