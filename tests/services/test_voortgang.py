"""The voortgangsgesprekken use cases (issue 15 item 2): planned from the PIP in force with
the domain's dates (Besluit art. 5.3 lid 4), re-planned when an amendment changes their
number, a talk's parts saved and checked, a talk recorded held (or refused, with nothing
written), and a PIP amendment started from a talk with the talk as its reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import SIGNED_INDEX
from inburg_desktop.domain.deadlines import termijn_start
from inburg_desktop.domain.pip import Voortgangsgesprekken
from inburg_desktop.domain.satisfaction import Onderwerp
from inburg_desktop.domain.voortgang import Stand, plan_gesprekken, spread_maanden
from inburg_desktop.domain.voortgang_fields import afspraak_key, talk_key, tevredenheid_key
from inburg_desktop.services import consulent, pip_editing, voortgang
from inburg_desktop.services.pip_editing import DraftInput
from inburg_desktop.services.voortgang import GesprekState, TalkRefused
from inburg_desktop.storage.cases import get_case, update_fields
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import OpenVault

TODAY = date(2026, 11, 2)  # the PIP's dagtekening: the termijn starts 2026-11-03
START = date(2026, 11, 3)
COMPLETE_INTAKE = 2  # demo intake stage: complete, B1 chosen; a statushouder with a toddler


def _complete(draft: DraftInput) -> DraftInput:
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


@pytest.fixture
def case_id(vault: OpenVault) -> str:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        case = add_demo_cases(session, 12, TODAY)[COMPLETE_INTAKE]
    data = pip_editing.open_editor(vault, case, TODAY)
    proposal = data.context.proposal
    pip_editing.save_and_set(
        vault, case, _complete(DraftInput(proposal.beschikking, proposal.ontwikkelplan, TODAY)), 0
    )
    return case


def _outbox(vault: OpenVault) -> int:
    with vault.session() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxRow)) or 0)


def _fields(vault: OpenVault, case_id: str) -> dict[str, object]:
    with vault.session() as session:
        return get_case(session, case_id).fields


def test_setting_the_pip_plans_the_talks_with_the_domains_dates(
    vault: OpenVault, case_id: str
) -> None:
    talks = voortgang.list_talks(vault, case_id, TODAY)
    assert talks.termijn_start == START == termijn_start(TODAY)
    expected = plan_gesprekken(START, (1, 2, 3, 6, 9, 12, 18, 24))  # the PIP's default eight
    assert tuple(t.gepland for t in talks.talks) == expected
    assert expected[:3] == (date(2026, 12, 3), date(2027, 1, 3), date(2027, 2, 3))
    assert [t.nummer for t in talks.talks] == list(range(1, 9))
    assert {t.state(TODAY) for t in talks.talks} == {GesprekState.GEPLAND}
    assert talks.talks[0].state(date(2026, 12, 4)) is GesprekState.TE_LAAT
    assert talks.next_number == 1 and talks.pip_version is not None
    # planning again changes nothing (and writes nothing)
    before = _outbox(vault)
    voortgang.plan_talks(vault, case_id, TODAY)
    assert _outbox(vault) == before


def test_an_amendment_with_fewer_talks_replans_those_not_held(
    vault: OpenVault, case_id: str
) -> None:
    voortgang.record_held(vault, case_id, 1, date(2026, 12, 3), date(2026, 12, 3))
    later = date(2027, 1, 10)
    in_force = pip_editing.open_editor(vault, case_id, later).context.history.in_force
    assert in_force is not None
    four = spread_maanden(4)  # 1, 3, 12, 24: densest at the start
    beschikking = replace(in_force.beschikking, voortgangsgesprekken=Voortgangsgesprekken(four))
    draft = DraftInput(beschikking, in_force.ontwikkelplan, later, reden="Minder gesprekken nodig.")
    pip_editing.save_and_set(vault, case_id, draft, 0)
    talks = voortgang.list_talks(vault, case_id, later).talks
    planned = plan_gesprekken(START, four)
    assert talks[0].gehouden == date(2026, 12, 3)  # held: kept as it was
    assert tuple(t.gepland for t in talks[1:4]) == planned[1:4]
    assert all(t.gepland is None for t in talks[4:])  # the plan no longer has them
    assert voortgang.planned_days(_fields(vault, case_id)) == (talks[0].gepland, *planned[1:])


def test_a_talks_parts_are_saved_checked_and_only_when_changed(
    vault: OpenVault, case_id: str
) -> None:
    parts = {
        talk_key(1, "notities"): "Gaat goed met de lessen.\nWil sneller werk.",
        afspraak_key(1, 0, "stand"): "achter",
        afspraak_key(1, 0, "vervolg"): "Extra lesuur op donderdag.",
        tevredenheid_key(1, Onderwerp.PVT): "tevreden",
    }
    talk = voortgang.save_talk(vault, case_id, 1, parts)
    assert talk.stand(0) is Stand.ACHTER and talk.vervolg_van(0) == "Extra lesuur op donderdag."
    assert talk.antwoord(Onderwerp.PVT) is not None and talk.pip_versie == 1
    before = _outbox(vault)
    voortgang.save_talk(vault, case_id, 1, parts)  # nothing changed: nothing written
    assert _outbox(vault) == before
    refused = {
        "voortgang_key_unknown": {talk_key(2, "notities"): "een ander gesprek"},
        "voortgang_text_hidden": {afspraak_key(1, 0, "vervolg"): "twee\nregels"},
        "voortgang_choice_invalid": {afspraak_key(1, 0, "stand"): "achterstand"},
        "voortgang_afspraak_unknown": {afspraak_key(1, 60, "stand"): "voor"},
    }
    for code, values in refused.items():
        with pytest.raises(TalkRefused) as exc:
            voortgang.save_talk(vault, case_id, 1, values)
        assert exc.value.code == code
    with pytest.raises(TalkRefused) as exc:  # talk 3 while talk 1 is not held: a gap
        voortgang.save_talk(vault, case_id, 3, {talk_key(3, "notities"): "x"})
    assert exc.value.code == "voortgang_no_talk"
    assert _outbox(vault) == before


def test_recording_a_talk_held_is_refused_with_nothing_written(
    vault: OpenVault, case_id: str
) -> None:
    on = date(2026, 12, 5)
    voortgang.save_talk(vault, case_id, 1, {afspraak_key(1, 0, "stand"): "achter"})
    before = _outbox(vault)
    for nummer, held_on, code in (
        (1, on + timedelta(days=1), "voortgang_held_future"),
        (1, TODAY, "voortgang_held_before_termijn"),  # the dagtekening: before the start
        (2, on, "voortgang_no_talk"),  # talk 1 first
        (1, on, "voortgang_next_step_missing"),  # behind, nothing agreed next
    ):
        with pytest.raises(TalkRefused) as exc:
            voortgang.record_held(vault, case_id, nummer, held_on, on)
        assert exc.value.code == code
    assert _outbox(vault) == before
    voortgang.save_talk(vault, case_id, 1, {afspraak_key(1, 0, "vervolg"): "Wekelijks bellen."})
    held = voortgang.record_held(vault, case_id, 1, on, on)
    assert held.gehouden == on and held.state(on) is GesprekState.GEHOUDEN
    assert voortgang.list_talks(vault, case_id, on).next_number == 2
    assert voortgang.held_days(_fields(vault, case_id)) == (on,)
    # talk 2 not before talk 1, and talk 1 not re-dated after talk 2
    later = date(2027, 1, 5)
    with pytest.raises(TalkRefused) as exc:
        voortgang.record_held(vault, case_id, 2, on - timedelta(days=1), later)
    assert exc.value.code == "voortgang_held_order"
    voortgang.record_held(vault, case_id, 2, later, later)
    with pytest.raises(TalkRefused) as exc:
        voortgang.record_held(vault, case_id, 1, later + timedelta(days=1), later + timedelta(1))
    assert exc.value.code == "voortgang_held_order"
    voortgang.record_held(vault, case_id, 1, on + timedelta(days=1), later)  # re-dated


def test_an_amendment_started_from_a_talk_carries_the_talk_as_reason(
    vault: OpenVault, case_id: str
) -> None:
    on = date(2026, 12, 5)
    with pytest.raises(TalkRefused) as exc:
        voortgang.start_amendment(vault, case_id, 1, "Meer uren taal.", on)
    assert exc.value.code == "voortgang_amend_not_held"
    voortgang.record_held(vault, case_id, 1, on, on)
    with pytest.raises(TalkRefused) as exc:
        voortgang.start_amendment(vault, case_id, 1, "   ", on)
    assert exc.value.code == "voortgang_amend_reason_missing"
    history = voortgang.start_amendment(vault, case_id, 1, "Meer uren taal.", on)
    draft, in_force = history.draft, history.in_force
    assert draft is not None and in_force is not None
    assert (draft.nummer, draft.based_on) == (2, 1)
    assert draft.reden == (
        "Naar aanleiding van voortgangsgesprek 1 van 5 december 2026: Meer uren taal."
    )
    assert draft.beschikking == in_force.beschikking
    assert draft.ontwikkelplan == in_force.ontwikkelplan
    # the amendment is then set as any other (the editor's save-and-set path)
    set_draft = DraftInput(draft.beschikking, draft.ontwikkelplan, on, reden=draft.reden)
    after = pip_editing.save_and_set(vault, case_id, set_draft, 0)
    assert after.in_force is not None and after.in_force.nummer == 2
    assert after.pip_date == TODAY  # the termijn's anchor does not move (Wet art. 11)


def test_no_pip_no_talks(vault: OpenVault) -> None:
    with vault.transaction() as session:
        case = add_demo_cases(session, 12, TODAY)[COMPLETE_INTAKE]
    with pytest.raises(TalkRefused) as exc:
        voortgang.plan_talks(vault, case, TODAY)
    assert exc.value.code == "voortgang_no_pip"
    with pytest.raises(TalkRefused) as exc:
        voortgang.record_held(vault, case, 1, TODAY, TODAY)
    assert exc.value.code == "voortgang_no_pip"
    assert voortgang.list_talks(vault, case, TODAY).talks == ()


def test_a_pip_set_without_planned_talks_is_planned_when_the_talks_are_opened(
    vault: OpenVault,
) -> None:
    """The demo's signed PIP, its planned days taken away (as a PIP set before the talks
    were planned at setting): reading alone writes nothing; the talk window's read plans
    them from the PIP in force."""
    with vault.transaction() as session:
        case = add_demo_cases(session, 12, TODAY)[SIGNED_INDEX]
        planned = [k for k in get_case(session, case).fields if k.endswith(".gepland")]
        update_fields(session, case, dict.fromkeys(planned))
    before = _outbox(vault)
    assert voortgang.open_talks(vault, case, TODAY).gesprekken.talks == ()
    assert _outbox(vault) == before  # a read writes nothing
    talks = voortgang.open_talks(vault, case, TODAY, plan_missing=True).gesprekken.talks
    assert len(talks) == 8 and all(t.gepland is not None for t in talks)
    again = _outbox(vault)
    voortgang.open_talks(vault, case, TODAY, plan_missing=True)  # planned: nothing more
    assert _outbox(vault) == again > before


def test_held_is_taken_back_only_while_it_waits_for_the_office(
    vault: OpenVault, case_id: str
) -> None:
    """Usability round 7, finding 15: a talk recorded as held by mistake is taken back
    (its day and the PIP version written with it cleared, so it is the next talk again),
    as long as the recording has not been sent to the office; then it is refused and
    nothing changes. Only the last talk held can be taken back."""
    on = date(2026, 12, 5)
    voortgang.record_held(vault, case_id, 1, on, on)
    voortgang.check_held(vault, case_id, 2, on, on)  # talk 2 could be next: no refusal
    talk = voortgang.undo_held(vault, case_id, 1, on)
    assert talk.gehouden is None and talk.pip_versie is None
    assert voortgang.list_talks(vault, case_id, on).next_number == 1
    with pytest.raises(TalkRefused) as exc:
        voortgang.undo_held(vault, case_id, 1, on)  # not held (any more)
    assert exc.value.code == "voortgang_no_talk"

    voortgang.record_held(vault, case_id, 1, on, on)
    voortgang.record_held(vault, case_id, 2, on, on)
    with pytest.raises(TalkRefused) as exc:
        voortgang.undo_held(vault, case_id, 1, on)  # talk 2 was held after it
    assert exc.value.code == "voortgang_no_talk"
    # a sync sent everything: the outbox is empty
    with vault.transaction() as session:
        session.query(OutboxRow).delete()
    before = _fields(vault, case_id)
    with pytest.raises(TalkRefused) as exc:
        voortgang.undo_held(vault, case_id, 2, on)
    assert exc.value.code == "voortgang_undo_sent"
    assert _fields(vault, case_id) == before and _outbox(vault) == 0


def test_check_held_refuses_as_record_held_does_and_writes_nothing(
    vault: OpenVault, case_id: str
) -> None:
    on = date(2026, 12, 5)
    before = _outbox(vault)
    with pytest.raises(TalkRefused) as exc:
        voortgang.check_held(vault, case_id, 1, TODAY, on)
    assert exc.value.code == "voortgang_held_before_termijn"
    voortgang.check_held(vault, case_id, 1, on, on)
    assert _outbox(vault) == before
    assert voortgang.list_talks(vault, case_id, on).talk(1).gehouden is None
