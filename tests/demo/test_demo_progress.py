"""The demo's progress data (issue 15 items 3 and 5): the signed-PIP case shows the states
of the Voortgang window (hours behind the PIP's intensity per provider, PVT and MAP
partly done, KNM passed, the exam not yet, budget training started), the draft-PIP case
shows hours from the intake with no intensity yet; everything the office accepts."""

from __future__ import annotations

from datetime import date

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.progress_stages import INTAKE_HOURS_INDEX, PROGRESS_INDEX
from inburg_desktop.domain.aftercare import OntzorgenFase
from inburg_desktop.domain.voortgang import Stand
from inburg_desktop.protocol.field_rules import check_field
from inburg_desktop.services import progress
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.vault import OpenVault

TODAY = date(2026, 11, 30)


def test_the_demo_shows_the_progress_states(vault: OpenVault) -> None:
    with vault.transaction() as session:
        ids = add_demo_cases(session, 12, TODAY)
    shown = progress.load(vault, ids[PROGRESS_INDEX], TODAY)
    assert shown.pip_versie == 1 and shown.records.unreadable == ()
    assert [r.aanbieder for r in shown.lesuren] == ["", "ROC Midden", "Taalhuis Noord"]
    assert shown.lesuren[0].stand is Stand.ACHTER
    assert not shown.pvt.afgerond and len(shown.pvt.ontbreekt) == 2  # hours, signing
    assert shown.records.themas_afgerond == (1, 2, 3) and not shown.map.afgerond
    assert shown.knm.afgerond and shown.examen_behaald_op is None
    assert shown.ontzorgen.fase is OntzorgenFase.LOOPT
    assert "budgettraining_niet_gestart" not in shown.ontzorgen.codes
    early = progress.load(vault, ids[INTAKE_HOURS_INDEX], TODAY)
    assert early.pip_versie is None and early.lesuren == ()
    (entry,) = early.records.uren
    assert entry.regel.tijdens_intake
    with vault.session() as session:
        for case_id in (ids[PROGRESS_INDEX], ids[INTAKE_HOURS_INDEX]):
            for key, value in get_case(session, case_id).fields.items():
                check_field(key, value)  # the office takes every demo field
