"""The office holds a case's identity days to each other as the handover and
``inburg-case/1`` readers do (``handover.identity_order_problem``; attack round 8,
finding 2): a BRP registration before the birth passed the office day by day, and the
export of that case then failed. An office edit is refused naming the field."""

from __future__ import annotations

import pytest

from inburg_desktop.domain.case_document import Doel
from inburg_desktop.server import admin
from inburg_desktop.server.admin import AdminError
from inburg_desktop.server.case_transfer import export_document
from inburg_desktop.server.db import Database

from .test_laptops_office import HANDOVER, new_consultant, office_fields


def test_an_office_edit_keeps_the_identity_days_in_order(office: Database) -> None:
    case = admin.import_handover(office, HANDOVER.read_bytes(), new_consultant())
    birth = office_fields(office, case)["person.date_of_birth"]
    with pytest.raises(AdminError, match=r"dates\.brp_registration"):
        admin.edit_case(office, case, {"dates.brp_registration": "1900-01-01"})
    with pytest.raises(AdminError, match=r"person\.date_of_birth"):
        admin.edit_case(office, case, {"person.date_of_birth": "2099-01-01"})
    with pytest.raises(AdminError, match=r"person\.permit_since"):
        admin.edit_case(office, case, {"person.permit_since": "1900-01-01"})
    assert office_fields(office, case)["person.date_of_birth"] == birth
    assert export_document(office, case, Doel.INZAGE)  # the case still exports
