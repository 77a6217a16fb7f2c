"""The agenda's text is never cut off (issue 15 item 1.4): every item's lines wrap to the
list's width and its row is as tall as the wrapped text, at 1366×768, at the largest text
size, right to left, with a snooze reason of the longest length the field takes; the
window still fits the screen; the read runs off the GUI thread, so the window paints
before the agenda is there."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.agenda import Snoozed
from inburg_desktop.i18n import set_language
from inburg_desktop.services.agenda_state import MAX_REASON
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.agenda.list_view import AgendaList
from inburg_desktop.ui.agenda.model import worded
from inburg_desktop.ui.main_window import MainWindow

from .agenda_vault import ON, entries, seeded_vault

LARGEST_POINTS = 20
"""The largest text size checked: twice the common 10 pt desktop default (a 200 % system
text scale, the largest Windows' "make text bigger" offers)."""


@pytest.fixture
def big_text() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    font = app.font()
    font.setPointSize(LARGEST_POINTS)
    app.setFont(font)
    try:
        yield
    finally:
        app.setFont(before)


@pytest.fixture
def right_to_left() -> Iterator[None]:
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        yield
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def shown_agenda(qtbot: QtBot, vault: OpenVault) -> MainWindow:
    set_language("nl")
    seeded_vault(vault)
    window = MainWindow(vault, start_on_agenda=True)
    qtbot.addWidget(window)
    window.agenda.today = lambda: ON
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.agenda.shown_on == ON and window.tasks.pending == 0)
    return window


def with_longest_reason(window: MainWindow) -> None:
    """The first item snoozed here with a reason as long as the field takes (it shows
    in the item's state line)."""
    shown = entries(window)
    reason = ("wacht op de beschikking van het UWV over de uitkering " * 20)[:MAX_REASON]
    first = worded(replace(shown[0], state=Snoozed(reason.strip(), date(2026, 6, 1))))
    window.agenda.model.set_entries([first, *shown[1:]])


def clipped_rows(view: AgendaList) -> list[str]:
    """The rows whose text does not fit the room the style draws it in (wrapped at its
    width), or that stick out of the list sideways."""
    model = view.model()
    style = view.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
    delegate = view.itemDelegate()
    out = []
    for number in range(model.rowCount()):
        index = model.index(number, 0)
        rect = view.visualRect(index)
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = rect
        delegate.initStyleOption(option, index)  # type: ignore[attr-defined]
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
        room = text_rect.adjusted(margin, 0, -margin, 0)
        needed = QFontMetrics(option.font).boundingRect(
            QRect(0, 0, room.width(), 1_000_000), int(Qt.TextFlag.TextWordWrap), option.text
        )
        cut = needed.height() > room.height() or needed.width() > room.width()
        outside = rect.left() < 0 or rect.right() > view.viewport().width()
        if cut or outside:
            out.append(option.text)
    return out


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_nothing_clipped_at_the_largest_text_size(
    qtbot: QtBot, vault: OpenVault, big_text: None, request: pytest.FixtureRequest, direction: str
) -> None:
    if direction == "rtl":
        request.getfixturevalue("right_to_left")
    window = shown_agenda(qtbot, vault)
    with_longest_reason(window)
    view = window.agenda.list
    qtbot.waitUntil(lambda: view.visualRect(view.model().index(1, 0)).height() > 0)
    assert view.layoutDirection() == (
        Qt.LayoutDirection.RightToLeft if direction == "rtl" else Qt.LayoutDirection.LeftToRight
    )
    assert clipped_rows(view) == []
    # the snoozed item's 500-character reason takes several lines, all of them shown
    first = view.visualRect(view.model().index(1, 0))
    assert first.height() > 8 * QFontMetrics(view.font()).lineSpacing()
    # the window fits the screen it is on, every control inside it
    screen = window.screen().availableGeometry()
    assert window.minimumSizeHint().width() <= screen.width()
    assert window.minimumSizeHint().height() <= screen.height()
    for button in (window.agenda.agendaDoneButton, window.agenda.agendaUndoButton):  # type: ignore[attr-defined]
        assert window.rect().contains(button.mapTo(window, button.rect().bottomRight()))


def test_narrower_rows_grow_taller_instead_of_cutting(qtbot: QtBot, vault: OpenVault) -> None:
    window = shown_agenda(qtbot, vault)
    view = window.agenda.list
    model = view.model()
    longest = max(range(model.rowCount()), key=lambda n: len(str(model.index(n, 0).data())))
    index = model.index(longest, 0)
    wide = view.visualRect(index).height()
    window.resize(window.minimumSizeHint().width(), 768)  # as narrow as the window goes
    qtbot.waitUntil(lambda: view.visualRect(index).height() > wide)
    assert clipped_rows(view) == []


def test_the_window_paints_before_the_agenda_is_read(qtbot: QtBot, vault: OpenVault) -> None:
    """The read is handed to a worker (``ui.tasks``): right after show the GUI thread is
    free, the page says it is loading, and the list fills when the read lands."""
    set_language("nl")
    seeded_vault(vault)
    window = MainWindow(vault, start_on_agenda=True)
    qtbot.addWidget(window)
    window.show()
    assert window.agenda._load is not None  # running on the pool, not on this thread
    assert window.agenda.title.text() == "Agenda laden…"
    assert window.agenda.model.rowCount() == 0
    qtbot.waitUntil(lambda: window.agenda.model.rowCount() > 0)
