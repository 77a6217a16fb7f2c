"""Municipal fines, table-driven (Wet art. 22, 23, 27; Besluit art. 7.1). Every row names
the article and lid it checks; amounts are in cents."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest

from inburg_desktop.domain.fines import (
    BoeteStatus,
    EerdereBoete,
    FineInvalid,
    FineSettings,
    NieuweTermijn,
    Overtreding,
    Verwijtbaarheid,
    Violation,
    propose_fine,
    repeat_window_end,
)

D = date.fromisoformat
PVT = Overtreding.PVT_INTENSITEIT
MAP = Overtreding.MAP_INTENSITEIT
NV = Overtreding.INTAKE_NIET_VERSCHENEN
OPZET = Verwijtbaarheid.OPZET
GROF = Verwijtbaarheid.GROVE_SCHULD
GEEN = Verwijtbaarheid.GEEN_OPZET_OF_GROVE_SCHULD
MINDER = Verwijtbaarheid.VERMINDERD
FINAL, IMPOSED, GONE = BoeteStatus.ONHERROEPELIJK, BoeteStatus.OPGELEGD, BoeteStatus.VERVALLEN
TERMIJN_END = D("2029-05-11")


def _term(term: tuple[str, str] | None) -> NieuweTermijn | None:
    return None if term is None else NieuweTermijn(D(term[0]), D(term[1]))


def final(found: str, cents: int = 50_00, kind: Overtreding = PVT, on: str | None = None,
          term: tuple[str, str] | None = None) -> EerdereBoete:  # fmt: skip
    return EerdereBoete(kind, D(found), cents, FINAL, D(on or found), _term(term))


def imposed(found: str, cents: int = 50_00, kind: Overtreding = PVT,
            term: tuple[str, str] | None = None) -> EerdereBoete:  # fmt: skip
    return EerdereBoete(kind, D(found), cents, IMPOSED, None, _term(term))


ROWS = [
    # (violation kind, found, culpability, bijstand reduced, earlier fines, cents, codes)
    pytest.param(NV, "2026-04-01", None, False, [], 250_00, ["fine_intake", "fine_proposed"],
                 id="7.1 lid 1: intake no-show EUR 250"),
    pytest.param(Overtreding.INTAKE_NIET_MEEGEWERKT, "2026-04-01", OPZET, False,
                 [final("2026-02-01", 250_00, NV)], 250_00, ["fine_intake", "fine_proposed"],
                 id="7.1 lid 1: no doubling, no culpability step for the intake fine"),
    pytest.param(PVT, "2026-09-01", OPZET, False, [], 50_00,
                 ["fine_base", "fine_culpability", "fine_proposed"], id="7.1 lid 2: EUR 50"),
    pytest.param(PVT, "2026-09-01", GROF, False, [], 37_50,
                 ["fine_base", "fine_culpability", "fine_proposed"], id="7.1 lid 4: 75%"),
    pytest.param(PVT, "2026-09-01", GEEN, False, [], 25_00,
                 ["fine_base", "fine_culpability", "fine_proposed"], id="7.1 lid 4: 50%"),
    pytest.param(PVT, "2026-09-01", MINDER, False, [], 12_50,
                 ["fine_base", "fine_culpability", "fine_proposed"], id="7.1 lid 4: 25%"),
    pytest.param(MAP, "2027-03-10", OPZET, False, [final("2026-03-10")], 100_00,
                 ["fine_base", "fine_repeat", "fine_culpability", "fine_proposed"],
                 id="7.1 lid 3: repeat on the last day of the 12 months doubles"),
    pytest.param(MAP, "2027-03-11", OPZET, False, [final("2026-03-10")], 50_00,
                 ["fine_base", "fine_culpability", "fine_proposed"],
                 id="7.1 lid 3: the day after the 12 months: no repeat"),
    pytest.param(MAP, "2025-02-28", OPZET, False, [final("2024-02-29")], 100_00,
                 ["fine_base", "fine_repeat", "fine_culpability", "fine_proposed"],
                 id="7.1 lid 3: leap day: window t/m 2025-02-28"),
    pytest.param(MAP, "2025-03-01", OPZET, False, [final("2024-02-29")], 50_00,
                 ["fine_base", "fine_culpability", "fine_proposed"],
                 id="7.1 lid 3: leap day: 2025-03-01 is outside"),
    pytest.param(PVT, "2026-09-01", OPZET, False, [imposed("2026-06-01")], 50_00,
                 ["fine_base", "fine_culpability", "fine_proposed"],
                 id="7.1 lid 3: earlier fine not final: no doubling"),
    pytest.param(PVT, "2026-09-01", OPZET, False, [final("2026-06-01", on="2026-09-02")], 50_00,
                 ["fine_base", "fine_culpability", "fine_proposed"],
                 id="7.1 lid 3: final only after the day the new one is found"),
    pytest.param(PVT, "2026-09-01", OPZET, False, [final("2026-06-01", on="2026-09-01")], 100_00,
                 ["fine_base", "fine_repeat", "fine_culpability", "fine_proposed"],
                 id="7.1 lid 3: final on the day itself counts"),
    pytest.param(PVT, "2026-09-01", OPZET, False,
                 [EerdereBoete(PVT, D("2026-06-01"), 50_00, GONE)], 50_00,
                 ["fine_base", "fine_culpability", "fine_proposed"],
                 id="7.1 lid 3: withdrawn fine: no repeat"),
    pytest.param(PVT, "2026-09-01", OPZET, False, [final("2026-06-01", 250_00, NV)], 50_00,
                 ["fine_base", "fine_culpability", "fine_proposed"],
                 id="7.1 lid 3: an intake fine is no art. 23 repeat"),
    pytest.param(PVT, "2027-01-01", OPZET, False,
                 [final("2026-02-01"), final("2026-04-01", 100_00), final("2026-06-01", 200_00)],
                 400_00, ["fine_base", "fine_repeat", "fine_culpability", "fine_proposed"],
                 id="7.1 lid 3: three repeats: 50 x 8"),
    pytest.param(PVT, "2027-01-01", OPZET, False,
                 [final(f"2026-0{m}-01", 0) for m in range(2, 8)], 800_00,
                 ["fine_base", "fine_repeat", "fine_culpability", "fine_proposed"],
                 id="7.1 lid 3: six repeats: at most EUR 800"),
    pytest.param(PVT, "2027-01-01", GROF, False,
                 [final(f"2026-0{m}-01", 0) for m in range(2, 8)], 600_00,
                 ["fine_base", "fine_repeat", "fine_culpability", "fine_proposed"],
                 id="7.1 lid 3 and 4: 75% of the EUR 800"),
    pytest.param(Overtreding.LEERROUTE_INTENSITEIT, "2026-09-01", OPZET, False,
                 [final("2026-06-01", 50_00, Overtreding.BEGELEIDING_NIET_MEEGEWERKT)], 100_00,
                 ["fine_base", "fine_repeat", "fine_culpability", "fine_proposed"],
                 id="7.1 lid 3: every Wet art. 23 kind counts as the same offence"),
    pytest.param(PVT, "2026-09-01", MINDER, False, [final("2026-06-01"), final("2026-07-01")],
                 50_00, ["fine_base", "fine_repeat", "fine_culpability", "fine_proposed"],
                 id="7.1 lid 3 and 4: 25% of the doubled-twice EUR 200"),
    pytest.param(PVT, "2028-01-10", OPZET, False,
                 [imposed("2026-03-01", 250_00, NV), imposed("2027-01-10", 2_130_00)], 20_00,
                 ["fine_base", "fine_culpability", "fine_total_cap", "fine_proposed"],
                 id="total cap: the EUR 250 intake fine counts with the art. 23 fines"),
    pytest.param(PVT, "2026-09-01", OPZET, True, [final("2026-06-01")], 0, ["fine_art_27"],
                 id="Wet art. 27: bijstand already reduced: no fine"),
    pytest.param(NV, "2026-04-01", None, True, [], 0, ["fine_art_27"],
                 id="Wet art. 27: also for the intake fine"),
    pytest.param(PVT, "2028-01-10", OPZET, False,
                 [imposed("2026-01-10", 2_380_00)], 20_00,
                 ["fine_base", "fine_culpability", "fine_total_cap", "fine_proposed"],
                 id="total cap EUR 2,400: EUR 20 of room left"),
    pytest.param(NV, "2026-04-01", None, False,
                 [imposed("2026-03-01", 2_300_00)], 100_00,
                 ["fine_intake", "fine_total_cap", "fine_proposed"],
                 id="total cap includes the EUR 250 fine itself"),
    pytest.param(PVT, "2028-01-10", OPZET, False, [imposed("2026-01-10", 2_400_00)], 0,
                 ["fine_base", "fine_culpability", "fine_total_cap", "fine_proposed"],
                 id="total cap reached: EUR 0"),
    pytest.param(PVT, "2028-01-10", OPZET, False,
                 [EerdereBoete(PVT, D("2026-01-10"), 2_400_00, GONE)], 50_00,
                 ["fine_base", "fine_culpability", "fine_proposed"],
                 id="total cap: withdrawn fines count for nothing"),
    pytest.param(NV, "2026-05-01", None, False,
                 [imposed("2026-04-01", 250_00, NV, ("2026-04-02", "2026-06-01")),
                  imposed("2026-04-20", 250_00, NV)], 150_00,
                 ["fine_intake", "fine_new_term_cap", "fine_proposed"],
                 id="7.1 lid 5: first new term EUR 400, EUR 250 found in it already"),
    pytest.param(PVT, "2027-03-01", OPZET, False,
                 [imposed("2026-09-01", 250_00, NV, ("2026-09-02", "2026-11-01")),
                  final("2027-02-01", 50_00, on="2027-02-01",
                        term=("2027-02-02", "2027-04-01"))], 100_00,
                 ["fine_base", "fine_repeat", "fine_culpability", "fine_proposed"],
                 id="7.1 lid 5: second new term EUR 800: room enough"),
    pytest.param(PVT, "2027-03-01", OPZET, False,
                 [imposed("2026-09-01", 250_00, NV, ("2026-09-02", "2026-11-01")),
                  final("2027-02-01", 50_00, on="2027-02-01",
                        term=("2027-02-02", "2027-04-01")),
                  imposed("2027-02-20", 760_00)], 40_00,
                 ["fine_base", "fine_repeat", "fine_culpability", "fine_new_term_cap",
                  "fine_proposed"],
                 id="7.1 lid 5: second new term: EUR 800 less EUR 760 in it"),
    pytest.param(PVT, "2026-11-02", OPZET, False,
                 [imposed("2026-09-01", 0, term=("2026-09-02", "2026-11-01")),
                  imposed("2026-10-01", 390_00)], 50_00,
                 ["fine_base", "fine_culpability", "fine_proposed"],
                 id="7.1 lid 5: the day after the new term: only the total cap"),
    pytest.param(PVT, "2026-11-01", OPZET, False,
                 [imposed("2026-09-01", 0, term=("2026-09-02", "2026-11-01")),
                  imposed("2026-10-01", 390_00)], 10_00,
                 ["fine_base", "fine_culpability", "fine_new_term_cap", "fine_proposed"],
                 id="7.1 lid 5: on the new term's last day: its cap applies"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "found", "culpa", "reduced", "earlier", "cents", "codes"), ROWS)
def test_proposed_fine(
    kind: Overtreding,
    found: str,
    culpa: Verwijtbaarheid | None,
    reduced: bool,
    earlier: list[EerdereBoete],
    cents: int,
    codes: list[str],
) -> None:
    proposal = propose_fine(Violation(kind, D(found), culpa, reduced), earlier, TERMIJN_END)
    assert proposal.bedrag_cents == cents
    assert list(proposal.codes) == codes
    for step in proposal.stappen:
        assert not re.search(r"\d{4}-\d{2}-\d{2}", step.render())  # Dutch dates only
        assert step.params["artikel"].startswith(("Besluit art. 7.1", "Wet art. 27"))
        assert step.params["artikel"] in step.render()


def test_fourth_and_later_new_terms_share_the_last_cap() -> None:
    """Lid 5: EUR 1,600 in the fourth new term and every later one."""
    earlier = [
        imposed(f"2026-0{m}-01", 0, term=(f"2026-0{m}-02", f"2026-0{m}-20")) for m in range(2, 8)
    ]
    earlier.append(imposed("2026-07-03", 1_590_00))
    proposal = propose_fine(Violation(PVT, D("2026-07-10"), OPZET), earlier, TERMIJN_END)
    assert proposal.bedrag_cents == 10_00
    step = next(s for s in proposal.stappen if s.code == "fine_new_term_cap")
    assert step.params["number"] == "6" and step.params["maximum"] == "€ 1.600"


@pytest.mark.parametrize(
    ("found", "termijn_end", "cents"),
    [
        # Wet art. 11 and 23: the municipality enforces the PIP during the termijn
        ("2026-01-09", "2026-01-09", 50_00),  # the termijn's last day still counts
        ("2026-01-10", "2026-01-09", 0),  # the day after: DUO's, no municipal fine
        ("2031-06-01", "2026-01-09", 0),  # years after: still none, so no cap to escape
        ("2025-06-01", None, 50_00),  # no PIP yet: no termijn has ended
    ],
)
def test_no_municipal_fine_for_a_violation_found_after_the_termijn(
    found: str, termijn_end: str | None, cents: int
) -> None:
    """Attack round 8, finding 11: a violation found after the termijn was fined beside
    the EUR 2,400 of the termijn without limit; the municipality's fines are those of the
    termijn (Wet art. 11 and 23, Besluit art. 7.1), so after it the proposal is EUR 0 and
    says why."""
    earlier = [imposed("2025-01-10", 2_000_00)]
    end = None if termijn_end is None else D(termijn_end)
    proposal = propose_fine(Violation(PVT, D(found), OPZET), earlier, end)
    assert proposal.bedrag_cents == cents
    if cents == 0:
        assert proposal.codes == ("fine_after_termijn",)
        assert proposal.stappen[0].params["artikel"] == "Wet art. 11 en 23; Besluit art. 7.1"


def test_a_municipality_amount_rounds_down_to_the_cent() -> None:
    """Lid 4 sets the fine *at* the share: 75% of EUR 45.55 is 34.1625, so EUR 34.16."""
    settings = FineSettings(basis_cents=45_55)
    proposal = propose_fine(Violation(PVT, D("2026-09-01"), GROF), [], TERMIJN_END, settings)
    assert proposal.bedrag_cents == 34_16
    assert proposal.bedrag == "€ 34,16"


def test_the_reasoning_reads_as_a_decision_letter() -> None:
    earlier = [final("2026-02-01"), final("2026-06-01", 100_00)]
    proposal = propose_fine(Violation(MAP, D("2026-09-01"), GEEN), earlier, TERMIJN_END)
    text = " ".join(step.render() for step in proposal.stappen)
    assert "1 juni 2026" in text and "1 september 2026" in text
    assert "50% van € 200 is € 100" in text
    assert "geen opzet of grove schuld" in text
    assert text.endswith("Voorgestelde boete: € 100 (Besluit art. 7.1).")


@pytest.mark.parametrize(
    ("found", "last"),
    [("2026-03-10", "2027-03-10"), ("2024-02-29", "2025-02-28"), ("2025-01-31", "2026-01-31"),
     ("2026-12-31", "2027-12-31")],
)  # fmt: skip
def test_repeat_window_end(found: str, last: str) -> None:
    assert repeat_window_end(D(found)) == D(last)


def test_bad_input_is_refused_with_a_code_naming_the_field() -> None:
    cases: list[tuple[Callable[[], object], str, str]] = [
        (lambda: Violation(PVT, D("2026-09-01")), "fine_culpability_missing", "verwijtbaarheid"),
        (lambda: EerdereBoete(PVT, D("2026-09-01"), 50_00, FINAL), "fine_final_date",
         "onherroepelijk_op"),
        (lambda: EerdereBoete(PVT, D("2026-09-02"), 50_00, FINAL, D("2026-09-01")),
         "fine_final_date", "onherroepelijk_op"),
        (lambda: EerdereBoete(PVT, D("2026-09-02"), -1, IMPOSED), "not_negative", "bedrag_cents"),
        (lambda: propose_fine(Violation(PVT, D("2026-09-01"), OPZET), [final("2026-09-02")], None),
         "fine_earlier_after_violation", "earlier"),
        (lambda: FineSettings(percentages=((OPZET, 100),)), "fine_settings_invalid", "percentages"),
        (lambda: FineSettings(maximum_cents=40_00), "fine_settings_invalid", "basis_cents"),
        (lambda: NieuweTermijn(D("2026-09-02"), D("2026-09-01")), "end_before_start", "tot"),
    ]  # fmt: skip
    for build, code, field in cases:
        with pytest.raises(FineInvalid) as refused:
            build()
        assert (refused.value.code, refused.value.params["field"]) == (code, field)
        assert isinstance(refused.value, ValueError)
