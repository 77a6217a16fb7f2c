"""The rules on one case at once (domain/evaluation.py): plicht, deadlines and warnings.

Each row cites the rule behind the warning it expects.
"""

from __future__ import annotations

from datetime import date

import pytest

from inburg_desktop.domain.case import (
    CaseDates,
    Doelgroep,
    Inburgeraar,
    ResidenceBasis,
    WachtenOpDerde,
)
from inburg_desktop.domain.evaluation import evaluate

D = date.fromisoformat
SH, GM, OM = Doelgroep.STATUSHOUDER, Doelgroep.GEZINSMIGRANT, Doelgroep.OVERIGE_MIGRANT
ASIEL, GEZIN, OVERIG = ResidenceBasis.ASIEL, ResidenceBasis.GEZIN, ResidenceBasis.OVERIG


def person(born: str = "1990-01-01", basis: ResidenceBasis | None = ASIEL) -> Inburgeraar:
    return Inburgeraar("Test", "Persoon", D(born), "SYR", residence_basis=basis)


DATES = CaseDates(brp_registration=D("2026-03-02"), duo_kennisgeving=D("2026-02-20"))

# (id, born, basis, doelgroep, pip_date, on, warning codes, plicht_ends_on)
ROWS = [
    ("plain statushouder: nothing to warn", "1990-01-01", ASIEL, SH, None, "2026-04-01", (),
     "2057-03-31"),
    ("Wet art. 3 + art. 11: AOW (fixed, 1962) inside the termijn", "1962-06-15", ASIEL, SH,
     "2026-10-01", "2026-10-02", ("aow_during_termijn",), "2029-09-14"),
    ("Wet art. 3: AOW the day after the termijn's last day: no warning", "1962-06-15", ASIEL,
     SH, "2026-09-14", "2026-10-02", (), "2029-09-14"),
    ("Wet art. 3: AOW on the termijn's last day: the plicht ends one day early", "1962-06-15",
     ASIEL, SH, "2026-09-15", "2026-10-02", ("aow_during_termijn",), "2029-09-14"),
    ("Wet art. 3 + 11: no PIP yet, the latest possible termijn (t/m 2029-05-11) counts",
     "1962-01-15", ASIEL, SH, None, "2026-04-01", ("aow_during_termijn",), "2029-04-14"),
    ("Wet art. 3 + 11: no PIP yet, AOW after the latest possible termijn", "1962-06-15", ASIEL,
     SH, None, "2026-04-01", (), "2029-09-14"),
    ("basis does not fit the doelgroep (Besluit art. 5.3 lid 1 counts per doelgroep)",
     "1990-01-01", GEZIN, SH, None, "2026-04-01", ("residence_basis_doelgroep",), "2057-03-31"),
    ("gezinsmigrant with basis gezin fits", "1990-01-01", GEZIN, GM, None, "2026-04-01", (),
     "2057-03-31"),
    ("overige migrant with basis overig fits", "1990-01-01", OVERIG, OM, None, "2026-04-01", (),
     "2057-03-31"),
    ("unknown basis: a warning, no mismatch guessed", "1990-01-01", None, SH, None,
     "2026-04-01", ("residence_basis_unknown",), "2057-03-31"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("born", "basis", "doelgroep", "pip_date", "on", "codes", "ends"),
    [pytest.param(*row[1:], id=row[0]) for row in ROWS],
)
def test_evaluation_warnings(
    born: str,
    basis: ResidenceBasis | None,
    doelgroep: Doelgroep,
    pip_date: str | None,
    on: str,
    codes: tuple[str, ...],
    ends: str,
) -> None:
    dates = CaseDates(
        brp_registration=DATES.brp_registration,
        duo_kennisgeving=DATES.duo_kennisgeving,
        pip_date=None if pip_date is None else D(pip_date),
    )
    result = evaluate(person(born, basis), doelgroep, dates, D(on))
    assert result.warning_codes == codes
    assert result.plicht.plicht_ends_on == D(ends)
    for warning in result.warnings:
        assert "{" not in warning.render()


def test_aow_warning_names_both_dates() -> None:
    dates = CaseDates(brp_registration=D("2026-03-02"), pip_date=D("2026-10-01"))
    (warning,) = evaluate(person("1962-06-15"), SH, dates, D("2026-10-02")).warnings
    text = warning.render()
    assert "14 september 2029" in text and "1 oktober 2029" in text and "t/m" in text
    assert "Wet art. 3" in text


def test_provisional_aow_inside_the_termijn_says_provisional() -> None:
    # born after 1964-09-30: AOW age not fixed by law yet (AOW art. 7a lid 2)
    dates = CaseDates(brp_registration=D("2030-01-02"), pip_date=D("2030-01-03"))
    result = evaluate(person("1965-01-01"), SH, dates, D("2030-01-04"))
    assert result.plicht.aow_provisional
    assert result.warning_codes == ("aow_during_termijn",)
    assert "voorlopige" in result.warnings[0].render()


def test_waiting_and_late_waiting_warnings() -> None:
    # Besluit art. 5.3 lid 2
    waiting = CaseDates(
        brp_registration=D("2026-03-02"),
        duo_kennisgeving=D("2026-02-20"),
        wachten_op_derde=WachtenOpDerde("advies GGD", D("2026-04-01")),
    )
    result = evaluate(person(), SH, waiting, D("2026-04-02"))
    assert result.deadlines.pip_deadline is None
    assert result.warning_codes == ("pip_deadline_waiting",)
    assert "advies GGD" in result.warnings[0].render()
    late = CaseDates(
        brp_registration=D("2026-03-02"),
        duo_kennisgeving=D("2026-02-20"),
        wachten_op_derde=WachtenOpDerde("advies GGD", D("2026-05-12")),
    )
    result = evaluate(person(), SH, late, D("2026-05-13"))
    assert result.deadlines.pip_deadline == D("2026-05-11")
    assert result.warning_codes == ("pip_wachten_te_laat",)
