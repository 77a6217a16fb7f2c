"""The Tolkscherm's Taal box shows its language whole where the view has room (usability
round 8, finding 8: "Arabisch — العربية (voorkeurstaal)" read "Arabisch — العربية …" in a
view 1000 px wide). Beside the intake, where the view is narrow, it may shorten to whole
words (``test_combo_labels_whole``); it never makes the view wider than it was."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.ui.app import use_language
from inburg_desktop.ui.interpreter_window import InterpreterWindow


def _contents_width(combo: QComboBox) -> int:
    """What Qt gives a box of the same items sized to its contents."""
    probe = QComboBox()
    probe.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    probe.setFont(combo.font())
    probe.setStyleSheet(combo.styleSheet())
    for index in range(combo.count()):
        probe.addItem(combo.itemText(index))
    return probe.sizeHint().width()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_language_box_is_as_wide_as_its_longest_name_where_there_is_room(
    qtbot: QtBot, language: str
) -> None:
    use_language(language)
    try:
        view = InterpreterWindow(shipped_catalogue(), ("ar",), preferred="ar")
        qtbot.addWidget(view)
        narrow = view.minimumSizeHint().width()
        view.resize(1000, 620)
        view.show()
        QApplication.processEvents()
        assert view.language.width() >= _contents_width(view.language)
        # narrow as before: the box does not hold the view wide
        assert view.minimumSizeHint().width() == narrow
        view.resize(narrow, 620)
        QApplication.processEvents()
        assert view.width() == narrow
    finally:
        use_language("nl")
