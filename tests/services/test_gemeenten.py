"""Which gemeenten the consultant works for (services/gemeenten.py), and a new case's
gemeente written in the same change as the case (issue 16 item 5)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from inburg_desktop.domain.handover import parse_handover
from inburg_desktop.messages import error_text
from inburg_desktop.services import case_by_hand
from inburg_desktop.services.case_import import import_case
from inburg_desktop.services.gemeenten import GemeenteGeweigerd, consultant_gemeenten
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.tables import CaseRow, OutboxRow
from inburg_desktop.storage.vault import OpenVault

from ..gemeente_office import publish

FORM = case_by_hand.PersonForm(
    given_names="Selam",
    family_name="Berhane",
    date_of_birth=date(1997, 1, 9),
    nationality="ERI",
    languages=("ti",),
    doelgroep="gezinsmigrant",
    brp_registration=date(2026, 10, 1),
)


def outbox(vault: OpenVault) -> list[dict[str, object]]:
    with vault.session() as session:
        return [json.loads(p) for p in session.scalars(select(OutboxRow.patch))]


def cases(vault: OpenVault) -> int:
    with vault.session() as session:
        return len(session.scalars(select(CaseRow.id)).all())


def test_nothing_published_no_choice_and_a_new_case_has_no_gemeente(vault: OpenVault) -> None:
    keuze = consultant_gemeenten(vault)
    assert keuze.office is None and not keuze.kiezen and keuze.vast is None
    added = case_by_hand.add_case(vault, FORM)
    assert "gemeente" not in outbox(vault)[0]
    with vault.session() as session:
        assert get_case(session, added.case_id).field("gemeente") is None


def test_one_gemeente_is_the_new_case_s_in_the_same_outbox_entry(vault: OpenVault) -> None:
    publish(vault, "GM0629")
    keuze = consultant_gemeenten(vault)
    assert not keuze.kiezen and keuze.vast is not None and keuze.vast.naam == "Wassenaar"
    added = case_by_hand.add_case(vault, FORM)
    [entry] = outbox(vault)  # the case and its gemeente: one change, one push
    assert entry["gemeente"] == "GM0629" and entry["person.given_names"] == "Selam"
    with vault.session() as session:
        assert get_case(session, added.case_id).field("gemeente") == "GM0629"


def test_several_the_consultant_chooses_by_code_or_name(vault: OpenVault) -> None:
    publish(vault, "GM0626", "GM0629")
    keuze = consultant_gemeenten(vault)
    assert keuze.kiezen and [g.naam for g in keuze.eigen] == ["Voorschoten", "Wassenaar"]
    with pytest.raises(GemeenteGeweigerd) as none_chosen:
        case_by_hand.add_case(vault, FORM)
    assert "Voorschoten (GM0626), Wassenaar (GM0629)" in error_text(none_chosen.value)
    case_by_hand.add_case(vault, FORM, gemeente="voorschoten")
    assert outbox(vault)[0]["gemeente"] == "GM0626"


@pytest.mark.parametrize("given", ["Leidschendam-Voorburg", "GM1916", "Katwijk", "GM9999"])
def test_a_gemeente_not_the_consultant_s_is_refused_in_words_and_nothing_written(
    vault: OpenVault, given: str
) -> None:
    publish(vault, "GM0626", "GM0629")
    with pytest.raises(GemeenteGeweigerd) as refused:
        case_by_hand.add_case(vault, FORM, gemeente=given)
    text = error_text(refused.value)
    assert text.startswith("U werkt niet voor gemeente") and "Wassenaar (GM0629)" in text
    assert cases(vault) == 0 and outbox(vault) == []


def test_a_gemeente_given_while_the_office_published_none_is_refused(vault: OpenVault) -> None:
    with pytest.raises(GemeenteGeweigerd) as refused:
        case_by_hand.add_case(vault, FORM, gemeente="Wassenaar")
    assert "geen gemeenten doorgegeven" in error_text(refused.value)
    assert cases(vault) == 0


def test_an_unusable_list_is_no_choice_and_says_why(vault: OpenVault) -> None:
    from inburg_desktop.services.gemeenten import OFFICE_KEY
    from inburg_desktop.storage.sync_state import set_setting

    with vault.transaction() as session:
        set_setting(session, OFFICE_KEY, {"gemeenten": "Wassenaar"})
    keuze = consultant_gemeenten(vault)
    assert keuze.office is None and keuze.problem is not None
    assert keuze.problem.code == "gemeenten_setting_invalid"


def test_an_imported_handover_takes_the_gemeente_given(vault: OpenVault) -> None:
    publish(vault, "GM0626", "GM0629")
    handover = parse_handover(case_by_hand.handover_document(FORM))
    imported = import_case(vault, handover, gemeente="GM0629")
    with vault.session() as session:
        assert get_case(session, imported.case_id).field("gemeente") == "GM0629"
