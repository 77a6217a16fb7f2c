"""What the PIP tells people about the law (issue 11, item 5), read back with pdftotext:
section headings numbered 1, 2, 3 … without gaps whatever sections a PIP has; the law's
numbers in its sentences come from the constants the rules use (never typed); the
citations are the right article and lid; every end date says "t/m"."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from inburg_desktop.domain.case import CaseDates, Doelgroep, Inburgeraar, Leerroute
from inburg_desktop.domain.pip import (
    Begeleiding,
    BegeleidingSoort,
    Beschikking,
    Knm,
    KnmVorm,
    LeerrouteIntensiteit,
    MapIntensiteit,
    Ontwikkelplan,
    Ontzorgen,
    ParticipatieComponent,
    ParticipatieSoort,
    PipHistory,
    PvtIntensiteit,
    Uitzondering,
    UitzonderingGrond,
    VveAfspraak,
)
from inburg_desktop.domain.pip_rules import pip_deadlines
from inburg_desktop.pdf import letter_parts, pip_sections
from inburg_desktop.pdf.pip_document import PipDocument, render_pip

D = date.fromisoformat
PERSON = Inburgeraar("Test", "Persoon", D("1990-01-01"), "SYR")
DATES = CaseDates(
    brp_registration=D("2026-03-02"),
    duo_kennisgeving=D("2026-02-20"),
    bijstand_start=D("2026-03-02"),
)
PLAIN_B1 = Beschikking(
    leerroute=Leerroute.B1,
    pvt=PvtIntensiteit(12, ("Kernwaarden",)),
    map=MapIntensiteit(),
    knm=Knm(KnmVorm.EXAMEN),
)
FULL = replace(
    PLAIN_B1,
    leerroute_intensiteit=LeerrouteIntensiteit(12, 1200),
    begeleiding=(Begeleiding(BegeleidingSoort.MAATSCHAPPELIJKE_BEGELEIDING),),
    participatie=(ParticipatieComponent(ParticipatieSoort.VRIJWILLIGERSWERK),),
    vve=(VveAfspraak(D("2024-01-10"), True, "Peuterspeelzaal"),),
    bijstand=True,
    ontzorgen=Ontzorgen(D("2026-03-02"), besluit_datum=D("2026-03-10"), besluit_kenmerk="PW-1"),
)
HEADING = re.compile(
    r"(\d+)\. (Uw leerroute|Uw inburgeringstermijn|Wat u verder doet|Meedoen|"
    r"Hulp en begeleiding|Uw kinderen|Ontzorgen|Voortgangsgesprekken|Ontwikkelplan)"
)


def _text(pdf: bytes) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed")
    done = subprocess.run([tool, "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())


def _render(
    b: Beschikking,
    doelgroep: Doelgroep = Doelgroep.STATUSHOUDER,
    plan: Ontwikkelplan | None = None,
    uitzonderingen: tuple[Uitzondering, ...] = (),
) -> str:
    h = PipHistory()
    draft = h.new_draft(b, D("2026-05-01"), ontwikkelplan=plan, uitzonderingen=uitzonderingen)
    h = h.with_draft(draft).set_draft(D("2026-05-11"))
    version = h.in_force
    assert version is not None
    doc = PipDocument(
        person=PERSON,
        doelgroep=doelgroep,
        version=version,
        deadlines=pip_deadlines(h, DATES, doelgroep, plichtig=True),
        consulent="Mw. S. de Vries",
        kenmerk="INB-TEST",
    )
    return _text(render_pip(doc))


@pytest.mark.parametrize(
    ("beschikking", "doelgroep", "plan", "titles"),
    [
        pytest.param(
            PLAIN_B1, Doelgroep.GEZINSMIGRANT, None,
            ["Uw leerroute", "Uw inburgeringstermijn", "Wat u verder doet",
             "Voortgangsgesprekken"],
            id="plain B1 (was 1, 2, 3, 8)",
        ),
        pytest.param(
            replace(FULL, vve=()), Doelgroep.STATUSHOUDER, Ontwikkelplan(),
            ["Uw leerroute", "Uw inburgeringstermijn", "Wat u verder doet", "Meedoen",
             "Hulp en begeleiding", "Ontzorgen", "Voortgangsgesprekken"],
            id="no children (was 1-5, 7, 8)",
        ),
        pytest.param(
            FULL, Doelgroep.STATUSHOUDER, None,
            ["Uw leerroute", "Uw inburgeringstermijn", "Wat u verder doet", "Meedoen",
             "Hulp en begeleiding", "Uw kinderen", "Ontzorgen", "Voortgangsgesprekken"],
            id="every section of the beschikking",
        ),
    ],
)  # fmt: skip
def test_section_headings_are_numbered_without_gaps(
    beschikking: Beschikking, doelgroep: Doelgroep, plan: Ontwikkelplan | None, titles: list[str]
) -> None:
    found = HEADING.findall(_render(beschikking, doelgroep, plan))
    assert [title for _, title in found] == titles
    assert [int(number) for number, _ in found] == list(range(1, len(titles) + 1))


def test_citations_and_t_m() -> None:
    text = _render(FULL)
    assert "in totaal 1.200 uur (Wet inburgering art. 15 lid 2)" in text
    assert "(Wet inburgering art. 15 lid 1 d)" in text
    assert "(Besluit inburgering art. 5.4 lid 1)" in text
    assert "loopt van 12 mei 2026 t/m 11 mei 2029" in text
    assert "leerroute veranderen t/m 11 november 2027" in text
    assert "van 2 maart 2026 t/m 1 september 2026" in text  # ontzorgen, Participatiewet 56a
    assert "Bezwaar maken kan t/m 22 juni 2026" in text
    assert "5.3 lid 4" not in text  # the old, wrong citation


def test_the_laws_numbers_come_from_the_constants(monkeypatch: pytest.MonkeyPatch) -> None:
    z = replace(
        FULL,
        leerroute=Leerroute.Z,
        leerroute_intensiteit=None,
        knm=Knm(KnmVorm.EINDGESPREK),
    )
    before = _render(z)
    assert "U hebt 3 jaar" in before
    assert "In de Z-route volgt u 800 uur les" in before
    assert "18 maanden na de start van de termijn" in before
    assert "binnen 6 weken na de datum van dit besluit" in before
    monkeypatch.setattr(pip_sections, "TERMIJN_YEARS", 4)
    monkeypatch.setattr(pip_sections, "Z_COURSE_HOURS", 801)
    monkeypatch.setattr(pip_sections, "ROUTE_SWITCH_MONTHS", 19)
    monkeypatch.setattr(letter_parts, "BEZWAAR_WEEKS", 7)  # domain.handhaving's, as read
    after = _render(z)
    assert "U hebt 4 jaar" in after
    assert "In de Z-route volgt u 801 uur les" in after
    assert "19 maanden na de start van de termijn" in after
    assert "binnen 7 weken na de datum van dit besluit" in after


def test_a_z_route_below_800_hours_says_the_hours_and_the_ground() -> None:
    short = replace(
        FULL,
        leerroute=Leerroute.Z,
        leerroute_intensiteit=LeerrouteIntensiteit(8, 600),
        knm=Knm(KnmVorm.EINDGESPREK),
    )
    ground = Uitzondering(
        "z_course_hours", UitzonderingGrond.BESLUIT_3_14_LID_6, "200 uur gevolgd in de B1-route"
    )
    text = _render(short, uitzonderingen=(ground,))
    assert "In de Z-route volgt u 600 uur les" in text
    assert "minder dan 800 lesuren in de Z-route" in text
    # the case in words, the lids the law text supports (domain.pip.Z_HOURS_ARTICLE)
    assert (
        "Besluit inburgering art. 3.14 lid 6, 8 en 9 (uren zijn al gevolgd in een andere "
        "leerroute). Waarom: 200 uur gevolgd in de B1-route"
    ) in text


TYPED = re.compile(
    r"800 uur|3 jaar|6 weken|18 maanden|6 maanden|28 van 40|cesuur 28|10 weken|2 weken na"
    r"|januari 202[12]|1 mei 2020|12 april 2023|dan 1[68]\b|tussen 16|vanaf 16|tot 18"
)
SOURCES = Path(__file__).resolve().parents[2] / "src" / "inburg_desktop"


@pytest.mark.parametrize(
    "module",
    [
        "pdf/pip_sections.py",
        "pdf/pip_document.py",
        "domain/pip_annex.py",
        "domain/pip_rules.py",
        "domain/pip_prefill.py",
        "domain/route_advice.py",
        "domain/plicht.py",
        "domain/evaluation.py",
        "ui/pip/side_panel.py",
        "ui/case_details.py",
        "ui/case_table_model.py",
    ],
)
def test_no_number_of_the_law_is_typed_into_a_sentence(module: str) -> None:
    source = (SOURCES / module).read_text("utf-8")
    strings = re.findall(r'"((?:[^"\\]|\\.)*)"', source)
    typed = [s for s in strings if TYPED.search(s)]
    assert typed == [], (module, typed)
