"""The notice bar shows messages as plain text: they quote file names, a handover file's keys
and a server's words, which a QLabel would otherwise render as HTML."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.ui.notice_bar import NoticeBar


def test_notice_messages_quoting_a_file_are_plain_text(qtbot: QtBot) -> None:
    bar = NoticeBar()
    qtbot.addWidget(bar)
    message = "Het bestand <img src=x>.json is niet geïmporteerd: het veld notes.<b>x</b>"
    bar.show_message(message, "error")
    assert bar.label.textFormat() == Qt.TextFormat.PlainText
    assert bar.text() == message
