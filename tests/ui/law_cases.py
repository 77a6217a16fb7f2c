"""Cases whose dates sit where the law's arithmetic is easy to get wrong (leap days, month
ends, a deadline on a Saturday, each doelgroep), imported into a vault with a set PIP
where the scenario has one. Shared by the UI, PDF and command-line tests that check every
shown date against the domain functions."""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from inburg_desktop.domain.case import Doelgroep, Leerroute
from inburg_desktop.domain.handover import parse_handover
from inburg_desktop.domain.pip import (
    Begeleiding,
    BegeleidingSoort,
    Beschikking,
    Besluitnemer,
    Knm,
    KnmVorm,
    LeerrouteIntensiteit,
    MapIntensiteit,
    Ontwikkelplan,
    Ontzorgen,
    ParticipatieComponent,
    ParticipatieSoort,
    PvtIntensiteit,
)
from inburg_desktop.services import pip_service
from inburg_desktop.storage.cases import import_handover

DOOR = Besluitnemer("Sanne de Vries", "test", "2026-05-11T10:00:00+00:00")


D = date.fromisoformat


@dataclass(frozen=True)
class LawCase:
    """One scenario: who, the dates from the handover, and the PIP's date (or none)."""

    name: str
    doelgroep: Doelgroep
    born: str
    brp: str
    kennisgeving: str | None
    bijstand: str | None
    pip_date: str | None
    basis: str | None = None

    def handover(self) -> dict[str, Any]:
        person: dict[str, Any] = {
            "given_names": self.name,
            "family_name": "Wetstest",
            "date_of_birth": self.born,
            "nationality": "SYR",
        }
        if self.basis is not None:
            person["residence_basis"] = self.basis
        dates: dict[str, str] = {"brp_registration": self.brp}
        if self.kennisgeving is not None:
            dates["duo_kennisgeving"] = self.kennisgeving
        if self.bijstand is not None:
            dates["bijstand_start"] = self.bijstand
        return copy.deepcopy(
            {
                "format": "inburg-handover/1",
                "source": "test",
                "person": person,
                "doelgroep": self.doelgroep.value,
                "dates": dates,
            }
        )


LAW_CASES = (
    # gezinsmigrant, issue example: PIP deadline 2026-05-11; PIP dated then: termijn t/m
    # 2029-05-11, route change t/m 2027-11-11 (Besluit 5.3 lid 1; Wet 11; Besluit 5.4 lid 1)
    LawCase("Gezina", Doelgroep.GEZINSMIGRANT, "1990-01-01", "2026-04-01", "2026-03-02", None,
            "2026-05-11", "gezin"),
    # statushouder, PIP on 2025-02-28: termijn from 2025-03-01 t/m 2028-02-29 (leap day);
    # bijstand from 2024-08-31: ontzorgen t/m 2025-02-28 (Participatiewet art. 56a)
    LawCase("Statia", Doelgroep.STATUSHOUDER, "1985-07-31", "2024-09-02", "2024-08-20",
            "2024-08-31", "2025-02-28", "asiel"),
    # PIP on 2024-02-28: termijn from the leap day 2024-02-29 t/m 2027-02-28
    LawCase("Leapa", Doelgroep.OVERIGE_MIGRANT, "1962-06-15", "2023-12-01", "2023-11-20", None,
            "2024-02-28", "overig"),
    # no PIP yet; kennisgeving 2026-03-21: deadline Saturday 2026-05-30; AOW during termijn
    LawCase("Zaterdag", Doelgroep.GEZINSMIGRANT, "1961-01-31", "2026-05-01", "2026-03-21",
            None, None, None),
    # no kennisgeving: provisional, 10 weeks after BRP registration on 2025-12-31
    LawCase("Voorlopig", Doelgroep.STATUSHOUDER, "2000-02-29", "2025-12-31", None,
            "2025-12-31", None, "asiel"),
)  # fmt: skip


def beschikking(case: LawCase) -> Beschikking:
    asiel = case.doelgroep is Doelgroep.STATUSHOUDER
    b = Beschikking(
        leerroute=Leerroute.B1,
        leerroute_intensiteit=LeerrouteIntensiteit(12, 1200) if asiel else None,
        begeleiding=(Begeleiding(BegeleidingSoort.MAATSCHAPPELIJKE_BEGELEIDING),) if asiel else (),
        pvt=PvtIntensiteit(12, ("Kernwaarden",)),
        map=MapIntensiteit(),
        knm=Knm(KnmVorm.EXAMEN),
        participatie=(ParticipatieComponent(ParticipatieSoort.VRIJWILLIGERSWERK),),
    )
    if asiel and case.bijstand is not None:
        ontzorgen = Ontzorgen(
            D(case.bijstand), besluit_datum=D(case.bijstand), besluit_kenmerk="PW-1"
        )
        b = replace(b, bijstand=True, ontzorgen=ontzorgen)
    return b


def add_law_cases(session: Session) -> list[str]:
    """Import every :data:`LAW_CASES` scenario, setting its PIP where it has a date."""
    ids = []
    for case in LAW_CASES:
        case_id = import_handover(session, parse_handover(case.handover()))
        if case.pip_date is not None:
            day = D(case.pip_date)
            pip_service.save_draft(session, case_id, beschikking(case), Ontwikkelplan(), day)
            pip_service.set_pip(session, case_id, day, door=DOOR)
        ids.append(case_id)
    return ids
