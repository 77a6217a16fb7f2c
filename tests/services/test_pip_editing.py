"""The PIP editor's use cases without a window: each owns its transaction.

"Save and set" stores the draft as edited and sets it in one transaction, both or
neither: when a rule refuses the setting, the edited draft is not stored either (before,
the window ran ``save_draft`` and ``set_pip`` in its own ``vault.transaction()``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.services import consulent, pip_editing, pip_service
from inburg_desktop.services.pip_editing import DraftInput
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import OpenVault

TODAY = date(2026, 11, 2)
COMPLETE_INTAKE = 2  # demo intake stage: complete, B1 chosen; a statushouder with a toddler


@pytest.fixture
def case_id(vault: OpenVault) -> str:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        return add_demo_cases(session, 12, TODAY)[COMPLETE_INTAKE]


def outbox_ops(vault: OpenVault) -> int:
    with vault.session() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxRow)) or 0)


def proposal(vault: OpenVault, case_id: str, on: date = TODAY) -> DraftInput:
    data = pip_editing.open_editor(vault, case_id, on)
    return DraftInput(data.context.proposal.beschikking, data.context.proposal.ontwikkelplan, on)


def complete(draft: DraftInput) -> DraftInput:
    """The proposal with what the rules still miss filled in (ontzorgen decision, VVE)."""
    b = draft.beschikking
    assert b.ontzorgen is not None
    return replace(
        draft,
        beschikking=replace(
            b,
            ontzorgen=replace(b.ontzorgen, besluit_datum=TODAY, besluit_kenmerk="PW-1"),
            vve=tuple(replace(v, afspraak="Peuteropvang, twee ochtenden") for v in b.vve),
        ),
    )


def test_editor_data_is_read_in_one_call(vault: OpenVault, case_id: str) -> None:
    data = pip_editing.open_editor(vault, case_id, TODAY)
    assert data.context.stored.case.id == case_id
    assert data.context.history.latest is None
    assert data.consulent == "Sanne de Vries"
    assert data.attachments == ()


def test_save_and_set_refused_stores_neither_the_draft_nor_the_setting(
    vault: OpenVault, case_id: str
) -> None:
    before = outbox_ops(vault)
    with pytest.raises(pip_service.PipRefused) as refused:
        pip_editing.save_and_set(vault, case_id, proposal(vault, case_id), 0)
    assert {"ontzorgen_reference", "vve_no_agreement"} <= {r.code for r in refused.value.reasons}
    history = pip_editing.open_editor(vault, case_id, TODAY).context.history
    assert history.versions == ()  # the draft was not stored either
    assert outbox_ops(vault) == before  # and nothing goes to the office


def test_save_and_set_stores_both(vault: OpenVault, case_id: str) -> None:
    history = pip_editing.save_and_set(vault, case_id, complete(proposal(vault, case_id)), 0)
    assert history.pip_date == TODAY and history.draft is None
    stored = pip_editing.open_editor(vault, case_id, TODAY).context
    assert stored.history.in_force is not None and stored.history.in_force.nummer == 1
    assert stored.stored.case.dates.pip_date == TODAY  # Wet art. 11: the termijn's anchor


def test_a_refused_amendment_keeps_the_stored_draft_as_it_was(
    vault: OpenVault, case_id: str
) -> None:
    pip_editing.save_and_set(vault, case_id, complete(proposal(vault, case_id)), 0)
    later = TODAY + timedelta(days=40)
    in_force = pip_editing.open_editor(vault, case_id, later).context.history.in_force
    assert in_force is not None
    kept = DraftInput(in_force.beschikking, in_force.ontwikkelplan, later, reden="Eerste opzet.")
    pip_editing.save_draft(vault, case_id, kept)
    before = outbox_ops(vault)
    edited = replace(
        kept, beschikking=replace(in_force.beschikking, leerroute=Leerroute.Z), reden=""
    )
    with pytest.raises(pip_service.PipRefused) as refused:
        pip_editing.save_and_set(vault, case_id, edited, 0)
    assert "no_reason" in {r.code for r in refused.value.reasons}
    history = pip_editing.open_editor(vault, case_id, later).context.history
    draft = history.draft
    assert draft is not None and draft.reden == "Eerste opzet."  # not the refused edit
    assert draft.beschikking.leerroute == in_force.beschikking.leerroute
    assert history.in_force == in_force and outbox_ops(vault) == before


def test_discard_and_plan_each_commit_their_own_write(vault: OpenVault, case_id: str) -> None:
    draft = proposal(vault, case_id)
    assert pip_editing.save_draft(vault, case_id, draft).draft is not None
    assert pip_editing.discard_draft(vault, case_id).versions == ()
    pip_editing.save_draft(vault, case_id, draft)
    plan = replace(draft.ontwikkelplan, afspraken=())
    after = pip_editing.save_ontwikkelplan(vault, case_id, plan)
    latest = after.latest
    assert latest is not None and latest.ontwikkelplan.afspraken == ()
    stored = pip_editing.open_editor(vault, case_id, TODAY).context.history.latest
    assert stored is not None and stored.ontwikkelplan.afspraken == ()
