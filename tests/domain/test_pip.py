"""The PIP model (domain/pip.py): two parts, versions, the termijn anchor and strict JSON.

Rules quoted from DOMAIN.md "The law" (Wet art. 11: the termijn starts the day after the
first PIP's dagtekening and does not move; Wet art. 15 / Besluit art. 5.3 lid 4: contents)
and INSTRUMENTS.md "The PIP in practice" (beschikking plus living ontwikkelplan).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.pip import (
    CURRENT_KEY,
    Actor,
    Afspraak,
    Begeleiding,
    BegeleidingSoort,
    Beschikking,
    Doel,
    Examenonderdeel,
    Knm,
    KnmVorm,
    LeerrouteIntensiteit,
    MapIntensiteit,
    Ontwikkelplan,
    Ontzorgen,
    ParticipatieComponent,
    ParticipatieSoort,
    PipFormatError,
    PipHistory,
    PipInvalid,
    PipStatus,
    PipVersion,
    PvtIntensiteit,
    Voortgang,
    Voortgangsgesprekken,
    VveAfspraak,
    propose_voortgangsgesprekken,
    taaldoel,
    version_key,
)

D = date.fromisoformat

FULL = Beschikking(
    leerroute=Leerroute.Z,
    leerroute_intensiteit=LeerrouteIntensiteit(8, 800, "Taalschool Duinrand"),
    begeleiding=(
        Begeleiding(
            BegeleidingSoort.MAATSCHAPPELIJKE_BEGELEIDING, "vanaf BRP", "VluchtelingenWerk"
        ),
        Begeleiding(BegeleidingSoort.TAALMAATJE),
    ),
    pvt=PvtIntensiteit(12, ("Kernwaarden", "Ondertekening")),
    map=MapIntensiteit(uren=64),
    knm=Knm(KnmVorm.EINDGESPREK, 40),
    participatie=(ParticipatieComponent(ParticipatieSoort.VRIJWILLIGERSWERK, "buurthuis", 8, 724),),
    vve=(VveAfspraak(D("2024-01-10"), True, "Peuterspeelzaal 2 ochtenden", "De Kikker"),),
    bijstand=True,
    ontzorgen=Ontzorgen(D("2026-03-02"), besluit_datum=D("2026-03-10"), besluit_kenmerk="PW-1"),
    z_a2_examens=(Examenonderdeel.SPREKEN, Examenonderdeel.LUISTEREN),
    toelichting="Zie het gesprek van 1 mei.",
)
PLAN = Ontwikkelplan(
    doelen=(Doel("Taalniveau A1 halen", "Taal"),),
    afspraken=(Afspraak(Actor.CONSULENT, "Aanmelden", D("2026-05-20"), "Mw. Jansen"),),
    bijgewerkt_op=D("2026-05-06"),
)


def history_signed() -> PipHistory:
    h = PipHistory()
    h = h.with_draft(h.new_draft(FULL, D("2026-05-01"), ontwikkelplan=PLAN))
    return h.set_draft(D("2026-05-11")).sign(D("2026-05-12"))


def test_voortgangsgesprekken_default_eight_denser_at_start() -> None:
    # seed: about 8 per inburgeraar, more often at the start
    talks = Voortgangsgesprekken()
    assert talks.aantal == 8
    gaps = [b - a for a, b in zip(talks.maanden, talks.maanden[1:], strict=False)]
    assert gaps == sorted(gaps)


def test_propose_voortgangsgesprekken_dates() -> None:
    assert propose_voortgangsgesprekken(D("2026-05-12")) == tuple(
        D(d)
        for d in (
            "2026-06-12",
            "2026-07-12",
            "2026-08-12",
            "2026-11-12",
            "2027-02-12",
            "2027-05-12",
            "2027-11-12",
            "2028-05-12",
        )
    )
    # configurable; month ends clamp (calendar.add_months)
    assert propose_voortgangsgesprekken(D("2026-01-31"), (1, 4)) == (
        D("2026-02-28"),
        D("2026-05-31"),
    )


@pytest.mark.parametrize(
    ("maanden", "code"),
    [
        ((), "pip_no_gesprek"),
        ((0, 3), "pip_gesprek_month"),
        ((3, 37), "pip_gesprek_month"),
        ((3, 2), "pip_gesprek_order"),
    ],
)
def test_voortgangsgesprekken_validation(maanden: tuple[int, ...], code: str) -> None:
    # A code with parameters, no sentence: the edge words it (inburg_desktop.messages).
    with pytest.raises(PipInvalid) as refused:
        Voortgangsgesprekken(maanden)
    assert refused.value.code == code
    assert refused.value.params["field"] == "maanden"
    if code == "pip_gesprek_month":
        assert refused.value.params["max"] == "36"  # Wet art. 11: the termijn is 3 years


@pytest.mark.parametrize(
    ("route", "a2", "target"),
    [
        (Leerroute.B1, False, "B1"),
        (Leerroute.B1, True, "A2"),
        (Leerroute.ONDERWIJS, False, "B1/B2"),
        (Leerroute.Z, False, "A1"),
    ],
)
def test_taaldoel(route: Leerroute, a2: bool, target: str) -> None:
    # INSTRUMENTS.md "Route targets"
    assert taaldoel(route, a2) == target


def test_participation_hours_count_pvt_and_map() -> None:
    # Besluit art. 3.14: MAP and PVT hours count towards the 800 participation hours
    assert FULL.participatie_uren == 724 + 12 + 64


def test_setting_gives_dagtekening_and_anchors_termijn() -> None:
    h = history_signed()
    v1 = h.versions[0]
    assert (v1.status, v1.dagtekening, v1.signed_on) == (
        PipStatus.SIGNED,
        D("2026-05-11"),
        D("2026-05-12"),
    )
    assert h.pip_date == D("2026-05-11")
    assert h.termijn_start == D("2026-05-12")  # Wet art. 11: the day after the dagtekening


def test_amendment_does_not_move_termijn() -> None:
    # Wet art. 11: re-setting or replacing the PIP does not move the termijn
    h = history_signed()
    draft = h.new_draft(replace(FULL, leerroute=Leerroute.B1), D("2027-01-05"), reden="Vooruitgang")
    assert (draft.nummer, draft.based_on, draft.ontwikkelplan) == (2, 1, PLAN)
    h = h.with_draft(draft)
    assert h.in_force is not None and h.in_force.nummer == 1
    h = h.set_draft(D("2027-01-10"))
    assert h.in_force is not None and h.in_force.nummer == 2
    assert h.termijn_start == D("2026-05-12")


def test_with_draft_replaces_the_pending_draft() -> None:
    h = history_signed()
    h = h.with_draft(h.new_draft(FULL, D("2027-01-05"), reden="a"))
    h = h.with_draft(h.new_draft(FULL, D("2027-01-06"), reden="b"))
    assert [v.reden for v in h.versions] == ["", "b"]


def test_ontwikkelplan_changes_without_new_version() -> None:
    # INSTRUMENTS.md: the ontwikkelplan changes at every progress talk without a new decision
    h = history_signed()
    plan = replace(PLAN, doelen=(replace(PLAN.doelen[0], status=Voortgang.BEREIKT),))
    h2 = h.with_ontwikkelplan(plan)
    assert len(h2.versions) == 1
    assert h2.versions[0].status is PipStatus.SIGNED
    assert h2.versions[0].beschikking == FULL
    assert h2.versions[0].ontwikkelplan == plan


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"status": PipStatus.SET}, "dagtekening"),
        ({"dagtekening": D("2026-05-01")}, "dagtekening"),
        ({"nummer": 0}, "nummer"),
        ({"based_on": 2}, "based_on"),
        ({"cursusuren_nt2": -1}, "cursusuren_nt2"),
    ],
)
def test_version_validation(changes: dict[str, Any], problem: str) -> None:
    base: dict[str, Any] = {
        "nummer": 2,
        "status": PipStatus.DRAFT,
        "created_on": D("2026-05-01"),
        "beschikking": FULL,
    }
    with pytest.raises(PipInvalid) as refused:
        PipVersion(**(base | changes))
    assert refused.value.params["field"] == problem


def test_history_validation() -> None:
    draft = PipVersion(1, PipStatus.DRAFT, D("2026-05-01"), FULL)
    second = PipVersion(2, PipStatus.DRAFT, D("2026-05-01"), FULL, based_on=1)
    cases: tuple[tuple[Callable[[], object], str], ...] = (
        (lambda: PipHistory((draft, second)), "versions[0].status"),
        (lambda: PipHistory((second,)), "versions[0].nummer"),
        (lambda: history_signed().set_draft(D("2026-06-01")), "versions"),  # no draft
        (lambda: history_signed().sign(D("2026-06-01")), "versions"),  # already signed
    )
    for make, field in cases:
        with pytest.raises(PipInvalid) as refused:
            make()
        assert (refused.value.code, refused.value.params["field"]) == ("pip_inconsistent", field)


def test_json_round_trip_is_plain_and_lossless() -> None:
    h = history_signed()
    h = h.with_draft(h.new_draft(FULL, D("2027-01-05"), reden="X", afschaling_a2=True))
    data = h.to_json()
    text = json.dumps(data, sort_keys=True)  # plain JSON values only
    assert PipHistory.from_json(json.loads(text)) == h
    v1 = data["versions"][0]
    assert v1["beschikking"]["leerroute"] == "z"
    assert v1["beschikking"]["vve"][0]["geboortedatum"] == "2024-01-10"
    assert v1["dagtekening"] == "2026-05-11"


def test_storage_items_and_pointer() -> None:
    h = history_signed()
    h = h.with_draft(h.new_draft(FULL, D("2027-01-05"), reden="X"))
    items = h.storage_items()
    assert set(items) == {version_key(1), version_key(2), CURRENT_KEY}
    assert items[CURRENT_KEY] == {
        "status": "signed",
        "signed_on": "2026-05-12",
        "leerroute": "z",
        "version": 1,
        "dagtekening": "2026-05-11",
        "draft_version": 2,
    }
    back = json.loads(json.dumps(items))
    assert PipHistory.from_storage(back) == h


def test_pointer_none_and_draft() -> None:
    assert PipHistory().pointer()["status"] == "none"
    h = PipHistory()
    h = h.with_draft(h.new_draft(FULL, D("2026-05-01")))
    assert h.pointer()["status"] == "draft"
    assert h.pointer()["draft_version"] is None


def test_missing_key_takes_default() -> None:
    # versions stored before a field existed still load
    data = history_signed().versions[0].to_json()
    del data["beschikking"]["toelichting"]
    del data["cursusuren_nt2"]
    version = PipVersion.from_json(data)
    assert version.beschikking.toelichting == ""
    assert version.cursusuren_nt2 == 0


def _bad(path: list[str | int], value: object) -> dict[str, Any]:
    data = history_signed().to_json()
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


# (path below versions[0], bad value, field named in the error below pip.versions[0])
BAD = [
    (["beschikking", "leerroute"], "c1", "beschikking.leerroute"),
    (["beschikking", "pvt", "uren"], "12", "beschikking.pvt.uren"),
    (["beschikking", "pvt", "uren"], True, "beschikking.pvt.uren"),
    (["beschikking", "pvt", "uren"], -3, "beschikking.pvt.uren"),
    (["dagtekening"], "11-05-2026", "dagtekening"),
    (["dagtekening"], "2026-02-30", "dagtekening"),
    (["dagtekening"], None, "dagtekening"),
    (["beschikking", "vve", 0, "vve_nodig"], "ja", "beschikking.vve[0].vve_nodig"),
    (["beschikking", "z_a2_examens"], "spreken", "beschikking.z_a2_examens"),
    (["beschikking", "z_a2_examens"], ["zingen"], "beschikking.z_a2_examens[0]"),
    (["beschikking", "knm"], [], "beschikking.knm"),
    (["beschikking", "kleur"], "rood", "beschikking.kleur"),
    (["nummer"], KeyError, "nummer"),
    (["nummer"], 2, "nummer"),
    (["created_on"], KeyError, "created_on"),
    (["beschikking", "voortgangsgesprekken", "maanden"], [],
     "beschikking.voortgangsgesprekken.maanden"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "value", "field"), BAD)
def test_strict_json_names_the_field(path: list[str | int], value: object, field: str) -> None:
    with pytest.raises(PipFormatError) as info:
        PipHistory.from_json(_bad(["versions", 0, *path], value))
    assert info.value.field == "pip.versions[0]." + field
    assert str(info.value).startswith(info.value.field + ": ")


def test_versions_must_be_a_list() -> None:
    with pytest.raises(PipFormatError) as info:
        PipHistory.from_json({"format": "inburg-pip/1", "versions": {}})
    assert info.value.field == "pip.versions"


def test_json_needs_format() -> None:
    with pytest.raises(PipFormatError, match="format"):
        PipHistory.from_json({"versions": []})
    with pytest.raises(PipFormatError):
        PipHistory.from_json([])


def test_from_storage_names_the_key() -> None:
    items: dict[str, object] = dict(history_signed().storage_items())
    items[version_key(1)] = {"nummer": "één"}
    with pytest.raises(PipFormatError) as info:
        PipHistory.from_storage(items)
    assert info.value.field.startswith("pip.version.1.")
