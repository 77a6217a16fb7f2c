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

from inburg_desktop.demo.people import DemoPerson
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.oproep import Oproep, OproepUitkomst
from inburg_desktop.locale_names import language_name
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
        "toets_datum": "2026-01-14",  # answers_for dates it in the person's own story
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


def years_on(born: date, on: date) -> int:
    """Whole years from ``born`` to ``on``."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def spoken(person: DemoPerson) -> str:
    """The person's languages as the consultant writes them in "Talen die de persoon
    spreekt": their Dutch names, the first the best spoken ("Dari, wat Perzisch")."""
    names = [language_name(code, "nl") for code in person.languages]
    return ", wat ".join([names[0], ", ".join(names[1:])]) if len(names) > 1 else names[0]


def interpreter_language(person: DemoPerson) -> str:
    """The language an interpreter speaks with the person: the first of theirs."""
    return language_name(person.languages[0], "nl")


def household_answers(person: DemoPerson, today: date) -> dict[str, Any]:
    """Gezinssituatie as the person's household makes it: its make-up; childcare while
    a child is under 4, VVE while one is 2 to 5 (Wet art. 15 lid 1 d)."""
    relations = {relation for relation, _born in person.household}
    children = [
        parse_iso_date(born)
        for relation, born in person.household
        if relation == "child" and born is not None
    ]
    if "partner" in relations:
        huishouden = "met_partner_en_kinderen" if children else "met_partner"
    elif children:
        huishouden = "alleen_met_kinderen"
    else:
        huishouden = "alleen" if not relations else "anders"
    answers: dict[str, Any] = {"huishouden": huishouden, "alleen_gesprek_aangeboden": True}
    if children:
        ages = [years_on(born, today) for born in children]
        answers["kinderopvang_nodig"] = "ja" if any(age < 4 for age in ages) else "nee"
        answers["vve_nodig"] = "ja" if any(2 <= age <= 5 for age in ages) else "nee"
    return answers


def answers_for(person: DemoPerson, today: date) -> dict[str, dict[str, Any]]:
    """A complete intake of ``person``: :data:`COMPLETE` with the person's own story
    (schooling, work, languages, household, bijstand for a statushouder only)."""
    answers = {topic: dict(fields) for topic, fields in COMPLETE.items()}
    # The leerbaarheidstoets of this intake: after the person came, before the talk.
    tested = today - timedelta(days=min(10, person.brp_days_ago))
    answers["leerbaarheid"]["toets_datum"] = tested.isoformat()
    school = person.schooling
    answers["opleiding"] = {
        "aantal_jaren": school.years,
        "hoogste_diploma": school.diploma,
        "land": school.country,
    }
    work = person.work
    answers["werkervaring"] = (
        {"gewerkt_herkomst": "ja", "beroepen": work.occupation, "jaren_werk": work.years}
        if work is not None
        else {"gewerkt_herkomst": "nee"}
    )
    answers["taalniveau"]["talen"] = spoken(person)
    answers["motivatie"]["beroepswens"] = (
        work.wish if work is not None else "Eerst een opleiding volgen"
    )
    answers["gezinssituatie"] = household_answers(person, today)
    answers["financien"]["bijstand"] = "ja" if person.doelgroep == "statushouder" else "nee"
    return answers


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


def _interpreted(person: DemoPerson, today: date) -> SessionRecord:
    """A session a week ago with an interpreter in the person's own language."""
    return SessionRecord(
        today - timedelta(days=7),
        75,
        "ter_plaatse",
        "Tolkcentrum Oost",
        "TC-2026-0412",
        interpreter_language(person),
        "",
        ("alleen_gesprek", "vastlegging"),
    )


def add_intake_stages(
    session: Session, case_ids: Sequence[str], today: date, people: Sequence[DemoPerson]
) -> None:
    """Give the demo cases intakes at different stages (see the module docstring);
    ``people[i]`` is the person of ``case_ids[i]``, whose story the answers tell."""
    catalogue = shipped_catalogue()
    earlier = datetime.combine(today - timedelta(days=7), time(10, 0))
    if len(case_ids) > 0 and case_ids[0]:
        own = answers_for(people[0], today)
        half = {t: own[t] for t in list(own)[:8]}
        half["gezinssituatie"] = {"huishouden": own["gezinssituatie"]["huishouden"]}
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
        _session(session, case_ids[0], _interpreted(people[0], today))
        _oproepen(
            session,
            case_ids[0],
            [
                Oproep(
                    today - timedelta(days=9), today - timedelta(days=7), OproepUitkomst.VERSCHENEN
                )
            ],
        )
    if len(case_ids) > 1 and case_ids[1]:
        own = answers_for(people[1], today)
        few = {t: own[t] for t in ("taalniveau", "motivatie")}
        few["opleiding"] = {"land": people[1].schooling.country}
        _answers(session, catalogue, case_ids[1], few, earlier, covered=["motivatie"])
    if len(case_ids) > 2 and case_ids[2]:
        own = answers_for(people[2], today)
        _answers(session, catalogue, case_ids[2], own, earlier, covered=list(own))
        _session(session, case_ids[2], _interpreted(people[2], today))
        _session(session, case_ids[2], SessionRecord(today - timedelta(days=2), 60, "telefonisch"))
        patch, meta = route_choice_patch(
            Leerroute.B1,
            "Toets haalbaar en eigen wens; gesproken met de inburgeraar.",
            Leerroute.B1,
            datetime.combine(today - timedelta(days=2), time(11, 30)),
        )
        intake_edit.save(session, case_ids[2], patch, meta)
    if len(case_ids) > 4 and case_ids[4]:
        no_show = [
            Oproep(today - timedelta(days=d), today - timedelta(days=d - 7), outcome, warned)
            for d, outcome, warned in (
                (42, OproepUitkomst.NIET_VERSCHENEN, True),
                (28, OproepUitkomst.NIET_VERSCHENEN, True),
                (14, OproepUitkomst.NIET_MEEGEWERKT, True),
            )
        ]
        _oproepen(session, case_ids[4], no_show)
