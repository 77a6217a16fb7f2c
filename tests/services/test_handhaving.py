"""Enforcement use cases (services/handhaving.py) on a real vault: record a violation, the
warning, the proposal from the case's own history, the decision (AVG art. 22) and its
finality; the repeat rule, the caps and Wet art. 27 read from what was recorded before
(Wet inburgering 2021 art. 22, 23, 27; Besluit inburgering 2021 art. 7.1)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain import handhaving as records
from inburg_desktop.domain.fine_settings import OFFICE_SETTING
from inburg_desktop.domain.fines import FineInvalid, Overtreding, Verwijtbaarheid
from inburg_desktop.domain.handhaving import (
    Afloop,
    HandhavingInvalid,
    RecordInconsistent,
    Waarschuwingswijze,
)
from inburg_desktop.domain.office_settings import laptop_key
from inburg_desktop.messages import error_text
from inburg_desktop.services import consulent, handhaving
from inburg_desktop.services.consulent import ConsulentOnbekend
from inburg_desktop.services.handhaving import BesluitInput, OvertredingInput
from inburg_desktop.storage.cases import get_case, update_fields
from inburg_desktop.storage.sync_state import set_setting
from inburg_desktop.storage.vault import OpenVault

D = date.fromisoformat
PIP_DATE = D("2026-05-11")  # termijn 2026-05-12 t/m 2029-05-11
TODAY = D("2027-12-31")
PVT = Overtreding.PVT_INTENSITEIT
OPZET = Verwijtbaarheid.OPZET
MOMENT = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def case_id(vault: OpenVault) -> str:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        case = add_demo_cases(session, 3, date(2026, 5, 1))[0]
        update_fields(session, case, {"dates.pip_date": PIP_DATE.isoformat()})
        return case


def violation(vault: OpenVault, case_id: str, found: str, **kw: Any) -> str:
    """Record a violation; returns its id."""
    before = {r.id for r in handhaving.load(vault, case_id).records}
    given = OvertredingInput(
        kw.pop("soort", PVT),
        D(found),
        kw.pop("toelichting", "Drie keer niet bij het PVT geweest."),
        kw.pop("verwijtbaarheid", OPZET),
        kw.pop("bijstand_verlaagd", False),
    )
    data = handhaving.record_violation(vault, case_id, given, TODAY)
    (new,) = {r.id for r in data.records} - before
    return new


def impose(vault: OpenVault, case_id: str, record_id: str, on: str) -> int:
    data = handhaving.load(vault, case_id)
    proposal = handhaving.compute_proposal(data, record_id, D(on))
    handhaving.decide(
        vault, case_id, record_id, BesluitInput(True, proposal.bedrag_cents, "", D(on)), MOMENT
    )
    return proposal.bedrag_cents


def test_record_propose_decide_final_and_the_repeat_doubles(vault: OpenVault, case_id: str) -> None:
    first = violation(vault, case_id, "2026-09-01")
    handhaving.record_warning(
        vault, case_id, first, Waarschuwingswijze.SCHRIFTELIJK, D("2026-08-15"), "", TODAY
    )
    stored = handhaving.record_proposal(vault, case_id, first, D("2026-09-02"))
    assert stored.bedrag_cents == 50_00  # Besluit art. 7.1 lid 2, opzet 100 % (lid 4)
    assert impose(vault, case_id, first, "2026-09-02") == 50_00
    record = handhaving.load(vault, case_id).record(first)
    assert record.besluit is not None and record.besluit.door.naam == "Sanne de Vries"
    assert record.besluit.door.moment == MOMENT  # AVG art. 22: who decided and when
    assert record.waarschuwing is not None and record.voorstel is not None

    # a repeat before the first is final does not double (lid 3: "once final")
    second = violation(vault, case_id, "2026-11-01")
    data = handhaving.load(vault, case_id)
    assert handhaving.compute_proposal(data, second, D("2026-11-02")).bedrag_cents == 50_00

    # final at the earliest the day after its objection period (Awb art. 6:7, 6:8)
    with pytest.raises(RecordInconsistent) as early:
        handhaving.record_end(vault, case_id, first, Afloop.ONHERROEPELIJK, D("2026-10-14"), TODAY)
    assert early.value.rule.code == "final_in_objection_period"
    handhaving.record_end(vault, case_id, first, Afloop.ONHERROEPELIJK, D("2026-10-15"), TODAY)
    data = handhaving.load(vault, case_id)
    proposal = handhaving.compute_proposal(data, second, D("2026-11-02"))
    assert proposal.bedrag_cents == 100_00
    assert "fine_repeat" in {s.code for s in proposal.stappen}
    assert [e.id for e in proposal.eerdere] == [first]  # the history it was computed from

    # more than 12 months after the first: no repeat
    late = violation(vault, case_id, "2027-09-02")  # window t/m 2027-09-01
    data = handhaving.load(vault, case_id)
    assert handhaving.compute_proposal(data, late, TODAY).bedrag_cents == 50_00


def test_the_total_cap_counts_every_imposed_fine_of_the_case(
    vault: OpenVault, case_id: str
) -> None:
    """The total over all municipal fines in the termijn (Besluit art. 7.1, EUR 2,400; here
    the office's own lower EUR 150, as the Besluit's amounts are maxima): with 3 x EUR 50
    imposed, nothing is left."""
    with vault.transaction() as session:
        set_setting(session, laptop_key(OFFICE_SETTING), {"totaal_maximum_cents": 150_00})
    ids = [violation(vault, case_id, f"2026-{m:02d}-01") for m in (6, 7, 8)]
    for record_id, on in zip(ids, ("2026-06-02", "2026-07-02", "2026-08-02"), strict=True):
        impose(vault, case_id, record_id, on)
    last = violation(vault, case_id, "2026-12-01")
    data = handhaving.load(vault, case_id)
    assert data.settings_source == "office"
    proposal = handhaving.compute_proposal(data, last, D("2026-12-02"))
    assert proposal.bedrag_cents == 0  # 3 x EUR 50 = EUR 150 already
    assert [s.code for s in proposal.stappen][-2] == "fine_total_cap"
    with pytest.raises(HandhavingInvalid) as refused:
        handhaving.decide(
            vault, case_id, last, BesluitInput(True, 10_00, "", D("2026-12-02")), MOMENT
        )
    assert refused.value.code == "handhaving_amount_zero"


def test_bijstand_already_reduced_gives_no_fine(vault: OpenVault, case_id: str) -> None:
    """Wet art. 27: the Participatiewet reduction for the same conduct excludes a fine."""
    record_id = violation(vault, case_id, "2026-09-01", bijstand_verlaagd=True)
    data = handhaving.load(vault, case_id)
    proposal = handhaving.compute_proposal(data, record_id, D("2026-09-02"))
    assert proposal.bedrag_cents == 0 and [s.code for s in proposal.stappen] == ["fine_art_27"]
    handhaving.decide(
        vault,
        case_id,
        record_id,
        BesluitInput(False, 0, "Bijstand al verlaagd (Wet art. 27).", D("2026-09-02")),
        MOMENT,
    )
    record = handhaving.load(vault, case_id).record(record_id)
    assert record.besluit is not None and not record.besluit.opleggen
    assert record.as_earlier() is None  # no fine: nothing for later repeats or caps


def test_the_intake_fine_and_its_new_term(vault: OpenVault, case_id: str) -> None:
    """EUR 250 (Besluit art. 7.1 lid 1), no culpability step; the new term at most two
    months (Wet art. 22)."""
    record_id = violation(
        vault, case_id, "2026-04-01", soort=Overtreding.INTAKE_NIET_VERSCHENEN, verwijtbaarheid=None
    )
    data = handhaving.load(vault, case_id)
    assert handhaving.compute_proposal(data, record_id, D("2026-04-02")).bedrag_cents == 250_00
    too_long = BesluitInput(True, 250_00, "", D("2026-04-02"), D("2026-06-03"))
    with pytest.raises(HandhavingInvalid) as refused:
        handhaving.decide(vault, case_id, record_id, too_long, MOMENT)
    assert refused.value.code == "handhaving_new_term"
    handhaving.decide(
        vault, case_id, record_id, BesluitInput(True, 250_00, "", D("2026-04-02"), D("2026-06-02"))
    )
    record = handhaving.load(vault, case_id).record(record_id)
    assert record.as_earlier() is not None
    term = record.as_earlier().nieuwe_termijn  # type: ignore[union-attr]
    assert term is not None and (term.van, term.tot) == (D("2026-04-03"), D("2026-06-02"))


@pytest.mark.parametrize(
    ("given", "code"),
    [
        (BesluitInput(True, 60_00, "", D("2026-09-02")), "handhaving_amount_above_proposal"),
        (BesluitInput(True, 25_00, "", D("2026-09-02")), "handhaving_reason_lower"),
        (BesluitInput(False, 0, "  ", D("2026-09-02")), "handhaving_reason_none"),
        (BesluitInput(True, 50_00, "", D("2026-08-31")), "handhaving_date_order"),
    ],
)
def test_a_decision_the_rules_refuse_writes_nothing(
    vault: OpenVault, case_id: str, given: BesluitInput, code: str
) -> None:
    record_id = violation(vault, case_id, "2026-09-01")
    with vault.session() as session:
        before = get_case(session, case_id).fields
    with pytest.raises(HandhavingInvalid) as refused:
        handhaving.decide(vault, case_id, record_id, given, MOMENT)
    assert refused.value.code == code
    with vault.session() as session:
        assert get_case(session, case_id).fields == before


def test_refusals_before_anything_is_written(vault: OpenVault, case_id: str) -> None:
    with pytest.raises(FineInvalid) as culpa:
        violation(vault, case_id, "2026-09-01", verwijtbaarheid=None)
    assert culpa.value.code == "fine_culpability_missing"  # Besluit art. 7.1 lid 4
    with pytest.raises(HandhavingInvalid) as empty:
        violation(vault, case_id, "2026-09-01", toelichting="   ")
    assert empty.value.code == "handhaving_text_empty"
    with pytest.raises(HandhavingInvalid) as future:
        violation(vault, case_id, "2028-01-01")
    assert future.value.code == "handhaving_date_future"
    assert handhaving.load(vault, case_id).records == ()
    record_id = violation(vault, case_id, "2026-09-01")
    with pytest.raises(HandhavingInvalid) as undecided:
        handhaving.record_end(
            vault, case_id, record_id, Afloop.ONHERROEPELIJK, D("2026-10-01"), TODAY
        )
    assert undecided.value.code == "handhaving_no_decision"


def test_no_decision_without_the_consultants_name(vault: OpenVault) -> None:
    with vault.transaction() as session:
        case = add_demo_cases(session, 1, date(2026, 5, 1))[0]
    record_id = violation(vault, case, "2026-09-01")
    with pytest.raises(ConsulentOnbekend):
        handhaving.decide(vault, case, record_id, BesluitInput(True, 50_00, "", D("2026-09-02")))
    assert handhaving.load(vault, case).record(record_id).besluit is None


def test_every_stored_step_passes_the_office_rule(vault: OpenVault, case_id: str) -> None:
    record_id = violation(vault, case_id, "2026-09-01")
    handhaving.record_warning(
        vault, case_id, record_id, Waarschuwingswijze.MONDELING, D("2026-09-01"), "Gebeld.", TODAY
    )
    impose(vault, case_id, record_id, "2026-09-02")
    handhaving.record_end(vault, case_id, record_id, Afloop.VERVALLEN, D("2026-10-01"), TODAY)
    with vault.session() as session:
        fields = {
            k: v for k, v in get_case(session, case_id).fields.items() if k.startswith("handh")
        }
    assert {k.rsplit(".", 1)[1] for k in fields} == set(records.STAPPEN)
    for key, value in fields.items():
        assert records.stored_problem(key, value) is None, key


def test_amounts_come_from_the_office_else_this_laptop_else_the_besluit(
    vault: OpenVault,
) -> None:
    with vault.session() as session:
        assert handhaving.fine_settings(session)[1] == "besluit"
    with pytest.raises(FineInvalid):
        handhaving.save_local_settings(vault, {"basis_cents": -5})
    with vault.session() as session:
        assert handhaving.fine_settings(session)[1] == "besluit"  # nothing stored
    handhaving.save_local_settings(vault, {"basis_cents": 45_00})
    with vault.session() as session:
        settings, source = handhaving.fine_settings(session)
        assert (settings.basis_cents, source) == (45_00, "local")
    with vault.transaction() as session:
        set_setting(session, laptop_key(OFFICE_SETTING), {"basis_cents": "x"})  # unusable
    with vault.session() as session:
        assert handhaving.fine_settings(session)[1] == "local"  # skipped, not half-applied
    with vault.transaction() as session:
        set_setting(session, laptop_key(OFFICE_SETTING), {"basis_cents": 30_00})
    with vault.session() as session:
        settings, source = handhaving.fine_settings(session)
        assert (settings.basis_cents, source) == (30_00, "office")


def test_a_record_breaking_a_rule_is_marked_and_counts_as_no_earlier_fine(
    vault: OpenVault, case_id: str
) -> None:
    """Attack round 7, finding 1 (``hostile_repeat.py``): a final record whose decision
    (€ 800) is above its proposal (€ 50), as a hostile or older office served it, doubled
    the next proposal as "1 eerdere onherroepelijke boete" (Besluit art. 7.1 lid 3)."""
    first = violation(vault, case_id, "2026-09-01")
    impose(vault, case_id, first, "2026-09-02")
    handhaving.record_end(vault, case_id, first, Afloop.ONHERROEPELIJK, D("2026-10-15"), TODAY)
    key = records.key(first, "besluit")
    with vault.transaction() as session:
        stored = get_case(session, case_id).fields[key]
        update_fields(session, case_id, {key: {**stored, "bedrag_cents": 800_00}})
    second = violation(vault, case_id, "2026-11-01")
    data = handhaving.load(vault, case_id)
    assert data.broken[first].code == "decision_above_proposal"
    assert second not in data.broken
    proposal = handhaving.compute_proposal(data, second, D("2026-11-02"))
    assert proposal.bedrag_cents == 50_00 and proposal.eerdere == ()


def test_a_step_the_office_would_refuse_in_its_case_is_not_written(
    vault: OpenVault, case_id: str
) -> None:
    """The laptop's own writes follow the office's case rules (attack round 7, finding 3):
    a violation found before the BRP registration is refused, in words, with its article."""
    given = OvertredingInput(PVT, D("2025-01-02"), "Niet bij het PVT.", OPZET)
    with pytest.raises(RecordInconsistent) as refused:
        handhaving.record_violation(vault, case_id, given, TODAY)
    assert refused.value.rule.code == "date_before_brp"
    assert "Wet art. 14 lid 1" in error_text(refused.value)
    assert handhaving.load(vault, case_id).records == ()
