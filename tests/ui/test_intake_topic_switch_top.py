"""A topic switch starts at the top of the topic: its title, state, "Parkeren" and
"Afgerond" and the question in view, the keyboard in its first field (usability round 6
#10: Ctrl+2 put the keyboard in "Aantekeningen van de consulent" at the bottom and
scrolled the title and state off; Ctrl+9 in the fifth field). Every way to switch: Ctrl+1…9,
Ctrl+PgDown, the quick switcher (Ctrl+K), the topic list (arrow keys show the topic
and keep the keyboard in the list, Enter goes to the first field), and the agenda's "open
at the place" for an intake item (the topic list, the topic from its top)."""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.agenda import AgendaItem, AgendaKind, Groep
from inburg_desktop.domain.text import Reason
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.agenda.open_at import open_item
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.intake.quick_switcher import QuickSwitcher
from inburg_desktop.ui.intake.topic_panel import TopicPanel

CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = date(2026, 11, 2)


def _is_shown(window: IntakeWindow, topic_id: str) -> bool:
    return window.topic_id == topic_id


def _switcher_opened(window: IntakeWindow, before: object) -> bool:
    return getattr(window, "switcher", None) is not before


def _first_field(panel: TopicPanel) -> QWidget:
    for editor in panel.editors.values():
        target = editor.focus_target()
        if target.isVisible() and target.isEnabled():
            return target
    return panel.notes.focus_target()


def _top_problems(panel: TopicPanel, keyboard_in: QWidget | None) -> list[str]:
    """Where the topic is not shown from its top, or the keyboard not in ``keyboard_in``."""
    area = panel.main_scroll
    shown = area.viewport().rect()
    problems = []
    if area.verticalScrollBar().value() != 0:
        problems.append(f"scrolled to {area.verticalScrollBar().value()}")
    for widget in (panel.state_chip, panel.park_button, panel.cover_button, panel.prompt_text):
        rect = QRect(widget.mapTo(area.viewport(), QPoint(0, 0)), widget.size())
        if not shown.contains(rect):
            problems.append(f"{widget.objectName() or type(widget).__name__} out of view")
    if keyboard_in is not None and QApplication.focusWidget() is not keyboard_in:
        focused = QApplication.focusWidget()
        problems.append(f"keyboard in {focused.objectName() if focused else None}")
    return [f"{panel.topic.id}: {p}" for p in problems]


def _settled(qtbot: QtBot, window: IntakeWindow, in_field: bool) -> list[str]:
    """The problems left once the new topic is laid out and the keyboard followed."""
    found: list[str] = []

    def none_left() -> None:
        panel = window.panel
        assert panel is not None and panel.isVisible()
        found[:] = _top_problems(panel, _first_field(panel) if in_field else window.map)
        assert found == []

    try:
        qtbot.waitUntil(none_left, timeout=3_000)
    except qtbot.TimeoutError:
        return found
    return []


def _deep_in_the_form(qtbot: QtBot, window: IntakeWindow) -> None:
    """The consultant typing in the notes at the bottom of the topic shown."""
    panel = window.panel
    assert panel is not None
    notes = panel.notes.focus_target()
    notes.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is notes)


def _open(qtbot: QtBot, vault: OpenVault) -> IntakeWindow:
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1, TODAY)
    window = IntakeWindow(vault, case_id, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    window.setGeometry(window.screen().availableGeometry())
    qtbot.waitUntil(lambda: window.panel is not None and window.panel.isVisible())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_ctrl_digit_and_ctrl_pgdown_start_at_the_top_in_the_first_field(
    qtbot: QtBot, vault: OpenVault
) -> None:
    window = _open(qtbot, vault)
    problems: list[str] = []
    for number in range(1, 10):
        _deep_in_the_form(qtbot, window)
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key(Qt.Key.Key_0 + number), CTRL)
        assert window.topic_id == window.catalogue.topic_ids[number - 1]
        problems += [f"Ctrl+{number} {p}" for p in _settled(qtbot, window, in_field=True)]
    for _step in range(3):
        _deep_in_the_form(qtbot, window)
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_PageDown, CTRL)
        problems += [f"Ctrl+PgDown {p}" for p in _settled(qtbot, window, in_field=True)]
    assert problems == [], "\n".join(problems)


def test_the_quick_switcher_starts_at_the_top_in_the_first_field(
    qtbot: QtBot, vault: OpenVault
) -> None:
    window = _open(qtbot, vault)
    problems: list[str] = []
    for topic in window.catalogue.topics[1:]:
        _deep_in_the_form(qtbot, window)
        focused = QApplication.focusWidget()
        assert focused is not None
        before = getattr(window, "switcher", None)
        qtbot.keyClick(focused, Qt.Key.Key_K, CTRL)
        qtbot.waitUntil(partial(_switcher_opened, window, before))
        switcher = window.switcher
        assert isinstance(switcher, QuickSwitcher)
        qtbot.waitUntil(switcher.isVisible)
        # as typed (QTest types ASCII only: "Financiën")
        switcher.query.setText(topic.title)
        qtbot.keyClick(switcher.query, Qt.Key.Key_Return)
        qtbot.waitUntil(partial(_is_shown, window, topic.id))
        problems += [f"Ctrl+K {p}" for p in _settled(qtbot, window, in_field=True)]
    assert problems == [], "\n".join(problems)


def test_the_topic_list_shows_the_top_and_enter_goes_to_the_first_field(
    qtbot: QtBot, vault: OpenVault
) -> None:
    window = _open(qtbot, vault)
    problems: list[str] = []
    for _topic in window.catalogue.topics[1:]:
        _deep_in_the_form(qtbot, window)
        window.map.setFocus(Qt.FocusReason.ShortcutFocusReason)
        qtbot.keyClick(window.map, Qt.Key.Key_Down)  # browsing: the keyboard stays here
        problems += [f"Down {p}" for p in _settled(qtbot, window, in_field=False)]
        qtbot.keyClick(window.map, Qt.Key.Key_Return)
        problems += [f"Enter {p}" for p in _settled(qtbot, window, in_field=True)]
    assert problems == [], "\n".join(problems)


class _Host:
    """The part of the app an agenda item opens an intake through (``CaseOpener``)."""

    def __init__(self, vault: OpenVault) -> None:
        self.vault = vault
        self.windows: list[IntakeWindow] = []

    def open_intake_of(self, case_id: str) -> None:
        window = IntakeWindow(self.vault, case_id, today=TODAY)
        window.show()
        window.setGeometry(window.screen().availableGeometry())
        self.windows.append(window)


def test_an_agenda_item_opens_the_intake_at_the_top_of_its_topic(
    qtbot: QtBot, vault: OpenVault
) -> None:
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1, TODAY)
    host = _Host(vault)
    item = AgendaItem(
        case_id,
        AgendaKind.INTAKE_WITHOUT_PERSON,
        TODAY,
        Groep.TODAY,
        Reason("intake", "Intake"),
        "intake",
    )
    open_item(host, item)  # type: ignore[arg-type]
    (window,) = host.windows
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.panel is not None and window.panel.isVisible())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert _settled(qtbot, window, in_field=False) == []
