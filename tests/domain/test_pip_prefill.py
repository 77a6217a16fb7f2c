"""The PIP draft proposal (domain/pip_prefill.py): complete where the facts allow it.

A proposal for a statushouder with the facts at hand should leave only what a person must
fill in (the ontzorgen decision's date and kenmerk, an open VVE question); the rest of
missing_for_setting (Wet art. 15, Besluit art. 3.1, 3.2, 3.14, 5.3 lid 4) is met.
"""

from __future__ import annotations

from datetime import date

import pytest

from inburg_desktop.domain.case import Doelgroep, Leerroute
from inburg_desktop.domain.pip import (
    Actor,
    BegeleidingSoort,
    KnmVorm,
    ParticipatieSoort,
    PipHistory,
)
from inburg_desktop.domain.pip_prefill import (
    Kind,
    PrefillInput,
    PrefillSettings,
    prefill,
    young_children,
)
from inburg_desktop.domain.pip_rules import missing_for_setting

D = date.fromisoformat
ON = D("2026-04-20")
SH, GM = Doelgroep.STATUSHOUDER, Doelgroep.GEZINSMIGRANT
B1, OND, Z = Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z


def codes(inputs: PrefillInput) -> tuple[str, ...]:
    draft = prefill(inputs)
    return tuple(r.code for r in missing_for_setting(draft.beschikking, inputs.doelgroep))


# (id, inputs, what missing_for_setting still reports for the proposal)
ROWS = [
    ("B1 statushouder, no bijstand, no children", PrefillInput(B1, SH, ON), ()),
    ("onderwijs statushouder: no MAP (Wet 8 lid 3)", PrefillInput(OND, SH, ON), ()),
    ("Z statushouder: 800 participation hours (Besluit 3.14)", PrefillInput(Z, SH, ON), ()),
    ("Z gezinsmigrant", PrefillInput(Z, GM, ON, participatieladder=2), ()),
    ("B1 gezinsmigrant on bijstand: no ontzorgen", PrefillInput(B1, GM, ON, bijstand_start=ON), ()),
    ("statushouder on bijstand: decision still to attach (Pw 56a)",
     PrefillInput(B1, SH, ON, bijstand_start=D("2026-03-02")), ("ontzorgen_reference",)),
    ("child under 4, VVE need unknown",
     PrefillInput(B1, SH, ON, kinderen=(Kind(D("2024-01-10")),)), ("vve_unknown",)),
    ("child under 4 needs VVE: agreement still to write",
     PrefillInput(B1, SH, ON, kinderen=(Kind(D("2024-01-10"), True),)), ("vve_no_agreement",)),
    ("child under 4 needs no VVE",
     PrefillInput(B1, SH, ON, kinderen=(Kind(D("2024-01-10"), False),)), ()),
    ("no route chosen yet: route and its intensity",
     PrefillInput(None, SH, ON), ("no_leerroute", "no_leerroute_intensiteit")),
]  # fmt: skip


@pytest.mark.parametrize(("inputs", "missing"), [pytest.param(i, m, id=n) for n, i, m in ROWS])
def test_prefill_leaves_only_what_a_person_decides(
    inputs: PrefillInput, missing: tuple[str, ...]
) -> None:
    assert codes(inputs) == missing


def test_statushouder_b1_proposal() -> None:
    draft = prefill(
        PrefillInput(
            B1,
            SH,
            ON,
            bijstand_start=D("2026-03-02"),
            participatieladder=3,
            advice_codes=("toets_haalbaar", "latin_script", "wish_differs"),
        )
    )
    b = draft.beschikking
    assert b.leerroute_intensiteit is not None
    assert (b.leerroute_intensiteit.uren_per_week, b.leerroute_intensiteit.totaal_uren) == (
        12,
        1200,
    )
    assert [x.soort for x in b.begeleiding] == [
        BegeleidingSoort.MAATSCHAPPELIJKE_BEGELEIDING,  # Wet art. 13
        BegeleidingSoort.TAALMAATJE,  # advice: latin_script
        BegeleidingSoort.BUDGETCOACHING,  # with ontzorgen
    ]
    assert b.pvt is not None and b.pvt.uren == 12 and len(b.pvt.activiteiten) == 2
    assert b.map is not None and b.map.themas == 8 and b.map.eindgesprek
    assert b.knm is not None and b.knm.vorm is KnmVorm.EXAMEN
    assert [p.soort for p in b.participatie] == [ParticipatieSoort.VRIJWILLIGERSWERK]
    assert b.ontzorgen is not None and b.ontzorgen.bijstand_start == D("2026-03-02")
    assert b.voortgangsgesprekken.aantal == 8
    plan = draft.ontwikkelplan
    assert plan.bijgewerkt_op == ON
    assert [d.omschrijving for d in plan.doelen] == [
        "Taalniveau B1 halen",
        "Een trede hoger op de participatieladder: van 3 naar 4",
        "Zelf de vaste lasten betalen na het ontzorgen",
    ]
    assert plan.afspraken[0].wie is Actor.CONSULENT
    assert plan.afspraken[0].wanneer == D("2026-05-04")
    assert "De keuze van de leerroute nog eens samen bespreken" in [a.wat for a in plan.afspraken]
    assert {n.code for n in draft.notes} >= {"intensity_default", "ontzorgen", "literacy_support"}


def test_z_route_participation_reaches_800_with_pvt_and_map() -> None:
    # Besluit art. 3.14: 800 hours participation for asielstatushouders; PVT and MAP count
    b = prefill(PrefillInput(Z, SH, ON, participatieladder=1)).beschikking
    assert b.participatie_uren == 800
    assert b.knm is not None and b.knm.vorm is KnmVorm.EINDGESPREK
    assert b.leerroute_intensiteit is not None and b.leerroute_intensiteit.totaal_uren == 800


def test_onderwijsroute_has_no_map_and_no_participation() -> None:
    draft = prefill(PrefillInput(OND, SH, ON, participatieladder=2))
    assert draft.beschikking.map is None
    assert draft.beschikking.participatie == ()
    assert [d.omschrijving for d in draft.ontwikkelplan.doelen] == ["Taalniveau B1/B2 halen"]


def test_gezinsmigrant_gets_no_intensity_nor_mb() -> None:
    b = prefill(PrefillInput(B1, GM, ON, bijstand_start=ON)).beschikking
    assert b.leerroute_intensiteit is None
    assert b.begeleiding == ()
    assert b.ontzorgen is None and b.bijstand


def test_settings_change_the_intensity() -> None:
    cfg = PrefillSettings(b1_uren_per_week=15, b1_totaal_uren=900)
    b = prefill(PrefillInput(B1, SH, ON), cfg).beschikking
    assert b.leerroute_intensiteit is not None
    assert (b.leerroute_intensiteit.uren_per_week, b.leerroute_intensiteit.totaal_uren) == (15, 900)


def test_young_children_under_four() -> None:
    kids = (
        Kind(D("2022-04-20")),  # turns 4 on ON: not under 4
        Kind(D("2022-04-21")),  # 3 on ON
        Kind(D("2026-04-21")),  # not born yet
        Kind(D("2015-01-01")),
    )
    assert young_children(kids, ON) == (kids[1],)


def test_ladder_validation() -> None:
    with pytest.raises(ValueError, match="participatieladder"):
        PrefillInput(B1, SH, ON, participatieladder=7)


def test_draft_becomes_first_version() -> None:
    draft = prefill(PrefillInput(Z, SH, ON))
    h = PipHistory()
    version = h.new_draft(draft.beschikking, ON, ontwikkelplan=draft.ontwikkelplan)
    h = h.with_draft(version).set_draft(D("2026-05-11"))
    assert h.termijn_start == D("2026-05-12")
    assert PipHistory.from_json(h.to_json()) == h
    assert h.versions[0].beschikking == draft.beschikking
