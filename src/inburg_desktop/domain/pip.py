"""The PIP (Plan Inburgering en Participatie): its two parts, its versions and their JSON form.

The pilots kept the PIP in two parts (INSTRUMENTS.md, "The PIP in practice"):

* :class:`Beschikking`, the formal decision: everything Wet art. 15 and Besluit art. 5.3
  lid 4 and 3.14 lid 7 require (leerroute and, for asielstatushouders, its intensity, Wet
  art. 15 lid 2; support and guidance; PVT and MAP intensity; KNM; participation; VVE
  agreements, Wet art. 15 lid 1 d; the
  attached ontzorgen decision under Participatiewet art. 56a; the number of
  voortgangsgesprekken; in the Z-route the A2 exams the person wants to take).
* :class:`Ontwikkelplan`, the living part: goals and agreements (who does what by when)
  that change at every voortgangsgesprek *without* a new decision.

A :class:`PipVersion` is one version of the decision (draft, set, signed); setting it gives
it its dagtekening and records who decided and when (:class:`Besluitnemer`, AVG art. 22:
a decision with legal effect is taken by a person, who can be named). A
:class:`PipHistory` holds all versions in order; the first set version's dagtekening
anchors the inburgeringstermijn (Wet art. 11), later versions never move it.
The rules for amendments live in ``pip_rules.py``.

Storage keeps each version as a JSON value under ``pip.version.<n>`` and a pointer under
``pip.current`` (:meth:`PipHistory.pointer`). :func:`dump` and :func:`load` convert the
frozen dataclasses to plain dicts and back; loading is strict (unknown keys, wrong types,
bad dates and bad enum values are a :class:`PipFormatError` naming the field). A missing
key takes the field's default, so versions stored before a field was added still load.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields, is_dataclass, replace
from datetime import date, datetime
from typing import Any, TypeVar, Union, cast, get_args, get_origin, get_type_hints

from inburg_desktop.domain.calendar import add_months
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.deadlines import TERMIJN_MONTHS, termijn_start
from inburg_desktop.domain.iso_date import parse_iso_date, parse_iso_moment
from inburg_desktop.domain.problem import Problem

FORMAT = "inburg-pip/1"
CURRENT_KEY = "pip.current"
PVT_MIN_HOURS = 12  # Besluit art. 3.1
MAP_THEMES = 8  # Besluit art. 3.2
Z_COURSE_HOURS = 800  # Besluit art. 3.14
Z_PARTICIPATION_HOURS = 800  # Besluit art. 3.14, asielstatushouders
A2_MIN_COURSE_HOURS = 600  # Besluit art. 5.5
DEFAULT_GESPREK_MAANDEN = (1, 2, 3, 6, 9, 12, 18, 24)  # seed: ~8 talks, denser at the start

Json = dict[str, Any]


def version_key(nummer: int) -> str:
    """Storage key of version ``nummer``: ``pip.version.<n>``."""
    return f"pip.version.{nummer}"


class PipStatus(enum.StrEnum):
    DRAFT = "draft"
    SET = "set"  # vastgesteld: has its dagtekening
    SIGNED = "signed"


class BegeleidingSoort(enum.StrEnum):
    MAATSCHAPPELIJKE_BEGELEIDING = "maatschappelijke_begeleiding"  # Wet art. 13
    TAALMAATJE = "taalmaatje"
    BUDGETCOACHING = "budgetcoaching"
    GEZONDHEID = "gezondheid"
    JOBCOACH = "jobcoach"
    DIGITALE_VAARDIGHEDEN = "digitale_vaardigheden"
    OVERIG = "overig"


class KnmVorm(enum.StrEnum):
    EXAMEN = "examen"  # B1- and onderwijsroute: the KNM exam at DUO
    EINDGESPREK = "eindgesprek"  # Z-route: part of the route's eindgesprek


class ParticipatieSoort(enum.StrEnum):
    WERK = "werk"
    VRIJWILLIGERSWERK = "vrijwilligerswerk"
    MBO_ENTREE = "mbo_entree"  # MBO-1
    STAGE = "stage"
    ACTIVITEIT = "activiteit"


class OntzorgenOnderdeel(enum.StrEnum):
    HUUR = "huur"
    ENERGIE = "energie"  # gas, water and electricity
    ZORGVERZEKERING = "zorgverzekering"


class Examenonderdeel(enum.StrEnum):
    LEZEN = "lezen"
    LUISTEREN = "luisteren"
    SPREKEN = "spreken"
    SCHRIJVEN = "schrijven"


class Actor(enum.StrEnum):
    INBURGERAAR = "inburgeraar"
    CONSULENT = "consulent"
    TAALAANBIEDER = "taalaanbieder"
    MAATSCHAPPELIJK_BEGELEIDER = "maatschappelijk_begeleider"
    WERKGEVER = "werkgever"
    OVERIG = "overig"


class UitzonderingGrond(enum.StrEnum):
    """Where the Besluit lets the municipality deviate from a rule, by article and lid."""

    BESLUIT_5_4_LID_2 = "besluit_5_4_lid_2"  # route change after a non-exempting course
    BESLUIT_5_4_LID_3 = "besluit_5_4_lid_3"  # route change: bijzonder geval
    # Z-route, fewer hours: three cases of art. 3.14 lid 6, 8 and 9 (which lid holds which
    # is not known here: Z_HOURS_ARTICLE); the names are stored values, not citations
    BESLUIT_3_14_LID_6 = "besluit_3_14_lid_6"  # hours already followed in another route
    BESLUIT_3_14_LID_8 = "besluit_3_14_lid_8"  # a partial ontheffing
    BESLUIT_3_14_LID_9 = "besluit_3_14_lid_9"  # another case those lids name
    # the PIP's leerroute differs from the one chosen (with reasons) in the brede intake:
    # the college sets the route in the PIP on the basis of the intake (Wet art. 14 lid 3,
    # art. 15 lid 1) and says why it departs from it (Awb art. 3:46)
    WET_15_LID_1 = "wet_15_lid_1"


Z_HOURS_ARTICLE = "art. 3.14 lid 6, 8 en 9"
"""Where the Besluit allows a Z-route below 800 course or participation hours. DOMAIN.md
("The law", Z-route): "Lids 6, 8 and 9 allow fewer hours in the cases they name (hours
already followed in another route, partial ontheffing)". Neither DOMAIN.md nor the seed
plan says which of the three lids holds which case (and the seed says nothing of them), so
every Z-route ground cites the three lids together and none claims a lid of its own; the
grounds' stored values (``besluit_3_14_lid_6`` …) are names kept for vaults that hold them,
not citations."""

GROUND_ARTICLES: dict[UitzonderingGrond, tuple[str, str]] = {
    # DOMAIN.md: "after finishing or leaving a non-exempting course after those 1.5 years
    # (5.4 lid 2), and 'bijzondere gevallen' (5.4 lid 3)"
    UitzonderingGrond.BESLUIT_5_4_LID_2: ("Besluit", "art. 5.4 lid 2"),
    UitzonderingGrond.BESLUIT_5_4_LID_3: ("Besluit", "art. 5.4 lid 3"),
    UitzonderingGrond.BESLUIT_3_14_LID_6: ("Besluit", Z_HOURS_ARTICLE),
    UitzonderingGrond.BESLUIT_3_14_LID_8: ("Besluit", Z_HOURS_ARTICLE),
    UitzonderingGrond.BESLUIT_3_14_LID_9: ("Besluit", Z_HOURS_ARTICLE),
    UitzonderingGrond.WET_15_LID_1: ("Wet", "art. 14 lid 3 en art. 15 lid 1"),
}
"""Per ground, the law (``"Wet"``: Wet inburgering 2021, ``"Besluit"``: Besluit
inburgering 2021) and the article it can be cited by: the one place the grounds' legal
sources live (the editor's labels and the decision's text both cite from here)."""

_LAW_TITLES = {"Wet": "Wet inburgering 2021", "Besluit": "Besluit inburgering"}


def ground_citation(grond: UitzonderingGrond, *, full_title: bool = False) -> str:
    """The Dutch citation of ``grond``: ``"Besluit art. 3.14 lid 6, 8 en 9"``, or with the
    law's full title for the decision (``"Besluit inburgering art. 5.4 lid 2"``)."""
    law, article = GROUND_ARTICLES[grond]
    return f"{_LAW_TITLES[law] if full_title else law} {article}"


class Voortgang(enum.StrEnum):
    OPEN = "open"
    BEREIKT = "bereikt"  # a goal reached, an agreement done
    VERVALLEN = "vervallen"


class PipInvalid(Problem, ValueError):
    """A PIP value that breaks one of the model's rules; ``params["field"]`` names it.

    Codes: ``pip_at_least_one`` (hours that must be 1 or more), ``pip_not_negative``,
    ``pip_no_gesprek`` (no voortgangsgesprek planned), ``pip_gesprek_month`` (a month
    outside the termijn of Wet art. 11, 1 to ``max``), ``pip_gesprek_order`` (months not
    increasing), ``pip_inconsistent`` (versions that do not fit together: a bug or a
    stored value edited by hand).
    """

    default_code = "pip_inconsistent"


def _require(ok: bool, code: str, field: str, **params: object) -> None:
    if not ok:
        raise PipInvalid(code, field=field, **params)


@dataclass(frozen=True)
class Begeleiding:
    soort: BegeleidingSoort
    omschrijving: str = ""
    aanbieder: str = ""


@dataclass(frozen=True)
class LeerrouteIntensiteit:
    """For asielstatushouders the PIP states the leerroute's intensity (Wet art. 15 lid 2)."""

    uren_per_week: int
    totaal_uren: int
    aanbieder: str = ""

    def __post_init__(self) -> None:
        _require(self.uren_per_week > 0, "pip_at_least_one", "uren_per_week")
        _require(self.totaal_uren > 0, "pip_at_least_one", "totaal_uren")


@dataclass(frozen=True)
class PvtIntensiteit:
    """Participatieverklaringstraject: at least 12 hours, at least one activity (art. 3.1)."""

    uren: int = PVT_MIN_HOURS
    activiteiten: tuple[str, ...] = ()
    aanbieder: str = ""

    def __post_init__(self) -> None:
        _require(self.uren >= 0, "pip_not_negative", "uren")


@dataclass(frozen=True)
class MapIntensiteit:
    """Module Arbeidsmarkt en Participatie: eight themes and an eindgesprek (art. 3.2)."""

    themas: int = MAP_THEMES
    eindgesprek: bool = True
    uren: int = 0
    aanbieder: str = ""

    def __post_init__(self) -> None:
        _require(self.themas >= 0, "pip_not_negative", "themas")
        _require(self.uren >= 0, "pip_not_negative", "uren")


@dataclass(frozen=True)
class Knm:
    vorm: KnmVorm
    uren: int = 0
    aanbieder: str = ""

    def __post_init__(self) -> None:
        _require(self.uren >= 0, "pip_not_negative", "uren")


@dataclass(frozen=True)
class ParticipatieComponent:
    soort: ParticipatieSoort
    omschrijving: str = ""
    uren_per_week: int = 0
    totaal_uren: int = 0
    organisatie: str = ""

    def __post_init__(self) -> None:
        _require(self.uren_per_week >= 0, "pip_not_negative", "uren_per_week")
        _require(self.totaal_uren >= 0, "pip_not_negative", "totaal_uren")


@dataclass(frozen=True)
class VveAfspraak:
    """VVE for one child; ``vve_nodig`` is ``None`` while the intake has not settled it."""

    geboortedatum: date
    vve_nodig: bool | None = None
    afspraak: str = ""
    voorziening: str = ""


ALLE_ONTZORGEN = tuple(OntzorgenOnderdeel)


@dataclass(frozen=True)
class Ontzorgen:
    """The attached Participatiewet decision on ontzorgen (Participatiewet art. 56a).

    Art. 56a gives six months and no extension; ``verlengd_tot`` records going on after
    them under a separate decision (Participatiewet art. 57). It never moves the end of
    the six months (``deadlines.ontzorgen_until``).
    """

    bijstand_start: date | None = None
    onderdelen: tuple[OntzorgenOnderdeel, ...] = ALLE_ONTZORGEN
    besluit_datum: date | None = None
    besluit_kenmerk: str = ""
    verlengd_tot: date | None = None
    budgettraining: bool = True


@dataclass(frozen=True)
class Uitzondering:
    """The consultant's use of a ground the Besluit gives to deviate from a rule.

    ``regel`` is the code of the warning it answers (``pip_rules``: e.g.
    ``route_switch_after_window``, ``z_course_hours``), ``grond`` the article and lid
    invoked and ``motivering`` why it applies here (Awb art. 3:46). It is kept with the
    PIP version it belongs to and printed in the decision.
    """

    regel: str
    grond: UitzonderingGrond
    motivering: str


MAX_NAAM = 200  # as a name in the handover format (INTERFACES.md)


@dataclass(frozen=True)
class Besluitnemer:
    """Who set (or amended) a PIP version, and when: the human decision of AVG art. 22.

    ``naam``: the consultant's name as the decision prints it (1-200 characters);
    ``consulent_id``: the consultant's identity, the office account when the laptop is
    enrolled (``sync.consultant``), else this vault's own consultant id;
    ``tijdstip``: the moment of the decision, ISO 8601 with a UTC offset, to the second.
    """

    naam: str
    consulent_id: str
    tijdstip: str

    def __post_init__(self) -> None:
        _require(0 < len(self.naam.strip()) <= MAX_NAAM, "pip_inconsistent", "naam")
        _require(0 < len(self.consulent_id) <= MAX_NAAM, "pip_inconsistent", "consulent_id")
        try:
            moment = parse_iso_moment(self.tijdstip)
        except (ValueError, TypeError):
            moment = None
        # an ISO 8601 moment with a UTC offset: a moment, not a wall-clock time
        _require(moment is not None and moment.tzinfo is not None, "pip_inconsistent", "tijdstip")

    @property
    def moment(self) -> datetime:
        return parse_iso_moment(self.tijdstip)


@dataclass(frozen=True)
class Voortgangsgesprekken:
    """The planned progress talks, as months after the termijn start (default 8)."""

    maanden: tuple[int, ...] = DEFAULT_GESPREK_MAANDEN

    def __post_init__(self) -> None:
        _require(bool(self.maanden), "pip_no_gesprek", "maanden")
        _require(
            all(1 <= m <= TERMIJN_MONTHS for m in self.maanden),
            "pip_gesprek_month",
            "maanden",
            max=TERMIJN_MONTHS,
        )
        _require(
            all(a < b for a, b in zip(self.maanden, self.maanden[1:], strict=False)),
            "pip_gesprek_order",
            "maanden",
        )

    @property
    def aantal(self) -> int:
        return len(self.maanden)


def propose_voortgangsgesprekken(
    start: date, maanden: tuple[int, ...] = DEFAULT_GESPREK_MAANDEN
) -> tuple[date, ...]:
    """Dates of the voortgangsgesprekken: ``maanden`` months after the termijn ``start``."""
    return tuple(add_months(start, m) for m in Voortgangsgesprekken(maanden).maanden)


def taaldoel(leerroute: Leerroute, afschaling_a2: bool = False) -> str:
    """The route's language target (INSTRUMENTS.md, "Route targets")."""
    if leerroute is Leerroute.B1:
        return "A2" if afschaling_a2 else "B1"
    if leerroute is Leerroute.ONDERWIJS:
        return "B1/B2"
    return "A1"


@dataclass(frozen=True)
class Beschikking:
    """The formal decision: what the law requires the PIP to hold."""

    leerroute: Leerroute | None = None
    leerroute_intensiteit: LeerrouteIntensiteit | None = None
    begeleiding: tuple[Begeleiding, ...] = ()
    pvt: PvtIntensiteit | None = None
    map: MapIntensiteit | None = None
    knm: Knm | None = None
    participatie: tuple[ParticipatieComponent, ...] = ()
    vve: tuple[VveAfspraak, ...] = ()
    bijstand: bool = False
    ontzorgen: Ontzorgen | None = None
    voortgangsgesprekken: Voortgangsgesprekken = field(default_factory=Voortgangsgesprekken)
    z_a2_examens: tuple[Examenonderdeel, ...] = ()
    toelichting: str = ""

    @property
    def participatie_uren(self) -> int:
        """Planned participation hours; PVT and MAP hours count (Besluit art. 3.14)."""
        parts = sum(component.totaal_uren for component in self.participatie)
        pvt = self.pvt.uren if self.pvt else 0
        map_ = self.map.uren if self.map else 0
        return parts + pvt + map_


@dataclass(frozen=True)
class Doel:
    omschrijving: str
    levensdomein: str = ""
    status: Voortgang = Voortgang.OPEN


@dataclass(frozen=True)
class Afspraak:
    """Who does what by when."""

    wie: Actor
    wat: str
    wanneer: date | None = None
    wie_naam: str = ""
    status: Voortgang = Voortgang.OPEN


@dataclass(frozen=True)
class Ontwikkelplan:
    """The living part: goals and agreements, updated at every voortgangsgesprek."""

    doelen: tuple[Doel, ...] = ()
    afspraken: tuple[Afspraak, ...] = ()
    bijgewerkt_op: date | None = None


@dataclass(frozen=True)
class PipVersion:
    """One version of the PIP decision."""

    nummer: int
    status: PipStatus
    created_on: date
    beschikking: Beschikking
    ontwikkelplan: Ontwikkelplan = field(default_factory=Ontwikkelplan)
    dagtekening: date | None = None
    signed_on: date | None = None
    reden: str = ""  # why this version amends the previous one
    based_on: int | None = None
    afschaling_a2: bool = False
    cursusuren_nt2: int = 0  # NT2 course hours done when this version was made
    uitzonderingen: tuple[Uitzondering, ...] = ()  # grounds used to deviate, with reasons
    # who set this version and when (AVG art. 22); None for a draft and for versions set
    # before the app recorded it
    vastgesteld_door: Besluitnemer | None = None

    def __post_init__(self) -> None:
        _require(self.nummer >= 1, "pip_inconsistent", "nummer")
        _require(self.cursusuren_nt2 >= 0, "pip_not_negative", "cursusuren_nt2")
        if self.based_on is not None:
            _require(1 <= self.based_on < self.nummer, "pip_inconsistent", "based_on")
        if self.status is PipStatus.DRAFT:
            _require(self.dagtekening is None, "pip_inconsistent", "dagtekening")
            _require(self.signed_on is None, "pip_inconsistent", "signed_on")
            _require(self.vastgesteld_door is None, "pip_inconsistent", "vastgesteld_door")
        else:
            _require(self.dagtekening is not None, "pip_inconsistent", "dagtekening")
        if self.status is PipStatus.SIGNED:
            _require(self.signed_on is not None, "pip_inconsistent", "signed_on")
        elif self.status is PipStatus.SET:
            _require(self.signed_on is None, "pip_inconsistent", "signed_on")

    @property
    def leerroute(self) -> Leerroute | None:
        return self.beschikking.leerroute

    @property
    def is_set(self) -> bool:
        return self.status is not PipStatus.DRAFT

    def to_json(self) -> Json:
        return cast(Json, dump(self))

    @classmethod
    def from_json(cls, data: object) -> PipVersion:
        return load(cls, data)


@dataclass(frozen=True)
class PipHistory:
    """All versions of a case's PIP, oldest first; only the newest may be a draft."""

    versions: tuple[PipVersion, ...] = ()

    def __post_init__(self) -> None:
        last_day: date | None = None
        for index, version in enumerate(self.versions):
            where = f"versions[{index}]"
            _require(version.nummer == index + 1, "pip_inconsistent", f"{where}.nummer")
            last = index == len(self.versions) - 1
            _require(version.is_set or last, "pip_inconsistent", f"{where}.status")
            if version.dagtekening is not None:
                _require(
                    last_day is None or version.dagtekening >= last_day,
                    "pip_inconsistent",
                    f"{where}.dagtekening",
                )
                last_day = version.dagtekening

    @property
    def latest(self) -> PipVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def in_force(self) -> PipVersion | None:
        """The newest set (or signed) version: the decision that applies now."""
        return next((v for v in reversed(self.versions) if v.is_set), None)

    @property
    def draft(self) -> PipVersion | None:
        latest = self.latest
        return latest if latest is not None and not latest.is_set else None

    @property
    def pip_date(self) -> date | None:
        """Dagtekening of the first set PIP: the termijn counts from it (Wet art. 11)."""
        first = next((v for v in self.versions if v.is_set), None)
        return None if first is None else first.dagtekening

    @property
    def termijn_start(self) -> date | None:
        return termijn_start(self.pip_date)

    def new_draft(
        self,
        beschikking: Beschikking,
        on: date,
        *,
        reden: str = "",
        afschaling_a2: bool = False,
        cursusuren_nt2: int = 0,
        ontwikkelplan: Ontwikkelplan | None = None,
        uitzonderingen: tuple[Uitzondering, ...] = (),
    ) -> PipVersion:
        """A draft for the next version, based on the version in force (not yet added)."""
        base = self.in_force
        number = base.nummer + 1 if base is not None else 1
        plan = ontwikkelplan or (base.ontwikkelplan if base else Ontwikkelplan())
        return PipVersion(
            nummer=number,
            status=PipStatus.DRAFT,
            created_on=on,
            beschikking=beschikking,
            ontwikkelplan=plan,
            reden=reden,
            based_on=None if base is None else base.nummer,
            afschaling_a2=afschaling_a2,
            cursusuren_nt2=cursusuren_nt2,
            uitzonderingen=uitzonderingen,
        )

    def with_draft(self, version: PipVersion) -> PipHistory:
        """Add ``version`` as the newest draft, replacing an earlier unsaved draft."""
        _require(not version.is_set, "pip_inconsistent", "status")
        kept = self.versions[:-1] if self.draft is not None else self.versions
        return PipHistory((*kept, version))

    def set_draft(self, on: date, door: Besluitnemer | None = None) -> PipHistory:
        """Set the draft: it gets its dagtekening ``on`` (Wet art. 11: the termijn's anchor)
        and ``door``, who decided and when (AVG art. 22; the use cases always pass it)."""
        draft = self.draft
        _require(draft is not None, "pip_inconsistent", "versions")
        assert draft is not None
        done = replace(draft, status=PipStatus.SET, dagtekening=on, vastgesteld_door=door)
        return PipHistory((*self.versions[:-1], done))

    def sign(self, on: date) -> PipHistory:
        """Record that the set version in force was signed on ``on``."""
        current = self.latest
        _require(
            current is not None and current.status is PipStatus.SET,
            "pip_inconsistent",
            "versions",
        )
        assert current is not None
        done = replace(current, status=PipStatus.SIGNED, signed_on=on)
        return PipHistory((*self.versions[:-1], done))

    def with_ontwikkelplan(self, plan: Ontwikkelplan) -> PipHistory:
        """Update the living part on the newest version; no new decision is needed."""
        current = self.latest
        _require(current is not None, "pip_inconsistent", "versions")
        assert current is not None
        return PipHistory((*self.versions[:-1], replace(current, ontwikkelplan=plan)))

    def pointer(self) -> Json:
        """The ``pip.current`` value the case list reads.

        ``status`` is ``none``, ``draft``, ``set`` or ``signed`` for the version in force
        (or the draft while none is set); ``draft_version`` names a pending amendment.
        """
        shown = self.in_force or self.latest
        if shown is None:
            return {"status": "none", "signed_on": None, "leerroute": None, "version": None}
        pending = self.draft
        return {
            "status": shown.status.value,
            "signed_on": _iso(shown.signed_on),
            "leerroute": None if shown.leerroute is None else shown.leerroute.value,
            "version": shown.nummer,
            "dagtekening": _iso(shown.dagtekening),
            "draft_version": None if pending is None or pending is shown else pending.nummer,
        }

    def storage_items(self) -> dict[str, Json]:
        """Every value to store: ``pip.version.<n>`` per version and ``pip.current``."""
        items = {version_key(v.nummer): v.to_json() for v in self.versions}
        items[CURRENT_KEY] = self.pointer()
        return items

    @classmethod
    def from_storage(
        cls, values: Mapping[str, object], loaded: Mapping[str, PipVersion] | None = None
    ) -> PipHistory:
        """Rebuild from stored ``pip.version.<n>`` values (other keys are ignored);
        ``loaded``: versions already loaded from those values, by key, used as they are."""
        numbered: dict[int, tuple[str, object]] = {}
        for key, value in values.items():
            prefix, _, number = key.rpartition(".")
            if prefix == "pip.version" and number.isdigit():
                numbered[int(number)] = (key, value)
        done = loaded or {}
        versions = tuple(
            done.get(numbered[n][0]) or load(PipVersion, numbered[n][1], version_key(n))
            for n in sorted(numbered)
        )
        return _build(cls, {"versions": versions}, "pip")

    def to_json(self) -> Json:
        return {"format": FORMAT, "versions": [v.to_json() for v in self.versions]}

    @classmethod
    def from_json(cls, data: object) -> PipHistory:
        if not isinstance(data, dict):
            raise PipFormatError("pip", "expected an object")
        if data.get("format") != FORMAT:
            raise PipFormatError("format", f"expected {FORMAT!r}")
        body = {k: v for k, v in data.items() if k != "format"}
        return load(cls, body)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


# --- JSON: plain dicts in and out, strict on the way in ---------------------------------


class PipFormatError(Problem, ValueError):
    """Stored PIP data that does not fit the model; ``field`` is the path to it.

    Code ``pip_stored_invalid`` with ``field``; ``problem`` says what is wrong in a
    developer's words (for the log: it names no value).
    """

    default_code = "pip_stored_invalid"

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(field=field)
        self.field = field
        self.problem = problem

    def __str__(self) -> str:
        return f"{self.field}: {self.problem}"


def dump(value: object) -> Any:
    """A frozen PIP dataclass (or part of one) as plain JSON values."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: dump(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [dump(item) for item in value]
    return value


T = TypeVar("T")


def load(cls: type[T], data: object, path: str = "pip") -> T:
    """Build ``cls`` from plain JSON values; a :class:`PipFormatError` names the bad field."""
    return cast(T, _load(cls, data, path))


def _load(tp: Any, data: object, path: str) -> Any:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if data is None:
            return None
        return _load(args[0], data, path)
    if origin is tuple:
        if not isinstance(data, list):
            raise PipFormatError(path, "expected a list")
        return tuple(_load(get_args(tp)[0], item, f"{path}[{i}]") for i, item in enumerate(data))
    if tp is bool:
        if not isinstance(data, bool):
            raise PipFormatError(path, "expected true or false")
        return data
    if tp is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise PipFormatError(path, "expected a whole number")
        return data
    if tp is str:
        if not isinstance(data, str):
            raise PipFormatError(path, "expected text")
        return data
    if tp is date:
        return _load_date(data, path)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            return tp(data)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in tp)
            raise PipFormatError(path, f"expected one of {allowed}, got {data!r}") from None
    if isinstance(tp, type) and is_dataclass(tp):
        if not isinstance(data, dict):
            raise PipFormatError(path, "expected an object")
        return _load_fields(tp, data, path)
    raise TypeError(f"{path}: no JSON form for {tp!r}")


def _load_date(data: object, path: str) -> date:
    if isinstance(data, str) and len(data) == 10:
        try:
            return parse_iso_date(data)
        except ValueError:
            pass
    raise PipFormatError(path, f"expected a date YYYY-MM-DD, got {data!r}")


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _type_hints(cls: type[Any]) -> dict[str, Any]:
    """``get_type_hints`` once per class: resolving the annotations' strings was most of
    the time of loading a version, which the office and every pull now do per PIP field."""
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = get_type_hints(cls)
    return hints


def _load_fields(cls: type[Any], data: Mapping[str, object], path: str) -> Any:
    hints = _type_hints(cls)
    known = {f.name: f for f in fields(cls)}
    for key in data:
        if key not in known:
            raise PipFormatError(f"{path}.{key}", "unknown field")
    values: dict[str, Any] = {}
    for name, spec in known.items():
        if name in data:
            values[name] = _load(hints[name], data[name], f"{path}.{name}")
        elif spec.default is MISSING and spec.default_factory is MISSING:
            raise PipFormatError(f"{path}.{name}", "missing")
    return _build(cls, values, path)


def _build(cls: type[T], values: Mapping[str, Any], path: str) -> T:
    try:
        return cls(**values)
    except PipFormatError:
        raise
    except PipInvalid as error:
        # The model's own rule names the field it refused: "uren", "maanden", ...
        raise PipFormatError(f"{path}.{error.params['field']}", error.code) from None
    except ValueError:
        raise PipFormatError(path, "invalid") from None
