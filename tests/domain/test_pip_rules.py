"""PIP rules (domain/pip_rules.py), table-driven: each row cites the rule and its article.

DOMAIN.md "The law": PIP content (Wet art. 15 lid 1 and 2, lid 1 d for VVE; Besluit art.
5.3 lid 4, 3.14 lid 7), PVT (Besluit art. 3.1), MAP (art. 3.2; not in the
taalschakeltraject, Wet art. 8 lid 3), Z-route (art. 3.14; fewer hours only in the cases
of lid 6, 8 and 9: a warning), ontzorgen (Participatiewet art. 56a), inburgeringstermijn
(Wet art. 11) and leerroute changes (Wet art. 17; Besluit art. 5.4–5.5; after 18 months a
warning naming lid 2 and 3). Every refusal's and warning's text must name its article, so
each row also lists words the message must contain.
"""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from inburg_desktop.domain.case import CaseDates, Doelgroep, Leerroute
from inburg_desktop.domain.pip import (
    Begeleiding,
    BegeleidingSoort,
    Beschikking,
    Examenonderdeel,
    Knm,
    KnmVorm,
    LeerrouteIntensiteit,
    MapIntensiteit,
    Ontzorgen,
    ParticipatieComponent,
    ParticipatieSoort,
    PipHistory,
    PvtIntensiteit,
    Uitzondering,
    UitzonderingGrond,
    VveAfspraak,
)
from inburg_desktop.domain.pip_rules import (
    AmendmentCheck,
    check_amendment,
    check_setting,
    missing_for_setting,
    pip_deadlines,
    setting_warnings,
)
from inburg_desktop.domain.text import Reason

D = date.fromisoformat
B1, OND, Z = Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z
SH, GM = Doelgroep.STATUSHOUDER, Doelgroep.GEZINSMIGRANT
MB = Begeleiding(BegeleidingSoort.MAATSCHAPPELIJKE_BEGELEIDING)

COMPLETE_B1 = Beschikking(
    leerroute=B1,
    leerroute_intensiteit=LeerrouteIntensiteit(12, 1200),
    begeleiding=(MB,),
    pvt=PvtIntensiteit(12, ("Kernwaarden",)),
    map=MapIntensiteit(),
    knm=Knm(KnmVorm.EXAMEN),
    participatie=(ParticipatieComponent(ParticipatieSoort.VRIJWILLIGERSWERK),),
)
COMPLETE_OND = replace(COMPLETE_B1, leerroute=OND, map=None, participatie=())
COMPLETE_Z = replace(
    COMPLETE_B1,
    leerroute=Z,
    leerroute_intensiteit=LeerrouteIntensiteit(8, 800),
    knm=Knm(KnmVorm.EINDGESPREK),
    map=MapIntensiteit(uren=64),
    participatie=(ParticipatieComponent(ParticipatieSoort.ACTIVITEIT, totaal_uren=724),),
    z_a2_examens=(Examenonderdeel.SPREKEN,),
)
ONTZ = Ontzorgen(D("2026-03-02"), besluit_datum=D("2026-03-10"), besluit_kenmerk="PW-2026-17")

# (id citing the rule, base, changes, doelgroep, expected codes, words every message holds)
MISSING: list[tuple[str, Beschikking, dict[str, Any], Doelgroep, tuple[str, ...], str]] = [
    ("complete B1-route statushouder", COMPLETE_B1, {}, SH, (), ""),
    ("complete onderwijsroute, no MAP (Wet 8 lid 3)", COMPLETE_OND, {}, SH, (), ""),
    ("complete Z-route statushouder (Besluit 3.14)", COMPLETE_Z, {}, SH, (), ""),
    ("gezinsmigrant needs no intensity nor MB", COMPLETE_B1,
     {"leerroute_intensiteit": None, "begeleiding": ()}, GM, (), ""),
    ("gezinsmigrant Z-route: no 800 h participation", COMPLETE_Z, {"participatie": ()}, GM, (), ""),
    ("Wet art. 15 lid 1: no leerroute", COMPLETE_B1, {"leerroute": None}, GM,
     ("no_leerroute",), "Wet art. 15 lid 1"),
    ("Wet art. 15 lid 2: statushouder without intensity", COMPLETE_B1,
     {"leerroute_intensiteit": None}, SH, ("no_leerroute_intensiteit",), "Wet art. 15 lid 2"),
    ("Besluit 3.14 lid 6, 8, 9: Z-route under 800 course hours is no refusal", COMPLETE_Z,
     {"leerroute_intensiteit": LeerrouteIntensiteit(8, 600)}, SH, (), ""),
    ("Wet art. 13: statushouder without maatschappelijke begeleiding", COMPLETE_B1,
     {"begeleiding": (Begeleiding(BegeleidingSoort.TAALMAATJE),)}, SH,
     ("no_maatschappelijke_begeleiding",), "Wet art. 13"),
    ("Besluit 3.1: no PVT", COMPLETE_B1, {"pvt": None}, SH, ("no_pvt",), "Besluit art. 3.1"),
    ("Besluit 3.1: PVT under 12 hours", COMPLETE_B1, {"pvt": PvtIntensiteit(10, ("a",))}, SH,
     ("pvt_hours",), "Besluit art. 3.1"),
    ("Besluit 3.1: PVT exactly 12 hours is enough", COMPLETE_B1,
     {"pvt": PvtIntensiteit(12, ("a",))}, SH, (), ""),
    ("Besluit 3.1: PVT without activity", COMPLETE_B1, {"pvt": PvtIntensiteit(12, ())}, SH,
     ("pvt_activity",), "Besluit art. 3.1"),
    ("Besluit 3.2: no MAP", COMPLETE_B1, {"map": None}, SH, ("no_map",), "Besluit art. 3.2"),
    ("Besluit 3.2: MAP with 7 themes", COMPLETE_B1, {"map": MapIntensiteit(themas=7)}, SH,
     ("map_themes",), "Besluit art. 3.2"),
    ("Besluit 3.2: MAP without eindgesprek", COMPLETE_B1,
     {"map": MapIntensiteit(eindgesprek=False)}, SH, ("map_eindgesprek",), "Besluit art. 3.2"),
    ("Wet art. 8 lid 3: MAP in the onderwijsroute", COMPLETE_OND, {"map": MapIntensiteit()}, SH,
     ("map_in_onderwijsroute",), "Wet art. 8 lid 3"),
    ("Wet art. 7: no KNM", COMPLETE_B1, {"knm": None}, SH, ("no_knm",), "Wet art. 7"),
    ("Besluit 3.14: KNM exam in the Z-route", COMPLETE_Z, {"knm": Knm(KnmVorm.EXAMEN)}, SH,
     ("knm_z_eindgesprek",), "Besluit art. 3.14"),
    ("Wet art. 7: KNM eindgesprek in the B1-route", COMPLETE_B1,
     {"knm": Knm(KnmVorm.EINDGESPREK)}, SH, ("knm_exam",), "Wet art. 7"),
    ("Besluit 3.14 lid 6, 8, 9: Z-route under 800 participation hours is no refusal",
     COMPLETE_Z,
     {"participatie": (ParticipatieComponent(ParticipatieSoort.ACTIVITEIT, totaal_uren=700),)},
     SH, (), ""),
    ("Wet art. 15 lid 1 d: VVE need unknown", COMPLETE_B1,
     {"vve": (VveAfspraak(D("2024-01-10")),)}, SH, ("vve_unknown",), "Wet art. 15 lid 1 d"),
    ("Wet art. 15 lid 1 d: VVE needed, no agreement", COMPLETE_B1,
     {"vve": (VveAfspraak(D("2024-01-10"), True, "  "),)}, SH, ("vve_no_agreement",),
     "Wet art. 15 lid 1 d"),
    ("Wet art. 15 lid 1 d: VVE needed and agreed", COMPLETE_B1,
     {"vve": (VveAfspraak(D("2024-01-10"), True, "Peuterspeelzaal"),)}, SH, (), ""),
    ("Wet art. 15 lid 1 d: VVE not needed", COMPLETE_B1,
     {"vve": (VveAfspraak(D("2024-01-10"), False),)}, SH, (), ""),
    ("Pw art. 56a: statushouder on bijstand without ontzorgen", COMPLETE_B1,
     {"bijstand": True}, SH, ("no_ontzorgen",), "Participatiewet art. 56a"),
    ("Pw art. 56a: gezinsmigrant on bijstand is not ontzorgd", COMPLETE_B1,
     {"bijstand": True, "leerroute_intensiteit": None}, GM, (), ""),
    ("Pw art. 56a: ontzorgen without the decision's kenmerk", COMPLETE_B1,
     {"bijstand": True, "ontzorgen": replace(ONTZ, besluit_kenmerk="")}, SH,
     ("ontzorgen_reference",), "Participatiewet art. 56a"),
    ("Pw art. 56a: ontzorgen without the decision's date", COMPLETE_B1,
     {"bijstand": True, "ontzorgen": replace(ONTZ, besluit_datum=None)}, SH,
     ("ontzorgen_reference",), "Participatiewet art. 56a"),
    ("Pw art. 56a: ontzorgen with the attached decision", COMPLETE_B1,
     {"bijstand": True, "ontzorgen": ONTZ}, SH, (), ""),
    ("Besluit 3.14 lid 7: A2 wishes in the B1-route", COMPLETE_B1,
     {"z_a2_examens": (Examenonderdeel.LEZEN,)}, SH, ("a2_wishes_outside_z",),
     "Besluit art. 3.14 lid 7"),
    ("empty beschikking: everything", Beschikking(), {}, SH,
     ("no_leerroute", "no_leerroute_intensiteit", "no_maatschappelijke_begeleiding", "no_pvt",
      "no_map", "no_knm"), ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("base", "changes", "doelgroep", "codes", "article"),
    [pytest.param(b, c, g, codes, a, id=i) for i, b, c, g, codes, a in MISSING],
)
def test_missing_for_setting(
    base: Beschikking,
    changes: dict[str, Any],
    doelgroep: Doelgroep,
    codes: tuple[str, ...],
    article: str,
) -> None:
    reasons = missing_for_setting(replace(base, **changes), doelgroep)
    assert tuple(r.code for r in reasons) == codes
    for reason in reasons:
        assert article in reason.render()
        assert "art." in reason.render()  # every message names its article


# Besluit art. 3.14 lid 6, 8 and 9: fewer Z-route hours only in the cases named there; the
# app warns and asks for the ground and a motivering.
WARN: list[tuple[str, Beschikking, dict[str, Any], Doelgroep, tuple[str, ...]]] = [
    ("Besluit 3.14: a full Z-route needs nothing", COMPLETE_Z, {}, SH, ()),
    ("Besluit 3.14 lid 6/8/9: under 800 course hours", COMPLETE_Z,
     {"leerroute_intensiteit": LeerrouteIntensiteit(8, 600)}, SH, ("z_course_hours",)),
    ("Besluit 3.14 lid 6/8/9: 799 course hours", COMPLETE_Z,
     {"leerroute_intensiteit": LeerrouteIntensiteit(8, 799)}, GM, ("z_course_hours",)),
    ("Besluit 3.14 lid 6/8/9: statushouder under 800 participation hours", COMPLETE_Z,
     {"participatie": (ParticipatieComponent(ParticipatieSoort.ACTIVITEIT, totaal_uren=700),)},
     SH, ("z_participation_hours",)),
    ("Besluit 3.14: participation hours only for asielstatushouders", COMPLETE_Z,
     {"participatie": ()}, GM, ()),
    ("Besluit 3.14: hours only matter in the Z-route", COMPLETE_B1,
     {"leerroute_intensiteit": LeerrouteIntensiteit(8, 600)}, SH, ()),
]  # fmt: skip


@pytest.mark.parametrize(
    ("base", "changes", "doelgroep", "codes"),
    [pytest.param(b, c, g, codes, id=i) for i, b, c, g, codes in WARN],
)
def test_setting_warnings(
    base: Beschikking, changes: dict[str, Any], doelgroep: Doelgroep, codes: tuple[str, ...]
) -> None:
    warnings = setting_warnings(replace(base, **changes), doelgroep)
    assert tuple(w.code for w in warnings) == codes
    for warning in warnings:
        text = warning.reason.render()
        assert "Besluit art. 3.14 lid 6, 8 en 9" in text
        assert "800" in text
        assert warning.grounds == (
            UitzonderingGrond.BESLUIT_3_14_LID_6,
            UitzonderingGrond.BESLUIT_3_14_LID_8,
            UitzonderingGrond.BESLUIT_3_14_LID_9,
        )


def test_vve_message_names_the_child() -> None:
    (reason,) = missing_for_setting(replace(COMPLETE_B1, vve=(VveAfspraak(D("2024-01-10")),)), SH)
    assert "10 januari 2024" in reason.render()


# --- amendments --------------------------------------------------------------------------

PIP_DAY = D("2026-05-11")  # termijn starts 2026-05-12; route changes t/m 2027-11-11
START = D("2026-05-12")


def history(*routes: Leerroute, a2_last: bool = False) -> PipHistory:
    """Set versions with these leerroutes, the first dated PIP_DAY, the next a month on."""
    h = PipHistory()
    day = PIP_DAY
    for index, route in enumerate(routes):
        a2 = a2_last and index == len(routes) - 1
        beschikking = replace(COMPLETE_B1, leerroute=route)
        draft = h.new_draft(beschikking, day, reden="r" if index else "", afschaling_a2=a2)
        h = h.with_draft(draft).set_draft(day)
        day = D(f"2026-{6 + index:02d}-11")
    return h


# (id citing the rule, history routes, proposed route, afschaling_a2, reden, on, NT2 hours,
#  termijn_start given, refusal codes, warning codes, words every message holds)
Routes = tuple[Leerroute, ...]
AmendRow = tuple[
    str, Routes, Leerroute, bool, str, str, int, date | None, tuple[str, ...], tuple[str, ...], str
]
AFTER = ("route_switch_after_window",)
AMEND: list[AmendRow] = [
    ("Besluit 5.4 lid 1: B1 → Z on the window's last day", (B1,), Z, False, "Minder vooruitgang",
     "2027-11-11", 300, START, (), (), ""),
    ("Besluit 5.4 lid 2-3: B1 → Z the day after the window: warn", (B1,), Z, False,
     "Minder vooruitgang", "2027-11-12", 300, START, (), AFTER, "Besluit art. 5.4 lid 1"),
    ("Besluit 5.4 lid 2-3: Z → B1 after 18 months: warn", (Z,), B1, False, "Meer vooruitgang",
     "2028-01-05", 300, START, (), AFTER, "(lid 2)"),
    ("Besluit 5.4 lid 2-3: B1 → onderwijs after 18 months: warn", (B1,), OND, False, "Meer",
     "2028-01-05", 300, START, (), AFTER, "18 maanden"),
    ("Besluit 5.4 lid 2-3: onderwijs → Z after 18 months: warn", (OND,), Z, False, "Minder",
     "2028-01-05", 300, START, (), AFTER, "bijzonder geval (lid 3)"),
    ("Besluit 5.4: onderwijs → B1 at any time", (OND,), B1, False, "Studie past niet",
     "2029-01-05", 300, START, (), (), ""),
    ("Besluit 5.4: same route after 18 months is no route change", (B1,), B1, False,
     "Meer uren", "2028-06-01", 300, START, (), (), ""),
    ("Besluit 5.4: window taken from the history when no start is given", (B1,), Z, False,
     "Minder", "2027-11-12", 300, None, (), AFTER, "11 november 2027"),
    ("Awb 3:46: amendment without reason", (B1,), B1, False, "  ", "2026-09-01", 300, START,
     ("no_reason",), (), "Awb art. 3:46"),
    ("Wet art. 11: termijn does not move on amendment", (B1,), B1, False, "Nieuw PIP",
     "2026-09-01", 300, D("2026-09-02"), ("termijn_moved",), (), "Wet art. 11"),
    ("Wet art. 17: amendment before the PIP in force", (B1,), B1, False, "r", "2026-05-01",
     300, START, ("before_previous",), (), "Wet art. 17"),
    ("Besluit 5.5: A2 in a later B1 PIP after 600 hours", (B1,), B1, True, "600 uur gehaald",
     "2027-06-01", 600, START, (), (), ""),
    ("Besluit 5.5: A2 after 599 hours", (B1,), B1, True, "Te weinig vooruitgang",
     "2027-06-01", 599, START, ("a2_before_600_hours",), (), "600 uur"),
    ("Besluit 5.5 lid 2: A2 in the first PIP (B1) after 600 hours, intake hours count", (), B1,
     True, "", "2026-05-11", 700, None, (), (), ""),
    ("Besluit 5.5: A2 in the first B1 PIP after the onderwijsroute", (OND,), B1, True,
     "Studie past niet", "2027-06-01", 700, START, (), (), ""),
    ("Besluit 5.5: A2 kept after an earlier B1 PIP (onderwijs → B1 → B1+A2)", (OND, B1), B1,
     True, "600 uur gehaald", "2027-06-01", 700, START, (), (), ""),
    ("Besluit 5.5: A2 never with the onderwijsroute", (OND,), OND, True, "Moeilijk",
     "2027-06-01", 700, START, ("a2_onderwijsroute",), (), "onderwijsroute"),
    ("Besluit 5.5: A2 only in the B1-route, not Z", (Z,), Z, True, "Moeilijk",
     "2027-06-01", 700, START, ("a2_only_b1",), (), "alleen in de B1-route"),
    ("Besluit 5.5: A2 in the first PIP before 600 hours", (), B1, True, "",
     "2026-05-11", 0, None, ("a2_before_600_hours",), (), "Besluit art. 5.5"),
    ("first PIP without A2 needs no reason", (), Z, False, "", "2026-05-11", 0, None, (), (),
     ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("routes", "route", "a2", "reden", "on", "hours", "start", "codes", "warnings", "words"),
    [pytest.param(*row[1:], id=row[0]) for row in AMEND],
)
def test_check_amendment(
    routes: tuple[Leerroute, ...],
    route: Leerroute,
    a2: bool,
    reden: str,
    on: str,
    hours: int,
    start: date | None,
    codes: tuple[str, ...],
    warnings: tuple[str, ...],
    words: str,
) -> None:
    h = history(*routes)
    proposed = h.new_draft(
        replace(COMPLETE_B1, leerroute=route),
        D(on),
        reden=reden,
        afschaling_a2=a2,
        cursusuren_nt2=hours,
    )
    check = check_amendment(h, proposed, D(on), start, hours)
    assert check == AmendmentCheck(not codes, check.refusals, check.warnings)
    assert check.codes == codes
    assert check.warning_codes == warnings
    for reason in (*check.refusals, *(w.reason for w in check.warnings)):
        assert words in reason.render()
        assert "art." in reason.render()


def test_route_change_after_the_window_needs_a_ground_and_motivering() -> None:
    # Besluit art. 5.4 lid 2-3: the municipality may; the consultant records why.
    h = history(B1)
    on = D("2027-11-12")
    draft = h.new_draft(COMPLETE_Z, on, reden="Minder vooruitgang")
    bare = check_setting(h, draft, SH, on, 0, plichtig=True, chosen_route=None)
    assert bare.warning_codes == AFTER
    assert bare.codes == ("exception_unmotivated",)
    assert "Besluit art. 5.4 lid 1" in bare.refusals[0].render()
    wrong = replace(
        draft,
        uitzonderingen=(
            Uitzondering("route_switch_after_window", UitzonderingGrond.BESLUIT_3_14_LID_6, "x"),
        ),
    )
    assert check_setting(h, wrong, SH, on, 0, plichtig=True, chosen_route=None).codes == (
        "exception_unmotivated",
    )
    empty = replace(
        draft,
        uitzonderingen=(
            Uitzondering("route_switch_after_window", UitzonderingGrond.BESLUIT_5_4_LID_3, " "),
        ),
    )
    assert check_setting(h, empty, SH, on, 0, plichtig=True, chosen_route=None).codes == (
        "exception_unmotivated",
    )
    answered = replace(
        draft,
        uitzonderingen=(
            Uitzondering(
                "route_switch_after_window",
                UitzonderingGrond.BESLUIT_5_4_LID_3,
                "Ernstige ziekte, advies GGD",
            ),
        ),
    )
    check = check_setting(h, answered, SH, on, 0, plichtig=True, chosen_route=None)
    assert check.codes == ()
    assert check.warning_codes == AFTER  # still shown: the decision deviates
    # the window's last day needs nothing
    inside = h.new_draft(COMPLETE_Z, D("2027-11-11"), reden="r")
    assert (
        check_setting(
            h, inside, SH, D("2027-11-11"), 0, plichtig=True, chosen_route=None
        ).warning_codes
        == ()
    )


def test_z_route_below_800_hours_can_be_set_with_a_ground() -> None:
    # Besluit art. 3.14 lid 6, 8 and 9
    short = replace(COMPLETE_Z, leerroute_intensiteit=LeerrouteIntensiteit(8, 600))
    h = PipHistory()
    draft = h.new_draft(short, PIP_DAY)
    assert check_setting(h, draft, SH, PIP_DAY, 0, plichtig=True, chosen_route=None).codes == (
        "exception_unmotivated",
    )
    grounded = replace(
        draft,
        uitzonderingen=(
            Uitzondering(
                "z_course_hours",
                UitzonderingGrond.BESLUIT_3_14_LID_6,
                "200 uur gevolgd in de B1-route",
            ),
        ),
    )
    check = check_setting(h, grounded, SH, PIP_DAY, 0, plichtig=True, chosen_route=None)
    assert check.codes == ()
    assert check.warning_codes == ("z_course_hours",)


def test_structure_refusals() -> None:
    h = history(B1)
    # a proposal must be a draft on the version in force
    stale = replace(h.new_draft(COMPLETE_B1, D("2026-09-01"), reden="r"), nummer=3, based_on=1)
    assert check_amendment(h, stale, D("2026-09-01"), START, 0).codes == ("wrong_base",)
    dated = history(B1, B1).versions[1]
    assert "proposal_not_draft" in check_amendment(h, dated, D("2026-09-01"), START, 0).codes
    first = history(B1).versions[0]
    assert check_amendment(PipHistory(), first, PIP_DAY, None, 0).codes == ("proposal_not_draft",)


def test_warning_names_the_window_end_as_dutch_date() -> None:
    h = history(B1)
    proposed = h.new_draft(replace(COMPLETE_B1, leerroute=Z), D("2028-01-05"), reden="r")
    (warning,) = check_amendment(h, proposed, D("2028-01-05"), START, 0).warnings
    assert warning.reason.render() == (
        "De leerroute wijzigen kan tot en met 11 november 2027 (18 maanden na de start van "
        "de termijn, Wet art. 17 en Besluit art. 5.4 lid 1). Daarna alleen na het afronden of "
        "afbreken van een opleiding die geen vrijstelling geeft (lid 2) of in een bijzonder "
        "geval (lid 3): kies de grond en motiveer. Van de onderwijsroute naar de B1-route "
        "mag altijd."
    )


def test_termijn_does_not_move_after_amendment() -> None:
    # Wet art. 11: the termijn counts from the first PIP's dagtekening, whatever follows
    h = history(OND, B1)
    assert h.versions[1].dagtekening == D("2026-06-11")
    dates = CaseDates(brp_registration=D("2026-03-02"), bijstand_start=D("2026-03-02"))
    got = pip_deadlines(h, dates, SH, plichtig=True)
    assert (got.termijn_start, got.termijn_end, got.route_switch_until) == (
        START,
        D("2029-05-11"),
        D("2027-11-11"),
    )
    assert got.ontzorgen_until == D("2026-09-01")  # Participatiewet art. 56a: 6 months


def test_pip_deadlines_without_pip_and_with_art_57_continuation() -> None:
    dates = CaseDates(
        brp_registration=D("2026-03-02"),
        duo_kennisgeving=D("2026-02-20"),
        bijstand_start=D("2026-03-02"),
    )
    none = pip_deadlines(PipHistory(), dates, SH, plichtig=True)
    assert (none.pip_deadline, none.termijn_start, none.termijn_end) == (
        D("2026-05-11"),
        None,
        None,
    )
    recorded = pip_deadlines(PipHistory(), replace(dates, pip_date=PIP_DAY), SH, plichtig=True)
    assert recorded.termijn_start == START
    h = PipHistory()
    extended = replace(
        COMPLETE_B1, bijstand=True, ontzorgen=replace(ONTZ, verlengd_tot=D("2026-12-31"))
    )
    h = h.with_draft(h.new_draft(extended, PIP_DAY)).set_draft(PIP_DAY)
    # Participatiewet art. 56a has no extension: going on is a separate art. 57 decision
    # and the end of the six months stays where it is.
    assert pip_deadlines(h, dates, SH, plichtig=True).ontzorgen_until == D("2026-09-01")
    assert (
        pip_deadlines(h, dates, GM, plichtig=True).ontzorgen_until is None
    )  # only asylum permit holders


def _all_reasons() -> list[Reason]:
    reasons = [r for _, b, c, g, _, _ in MISSING for r in missing_for_setting(replace(b, **c), g)]
    reasons += list(missing_for_setting(Beschikking(), SH))
    for row in AMEND:
        h = history(*row[1])
        p = h.new_draft(replace(COMPLETE_B1, leerroute=row[2]), D(row[5]), reden=row[4],
                        afschaling_a2=row[3])  # fmt: skip
        check = check_amendment(h, p, D(row[5]), row[7], row[6])
        reasons += check.refusals
        reasons += [w.reason for w in check.warnings]
    for _, b, c, g, _ in WARN:
        reasons += [w.reason for w in setting_warnings(replace(b, **c), g)]
    return reasons


def test_every_placeholder_is_filled() -> None:
    # the UI translates text and then fills params: every placeholder needs its param
    for reason in _all_reasons():
        names = {n for _, n, _, _ in string.Formatter().parse(reason.text) if n}
        assert names == set(reason.params), reason.code


# The first PIP's leerroute against the one chosen with reasons in the brede intake: the
# college sets the route in the PIP on the basis of the brede intake (Wet art. 14 lid 3,
# art. 15 lid 1); departing from the recorded choice is a warning that needs the ground
# and a motivering (Awb art. 3:46), like every other deviation. Amendments are judged
# against the version in force (Wet art. 17, Besluit art. 5.4), not the old choice.
ROUTE_CHOICE_ROWS = [
    ("Z-route PIP, B1 chosen in the intake (the tester's case)", COMPLETE_Z, B1, False,
     ("route_differs_from_choice",)),
    ("onderwijsroute PIP, Z chosen", COMPLETE_OND, Z, False, ("route_differs_from_choice",)),
    ("B1 PIP, B1 chosen: they agree", COMPLETE_B1, B1, False, ()),
    ("no choice recorded: nothing to compare", COMPLETE_Z, None, False, ()),
    ("amendment: compared with the version in force instead", COMPLETE_Z, B1, True, ()),
]  # fmt: skip


@pytest.mark.parametrize(
    ("beschikking", "chosen", "amending", "warnings"),
    [pytest.param(*row[1:], id=row[0]) for row in ROUTE_CHOICE_ROWS],
)
def test_pip_route_against_the_intake_choice(
    beschikking: Beschikking,
    chosen: Leerroute | None,
    amending: bool,
    warnings: tuple[str, ...],
) -> None:
    h = history(Z) if amending else PipHistory()
    on = D("2026-06-01") if amending else PIP_DAY
    draft = h.new_draft(beschikking, on, reden="Voortgang" if amending else "")
    check = check_setting(h, draft, SH, on, 0, plichtig=True, chosen_route=chosen)
    assert check.warning_codes == warnings
    if not warnings:
        assert "exception_unmotivated" not in check.codes
        return
    (warning,) = check.warnings
    text = warning.reason.render()
    assert "Wet art. 14 lid 3" in text and "15 lid 1" in text
    assert warning.grounds == (UitzonderingGrond.WET_15_LID_1,)
    assert check.codes == ("exception_unmotivated",)  # not set without a motivering
    answered = replace(
        draft,
        uitzonderingen=(
            Uitzondering(
                "route_differs_from_choice",
                UitzonderingGrond.WET_15_LID_1,
                "In de brugklas bleek de leerbaarheid lager dan bij de toets",
            ),
        ),
    )
    again = check_setting(h, answered, SH, on, 0, plichtig=True, chosen_route=chosen)
    assert again.codes == () and again.warning_codes == warnings
