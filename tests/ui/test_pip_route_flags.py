"""Choosing a Z-route flags at once what does not fit it (usability round 4, finding 11):
the B1-route's KNM exam at DUO was flagged only when "PIP vaststellen" refused it, and the
deviations the Besluit allows (Afwijken) pushed "Nog nodig voor vaststellen" out of sight.

The rules are ``pip_rules`` (which field a rule is about: ``RULE_FIELDS``); the editor
shows them at the field as the route changes, and both lists beside the form at once."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRect
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.services import consulent
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.pip import PipEditorWindow

TODAY = date(2026, 11, 2)
KNM_IN_Z = "In de Z-route is KNM deel van de lesuren"
PARTICIPATION_IN_Z = "In de Z-route horen 800 uur participatie"


def _in_sight(widget: QWidget) -> bool:
    """Shown, with its first line (its top 20 px) not scrolled out of its scroll area."""
    top = QRegion(QRect(0, 0, widget.width(), min(20, widget.height())))
    return widget.isVisible() and widget.visibleRegion().intersected(top) == top


def _flags(window: PipEditorWindow, words: str) -> list[QLabel]:
    """The labels inside the form (not the side panel) that say ``words``."""
    return [
        label
        for label in window.form.findChildren(QLabel)
        if words in label.text() and label.isVisible()
    ]


def _window(qtbot: QtBot, vault: OpenVault, height: int = 768) -> PipEditorWindow:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        cases = add_demo_cases(session, 12, TODAY)
    window = PipEditorWindow(vault, cases[DRAFT_INDEX], today=TODAY)
    qtbot.addWidget(window)
    window.resize(1366, height)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    return window


def test_choosing_the_z_route_flags_the_fields_at_once(qtbot: QtBot, vault: OpenVault) -> None:
    window = _window(qtbot, vault)
    form = window.form
    assert form.knm.currentText() == "Examen bij DUO"  # the B1-route draft's choice
    assert _flags(window, KNM_IN_Z) == []
    form.route.setFocus()
    form.route.setCurrentIndex(form.route.findData("z"))  # as the consultant picks it
    QApplication.processEvents()
    # At the KNM field, red (it stops the setting), before anything is pressed.
    (knm_flag,) = _flags(window, KNM_IN_Z)
    assert knm_flag.parentWidget() is form.knm.parentWidget()  # in the KNM's own group
    assert "#f8d7da" in knm_flag.styleSheet()
    # The participation hours the Besluit allows lower with a ground: amber, at PVT/MAP.
    hours_flags = _flags(window, PARTICIPATION_IN_Z)
    assert hours_flags and all("#fff3cd" in f.styleSheet() for f in hours_flags)
    # Back to the B1-route: the flags go.
    form.route.setCurrentIndex(form.route.findData("b1"))
    QApplication.processEvents()
    assert _flags(window, KNM_IN_Z) == [] and _flags(window, PARTICIPATION_IN_Z) == []


def test_nog_nodig_and_afwijken_are_both_in_sight(qtbot: QtBot, vault: OpenVault) -> None:
    # At 1366×768 a window manager's title bar and a taskbar leave the window about 700 px
    # (round 4, screenshot 41-zroute: "Nog nodig" was below the deviations, out of sight).
    window = _window(qtbot, vault, height=700)
    form = window.form
    form.route.setCurrentIndex(form.route.findData("z"))
    form.intensity_on.setChecked(True)
    form.total.setValue(600)  # fewer course hours than the Besluit's 800: a second ground
    side = window.side
    qtbot.waitUntil(lambda: len(side.exceptions.rows) >= 2, timeout=5_000)
    QApplication.processEvents()
    assert any(KNM_IN_Z in text for text in side.missing_texts)
    # Both at once, without scrolling: the to-do list with its title and the first
    # deviation with its ground.
    assert _in_sight(side.missing_title) and _in_sight(side.missing)
    assert _in_sight(side.exceptions.rows[0].ground)
