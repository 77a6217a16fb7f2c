"""The end of the plicht and the end of the intake and PIP term as the DUO export counts
them (domain.retention.plicht_einde_dag, intake_pip_verlopen; Wet art. 3, Besluit art.
9.9 lid 1: five years after the end of the plicht)."""

from __future__ import annotations

from datetime import date

import pytest

from inburg_desktop.domain.retention import (
    DataCategorie,
    PlichtEinde,
    RetentieFeiten,
    intake_pip_verlopen,
    plicht_einde_dag,
)

D = date.fromisoformat
KERN_ONLY = frozenset({DataCategorie.KERN})  # what a purged case still holds

CASES = [
    # (born, recorded end, died, on, plicht ended on, intake/PIP term passed)
    ("1990-01-01", "2019-06-01", None, "2024-06-01", "2019-06-01", False),  # t/m 2024-06-01
    ("1990-01-01", "2019-06-01", None, "2024-06-02", "2019-06-01", True),
    ("1990-01-01", "2019-06-01", "2018-02-03", "2023-02-04", "2018-02-03", True),  # death first
    ("1990-01-01", None, None, "2026-11-30", None, False),  # still plichtig: AOW age far off
    ("1950-01-01", None, None, "2026-11-30", None, True),  # AOW age long passed (Wet art. 3)
]


@pytest.mark.parametrize(("born", "einde", "died", "on", "ended", "passed"), CASES)
def test_ends(
    born: str, einde: str | None, died: str | None, on: str, ended: str | None, passed: bool
) -> None:
    feiten = RetentieFeiten(
        date_of_birth=D(born),
        categorieen=KERN_ONLY,  # the term counts whether or not the data is still held
        plicht_einde=None if einde is None else D(einde),
        plicht_einde_reden=None if einde is None else PlichtEinde.VOLDAAN,
        overleden_op=None if died is None else D(died),
    )
    if ended is not None:
        assert plicht_einde_dag(feiten) == D(ended)
    assert intake_pip_verlopen(feiten, D(on)) is passed
