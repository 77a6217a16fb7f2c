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


class ResidenceBasis(enum.StrEnum):
    """On what basis the person lives here (INTERFACES.md handover ``person.residence_basis``).

    Plicht depends on it (DOMAIN.md, "Who is plichtig"): an EU citizen's family member with
    EU residence is not plichtig (Wet art. 3 lid 2 b), nor is someone here for a temporary
    purpose (Besluit art. 2.2).
    """

    ASIEL = "asiel"
    GEZIN = "gezin"
    EU_FAMILIELID = "eu_familielid"
    TIJDELIJK_DOEL = "tijdelijk_doel"
    OVERIG = "overig"


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
    residence_basis: ResidenceBasis | None = None  # None: not recorded
    permit_since: date | None = None  # the day the residence permit was granted

    @property
    def display_name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()


@dataclass(frozen=True)
class WachtenOpDerde:
    """The PIP waits for a third party's information (Besluit art. 5.3 lid 2).

    ``reden`` says what is awaited and from whom, ``sinds`` when it was asked for, and
    ``ontvangen`` when it arrived (``None``: still waiting).
    """

    reden: str
    sinds: date
    ontvangen: date | None = None

    def __post_init__(self) -> None:
        if not self.reden.strip():
            raise ValueError("reden: say what information is awaited")
        if self.ontvangen is not None and self.ontvangen < self.sinds:
            raise ValueError("ontvangen: before the day it was asked for")


@dataclass(frozen=True)
class CaseDates:
    """The dates a case's deadlines are computed from (DOMAIN.md, "The law").

    ``brp_registration`` is the registration in this municipality's BRP (for a
    statushouder: the municipality that houses them, Besluit art. 5.3 lid 1).
    ``brp_after_move`` is set when the person moved here from another municipality before
    a PIP was set there: the registration here after that move (Besluit art. 5.3 lid 3).
    """

    brp_registration: date
    koppeling: date | None = None
    duo_kennisgeving: date | None = None
    bijstand_start: date | None = None
    pip_date: date | None = None  # dagtekening of the first PIP
    brp_after_move: date | None = None
    wachten_op_derde: WachtenOpDerde | None = None


@dataclass(frozen=True)
class Case:
    """A case as the domain sees it."""

    id: str
    doelgroep: Doelgroep
    person: Inburgeraar
    dates: CaseDates
    notes: dict[str, str] = field(default_factory=dict)
