"""The consultant every PIP names and who a decision records (issue 13 items 5 and 6):
the name is a vault setting, "uw consulent" is no name, no PIP is set or rendered
without one, and a set version keeps the name it was set with."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.messages import error_text
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.services import consulent, pip_confirmation, pip_editing, pip_service
from inburg_desktop.services.pip_editing import DraftInput
from inburg_desktop.storage.changes import sync_problem
from inburg_desktop.storage.sync_state import Enrollment, save_enrollment
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import OpenVault

TODAY = date(2026, 11, 2)
DRAFT_INDEX = 7  # demo: a complete draft PIP on a complete intake
HALF_INTAKE = 0  # demo: half covered, one topic parked, no route chosen


@pytest.fixture
def ids(vault: OpenVault) -> list[str]:
    with vault.transaction() as session:
        return add_demo_cases(session, 12, TODAY)


def _stored_draft(vault: OpenVault, case_id: str) -> DraftInput:
    history = pip_editing.open_editor(vault, case_id, TODAY).context.history
    draft = history.draft
    assert draft is not None
    return DraftInput(draft.beschikking, draft.ontwikkelplan, TODAY)


def _outbox(vault: OpenVault) -> int:
    with vault.session() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxRow)) or 0)


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("", "Vul uw naam in"),
        ("   ", "Vul uw naam in"),
        ("uw consulent", "geen naam"),
        ("Uw Consulent", "geen naam"),
        ("De consulent", "geen naam"),
        ("Sanne\u202e", "richtingsteken U+202E"),
        ("Sanne\U0001d11e", "symbool U+1D11E"),
        ("S" * 201, "hoogstens 200"),
    ],
)
def test_words_that_are_no_name_are_refused_and_nothing_is_stored(
    vault: OpenVault, typed: str, why: str
) -> None:
    with pytest.raises(consulent.NaamGeweigerd) as refused:
        consulent.save_name(vault, typed)
    assert why in error_text(refused.value)
    assert consulent.read(vault).naam is None


def test_the_name_and_the_identity_of_the_decider(vault: OpenVault) -> None:
    assert consulent.read(vault) == consulent.Consulent(None, False, None)
    consulent.save_name(vault, "  Sanne de Vries ")
    assert consulent.read(vault).naam == "Sanne de Vries"
    moment = datetime(2026, 11, 2, 9, 15, 30, 999, tzinfo=UTC)
    with vault.transaction() as session:
        first = consulent.besluitnemer(session, moment)
    with vault.transaction() as session:
        second = consulent.besluitnemer(session, moment)
    assert first.consulent_id.startswith("kluis-") and first == second  # stable per vault
    assert first.tijdstip == "2026-11-02T09:15:30+00:00"
    with vault.transaction() as session:  # once enrolled, the office account is the id
        save_enrollment(session, Enrollment("https://kantoor", "dev-1", "s.devries", "a2V5"))
        enrolled = consulent.besluitnemer(session, moment)
    # ... and its office name the printed decider (attack round 7, finding 4)
    assert enrolled.consulent_id == "s.devries" and enrolled.naam == "s.devries"


def test_the_enrolled_name_stands_in_until_one_is_set(vault: OpenVault) -> None:
    with vault.transaction() as session:
        save_enrollment(session, Enrollment("https://kantoor", "dev-1", "Sanne de Vries", "a2V5"))
    known = consulent.read(vault)
    assert known.naam == "Sanne de Vries" and not known.eigen_naam


def test_no_pip_is_set_or_rendered_without_a_name(vault: OpenVault, ids: list[str]) -> None:
    case_id = ids[DRAFT_INDEX]
    before = _outbox(vault)
    with pytest.raises(consulent.ConsulentOnbekend):
        pip_editing.save_and_set(vault, case_id, _stored_draft(vault, case_id), 0)
    assert _outbox(vault) == before
    assert pip_editing.open_editor(vault, case_id, TODAY).context.history.in_force is None
    with pytest.raises(consulent.ConsulentOnbekend):
        pip_editing.current_pdf(vault, case_id, render_pip, "ar")


def test_setting_records_who_and_when_and_the_version_keeps_its_name(
    vault: OpenVault, ids: list[str]
) -> None:
    case_id = ids[DRAFT_INDEX]
    consulent.save_name(vault, "Sanne de Vries")
    moment = datetime(2026, 11, 2, 14, 5, tzinfo=UTC)
    history = pip_editing.save_and_set(
        vault, case_id, _stored_draft(vault, case_id), 0, moment=moment
    )
    version = history.in_force
    assert version is not None and version.vastgesteld_door is not None
    assert version.vastgesteld_door.naam == "Sanne de Vries"
    assert version.vastgesteld_door.moment == moment
    # the record goes to the office with the version: within the protocol's field rules
    assert all(sync_problem(k, v) is None for k, v in history.storage_items().items())
    first = pip_editing.current_pdf(vault, case_id, render_pip)
    consulent.save_name(vault, "Joris Bakker")  # another consultant takes over the laptop
    assert pip_editing.current_pdf(vault, case_id, render_pip) == first  # same bytes


def test_the_confirmation_reads_the_intake_as_it_is_now(vault: OpenVault, ids: list[str]) -> None:
    case_id = ids[HALF_INTAKE]
    data = pip_editing.open_editor(vault, case_id, TODAY)
    draft = DraftInput(
        data.context.proposal.beschikking, data.context.proposal.ontwikkelplan, TODAY
    )
    confirmation = pip_editing.confirmation(vault, case_id, draft, 0)
    assert isinstance(confirmation, pip_confirmation.Confirmation)
    assert {r.code for r in confirmation.open_items} >= {
        "intake_topic_parked",
        "intake_topic_open",
        "intake_route_not_chosen",
    }
    # the law's refusals are pip_rules' (the same as the editor's side panel shows)
    assert {r.code for r in confirmation.required} == {
        r.code
        for r in pip_service.setting_check(
            data.context.stored,
            data.context.history,
            data.context.history.new_draft(draft.beschikking, TODAY),
            TODAY,
            0,
        ).refusals
    }
    assert confirmation.blocked and confirmation.consulent is None
    assert confirmation.topics_total == 16 and confirmation.topics_covered < 16
