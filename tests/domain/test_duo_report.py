"""The report to DUO (Wet art. 34-36, Besluit art. 9.1-9.6): records with a stable
identity per GEMMA object, and the diff that reports only what changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.duo_report import (
    CaseReportInput,
    DuoObject,
    DuoRecord,
    Mutatie,
    diff,
    duo_records,
    mark_reported,
    pip_records,
    pvt_map_records,
    voortgang_records,
)
from inburg_desktop.domain.pip import (
    Beschikking,
    LeerrouteIntensiteit,
    MapIntensiteit,
    PipHistory,
    PvtIntensiteit,
)
from inburg_desktop.domain.voortgang import PvtActiviteit, UrenRegel, UrenSoort

D = date.fromisoformat


def opt(day: str | None) -> date | None:
    return None if day is None else D(day)


H = Decimal
B1 = Beschikking(
    leerroute=Leerroute.B1,
    leerroute_intensiteit=LeerrouteIntensiteit(10, 600),
    pvt=PvtIntensiteit(12, ("workshop",)),
    map=MapIntensiteit(),
)


def history(*steps: tuple[Beschikking, str, bool]) -> PipHistory:
    """Set versions in order: (beschikking, dagtekening, afschaling_a2)."""
    pip = PipHistory()
    for beschikking, day, a2 in steps:
        draft = pip.new_draft(beschikking, D(day), reden="wijziging", afschaling_a2=a2)
        pip = pip.with_draft(draft).set_draft(D(day))
    return pip


def keys(records: list[DuoRecord] | tuple[DuoRecord, ...]) -> list[str]:
    return [r.identity for r in records]


PIPS = [
    # (versions, identities)
    ([(B1, "2026-05-11", False)],
     ["c1/PIP/v1", "c1/Leerroute/v1", "c1/Inburgeringstraject/v1"]),
    ([(B1, "2026-05-11", False), (B1, "2026-09-01", False)],  # nothing reportable changed
     ["c1/PIP/v1", "c1/Leerroute/v1", "c1/Inburgeringstraject/v1", "c1/PIP/v2"]),
    ([(B1, "2026-05-11", False), (B1, "2027-06-01", True)],  # afschalen: a route change
     ["c1/PIP/v1", "c1/Leerroute/v1", "c1/Inburgeringstraject/v1", "c1/PIP/v2",
      "c1/Leerroute/v2"]),
    ([(B1, "2026-05-11", False),
      (Beschikking(leerroute=Leerroute.Z, leerroute_intensiteit=LeerrouteIntensiteit(8, 800),
                   pvt=B1.pvt, map=B1.map), "2026-12-01", False)],
     ["c1/PIP/v1", "c1/Leerroute/v1", "c1/Inburgeringstraject/v1", "c1/PIP/v2",
      "c1/Leerroute/v2", "c1/Inburgeringstraject/v2"]),
]  # fmt: skip


@pytest.mark.parametrize(("steps", "identities"), PIPS)
def test_pip_records(steps: list[tuple[Beschikking, str, bool]], identities: list[str]) -> None:
    assert keys(pip_records("c1", history(*steps))) == identities


def test_route_change_names_the_previous_route_and_the_first_pip() -> None:
    z = Beschikking(leerroute=Leerroute.Z, leerroute_intensiteit=LeerrouteIntensiteit(8, 800))
    records = pip_records("c1", history((B1, "2026-05-11", False), (z, "2026-12-01", False)))
    fields = {r.identity: dict(r.velden) for r in records}
    assert fields["c1/PIP/v1"] == {"dagtekening": "2026-05-11", "versie": "1", "eerste": "ja"}
    assert fields["c1/PIP/v2"]["eerste"] == "nee"
    assert fields["c1/Leerroute/v2"] == {
        "leerroute": "z", "ingangsdatum": "2026-12-01", "afschaling_a2": "nee",
        "vorige_leerroute": "b1",
    }  # fmt: skip
    assert fields["c1/Inburgeringstraject/v2"]["leerroute_totaal_uren"] == "800"


def test_a_draft_is_not_reported() -> None:
    pip = history((B1, "2026-05-11", False))
    pip = pip.with_draft(pip.new_draft(B1, D("2026-08-01"), reden="concept"))
    assert keys(pip_records("c1", pip))[-1] == "c1/Inburgeringstraject/v1"


def nt2(day: str, hours: str) -> UrenRegel:
    return UrenRegel("Taalhuis", UrenSoort.NT2, D(day), H(hours))


MONTHS = [
    # (termijn start, registrations, on, months reported)
    ("2026-05-12", [], "2026-05-31", []),  # May has not ended
    ("2026-05-12", [], "2026-06-01", ["2026-05"]),
    ("2026-05-12", [nt2("2026-06-03", "8")], "2026-08-15", ["2026-05", "2026-06", "2026-07"]),
    ("2026-05-12", [nt2("2026-04-20", "6")], "2026-06-01", ["2026-04", "2026-05"]),  # intake
    (None, [nt2("2026-04-20", "6")], "2026-05-01", ["2026-04"]),
    (None, [], "2026-05-01", []),
]


@pytest.mark.parametrize(("start", "rows", "on", "months"), MONTHS)
def test_voortgangsmeting_per_whole_month(
    start: str | None, rows: list[UrenRegel], on: str, months: list[str]
) -> None:
    records = voortgang_records("c1", opt(start), rows, D(on))
    assert [r.sleutel for r in records] == months


def month_keys(first: str, last: str) -> list[str]:
    out, year, month = [], int(first[:4]), int(first[5:])
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


ENDS = [
    # (termijn start, end of the plicht, registrations, on, months reported). Progress is
    # measured while there is a plicht: up to the month the termijn (Wet art. 11: three
    # years from the PIP) or the plicht (Wet art. 3, 7) ended, that month included.
    ("2017-03-02", "2019-06-01", [], "2026-11-30", month_keys("2017-03", "2019-06")),
    ("2017-03-02", None, [], "2026-11-30", month_keys("2017-03", "2020-03")),  # t/m 2020-03-01
    ("2017-03-02", "2024-01-01", [], "2026-11-30", month_keys("2017-03", "2020-03")),
    ("2026-03-02", None, [], "2026-11-30", month_keys("2026-03", "2026-10")),  # still running
    ("2026-03-02", "2026-06-30", [], "2026-11-30", month_keys("2026-03", "2026-06")),
    ("2026-03-02", "2026-06-30", [], "2026-05-01", month_keys("2026-03", "2026-04")),
    (None, "2025-03-15", [nt2("2025-01-10", "4")], "2026-11-30", ["2025-01", "2025-02", "2025-03"]),
    # hours after the end are no progress on a plicht: nothing to report
    (None, "2025-03-15", [nt2("2025-05-10", "4")], "2026-11-30", []),
]


@pytest.mark.parametrize(("start", "einde", "rows", "on", "months"), ENDS)
def test_voortgangsmeting_stops_when_the_termijn_or_the_plicht_ended(
    start: str | None, einde: str | None, rows: list[UrenRegel], on: str, months: list[str]
) -> None:
    records = voortgang_records("c1", opt(start), rows, D(on), opt(einde))
    assert [r.sleutel for r in records] == months


def test_voortgangsmeting_sums_hours_per_kind() -> None:
    rows = [
        nt2("2026-06-03", "8"),
        nt2("2026-06-30", "2.5"),
        nt2("2026-07-01", "4"),
        UrenRegel("ROC", UrenSoort.PVT, D("2026-06-10"), H("3")),
    ]
    june = voortgang_records("c1", D("2026-05-12"), rows, D("2026-07-02"))[1]
    assert june.sleutel == "2026-06"
    assert dict(june.velden) == {
        "uren_nt2": "10.5", "uren_knm": "0", "uren_participatie": "0", "uren_pvt": "3",
        "uren_map": "0",
    }  # fmt: skip


def test_pvt_and_map_records() -> None:
    pvt = [PvtActiviteit("workshop", D("2026-07-01"), H(12), True)]
    records = pvt_map_records("c1", Leerroute.B1, pvt, D("2026-07-02"), [1, 2], None)
    fields = {r.gemma_object: dict(r.velden) for r in records}
    assert fields[DuoObject.PVT] == {
        "uren_bijgewoond": "12", "activiteiten_bijgewoond": "1", "ondertekend_op": "2026-07-02",
        "afgerond": "ja",
    }  # fmt: skip
    assert fields[DuoObject.MAP] == {"themas_afgerond": "1,2", "eindgesprek_op": "",
                                     "afgerond": "nee"}  # fmt: skip
    # Wet art. 8 lid 3: no MAP in the onderwijsroute; nothing registered: nothing reported
    assert pvt_map_records("c1", Leerroute.ONDERWIJS, [], None, [1], D("2027-01-01")) == []


def case(**changes: Any) -> CaseReportInput:
    return replace(CaseReportInput("c1", history((B1, "2026-05-11", False))), **changes)


def test_diff_reports_only_what_changed() -> None:
    first = duo_records(case(regels=(nt2("2026-06-03", "8"),)), D("2026-07-01"))
    assert [m.soort for m in diff(first, {})] == [Mutatie.NIEUW] * len(first)
    state = mark_reported({}, diff(first, {}))
    assert diff(first, state) == ()  # nothing changed: nothing to report
    # a late registration for June changes that month only; July is new
    later = duo_records(
        case(regels=(nt2("2026-06-03", "8"), nt2("2026-06-20", "4"))), D("2026-08-01")
    )
    changes = diff(later, state, ["c1"])
    assert [(m.soort, m.identity) for m in changes] == [
        (Mutatie.GEWIJZIGD, "c1/Voortgangsmeting/2026-06"),
        (Mutatie.NIEUW, "c1/Voortgangsmeting/2026-07"),
    ]
    state = mark_reported(state, changes)
    assert diff(later, state, ["c1"]) == ()


def test_diff_reports_records_gone_only_for_the_cases_given() -> None:
    records = duo_records(case(regels=(nt2("2026-04-20", "6"),)), D("2026-06-01"))
    state = mark_reported({}, diff(records, {}))
    corrected = duo_records(case(), D("2026-06-01"))  # the April hours were a mistake
    assert diff(corrected, state) == ()  # without case ids nothing is called gone
    gone = diff(corrected, state, ["c1"])
    assert [(m.soort, m.identity, m.record) for m in gone] == [
        (Mutatie.VERVALLEN, "c1/Voortgangsmeting/2026-04", None)
    ]
    assert "c1/Voortgangsmeting/2026-04" not in mark_reported(state, gone)
    assert diff(corrected, state, ["c2"]) == ()


def test_identity_and_fingerprint_are_stable() -> None:
    one = duo_records(case(), D("2026-06-01"))
    two = duo_records(case(), D("2026-06-01"))
    assert [(r.identity, r.fingerprint) for r in one] == [(r.identity, r.fingerprint) for r in two]
    assert len({r.identity for r in one}) == len(one)
    record = one[0]
    assert record.fingerprint == DuoRecord("c1", DuoObject.PIP, "v1", record.velden).fingerprint
    changed = DuoRecord("c1", DuoObject.PIP, "v1", (("dagtekening", "2026-05-12"),))
    assert changed.fingerprint != record.fingerprint
    assert record.as_json()["grondslag"] == "Wet art. 34-36, Besluit art. 9.1-9.6"
