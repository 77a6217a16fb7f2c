"""The intake's form never scrolls sideways, in any layout state: alone on the screen or
beside the interpreter view, the side column ("Vragen en tips") shown or hidden (F9), in
Dutch and English, on a 1366×768 and a 1024×576 screen. Wherever the keyboard lands in
the form, the field's label is whole and in view (usability round 6 #2: beside the
interpreter view, F9 gave the form a horizontal scroll bar, scrolled so that every label
was cut off, "ets *", "0-40)")."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import use_language
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.intake.topic_panel import TopicPanel
from inburg_desktop.ui.intake.window import USABLE_WIDTH
from inburg_desktop.ui.window_placement import MIN_BESIDE_WIDTH, beside

TASKBAR = 28  # px a desktop's panel takes off the screen's height


def _intake_size(screen: tuple[int, int], interpreter: bool) -> tuple[int, int]:
    """The intake's size on ``screen`` (w, h) filling it, or where it stands beside the
    interpreter view (``ui.window_placement``; never below its own minimum width)."""
    width, height = screen[0], screen[1] - TASKBAR
    if interpreter:
        whole = QRect(0, 0, width, height)
        placed = beside(whole, whole, USABLE_WIDTH, MIN_BESIDE_WIDTH).anchor
        assert placed is not None
        width = placed.width()
    return max(width, USABLE_WIDTH), height


STATES = [
    (screen, interpreter) for screen in ((1366, 768), (1024, 576)) for interpreter in (False, True)
]


@pytest.fixture(params=["nl", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    use_language(request.param)
    yield request.param
    use_language("nl")


def _in_view(widget: QWidget, panel: TopicPanel) -> QRect:
    return QRect(widget.mapTo(panel.main_scroll.viewport(), QPoint(0, 0)), widget.size())


def _sideways(panel: TopicPanel) -> list[str]:
    area = panel.main_scroll
    column = area.widget()
    assert column is not None
    problems = []
    if area.horizontalScrollBar().isVisible() or area.horizontalScrollBar().value() != 0:
        problems.append("the form has a horizontal scroll bar")
    if column.width() > area.viewport().width():
        problems.append(f"the form ({column.width()} px) is wider than its view")
    return problems


def _label_problems(panel: TopicPanel, label: QLabel, name: str) -> list[str]:
    """Where ``label`` (of the focused field ``name``) is not whole and in view."""
    shown = panel.main_scroll.viewport().rect()
    rect = _in_view(label, panel)
    problems = []
    if not shown.contains(rect):
        problems.append(f"label of {name} at {rect} outside {shown}")
    if label.width() < label.minimumSizeHint().width():
        problems.append(f"label of {name} narrower than its longest word")
    if label.height() < label.heightForWidth(label.width()):
        problems.append(f"label of {name} cut at the bottom")
    return problems


def _settled(qtbot: QtBot, problems: Callable[[], list[str]]) -> list[str]:
    found: list[str] = []

    def none_left() -> None:
        found[:] = problems()
        assert found == []

    try:
        qtbot.waitUntil(none_left, timeout=2_000)
    except qtbot.TimeoutError:
        return found
    return []


@pytest.mark.parametrize(("screen", "interpreter"), STATES)
def test_the_form_never_scrolls_sideways_and_a_focused_field_shows_its_label(
    qtbot: QtBot,
    vault: OpenVault,
    language: str,
    screen: tuple[int, int],
    interpreter: bool,
) -> None:
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1)
    window = IntakeWindow(vault, case_id)
    qtbot.addWidget(window)
    window.show()
    width, height = _intake_size(screen, interpreter)
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.panel is not None and window.panel.isVisible())
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    problems: list[str] = []
    for side_column in (True, False):  # F9 on and off
        for topic in window.catalogue.topics:
            window.show_topic(topic.id, focus=False)
            panel = window.panel
            assert panel is not None
            qtbot.waitUntil(panel.isVisible)
            if panel.side_column_shown != side_column:
                qtbot.keyClick(window, Qt.Key.Key_F9)
            assert panel.side_column_shown == side_column
            where = f"{width}×{height} {'F9 on' if side_column else 'F9 off'} {topic.id}"
            problems += [f"{where}: {p}" for p in _settled(qtbot, partial(_sideways, panel))]
            for field_id, editor in panel.all_editors().items():
                target = editor.focus_target()
                if not target.isVisibleTo(panel) or not target.isEnabled():
                    continue
                target.setFocus(Qt.FocusReason.TabFocusReason)
                label = panel.label_of(target)
                assert label is not None
                found = _settled(qtbot, partial(_label_problems, panel, label, field_id))
                problems += [f"{where}: {p}" for p in found]
    assert problems == [], "\n".join(problems)
