"""Whether the data held about a person point to an inburgeringsplicht under the Wet
inburgering 2021 (Wet art. 3–5; DOMAIN.md, "Who is plichtig").

DUO decides on the plicht, its exemptions and dispensations; the app records that
decision and does not replace it. This check only says what the data held (date of birth,
nationality, residence basis, permit date) suggest, and warns when they make the plicht
doubtful. Every reason text is therefore phrased as "volgens de vastgelegde gegevens".

Rules applied; the outcome is plichtig only when none excludes it:

* Age (Wet art. 3): from 16 up to, not including, the day the AOW age is reached
  (``aow.py``; ages by :func:`calendar.age_on`). Under 18 a warning: leerplicht or
  kwalificatieplicht usually exempts 16- and 17-year-olds (Wet art. 4). An AOW age the
  law has not fixed yet is shown as provisional in every text, and is a warning where it
  decides the outcome (here: the person is past it; ``evaluation.py``: it ends the plicht
  inside the termijn).
* Nationality (Wet art. 3 lid 2 a): Dutch nationals are not vreemdelingen; nationals of
  the EU, EEA and Switzerland are not plichtig.
* Residence basis (``person.residence_basis``): an EU citizen's family member with EU
  residence is not plichtig (Wet art. 3 lid 2 b); nor is someone here for a temporary
  purpose (Besluit art. 2.2). Unknown: a warning, never a guess.
* The law in time: the Wet inburgering 2021 applies from 2022-01-01. A plicht that arose
  before (permit granted before that day, at 16 or older) falls under the old law.
  Turkish nationals: plichtig under this law like others when their plicht arises on or
  after 2022-01-01; Turkish asielstatushouders were plichtig under the old law from
  2020-05-01; Turkish nationals who already held their permit on 2022-01-01 are not
  plichtig under this law. A Turkish national whose permit date is unknown gets a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from inburg_desktop.domain import countries
from inburg_desktop.domain.aow import LAST_FIXED_BIRTH_DATE, aow_age, aow_date
from inburg_desktop.domain.calendar import age_on, birthday, period_last_day
from inburg_desktop.domain.case import ResidenceBasis
from inburg_desktop.domain.text import N_, DutchTerm, Reason, nl_date

PLICHT_MIN_AGE = 16  # Wet art. 3
ADULT_AGE = 18  # leerplicht/kwalificatieplicht usually exempts until 18 (Wet art. 4)
WET_IN_FORCE = date(2022, 1, 1)  # Wet inburgering 2021
TURKISH_ASIEL_OLD_LAW_SINCE = date(2020, 5, 1)
_LAW = {
    "wet_in_force": nl_date(WET_IN_FORCE),
    "asiel_since": nl_date(TURKISH_ASIEL_OLD_LAW_SINCE),
}


@dataclass(frozen=True)
class PlichtCheck:
    """Outcome of :func:`check_plicht`.

    ``reasons`` explain the outcome, the deciding one first (for a negative outcome the
    first exclusion found). ``warnings`` flag data that make the outcome doubtful.
    ``plicht_ends_on`` is the last day of the plicht by age (the day before the AOW age is
    reached) when the person is plichtig, else ``None``; ``aow_provisional`` says the AOW
    age behind it is not fixed in law yet.
    """

    plichtig: bool
    reasons: tuple[Reason, ...]
    warnings: tuple[Reason, ...]
    aow_date: date | None = None
    aow_provisional: bool = False
    plicht_ends_on: date | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.reasons)

    @property
    def warning_codes(self) -> tuple[str, ...]:
        return tuple(w.code for w in self.warnings)


def plicht_ends_on(date_of_birth: date) -> date:
    """The last day of the plicht by age: the day before the AOW age is reached.

    The plicht ends at the AOW age (Wet art. 3); this is the last day of the period of
    the AOW age in months from the day of birth (:func:`calendar.period_last_day`).
    """
    return period_last_day(date_of_birth, aow_age(date_of_birth).total_months)


def _nationality(nationality: str, raw: str) -> tuple[bool, Reason]:
    """Whether the nationality allows a plicht (Wet art. 3 lid 2 a), with the reason.

    The reason names the country in Dutch ("Syrië", not "SYR"), as the law's reasons name
    their dates in Dutch (``text.nl_date``); an unknown code stays as it was recorded."""
    dutch = countries.country_name(nationality, "nl")
    # Known: the Dutch name, worded in the UI language on screen (DutchTerm); unknown: as
    # it was recorded.
    params: dict[str, str] = {
        "nationality": DutchTerm(dutch, "country", nationality)
        if dutch != nationality
        else (raw.strip() or nationality)
    }
    if nationality == countries.NETHERLANDS:
        return False, Reason(
            "nationality_dutch",
            N_(
                "Volgens de vastgelegde gegevens heeft deze persoon de Nederlandse "
                "nationaliteit: niet inburgeringsplichtig"
            ),
            params,
        )
    if countries.is_eu_eea_swiss(nationality):
        return False, Reason(
            "nationality_eu_eea_swiss",
            N_(
                "Volgens de vastgelegde gegevens is het land van nationaliteit {nationality} "
                "(EU, EER of Zwitserland): niet inburgeringsplichtig (Wet art. 3 lid 2 a)"
            ),
            params,
        )
    if nationality == countries.TURKEY:
        return True, Reason(
            "nationality_turkish",
            N_(
                "Volgens de vastgelegde gegevens is de nationaliteit Turks: "
                "inburgeringsplichtig onder deze wet als de plicht op of na "
                "{wet_in_force} ontstaat"
            ),
            {**params, "wet_in_force": _LAW["wet_in_force"]},
        )
    return True, Reason(
        "nationality_third_country",
        N_(
            "Volgens de vastgelegde gegevens is het land van nationaliteit {nationality}: "
            "niet van de EU, de EER of Zwitserland"
        ),
        params,
    )


def _nationality_warnings(raw: str, nationality: str) -> list[Reason]:
    if not countries.is_plausible_alpha3(nationality):
        return [
            Reason(
                "nationality_invalid",
                N_(
                    "De vastgelegde nationaliteit '{nationality}' is geen geldige "
                    "ISO 3166-1 alpha-3-code: controleer de gegevens"
                ),
                {"nationality": raw},
            )
        ]
    if nationality == "XXX":
        return [
            Reason(
                "nationality_unspecified",
                N_(
                    "De nationaliteit is onbekend (XXX): of de inburgeringsplicht geldt, "
                    "hangt af van de nationaliteit die DUO vaststelt"
                ),
                {"nationality": nationality},
            )
        ]
    return []


RESIDENCE_UNKNOWN = Reason(
    "residence_basis_unknown",
    N_(
        "De verblijfsgrond is niet vastgelegd: een familielid van een EU-burger met "
        "EU-verblijfsrecht (Wet art. 3 lid 2 b) en wie hier voor een tijdelijk doel is "
        "(Besluit art. 2.2) zijn niet inburgeringsplichtig. Leg de verblijfsgrond vast."
    ),
)


def _residence(basis: ResidenceBasis | None) -> tuple[bool, Reason | None]:
    if basis is None:
        return True, None
    if basis is ResidenceBasis.EU_FAMILIELID:
        return False, Reason(
            "residence_eu_family",
            N_(
                "Volgens de vastgelegde gegevens verblijft deze persoon hier als familielid "
                "van een EU-burger: niet inburgeringsplichtig (Wet art. 3 lid 2 b)"
            ),
        )
    if basis is ResidenceBasis.TIJDELIJK_DOEL:
        return False, Reason(
            "residence_temporary",
            N_(
                "Volgens de vastgelegde gegevens verblijft deze persoon hier voor een "
                "tijdelijk doel: niet inburgeringsplichtig (Besluit art. 2.2)"
            ),
        )
    return True, Reason(
        "residence_permanent",
        N_(
            "Volgens de vastgelegde gegevens is de verblijfsgrond {basis}: een niet-tijdelijk "
            "verblijfsdoel"
        ),
        {"basis": DutchTerm(basis.value, "residence_basis", basis.value)},
    )


def _in_time(
    nationality: str,
    basis: ResidenceBasis | None,
    permit_since: date | None,
    turns_16_on: date,
    on: date,
) -> tuple[bool, Reason | None, list[Reason]]:
    """Whether the plicht falls under this law by date, with the reason and warnings."""
    turkish = nationality == countries.TURKEY
    if on < WET_IN_FORCE:
        text = (
            N_(
                "Op {on} gold de Wet inburgering 2021 nog niet (vanaf {wet_in_force}); "
                "Turkse gezinsmigranten en overige migranten waren toen niet "
                "inburgeringsplichtig"
            )
            if turkish
            else N_(
                "Op {on} gold de Wet inburgering 2021 nog niet (vanaf {wet_in_force}): "
                "niet inburgeringsplichtig onder deze wet"
            )
        )
        code = "turkish_before_2022" if turkish else "law_not_in_force"
        params = {"on": nl_date(on), "wet_in_force": _LAW["wet_in_force"]}
        return False, Reason(code, text, params), []
    if permit_since is None:
        if turkish:
            return (
                True,
                None,
                [
                    Reason(
                        "permit_since_unknown",
                        N_(
                            "De datum van de verblijfsvergunning is niet vastgelegd: een Turkse "
                            "nieuwkomer die de vergunning al vóór {wet_in_force} had, is niet "
                            "inburgeringsplichtig onder deze wet. Leg de datum vast."
                        ),
                        {"wet_in_force": _LAW["wet_in_force"]},
                    )
                ],
            )
        return True, None, []
    arises = max(permit_since, turns_16_on)
    params = {"permit_since": nl_date(permit_since), **_LAW}
    if arises >= WET_IN_FORCE:
        return True, None, []
    if turkish and basis is ResidenceBasis.ASIEL and permit_since >= TURKISH_ASIEL_OLD_LAW_SINCE:
        return (
            False,
            Reason(
                "turkish_asiel_old_law",
                N_(
                    "Volgens de vastgelegde gegevens heeft deze Turkse asielstatushouder de "
                    "vergunning sinds {permit_since}: inburgeringsplichtig onder de oude wet "
                    "(sinds {asiel_since}), niet onder de Wet inburgering 2021"
                ),
                {"permit_since": params["permit_since"], "asiel_since": params["asiel_since"]},
            ),
            [],
        )
    if turkish:
        return (
            False,
            Reason(
                "turkish_permit_before_2022",
                N_(
                    "Volgens de vastgelegde gegevens heeft deze Turkse nieuwkomer de "
                    "vergunning sinds {permit_since}, vóór {wet_in_force}: niet "
                    "inburgeringsplichtig onder deze wet"
                ),
                {"permit_since": params["permit_since"], "wet_in_force": params["wet_in_force"]},
            ),
            [],
        )
    return (
        False,
        Reason(
            "old_law",
            N_(
                "Volgens de vastgelegde gegevens ontstond de plicht vóór {wet_in_force} "
                "(vergunning sinds {permit_since}): de oude Wet inburgering geldt, niet de "
                "Wet inburgering 2021"
            ),
            {"permit_since": params["permit_since"], "wet_in_force": params["wet_in_force"]},
        ),
        [],
    )


def _aow_provisional_warning(years: int, months: int) -> Reason:
    return Reason(
        "aow_age_provisional",
        N_(
            "De AOW-leeftijd voor wie na {last_fixed_birth_date} geboren is, ligt nog niet "
            "wettelijk vast; gerekend is met {aow_years} jaar en {aow_months} maanden, de "
            "laatst vastgestelde (voorlopig)"
        ),
        {
            "last_fixed_birth_date": nl_date(LAST_FIXED_BIRTH_DATE),
            "aow_years": str(years),
            "aow_months": str(months),
        },
    )


def _age(date_of_birth: date, on: date) -> tuple[bool, Reason, list[Reason]]:
    age = age_on(date_of_birth, on)
    aow = aow_age(date_of_birth)
    params = {
        "age": str(age),
        "aow_years": str(aow.years),
        "aow_months": str(aow.months),
        "aow_date": nl_date(aow_date(date_of_birth)),
        "turns_16_on": nl_date(birthday(date_of_birth, PLICHT_MIN_AGE)),
        "min_age": str(PLICHT_MIN_AGE),
    }
    warnings: list[Reason] = []
    if age < PLICHT_MIN_AGE:
        reason = Reason(
            "age_under_16",
            N_(
                "Volgens de vastgelegde gegevens is de leeftijd {age} jaar: jonger dan "
                "{min_age}, dus (nog) niet inburgeringsplichtig; {min_age} jaar op {turns_16_on}"
            ),
            params,
        )
        return False, reason, warnings
    if on >= aow_date(date_of_birth):
        text = (
            N_(
                "Volgens de vastgelegde gegevens is de leeftijd {age} jaar: de AOW-leeftijd "
                "({aow_years} jaar en {aow_months} maanden) is bereikt op {aow_date}, dus "
                "niet inburgeringsplichtig"
            )
            if aow.fixed
            else N_(
                "Volgens de vastgelegde gegevens is de leeftijd {age} jaar: de voorlopige "
                "AOW-leeftijd ({aow_years} jaar en {aow_months} maanden, nog niet wettelijk "
                "vastgesteld) is bereikt op {aow_date}, dus niet inburgeringsplichtig"
            )
        )
        if not aow.fixed:  # the provisional age decides the outcome: say so loudly
            warnings.append(_aow_provisional_warning(aow.years, aow.months))
        return False, Reason("age_aow", text, params), warnings
    text = (
        N_(
            "Volgens de vastgelegde gegevens is de leeftijd {age} jaar: tussen {min_age} en de "
            "AOW-leeftijd ({aow_years} jaar en {aow_months} maanden, bereikt op "
            "{aow_date})"
        )
        if aow.fixed
        else N_(
            "Volgens de vastgelegde gegevens is de leeftijd {age} jaar: tussen {min_age} en de "
            "voorlopige AOW-leeftijd ({aow_years} jaar en {aow_months} maanden, nog niet "
            "wettelijk vastgesteld; voorlopig bereikt op {aow_date})"
        )
    )
    if age < ADULT_AGE:
        warnings.append(
            Reason(
                "under_18",
                N_(
                    "Jonger dan {adult_age} jaar: de wet rekent vanaf {min_age} jaar, maar "
                    "leerplicht of kwalificatieplicht geeft meestal vrijstelling tot "
                    "{adult_age} jaar ({turns_18_on}; Wet art. 4). DUO beslist."
                ),
                {
                    "turns_18_on": nl_date(birthday(date_of_birth, ADULT_AGE)),
                    "adult_age": str(ADULT_AGE),
                    "min_age": str(PLICHT_MIN_AGE),
                },
            )
        )
    return True, Reason("age_in_range", text, params), warnings


def check_plicht(
    date_of_birth: date,
    nationality: str,
    on: date,
    *,
    residence_basis: ResidenceBasis | None = None,
    permit_since: date | None = None,
) -> PlichtCheck:
    """Whether the data held point to an inburgeringsplicht under this law on ``on``.

    ``nationality`` is an ISO 3166-1 alpha-3 code; blanks and case are forgiven. An
    implausible code gives a warning and is otherwise treated as a non-EU nationality.
    ``residence_basis`` and ``permit_since`` are ``None`` when not recorded. A date of
    birth after ``on`` is a data error: not plichtig, with a warning, so that a status
    screen can show it instead of failing. The rules are in the module docstring.
    """
    if on < date_of_birth:
        problem = Reason(
            "date_of_birth_after_reference",
            N_(
                "Volgens de vastgelegde gegevens ligt de geboortedatum ({date_of_birth}) na "
                "{on}: de leeftijd is niet vast te stellen; controleer de gegevens"
            ),
            {"date_of_birth": nl_date(date_of_birth), "on": nl_date(on)},
        )
        return PlichtCheck(plichtig=False, reasons=(problem,), warnings=(problem,))
    code = countries.normalise(nationality)
    nationality_ok, nationality_reason = _nationality(code, nationality)
    residence_ok, residence_reason = _residence(residence_basis)
    turns_16 = birthday(date_of_birth, PLICHT_MIN_AGE)
    time_ok, time_reason, time_warnings = _in_time(
        code, residence_basis, permit_since, turns_16, on
    )
    age_ok, age_reason, age_warnings = _age(date_of_birth, on)

    warnings = _nationality_warnings(nationality, code)
    if residence_basis is None and nationality_ok:
        warnings.append(RESIDENCE_UNKNOWN)
    warnings += time_warnings + age_warnings

    # Fixed order: nationality, residence basis, the law in time, age; exclusions first.
    judged = [
        (nationality_ok, nationality_reason),
        (residence_ok, residence_reason),
        (time_ok, time_reason),
        (age_ok, age_reason),
    ]
    present = [(ok, reason) for ok, reason in judged if reason is not None]
    reasons = tuple(r for ok, r in present if not ok) + tuple(r for ok, r in present if ok)
    plichtig = all(ok for ok, _ in judged)
    aow = aow_age(date_of_birth)
    return PlichtCheck(
        plichtig=plichtig,
        reasons=reasons,
        warnings=tuple(warnings),
        aow_date=aow_date(date_of_birth),
        aow_provisional=not aow.fixed,
        plicht_ends_on=plicht_ends_on(date_of_birth) if plichtig else None,
    )


def same_until(date_of_birth: date, on: date) -> date:
    """The first day after ``on`` on which :func:`check_plicht` may answer differently for
    the same person (everything but the day alike); every day from ``on`` up to, not
    including, that day it gives the answer it gives on ``on``.

    The day enters the rules above only through: a date of birth still to come and a day
    before the Wet applies (both reasons quote the day itself: the next day), the age in
    completed years (it changes on a birthday: under 16, under 18 and the age every reason
    on age quotes) and whether the AOW age is reached (:func:`aow.aow_date`). A case list
    keeps the answer of a day until then instead of asking the rules every day
    (``services.case_summary``); ``tests/domain/test_plicht_same_until.py`` holds this
    against :func:`check_plicht` on every day of the interval.
    """
    if on == date.max:
        return on
    if on < date_of_birth or on < WET_IN_FORCE:
        return on + timedelta(days=1)
    next_birthday = birthday(date_of_birth, age_on(date_of_birth, on) + 1)
    aow = aow_date(date_of_birth)
    return min(next_birthday, aow) if aow > on else next_birthday
