"""Progress data, ontzorgen and nazorg use cases (issue 15 items 3 and 5) on a real vault:
what is recorded comes back as the domain's objects and stands against the PIP in force;
every refusal writes nothing (no field, no outbox entry)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.aftercare import OntzorgenFase
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.pip import Examenonderdeel
from inburg_desktop.domain.progress_fields import ART57, records_of
from inburg_desktop.domain.voortgang import Stand, Taalniveau, UrenSoort
from inburg_desktop.services import aftercare, consulent, pip_editing, progress
from inburg_desktop.services.aftercare import Art57Input
from inburg_desktop.services.pip_editing import DraftInput
from inburg_desktop.services.progress import (
    ExamenInput,
    ProgressRefused,
    PvtInput,
    UrenInput,
)
from inburg_desktop.storage.cases import get_case, update_fields
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import OpenVault

PIP_DAY = date(2026, 11, 2)  # the PIP's dagtekening: the termijn starts 2026-11-03
START = date(2026, 11, 3)
TODAY = date(2027, 5, 3)  # 26 whole weeks after the start
COMPLETE_INTAKE = 2  # demo intake stage: complete, B1 chosen; a statushouder with a toddler
BIJSTAND = date(2026, 10, 1)  # ontzorgen t/m 2027-03-31


def _complete(draft: DraftInput) -> DraftInput:
    b = draft.beschikking
    assert b.ontzorgen is not None
    return replace(
        draft,
        beschikking=replace(
            b,
            ontzorgen=replace(b.ontzorgen, besluit_datum=PIP_DAY, besluit_kenmerk="PW-1"),
            vve=tuple(replace(v, afspraak="Peuteropvang, twee ochtenden") for v in b.vve),
        ),
    )


@pytest.fixture
def case_id(vault: OpenVault) -> str:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        case = add_demo_cases(session, 12, PIP_DAY)[COMPLETE_INTAKE]
        update_fields(session, case, {"dates.bijstand_start": BIJSTAND.isoformat()})
    data = pip_editing.open_editor(vault, case, PIP_DAY)
    proposal = data.context.proposal
    pip_editing.save_and_set(
        vault,
        case,
        _complete(DraftInput(proposal.beschikking, proposal.ontwikkelplan, PIP_DAY)),
        0,
    )
    return case


def _outbox(vault: OpenVault) -> int:
    with vault.session() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxRow)) or 0)


def _fields(vault: OpenVault, case_id: str) -> dict[str, object]:
    with vault.session() as session:
        return get_case(session, case_id).fields


def test_hours_round_trip_and_stand_against_the_pips_intensity(
    vault: OpenVault, case_id: str
) -> None:
    before = progress.load(vault, case_id, TODAY)
    assert before.leerroute is Leerroute.B1 and before.termijn_start == START
    (total,) = before.lesuren  # no hours yet: one row, all providers together
    assert total.gevolgd == 0 and total.stand is Stand.ACHTER
    per_week = total.verwacht / 26
    hours = per_week * 26  # exactly what the PIP expects by TODAY
    sent = _outbox(vault)
    after = progress.add_uren(
        vault,
        case_id,
        UrenInput(" Taalhuis ", UrenSoort.NT2, START, TODAY, hours),
        TODAY,
    )
    assert _outbox(vault) == sent + 1  # it syncs: one op in the outbox
    (entry,) = after.records.uren
    assert entry.van == START and entry.regel.aanbieder == "Taalhuis"
    assert entry.regel.uren == hours and entry.regel.datum == TODAY
    assert [(r.aanbieder, r.stand) for r in after.lesuren] == [
        ("", Stand.OP_SCHEMA),
        ("Taalhuis", Stand.OP_SCHEMA),
    ]
    # stored as the documented shape, hours as a decimal text
    stored = _fields(vault, case_id)[f"uren.{entry.id}"]
    assert stored == {
        "aanbieder": "Taalhuis",
        "soort": "nt2",
        "van": "2026-11-03",
        "tot": "2027-05-03",
        "uren": format(hours.normalize(), "f"),
        "tijdens_intake": False,
    }
    # removed by mistake: null, which syncs too
    gone = progress.remove_entry(vault, case_id, f"uren.{entry.id}", TODAY)
    assert gone.records.uren == () and f"uren.{entry.id}" not in _fields(vault, case_id)


@pytest.mark.parametrize(
    ("given", "code"),
    [
        (
            UrenInput("Taalhuis", UrenSoort.NT2, START, TODAY + timedelta(1), Decimal(4)),
            "date_future",
        ),
        (UrenInput("Taalhuis", UrenSoort.NT2, TODAY, START, Decimal(4)), "range_order"),
        (UrenInput("  ", UrenSoort.NT2, START, TODAY, Decimal(4)), "text_empty"),
        (UrenInput("Taal\u202ehuis", UrenSoort.NT2, START, TODAY, Decimal(4)), "text_invalid"),
        (UrenInput("Taalhuis", UrenSoort.NT2, TODAY, TODAY, Decimal(25)), "hours_range"),
        (UrenInput("Taalhuis", UrenSoort.NT2, TODAY, TODAY, Decimal(0)), "hours_range"),
        (UrenInput("Taalhuis", UrenSoort.NT2, TODAY, TODAY, Decimal(-2)), "hours_range"),
        (UrenInput("Taalhuis", UrenSoort.NT2, TODAY, TODAY, Decimal("1.125")), "hours_invalid"),
        (UrenInput("Taalhuis", UrenSoort.KNM, START, TODAY, Decimal(4), True), "intake_not_nt2"),
        (UrenInput("Taalhuis", UrenSoort.NT2, date(2000, 1, 1), TODAY, Decimal(4)), "before_brp"),
    ],
)
def test_hours_refused_write_nothing(
    vault: OpenVault, case_id: str, given: UrenInput, code: str
) -> None:
    sent, fields = _outbox(vault), _fields(vault, case_id)
    with pytest.raises(ProgressRefused) as refused:
        progress.add_uren(vault, case_id, given, TODAY)
    assert refused.value.code == f"voortgangsdata_{code}"
    assert _outbox(vault) == sent and _fields(vault, case_id) == fields


def test_pvt_map_and_exams_make_the_stands_and_the_exam_day(vault: OpenVault, case_id: str) -> None:
    day = date(2027, 2, 1)
    progress.add_pvt_activiteit(
        vault, case_id, PvtInput("Werkbezoek gemeente", day, Decimal(8), True), TODAY
    )
    view = progress.add_pvt_activiteit(
        vault, case_id, PvtInput("Excursie", day, Decimal(6), False), TODAY
    )
    assert not view.pvt.afgerond  # 8 of 12 hours attended, not signed
    assert [r.code for r in view.pvt.ontbreekt] == [
        "voortgang_pvt_uren",
        "voortgang_pvt_ondertekening",
    ]
    progress.add_pvt_activiteit(vault, case_id, PvtInput("Debat", day, Decimal(4), True), TODAY)
    view = progress.set_pvt_ondertekend(vault, case_id, day, TODAY)
    assert view.pvt.afgerond
    for thema in range(1, 9):
        view = progress.set_map_thema(vault, case_id, thema, day, TODAY)
    assert [r.code for r in view.map.ontbreekt] == ["voortgang_map_eindgesprek"]
    view = progress.set_map_eindgesprek(vault, case_id, day, TODAY)
    assert view.map.afgerond
    # the exam: every language part at B1 (the route's target) and KNM
    for part in Examenonderdeel:
        view = progress.add_examen(
            vault, case_id, ExamenInput(part, Taalniveau.B1, date(2027, 3, 1), True), TODAY
        )
    assert view.examen_behaald_op is None and not view.knm.afgerond
    view = progress.add_examen(
        vault, case_id, ExamenInput(None, None, date(2027, 4, 2), True), TODAY
    )
    assert view.knm.afgerond and view.examen_behaald_op == date(2027, 4, 2)
    assert view.nazorg.due == date(2027, 10, 2) and view.nazorg.open


def test_exam_and_eindgesprek_refusals(vault: OpenVault, case_id: str) -> None:
    sent = _outbox(vault)
    with pytest.raises(ProgressRefused) as refused:
        progress.add_examen(
            vault, case_id, ExamenInput(Examenonderdeel.LEZEN, None, TODAY, True), TODAY
        )
    assert refused.value.code == "voortgang_exam_level"
    with pytest.raises(ProgressRefused) as refused:
        progress.set_z_eindgesprek(vault, case_id, TODAY, TODAY)  # a B1-route case
    assert refused.value.code == "voortgangsdata_not_z_route"
    with pytest.raises(ProgressRefused) as refused:
        progress.set_map_thema(vault, case_id, 9, TODAY, TODAY)
    assert refused.value.code == "voortgangsdata_key_unknown"
    with pytest.raises(ProgressRefused) as refused:
        progress.remove_entry(vault, case_id, "uren.0123456789ab", TODAY)
    assert refused.value.code == "voortgangsdata_no_entry"
    assert _outbox(vault) == sent


def test_ontzorgen_budget_training_and_art57(vault: OpenVault, case_id: str) -> None:
    on = date(2027, 3, 10)
    view = progress.load(vault, case_id, on)
    assert view.ontzorgen.fase is OntzorgenFase.LOOPT_AF
    assert "budgettraining_niet_gestart" in view.ontzorgen.codes
    view = aftercare.set_budgettraining(vault, case_id, date(2027, 1, 4), None, "Humanitas", on)
    assert "budgettraining_niet_gestart" not in view.ontzorgen.codes
    sent = _outbox(vault)
    for given, code in (
        (Art57Input(on, "PW-57", date(2027, 3, 31)), "ontzorgen_art57_before_end"),
        (Art57Input(on, "  ", date(2027, 4, 1)), "art57_kenmerk_missing"),
        (Art57Input(on, "PW-57", date(2027, 5, 1), date(2027, 4, 1)), "voortgangsdata_range_order"),
        (Art57Input(on + timedelta(1), "PW-57", date(2027, 4, 1)), "voortgangsdata_date_future"),
    ):
        with pytest.raises(ProgressRefused) as refused:
            aftercare.record_art57(vault, case_id, given, on)
        assert refused.value.code == code
    with pytest.raises(ProgressRefused) as refused:
        aftercare.set_budgettraining(vault, case_id, None, date(2027, 2, 1), "", on)
    assert refused.value.code == "training_finished_not_started"
    assert _outbox(vault) == sent
    aftercare.record_art57(
        vault, case_id, Art57Input(on, "PW-57", date(2027, 4, 1), date(2027, 9, 30)), on
    )
    later = progress.load(vault, case_id, date(2027, 6, 1))
    assert later.ontzorgen.fase is OntzorgenFase.VOORTGEZET
    assert later.ontzorgen.eind == date(2027, 3, 31)  # art. 57 never moves the six months
    assert records_of(_fields(vault, case_id)).art57 is not None
    assert _fields(vault, case_id)[ART57] == {
        "datum": "2027-03-10",
        "kenmerk": "PW-57",
        "van": "2027-04-01",
        "tot": "2027-09-30",
    }


def test_ontzorgen_refused_for_a_case_without_bijstand(vault: OpenVault, case_id: str) -> None:
    with vault.transaction() as session:
        update_fields(session, case_id, {"dates.bijstand_start": None})
    with pytest.raises(ProgressRefused) as refused:
        aftercare.set_budgettraining(vault, case_id, TODAY, None, "", TODAY)
    assert refused.value.code == "ontzorgen_not_applicable"


def test_nazorg_contact_needs_the_exam_and_comes_after_it(vault: OpenVault, case_id: str) -> None:
    with pytest.raises(ProgressRefused) as refused:
        aftercare.record_nazorg_contact(vault, case_id, TODAY, TODAY)
    assert refused.value.code == "nazorg_no_exam"
    exam = date(2027, 3, 1)
    for part in (*Examenonderdeel, None):
        progress.add_examen(
            vault,
            case_id,
            ExamenInput(part, None if part is None else Taalniveau.B2, exam, True),
            TODAY,
        )
    with pytest.raises(ProgressRefused) as refused:
        aftercare.record_nazorg_contact(vault, case_id, exam - timedelta(1), TODAY)
    assert refused.value.code == "nazorg_before_exam"
    view = aftercare.record_nazorg_contact(vault, case_id, TODAY, TODAY)
    assert view.nazorg.gedaan_op == TODAY and not view.nazorg.open
