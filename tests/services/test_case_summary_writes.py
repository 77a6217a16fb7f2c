"""Every write keeps the case summaries current in its own transaction (issue 14): after
each write use case of the app (import, a case by hand and its correction, an intake
autosave, Dossiergegevens, every PIP step, a scan, a conflict resolved, the demo) nothing
is left marked and every summary is what computing its case afresh gives. And any
sequence of patches, new cases and deletions through the storage layer's one patch path
(hypothesis) leaves the same.

The vault is opened as the app opens it (``services.vault_session``), which hands the
computation to the vault; the pull, its conflicts and a case taken off the caseload are
in ``tests/sync/test_case_summary_sync.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.case import ResidenceBasis, WachtenOpDerde
from inburg_desktop.domain.handover import read_handover_file
from inburg_desktop.services import (
    case_by_hand,
    case_details,
    case_import,
    conflicts,
    consulent,
    intake_edit,
    pip_editing,
    vault_session,
)
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.services.pip_editing import DraftInput
from inburg_desktop.storage import case_summary as table
from inburg_desktop.storage.cases import iter_cases, new_case_id, update_fields
from inburg_desktop.storage.changes import create_case
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.tables import CaseRow, ConflictRow
from inburg_desktop.storage.vault import OpenVault

from ..conftest import PASSPHRASE
from .test_case_summary import assert_current

HANDOVER = Path(__file__).parent.parent / "data" / "handover-amal.json"
TODAY = date.today()  # what the app computes a write's summary on
COMPLETE_INTAKE = 2  # demo stage: intake complete, B1 chosen


@pytest.fixture
def app_vault(tmp_path: Path) -> Iterator[OpenVault]:
    vault = vault_session.create(tmp_path / "kluis.db", PASSPHRASE, TEST_KDF)
    yield vault
    vault.lock()


def complete(vault: OpenVault, case_id: str) -> DraftInput:
    """The PIP editor's proposal with what the rules still miss filled in."""
    data = pip_editing.open_editor(vault, case_id, TODAY)
    b = data.context.proposal.beschikking
    if b.ontzorgen is not None:
        b = replace(b, ontzorgen=replace(b.ontzorgen, besluit_datum=TODAY, besluit_kenmerk="PW-1"))
    b = replace(b, vve=tuple(replace(v, afspraak="Peuteropvang") for v in b.vve))
    return DraftInput(b, data.context.proposal.ontwikkelplan, TODAY)


def test_every_write_use_case_keeps_the_summaries_current(
    app_vault: OpenVault, tmp_path: Path
) -> None:
    vault = app_vault
    consulent.save_name(vault, "Sanne de Vries")
    imported = case_import.import_case(vault, read_handover_file(HANDOVER)).case_id
    assert_current(vault)

    form = case_by_hand.PersonForm(
        given_names="Yonas",
        family_name="Tesfay",
        date_of_birth=date(2001, 4, 3),
        nationality="ERI",
        languages=("ti",),
        doelgroep="gezinsmigrant",  # a statushouder by hand also needs a V-nummer
        brp_registration=date(2026, 10, 1),
    )
    by_hand = case_by_hand.add_case(vault, form).case_id
    assert_current(vault)
    loaded = case_by_hand.load_case(vault, by_hand)
    corrected = replace(form, family_name="Tesfamariam", nationality="ETH", languages=("am",))
    case_by_hand.correct_person(vault, by_hand, corrected, loaded)
    assert_current(vault)

    catalogue = shipped_catalogue()
    topic = catalogue.topics[0]
    intake_edit.save_edits(vault, imported, intake_edit.mark_patch(topic.id, "_covered", True))
    assert_current(vault)

    details = case_details.CaseDetails(
        residence_basis=ResidenceBasis.ASIEL,
        permit_since=date(2026, 1, 10),
        wachten_op_derde=WachtenOpDerde("Medisch advies GGD", date(2026, 9, 20)),
    )
    case_details.save(
        vault, imported, details, TODAY, loaded=case_details.load_case(vault, imported)
    )
    assert_current(vault)

    with vault.transaction() as session:
        demo = add_demo_cases(session, 12, TODAY)
    assert_current(vault)
    case_id = demo[COMPLETE_INTAKE]
    draft = complete(vault, case_id)
    pip_editing.save_draft(vault, case_id, draft)
    assert_current(vault)
    pip_editing.discard_draft(vault, case_id)
    assert_current(vault)
    pip_editing.save_and_set(vault, case_id, draft, 0)
    assert_current(vault)
    scan = tmp_path / "getekend.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned copy")
    pip_editing.attach_scan(vault, case_id, scan, TODAY)
    assert_current(vault)
    assert {row.pip_status for row in _rows(vault) if row.case_id == case_id} == {'"signed"'}

    # A stale screen's edit kept as a conflict, then the consultant's choice.
    key = f"intake.{topic.id}.notes"
    intake_edit.save_edits(vault, imported, {key: "eerst"})
    kept = intake_edit.save_screen_edits(vault, imported, {key: "later"}, started={key: "ouder"})
    assert kept == [key]
    assert_current(vault)
    conflicts.resolve(vault, imported, key, "samen")
    assert_current(vault)


def _rows(vault: OpenVault) -> list[Any]:
    with vault.session() as session:
        return table.read(session, whole=True)


PATCHES = st.dictionaries(
    st.sampled_from(
        [
            "intake.motivatie._covered",
            "intake.motivatie.notes",
            "intake.gezondheid._parked",
            "pip.current",
            "pip.wachten_op_derde",
            "person.family_name",
            "person.date_of_birth",
            "person.nationality",
            "person.residence_basis",
            "dates.duo_kennisgeving",
        ]
    ),
    st.none()
    | st.booleans()
    | st.sampled_from(["Haddad", "Øberg", "2001-02-28", "1960-07-01", "SYR", "DEU", "asiel"])
    | st.just({"status": "set"})
    | st.just({"reden": "UWV", "sinds": "2026-10-01", "ontvangen": None}),
    max_size=4,
)
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("patch"), st.integers(0, 50), PATCHES),
        st.tuples(st.just("new"), st.integers(0, 50), st.just({})),
        st.tuples(st.just("delete"), st.integers(0, 50), st.just({})),
    ),
    min_size=1,
    max_size=8,
)


def _apply(vault: OpenVault, step: tuple[str, int, dict[str, Any]]) -> None:
    kind, n, patch = step
    with vault.transaction() as session:
        ids = [case.id for case in iter_cases(session)]
        if kind == "new" or not ids:
            create_case(
                session,
                new_case_id(),
                {
                    "doelgroep": "gezinsmigrant",
                    "person.given_names": "Nieuw",
                    "person.family_name": "Dossier",
                    "person.date_of_birth": "1995-01-01",
                    "person.nationality": "MAR",
                    "dates.brp_registration": "2026-08-01",
                },
            )
        elif kind == "delete":
            session.execute(delete(CaseRow).where(CaseRow.id == ids[n % len(ids)]))
        else:
            try:
                with session.begin_nested():
                    update_fields(session, ids[n % len(ids)], patch)
            except ValueError:
                pass  # a value the patch path refuses: nothing written


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_any_writes_through_the_patch_path_keep_the_summaries_current(
    app_vault: OpenVault, steps: list[tuple[str, int, dict[str, Any]]]
) -> None:
    with app_vault.transaction() as session:
        if session.scalar(select(CaseRow.id).limit(1)) is None:
            add_demo_cases(session, 6, TODAY)
        session.execute(delete(ConflictRow))
    for step in steps:
        _apply(app_vault, step)
        assert_current(app_vault)
