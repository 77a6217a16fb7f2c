"""Demo PIPs: one case with a draft PIP, one with a signed PIP (signed PDF in the vault).

Both get a complete intake and a recorded route choice first, written as the intake
screen writes them, then a PIP proposed from that intake and completed the way a
consultant would (the ontzorgen decision's date and kenmerk, the VVE agreement). The
signed one is signed with two signatures drawn here (fictional strokes) and its PDF is
stored as an attachment, exactly as the editor does. By case index of ``add_demo_cases``:
6 signed, 7 draft (cases 0-4 keep the intake stages). All fictional.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from PIL import Image, ImageDraw
from sqlalchemy.orm import Session

from inburg_desktop.demo.intake_stages import answers_for
from inburg_desktop.demo.people import DemoPerson
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.pip import Beschikking, Besluitnemer
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.services import consulent, intake_edit, pip_attachments, pip_service, voortgang
from inburg_desktop.services.intake_progress import COVERED, shipped_catalogue
from inburg_desktop.services.route_advice_input import route_choice_patch
from inburg_desktop.storage.cases import get_case

DRAFT_INDEX = 7
SIGNED_INDEX = 6


def signature_png(seed: int, width: int = 480, height: int = 150) -> bytes:
    """A fictional handwritten-looking stroke as a transparent PNG."""
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    points = []
    for step in range(120):
        x = 20 + step * (width - 40) / 119
        phase = step / 7 + seed
        y = height / 2 + 35 * math.sin(phase) * math.cos(step / 23 + seed / 3)
        points.append((x, y))
    draw.line(points, fill=(20, 30, 90, 255), width=4, joint="curve")
    draw.line([(30, height - 25), (width - 60, height - 30)], fill=(20, 30, 90, 255), width=3)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _complete_intake(session: Session, case_id: str, person: DemoPerson, when: datetime) -> None:
    catalogue = shipped_catalogue()
    patch: dict[str, Any] = {}
    meta: intake_edit.Meta = {}
    for topic_id, answers in answers_for(person, when.date()).items():
        for field_id, value in answers.items():
            one, one_meta = intake_edit.answer_patch(catalogue, topic_id, field_id, value)
            patch.update(one)
            meta.update(one_meta)
        patch.update(intake_edit.discussed_patch({}, topic_id, when))
        patch.update(intake_edit.mark_patch(topic_id, COVERED, True))
    intake_edit.save(session, case_id, patch, meta)
    choice, choice_meta = route_choice_patch(
        Leerroute.B1,
        "Toets haalbaar, eigen wens B1; besproken met de inburgeraar.",
        Leerroute.B1,
        when + timedelta(hours=1),
    )
    intake_edit.save(session, case_id, choice, choice_meta)


def _complete(beschikking: Beschikking, decided: date) -> Beschikking:
    """What the consultant fills in after the proposal: decision references, VVE."""
    ontzorgen = beschikking.ontzorgen
    if ontzorgen is not None:
        ontzorgen = replace(ontzorgen, besluit_datum=decided, besluit_kenmerk="PW-2026-0117")
    vve = tuple(
        replace(child, vve_nodig=True, afspraak="Twee ochtenden per week peuteropvang.")
        for child in beschikking.vve
    )
    return replace(beschikking, ontzorgen=ontzorgen, vve=vve)


def _draft(session: Session, case_id: str, on: date) -> None:
    context = pip_service.load_context(session, case_id, on)
    proposal = context.proposal
    pip_service.save_draft(
        session, case_id, _complete(proposal.beschikking, on), proposal.ontwikkelplan, on
    )


# The fictional consultant of the throwaway demo vault (a real vault takes the name the
# consultant sets, or the one the office gives at enrollment).
DEMO_CONSULENT = "Sanne de Vries"


def _decider(session: Session, on: date) -> Besluitnemer:
    """Who set the demo's PIP: the vault's consultant, or the demo's fictional one when
    the vault has no name yet (``inburg demo`` on a new vault)."""
    moment = datetime.combine(on, time(11), UTC)
    try:
        return consulent.besluitnemer(session, moment)
    except consulent.ConsulentOnbekend:
        return Besluitnemer(DEMO_CONSULENT, "demo", moment.isoformat())


def add_pip_stages(
    session: Session, case_ids: Sequence[str], today: date, people: Sequence[DemoPerson]
) -> None:
    """A signed PIP on case 6 and a draft PIP on case 7 (see the module docstring);
    ``people[i]`` is the person of ``case_ids[i]``."""
    if len(case_ids) > DRAFT_INDEX and case_ids[DRAFT_INDEX]:
        case_id = case_ids[DRAFT_INDEX]
        _complete_intake(
            session,
            case_id,
            people[DRAFT_INDEX],
            datetime.combine(today - timedelta(days=10), time(10)),
        )
        _draft(session, case_id, today - timedelta(days=2))
    if len(case_ids) > SIGNED_INDEX and case_ids[SIGNED_INDEX]:
        case_id = case_ids[SIGNED_INDEX]
        set_on = today - timedelta(days=60)
        _complete_intake(
            session,
            case_id,
            people[SIGNED_INDEX],
            datetime.combine(set_on - timedelta(days=20), time(9)),
        )
        _draft(session, case_id, set_on - timedelta(days=5))
        pip_service.set_pip(session, case_id, set_on, door=_decider(session, set_on))
        voortgang.plan_in_session(session, case_id)  # as setting in the editor does
        number, document = pip_attachments.signed_document(
            session, case_id, set_on, signature_png(1), signature_png(4)
        )
        pip_attachments.store_signed(session, case_id, number, set_on, render_pip(document))
        assert get_case(session, case_id).field("pip.current")["status"] == "signed"
