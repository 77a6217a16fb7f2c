"""Fictional people for the demo vault. Any resemblance to real persons is coincidental.

Mix after DOMAIN.md "Local figures": about two thirds statushouders, the rest
gezinsmigranten; Syrian, Eritrean, Afghan, Turkish, Somali, Yemeni, Iraqi and Iranian
nationals with their languages.

Each person is one story: the schooling and work the intake records
(``demo.intake_stages.answers_for``) are their own, in their own country, fitting their
age and the COA notes; household members are of an age that fits the person's; a
gezinsmigrant's kennisgeving follows the BRP registration (DUO learns of them through
it), a statushouder's may precede it (still in the azc; Besluit art. 5.3 lid 1 counts
from the later date). Usability round 4 finding 25: the Afghan Dari speaker Rahimi's
intake said "12 years of school in Syria" and "Arabic, some English".
``tests/demo/test_people.py`` checks every person against the domain's rules.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Schooling:
    """The education the intake records (topic "opleiding"): ``years`` of education,
    the highest ``diploma`` (an option of the catalogue's set "diploma") and the
    ``country`` where it was followed, as the consultant writes it (Dutch)."""

    years: int
    diploma: str
    country: str


@dataclass(frozen=True)
class Work:
    """The work experience the intake records (topic "werkervaring"): what the person
    did, for how many ``years``, and the work they hope for here (``wish``)."""

    occupation: str
    years: int
    wish: str


@dataclass(frozen=True)
class DemoPerson:
    given_names: str
    family_name: str
    date_of_birth: str
    nationality: str
    languages: tuple[str, ...]
    doelgroep: str
    # days before the demo's reference date
    brp_days_ago: int
    kennisgeving_days_ago: int | None
    household: tuple[tuple[str, str | None], ...] = ()
    notes: tuple[tuple[str, str], ...] = ()
    schooling: Schooling = Schooling(0, "onbekend", "")
    work: Work | None = None


PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson(
        "Amal",
        "Haddad",
        "1994-05-17",
        "SYR",
        ("ar", "en"),
        "statushouder",
        40,
        55,
        (("child", "2021-08-01"), ("partner", "1991-02-11")),
        (
            ("opleiding", "Twee jaar apotheekassistente in Homs."),
            ("werkervaring", "Werkte vier jaar in een apotheek."),
        ),
        Schooling(14, "mbo", "Syrië"),
        Work("Apothekersassistente in Homs", 4, "Apothekersassistent"),
    ),
    DemoPerson(
        "Yonas",
        "Tesfamariam",
        "1999-11-03",
        "ERI",
        ("ti", "ar"),
        "statushouder",
        12,
        None,
        (),
        (("voorinburgering", "Volgde 8 weken taalles in het azc."),),
        Schooling(8, "basisonderwijs", "Eritrea"),
        Work("Hulp in de bouw", 3, "Monteur"),
    ),
    DemoPerson(
        "Mahbooba",
        "Rahimi",
        "1987-03-22",
        "AFG",
        ("prs", "fa"),
        "statushouder",
        65,
        70,
        (("child", "2012-04-09"), ("child", "2016-10-30"), ("child", "2023-01-15")),
        (("opleiding", "Zes jaar basisschool in Herat."),),
        Schooling(6, "basisonderwijs", "Afghanistan"),
        Work("Naaister, thuis", 8, "Naaister in een atelier"),
    ),
    DemoPerson(
        "Emre",
        "Yıldız",
        "1996-07-08",
        "TUR",
        ("tr", "en"),
        "gezinsmigrant",
        30,
        28,
        (("partner", "1995-01-19"),),
        (),
        Schooling(12, "voortgezet_onderwijs", "Turkije"),
        Work("Kok in een restaurant in İzmir", 5, "Kok"),
    ),
    DemoPerson(
        "Hodan",
        "Warsame",
        "1990-12-01",
        "SOM",
        ("so", "ar"),
        "statushouder",
        95,
        100,
        (("child", "2018-06-12"),),
        (("werkervaring", "Marktkraam met groenten."),),
        Schooling(4, "geen", "Somalië"),
        Work("Verkoopster op de markt", 10, "Een eigen winkel"),
    ),
    DemoPerson(
        "Khaled",
        "Al-Sanabani",
        "2004-02-29",
        "YEM",
        ("ar",),
        "statushouder",
        8,
        None,
        (),
        (("opleiding", "Middelbare school afgemaakt in Sanaa."),),
        Schooling(12, "voortgezet_onderwijs", "Jemen"),
        None,
    ),
    DemoPerson(
        "Semhar",
        "Gebremedhin",
        "1985-09-14",
        "ERI",
        ("ti",),
        "statushouder",
        150,
        160,
        (("child", "2010-03-03"), ("child", "2014-12-24")),
        (),
        Schooling(5, "basisonderwijs", "Eritrea"),
        Work("Schoonmaakster in een hotel in Asmara", 6, "Schoonmaakwerk"),
    ),
    DemoPerson(
        "Rami",
        "Haddad",
        "1991-02-11",
        "SYR",
        ("ar", "ku"),
        "statushouder",
        40,
        55,
        (("partner", "1994-05-17"), ("child", "2021-08-01")),
        (("werkervaring", "Elektricien, tien jaar."),),
        Schooling(12, "mbo", "Syrië"),
        Work("Elektricien", 10, "Elektricien"),
    ),
    DemoPerson(
        "Zahra",
        "Hosseini",
        "2001-06-30",
        "IRN",
        ("fa", "en"),
        "gezinsmigrant",
        20,
        18,
        (),
        (("opleiding", "Bachelor informatica, Teheran."),),
        Schooling(16, "hbo_wo", "Iran"),
        Work("Webontwikkelaar", 2, "Softwareontwikkelaar"),
    ),
    DemoPerson(
        "Abdirahman",
        "Farah",
        "1979-08-19",
        "SOM",
        ("so",),
        "statushouder",
        70,
        72,
        (("partner", "1983-05-05"), ("child", "2008-09-09")),
        (),
        Schooling(8, "basisonderwijs", "Somalië"),
        Work("Vrachtwagenchauffeur", 15, "Chauffeur"),
    ),
    DemoPerson(
        "Layla",
        "Mahmoud",
        "1998-04-04",
        "IRQ",
        ("ar", "ku"),
        "gezinsmigrant",
        50,
        45,
        (("partner", "1996-10-10"),),
        (),
        Schooling(12, "voortgezet_onderwijs", "Irak"),
        None,
    ),
    DemoPerson(
        "Tesfay",
        "Kidane",
        "1993-01-25",
        "ERI",
        ("ti", "en"),
        "statushouder",
        3,
        None,
        (),
        (),
        Schooling(11, "voortgezet_onderwijs", "Eritrea"),
        Work("Automonteur", 6, "Automonteur"),
    ),
    DemoPerson(
        "Nour",
        "Al-Khatib",
        "2007-10-12",
        "SYR",
        ("ar", "fr"),
        "statushouder",
        25,
        30,
        (("parent", "1975-03-01"),),
        (("opleiding", "Negen jaar school; wil verder leren."),),
        Schooling(9, "basisonderwijs", "Syrië"),
        None,
    ),
    DemoPerson(
        "Farid",
        "Ahmadzai",
        "1968-05-01",
        "AFG",
        ("ps", "prs"),
        "statushouder",
        55,
        60,
        (("partner", "1970-07-07"),),
        (),
        Schooling(0, "geen", "Afghanistan"),
        Work("Boer met fruitbomen", 30, "Werk in de tuinbouw"),
    ),
    DemoPerson(
        "Aylin",
        "Demir",
        "1989-12-12",
        "TUR",
        ("tr",),
        "gezinsmigrant",
        115,
        110,
        (("child", "2020-02-20"),),
        (),
        Schooling(8, "basisonderwijs", "Turkije"),
        Work("Kapster", 7, "Kapster"),
    ),
)
