"""How long the data of a case may be kept, per data category, at the office and on a laptop.

**The law** (Besluit inburgering 2021 art. 9.9, on the basis of Wet art. 37; DOMAIN.md
"Health data and retention"):

* lid 1: personal data are deleted **5 years after the inburgeringsplicht ends**; the
  death of the person ends the plicht, so the 5 years then run from the day of death;
* core **identity and outcome** data may be kept **at most 50 years** (counted here from
  the same end of the plicht: the Besluit's starting point for this term should be checked
  against the official text before the office deletes on it; :data:`KERN_MAX_YEARS`);
* lid 3: **loan** data 5 years after the loan is repaid, waived or otherwise ends;
* Wet art. 37 lid 2: **health** data only for the brede intake, setting the PIP and
  support; that limits access and use, not the term, so health data go with lid 1.

Counting (DOMAIN.md "Counting periods", :func:`~.calendar.period_last_day`): "5 years
after day D" is the period of 60 months that starts the day after D; its last day is the
last day the data may be kept ("t/m", :attr:`Bewaartermijn.bewaren_tot`), and they must be
gone from the day after (:attr:`Bewaartermijn.weg_op`). Plicht ended 2026-05-11: kept t/m
2031-05-11, gone on 2031-05-12.

**When the plicht's end is not recorded**, it ends at the latest at the AOW age
(:func:`~.plicht.plicht_ends_on`, Wet art. 3). The term is then counted from that day and
marked ``voorlopig``: an upper bound that an earlier end (exam passed, exemption, a move
abroad) brings forward. Once that day has passed, the plicht has certainly ended, so the
bound is safe to delete on.

**The laptop** (:func:`laptop_purge`): the office keeps the case; the copy on a laptop
serves the consultant only while they work on it (AVG art. 5 lid 1 c and e: data
minimisation and storage limitation; art. 32: a laptop travels and can be lost). A case
closed, or taken off the caseload by the office, is purged from the laptop
:data:`DEFAULT_GRACE_DAYS` days after the later of that day and the last sync that took
everything of the case to the office, and never while something of it has not reached the
office (outbox entries, attachments, open conflicts or quarantined changes: purging them
would lose them). A legal term that has passed (above) makes it due regardless.

**Data categories** (:class:`DataCategorie`) and which field belongs to which
(:data:`FIELD_CATEGORIES`, :func:`categorie_van`) are the table the storage and the office
apply when they purge. Every outcome carries :class:`~.text.Reason`\\ s citing the article.

The Dutch texts of the reasons here are default texts; they are not
marked ``N_`` yet, so the UI catalogue does not list them until the screens that show them
exist (the work that wires this module marks them and translates them).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from inburg_desktop.domain.calendar import ONE_DAY, period_last_day
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.plicht import plicht_ends_on
from inburg_desktop.domain.text import Reason, nl_date

TERMIJN_YEARS = 5
"""Besluit art. 9.9 lid 1 and lid 3: five years after the plicht (or the loan) ends."""
KERN_MAX_YEARS = 50
"""Besluit art. 9.9: identity and outcome data at most fifty years."""
DEFAULT_GRACE_DAYS = 30
"""Days a closed or removed case stays on a laptop after its last full sync.

Why 30: long enough that a case closed or taken off the caseload by mistake (or during a
consultant's holiday of up to four weeks) can be reopened without pulling it again, and
that letters in the weeks after closing can be checked against the laptop copy; short
enough that a lost laptop holds at most a month of cases nobody works on any more (AVG
art. 5 lid 1 e, art. 32). The office keeps the case, so nothing is lost by purging.
"""
MIN_GRACE_DAYS = 0
MAX_GRACE_DAYS = 90
"""A setting above three months would keep closed cases on laptops as a second archive."""


class DataCategorie(enum.StrEnum):
    """What kind of data a field holds, for its retention term (Besluit art. 9.9)."""

    KERN = "kern"  # identity and outcome: at most 50 years
    GEZONDHEID = "gezondheid"  # physical and mental health (Wet art. 37 lid 2): lid 1
    LENING = "lening"  # the inburgering loan (art. 9.9 lid 3)
    OVERIG = "overig"  # every other intake and PIP datum: lid 1


FIELD_CATEGORIES: tuple[tuple[str, DataCategorie, str], ...] = (
    # (field key, or prefix ending in ".*"; category; what it holds)
    ("person.given_names", DataCategorie.KERN, "voornamen"),
    ("person.family_name", DataCategorie.KERN, "achternaam"),
    ("person.date_of_birth", DataCategorie.KERN, "geboortedatum"),
    ("person.nationality", DataCategorie.KERN, "nationaliteit"),
    ("person.v_nummer", DataCategorie.KERN, "v-nummer"),
    ("person.bsn", DataCategorie.KERN, "BSN"),
    ("doelgroep", DataCategorie.KERN, "doelgroep"),
    ("gemeente", DataCategorie.KERN, "de gemeente van het dossier"),
    # Kept with the identity (atk9 #5): every case format requires it (the inburg-case/1
    # reader, a laptop's case row), so deleting it after 5 years left an identity that could
    # not be exported (AVG art. 15) nor pulled; it says since when the person lives in the
    # municipality, which is part of who the kept case is about (Besluit art. 9.9).
    ("dates.brp_registration", DataCategorie.KERN, "inschrijving in de BRP van de gemeente"),
    ("dates.duo_kennisgeving", DataCategorie.KERN, "ontstaan van de plicht (kennisgeving DUO)"),
    ("dates.pip_date", DataCategorie.KERN, "dagtekening van het PIP: begin van de termijn"),
    ("person.overleden_op", DataCategorie.KERN, "overlijdensdatum: einde van de plicht"),
    ("uitkomst.*", DataCategorie.KERN, "uitkomst: einde plicht en reden, leerroute, examen"),
    ("intake.fysieke_gezondheid.*", DataCategorie.GEZONDHEID, "intake: lichamelijke gezondheid"),
    ("intake.mentale_gezondheid.*", DataCategorie.GEZONDHEID, "intake: mentale gezondheid"),
    ("handover.notes.gezondheid", DataCategorie.GEZONDHEID, "overdracht COA: gezondheid"),
    ("lening.*", DataCategorie.LENING, "de lening voor de inburgering"),
)
"""Which field belongs to which category; a key not listed is :attr:`DataCategorie.OVERIG`
(the rest of ``person.*`` and ``dates.*``, ``handover.*``, ``intake.*``, ``oproep.*``,
``session.*``, ``pip.*``, ``attachment.*``, and the case's audit entries, conflicts and
quarantined changes). Free text in other topics may mention health; it shares the health
term (lid 1), so no category is kept longer than its content allows."""


def categorie_van(key: str) -> DataCategorie:
    """The category of field ``key`` by :data:`FIELD_CATEGORIES`: an exact key first,
    then the longest prefix; :attr:`DataCategorie.OVERIG` when none matches."""
    best: tuple[int, DataCategorie] | None = None
    for pattern, categorie, _ in FIELD_CATEGORIES:
        if pattern == key:
            return categorie
        prefix = pattern[:-1] if pattern.endswith(".*") else None
        if prefix and key.startswith(prefix) and (best is None or len(pattern) > best[0]):
            best = (len(pattern), categorie)
    return best[1] if best else DataCategorie.OVERIG


def categorieen_van(keys: Iterable[str]) -> frozenset[DataCategorie]:
    """The categories the fields ``keys`` hold (identity is always held by a case)."""
    return frozenset({DataCategorie.KERN, *(categorie_van(k) for k in keys)})


DATE_OF_BIRTH_KEY = "person.date_of_birth"
PLICHT_EINDE_KEY = "uitkomst.plicht_einde"
"""The day the plicht ended (ISO date), as recorded from DUO's decision."""
PLICHT_EINDE_REDEN_KEY = "uitkomst.plicht_einde_reden"
"""Why it ended: a :class:`PlichtEinde` value."""
OVERLEDEN_KEY = "person.overleden_op"
"""The day of death (ISO date), when known."""
LENING_EINDE_KEY = "lening.einde"
"""The day the loan was repaid, waived or otherwise ended (ISO date)."""


class PlichtEinde(enum.StrEnum):
    """Why the plicht ended, as recorded (DUO decides; the app records it)."""

    VOLDAAN = "voldaan"  # met: exam or eindgesprek (Wet art. 7)
    ONTHEFFING = "ontheffing"  # exemption or dispensation by DUO
    AOW_LEEFTIJD = "aow_leeftijd"  # reached the AOW age (Wet art. 3)
    VERTREK = "vertrek"  # no longer lawful residence here / left the country
    NATURALISATIE = "naturalisatie"  # became Dutch: no longer a vreemdeling
    OVERLIJDEN = "overlijden"  # died
    NIET_PLICHTIG = "niet_plichtig"  # DUO decided there was no plicht


@dataclass(frozen=True)
class RetentieFeiten:
    """What retention counts from, for one case.

    ``plicht_einde`` and ``plicht_einde_reden``: the recorded end (both or neither);
    ``overleden_op``: the day of death when known; ``lening_einde``: the day the loan was
    repaid, waived or otherwise ended (``None`` while it runs or when there is none);
    ``categorieen``: the categories held (:func:`categorieen_van`).
    """

    date_of_birth: date
    categorieen: frozenset[DataCategorie]
    plicht_einde: date | None = None
    plicht_einde_reden: PlichtEinde | None = None
    overleden_op: date | None = None
    lening_einde: date | None = None

    def __post_init__(self) -> None:
        if (self.plicht_einde is None) != (self.plicht_einde_reden is None):
            raise ValueError("plicht_einde and plicht_einde_reden: record both or neither")
        for name in ("plicht_einde", "overleden_op", "lening_einde"):
            day = getattr(self, name)
            if day is not None and day < self.date_of_birth:
                raise ValueError(f"{name}: before the date of birth")


@dataclass(frozen=True)
class Bewaartermijn:
    """How long one category of a case may be kept.

    ``bewaren_tot``: the last day it may be kept ("t/m"); ``weg_op``: the day it must be
    gone (the day after); both ``None`` while the term cannot start yet (a loan still
    running). ``voorlopig``: counted from the latest possible end of the plicht (the AOW
    age), which an earlier end brings forward. ``reasons``: why, citing the article.
    """

    categorie: DataCategorie
    bewaren_tot: date | None
    voorlopig: bool
    reasons: tuple[Reason, ...]

    @property
    def weg_op(self) -> date | None:
        return None if self.bewaren_tot is None else self.bewaren_tot + ONE_DAY

    def is_due(self, on: date) -> bool:
        """True when on ``on`` the data must be gone (``on`` is after ``bewaren_tot``)."""
        return self.bewaren_tot is not None and on > self.bewaren_tot


def _day(values: Mapping[str, object], key: str) -> date | None:
    raw = values.get(key)
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise ValueError(f"{key}: not a date")
    return parse_iso_date(raw)


def feiten_uit_velden(values: Mapping[str, object]) -> RetentieFeiten:
    """The :class:`RetentieFeiten` of a case from its fields (key to decoded JSON value):
    :data:`DATE_OF_BIRTH_KEY`, :data:`PLICHT_EINDE_KEY` with
    :data:`PLICHT_EINDE_REDEN_KEY`, :data:`OVERLEDEN_KEY`, :data:`LENING_EINDE_KEY`
    (ISO dates), and the categories of every key held.

    Raises ``ValueError`` when the date of birth is missing or any of these is not what
    it should be: then no term can be counted, and nothing may be deleted on a guess.
    """
    born = _day(values, DATE_OF_BIRTH_KEY)
    if born is None:
        raise ValueError(f"{DATE_OF_BIRTH_KEY}: missing")
    reden_raw = values.get(PLICHT_EINDE_REDEN_KEY)
    reden = None if reden_raw is None else PlichtEinde(str(reden_raw))
    return RetentieFeiten(
        date_of_birth=born,
        categorieen=categorieen_van(values),
        plicht_einde=_day(values, PLICHT_EINDE_KEY),
        plicht_einde_reden=reden,
        overleden_op=_day(values, OVERLEDEN_KEY),
        lening_einde=_day(values, LENING_EINDE_KEY),
    )


FEIT_KEYS = (
    DATE_OF_BIRTH_KEY,
    PLICHT_EINDE_KEY,
    PLICHT_EINDE_REDEN_KEY,
    OVERLEDEN_KEY,
    LENING_EINDE_KEY,
)
"""The fields whose values :func:`feiten_uit_velden` reads; of every other field only its
key counts (for :func:`categorieen_van`), so a reader may leave their values unread."""

RECORDED_KEYS = (PLICHT_EINDE_KEY, PLICHT_EINDE_REDEN_KEY, LENING_EINDE_KEY)
"""The retention facts a case records as fields of their own (the day of death is an
identity field). They decide when the office deletes a case (Besluit art. 9.9), so they
are recorded at the office only, from DUO's decision (Wet art. 7, 3; DOMAIN.md: DUO
decides and informs the municipality), and held to :func:`recorded_problem` wherever
they come in (atk9 #2: a pushed value deleted a current case, or kept one forever)."""
BRP_REGISTRATION_KEY = "dates.brp_registration"


def recorded_value_problem(key: str, value: object, today: date) -> str | None:
    """Why one of :data:`RECORDED_KEYS` cannot hold ``value`` (decoded JSON), or ``None``
    (``None`` clears it).

    Codes: ``retentie_geen_datum`` (a day that is not an ISO date ``JJJJ-MM-DD``),
    ``retentie_toekomst`` (a day after ``today``: an end is recorded once it happened),
    ``retentie_geen_reden`` (a reason that is no :class:`PlichtEinde` value).
    """
    if value is None:
        return None
    if key == PLICHT_EINDE_REDEN_KEY:
        if not isinstance(value, str) or value not in {r.value for r in PlichtEinde}:
            return "retentie_geen_reden"
        return None
    if not isinstance(value, str):
        return "retentie_geen_datum"
    try:
        day = parse_iso_date(value)
    except ValueError:  # parse_iso_date takes exactly YYYY-MM-DD
        return "retentie_geen_datum"
    return "retentie_toekomst" if day > today else None


def recorded_problem(values: Mapping[str, object], today: date) -> str | None:
    """Why the retention facts of a case, its fields ``values`` (key to decoded JSON
    value, as they would be stored), cannot be counted from, or ``None``.

    Each of :data:`RECORDED_KEYS` by :func:`recorded_value_problem`; then
    ``retentie_einde_half`` (the end of the plicht and its reason: both or neither),
    ``retentie_voor_geboorte`` (a day before the date of birth) and
    ``retentie_voor_brp`` (the plicht ended before the BRP registration the case is
    about). Source: Besluit art. 9.9 counts from the end of the plicht, which DUO decides.
    """
    for key in RECORDED_KEYS:
        if (problem := recorded_value_problem(key, values.get(key), today)) is not None:
            return problem
    if (values.get(PLICHT_EINDE_KEY) is None) != (values.get(PLICHT_EINDE_REDEN_KEY) is None):
        return "retentie_einde_half"
    days = {key: values.get(key) for key in (PLICHT_EINDE_KEY, LENING_EINDE_KEY)}
    for name, floor in (("geboorte", DATE_OF_BIRTH_KEY), ("brp", BRP_REGISTRATION_KEY)):
        try:
            start = _day(values, floor)
        except ValueError:
            continue  # its own rule refuses a bad date of birth or registration
        keys = (PLICHT_EINDE_KEY, LENING_EINDE_KEY) if name == "geboorte" else (PLICHT_EINDE_KEY,)
        for key in keys:
            raw = days[key]
            if start is not None and isinstance(raw, str) and parse_iso_date(raw) < start:
                return f"retentie_voor_{name}"
    return None


def years_after(day: date, years: int) -> date:
    """The last day of the period of ``years`` years that starts the day after ``day``."""
    return period_last_day(day + ONE_DAY, 12 * years)


@dataclass(frozen=True)
class _PlichtEnd:
    day: date
    voorlopig: bool
    reason: Reason


def _plicht_end(feiten: RetentieFeiten) -> _PlichtEnd:
    """The day the plicht ended (or at the latest ends), and the reason for that day."""
    candidates: list[_PlichtEnd] = []
    if feiten.plicht_einde is not None and feiten.plicht_einde_reden is not None:
        candidates.append(
            _PlichtEnd(
                feiten.plicht_einde,
                False,
                Reason(
                    "retentie_plicht_geeindigd",
                    ("De inburgeringsplicht is geëindigd op {day} ({reden})"),
                    {"day": nl_date(feiten.plicht_einde), "reden": feiten.plicht_einde_reden.value},
                ),
            )
        )
    if feiten.overleden_op is not None:
        candidates.append(
            _PlichtEnd(
                feiten.overleden_op,
                False,
                Reason(
                    "retentie_overleden",
                    ("De persoon is overleden op {day}; daarmee eindigde de plicht"),
                    {"day": nl_date(feiten.overleden_op)},
                ),
            )
        )
    aow_end = plicht_ends_on(feiten.date_of_birth)
    if candidates:
        first = min(candidates, key=lambda c: c.day)
        if first.day <= aow_end:
            return first
        # Recorded after the AOW age: the plicht had already ended there (Wet art. 3).
        return _PlichtEnd(
            aow_end,
            False,
            Reason(
                "retentie_aow_bereikt",
                (
                    "De inburgeringsplicht eindigde op {day}, de dag vóór de AOW-leeftijd "
                    "(Wet art. 3), eerder dan het vastgelegde einde"
                ),
                {"day": nl_date(aow_end)},
            ),
        )
    return _PlichtEnd(
        aow_end,
        True,
        Reason(
            "retentie_einde_onbekend",
            (
                "Het einde van de inburgeringsplicht is niet vastgelegd; uiterlijk eindigt de "
                "plicht op {day}, de dag vóór de AOW-leeftijd (Wet art. 3). Eindigt de plicht "
                "eerder, dan komt de bewaartermijn eerder te vervallen"
            ),
            {"day": nl_date(aow_end)},
        ),
    )


def plicht_einde_dag(feiten: RetentieFeiten) -> date:
    """The day the plicht ended, or at the latest ends: the recorded end or the day of
    death, whichever first, and never after the day before the AOW age (Wet art. 3)."""
    return _plicht_end(feiten).day


def intake_pip_verlopen(feiten: RetentieFeiten, on: date) -> bool:
    """True when on ``on`` the intake and PIP data (:attr:`DataCategorie.OVERIG`) must be
    gone, whether or not the case still holds any: :data:`TERMIJN_YEARS` after the end
    of the plicht (Besluit art. 9.9 lid 1), as :func:`office_retention` counts it."""
    return on > years_after(_plicht_end(feiten).day, TERMIJN_YEARS)


def office_retention(
    feiten: RetentieFeiten, *, kern_years: int = KERN_MAX_YEARS
) -> tuple[Bewaartermijn, ...]:
    """The term of every category ``feiten.categorieen`` holds, and of identity, which
    every case holds, in :class:`DataCategorie` order (Besluit art. 9.9; the rules are in
    the module docstring).

    ``kern_years`` is the municipality's choice for identity and outcome data, from
    :data:`TERMIJN_YEARS` up to :data:`KERN_MAX_YEARS`; raises ``ValueError`` outside it.
    """
    if not TERMIJN_YEARS <= kern_years <= KERN_MAX_YEARS:
        raise ValueError(f"kern_years: {TERMIJN_YEARS} to {KERN_MAX_YEARS}, got {kern_years}")
    end = _plicht_end(feiten)
    held = feiten.categorieen | {DataCategorie.KERN}  # a case always holds who it is about
    out: list[Bewaartermijn] = []
    for categorie in DataCategorie:
        if categorie not in held:
            continue
        if categorie is DataCategorie.LENING:
            out.append(_lening(feiten))
            continue
        years = kern_years if categorie is DataCategorie.KERN else TERMIJN_YEARS
        until = years_after(end.day, years)
        out.append(
            Bewaartermijn(
                categorie, until, end.voorlopig, (end.reason, _term_reason(categorie, years, until))
            )
        )
    return tuple(out)


_TERM_TEXT = {
    DataCategorie.KERN: (
        "Identiteits- en uitkomstgegevens: hoogstens {years} jaar na het einde van de plicht "
        "bewaren, tot en met {until} (Besluit art. 9.9)"
    ),
    DataCategorie.GEZONDHEID: (
        "Gezondheidsgegevens: {years} jaar na het einde van de plicht bewaren, tot en met "
        "{until} (Besluit art. 9.9 lid 1); alleen te gebruiken voor de brede intake, het PIP "
        "en de begeleiding (Wet art. 37 lid 2)"
    ),
    DataCategorie.OVERIG: (
        "Gegevens van intake en PIP: {years} jaar na het einde van de plicht bewaren, tot en "
        "met {until} (Besluit art. 9.9 lid 1)"
    ),
}


def _term_reason(categorie: DataCategorie, years: int, until: date) -> Reason:
    return Reason(
        f"retentie_{categorie.value}",
        _TERM_TEXT[categorie],
        {"years": str(years), "until": nl_date(until)},
    )


def _lening(feiten: RetentieFeiten) -> Bewaartermijn:
    if feiten.lening_einde is None:
        return Bewaartermijn(
            DataCategorie.LENING,
            None,
            False,
            (
                Reason(
                    "retentie_lening_loopt",
                    (
                        "Leninggegevens: de lening loopt nog; de bewaartermijn van {years} jaar "
                        "begint pas als de lening is afgelost, kwijtgescholden of anders "
                        "geëindigd (Besluit art. 9.9 lid 3)"
                    ),
                    {"years": str(TERMIJN_YEARS)},
                ),
            ),
        )
    until = years_after(feiten.lening_einde, TERMIJN_YEARS)
    return Bewaartermijn(
        DataCategorie.LENING,
        until,
        False,
        (
            Reason(
                "retentie_lening",
                (
                    "Leninggegevens: de lening eindigde op {day}; {years} jaar bewaren, tot en "
                    "met {until} (Besluit art. 9.9 lid 3)"
                ),
                {
                    "day": nl_date(feiten.lening_einde),
                    "years": str(TERMIJN_YEARS),
                    "until": nl_date(until),
                },
            ),
        ),
    )


def grace_days(value: object) -> int:
    """The laptop's grace period setting as whole days in
    [:data:`MIN_GRACE_DAYS`, :data:`MAX_GRACE_DAYS`]; ``ValueError`` otherwise (a bool,
    a fraction, text, out of range)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("grace days: a whole number of days")
    if not MIN_GRACE_DAYS <= value <= MAX_GRACE_DAYS:
        raise ValueError(f"grace days: {MIN_GRACE_DAYS} to {MAX_GRACE_DAYS}, got {value}")
    return value


@dataclass(frozen=True)
class LaptopFeiten:
    """A case on a laptop, for :func:`laptop_purge`.

    ``afgesloten_op``: the day the case was closed; ``van_caseload_op``: the day the
    office's removal arrived; ``volledig_gesynct_op``: the day of the last sync after
    which nothing of the case waited to go to the office (``None``: never); the counts say
    what of the case has not reached the office yet.
    """

    afgesloten_op: date | None = None
    van_caseload_op: date | None = None
    volledig_gesynct_op: date | None = None
    wachtende_wijzigingen: int = 0
    wachtende_bijlagen: int = 0
    open_conflicten: int = 0
    in_quarantaine: int = 0


@dataclass(frozen=True)
class LaptopPurge:
    """Whether the laptop's copy of a case must go on the day asked.

    ``weg_op``: the day it goes (``None``: not closed or removed, or never fully synced,
    and no legal term passed); ``due``: it must go now; ``blocked``: what keeps it (things
    not at the office yet), empty when nothing does; ``reasons``: why, citing the rule.
    """

    weg_op: date | None
    due: bool
    blocked: tuple[Reason, ...]
    reasons: tuple[Reason, ...]


def _blockers(feiten: LaptopFeiten) -> tuple[Reason, ...]:
    waiting = {
        "wachtende_wijzigingen": feiten.wachtende_wijzigingen,
        "wachtende_bijlagen": feiten.wachtende_bijlagen,
        "open_conflicten": feiten.open_conflicten,
        "in_quarantaine": feiten.in_quarantaine,
    }
    texts = {
        "wachtende_wijzigingen": ("{count} wijziging(en) nog niet naar het kantoor gestuurd"),
        "wachtende_bijlagen": ("{count} bijlage(n) nog niet naar het kantoor gestuurd"),
        "open_conflicten": ("{count} conflict(en) nog niet opgelost"),
        "in_quarantaine": ("{count} wijziging(en) in quarantaine, niet bij het kantoor"),
    }
    return tuple(
        Reason(f"laptop_purge_{name}", texts[name], {"count": str(count)})
        for name, count in waiting.items()
        if count > 0
    )


def laptop_purge(
    feiten: LaptopFeiten,
    on: date,
    *,
    grace: int = DEFAULT_GRACE_DAYS,
    legal_terms: Iterable[Bewaartermijn] = (),
) -> LaptopPurge:
    """Whether the laptop's copy of a case must go on ``on`` (rules: module docstring).

    ``grace`` is the setting in days (:func:`grace_days` checks it); ``legal_terms`` the
    case's :func:`office_retention`: when one of them is due, the copy goes regardless of
    closing, and a blocker does not keep it (the law's term wins; the blockers are still
    returned, so the consultant is told what is lost).
    """
    grace = grace_days(grace)
    blocked = _blockers(feiten)
    legal_due = [t for t in legal_terms if t.is_due(on)]
    if legal_due:
        first = min(legal_due, key=lambda t: t.bewaren_tot or on)
        return LaptopPurge(first.weg_op, True, blocked, (*first.reasons,))
    ended = [d for d in (feiten.afgesloten_op, feiten.van_caseload_op) if d is not None]
    if not ended:
        return LaptopPurge(None, False, blocked, ())
    why = Reason(
        "laptop_purge_grace",
        (
            "Het dossier is afgesloten of niet meer in uw caseload en staat op het kantoor; "
            "de kopie op deze laptop gaat {grace} dagen na de laatste volledige synchronisatie "
            "weg (AVG art. 5 lid 1 c en e)"
        ),
        {"grace": str(grace)},
    )
    if feiten.volledig_gesynct_op is None:
        never = Reason(
            "laptop_purge_never_synced",
            ("Het dossier is nog nooit volledig naar het kantoor gesynchroniseerd"),
        )
        return LaptopPurge(None, False, (*blocked, never), (why,))
    start = max(*ended, feiten.volledig_gesynct_op)
    weg_op = start + timedelta(days=grace)
    return LaptopPurge(weg_op, on >= weg_op and not blocked, blocked, (why,))
