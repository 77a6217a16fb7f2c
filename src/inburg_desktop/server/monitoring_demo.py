"""A demo office for the monitoring report: the seed's three gemeenten and generated cases.

``inburg-office demo --cases 500`` fills an office database with cases of made-up people,
written through the office's own field rules (``admin.office_patch``) as a laptop would
write them, so the report (docs/monitoring-report.md) can be shown without real data.

The same seed gives the same cases. The distributions are plausible, not measured:
the gemeenten in proportion to their uitvoeringskosten (DOMAIN.md "Local figures":
Leidschendam-Voorburg about 60 %, Voorschoten and Wassenaar about 20 % each), two thirds
statushouders, the route mix near the seed's local expectation (55/20/25), PIPs mostly set
within the 10 weeks, uitstroom from a year into the termijn, mostly by meeting the plicht.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from inburg_desktop.domain.bsn import is_bsn
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.deadlines import termijn_start
from inburg_desktop.domain.gemeente import SEED_KANTOOR, Kantoor
from inburg_desktop.domain.pip import (
    Beschikking,
    LeerrouteIntensiteit,
    MapIntensiteit,
    PipHistory,
    PvtIntensiteit,
)
from inburg_desktop.domain.retention import PlichtEinde
from inburg_desktop.domain.satisfaction import Onderwerp, Tevredenheid
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database, lock_counter

MAX_CASES = 10_000
FIRST_INSTROOM = date(2022, 7, 1)
"""The earliest BRP registration generated: some termijnen (3 years) have ended by now."""
GEWICHT = {"GM1916": 6, "GM0626": 2, "GM0629": 2}
"""Cases per gemeente, relatively (uitvoeringskosten 2023+: € 309.164, € 89.688, € 97.029)."""
_GIVEN = ("Amal", "Yonas", "Sara", "Omid", "Leyla", "Dawit", "Nour", "Hamid", "Mina", "Samir")
_FAMILY = ("Haddad", "Tesfaye", "Ahmadi", "Yilmaz", "Warsame", "Kaya", "Hussein", "Rahimi")
_NATIONALITY = ("SYR", "ERI", "AFG", "TUR", "SOM", "IRQ", "IRN", "YEM")
_ROUTES = (Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z)
_ROUTE_WEIGHTS = (57, 18, 25)
_PVT = PvtIntensiteit(12, ("workshop",))
_BESCHIKKING = {
    Leerroute.B1: Beschikking(
        leerroute=Leerroute.B1,
        leerroute_intensiteit=LeerrouteIntensiteit(10, 600),
        pvt=_PVT,
        map=MapIntensiteit(),
    ),
    Leerroute.ONDERWIJS: Beschikking(
        leerroute=Leerroute.ONDERWIJS,
        leerroute_intensiteit=LeerrouteIntensiteit(12, 600),
        pvt=_PVT,
    ),
    Leerroute.Z: Beschikking(
        leerroute=Leerroute.Z,
        leerroute_intensiteit=LeerrouteIntensiteit(8, 800),
        pvt=_PVT,
        map=MapIntensiteit(),
    ),
}
_SCALE = (
    Tevredenheid.ZEER_ONTEVREDEN,
    Tevredenheid.ONTEVREDEN,
    Tevredenheid.NEUTRAAL,
    Tevredenheid.TEVREDEN,
    Tevredenheid.ZEER_TEVREDEN,
    Tevredenheid.NIET_VAN_TOEPASSING,
)


def _bsn(rng: random.Random) -> str:
    """Nine digits that pass the elfproef (made up: the generator draws until one does)."""
    while True:
        candidate = str(rng.randrange(10**8, 10**9))
        if is_bsn(candidate):
            return candidate


def _day(rng: random.Random, start: date, days: int) -> date:
    return start + timedelta(days=rng.randrange(max(days, 1)))


def demo_case(rng: random.Random, gemeente: str, today: date) -> dict[str, Any]:
    """One generated case's fields, as a laptop writes them (nothing after ``today``)."""
    brp = _day(rng, FIRST_INSTROOM, (today - FIRST_INSTROOM).days - 20)
    statushouder = rng.random() < 0.67
    doelgroep = (
        "statushouder" if statushouder else rng.choice(["gezinsmigrant"] * 9 + ["overige_migrant"])
    )
    fields: dict[str, Any] = {
        "gemeente": gemeente,
        "doelgroep": doelgroep,
        "person.given_names": rng.choice(_GIVEN),
        "person.family_name": rng.choice(_FAMILY),
        "person.date_of_birth": _day(rng, date(1965, 1, 1), 365 * 38).isoformat(),
        "person.nationality": rng.choice(_NATIONALITY),
        "person.bsn": _bsn(rng),
        "person.v_nummer": str(rng.randrange(10**9, 10**10)),
        "dates.brp_registration": brp.isoformat(),
    }
    if rng.random() < 0.05:
        return fields  # no kennisgeving yet: no PIP term runs
    kennisgeving = brp + timedelta(days=rng.randrange(-30, 25))
    fields["dates.duo_kennisgeving"] = kennisgeving.isoformat()
    start = max(brp, kennisgeving) if statushouder else kennisgeving
    weeks = rng.choice((4, 5, 6, 6, 7, 7, 8, 8, 8, 9, 9, 9, 10, 11, 13))
    pip_day = start + timedelta(days=7 * weeks + rng.randrange(7))
    if pip_day > today:
        return fields
    route = rng.choices(_ROUTES, _ROUTE_WEIGHTS)[0]
    pip = PipHistory()
    draft = pip.new_draft(_BESCHIKKING[route], pip_day, reden="")
    pip = pip.with_draft(draft).set_draft(pip_day)
    fields.update(dict(pip.storage_items()))
    termijn = termijn_start(pip_day)
    months = (today - termijn).days / 30.4
    _progress(rng, fields, route, termijn, months, today)
    _talks(rng, fields, termijn, today)
    return fields


def _progress(
    rng: random.Random,
    fields: dict[str, Any],
    route: Leerroute,
    termijn: date,
    months: float,
    today: date,
) -> None:
    signed = _day(rng, termijn + timedelta(days=60), 90)
    if signed <= today and rng.random() < 0.85:
        fields["pvt.ondertekend"] = signed.isoformat()
    map_done = _day(rng, termijn + timedelta(days=300), 60)
    if map_done <= today and route is not Leerroute.ONDERWIJS and rng.random() < 0.7:
        fields["map.eindgesprek"] = map_done.isoformat()
    exam_day = termijn + timedelta(days=rng.randrange(240, 900))
    if route is not Leerroute.Z and exam_day < today:
        passed_all = rng.random() < 0.72
        for part in ("lezen", "luisteren", "spreken", "schrijven"):
            fields[f"examen.{uuid.UUID(int=rng.getrandbits(128)).hex[:12]}"] = {
                "onderdeel": part,
                "niveau": "B1",
                "datum": exam_day.isoformat(),
                "behaald": passed_all or rng.random() < 0.5,
            }
        fields[f"examen.{uuid.UUID(int=rng.getrandbits(128)).hex[:12]}"] = {
            "onderdeel": None,
            "niveau": None,
            "datum": exam_day.isoformat(),
            "behaald": rng.random() < 0.85,
        }
    if months > 9 and rng.random() < min(0.9, (months - 9) / 24):
        out = _day(rng, termijn + timedelta(days=280), min(int(months * 30.4) - 280, 1000))
        if out <= today:
            reden = rng.choices(
                (PlichtEinde.VOLDAAN, PlichtEinde.ONTHEFFING, PlichtEinde.VERTREK,
                 PlichtEinde.NATURALISATIE),
                (76, 10, 9, 5),
            )[0]  # fmt: skip
            fields["uitkomst.plicht_einde"] = out.isoformat()
            fields["uitkomst.plicht_einde_reden"] = reden.value


def _talks(rng: random.Random, fields: dict[str, Any], termijn: date, today: date) -> None:
    """Up to three voortgangsgesprekken held, each with the satisfaction question."""
    for nummer in range(1, 4):
        held = termijn + timedelta(days=120 * nummer + rng.randrange(14))
        if held > today:
            return
        fields[f"voortgang.{nummer}.gepland"] = held.isoformat()
        fields[f"voortgang.{nummer}.gehouden"] = held.isoformat()
        for onderwerp in Onderwerp:
            answer = rng.choices(_SCALE, (3, 7, 18, 42, 24, 6))[0]
            fields[f"voortgang.{nummer}.tevredenheid.{onderwerp.value}"] = answer.value


def fill(
    db: Database,
    cases: int,
    *,
    seed: int = 2026,
    today: date,
    kantoor: Kantoor = SEED_KANTOOR,
) -> Sequence[str]:
    """Add ``cases`` generated cases (seed ``seed``) to the office; returns their ids.
    Raises ``ValueError`` for a number of cases outside 1 to :data:`MAX_CASES`."""
    if not 1 <= cases <= MAX_CASES:
        raise ValueError(f"cases: 1 to {MAX_CASES}")
    rng = random.Random(seed)
    codes = sorted(kantoor.codes)
    weights = [GEWICHT.get(code, 2) for code in codes]
    ids: list[str] = []
    with db.write() as session:
        counter = lock_counter(session)
        for _ in range(cases):
            case_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            fields = demo_case(rng, rng.choices(codes, weights)[0], today)
            admin.office_patch(session, counter, case_id, fields, create=True)
            ids.append(case_id)
    return ids
