"""The case of one inburgeraar: identity, doelgroep and the dates the law counts from."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date


class Doelgroep(enum.StrEnum):
    """Target group (INTERFACES.md handover ``doelgroep``)."""

    STATUSHOUDER = "statushouder"
    GEZINSMIGRANT = "gezinsmigrant"
    OVERIGE_MIGRANT = "overige_migrant"


class Leerroute(enum.StrEnum):
    """The three learning routes of the Wet inburgering 2021 (art. 7)."""

    B1 = "b1"
    ONDERWIJS = "onderwijs"
    Z = "z"


@dataclass(frozen=True)
class Inburgeraar:
    """The person a case is about."""

    given_names: str
    family_name: str
    date_of_birth: date
    nationality: str  # ISO 3166-1 alpha-3
    languages: tuple[str, ...] = ()  # BCP 47
    preferred_language: str | None = None
    v_nummer: str | None = None
    bsn: str | None = None

    @property
    def display_name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()


@dataclass(frozen=True)
class CaseDates:
    """The dates a case's deadlines are computed from (DOMAIN.md, "The law")."""

    brp_registration: date
    koppeling: date | None = None
    duo_kennisgeving: date | None = None
    bijstand_start: date | None = None
    pip_date: date | None = None  # dagtekening of the first PIP


@dataclass(frozen=True)
class Case:
    """A case as the domain sees it."""

    id: str
    doelgroep: Doelgroep
    person: Inburgeraar
    dates: CaseDates
    notes: dict[str, str] = field(default_factory=dict)
