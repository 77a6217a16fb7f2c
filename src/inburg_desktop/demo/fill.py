"""Filling a vault with fictional demo cases at different stages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inburg_desktop.demo.intake_stages import add_intake_stages
from inburg_desktop.demo.people import PEOPLE, DemoPerson
from inburg_desktop.demo.pip_stages import DEMO_CONSULENT, add_pip_stages
from inburg_desktop.demo.progress_stages import add_progress_stages
from inburg_desktop.domain.handover import FORMAT, parse_handover
from inburg_desktop.storage.cases import import_handover
from inburg_desktop.storage.tables import CaseRow

DEMO_PASSPHRASE = "demo"
__all__ = ["DEMO_CONSULENT", "DEMO_PASSPHRASE", "add_demo_cases", "handover_doc"]


RESIDENCE_BASIS = {"statushouder": "asiel", "gezinsmigrant": "gezin", "overige_migrant": "overig"}


def demo_v_nummer(index: int) -> str:
    """The fictional V-nummer of demo person ``index`` (the same on every run, so a demo
    person already in a vault is recognised)."""
    return f"{9100000000 + index * 7919:010d}"


def handover_doc(person: DemoPerson, index: int, today: date) -> dict[str, Any]:
    """A handover document (INTERFACES.md) for a demo person."""
    brp = today - timedelta(days=person.brp_days_ago)
    dates: dict[str, str] = {"brp_registration": brp.isoformat()}
    if person.doelgroep == "statushouder":
        dates["koppeling"] = (brp - timedelta(days=30)).isoformat()
        dates["bijstand_start"] = brp.isoformat()
    if person.kennisgeving_days_ago is not None:
        dates["duo_kennisgeving"] = (
            today - timedelta(days=person.kennisgeving_days_ago)
        ).isoformat()
    return {
        "format": FORMAT,
        "source": "COA" if person.doelgroep == "statushouder" else "gemeente",
        "person": {
            "v_nummer": demo_v_nummer(index),
            "given_names": person.given_names,
            "family_name": person.family_name,
            "date_of_birth": person.date_of_birth,
            "nationality": person.nationality,
            "languages": list(person.languages),
            "preferred_language": person.languages[0],
            # the basis the sender knows (DOMAIN.md "Who is plichtig"); no permit date, so
            # the Turkish demo person shows the warning that asks for it
            "residence_basis": RESIDENCE_BASIS[person.doelgroep],
        },
        "doelgroep": person.doelgroep,
        "dates": dates,
        "household": [
            {"relation": relation, "date_of_birth": dob} for relation, dob in person.household
        ],
        "notes": dict(person.notes),
    }


def add_demo_cases(
    session: Session,
    count: int = 12,
    today: date | None = None,
    *,
    skip_present: bool = False,
    gemeenten: Sequence[str] = (),
) -> list[str]:
    """Add ``count`` fictional cases; returns the ids of the cases added.

    ``skip_present``: leave out every demo person whose V-nummer the vault already holds
    (``inburg demo`` run twice must not give the same people twice). The stages (intake,
    PIP, progress, handhaving) are defined by position and played on every person added
    at that position, so ``inburg demo`` builds the same cases as ``inburg-desktop
    --demo`` (usability round 9, finding 18: a vault that held one demo person got every
    later one without an intake or a PIP); a person already held keeps what it has.
    ``gemeenten``: CBS codes the cases are spread over in turn (each case's ``gemeente``
    written with the case), none when empty.
    """
    today = today or date.today()
    present: set[str | None] = set()
    if skip_present:
        wanted = [demo_v_nummer(index) for index in range(count)]
        present = set(session.scalars(select(CaseRow.v_nummer).where(CaseRow.v_nummer.in_(wanted))))
    ids: list[str] = []
    slots: list[str] = []  # by position; "" for a person held already (no stage again)
    people = []
    for index in range(count):
        person = PEOPLE[index % len(PEOPLE)]
        people.append(person)
        if demo_v_nummer(index) in present:
            slots.append("")
            continue
        handover = parse_handover(handover_doc(person, index, today))
        gemeente = gemeenten[index % len(gemeenten)] if gemeenten else None
        ids.append(import_handover(session, handover, gemeente=gemeente))
        slots.append(ids[-1])
    add_intake_stages(session, slots, today, people)
    add_pip_stages(session, slots, today, people)
    add_progress_stages(session, slots, today)
    return ids
