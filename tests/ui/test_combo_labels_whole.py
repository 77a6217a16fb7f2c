"""No closed combo box of any window cuts its text mid-word at 1366×768, in Dutch or
English (usability round 7, finding 1, and round 6 finding 8: the Tolkscherm's "Taal"
read "Arabisch — العربية (vo", the Z-route ground "Gedeeltelijke ontheffing (Besluit
art. 3."). For every combo and every one of its items: the box is wide enough, or it
shows a shortened label that ends on a whole word with "…" and tells the whole text as
its tooltip; and what the combo paints is that label."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QRect
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.services import consulent
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import window_size
from inburg_desktop.ui.app import AppController, use_language
from inburg_desktop.ui.app_settings import AppSettings
from inburg_desktop.ui.close_guard import closing_for_lock
from inburg_desktop.ui.cut_text_tips import ELLIPSIS, shown_label
from inburg_desktop.ui.pip import PipEditorWindow

from .every_window import every_window

AVAILABLE = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar
TODAY = date(2026, 11, 2)


@pytest.fixture
def laptop_screen(monkeypatch: pytest.MonkeyPatch, vault_path: Path) -> Iterator[None]:
    monkeypatch.setattr(window_size, "available_geometry", lambda _window: QRect(AVAILABLE))
    AppController(vault_path, AppSettings())  # the fitter and the combo painter, as the app
    yield


def _whole_words(label: str, full: str) -> bool:
    """``label`` is ``full``, or a run of ``full``'s whole words followed by " …"."""
    if label == full:
        return True
    if not label.endswith(" " + ELLIPSIS):
        return False
    start = label[: -len(ELLIPSIS) - 1]
    return full.startswith(start) and (len(full) == len(start) or not full[len(start)].isalnum())


def _tooltip(combo: QComboBox) -> str:
    QToolTip.hideText()
    centre = combo.rect().center()
    QApplication.sendEvent(
        combo, QHelpEvent(QEvent.Type.ToolTip, centre, combo.mapToGlobal(centre))
    )
    text = QToolTip.text()
    QToolTip.hideText()
    return text


def _painted_as(combo: QComboBox, index: int, label: str) -> bool:
    """The combo paints its current item as Qt paints the same combo whose item's text is
    ``label`` (which fits, so Qt draws it whole)."""
    painted = combo.grab().toImage()
    full = combo.itemText(index)
    combo.setItemText(index, label)
    try:
        reference = combo.grab().toImage()
    finally:
        combo.setItemText(index, full)
    return painted == reference


def _problems(window: QWidget, where: str) -> list[str]:
    found = []
    for combo in window.findChildren(QComboBox):
        if not combo.isVisible() or combo.isEditable() or combo.count() == 0:
            continue
        current = combo.currentIndex()
        combo.blockSignals(True)  # looking at each item changes nothing in the form
        try:
            for index in range(combo.count()):
                combo.setCurrentIndex(index)
                full = combo.itemText(index)
                label = shown_label(combo)
                what = f"{where}: {combo.objectName() or type(combo).__name__} {full[:50]!r}"
                if combo.fontMetrics().horizontalAdvance(label) > combo.width():
                    found.append(f"{what}: label {label!r} wider than the box")
                if not _whole_words(label, full):
                    found.append(f"{what}: shows {label!r}, not whole words")
                elif label != full and full not in _tooltip(combo):
                    found.append(f"{what}: shortened without the whole text as tooltip")
                elif label != full and not _painted_as(combo, index, label):
                    found.append(f"{what}: does not paint {label!r}")
        finally:
            combo.setCurrentIndex(current)
            combo.blockSignals(False)
    return found


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_closed_combo_cuts_its_text(
    qtbot: QtBot, vault: OpenVault, vault_path: Path, laptop_screen: None, language: str
) -> None:
    use_language(language)
    try:
        problems: list[str] = []
        for shown in every_window(qtbot, vault, vault_path):
            QApplication.processEvents()
            problems += _problems(shown.window, shown.name)
        assert problems == [], "\n".join(sorted(set(problems)))
    finally:
        use_language("nl")


def test_the_z_route_ground_box_shows_whole_words(
    qtbot: QtBot, vault: OpenVault, laptop_screen: None
) -> None:
    """The ground box beside the PIP (its grounds are sentences with their article): the
    Z-route panel shows only with a Z-route below the Besluit's hours, so every_window's
    draft does not show it."""
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        cases = add_demo_cases(session, 12, TODAY)
    window = PipEditorWindow(vault, cases[DRAFT_INDEX], today=TODAY)  # deletes itself
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    form = window.form
    form.route.setCurrentIndex(form.route.findData("z"))
    form.intensity_on.setChecked(True)
    form.total.setValue(600)  # below the Besluit's 800 hours: the panel shows
    box = window.side.exceptions
    qtbot.waitUntil(lambda: bool(box.rows) and box.isVisible(), timeout=5_000)
    QApplication.processEvents()
    grounds = [row.ground for row in box.rows]
    assert grounds and all(ground.count() > 1 for ground in grounds)
    assert _problems(window, "PipEditorWindow[Z-route]") == []
    with closing_for_lock():
        window.close()
