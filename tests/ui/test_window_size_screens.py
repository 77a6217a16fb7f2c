"""Every top-level window opens wholly inside the available geometry of its screen, on a
1366×768 laptop with a taskbar and on a small 1024×600 screen with a top panel; a
geometry given before the first show (a remembered one, from a larger or a second
screen) comes back on screen; a form has one scroll area, not two (usability round 4,
finding 18: the intake's bottom edge 15 px below the screen, the unlock window off
screen, Dossiergegevens small with two scroll areas)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

import inburg_desktop.ui
from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import window_size
from inburg_desktop.ui.app import AppController
from inburg_desktop.ui.app_settings import AppSettings
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.interpreter_window import InterpreterWindow
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.unlock_window import UnlockWindow

from .every_window import every_window

SCREENS = {
    # 1366×768 less a 40 px taskbar at the bottom
    "1366x768": QRect(0, 0, 1366, 728),
    # 1024×600 less a 24 px panel at the top (a netbook, a small tablet with keyboard)
    "1024x600": QRect(0, 24, 1024, 576),
}
WINDOW_KINDS = (QMainWindow, QDialog)


@pytest.fixture(params=list(SCREENS))
def screen(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, vault_path: Path
) -> Iterator[QRect]:
    available = SCREENS[request.param]
    monkeypatch.setattr(window_size, "available_geometry", lambda _window: QRect(available))
    AppController(vault_path, AppSettings())  # installs the fitter, as the app does
    yield available


def _window_classes() -> set[str]:
    """Every class under ``inburg_desktop.ui`` that is a window: a QMainWindow or QDialog
    subclass, or a plain QWidget named a window (``UnlockWindow``, ``InterpreterWindow``,
    ``HandhavingWindow``); a base class of the module's own (``_Form``) is never shown."""
    for module in pkgutil.walk_packages(inburg_desktop.ui.__path__, "inburg_desktop.ui."):
        importlib.import_module(module.name)
    found: set[str] = set()
    todo: list[type[QWidget]] = [QMainWindow, QDialog, QWidget]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if not sub.__module__.startswith("inburg_desktop.ui") or sub.__name__[0] == "_":
                continue
            if issubclass(sub, WINDOW_KINDS) or sub.__name__.endswith("Window"):
                found.add(sub.__name__)
    return found


def test_every_window_opens_inside_the_screen(
    qtbot: QtBot, vault: OpenVault, vault_path: Path, screen: QRect
) -> None:
    outside: list[str] = []
    seen: set[str] = set()
    for shown in every_window(qtbot, vault, vault_path):
        window = shown.window
        name = type(window).__name__
        if name in seen and name != "NewCaseDialog":
            continue  # the intake and the PIP editor once per topic or tab: once here
        seen.add(name)
        QApplication.processEvents()
        frame = window.frameGeometry()
        if not screen.contains(frame):
            outside.append(f"{shown.name}: {frame} not inside {screen}")
    missing = _window_classes() - seen
    assert missing == set(), f"windows not in tests/ui/every_window.py: {sorted(missing)}"
    assert outside == [], "\n".join(outside)


@pytest.mark.parametrize(
    "remembered",
    [
        QRect(1700, 900, 900, 600),  # on a second screen to the right, now gone
        QRect(-1200, -300, 800, 500),  # left of and above this screen
        QRect(200, 100, 1600, 1000),  # from a larger screen: larger than this one
    ],
)
def test_a_remembered_geometry_comes_back_on_screen(
    qtbot: QtBot, vault: OpenVault, vault_path: Path, screen: QRect, remembered: QRect
) -> None:
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1)
    windows: list[QWidget] = [
        UnlockWindow(vault_path),
        MainWindow(vault),
        IntakeWindow(vault, case_id),
        InterpreterWindow(shipped_catalogue(), ("ar",)),
        CaseDetailsDialog(vault, case_id),
    ]
    for window in windows:
        qtbot.addWidget(window)
        window.setGeometry(remembered)
        window.show()
        qtbot.waitExposed(window)
        frame = window.frameGeometry()
        assert screen.contains(frame), f"{type(window).__name__}: {frame} not in {screen}"


FIELDS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QCheckBox)
"""What a consultant fills in (a dialog's own buttons stand outside its form)."""


def _scroll_areas_above(widget: QWidget) -> list[QAbstractScrollArea]:
    """The scroll areas ``widget`` lies in (a text box is one itself: not counted)."""
    found = []
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(
            parent, QPlainTextEdit | QTextEdit
        ):
            # a text box's own viewport is not a form's scroll area
            found.append(parent)
        if parent.isWindow():
            break
        parent = parent.parentWidget()
    return found


def test_dossiergegevens_has_one_scroll_area_and_opens_as_large_as_it_needs(
    qtbot: QtBot, vault: OpenVault, vault_path: Path, screen: QRect
) -> None:
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1)
    dialog = CaseDetailsDialog(vault, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    counted = {
        f"{type(field).__name__} {field.objectName()}": len(_scroll_areas_above(field))
        for field in dialog.findChildren(QWidget)
        if isinstance(field, FIELDS) and field.isVisibleTo(dialog)
    }
    assert counted and set(counted.values()) == {1}, counted
    (area,) = [a for a in dialog.findChildren(QScrollArea) if a.isVisibleTo(dialog)]
    content = area.widget()
    assert content is not None
    room = window_size.room_for(dialog)
    # as tall as its content, or the screen's whole room when that is less
    needs = content.height() - area.viewport().height()
    assert needs <= 0 or dialog.height() >= room.height() - 1, (
        f"{dialog.size()} scrolls {needs} px with room {room.size()}"
    )
    assert area.horizontalScrollBar().maximum() == 0


def test_no_form_has_a_scroll_area_inside_another(
    qtbot: QtBot, vault: OpenVault, vault_path: Path, screen: QRect
) -> None:
    nested: set[str] = set()
    for shown in every_window(qtbot, vault, vault_path):
        for field in shown.window.findChildren(QWidget):
            if isinstance(field, FIELDS) and field.isVisible():
                areas = _scroll_areas_above(field)
                if len(areas) > 1:
                    chain = " in ".join(a.objectName() or type(a).__name__ for a in areas)
                    nested.add(f"{shown.name}: {field.objectName()} in {chain}")
    assert nested == set(), "\n".join(sorted(nested))
