"""Intake services on a real vault: answers with provenance, coverage of the demo cases
(what ``inburg case show --json`` reports), summary, COA, sessions, oproepen, route input."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.people import PEOPLE
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.intake import TopicState
from inburg_desktop.domain.route_advice import Diploma, ErkNiveau, ToetsUitkomst
from inburg_desktop.services import intake_coa, intake_edit
from inburg_desktop.services.case_status import case_status
from inburg_desktop.services.intake_oproepen import status_of, stored_oproepen
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.services.intake_sessions import session_records
from inburg_desktop.services.intake_summary import build_overview, build_summary, display_value
from inburg_desktop.services.route_advice_input import (
    ChoiceRefused,
    advice_for,
    route_advice_input,
    route_choice,
    route_choice_patch,
)
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.vault import OpenVault

TODAY = date(2026, 11, 2)


@pytest.fixture
def demo(vault: OpenVault) -> list[str]:
    with vault.transaction() as session:
        return add_demo_cases(session, 12, TODAY)


def test_topics_covered_reflects_real_coverage_of_demo_cases(
    vault: OpenVault, demo: list[str]
) -> None:
    with vault.session() as session:
        covered = [case_status(get_case(session, i), TODAY).as_json() for i in demo]
    counts = [doc["intake"]["topics_covered"] for doc in covered]
    assert counts[:5] == [6, 1, 16, 0, 0]
    assert all(doc["intake"]["topics_total"] == 16 for doc in covered)
    with vault.session() as session:
        half = get_case(session, demo[0])
    states = intake_edit.states(half.fields, shipped_catalogue())
    assert states["gezinssituatie"] is TopicState.PARKED
    assert states["motivatie"] is TopicState.TOUCHED


def test_answers_carry_catalogue_version_and_prompt(vault: OpenVault, demo: list[str]) -> None:
    catalogue = shipped_catalogue()
    patch, meta = intake_edit.answer_patch(catalogue, "opleiding", "aantal_jaren", 9)
    with vault.transaction() as session:
        intake_edit.save(session, demo[3], patch, meta)
    with vault.session() as session:
        stored = intake_edit.field_meta(session, demo[3], "intake.opleiding.aantal_jaren")
    row = stored["intake.opleiding.aantal_jaren"]
    assert row.catalogue_version == catalogue.version
    assert row.prompt_id == "opleiding.jaren"
    cleared, _ = intake_edit.answer_patch(catalogue, "opleiding", "land", "  ")
    assert cleared == {"intake.opleiding.land": None}


def test_cover_check_names_missing_fields() -> None:
    topic = shipped_catalogue().topic("opleiding")
    check = intake_edit.cover_check({"intake.opleiding.aantal_jaren": 6}, topic)
    assert not check.ok
    assert check.missing_labels == ("Hoogst behaalde diploma",)
    assert intake_edit.cover_check({}, topic).nothing_recorded


def test_summary_lists_known_and_missing(vault: OpenVault, demo: list[str]) -> None:
    with vault.session() as session:
        stored = get_case(session, demo[1])
        meta = intake_edit.field_meta(session, demo[1])
    summary = build_summary(stored)
    opleiding = summary.topic("opleiding")
    assert opleiding.state is TopicState.TOUCHED
    assert "Aantal jaren onderwijs" in opleiding.missing_labels
    assert [k.value for k in opleiding.known] == ["Eritrea"]
    taal = summary.topic("taalniveau")
    assert any(k.value == "A2 (basisgebruiker)" for k in taal.known)  # labels, not codes
    overview = build_overview(stored, meta)
    assert overview.coa["taalniveau"][0].text.startswith("Volgde 8 weken")
    assert not overview.coa["taalniveau"][0].confirmed


def test_coa_confirm_and_correct(vault: OpenVault, demo: list[str]) -> None:
    catalogue = shipped_catalogue()
    with vault.session() as session:
        fields = get_case(session, demo[0]).fields
    patch, meta = intake_coa.confirm_patch(catalogue, fields, "handover.household", TODAY)
    rows = patch["intake.gezinssituatie.gezinsleden"]
    assert {"relatie": "kind", "leeftijd": 5} in rows
    assert meta["intake.gezinssituatie.gezinsleden"].source == "coa"
    correction, correction_meta = intake_coa.correct_patch(
        "handover.notes.werkervaring", "Werkte drie jaar in een apotheek."
    )
    with vault.transaction() as session:
        intake_edit.save(session, demo[0], {**patch, **correction}, {**meta, **correction_meta})
    with vault.session() as session:
        items = intake_coa.coa_items(
            get_case(session, demo[0]).fields, intake_edit.field_meta(session, demo[0])
        )
    werk = items["werkervaring"][0]
    assert werk.corrected and werk.confirmed and werk.text.startswith("Werkte drie")
    assert items["gezinssituatie"][0].confirmed


def test_sessions_and_oproepen_of_demo_cases(vault: OpenVault, demo: list[str]) -> None:
    with vault.session() as session:
        first = get_case(session, demo[0]).fields
        no_show = get_case(session, demo[4]).fields
    records = session_records(first)
    assert records[0].tolk == "ter_plaatse" and "alleen_gesprek" in records[0].mededelingen
    assert len(stored_oproepen(no_show)) == 3
    assert status_of(no_show, plichtig=True).may_complete_without_person
    assert not status_of(first, plichtig=True).may_complete_without_person


def test_route_advice_input_from_intake(vault: OpenVault, demo: list[str]) -> None:
    with vault.session() as session:
        stored = get_case(session, demo[2])
    inputs = route_advice_input(stored, TODAY)
    assert inputs.toets_uitkomst is ToetsUitkomst.HAALBAAR
    assert inputs.toets_score == 33
    # the person's own schooling (demo.people): six years of primary school in Herat
    assert inputs.hoogste_diploma is Diploma(PEOPLE[2].schooling.diploma)
    assert inputs.erk["luisteren"] is ErkNiveau.A2
    advice = advice_for(stored, TODAY)
    assert advice.route is not None and advice.reasons
    choice = route_choice(stored.fields)
    assert choice is not None and choice.route is Leerroute.B1 and choice.reason


def test_route_choice_needs_a_reason() -> None:
    with pytest.raises(ChoiceRefused):
        route_choice_patch(Leerroute.Z, "  ", Leerroute.B1, datetime(2026, 11, 2, 10))


@pytest.mark.parametrize(
    ("language", "household", "toets"),
    [
        ("nl", "kind (1 aug 2021), partner (11 feb 1991), ouder", "14 jan 2026"),
        ("en", "child (1 Aug 2021), partner (11 Feb 1991), parent", "14 Jan 2026"),
    ],
)
def test_dates_and_relations_read_in_the_ui_language(
    language: str, household: str, toets: str
) -> None:
    # the "Van COA" panel said "child (2021-08-01)" in a Dutch screen; the summary showed
    # "Datum leerbaarheidstoets 2026-01-14": dates and codes are shown in the UI language
    from inburg_desktop.i18n import current_language, set_language

    before = current_language()
    set_language(language)
    try:
        members = [
            {"relation": "child", "date_of_birth": "2021-08-01"},
            {"relation": "partner", "date_of_birth": "1991-02-11"},
            {"relation": "parent"},
        ]
        assert intake_coa.household_text(members) == household
        field = shipped_catalogue().topic("leerbaarheid").field("toets_datum")
        assert display_value(field, "2026-01-14") == toets
        assert display_value(field, "not a date") == "not a date"  # shown as stored
    finally:
        set_language(before)
