"""The case list's columns at the size of a large municipality (issue 14): no column is
sized to its contents by Qt (that asked every cell of up to a thousand rows per column at
each fit, so a keystroke of a search cost more than a frame at 1,000 cases). The widths
come from the texts the rows' kinds can show, are set when rows load, stay as they are
while a search filters, and still hold every text but a name (capped, elided, whole in
its tooltip) and the last column (it takes what is left).

Work is counted, never timed: the model's answers a load, a write's reload or a keystroke
cost do not grow with the number of rows.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QApplication, QHeaderView, QStyle
from pytestqt.qtbot import QtBot

from inburg_desktop.services.case_list import CaseListRow, CaseListUpdate, search_text
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import main_window
from inburg_desktop.ui.case_table_model import (
    COL_INTAKE,
    CaseTableModel,
    display_text,
    width_texts,
)
from inburg_desktop.ui.main_window import MainWindow

TODAY = date(2026, 11, 28)
STATES = ["ok", "due_soon", "overdue", "waiting", "niet_plichtig", "done"]
FAMILIES = ["Haddad", "Tesfamariam-Gebremedhin", "Al", "Øberg", "Yıldız", "Nowak"]
GIVEN = ["Amal", "Łukasz Maximiliaan", "Yonas", "Abdi", "Fatemeh Zahra"]


def make_row(n: int, pick: Callable[[list[Any]], Any]) -> CaseListRow:
    """Case ``n`` of a caseload with every kind of row; ``pick`` chooses each property."""
    brp = TODAY - timedelta(days=pick(list(range(0, 900, 7))))
    state = pick(STATES)
    due = None if state in ("waiting", "niet_plichtig") else brp + timedelta(days=70)
    days_left = None if due is None else pick([-3, 0, 1, 5, 12, 40])
    family, given = pick(FAMILIES), pick(GIVEN)
    doelgroep = pick(["statushouder", "gezinsmigrant", "overige_migrant"])
    total = pick([16, 9, 120])
    return CaseListRow(
        id=f"case-{n:05d}",
        name=f"{given} {family}",
        given_names=given,
        family_name=family,
        doelgroep=doelgroep,
        nationality="SYR",
        languages=("ar",),
        brp_registration=brp,
        pip_deadline=due,
        pip_deadline_provisional=pick([False, True]),
        deadline_state=state,
        topics_covered=pick(list(range(total + 1))),
        topics_total=total,
        pip_status="none",
        v_nummer=f"{n:010d}",
        plichtig=state != "niet_plichtig" and pick([True, False]),
        plicht_notes=pick([(), ("let op",)]),
        days_left=days_left,
        search_text=search_text(
            given_names=given,
            family_name=family,
            doelgroep=doelgroep,
            nationality="SYR",
            languages=("ar",),
            v_nummer=f"{n:010d}",
        ),
    )


def caseload(count: int) -> list[CaseListRow]:
    """``count`` rows of every kind, the same for the same count."""
    chooser = random.Random(count)
    return [make_row(n, chooser.choice) for n in range(count)]


class CountingModel(CaseTableModel):
    """Counts the model's answers to the view (every role asked)."""

    calls = 0

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        CountingModel.calls += 1
        return super().data(index, role)


def window_with(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch, listed: list[CaseListRow]
) -> MainWindow:
    monkeypatch.setattr(main_window, "CaseTableModel", CountingModel)
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window._load_task is None)  # the (empty) vault's own load
    window._rows_loaded(listed)
    window.table.viewport().repaint()
    return window


def keystroke_costs(window: MainWindow, typed: str) -> tuple[int, list[list[int]]]:
    """The most model answers one keystroke cost (filter, then paint), and the column
    widths after each keystroke."""
    header = window.table.horizontalHeader()
    worst, widths = 0, []
    for n in range(1, len(typed) + 1):
        CountingModel.calls = 0
        window.search.setText(typed[:n])
        QApplication.processEvents()  # what the event loop does next: the header's fit
        window.table.viewport().repaint()
        worst = max(worst, CountingModel.calls)
        widths.append([header.sectionSize(col) for col in range(5)])
    return worst, widths


def test_no_column_is_sized_to_its_contents(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = window_with(qtbot, vault, monkeypatch, caseload(50))
    header = window.table.horizontalHeader()
    modes = {header.sectionResizeMode(col) for col in range(5)}
    assert QHeaderView.ResizeMode.ResizeToContents not in modes


def test_a_keystroke_costs_the_same_for_200_and_for_800_cases_and_keeps_the_widths(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The view asks only for the rows it shows, and filtering never moves a column."""
    costs = []
    for count in (200, 800):
        window = window_with(qtbot, vault, monkeypatch, caseload(count))
        before = [window.table.horizontalHeader().sectionSize(col) for col in range(5)]
        worst, widths = keystroke_costs(window, "Haddad")
        assert all(w == before for w in widths)
        costs.append(worst)
        window.close()
    small, large = costs
    assert large <= small + 50, costs


def test_loading_and_replacing_rows_asks_only_for_the_cells_shown(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Columns sized to their contents asked every row's cells at each load and at each
    write's reload (97,400 answers for 800 rows, 25,400 for 200; at 1,000 about 129,000):
    the answers now do not grow with the rows."""
    costs = []
    for count in (200, 800):
        window = window_with(qtbot, vault, monkeypatch, [])
        listed = caseload(count)
        CountingModel.calls = 0
        window._rows_loaded(listed)
        QApplication.processEvents()
        window.table.viewport().repaint()
        loaded = CountingModel.calls
        CountingModel.calls = 0
        changed = replace(listed[3], topics_covered=listed[3].topics_covered // 2)
        window._rows_updated(CaseListUpdate([changed], frozenset({listed[5].id})))
        QApplication.processEvents()
        window.table.viewport().repaint()
        costs.append((loaded, CountingModel.calls))
        window.close()
    (load_small, update_small), (load_large, update_large) = costs
    assert load_large <= load_small + 50, costs
    assert update_large <= update_small + 50, costs


def test_a_dragged_column_keeps_its_width_when_rows_load_again(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = caseload(40)
    window = window_with(qtbot, vault, monkeypatch, listed)
    header = window.table.horizontalHeader()
    header.resizeSection(2, header.sectionSize(2) + 37)
    dragged = header.sectionSize(2)
    window._rows_loaded(list(reversed(listed)))
    assert header.sectionSize(2) == dragged


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), count=st.integers(1, 60))
def test_every_cell_but_a_long_name_fits_its_column(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch, data: st.DataObject, count: int
) -> None:
    """The widths come from the kinds of rows (state, provisional, urgency, plicht,
    notes, digits) and a date in every month: no text of any row is cut."""

    def pick(options: list[Any]) -> Any:
        return data.draw(st.sampled_from(options))

    listed = [make_row(n, pick) for n in range(count)]
    window = window_with(qtbot, vault, monkeypatch, listed)
    header = window.table.horizontalHeader()
    metrics = window.table.fontMetrics()
    style = window.table.style()
    margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    model = window.model
    widest = {
        col: max(map(metrics.horizontalAdvance, texts))
        for col, texts in width_texts(listed).items()
    }
    for r in range(model.rowCount()):
        row = model.row_at(r)
        for col in range(1, 5):  # the name: capped at a share, elided, whole in its tooltip
            text = metrics.horizontalAdvance(display_text(row, col))
            assert text <= widest[col], display_text(row, col)
            if col != COL_INTAKE:  # the last column takes what the window leaves
                assert text + margin <= header.sectionSize(col), display_text(row, col)
    window.close()
