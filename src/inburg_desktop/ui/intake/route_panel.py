"""Leerroute advice shown with its reasons; the consultant chooses and records why.

Never applied by itself (AVG art. 22): the panel shows the advice, the notice, and a choice
that is only stored with a reason the consultant typed.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop import formatting
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.route_advice import RouteAdvice
from inburg_desktop.formatting import reason_text
from inburg_desktop.i18n import _
from inburg_desktop.services.route_advice_input import RouteChoice
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.text_limits import LONG_TEXT_MAX, LimitedPlainTextEdit, with_message


def route_label(route: Leerroute | None) -> str:
    return _("Nog geen advies") if route is None else formatting.route_label(route)


class RoutePanel(QWidget):
    choice_made = Signal(object, str)  # Leerroute, reason

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.advice: RouteAdvice | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(10)
        self.advised = QLabel()
        self.advised.setTextFormat(Qt.TextFormat.PlainText)  # data, never markup
        self.advised.setObjectName("advisedRoute")
        self.advised.setStyleSheet("font-size:16pt;font-weight:600")
        layout.addWidget(self.advised)
        self.second_look = MessageLabel(self)
        layout.addWidget(self.second_look)
        self.reasons = QLabel()
        self.reasons.setObjectName("adviceReasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.reasons)
        notice = QFrame()
        notice.setObjectName("hintBox")
        notice_layout = QVBoxLayout(notice)
        self.notice = QLabel()
        self.notice.setTextFormat(Qt.TextFormat.PlainText)  # data, never markup
        self.notice.setObjectName("adviceNotice")
        self.notice.setWordWrap(True)
        notice_layout.addWidget(self.notice)
        layout.addWidget(notice)

        form = QFormLayout()
        # what ``_show_choice`` last put in the dropdown and the reason (route value, text)
        self._shown: tuple[object, str] = (None, "")
        self.route = QComboBox()
        self.route.setObjectName("chosenRoute")
        self.route.addItem(_("— kies een leerroute —"), None)
        for route in Leerroute:
            self.route.addItem(route_label(route), route.value)
        form.addRow(_("Gekozen &leerroute"), self.route)
        self.reason = LimitedPlainTextEdit(LONG_TEXT_MAX)
        self.reason.setObjectName("choiceReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        self.reason.setPlaceholderText(
            _("Waarom deze route? Verplicht, ook als u het advies volgt.")
        )
        form.addRow(_("&Reden van de keuze"), with_message(self.reason))
        layout.addLayout(form)
        self.record = QPushButton(_("Keuze &vastleggen"))
        self.record.setObjectName("recordChoice")
        self.record.clicked.connect(self._record)
        layout.addWidget(self.record, 0, Qt.AlignmentFlag.AlignLeft)
        self.feedback = MessageLabel(self)
        self.feedback.setObjectName("choiceFeedback")
        layout.addWidget(self.feedback)
        self.current = QLabel()
        self.current.setTextFormat(Qt.TextFormat.PlainText)  # data, never markup
        self.current.setObjectName("currentChoice")
        self.current.setWordWrap(True)
        layout.addWidget(self.current)
        layout.addStretch(1)

    def show_advice(self, advice: RouteAdvice, choice: RouteChoice | None) -> None:
        self.advice = advice
        self.advised.setText(_("Advies: {route}").format(route=route_label(advice.route)))
        if advice.second_look:
            self.second_look.show_message(
                _("Kijk nog eens goed: zie de redenen hieronder."), "demo"
            )
        else:
            self.second_look.clear_message()
        items = "".join(f"<li>{escape(reason_text(r))}</li>" for r in advice.reasons)
        heading = _("Redenen")
        self.reasons.setText(f"<b>{escape(heading)}</b><ul>{items}</ul>")
        self.notice.setText(reason_text(advice.notice))
        if choice is None:
            self.current.setText(_("Nog geen leerroute gekozen."))
        else:
            self.current.setText(
                _("Vastgelegd: {route}. Reden: {reason}").format(
                    route=route_label(choice.route), reason=choice.reason
                )
            )
        self._show_choice(choice)

    def _show_choice(self, choice: RouteChoice | None) -> None:
        """The dropdown and the reason show the recorded choice (usability round 4,
        item 6: the dropdown said "— kies een leerroute —" beside "Vastgelegd:
        B1-route"), unless the consultant changed either since they were last filled: a
        choice being made is not undone by looking at another tab and back."""
        edited = (self.route.currentData(), self.reason.toPlainText()) != self._shown
        if edited:
            return
        value = None if choice is None else choice.route.value
        reason = "" if choice is None else choice.reason
        self.route.setCurrentIndex(max(self.route.findData(value), 0))
        if self.reason.toPlainText() != reason:
            self.reason.setPlainText(reason)
        self._shown = (value, reason)

    def _record(self) -> None:
        value = self.route.currentData()
        reason = self.reason.toPlainText().strip()
        if value is None:
            self.feedback.show_message(_("Kies eerst een leerroute."), "error")
            self.route.setFocus()
            return
        if self.reason.over_limit:
            self.feedback.show_message(
                _("De reden is te lang; maak hem korter (zie hierboven)."), "error"
            )
            self.reason.setFocus()
            return
        if not reason:
            self.feedback.show_message(
                _("Geef een reden voor de keuze. Het advies beslist niet zelf (AVG art. 22)."),
                "error",
            )
            self.reason.setFocus()
            return
        self.feedback.show_message(_("De keuze is vastgelegd."), "info")
        # what is on screen is what is recorded now: the refresh after it may fill it in
        self._shown = (value, self.reason.toPlainText())
        self.choice_made.emit(Leerroute(value), reason)
