"""The COA box shows the sender's labels and texts as plain text: a QLabel would render
anything that looks like HTML (an image, a link, styling) from a handover file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.services.intake_coa import CoaItem
from inburg_desktop.ui.intake.coa_box import CoaBox


def test_labels_and_texts_from_the_file_are_plain_text(qtbot: QtBot) -> None:
    label = "Gegevens van COA (<b>let op</b>)"
    text = '<img src="file:///etc/passwd"><a href="https://example.org">klik</a>'
    item = CoaItem("handover.notes.x-0123456789", "opleiding", label, text, False, False)
    box = CoaBox([item])
    qtbot.addWidget(box)
    view = box.views[0]
    title = next(w for w in view.findChildren(type(view.text)) if w.text() == label)
    for shown in (title, view.text):
        assert shown.textFormat() == Qt.TextFormat.PlainText
    assert view.text.text() == text
