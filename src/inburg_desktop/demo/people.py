"""Fictional people for the demo vault. Any resemblance to real persons is coincidental.

Mix after DOMAIN.md "Local figures": about two thirds statushouders, the rest
gezinsmigranten; Syrian, Eritrean, Afghan, Turkish, Somali, Yemeni, Iraqi and Iranian
nationals with their languages.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    ),
    DemoPerson(
        "Layla",
        "Mahmoud",
        "1998-04-04",
        "IRQ",
        ("ar", "ku"),
        "gezinsmigrant",
        45,
        50,
        (("partner", "1996-10-10"),),
        (),
    ),
    DemoPerson(
        "Tesfay", "Kidane", "1993-01-25", "ERI", ("ti", "en"), "statushouder", 3, None, (), ()
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
    ),
    DemoPerson(
        "Aylin",
        "Demir",
        "1989-12-12",
        "TUR",
        ("tr",),
        "gezinsmigrant",
        110,
        115,
        (("child", "2020-02-20"),),
        (),
    ),
)
