"""Demo intakes at different stages, written the way the intake screen writes them.

Stages by case index (of ``add_demo_cases``): 0 half covered with one topic parked, COA
data partly confirmed, one session and one oproep; 1 a few topics touched; 2 a complete
intake with sessions and a recorded route choice; 4 three oproepen without a show (the
intake may be completed without the person); the others not started. All fictional.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.oproep import Oproep, OproepUitkomst
from inburg_desktop.prompts.catalogue import Catalogue
from inburg_desktop.services import intake_coa, intake_edit
from inburg_desktop.services.intake_oproepen import StoredOproep, oproep_patch
from inburg_desktop.services.intake_progress import COVERED, PARKED, shipped_catalogue
from inburg_desktop.services.intake_sessions import SessionRecord, session_patch
from inburg_desktop.services.route_advice_input import route_choice_patch
from inburg_desktop.storage.cases import get_case

Answers = Mapping[str, Mapping[str, Any]]

# A complete intake: every required field (and a few more) of every topic.
COMPLETE: Answers = {
    "leerbaarheid": {
        "toets_uitkomst": "haalbaar",
        "toets_score": 33,
        "toets_datum": "2026-01-14",
        "geletterdheid": "anders_gealfabetiseerd",
        "eigen_schrift": "goed",
        "latijns_schrift": "een_beetje",
        "notes": "Leert graag door te doen; toets ging rustig.",
    },
    "opleiding": {"aantal_jaren": 12, "hoogste_diploma": "voortgezet_onderwijs", "land": "Syrië"},
    "werkervaring": {
        "gewerkt_herkomst": "ja",
        "beroepen": "Verkoper in een kledingwinkel, vijf jaar.",
        "jaren_werk": 5,
    },
    "competenties": {"sterke_punten": "Klantvriendelijk, rekent snel.", "heeft_rijbewijs": "nee"},
    "werknemersvaardigheden": {"tijd_en_afspraken": "goed", "samenwerking": "goed"},
    "taalniveau": {
        "talen": "Arabisch, wat Engels",
        "erk_lezen": "A1",
        "erk_luisteren": "A2",
        "erk_spreken": "A1",
        "erk_schrijven": "A0",
    },
    "motivatie": {"interesses": "Koken, voetbal.", "beroepswens": "Winkelmanager"},
    "zelfredzaamheid": {
        "zrm_huisvesting": "4",
        "zrm_tijdsbesteding": "3",
        "zrm_basale_adl": "5",
        "zrm_instrumentele_adl": "3",
    },
    "digitale_vaardigheden": {"internet_thuis": "ja", "eigen_email": "ja"},
    "gezinssituatie": {
        "huishouden": "met_partner_en_kinderen",
        "kinderopvang_nodig": "ja",
        "vve_nodig": "ja",
        "alleen_gesprek_aangeboden": True,
    },
    "fysieke_gezondheid": {"beperkt_deelname": "nee", "zrm_lichamelijke_gezondheid": "4"},
    "mentale_gezondheid": {"zrm_geestelijke_gezondheid": "4"},
    "sociaal_netwerk": {"contacten": "Neef in Utrecht, buren.", "wil_taalmaatje": "ja"},
    "financien": {"bijstand": "ja", "bankrekening": "ja", "heeft_schulden": "nee"},
    "arbeidsparticipatie": {
        "participatieladder": "3",
        "mogelijkheden": "Vrijwilligerswerk in een kringloopwinkel als eerste stap.",
    },
    "wensen_route": {"route_wens": "b1", "beschikbaarheid": "Ochtenden"},
}


def _answers(
    session: Session,
    catalogue: Catalogue,
    case_id: str,
    answers: Answers,
    discussed: datetime,
    covered: Sequence[str] = (),
    parked: Sequence[str] = (),
) -> None:
    patch: dict[str, Any] = {}
    meta: intake_edit.Meta = {}
    fields = get_case(session, case_id).fields
    for topic_id, topic_answers in answers.items():
        for field_id, value in topic_answers.items():
            one, one_meta = intake_edit.answer_patch(catalogue, topic_id, field_id, value)
            patch.update(one)
            meta.update(one_meta)
        patch.update(intake_edit.discussed_patch(fields, topic_id, discussed))
    for topic_id in covered:
        patch.update(intake_edit.mark_patch(topic_id, COVERED, True))
    for topic_id in parked:
        patch.update(intake_edit.mark_patch(topic_id, PARKED, True))
    intake_edit.save(session, case_id, patch, meta)


def _session(session: Session, case_id: str, record: SessionRecord) -> None:
    patch, meta = session_patch(record)
    intake_edit.save(session, case_id, patch, meta)


def _oproepen(session: Session, case_id: str, oproepen: Sequence[Oproep]) -> None:
    for oproep in oproepen:
        patch, meta = oproep_patch(StoredOproep(oproep))
        intake_edit.save(session, case_id, patch, meta)


def add_intake_stages(session: Session, case_ids: Sequence[str], today: date) -> None:
    """Give the demo cases intakes at different stages (see the module docstring)."""
    catalogue = shipped_catalogue()
    earlier = datetime.combine(today - timedelta(days=7), time(10, 0))
    interpreter = SessionRecord(
        today - timedelta(days=7),
        75,
        "ter_plaatse",
        "Tolkcentrum Oost",
        "TC-2026-0412",
        "Arabisch",
        "",
        ("alleen_gesprek", "vastlegging"),
    )
    if len(case_ids) > 0:
        half = {t: COMPLETE[t] for t in list(COMPLETE)[:8]}
        half["gezinssituatie"] = {"huishouden": "met_partner_en_kinderen"}
        _answers(
            session,
            catalogue,
            case_ids[0],
            half,
            earlier,
            covered=list(half)[:6],
            parked=["gezinssituatie"],
        )
        fields = get_case(session, case_ids[0]).fields
        if "handover.notes.opleiding" in fields:
            patch, meta = intake_coa.confirm_patch(
                catalogue, fields, "handover.notes.opleiding", today
            )
            intake_edit.save(session, case_ids[0], patch, meta)
        _session(session, case_ids[0], interpreter)
        _oproepen(
            session,
            case_ids[0],
            [
                Oproep(
                    today - timedelta(days=9), today - timedelta(days=7), OproepUitkomst.VERSCHENEN
                )
            ],
        )
    if len(case_ids) > 1:
        few = {t: COMPLETE[t] for t in ("taalniveau", "motivatie")}
        few["opleiding"] = {"land": "Eritrea"}
        _answers(session, catalogue, case_ids[1], few, earlier, covered=["motivatie"])
    if len(case_ids) > 2:
        _answers(session, catalogue, case_ids[2], COMPLETE, earlier, covered=list(COMPLETE))
        _session(session, case_ids[2], interpreter)
        _session(session, case_ids[2], SessionRecord(today - timedelta(days=2), 60, "telefonisch"))
        patch, meta = route_choice_patch(
            Leerroute.B1,
            "Toets haalbaar en eigen wens; gesproken met de inburgeraar.",
            Leerroute.B1,
            datetime.combine(today - timedelta(days=2), time(11, 30)),
        )
        intake_edit.save(session, case_ids[2], patch, meta)
    if len(case_ids) > 4:
        no_show = [
            Oproep(today - timedelta(days=d), today - timedelta(days=d - 7), outcome, warned)
            for d, outcome, warned in (
                (42, OproepUitkomst.NIET_VERSCHENEN, True),
                (28, OproepUitkomst.NIET_VERSCHENEN, True),
                (14, OproepUitkomst.NIET_MEEGEWERKT, True),
            )
        ]
        _oproepen(session, case_ids[4], no_show)
