"""Instellingen → Gesloten dossiers bewaren: the days a closed case stays on this laptop
after its last full sync (``domain.retention``: default, range and why; AVG art. 5 lid 1
c and e). Read and stored off the GUI thread; the dialog closes once the vault took it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.problem import InputRefused
from inburg_desktop.domain.retention import DEFAULT_GRACE_DAYS, MAX_GRACE_DAYS, MIN_GRACE_DAYS
from inburg_desktop.i18n import _, ngettext
from inburg_desktop.messages import error_text, field_refusal
from inburg_desktop.services import retention_setting
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.close_guard import CloseGuard
from inburg_desktop.ui.count_suffix import follow_count
from inburg_desktop.ui.message_label import FullHeightLabel, MessageLabel
from inburg_desktop.ui.tasks import TaskGroup

TYPED_DIGITS = 6
"""Digits a number of days may be typed with: well past the range, so a number outside it
is shown as typed and refused in words, never cut."""


class DaysBox(QSpinBox):
    """Whole days: typed as any number up to :data:`TYPED_DIGITS` digits (or below 0),
    so one outside [:data:`MIN_GRACE_DAYS`, :data:`MAX_GRACE_DAYS`] shows as typed and
    the dialog refuses it in words; the arrow keys and buttons stay within the range."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        limit = 10**TYPED_DIGITS - 1
        self.setRange(-limit, limit)

    def stepBy(self, steps: int) -> None:
        stepped = min(max(self.value() + steps, MIN_GRACE_DAYS), MAX_GRACE_DAYS)
        self.setValue(stepped)
        self.selectAll()

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self.value() < MAX_GRACE_DAYS:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        if self.value() > MIN_GRACE_DAYS:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags


class GraceDialog(QDialog):
    """Show and change the grace period; :attr:`saved_days` once stored."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("graceDialog")
        self.setWindowTitle(_("Gesloten dossiers bewaren"))
        self.vault = vault
        self.saved_days: int | None = None
        self.loaded = False
        self.tasks = TaskGroup(self)
        column = QVBoxLayout(self)
        # What counts as closed (usability round 9, finding 20: nothing on the laptop
        # closes a case, so the consultant could not tell; domain.retention). Full
        # height at any width: the dialog grows with a message, never squeezes its lines.
        intro = FullHeightLabel()
        intro.setText(
            _(
                "Een dossier is afgesloten wanneer het kantoor het sluit of het van uw "
                "caseload haalt. Het staat dan op het kantoor. Op deze laptop blijft het "
                "zoveel dagen na de laatste synchronisatie die alles van het dossier naar "
                "het kantoor bracht; daarna wordt het van deze laptop verwijderd. Zolang "
                "iets van het dossier nog niet bij het kantoor is, blijft het staan."
            )
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        column.addWidget(intro)
        form = QFormLayout()
        self.days = DaysBox()
        self.days.setObjectName("graceDays")
        self.days.setValue(DEFAULT_GRACE_DAYS)
        follow_count(self.days, lambda n: ngettext(" dag", " dagen", n))
        self.label = QLabel(_("&Bewaren na sluiten:"))
        self.label.setBuddy(self.days)
        form.addRow(self.label, self.days)
        self.range_note = FullHeightLabel()
        self.range_note.setText(
            _(
                "Van {minimum} tot en met {maximum} dagen (standaard {default}). Bij 0 "
                "gaat een afgesloten dossier van deze laptop zodra alles ervan bij het "
                "kantoor is."
            ).format(minimum=MIN_GRACE_DAYS, maximum=MAX_GRACE_DAYS, default=DEFAULT_GRACE_DAYS)
        )
        self.range_note.setObjectName("graceRange")
        self.range_note.setTextFormat(Qt.TextFormat.PlainText)
        self.range_note.setWordWrap(True)
        self.range_note.setStyleSheet("color:#4b5563")
        form.addRow("", self.range_note)
        column.addLayout(form)
        self.message = MessageLabel(self)
        column.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Op&slaan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self.days.valueChanged.connect(lambda _days: self._check())
        self.days.setFocus()
        # Esc or ✕ with a number typed asks first, as every window that takes typing does
        # (ui.close_guard; "Opslaan" there saves as the button does)
        self.close_guard = CloseGuard(self, self.save)
        self.close_guard.mark_clean()
        self.tasks.run(
            lambda _token: retention_setting.read_grace(vault), self._loaded, self._failed
        )

    def _loaded(self, days: int) -> None:
        self.days.setValue(days)
        self.close_guard.mark_clean()  # the stored number shows: nothing typed yet
        self.loaded = True

    def reject(self) -> None:
        """Esc, Annuleren and the title bar's ✕ ask first when a number was typed."""
        if self.close_guard.allows_close():
            super().reject()

    def range_problem(self) -> str | None:
        """Why the days typed cannot be stored (outside the range), naming the field."""
        days = self.days.value()
        if MIN_GRACE_DAYS <= days <= MAX_GRACE_DAYS:
            return None
        text = error_text(
            InputRefused(
                "grace_days_range", days=days, minimum=MIN_GRACE_DAYS, maximum=MAX_GRACE_DAYS
            )
        )
        return field_refusal(self.label.text(), text)

    def _check(self) -> None:
        """Say a typed number outside the range as it is typed (it was cut to its first
        digit without a word: usability round 9, finding 20); a number inside takes the
        message away."""
        problem = self.range_problem()
        if problem is not None:
            self.message.show_message(problem, "error")
        elif self.message.kind == "error":
            self.message.clear_message()

    def save(self) -> None:
        problem = self.range_problem()
        if problem is not None:
            self.close_guard.save_failed()  # asked from the close question: it stays open
            self.message.show_message(problem, "error")
            self.days.setFocus(Qt.FocusReason.OtherFocusReason)
            self.days.selectAll()
            return
        self.buttons.setEnabled(False)
        days, vault = self.days.value(), self.vault
        self.tasks.run(
            lambda _token: retention_setting.save_grace(vault, days), self._saved, self._failed
        )

    def _saved(self, days: int) -> None:
        self.saved_days = days
        self.close_guard.mark_clean()  # closes by accept(), as saved
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.close_guard.save_failed()
        self.buttons.setEnabled(True)
        self.message.show_message(error_text(exc), "error")
