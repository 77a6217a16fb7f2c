"""Beside the interpreter view the intake is 980 px wide (1366×768, ``ui.window_placement``)
and nothing of its conversation is cut off: every control of every topic lies within the
column that holds it, or the column scrolls far enough to show it, and wherever the
keyboard lands the column scrolls to show that control (usability round 3 finding 7: the
state chip, "Afgerond (Ctrl+Enter)" and the fields were cut at the column's right edge,
which did not scroll sideways).

Also at 1366 px, the intake alone on the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QPlainTextEdit, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.intake.window import USABLE_WIDTH

HEIGHT = 740  # 1366×768 less a taskbar


def _open(qtbot: QtBot, vault: OpenVault, width: int) -> IntakeWindow:
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1)
    window = IntakeWindow(vault, case_id)
    qtbot.addWidget(window)
    window.show()
    # after the first show, which fits a window to the screen less an assumed frame
    # (``ui.window_size``, when a test before installed it): exactly this wide
    window.resize(width, HEIGHT)
    qtbot.waitUntil(lambda: window.stored is not None and window.panel is not None)
    qtbot.waitUntil(lambda: window.width() == width)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _unreachable(area: QScrollArea, where: str) -> list[str]:
    """Controls of ``area``'s column that neither lie in view nor can be scrolled to: a
    control reaching past the column's widget (which the viewport shows, scrolled), or a
    column wider or taller than the viewport plus the scroll range."""
    viewport, column = area.viewport(), area.widget()
    assert column is not None
    found = []
    off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff  # a range nobody can scroll through
    across = 0 if area.horizontalScrollBarPolicy() == off else area.horizontalScrollBar().maximum()
    down = 0 if area.verticalScrollBarPolicy() == off else area.verticalScrollBar().maximum()
    reach = QRect(0, 0, viewport.width() + across, viewport.height() + down)
    if not reach.contains(QRect(QPoint(0, 0), column.size())):
        found.append(f"{where}: column {column.width()}×{column.height()} beyond {reach}")
    for widget in column.findChildren(QWidget):
        if not widget.isVisibleTo(column) or widget.width() <= 0 or widget.height() <= 0:
            continue
        rect = QRect(widget.mapTo(column, QPoint(0, 0)), widget.size())
        if not QRect(QPoint(0, 0), column.size()).contains(rect):
            name = widget.objectName() or type(widget).__name__
            found.append(f"{where}: {name} at {rect} outside its column {column.size()}")
    return found


def _out_of_view(area: QScrollArea, widget: QWidget) -> str | None:
    """Where ``widget`` (focused) is not shown by ``area``'s viewport as it is scrolled."""
    viewport = area.viewport()
    rect = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    if isinstance(widget, QPlainTextEdit):
        # a text box taller than a few lines is followed to its cursor, as Qt does: the
        # line being typed is in view (QScrollArea.ensureWidgetVisible)
        cursor = widget.cursorRect()
        top = widget.viewport().mapTo(viewport, cursor.topLeft()).y()
        rect = QRect(rect.left(), top, rect.width(), cursor.height())
    shown = viewport.rect()
    if rect.width() <= shown.width() and (rect.left() < 0 or rect.right() > shown.right()):
        return f"{widget.objectName()} x {rect.left()}..{rect.right()} in 0..{shown.right()}"
    if rect.height() <= shown.height() and (rect.top() < 0 or rect.bottom() > shown.bottom()):
        return f"{widget.objectName()} y {rect.top()}..{rect.bottom()} in 0..{shown.bottom()}"
    return None


@pytest.mark.parametrize("width", [USABLE_WIDTH, 1366])
def test_every_control_of_every_topic_is_in_view_or_scrolled_to(
    qtbot: QtBot, vault: OpenVault, width: int
) -> None:
    window = _open(qtbot, vault, width)
    unreachable: list[str] = []
    not_followed: list[str] = []
    for topic in window.catalogue.topics:
        window.show_topic(topic.id, focus=False)
        panel = window.panel
        assert panel is not None
        last: list[str] = []

        # the side column gives way at 980 px (F9 brings it back): nothing to reach there
        areas = tuple(
            (area, side)
            for area, side in ((panel.main_scroll, "main"), (panel.side_scroll, "side"))
            if not area.isHidden()
        )

        def settled(
            topic_id: str = topic.id,
            found: list[str] = last,
            areas: tuple[tuple[QScrollArea, str], ...] = areas,
        ) -> None:
            """The layout has placed the new topic (it does so over a few events)."""
            found[:] = [
                problem
                for area, side in areas
                for problem in _unreachable(area, f"{topic_id} ({side})")
            ]
            assert found == []

        try:
            qtbot.waitUntil(settled, timeout=3_000)
        except qtbot.TimeoutError:
            unreachable += last
        # the keyboard's way through the form (Tab from the topic map): each control it
        # lands on is shown
        chain = [w for w in panel.tab_chain() if w.isVisibleTo(panel) and w.isEnabled()]
        window.map.setFocus(Qt.FocusReason.TabFocusReason)
        for _step in chain:
            focused = QApplication.focusWidget()
            assert focused is not None
            qtbot.keyClick(focused, Qt.Key.Key_Tab)
            widget = QApplication.focusWidget()
            assert widget is not None
            if not panel.isAncestorOf(widget):
                break
            QApplication.processEvents()
            area = (
                panel.main_scroll if panel.main_scroll.isAncestorOf(widget) else panel.side_scroll
            )
            problem = _out_of_view(area, widget)
            if problem is not None:
                not_followed.append(f"{topic.id}: {problem}")
    assert unreachable == []
    assert not_followed == [], "\n".join(not_followed)


def test_the_header_keeps_every_control_inside_the_window_at_980(
    qtbot: QtBot, vault: OpenVault
) -> None:
    """The window's own row (who, save state, PIP deadline, two buttons) and the topic map
    lie inside the window at its narrowest."""
    window = _open(qtbot, vault, USABLE_WIDTH)
    inside = window.rect()
    for widget in (
        window.person,
        window.save_state,
        window.case_status,
        window.details_button,
        window.pip_button,
        window.map,
        window.progress,
    ):
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        assert inside.contains(rect), f"{widget.objectName()} at {rect} in {inside}"


def test_every_choice_list_opens_below_its_box_with_the_current_choice_highlighted(
    qtbot: QtBot, vault: OpenVault
) -> None:
    """A choice's list drops below (or above) its box, never over it: the pointer that
    opened it rests on the box, not on another choice it would highlight (usability
    round 3 finding 8, the interpreter view's language list; every choice of the intake
    is the same kind of box)."""
    window = _open(qtbot, vault, USABLE_WIDTH)
    window.move(0, 0)
    covered: list[str] = []
    for topic in window.catalogue.topics:
        window.show_topic(topic.id, focus=False)
        panel = window.panel
        assert panel is not None
        for box in panel.findChildren(QComboBox):
            if not box.isVisibleTo(panel) or box.count() < 2:
                continue
            box.setCurrentIndex(box.count() - 1)
            panel.reveal(box)
            box.showPopup()
            names = box.view()
            qtbot.waitUntil(names.isVisible)
            popup = names.window()
            pointer = box.mapToGlobal(box.rect().center())
            if popup.geometry().contains(pointer):
                covered.append(f"{topic.id}: {box.objectName()}")
            if names.currentIndex().row() != box.currentIndex():
                covered.append(f"{topic.id}: {box.objectName()} highlights another choice")
            box.hidePopup()
            qtbot.waitUntil(popup.isHidden)
    assert covered == []
