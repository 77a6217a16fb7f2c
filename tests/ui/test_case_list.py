"""The case list (issue 13 item 8): it follows edits made in other windows, its columns
fit at 1366×768, the status bar counts what the filter shows, deadlines are worded right
at their boundaries, search finds the words a consultant uses, and the keyboard moves
from the search field into the results."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.people import PEOPLE, DemoPerson
from inburg_desktop.domain.handover import parse_handover
from inburg_desktop.domain.intake import TopicState
from inburg_desktop.services.case_import import import_case
from inburg_desktop.services.case_list import CaseListRow, load_case_rows
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.case_table_model import (
    COL_INTAKE,
    COL_NAME,
    COL_PIP_DEADLINE,
    CaseTableModel,
    badge_text,
)
from inburg_desktop.ui.intake.window import IntakeWindow
from inburg_desktop.ui.main_window import MainWindow


@pytest.fixture
def demo_ids(vault: OpenVault) -> list[str]:
    with vault.transaction() as session:
        return add_demo_cases(session, 12)


def open_main(qtbot: QtBot, vault: OpenVault) -> MainWindow:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    return window


def row_of(window: MainWindow, name: str) -> CaseListRow:
    rows: list[CaseListRow] = [
        window.model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in range(12)
    ]
    return next(r for r in rows if f"{r.family_name}, {r.given_names}".startswith(name))


def cell(window: MainWindow, case_id: str, col: int) -> str:
    for r in range(window.model.rowCount()):
        if window.model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1).id == case_id:
            return str(window.model.index(r, col).data())
    raise AssertionError("case not in the list")


# --- the list follows other windows -------------------------------------------------------
def test_a_details_edit_in_another_window_shows_in_the_list(
    qtbot: QtBot, vault: OpenVault, demo_ids: list[str]
) -> None:
    window = open_main(qtbot, vault)
    yonas = row_of(window, "Tesfamariam")
    assert "voorlopig" in cell(window, yonas.id, COL_PIP_DEADLINE)
    # A dialog the list did not open (e.g. from the intake window) saves a kennisgeving.
    dialog = CaseDetailsDialog(vault, yonas.id)
    qtbot.addWidget(dialog)
    dialog.kennisgeving.set_value(date.today() - timedelta(days=3))
    dialog.save()
    qtbot.waitUntil(lambda: "voorlopig" not in cell(window, yonas.id, COL_PIP_DEADLINE))


def test_an_intake_edit_shows_in_the_list_without_a_sync(
    qtbot: QtBot, vault: OpenVault, demo_ids: list[str]
) -> None:
    window = open_main(qtbot, vault)
    amal = row_of(window, "Haddad, Amal")
    before = amal.topics_covered
    assert before > 0
    intake = IntakeWindow(vault, amal.id)
    qtbot.addWidget(intake)
    intake.show()
    qtbot.waitUntil(lambda: intake.stored is not None)
    covered = next(t for t, s in intake.states().items() if s is TopicState.COVERED)
    intake.show_topic(covered)
    intake.mark_covered()  # covered -> not covered, autosaved
    intake.autosave.flush()
    expected = f"{before - 1} van {amal.topics_total} onderwerpen"
    qtbot.waitUntil(lambda: cell(window, amal.id, COL_INTAKE) == expected)


def test_the_selection_stays_when_the_list_reloads(
    qtbot: QtBot, vault: OpenVault, demo_ids: list[str]
) -> None:
    window = open_main(qtbot, vault)
    amal = row_of(window, "Haddad, Amal")
    assert window.select_case(amal.id)
    loads = window.tasks.pending
    window.refresh()
    qtbot.waitUntil(lambda: window.tasks.pending == loads)
    selected = window.selected_row()
    assert selected is not None and selected.id == amal.id


# --- columns ----------------------------------------------------------------------------
def test_columns_fit_at_1366x768(qtbot: QtBot, vault: OpenVault, demo_ids: list[str]) -> None:
    window = open_main(qtbot, vault)
    header = window.table.horizontalHeader()
    assert header.sectionSize(COL_NAME) <= 0.4 * window.table.viewport().width()
    metrics = window.table.fontMetrics()
    margin = 2 * (window.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    for col in range(1, 5):
        for r in range(window.proxy.rowCount()):
            text = str(window.proxy.index(r, col).data())
            assert metrics.horizontalAdvance(text) + margin <= header.sectionSize(col), text
    statuses = [str(window.proxy.index(r, COL_PIP_DEADLINE).data()) for r in range(12)]
    assert any("● te laat" in s for s in statuses)
    # nothing past the right edge: no horizontal scrolling needed to read a status
    assert header.length() <= window.table.viewport().width()


# --- the count --------------------------------------------------------------------------
def test_the_status_bar_counts_what_the_filter_shows(
    qtbot: QtBot, vault: OpenVault, demo_ids: list[str]
) -> None:
    window = open_main(qtbot, vault)
    assert window.statusBar().currentMessage() == "12 dossiers"
    qtbot.keyClicks(window.search, "Haddad, A")  # the name as the list shows it
    assert window.proxy.rowCount() == 1
    assert window.statusBar().currentMessage() == "1 van 12 dossiers"
    # a reload (any write) keeps the filtered count
    window.refresh()
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    assert window.statusBar().currentMessage() == "1 van 12 dossiers"
    window.search.clear()
    assert window.statusBar().currentMessage() == "12 dossiers"


# --- deadline wording at its boundaries ----------------------------------------------------
@pytest.mark.parametrize(
    ("days_before", "badge"),
    [
        (-30, "te laat"),
        (-1, "te laat"),
        (0, "vandaag"),
        (1, "morgen"),
        (2, "binnen 2 weken"),
        (14, "binnen 2 weken"),
        (15, None),
        (60, None),
    ],
)
def test_deadline_wording_at_its_boundaries(
    vault: OpenVault, demo_ids: list[str], days_before: int, badge: str | None
) -> None:
    """The PIP deadline of Besluit art. 5.3 said from today: after it "te laat", on it
    "vandaag", the day before "morgen", up to 14 days before "binnen 2 weken"
    (domain.deadlines.pip_deadline_status)."""
    with vault.session() as session:
        rows = load_case_rows(session)
    row = next(r for r in rows if r.family_name == "Mahmoud")
    assert row.pip_deadline is not None and row.deadline_state not in ("done",)
    with vault.session() as session:
        then = load_case_rows(session, today=row.pip_deadline - timedelta(days=days_before))
    moved = next(r for r in then if r.id == row.id)
    model = CaseTableModel()
    model.set_rows([moved])
    shown = str(model.index(0, COL_PIP_DEADLINE).data())
    assert badge_text(moved) == badge
    assert shown.endswith(f"● {badge}") if badge else "●" not in shown


# --- search -------------------------------------------------------------------------------
LUKASZ = {
    "format": "inburg-handover/1",
    "person": {
        "given_names": "Łukasz",
        "family_name": "Øberg-Straße",
        "date_of_birth": "1990-02-03",
        "nationality": "UKR",
        "languages": ["uk"],
    },
    "doelgroep": "gezinsmigrant",
    "dates": {"brp_registration": "2026-09-01"},
}


def demo_names(test: Callable[[DemoPerson], bool]) -> set[str]:
    shown = [PEOPLE[index % len(PEOPLE)] for index in range(12)]  # as add_demo_cases
    return {p.family_name for p in shown if test(p)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Arabisch", demo_names(lambda p: "ar" in p.languages)),
        ("Tigrinya", demo_names(lambda p: "ti" in p.languages)),
        ("Syrië", demo_names(lambda p: p.nationality == "SYR")),
        ("Syrische", demo_names(lambda p: p.nationality == "SYR")),
        ("Eritrese", demo_names(lambda p: p.nationality == "ERI")),
        ("Eritrea", demo_names(lambda p: p.nationality == "ERI")),
        ("Haddad, A", {"Haddad"}),
        ("haddad,amal", {"Haddad"}),
        ("Haddad, R", {"Haddad"}),
        ("Tesfamariam, A", set()),  # the comma form searches names only
        ("lukasz", {"Øberg-Straße"}),
        ("oberg strasse", {"Øberg-Straße"}),
        ("Oekraïense", {"Øberg-Straße"}),
    ],
)
def test_search_finds_the_words_a_consultant_uses(
    qtbot: QtBot, vault: OpenVault, demo_ids: list[str], query: str, expected: set[str]
) -> None:
    import_case(vault, parse_handover(LUKASZ))
    window = open_main(qtbot, vault)
    qtbot.waitUntil(lambda: window.model.rowCount() == 13)
    window.search.setText(query)  # as typed (QTest cannot type every letter)
    found = {
        window.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1).family_name
        for r in range(window.proxy.rowCount())
    }
    assert found == expected
    if "," in query and expected:  # one person, the one named
        assert window.proxy.rowCount() == 1


# --- keyboard ---------------------------------------------------------------------------
@pytest.mark.parametrize("key", [Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_down_or_enter_moves_from_search_into_the_results(
    qtbot: QtBot, vault: OpenVault, demo_ids: list[str], key: Qt.Key
) -> None:
    window = open_main(qtbot, vault)
    window.activateWindow()
    window.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)
    qtbot.keyClicks(window.search, "haddad")
    qtbot.keyClick(window.search, key)
    assert QApplication.focusWidget() is window.table
    selected = window.selected_row()
    assert selected is not None and selected.family_name == "Haddad"
    opened: list[str] = []
    window.case_opened.connect(opened.append)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)  # and Enter there opens it
    assert opened == [selected.id]
