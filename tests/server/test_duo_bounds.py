"""What the DUO export must never report (attack round 9, findings 3, 6, 8 and 11):
withdrawals of what a lawful purge deleted (Besluit art. 9.9), progress after the termijn
or the plicht ended (Wet art. 3, 7, 11), months that have not ended or were already
reported, and a BSN that fails the elfproef (Wet art. 36)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import delete, select

from inburg_desktop.server import duo, purge
from inburg_desktop.server.admin import AdminError
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import DuoReported, FieldValue

from .test_duo_export import _GEMEENTEN, B1, damage, history, put_case

ON = date(2026, 10, 15)
ENDED = {"uitkomst.plicht_einde": "2019-06-01", "uitkomst.plicht_einde_reden": "voldaan"}
"""A plicht met in 2019: its intake and PIP data go after 2024-06-01 (Besluit art. 9.9)."""


@pytest.fixture
def gemeente() -> str:
    """A CBS code no other test of the session uses (test_duo_export's counter)."""
    return f"GM{next(_GEMEENTEN):04d}"


def withdrawn(export: duo.DuoExport, case_id: str) -> list[str]:
    return [m.identity for m in export.mutaties if m.record is None and case_id in m.identity]


def reported_rows(office: Database, case_id: str) -> list[str]:
    with office.read() as session:
        query = select(DuoReported.identity).where(DuoReported.case_id == case_id)
        return list(session.scalars(query))


def test_a_purge_between_export_and_confirmation_holds(office: Database, gemeente: str) -> None:
    # export, send; the nightly purge deletes the intake and PIP data; DUO accepts; confirm
    case_id = put_case(office, gemeente, {**history((B1, "2017-03-01")), **ENDED})
    sent = duo.compute(office, ON, gemeente=gemeente)
    assert sent.counts()["nieuw"] > 0
    duo.register(office, sent)
    plan = purge.plan(office, ON)
    assert [p.geheel for p in plan.te_verwijderen if p.case_id == case_id] == [False]
    purge.carry_out(office, plan)
    duo.confirm(office, sent.export_id)
    assert reported_rows(office, case_id) == []  # what the purge deleted stays deleted
    after = duo.compute(office, ON, gemeente=gemeente)
    assert withdrawn(after, case_id) == []
    assert after.mutaties == ()


def drop_pip(office: Database, case_id: str) -> None:
    """The case's PIP versions deleted, its reported rows left (a purge that did not reach
    ``duo_reported``, or a correction)."""
    with office.write() as session:
        session.execute(
            delete(FieldValue).where(
                FieldValue.case_id == case_id, FieldValue.key.startswith("pip.version.")
            )
        )


def test_records_gone_after_their_term_are_not_withdrawn(office: Database, gemeente: str) -> None:
    past_term = put_case(office, gemeente, {**history((B1, "2017-03-01")), **ENDED})
    running = put_case(office, gemeente, history((B1, "2026-03-02")))
    sent = duo.compute(office, ON, gemeente=gemeente)
    duo.register(office, sent)
    duo.confirm(office, sent.export_id)
    for case_id in (past_term, running):
        drop_pip(office, case_id)
    after = duo.compute(office, ON, gemeente=gemeente)
    assert withdrawn(after, past_term) == []  # a lawful deletion is no correction
    assert f"{running}/PIP/v1" in withdrawn(after, running)  # a correction still is


def months(export: duo.DuoExport) -> list[str]:
    return sorted(
        m.identity.rsplit("/", 1)[1] for m in export.mutaties if "/Voortgangsmeting/" in m.identity
    )


def test_progress_stops_when_the_plicht_or_the_termijn_ended(
    office: Database, gemeente: str
) -> None:
    ended = put_case(office, gemeente, {**history((B1, "2017-03-01")), **ENDED})
    assert months(duo.compute(office, ON, case_id=ended))[-1] == "2019-06"
    # no recorded end: the termijn (t/m 2020-03-01, Wet art. 11) ends the measuring
    termijn_over = put_case(office, gemeente, history((B1, "2017-03-01")))
    assert months(duo.compute(office, ON, case_id=termijn_over))[-1] == "2020-03"


def test_a_peildatum_after_today_is_refused(office: Database, gemeente: str) -> None:
    case_id = put_case(office, gemeente, history((B1, "2026-03-02")))
    with pytest.raises(AdminError, match="na vandaag"):
        duo.compute(office, date(2999, 1, 1), case_id=case_id)


def test_a_peildatum_before_the_last_confirmed_one_is_refused(
    office: Database, gemeente: str
) -> None:
    case_id = put_case(office, gemeente, history((B1, "2026-03-02")))
    sent = duo.compute(office, ON, case_id=case_id)
    duo.register(office, sent)
    duo.confirm(office, sent.export_id)
    with pytest.raises(AdminError, match="vóór die van de laatst bevestigde export"):
        duo.compute(office, date(2026, 5, 1), case_id=case_id)
    with pytest.raises(AdminError, match="2026-10-15"):
        duo.compute(office, date(2026, 5, 1), gemeente=gemeente)
    assert duo.compute(office, ON, case_id=case_id).mutaties == ()  # the same day: fine
    # a case nothing was reported of yet may be exported as of any past day
    other = put_case(office, gemeente, history((B1, "2026-03-02")))
    assert months(duo.compute(office, date(2026, 5, 1), case_id=other)) == ["2026-03", "2026-04"]


@pytest.mark.parametrize("bsn", ["123456789", "000000000", "111111111"])
def test_a_bsn_failing_the_elfproef_is_refused(office: Database, gemeente: str, bsn: str) -> None:
    # the office's field rules now refuse it (test_push_identity): this is a BSN stored
    # before they did
    case_id = put_case(office, gemeente, history((B1, "2026-03-02")))
    damage(office, case_id, "person.bsn", json.dumps(bsn))
    export = duo.compute(office, ON, case_id=case_id)
    assert export.mutaties == ()
    assert [(g.case_id, g.reden) for g in export.geweigerd] == [(case_id, "duo_geen_bsn")]
    assert "elfproef" in export.geweigerd[0].tekst
    assert bsn not in export.data().decode()
