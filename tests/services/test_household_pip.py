"""The PIP reads the case's household (issue 13): the VVE agreements of the proposal, and
so the rendered PIP, name the children the consultant recorded, not the handover's list
(which it read before, and still reads for a case whose household was never recorded)."""

from __future__ import annotations

from datetime import date

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.household import Gezinslid, Relatie
from inburg_desktop.formatting import decision_date
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.services import household, pip_service
from inburg_desktop.services.consulent import NAAM_SETTING
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.sync_state import set_setting
from inburg_desktop.storage.vault import OpenVault

from .test_pip_service import COMPLETE_INTAKE, TODAY, pdf_text


def _pip_text(vault: OpenVault, case_id: str) -> str:
    with vault.session() as session:
        context = pip_service.load_context(session, case_id, TODAY)
    proposal = context.proposal
    with vault.transaction() as session:
        pip_service.save_draft(
            session, case_id, proposal.beschikking, proposal.ontwikkelplan, TODAY
        )
    with vault.session() as session:
        return pdf_text(render_pip(pip_service.current_document(session, case_id)))


def test_the_pip_shows_the_children_of_the_cases_household(vault: OpenVault) -> None:
    with vault.transaction() as session:
        set_setting(session, NAAM_SETTING, "Sanne de Vries")
        case_id = add_demo_cases(session, 12, TODAY)[COMPLETE_INTAKE]
    with vault.session() as session:
        handed = household.household_of(get_case(session, case_id))
    assert handed.source == "handover"
    handed_children = [m.geboortedatum for m in handed.members if m.relatie is Relatie.KIND]
    assert handed_children and None not in handed_children
    before = _pip_text(vault, case_id)
    assert "Kind geboren op" in before  # the handover's young children, as before

    stored, _view = household.load(vault, case_id)
    recorded = [
        Gezinslid(Relatie.PARTNER, naam="Omar"),
        Gezinslid(Relatie.KIND, naam="Lina", geboortedatum=date(2025, 2, 1)),
        Gezinslid(Relatie.KIND, naam="Adam", geboortedatum=date(2024, 9, 12)),
        Gezinslid(Relatie.KIND, naam="Yusuf", geboortedatum=date(2012, 6, 3)),  # school age
    ]
    household.save(vault, case_id, recorded, TODAY, loaded=stored)
    text = _pip_text(vault, case_id)
    assert "Kind geboren op 1 februari 2025" in text
    assert "Kind geboren op 12 september 2024" in text
    assert text.count("Kind geboren op") == 2  # the school-age child needs no VVE
    for born in handed_children:  # the handover's list is no longer what the PIP reads
        assert born is not None and born.year not in (2024, 2025)
        assert f"Kind geboren op {decision_date(born)}" not in text
