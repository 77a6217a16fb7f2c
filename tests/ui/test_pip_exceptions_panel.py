"""The Z-route exception panel beside the PIP at 1366×768 (usability round 3, finding 3):
it fits the side panel at the editor's default width (nothing cut off at the right, no
sideways scrolling), the splitter between the panels can be seen and grabbed, every ground
shows its words with the article as a citation, and showing the panel moves nothing
sideways (the splitter's parts keep their widths).

With INBURG_SCREENSHOTS=1 it writes docs/screenshots/pip-editor-z-route-exceptions.png."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication, QSplitter
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.services import consulent
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.pip import PipEditorWindow

TODAY = date(2026, 11, 2)
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CITATION = re.compile(r"\((Besluit|Wet) art\. [0-9.]+( lid \d+)?.*\)$")


def test_the_z_route_panel_fits_shows_words_and_stays_put(qtbot: QtBot, vault: OpenVault) -> None:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        cases = add_demo_cases(session, 12, TODAY)
    window = PipEditorWindow(vault, cases[DRAFT_INDEX], today=TODAY)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    split = window.findChild(QSplitter)
    assert split is not None
    assert split.handleWidth() >= 5  # wide enough to see and to grab
    assert split.handle(1).styleSheet() or split.styleSheet()  # drawn, not the bare gap
    before = split.sizes()
    form = window.form
    form.route.setCurrentIndex(form.route.findData("z"))
    form.intensity_on.setChecked(True)
    form.total.setValue(600)  # below the Besluit's 800 hours: the panel shows
    box = window.side.exceptions
    qtbot.waitUntil(lambda: bool(box.rows) and box.isVisible(), timeout=5_000)
    QApplication.processEvents()
    assert split.sizes() == before  # nothing jumped sideways
    side = window.side
    details = side.details  # the part below "Nog nodig" that holds the exceptions
    assert details.horizontalScrollBar().maximum() == 0  # nothing beyond the right edge
    for row in box.rows:
        assert row.geometry().right() <= details.viewport().width()
        # the closed combo asks no more width than the panel has: nothing cut off
        assert row.ground.sizeHint().width() <= row.width(), row.code
        for index in range(1, row.ground.count()):
            text = row.ground.itemText(index)
            assert CITATION.search(text), text  # the words first, the article cited
            assert not text.startswith(("Besluit art.", "Wet art.")), text
    # Choosing a ground and typing the motivering: the list of what is missing shrinks,
    # the row being typed in stays where it is; the ground chosen reads in full.
    first = box.rows[0]
    body = details.widget()
    assert body is not None
    top = first.mapTo(body, first.rect().topLeft()).y()
    missing = len(side.missing_texts)
    first.ground.setCurrentIndex(1)
    qtbot.keyClicks(first.motivering, "Heeft al 300 uur gevolgd in de B1-route.")
    qtbot.waitUntil(lambda: len(side.missing_texts) < missing, timeout=5_000)
    QApplication.processEvents()
    assert first.mapTo(body, first.rect().topLeft()).y() == top
    assert first.chosen.isVisible() and first.chosen.text() == first.ground.itemText(1)
    hours = window.form.total
    hours.setValue(500)  # the warning's words follow the hours, the row stays
    QApplication.processEvents()
    assert box.rows[0] is first and "500" in first.text.text()
    if os.environ.get("INBURG_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / "pip-editor-z-route-exceptions.png"))
