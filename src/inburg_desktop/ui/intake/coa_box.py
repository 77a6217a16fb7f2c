"""The "van COA" box of a topic: handover data to confirm or correct (warme overdracht).

Labels and texts come from the sender's file, so they are shown as plain text: a QLabel
would otherwise render anything that looks like HTML (``<img src=…>``, links, styling).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.i18n import _
from inburg_desktop.services.intake_coa import HOUSEHOLD_KEY, CoaItem
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.text_limits import LONG_TEXT_MAX, LimitedPlainTextEdit, connect_message


class CoaItemView(QWidget):
    confirm = Signal(str)
    correct = Signal(str, str)

    def __init__(self, item: CoaItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        head = QHBoxLayout()
        badge = QLabel(_("Van COA"))
        badge.setObjectName("coaBadge")
        head.addWidget(badge)
        title = QLabel(item.label)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setObjectName("sectionTitle")
        title.setWordWrap(True)
        head.addWidget(title, 1)
        layout.addLayout(head)
        self.text = QLabel(item.text)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setObjectName(f"coaText:{item.key}")
        layout.addWidget(self.text)
        self.status = QLabel(self.status_text())
        self.status.setObjectName(f"coaStatus:{item.key}")
        self.status.setStyleSheet("color:#1e3a8a;font-size:9pt")
        layout.addWidget(self.status)
        self.editor = LimitedPlainTextEdit(LONG_TEXT_MAX, self)
        self.editor.setPlainText(item.text)
        self.editor.setObjectName(f"coaEditor:{item.key}")
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(70)
        self.editor.hide()
        layout.addWidget(self.editor)
        self.limit = MessageLabel(self)
        self.limit.setObjectName(f"coaLimit:{item.key}")
        connect_message(self.editor, self.limit)
        layout.addWidget(self.limit)
        buttons = QHBoxLayout()
        confirm_text = (
            _("Klopt, overnemen") if item.key == HOUSEHOLD_KEY else _("Klopt, bevestigen")
        )
        self.confirm_button = QPushButton(confirm_text)
        self.confirm_button.setObjectName(f"coaConfirm:{item.key}")
        self.confirm_button.clicked.connect(lambda: self.confirm.emit(item.key))
        self.correct_button = QPushButton(_("Corrigeren"))
        self.correct_button.setObjectName(f"coaCorrect:{item.key}")
        self.correct_button.clicked.connect(self._start_correcting)
        self.save_button = QPushButton(_("Correctie opslaan"), self)
        self.save_button.setObjectName(f"coaSave:{item.key}")
        self.save_button.clicked.connect(self._save)
        self.save_button.hide()
        for button in (self.confirm_button, self.correct_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.confirm_button.setVisible(not item.confirmed)
        self.correct_button.setVisible(item.key != HOUSEHOLD_KEY)

    def status_text(self) -> str:
        if self.item.corrected:
            return _("Gecorrigeerd door de consulent.")
        if self.item.confirmed:
            return _("Bevestigd in het gesprek.")
        return _("Nog niet bevestigd: vraag of dit klopt.")

    def _start_correcting(self) -> None:
        self.editor.show()
        self.save_button.show()
        self.editor.setFocus()

    def _save(self) -> None:
        if self.editor.over_limit:  # the message beneath says how much shorter
            self.editor.setFocus()
            return
        self.correct.emit(self.item.key, self.editor.toPlainText())


class CoaBox(QFrame):
    confirm = Signal(str)
    correct = Signal(str, str)

    def __init__(self, items: list[CoaItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coaBox")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        intro = QLabel(
            _("Uit de warme overdracht. De inburgeraar hoeft dit niet opnieuw te vertellen.")
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color:#1e3a8a;font-size:9pt")
        layout.addWidget(intro)
        self.views: list[CoaItemView] = []
        for item in items:
            view = CoaItemView(item)
            view.confirm.connect(self.confirm)
            view.correct.connect(self.correct)
            layout.addWidget(view)
            self.views.append(view)
