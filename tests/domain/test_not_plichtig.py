"""Nothing that exists only for an inburgeringsplichtige is derived for someone the data
say is not plichtig: the PIP deadline and its urgency, the termijn, the route-change
window, ontzorgen, the oproep consequences, setting a PIP.

Each row names why the person is not plichtig (the article of ``domain.plicht``); each
check names the article that ties the value to the plicht:

* PIP deadline: Besluit art. 5.3 lid 1 counts from DUO's notice of the
  inburgeringsplicht (on the basis of Wet art. 15 lid 5); lid 2 (third-party wait) only
  moves that deadline;
* termijn: Wet art. 11 (the inburgeringsplichtige's three years); route-change window:
  Wet art. 17, Besluit art. 5.4 lid 1 (counted from the termijn);
* ontzorgen: Participatiewet art. 56a (inburgeringsplichtigen with an asylum permit);
* oproep, warning and completing without the person: Wet art. 14 lid 1–2;
* the PIP: Wet art. 15 lid 1 (set for the inburgeringsplichtige);
* the AOW warning: Wet art. 3 (the plicht ends at the AOW age; no plicht, nothing ends).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from inburg_desktop.domain.case import (
    CaseDates,
    Doelgroep,
    Inburgeraar,
    Leerroute,
    ResidenceBasis,
    WachtenOpDerde,
)
from inburg_desktop.domain.deadlines import deadline_state
from inburg_desktop.domain.evaluation import evaluate
from inburg_desktop.domain.oproep import Oproep, OproepUitkomst, oproep_status
from inburg_desktop.domain.pip import Beschikking, PipHistory
from inburg_desktop.domain.pip_rules import check_setting, pip_deadlines

D = date.fromisoformat
SH, GM = Doelgroep.STATUSHOUDER, Doelgroep.GEZINSMIGRANT
ASIEL, GEZIN = ResidenceBasis.ASIEL, ResidenceBasis.GEZIN
ON = D("2026-11-29")
DATES = CaseDates(
    brp_registration=D("2026-10-30"),
    duo_kennisgeving=D("2026-11-01"),
    bijstand_start=D("2026-10-30"),
    wachten_op_derde=WachtenOpDerde("verslag van de huisarts", D("2026-11-10")),
)
PLICHT_DERIVED = (
    "pip_deadline",
    "termijn_start",
    "termijn_end",
    "route_switch_until",
    "ontzorgen_until",
)
ONLY_WITH_PLICHT = {"aow_during_termijn", "pip_deadline_waiting", "pip_wachten_te_laat"}


def person(
    nationality: str = "SYR",
    born: str = "1990-01-01",
    basis: ResidenceBasis | None = ASIEL,
    permit: str | None = None,
) -> Inburgeraar:
    return Inburgeraar(
        "Test",
        "Persoon",
        D(born),
        nationality,
        residence_basis=basis,
        permit_since=None if permit is None else D(permit),
    )


# (id: why not plichtig, article; person; doelgroep; the plicht reason code expected first)
NOT_PLICHTIG = [
    ("Turkish, permit 2019-06-29 before 2022-01-01 (the demo's Emre Yildiz)",
     person("TUR", "1996-07-08", GEZIN, "2019-06-29"), GM, "turkish_permit_before_2022"),
    ("Turkish asielstatushouder since 2020-05-01: old law", person("TUR", permit="2021-03-01"),
     SH, "turkish_asiel_old_law"),
    ("plicht arose before 2022-01-01: old law", person(permit="2021-06-01"), SH, "old_law"),
    ("EU national (Wet art. 3 lid 2 a)", person("POL", basis=GEZIN), GM,
     "nationality_eu_eea_swiss"),
    ("Dutch national (not a vreemdeling)", person("NLD", basis=GEZIN), GM, "nationality_dutch"),
    ("family member of an EU citizen (Wet art. 3 lid 2 b)",
     person(basis=ResidenceBasis.EU_FAMILIELID), GM, "residence_eu_family"),
    ("temporary purpose (Besluit art. 2.2)", person(basis=ResidenceBasis.TIJDELIJK_DOEL), GM,
     "residence_temporary"),
    ("under 16 (Wet art. 3)", person(born="2012-01-01"), SH, "age_under_16"),
    ("AOW age reached (Wet art. 3)", person(born="1955-01-01"), SH, "age_aow"),
    ("date of birth after the day judged on: a data error", person(born="2027-01-01"), SH,
     "date_of_birth_after_reference"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("who", "doelgroep", "code"), [pytest.param(*row[1:], id=row[0]) for row in NOT_PLICHTIG]
)
def test_nothing_derived_from_the_plicht_without_it(
    who: Inburgeraar, doelgroep: Doelgroep, code: str
) -> None:
    with_pip = replace(DATES, pip_date=D("2026-11-20"))
    result = evaluate(who, doelgroep, with_pip, ON, exam_passed_on=D("2028-08-31"))
    assert not result.plicht.plichtig and result.plicht.codes[0] == code
    deadlines = result.deadlines
    assert deadlines.niet_plichtig
    assert {key: getattr(deadlines, key) for key in PLICHT_DERIVED} == dict.fromkeys(
        PLICHT_DERIVED
    ), "Besluit art. 5.3, Wet art. 11 and 17, Participatiewet art. 56a"
    assert deadlines.pip_deadline_basis is None and not deadlines.pip_deadline_provisional
    assert deadlines.as_json()["niet_plichtig"] is True
    assert deadlines.nazorg_contact == D("2029-02-28")  # a planning point, not of the plicht
    assert result.plicht.plicht_ends_on is None
    assert not ONLY_WITH_PLICHT & set(result.warning_codes)
    # urgency: no deadline, so neither "overdue" nor "waiting" (Besluit art. 5.3)
    assert deadline_state(deadlines, ON) == "niet_plichtig"
    # the PIP editor and the PDF: the same deadlines (Wet art. 11, Besluit art. 5.4)
    history = PipHistory()
    assert pip_deadlines(history, with_pip, doelgroep, plichtig=False) == replace(
        deadlines, nazorg_contact=None
    )
    # Wet art. 14 lid 1-2: three oproepen without result lead nowhere without a plicht
    no_shows = [
        Oproep(D(f"2026-11-0{d}"), uitkomst=OproepUitkomst.NIET_VERSCHENEN) for d in (2, 4, 6)
    ]
    status = oproep_status(no_shows, plichtig=False)
    assert not status.may_complete_without_person
    assert status.advice is not None and status.advice.code == "oproep_niet_plichtig"
    assert "Wet art. 14" in status.advice.render()
    # Wet art. 15 lid 1: no PIP is set for someone not plichtig
    draft = history.new_draft(Beschikking(leerroute=Leerroute.B1), ON)
    check = check_setting(history, draft, doelgroep, ON, 0, plichtig=False, chosen_route=None)
    assert check.codes[0] == "not_plichtig" and "Wet art. 15" in check.refusals[0].render()


@pytest.mark.parametrize(
    ("who", "doelgroep"),
    [
        pytest.param(person(basis=ASIEL, permit="2023-05-01"), SH, id="statushouder, 2023"),
        pytest.param(person("TUR", basis=GEZIN, permit="2022-03-01"), GM, id="Turkish, 2022"),
    ],
)
def test_plichtig_keeps_every_deadline(who: Inburgeraar, doelgroep: Doelgroep) -> None:
    dates = replace(DATES, wachten_op_derde=None, pip_date=D("2026-11-20"))
    result = evaluate(who, doelgroep, dates, ON)
    assert result.plicht.plichtig and not result.deadlines.niet_plichtig
    assert result.deadlines.pip_deadline is not None and result.deadlines.termijn_end is not None
    assert deadline_state(result.deadlines, ON) in {"ok", "due_soon", "overdue"}
    assert oproep_status([], plichtig=True).advice is None


def test_plicht_unknown_keeps_the_deadline_with_a_warning() -> None:
    """A Turkish national without a permit date: plichtig as far as the data go, with a
    warning naming what decides it; the deadline stays (a missed legal term is worse)."""
    result = evaluate(
        person("TUR", "1996-07-08", GEZIN), GM, replace(DATES, wachten_op_derde=None), ON
    )
    assert result.plicht.plichtig and "permit_since_unknown" in result.warning_codes
    assert result.deadlines.pip_deadline == D("2027-01-10")


def test_kennisgeving_while_the_data_say_not_plichtig_warns_with_the_deadline_at_stake() -> None:
    """DUO decides on the plicht: a recorded kennisgeving that the data contradict is a
    warning that names the deadline that runs if DUO is right (Besluit art. 5.3 lid 1)."""
    emre = person("TUR", "1996-07-08", GEZIN, "2019-06-29")
    dates = replace(DATES, wachten_op_derde=None)
    result = evaluate(emre, GM, dates, ON)
    (warning,) = [w for w in result.warnings if w.code == "kennisgeving_niet_plichtig"]
    assert "10 januari 2027" in warning.render() and "Besluit art. 5.3 lid 1" in warning.render()
    assert result.deadlines.pip_deadline is None
    no_notice = evaluate(emre, GM, replace(dates, duo_kennisgeving=None), ON)
    assert "kennisgeving_niet_plichtig" not in no_notice.warning_codes
