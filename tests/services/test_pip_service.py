"""PIP services on a real vault: prefill from the demo intake, draft, set (with the rules),
amend, the living ontwikkelplan, signing into the vault and the scanned copy."""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX, SIGNED_INDEX, signature_png
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.deadlines import route_switch_until
from inburg_desktop.domain.pip import (
    Actor,
    Afspraak,
    Besluitnemer,
    KnmVorm,
    LeerrouteIntensiteit,
    Ontwikkelplan,
    ParticipatieComponent,
    ParticipatieSoort,
    Uitzondering,
    UitzonderingGrond,
)
from inburg_desktop.messages import error_text
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.services import pip_attachments, pip_service
from inburg_desktop.services.case_status import case_status
from inburg_desktop.services.consulent import NAAM_SETTING
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.sync_state import set_setting
from inburg_desktop.storage.tables import AttachmentRow, CaseRow, OutboxRow
from inburg_desktop.storage.vault import OpenVault

DOOR = Besluitnemer("Sanne de Vries", "test", "2026-05-11T10:00:00+00:00")


TODAY = date(2026, 11, 2)


def _reasons_text(refused: pip_service.PipRefused) -> str:
    """The refusal's reasons as the edge shows them (Dutch, the rules' own words)."""
    return "; ".join(reason.render() for reason in refused.reasons)


def pdf_text(pdf: bytes) -> str:
    """The PDF's text as pdftotext reads it, lines joined (a sentence may wrap)."""
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode("utf-8").split())


COMPLETE_INTAKE = 2  # demo intake stage: complete, B1 chosen; a statushouder with a toddler


@pytest.fixture
def demo(vault: OpenVault) -> list[str]:
    with vault.transaction() as session:
        set_setting(session, NAAM_SETTING, "Sanne de Vries")
        return add_demo_cases(session, 12, TODAY)


def _draft_from_intake(vault: OpenVault, case_id: str) -> pip_service.PipContext:
    with vault.session() as session:
        context = pip_service.load_context(session, case_id, TODAY)
    proposal = context.proposal
    with vault.transaction() as session:
        pip_service.save_draft(
            session, case_id, proposal.beschikking, proposal.ontwikkelplan, TODAY
        )
    return context


def _fill_missing(vault: OpenVault, case_id: str) -> None:
    with vault.session() as session:
        history = pip_service.load_history(get_case(session, case_id))
    draft = history.draft
    assert draft is not None
    b = draft.beschikking
    assert b.ontzorgen is not None
    b = replace(
        b,
        ontzorgen=replace(b.ontzorgen, besluit_datum=TODAY, besluit_kenmerk="PW-1"),
        vve=tuple(replace(v, afspraak="Peuteropvang, twee ochtenden") for v in b.vve),
    )
    with vault.transaction() as session:
        pip_service.save_draft(session, case_id, b, draft.ontwikkelplan, TODAY)


def test_prefill_follows_the_intake_and_the_recorded_choice(
    vault: OpenVault, demo: list[str]
) -> None:
    with vault.session() as session:
        context = pip_service.load_context(session, demo[COMPLETE_INTAKE], TODAY)
    b = context.proposal.beschikking
    assert context.choice is not None and context.choice.route is Leerroute.B1
    assert b.leerroute is Leerroute.B1
    assert b.leerroute_intensiteit is not None  # statushouder: Besluit art. 5.3 lid 4
    assert b.ontzorgen is not None and b.ontzorgen.bijstand_start is not None
    assert [v.vve_nodig for v in b.vve] == [True]  # child born 2023, intake says VVE
    assert context.history.latest is None


def test_set_refused_while_missing_then_set_records_pip_date(
    vault: OpenVault, demo: list[str]
) -> None:
    case_id = demo[COMPLETE_INTAKE]
    _draft_from_intake(vault, case_id)
    with vault.session() as session:
        assert case_status(get_case(session, case_id), TODAY).pip["status"] == "draft"
    with pytest.raises(pip_service.PipRefused) as refused, vault.transaction() as session:
        pip_service.set_pip(session, case_id, TODAY, door=DOOR)
    codes = {r.code for r in refused.value.reasons}
    assert {"ontzorgen_reference", "vve_no_agreement"} <= codes
    assert "Participatiewet art. 56a" in _reasons_text(refused.value)
    _fill_missing(vault, case_id)
    with vault.transaction() as session:
        history = pip_service.set_pip(session, case_id, TODAY, door=DOOR)
    assert history.pip_date == TODAY
    with vault.session() as session:
        stored = get_case(session, case_id)
    assert stored.case.dates.pip_date == TODAY
    status = case_status(stored, TODAY).as_json()
    assert status["pip"]["status"] == "set"
    assert status["deadlines"]["termijn_start"] == (TODAY + timedelta(days=1)).isoformat()


def test_amendment_needs_a_reason_and_keeps_the_termijn(vault: OpenVault, demo: list[str]) -> None:
    case_id = demo[COMPLETE_INTAKE]
    _draft_from_intake(vault, case_id)
    _fill_missing(vault, case_id)
    with vault.transaction() as session:
        first = pip_service.set_pip(session, case_id, TODAY, door=DOOR)
    in_force = first.in_force
    assert in_force is not None
    later = TODAY + timedelta(days=40)
    with vault.transaction() as session:
        pip_service.save_draft(
            session, case_id, in_force.beschikking, in_force.ontwikkelplan, later
        )
    with pytest.raises(pip_service.PipRefused) as refused, vault.transaction() as session:
        pip_service.set_pip(session, case_id, later, door=DOOR)
    assert [r.code for r in refused.value.reasons] == ["no_reason"]
    assert "Awb art. 3:46" in _reasons_text(refused.value)
    with vault.transaction() as session:
        pip_service.save_draft(
            session,
            case_id,
            replace(in_force.beschikking, leerroute=Leerroute.Z),
            in_force.ontwikkelplan,
            later,
            reden="Leren gaat veel langzamer dan verwacht.",
        )
        # the Z-route ends KNM with an eindgesprek (a refusal); fewer than 800 hours of
        # participation needs a ground of Besluit art. 3.14 lid 6, 8 or 9 (a warning)
    with pytest.raises(pip_service.PipRefused) as z_refused, vault.transaction() as session:
        pip_service.set_pip(session, case_id, later, door=DOOR)
    assert {"knm_z_eindgesprek", "exception_unmotivated"} <= {
        r.code for r in z_refused.value.reasons
    }
    assert "Besluit art. 3.14 lid 6, 8 en 9" in _reasons_text(z_refused.value)
    with vault.transaction() as session:
        history = pip_service.discard_draft(session, case_id)
        assert history.draft is None
        pip_service.save_draft(
            session,
            case_id,
            in_force.beschikking,
            in_force.ontwikkelplan,
            later,
            reden="Andere taalaanbieder.",
        )
        amended = pip_service.set_pip(session, case_id, later, door=DOOR)
    assert [v.nummer for v in amended.versions] == [1, 2]
    assert amended.pip_date == TODAY  # Wet art. 11: the termijn does not move
    with vault.session() as session:
        assert get_case(session, case_id).case.dates.pip_date == TODAY


def test_exception_is_set_with_its_ground_and_motivering(vault: OpenVault, demo: list[str]) -> None:
    # Besluit art. 5.4 lid 2-3: a route change after the 18 months is the municipality's
    # call; the consultant's ground and motivering go with the version and into the PDF.
    case_id = demo[COMPLETE_INTAKE]
    _draft_from_intake(vault, case_id)
    _fill_missing(vault, case_id)
    with vault.transaction() as session:
        first = pip_service.set_pip(session, case_id, TODAY, door=DOOR)
    in_force = first.in_force
    assert in_force is not None and first.termijn_start is not None
    after = route_switch_until(first.termijn_start) + timedelta(days=1)
    onderwijs = replace(in_force.beschikking, leerroute=Leerroute.ONDERWIJS, map=None)
    with vault.transaction() as session:
        pip_service.save_draft(
            session, case_id, onderwijs, in_force.ontwikkelplan, after, reden="Meer vooruitgang"
        )
    with pytest.raises(pip_service.PipRefused) as refused, vault.transaction() as session:
        pip_service.set_pip(session, case_id, after, door=DOOR)
    assert [r.code for r in refused.value.reasons] == ["exception_unmotivated"]
    ground = Uitzondering(
        "route_switch_after_window",
        UitzonderingGrond.BESLUIT_5_4_LID_2,
        "  Entreeopleiding afgerond zonder vrijstelling  ",
    )
    with vault.transaction() as session:
        pip_service.save_draft(
            session,
            case_id,
            onderwijs,
            in_force.ontwikkelplan,
            after,
            reden="Meer vooruitgang",
            uitzonderingen=(ground,),
        )
        amended = pip_service.set_pip(session, case_id, after, door=DOOR)
    version = amended.in_force
    assert version is not None and version.nummer == 2
    assert version.uitzonderingen == (
        replace(ground, motivering="Entreeopleiding afgerond zonder vrijstelling"),
    )
    with vault.session() as session:
        reloaded = pip_service.load_history(get_case(session, case_id))
        pdf = render_pip(pip_service.current_document(session, case_id))
    assert reloaded.in_force == version
    text = pdf_text(pdf)
    assert "Besluit inburgering art. 5.4 lid 2" in text
    assert "Entreeopleiding afgerond zonder vrijstelling" in text


def test_ontwikkelplan_changes_without_a_new_decision(vault: OpenVault, demo: list[str]) -> None:
    case_id = demo[SIGNED_INDEX]
    plan = Ontwikkelplan(afspraken=(Afspraak(Actor.INBURGERAAR, "Bibliotheekpas halen"),))
    with vault.transaction() as session:
        history = pip_service.update_ontwikkelplan(session, case_id, plan)
    assert len(history.versions) == 1
    assert history.latest is not None and history.latest.ontwikkelplan == plan


def test_sign_stores_the_pdf_with_its_hash_in_one_transaction(
    vault: OpenVault, demo: list[str], tmp_path: Path
) -> None:
    case_id = demo[COMPLETE_INTAKE]
    _draft_from_intake(vault, case_id)
    _fill_missing(vault, case_id)
    with vault.transaction() as session:
        pip_service.set_pip(session, case_id, TODAY, door=DOOR)
    with vault.session() as session:
        before_ops = len(session.scalars(select(OutboxRow.op_id)).all())
    info = pip_attachments.sign_with_signatures(
        vault, case_id, TODAY, signature_png(2), signature_png(5), render_pip
    )
    with vault.session() as session:
        row = session.get(AttachmentRow, info.sha256)
        stored = get_case(session, case_id)
        ops = session.scalars(select(OutboxRow).order_by(OutboxRow.op_id)).all()
        listed = pip_attachments.list_attachments(session, case_id)
    assert row is not None and row.content.startswith(b"%PDF")
    assert hashlib.sha256(row.content).hexdigest() == info.sha256
    assert row.kind == "pip_signed" and not row.uploaded
    assert stored.field(f"attachment.{info.sha256}")["version"] == 1
    assert stored.field("pip.current")["status"] == "signed"
    assert len(ops) == before_ops + 1  # status and attachment field in one op
    assert '"pip.current"' in ops[-1].patch and f"attachment.{info.sha256}" in ops[-1].patch
    assert [a.sha256 for a in listed] == [info.sha256]
    with pytest.raises(pip_attachments.SignRefused), vault.session() as session:
        pip_attachments.signed_document(session, case_id, TODAY, b"", b"")
    out = tmp_path / "export.pdf"
    with vault.session() as session:
        pip_attachments.export_attachment(session, info.sha256, out)
    assert out.read_bytes() == row.content
    assert out.stat().st_mode & 0o777 == 0o600


def test_scan_signs_a_set_pip(vault: OpenVault, demo: list[str]) -> None:
    case_id = demo[DRAFT_INDEX]
    with vault.transaction() as session:
        pip_service.set_pip(session, case_id, TODAY, door=DOOR)
    scan = b"%PDF-1.4 scanned copy"
    with vault.transaction() as session:
        info = pip_attachments.attach_scan(session, case_id, scan, TODAY)
    with vault.session() as session:
        stored = get_case(session, case_id)
        assert pip_attachments.attachment_content(session, info.sha256) == scan
    assert info.kind == "pip_scan"
    assert stored.field("pip.current")["signed_on"] == TODAY.isoformat()
    with (
        pytest.raises(pip_attachments.ScanRefused) as not_a_scan,
        vault.transaction() as session,
    ):
        pip_attachments.attach_scan(session, case_id, b"hello", TODAY)
    assert "PDF, PNG of JPEG" in error_text(not_a_scan.value)


def test_demo_has_a_draft_and_a_signed_pip_with_its_pdf(vault: OpenVault, demo: list[str]) -> None:
    with vault.session() as session:
        draft = case_status(get_case(session, demo[DRAFT_INDEX]), TODAY).pip
        signed = case_status(get_case(session, demo[SIGNED_INDEX]), TODAY).pip
        kinds = [a.kind for a in pip_attachments.list_attachments(session, demo[SIGNED_INDEX])]
        pdf = render_pip(pip_service.current_document(session, demo[DRAFT_INDEX]))
    assert draft["status"] == "draft" and signed["status"] == "signed"
    assert kinds == ["pip_signed"]
    assert pdf.startswith(b"%PDF")
    with pytest.raises(pip_service.NoPip), vault.session() as session:
        render_pip(pip_service.current_document(session, demo[0]))


def _newest_op(vault: OpenVault, case_id: str) -> tuple[int, str]:
    with vault.session() as session:
        row = session.execute(
            select(OutboxRow.base_version, OutboxRow.patch)
            .where(OutboxRow.case_id == case_id)
            .order_by(OutboxRow.op_id.desc())
            .limit(1)
        ).one()
    return row[0], row[1]


def test_pip_writes_go_out_against_the_office_version_the_editor_showed(
    vault: OpenVault, demo: list[str]
) -> None:
    """An editor opened at office version 4, saving after a sync pulled version 9: its
    write carries base 4, so the office turns a clash into a conflict, not an overwrite
    (storage.changes.apply_patch). A write without an editor's view uses version 9."""
    case_id = demo[COMPLETE_INTAKE]
    with vault.transaction() as session:
        row = session.get(CaseRow, case_id)
        assert row is not None
        row.server_version = 9
    with vault.session() as session:
        context = pip_service.load_context(session, case_id, TODAY)
    assert context.stored.server_version == 9
    proposal = context.proposal
    with vault.transaction() as session:
        pip_service.save_draft(
            session, case_id, proposal.beschikking, proposal.ontwikkelplan, TODAY, seen_version=4
        )
    base, patch = _newest_op(vault, case_id)
    assert base == 4 and "pip.version.1" in patch
    with vault.transaction() as session:
        pip_service.discard_draft(session, case_id)
    base, patch = _newest_op(vault, case_id)
    assert base == 9 and "pip.version.1" in patch


def test_a_z_route_pip_against_a_b1_choice_needs_its_ground_and_motivering(
    vault: OpenVault, demo: list[str]
) -> None:
    # Wet art. 14 lid 3, art. 15 lid 1: the intake chose B1 with reasons (AVG art. 22); a
    # first PIP in the Z-route says why it departs, and the decision prints it.
    case_id = demo[COMPLETE_INTAKE]
    _draft_from_intake(vault, case_id)
    _fill_missing(vault, case_id)
    with vault.session() as session:
        stored = get_case(session, case_id)
        draft = pip_service.load_history(stored).draft
    assert draft is not None and draft.leerroute is Leerroute.B1
    z = replace(
        draft.beschikking,
        leerroute=Leerroute.Z,
        knm=replace(draft.beschikking.knm, vorm=KnmVorm.EINDGESPREK)
        if draft.beschikking.knm
        else None,
        leerroute_intensiteit=LeerrouteIntensiteit(10, 800),
        participatie=(ParticipatieComponent(ParticipatieSoort.ACTIVITEIT, totaal_uren=800),),
    )
    with vault.transaction() as session:
        pip_service.save_draft(session, case_id, z, draft.ontwikkelplan, TODAY)
    with pytest.raises(pip_service.PipRefused) as refused, vault.transaction() as session:
        pip_service.set_pip(session, case_id, TODAY, door=DOOR)
    assert [r.code for r in refused.value.reasons] == ["exception_unmotivated"]
    # The reason names both routes (its text is what the PIP editor shows, worded there).
    shown = refused.value.reasons[0].render()
    assert "B1-route" in shown and "Z-route" in shown
    ground = Uitzondering(
        "route_differs_from_choice",
        UitzonderingGrond.WET_15_LID_1,
        "In de brugklas bleek lezen en schrijven nog niet mogelijk",
    )
    with vault.transaction() as session:
        pip_service.save_draft(
            session, case_id, z, draft.ontwikkelplan, TODAY, uitzonderingen=(ground,)
        )
        history = pip_service.set_pip(session, case_id, TODAY, door=DOOR)
    assert history.in_force is not None and history.in_force.leerroute is Leerroute.Z
    with vault.session() as session:
        text = pdf_text(render_pip(pip_service.current_document(session, case_id)))
    assert "Wet inburgering 2021 art. 14 lid 3 en art. 15 lid 1" in text
    assert "In de brugklas bleek lezen en schrijven nog niet mogelijk" in text
