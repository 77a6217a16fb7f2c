"""An inline message bar: errors and confirmations in words, without a modal dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from inburg_desktop.i18n import _

STYLES = {
    "error": "background:#f8d7da;color:#58151c;",
    "info": "background:#d1e7dd;color:#0a3622;",
    "warning": "background:#fff3cd;color:#664d03;",
    # something is under way ("Bezig met openen…"): neither good nor bad news yet
    "progress": "background:#e7f1ff;color:#084298;",
    "demo": "background:#fff3cd;color:#664d03;font-weight:bold;",
}


class NoticeBar(QWidget):
    def __init__(self, parent: QWidget | None = None, closable: bool = True) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        # Messages quote file names, a handover file's keys and a server's words: shown as
        # they are, never rendered as HTML (QLabel's default would render "<img …>").
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAccessibleName(_("Melding sluiten"))
        self.close_button.setToolTip(_("Melding sluiten"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        self.close_button.setVisible(closable)
        layout.addWidget(self.close_button)
        self.kind = "info"
        self.hide()

    def show_message(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        self.setStyleSheet(f"NoticeBar{{{STYLES[kind]}border-radius:4px}} QLabel{{{STYLES[kind]}}}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return self.label.text()
