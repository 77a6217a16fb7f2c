"""Every sentence of the PIP that belongs to one leerroute or doelgroep appears only where
it applies, read back with pdftotext for each route × doelgroep.

The rules behind the table (DOMAIN.md "The law"):

* Besluit art. 5.4: from the onderwijsroute to the B1-route at any time — only the
  onderwijsroute's PIP says so (the Z-route PIP once said it too);
* Wet art. 8 lid 3: the taalschakeltraject replaces the MAP — onderwijsroute only;
* Besluit art. 3.14: the Z-route's hours, no exam, eindgesprek; KNM inside the lessons;
  A2 exam wishes (lid 7) — Z-route only;
* Wet art. 7: the KNM exam at DUO — B1- and onderwijsroute;
* Besluit art. 5.5: afschalen to A2 — B1-route only;
* Wet art. 15 lid 2: the intensity of the leerroute is the asielstatushouder's rule;
* Participatiewet art. 56a: ontzorgen — statushouders.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import date

import pytest

from inburg_desktop.domain.case import CaseDates, Doelgroep, Inburgeraar, Leerroute
from inburg_desktop.domain.pip import Beschikking as B
from inburg_desktop.domain.pip import (
    Examenonderdeel,
    Knm,
    KnmVorm,
    LeerrouteIntensiteit,
    MapIntensiteit,
    Ontzorgen,
    PipHistory,
    PvtIntensiteit,
)
from inburg_desktop.domain.pip_rules import pip_deadlines
from inburg_desktop.pdf.pip_document import PipDocument, render_pip

D = date.fromisoformat
B1, OND, Z = Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z
SH, GM, OM = Doelgroep.STATUSHOUDER, Doelgroep.GEZINSMIGRANT, Doelgroep.OVERIGE_MIGRANT
ALL_ROUTES, ALL_GROUPS = frozenset(Leerroute), frozenset(Doelgroep)
DATES = CaseDates(
    brp_registration=D("2026-03-02"),
    duo_kennisgeving=D("2026-02-20"),
    bijstand_start=D("2026-03-02"),
)

# (a phrase of the PDF, the routes it belongs to, the doelgroepen it belongs to, rule)
SENTENCES = [
    ("Van de onderwijsroute naar de B1-route kan altijd", {OND}, ALL_GROUPS, "Besluit 5.4"),
    ("U volgt een taalschakeltraject", {OND}, ALL_GROUPS, "Wet art. 8 lid 3"),
    ("Niet nodig in de onderwijsroute", {OND}, ALL_GROUPS, "Wet art. 8 lid 3"),
    ("8 thema's en een eindgesprek", {B1, Z}, ALL_GROUPS, "Besluit 3.2"),
    ("In de Z-route volgt u", {Z}, ALL_GROUPS, "Besluit 3.14"),
    ("Er is geen examen", {Z}, ALL_GROUPS, "Besluit 3.14"),
    ("KNM hoort bij uw lessen", {Z}, ALL_GROUPS, "Besluit 3.14"),
    ("examen doen op niveau A2", {Z}, ALL_GROUPS, "Besluit 3.14 lid 7"),
    ("U doet het KNM-examen bij DUO", {B1, OND}, ALL_GROUPS, "Wet art. 7"),
    ("is uw doel verlaagd naar A2", {B1}, ALL_GROUPS, "Besluit 5.5"),
    ("Uw doel is taalniveau A2", {B1}, ALL_GROUPS, "Besluit 5.5: B1 afgeschaald to A2"),
    ("Uw doel is taalniveau B1/B2", {OND}, ALL_GROUPS, "route target"),
    ("Uw doel is taalniveau A1", {Z}, ALL_GROUPS, "route target"),
    ("(Wet inburgering art. 15 lid 2)", ALL_ROUTES, {SH}, "Wet art. 15 lid 2"),
    ("uit uw bijstandsuitkering (ontzorgen)", ALL_ROUTES, {SH}, "Participatiewet 56a"),
]


def beschikking(route: Leerroute, doelgroep: Doelgroep) -> B:
    """A complete PIP of ``route`` as the rules want it for ``doelgroep``."""
    b = B(
        leerroute=route,
        leerroute_intensiteit=LeerrouteIntensiteit(12, 800 if route is Z else 1200),
        pvt=PvtIntensiteit(12, ("Kernwaarden",)),
        map=None if route is OND else MapIntensiteit(),
        knm=Knm(KnmVorm.EINDGESPREK if route is Z else KnmVorm.EXAMEN),
        z_a2_examens=(Examenonderdeel.SPREKEN,) if route is Z else (),
    )
    if doelgroep is SH:
        b = replace(
            b,
            bijstand=True,
            ontzorgen=Ontzorgen(
                D("2026-03-02"), besluit_datum=D("2026-03-10"), besluit_kenmerk="PW"
            ),
        )
    return b


def _text(pdf: bytes) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed")
    done = subprocess.run([tool, "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())


@pytest.mark.parametrize("doelgroep", list(Doelgroep), ids=lambda d: d.value)
@pytest.mark.parametrize("route", list(Leerroute), ids=lambda r: r.value)
def test_route_and_doelgroep_sentences_appear_only_where_they_apply(
    route: Leerroute, doelgroep: Doelgroep
) -> None:
    h = PipHistory()
    draft = h.new_draft(
        beschikking(route, doelgroep),
        D("2026-05-01"),
        afschaling_a2=route is B1,  # Besluit 5.5: only in the B1-route
        cursusuren_nt2=600 if route is B1 else 0,
    )
    h = h.with_draft(draft).set_draft(D("2026-05-11"))
    version = h.in_force
    assert version is not None
    text = _text(
        render_pip(
            PipDocument(
                person=Inburgeraar("Test", "Persoon", D("1990-01-01"), "SYR"),
                doelgroep=doelgroep,
                version=version,
                deadlines=pip_deadlines(h, DATES, doelgroep, plichtig=True),
                consulent="Mw. S. de Vries",
                kenmerk="INB-TEST",
            )
        )
    )
    for phrase, routes, groups, rule in SENTENCES:
        applies = route in routes and doelgroep in groups
        assert (phrase in text) is applies, (phrase, rule, route.value, doelgroep.value)
