"""Demo progress data (issue 15 items 3 and 5), so the Voortgang window and ``inburg
voortgang`` show their states on the demo caseload. All fictional; dates relative to
today; written as the use cases write them (``domain.progress_fields``' value builders,
one ``storage.cases.update_fields`` in the caller's transaction), with fixed entry ids so
a run always gives the same caseload.

* **case 6** (signed PIP, B1-route, set 60 days ago; an asielstatushouder on bijstand):
  NT2 hours from two providers and KNM lessons, together about 90 % of what the PIP's
  intensity expects (behind: more than the 10 % margin off); two PVT activities, one
  attended, the declaration not yet signed; MAP themes 1–3 finished; the KNM exam
  passed and reading at A2 (below the route's B1: not yet the exam); budget training
  started, so ontzorgen shows only that its six months run.
* **case 7** (draft PIP): NT2 hours followed during the brede intake (they count toward
  the 600 of Besluit art. 5.5 lid 2), shown with "no PIP yet, no intensity".

No demo person registered in the BRP long enough ago for an exam six months back or for
ontzorgen to end this month (the earliest registration is 150 days ago), so the agenda's
``nazorg`` and ``ontzorgen_end`` items show on the demo from a later ``--on`` day; the
tests (``tests/services/test_agenda_progress.py``) hold their dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from inburg_desktop.domain.aftercare import Budgettraining
from inburg_desktop.domain.deadlines import termijn_start
from inburg_desktop.domain.pip import Examenonderdeel
from inburg_desktop.domain.progress_fields import (
    BUDGETTRAINING,
    budgettraining_value,
    examen_key,
    examen_value,
    pvt_key,
    pvt_value,
    thema_key,
    uren_key,
    uren_value,
    value_problem,
)
from inburg_desktop.domain.voortgang import (
    ExamenUitslag,
    PvtActiviteit,
    Taalniveau,
    UrenRegel,
    UrenSoort,
    verwachte_uren,
)
from inburg_desktop.services import pip_service
from inburg_desktop.storage.cases import get_case, update_fields

PROGRESS_INDEX = 6  # the signed PIP (demo.pip_stages.SIGNED_INDEX)
INTAKE_HOURS_INDEX = 7  # the draft PIP (demo.pip_stages.DRAFT_INDEX)


def _id(number: int) -> str:
    return f"{0xDE0000000000 + number:012x}"


def _signed_case_patch(session: Session, case_id: str, today: date) -> dict[str, Any]:
    stored = get_case(session, case_id)
    version = pip_service.load_history(stored).in_force
    start = termijn_start(stored.case.dates.pip_date)
    if version is None or start is None:
        return {}
    intensity = version.beschikking.leerroute_intensiteit
    per_week = intensity.uren_per_week if intensity is not None else 10
    total = intensity.totaal_uren if intensity is not None else 600
    until = today - timedelta(days=3)  # the providers report a few days late
    expected = verwachte_uren(per_week, total, start, until)
    # NT2 at 55 % and 25 % of what the PIP expects, with 8 KNM hours: about 90 % in all
    taalhuis = (expected * Decimal("0.55")).quantize(Decimal(1))
    roc = (expected * Decimal("0.25")).quantize(Decimal(1))
    patch: dict[str, Any] = {
        uren_key(_id(1)): uren_value(
            start, UrenRegel("Taalhuis Noord", UrenSoort.NT2, until, max(taalhuis, Decimal(1)))
        ),
        uren_key(_id(2)): uren_value(
            start, UrenRegel("ROC Midden", UrenSoort.NT2, until, max(roc, Decimal(1)))
        ),
        uren_key(_id(3)): uren_value(
            start, UrenRegel("ROC Midden", UrenSoort.KNM, until, Decimal(8))
        ),
        pvt_key(_id(4)): pvt_value(
            PvtActiviteit(
                "Bezoek gemeentehuis en raadsvergadering",
                start + timedelta(days=14),
                Decimal(4),
                True,
            )
        ),
        pvt_key(_id(5)): pvt_value(
            PvtActiviteit("Workshop grondrechten", start + timedelta(days=28), Decimal(3), False)
        ),
        examen_key(_id(6)): examen_value(
            ExamenUitslag(None, None, until - timedelta(days=7), True)  # KNM
        ),
        examen_key(_id(7)): examen_value(
            ExamenUitslag(Examenonderdeel.LEZEN, Taalniveau.A2, until - timedelta(days=7), True)
        ),
        BUDGETTRAINING: budgettraining_value(
            Budgettraining(start + timedelta(days=7), None, "Humanitas Thuisadministratie")
        ),
    }
    for thema in (1, 2, 3):
        patch[thema_key(thema)] = (start + timedelta(days=10 * thema)).isoformat()
    return patch


def _intake_hours_patch(session: Session, case_id: str, today: date) -> dict[str, Any]:
    brp = get_case(session, case_id).case.dates.brp_registration
    van = max(brp, today - timedelta(days=30))
    regel = UrenRegel("Taalhuis Noord", UrenSoort.NT2, today - timedelta(days=2), Decimal(24), True)
    return {uren_key(_id(8)): uren_value(van, regel)}


def add_progress_stages(session: Session, case_ids: Sequence[str], today: date) -> None:
    """Progress data on cases 6 and 7 of ``add_demo_cases`` (module docstring)."""
    for index, build in (
        (PROGRESS_INDEX, _signed_case_patch),
        (INTAKE_HOURS_INDEX, _intake_hours_patch),
    ):
        if len(case_ids) <= index or not case_ids[index]:
            continue
        patch = build(session, case_ids[index], today)
        for key, value in patch.items():  # the demo writes only what the office accepts
            assert value_problem(key, value) is None, key
        if patch:
            update_fields(session, case_ids[index], patch)
