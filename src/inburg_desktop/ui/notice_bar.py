"""An inline message bar: errors and confirmations in words, without a modal dialog.

A confirmation ("info": "Dossier toegevoegd.") is news for a moment and goes after
:data:`INFO_SECONDS`; an error, a warning, progress and the demo banner stay until the
next message or the close button (usability round 3: "Dossier toegevoegd." stood in the
main window all day, long after it was true news).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
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

#: How long a confirmation stays, in seconds; long enough to read a two-line sentence.
INFO_SECONDS = 10.0
#: The kinds that go by themselves.
PASSING_KINDS = frozenset({"info"})


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
        self.expiry = QTimer(self)  # owned: stops with the window
        self.expiry.setSingleShot(True)
        self.expiry.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        self.setStyleSheet(f"NoticeBar{{{STYLES[kind]}border-radius:4px}} QLabel{{{STYLES[kind]}}}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label.setText(text)
        self.show()
        if kind in PASSING_KINDS:
            self.expiry.start(round(INFO_SECONDS * 1000))
        else:
            self.expiry.stop()  # an error must not vanish with an earlier confirmation's timer

    def text(self) -> str:
        return self.label.text()
