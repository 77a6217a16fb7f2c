"""The focus ring of a combo or spin box is drawn whole (issue 13 item 15, "focus
rectangles clipped"): the platform's arrow buttons used to be painted over the right edge
of the rounded border, cutting the blue ring off where the keyboard is. Checked on the
pixels of real fields in the intake window."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QComboBox, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.intake.style import STYLE_SHEET
from inburg_desktop.ui.intake.window import IntakeWindow

FOCUS = QColor("#2563eb")
CORNER = 6  # the rounded corners are left out


def _ring_is_whole(image: QImage) -> bool:
    """Every pixel of the right and bottom edges (2 px wide, corners left out) is the
    focus colour, and nothing dark is painted against the ring's inside (the platform's
    arrow button frame drew a dark line there, over the rounded corner)."""
    width, height = image.width(), image.height()
    edges = [(x, y) for y in range(CORNER, height - CORNER) for x in (width - 1, width - 2)]
    edges += [(x, y) for x in range(CORNER, width - CORNER) for y in (height - 1, height - 2)]
    inside = [(width - 3, y) for y in range(CORNER, height - CORNER)]
    inside += [(x, height - 3) for x in range(CORNER, width - CORNER)]
    return all(_close(image.pixelColor(x, y), FOCUS) for x, y in edges) and all(
        image.pixelColor(x, y).lightness() > 180 for x, y in inside
    )


def _close(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) < 40


def _focused_image(qtbot: QtBot, widget: QWidget) -> QImage:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    return widget.grab().toImage()


def test_a_focused_combo_box_in_the_intake_has_its_whole_ring(
    qtbot: QtBot, vault: OpenVault
) -> None:
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1)
    window = IntakeWindow(vault, case_id)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.panel is not None and window.panel.isVisible())
    assert window.panel is not None
    combos = [c for c in window.panel.findChildren(QComboBox) if c.isVisible()]
    assert combos
    assert _ring_is_whole(_focused_image(qtbot, combos[0]))


def test_a_focused_spin_box_under_the_intake_style_has_its_whole_ring(qtbot: QtBot) -> None:
    root = QWidget()
    root.setStyleSheet(STYLE_SHEET)
    spin = QSpinBox(root)
    spin.resize(240, 34)
    qtbot.addWidget(root)
    root.resize(260, 60)
    root.show()
    root.activateWindow()
    qtbot.waitUntil(root.isActiveWindow)
    assert _ring_is_whole(_focused_image(qtbot, spin))
