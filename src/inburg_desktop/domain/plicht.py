"""Whether the data held about a person point to an inburgeringsplicht (Wet art. 3–5).

DUO decides on the plicht, its exemptions and dispensations; the app records that
decision and does not replace it. This check only says what the data held (date of birth,
nationality) suggest, and warns when they make the plicht doubtful. Every reason text is
therefore phrased as "volgens de vastgelegde gegevens" (according to the data held).

Rules applied:

* Age (Wet art. 3): from 16 up to, not including, the day the AOW age is reached
  (``aow.py``). Under 18 a warning: the policy plan says under-18s are not plichtig, and
  in practice leerplicht/kwalificatieplicht usually exempts 16- and 17-year-olds until 18.
* Nationality: Dutch nationals are not vreemdelingen and so not plichtig; nationals of the
  EU, EEA and Switzerland are not plichtig; Turkish nationals are plichtig since
  1 January 2021 (before that date they were not); everyone else is, age permitting.

Not checked here, because the app does not hold the facts: lawful residence with a
non-temporary purpose, family members of EU/EEA/Swiss nationals, 8+ years of schooling in
the Netherlands, exempting diplomas, dispensations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inburg_desktop.domain import countries
from inburg_desktop.domain.aow import LAST_FIXED_BIRTH_DATE, aow_age, aow_date
from inburg_desktop.domain.calendar import add_years, age_on
from inburg_desktop.domain.text import N_, Reason

PLICHT_MIN_AGE = 16
ADULT_AGE = 18
TURKISH_PLICHT_SINCE = date(2021, 1, 1)


@dataclass(frozen=True)
class PlichtCheck:
    """Outcome of :func:`check_plicht`.

    ``reasons`` explain the outcome, the deciding one first (for a negative outcome the
    first exclusion found). ``warnings`` flag data that make the outcome doubtful.
    """

    plichtig: bool
    reasons: tuple[Reason, ...]
    warnings: tuple[Reason, ...]


def _nationality_reason(nationality: str, on: date) -> tuple[bool, Reason]:
    """Whether the nationality allows a plicht, with the reason."""
    params = {"nationality": nationality}
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
                "Volgens de vastgelegde gegevens is de nationaliteit {nationality} "
                "(EU, EER of Zwitserland): niet inburgeringsplichtig"
            ),
            params,
        )
    if nationality == countries.TURKEY:
        if on < TURKISH_PLICHT_SINCE:
            return False, Reason(
                "nationality_turkish_before_2021",
                N_(
                    "Volgens de vastgelegde gegevens is de nationaliteit Turks: vóór "
                    "1 januari 2021 waren Turkse nieuwkomers niet inburgeringsplichtig"
                ),
                params,
            )
        return True, Reason(
            "nationality_turkish",
            N_(
                "Volgens de vastgelegde gegevens is de nationaliteit Turks: Turkse "
                "nieuwkomers zijn sinds 1 januari 2021 inburgeringsplichtig"
            ),
            params,
        )
    return True, Reason(
        "nationality_third_country",
        N_(
            "Volgens de vastgelegde gegevens is de nationaliteit {nationality}: niet van "
            "de EU, de EER of Zwitserland"
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


def check_plicht(date_of_birth: date, nationality: str, on: date) -> PlichtCheck:
    """Whether the data held point to an inburgeringsplicht on ``on``.

    ``nationality`` is an ISO 3166-1 alpha-3 code; blanks and case are forgiven. An
    implausible code gives a warning and is otherwise treated as a non-EU nationality.
    A date of birth after ``on`` is a data error: not plichtig, with a warning, so that a
    status screen can show it instead of failing.
    """
    if on < date_of_birth:
        problem = Reason(
            "date_of_birth_after_reference",
            N_(
                "Volgens de vastgelegde gegevens ligt de geboortedatum ({date_of_birth}) na "
                "{on}: de leeftijd is niet vast te stellen; controleer de gegevens"
            ),
            {"date_of_birth": date_of_birth.isoformat(), "on": on.isoformat()},
        )
        return PlichtCheck(plichtig=False, reasons=(problem,), warnings=(problem,))
    code = countries.normalise(nationality)
    age = age_on(date_of_birth, on)
    aow = aow_age(date_of_birth)
    reaches_aow_on = aow_date(date_of_birth)
    age_params = {
        "age": str(age),
        "aow_years": str(aow.years),
        "aow_months": str(aow.months),
        "aow_date": reaches_aow_on.isoformat(),
        "turns_16_on": add_years(date_of_birth, PLICHT_MIN_AGE).isoformat(),
    }

    nationality_ok, nationality_reason = _nationality_reason(code, on)
    warnings = _nationality_warnings(nationality, code)

    if age < PLICHT_MIN_AGE:
        age_ok = False
        age_reason = Reason(
            "age_under_16",
            N_(
                "Volgens de vastgelegde gegevens is de leeftijd {age} jaar: jonger dan 16, "
                "dus (nog) niet inburgeringsplichtig; 16 jaar op {turns_16_on}"
            ),
            age_params,
        )
    elif on >= reaches_aow_on:
        age_ok = False
        age_reason = Reason(
            "age_aow",
            N_(
                "Volgens de vastgelegde gegevens is de leeftijd {age} jaar: de AOW-leeftijd "
                "({aow_years} jaar en {aow_months} maanden) is bereikt op {aow_date}, dus "
                "niet inburgeringsplichtig"
            ),
            age_params,
        )
        if not aow.fixed:
            warnings.append(
                Reason(
                    "aow_age_provisional",
                    N_(
                        "De AOW-leeftijd voor wie na {last_fixed_birth_date} geboren is, "
                        "ligt nog niet wettelijk vast; gerekend is met {aow_years} jaar en "
                        "{aow_months} maanden, de laatst vastgestelde"
                    ),
                    {
                        "last_fixed_birth_date": LAST_FIXED_BIRTH_DATE.isoformat(),
                        "aow_years": str(aow.years),
                        "aow_months": str(aow.months),
                    },
                )
            )
    else:
        age_ok = True
        age_reason = Reason(
            "age_in_range",
            N_(
                "Volgens de vastgelegde gegevens is de leeftijd {age} jaar: tussen 16 en de "
                "AOW-leeftijd ({aow_years} jaar en {aow_months} maanden, bereikt op "
                "{aow_date})"
            ),
            age_params,
        )
        if age < ADULT_AGE:
            warnings.append(
                Reason(
                    "under_18",
                    N_(
                        "Jonger dan 18 jaar: volgens het beleidsplan geldt de "
                        "inburgeringsplicht niet onder de 18; de wet rekent vanaf 16 jaar, "
                        "maar leerplicht of kwalificatieplicht geeft meestal vrijstelling tot "
                        "18 jaar ({turns_18_on}). DUO beslist."
                    ),
                    {"turns_18_on": add_years(date_of_birth, ADULT_AGE).isoformat()},
                )
            )

    plichtig = nationality_ok and age_ok
    if not plichtig and nationality_ok:
        reasons = (age_reason, nationality_reason)
    else:
        reasons = (nationality_reason, age_reason)
    return PlichtCheck(plichtig=plichtig, reasons=reasons, warnings=tuple(warnings))
