"""Every date the app shows agrees with the domain functions (issue 11, Must show).

For cases whose dates sit on leap days, month ends and a Saturday, of each doelgroep, the
expected dates come straight from ``domain/deadlines.py`` and ``domain/plicht.py`` on the
raw dates; they are then read back from every place that shows them: the case list, the
intake window's header, the case details dialog, the PIP editor's side panel, the PIP
PDF (``pdftotext``) and ``inburg case show --json`` (a subprocess on the same vault).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.calendar import period_last_day
from inburg_desktop.domain.deadlines import (
    ontzorgen_until,
    pip_deadline,
    route_switch_until,
    termijn_end,
    termijn_start,
)
from inburg_desktop.domain.plicht import plicht_ends_on
from inburg_desktop.formatting import decision_date, format_date
from inburg_desktop.i18n import set_language
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.services import pip_service
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.case_table_model import COL_PIP_DEADLINE, ROW_ROLE
from inburg_desktop.ui.intake.window import IntakeWindow
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.pip import PipEditorWindow

from .law_cases import LAW_CASES, LawCase, add_law_cases

TODAY = date(2026, 4, 15)
PASSPHRASE = "een lange zin als wachtwoord"
D = date.fromisoformat


@dataclass(frozen=True)
class Expected:
    """The dates the domain functions give for one case."""

    pip_deadline: date | None
    provisional: bool
    termijn_start: date | None
    termijn_end: date | None
    route_switch_until: date | None
    ontzorgen_until: date | None
    plicht_ends_on: date


def expected(case: LawCase) -> Expected:
    pip = pip_deadline(
        case.doelgroep, D(case.brp), None if case.kennisgeving is None else D(case.kennisgeving)
    )
    assert pip is not None
    start = termijn_start(None if case.pip_date is None else D(case.pip_date))
    return Expected(
        pip_deadline=pip.due,
        provisional=pip.provisional,
        termijn_start=start,
        termijn_end=None if start is None else termijn_end(start),
        route_switch_until=None if start is None else route_switch_until(start),
        ontzorgen_until=ontzorgen_until(
            case.doelgroep, None if case.bijstand is None else D(case.bijstand)
        ),
        plicht_ends_on=plicht_ends_on(D(case.born)),
    )


def test_the_scenarios_hit_the_hard_days() -> None:
    # the examples and the edge days are really among the cases checked below
    got = {c.name: expected(c) for c in LAW_CASES}
    assert got["Gezina"].pip_deadline == D("2026-05-11")
    assert got["Gezina"].termijn_end == D("2029-05-11")
    assert got["Gezina"].route_switch_until == D("2027-11-11")
    assert got["Statia"].termijn_end == D("2028-02-29")
    assert got["Statia"].ontzorgen_until == D("2025-02-28")
    assert got["Leapa"].termijn_start == D("2024-02-29")
    assert got["Leapa"].termijn_end == D("2027-02-28")
    assert got["Zaterdag"].pip_deadline == D("2026-05-30")
    assert got["Zaterdag"].pip_deadline is not None
    assert got["Zaterdag"].pip_deadline.isoweekday() == 6
    assert got["Voorlopig"].provisional
    # and the domain function is the counting rule itself
    assert got["Leapa"].termijn_end == period_last_day(D("2024-02-29"), 36)


@pytest.fixture
def law_ids(vault: OpenVault) -> dict[str, str]:
    with vault.transaction() as session:
        ids = add_law_cases(session)
    return {case.name: case_id for case, case_id in zip(LAW_CASES, ids, strict=True)}


def test_case_list_shows_the_domain_pip_deadline(
    qtbot: QtBot, vault: OpenVault, law_ids: dict[str, str]
) -> None:
    main = MainWindow(vault)
    qtbot.addWidget(main)
    qtbot.waitUntil(lambda: main.model.rowCount() == len(LAW_CASES))
    shown = {}
    for row in range(main.model.rowCount()):
        data = main.model.data(main.model.index(row, 0), ROW_ROLE)
        shown[data.id] = str(main.model.data(main.model.index(row, COL_PIP_DEADLINE)))
    for case in LAW_CASES:
        text = shown[law_ids[case.name]]
        exp = expected(case)
        if case.pip_date is not None:
            assert text == "PIP vastgesteld"
            continue
        assert exp.pip_deadline is not None
        assert text.startswith(format_date(exp.pip_deadline)), (case.name, text)
        assert ("voorlopig" in text) is exp.provisional


def test_intake_header_shows_the_domain_pip_deadline(
    qtbot: QtBot, vault: OpenVault, law_ids: dict[str, str]
) -> None:
    for case in LAW_CASES:
        window = IntakeWindow(vault, law_ids[case.name], today=TODAY)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.loaded, timeout=10000):
            pass
        exp = expected(case)
        assert exp.pip_deadline is not None
        assert format_date(exp.pip_deadline) in window.case_status.text(), case.name


def test_case_details_dialog_shows_the_domain_dates(
    qtbot: QtBot, vault: OpenVault, law_ids: dict[str, str]
) -> None:
    for case in LAW_CASES:
        dialog = CaseDetailsDialog(vault, law_ids[case.name], today=TODAY)
        qtbot.addWidget(dialog)
        text = dialog.status.text()
        exp = expected(case)
        for label, day in (
            ("PIP uiterlijk vastgesteld", exp.pip_deadline),
            ("Inburgeringstermijn t/m", exp.termijn_end),
            ("Leerroute wijzigen kan t/m", exp.route_switch_until),
            ("Ontzorgen t/m", exp.ontzorgen_until),
            ("Inburgeringsplicht t/m", exp.plicht_ends_on),
        ):
            if day is not None:
                assert _row(text, label, format_date(day)), (case.name, label)
        dialog.reject()


def _row(html: str, label: str, value: str) -> bool:
    """The side tables put label and value in adjacent cells of one row."""
    for row in html.split("<tr>")[1:]:
        if label in row:
            return value in row
    return False


def test_pip_editor_side_panel_shows_the_domain_dates(
    qtbot: QtBot, vault: OpenVault, law_ids: dict[str, str]
) -> None:
    for case in LAW_CASES:
        window = PipEditorWindow(vault, law_ids[case.name], today=TODAY)
        qtbot.addWidget(window)
        window.show()

        def loaded(w: PipEditorWindow = window) -> bool:
            return w.context is not None

        qtbot.waitUntil(loaded)
        text = window.side.deadlines.text()
        exp = expected(case)
        for label, day in (
            ("PIP uiterlijk vastgesteld", exp.pip_deadline),
            ("Start inburgeringstermijn", exp.termijn_start),
            ("Inburgeringstermijn t/m", exp.termijn_end),
            ("Leerroute wijzigen kan t/m", exp.route_switch_until),
            ("Ontzorgen t/m", exp.ontzorgen_until),
            ("Inburgeringsplicht t/m", exp.plicht_ends_on),
        ):
            if day is not None:
                assert _row(text, label, format_date(day)), (case.name, label, text)


def test_pip_editor_side_panel_dates_follow_the_ui_language(
    qtbot: QtBot, vault: OpenVault, law_ids: dict[str, str]
) -> None:
    """The side panel is UI, not the decision: in the English UI its dates are English
    (before, the panel wrote Dutch month names in the English UI). The PDF stays Dutch."""
    case = LAW_CASES[0]
    exp = expected(case)
    assert exp.termijn_end is not None
    set_language("en")
    try:
        window = PipEditorWindow(vault, law_ids[case.name], today=TODAY)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.context is not None)
        text = window.side.deadlines.text()
    finally:
        set_language("nl")
    english = format_date(exp.termijn_end, "en")
    assert english in text, text
    assert decision_date(exp.termijn_end) not in text, text


def _pdf_text(pdf: bytes) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed")
    done = subprocess.run([tool, "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())


def test_pip_pdf_shows_the_domain_dates(vault: OpenVault, law_ids: dict[str, str]) -> None:
    checked = 0
    for case in LAW_CASES:
        if case.pip_date is None:
            continue
        with vault.session() as session:
            text = _pdf_text(render_pip(pip_service.current_document(session, law_ids[case.name])))
        exp = expected(case)
        assert exp.termijn_start and exp.termijn_end and exp.route_switch_until
        assert (
            f"Uw inburgeringstermijn loopt van {decision_date(exp.termijn_start)} t/m "
            f"{decision_date(exp.termijn_end)}"
        ) in text
        assert f"Inburgeringstermijn loopt t/m {decision_date(exp.termijn_end)}" in text
        assert f"leerroute veranderen t/m {decision_date(exp.route_switch_until)}" in text
        assert f"Leerroute wijzigen kan t/m {decision_date(exp.route_switch_until)}" in text
        if exp.ontzorgen_until is not None:
            assert f"t/m {decision_date(exp.ontzorgen_until)}" in text
            assert f"Ontzorgen t/m {decision_date(exp.ontzorgen_until)}" in text
        checked += 1
    assert checked == 3


def test_case_show_json_gives_the_domain_dates(
    vault: OpenVault, vault_path: Path, law_ids: dict[str, str]
) -> None:
    env = dict(os.environ, INBURG_PASSPHRASE=PASSPHRASE)
    for case in LAW_CASES:
        done = subprocess.run(
            [sys.executable, "-m", "inburg_desktop.cli", "case", "show", "--vault",
             str(vault_path), law_ids[case.name], "--json"],
            capture_output=True, text=True, env=env, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        doc = json.loads(done.stdout)
        exp = expected(case)

        def iso(day: date | None) -> str | None:
            return None if day is None else day.isoformat()

        deadlines = doc["deadlines"]
        assert deadlines["pip_deadline"] == iso(exp.pip_deadline)
        assert deadlines["pip_deadline_provisional"] is exp.provisional
        assert doc["pip_deadline_provisional"] is exp.provisional
        assert deadlines["termijn_start"] == iso(exp.termijn_start)
        assert deadlines["termijn_end"] == iso(exp.termijn_end)
        assert deadlines["route_switch_until"] == iso(exp.route_switch_until)
        assert deadlines["ontzorgen_until"] == iso(exp.ontzorgen_until)
        assert deadlines["plicht_ends_on"] == doc["plicht_ends_on"] == iso(exp.plicht_ends_on)
