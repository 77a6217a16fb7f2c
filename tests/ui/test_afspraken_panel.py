"""The talk window's agreements panel (ui/voortgang/afspraken_panel.py): each agreement
of the PIP is shown whole and as written.

The CI run on record found two agreement texts of the demo PIP given less than one line of
height in the talk window, in the full suite only (not reproduced here on its own: the
height test below passes on the old code too; it guards the minimum height that now
follows the label's width). Reading that code found the label rendering the PIP's text,
typed by the consultant, as markup (the first test fails on the old code)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication, QLabel, QScrollArea
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.pip import Actor, Afspraak
from inburg_desktop.services.voortgang import AfspraakRegel, Gesprek
from inburg_desktop.ui.voortgang.afspraken_panel import AfsprakenPanel

LONG = (
    "Aanmelden bij de taalaanbieder en samen met de klantmanager het rooster van de "
    "lessen afstemmen op de kinderopvang"
)


def _panel(qtbot: QtBot, texts: list[str]) -> tuple[QScrollArea, AfsprakenPanel]:
    panel = AfsprakenPanel(lambda _i, _part, _value: None)
    rows = tuple(
        AfspraakRegel(n, Afspraak(Actor.INBURGERAAR, text, date(2026, 1, 10)), None)
        for n, text in enumerate(texts)
    )
    panel.set_rows(rows, Gesprek(nummer=1))
    scroll = QScrollArea()
    scroll.setWidget(panel)
    scroll.setWidgetResizable(True)
    qtbot.addWidget(scroll)
    return scroll, panel


def _agreement_labels(panel: AfsprakenPanel, texts: list[str]) -> list[QLabel]:
    return [
        label
        for label in panel.findChildren(QLabel)
        if any(label.text().startswith(f"{n + 1}. ") for n in range(len(texts)))
    ]


def test_an_agreement_with_markup_is_shown_as_written(qtbot: QtBot) -> None:
    texts = ["<b>Elke</b> les aanwezig zijn <img src='x'>"]
    scroll, panel = _panel(qtbot, texts)
    scroll.show()
    (label,) = _agreement_labels(panel, texts)
    assert label.text().startswith("1. <b>Elke</b> les aanwezig zijn <img src='x'>")
    # drawn as text: its one line is as wide as the characters, tags included
    assert label.sizeHint().width() >= label.fontMetrics().horizontalAdvance("<b>Elke</b>")
    assert label.textFormat().name == "PlainText"


def test_every_agreement_gets_the_height_of_its_lines_at_any_width(qtbot: QtBot) -> None:
    texts = [LONG, "Elke les aanwezig zijn", LONG + " " + LONG]
    scroll, panel = _panel(qtbot, texts)
    scroll.show()
    for width, height in [(900, 300), (420, 200), (260, 140), (600, 120)]:
        scroll.resize(width, height)
        for _ in range(3):  # the minimum follows the width one layout pass later
            QApplication.processEvents()
        squeezed = [
            (label.text()[:20], label.height(), label.heightForWidth(label.width()))
            for label in _agreement_labels(panel, texts)
            if label.height() < label.heightForWidth(label.width())
        ]
        assert squeezed == [], f"at {width}x{height}"
