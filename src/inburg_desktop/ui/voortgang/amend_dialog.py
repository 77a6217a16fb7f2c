""" "PIP wijzigen naar aanleiding van dit gesprek": the reason of the amendment, asked
before the draft is made. The talk's number and day go into the reason by themselves
(``services.voortgang.amendment_reason``); the consultant says what changes and why
(Awb art. 3:46: a decision states its grounds)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.formatting import format_date
from inburg_desktop.i18n import _
from inburg_desktop.ui.close_guard import CloseGuard
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.refusal_clears import clear_refusal_on_edit
from inburg_desktop.ui.text_limits import SHORT_TEXT_MAX, LimitedPlainTextEdit, with_message


class AmendDialog(QDialog):
    """Asks the amendment's reason; :attr:`reason` is what was typed (stripped)."""

    def __init__(self, nummer: int, held_on: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("talkAmendDialog")
        self.setWindowTitle(_("PIP wijzigen naar aanleiding van dit gesprek"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Er komt een nieuwe versie van het PIP, met als reden voortgangsgesprek "
                "{number} van {day} en wat u hieronder schrijft. U werkt de wijziging daarna "
                "uit in de PIP-editor en stelt haar daar vast."
            ).format(number=nummer, day=format_date(held_on, style="long"))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        label = QLabel(_("&Reden van de wijziging"))
        self.reason_edit = LimitedPlainTextEdit(SHORT_TEXT_MAX)
        self.reason_edit.setObjectName("talkAmendReason")
        self.reason_edit.setAccessibleName(_("Reden van de wijziging"))
        label.setBuddy(self.reason_edit)
        # as tall as it asks, never taller: the room the dialog has to spare goes to the
        # stretch below, so the refusal line takes none of the field's height
        self.reason_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout.addWidget(label)
        layout.addWidget(with_message(self.reason_edit))
        # the room the dialog has to spare stays above the refusal line: it comes and
        # goes without moving the reason field (usability round 7, finding 8)
        layout.addStretch(1)
        self.notice = MessageLabel()
        layout.addWidget(self.notice)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Wijziging starten"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(560, 260)
        # A reason typed is not dropped by Esc without a question (``ui.close_guard``):
        # "Opslaan" there starts the amendment as the OK button does.
        self.close_guard = CloseGuard(
            self,
            self._save_asked,
            question=lambda: _("U hebt een reden getypt. Wilt u de wijziging starten?"),
            save_text=lambda: _("&Wijziging starten"),
            discard_text=lambda: _("&Niet starten"),
        )
        self.close_guard.mark_clean()
        clear_refusal_on_edit(self.notice, self)  # a reason typed takes the refusal away

    def reject(self) -> None:
        if self.close_guard.allows_close():
            super().reject()

    def _save_asked(self) -> None:
        if not self.reason:
            self.close_guard.save_failed()
            self.reason_edit.setFocus()
            return
        self.close_guard.mark_clean()
        self.accept()

    @property
    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def accept(self) -> None:
        if not self.reason:
            self.notice.show_message(
                _("Zeg waarom het PIP naar aanleiding van dit gesprek wijzigt."), "warning"
            )
            self.reason_edit.setFocus()
            return
        super().accept()
