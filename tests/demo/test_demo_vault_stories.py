"""The demo vault as stored tells each person's own story (usability round 4 finding 25:
the Afghan Dari speaker Rahimi's intake said she had 12 years of school in Syria, spoke
"Arabisch, wat Engels" and lived with a partner she does not have, with an Arabic
interpreter). Read from the vault the demo fills, for every case with an intake: the
country of schooling is the person's own, every language the person speaks is named in
"Talen die de persoon spreekt", an interpreter speaks one of their languages, the
household make-up fits their household, and a gezinsmigrant's kennisgeving is not before
their BRP registration. ``test_people`` checks the people themselves."""

from __future__ import annotations

from datetime import date

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.people import PEOPLE
from inburg_desktop.domain.countries import country_name
from inburg_desktop.locale_names import language_name
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.vault import OpenVault

TODAY = date(2026, 11, 30)
WITH_INTAKE = (0, 1, 2, 6, 7)  # demo.intake_stages and demo.pip_stages


def _make_up(household: tuple[tuple[str, str | None], ...]) -> str:
    relations = {relation for relation, _born in household}
    if "partner" in relations:
        return "met_partner_en_kinderen" if "child" in relations else "met_partner"
    if "child" in relations:
        return "alleen_met_kinderen"
    return "alleen" if not relations else "anders"


def test_every_demo_intake_tells_the_persons_own_story(vault: OpenVault) -> None:
    with vault.transaction() as session:
        ids = add_demo_cases(session, 8, TODAY)
    found: list[str] = []
    with vault.session() as session:
        for index in WITH_INTAKE:
            person, stored = PEOPLE[index], get_case(session, ids[index])
            fields, case = stored.fields, stored.case
            name = f"{person.given_names} {person.family_name}"
            own = {language_name(code, "nl") for code in person.languages}
            land = fields.get("intake.opleiding.land")
            if land is not None and land != country_name(person.nationality, "nl"):
                found.append(f"{name}: schooling in {land}")
            talen = fields.get("intake.taalniveau.talen")
            if talen is not None:
                found += [f"{name}: {lang} not in {talen!r}" for lang in own if lang not in talen]
            huishouden = fields.get("intake.gezinssituatie.huishouden")
            if huishouden is not None and huishouden != _make_up(person.household):
                found.append(f"{name}: household {huishouden}")
            for key, value in fields.items():
                taal = value.get("tolk_taal") if key.startswith("session.") else None
                if taal and taal not in own:
                    found.append(f"{name}: interpreter in {taal}")
            kennisgeving = case.dates.duo_kennisgeving
            if (
                person.doelgroep != "statushouder"
                and kennisgeving is not None
                and kennisgeving < case.dates.brp_registration
            ):
                found.append(f"{name}: kennisgeving before the BRP registration")
    assert found == []


def test_no_gezinsmigrant_is_notified_before_registering() -> None:
    """DUO learns of a gezinsmigrant through the BRP registration: the kennisgeving
    comes on or after it (a statushouder's may come while still in the azc)."""
    early = [
        f"{p.given_names} {p.family_name}"
        for p in PEOPLE
        if p.doelgroep != "statushouder"
        and p.kennisgeving_days_ago is not None
        and p.kennisgeving_days_ago > p.brp_days_ago
    ]
    assert early == []
