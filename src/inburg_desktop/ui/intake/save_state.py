"""The visible saved state of the intake: "Bezig met opslaan…", "Opgeslagen 14:02", or a
failure in words with what happens next.

A failure says what it is (a full disk is a full disk, never "damaged") and that the
input is kept: it stays on screen and pending, and when the cause can clear the autosave
tries again by itself (``AutosaveController``), after which this label says "Opgeslagen".
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QWidget

from inburg_desktop.i18n import _
from inburg_desktop.ui.intake.autosave import AutosaveController
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.vault_messages import cause, remedy, transient


def failure_text(error: BaseException) -> str:
    """What the notice says after a failed save: cause, the input is kept, what to do."""
    if transient(error):
        return _(
            "Niet opgeslagen: {cause} Uw invoer staat nog op het scherm en wordt vanzelf "
            "opgeslagen zodra het weer kan (of meteen met Ctrl+S). {remedy}"
        ).format(cause=cause(error), remedy=remedy(error))
    return _(
        "Niet opgeslagen: {cause} Uw invoer staat nog op het scherm; het programma probeert "
        "het opnieuw bij de volgende wijziging of met Ctrl+S. {remedy}"
    ).format(cause=cause(error), remedy=remedy(error))


class SaveStateLabel(QLabel):
    def __init__(self, autosave: AutosaveController, parent: QWidget | None = None) -> None:
        super().__init__(_("Nog niets gewijzigd"), parent)
        self.setObjectName("saveState")
        self.setAccessibleName(_("Opslagstatus"))
        self.notice: MessageLabel | None = None
        autosave.saving.connect(self.show_saving)
        autosave.saved.connect(self.show_saved)
        autosave.failed.connect(self.show_failed)

    def show_saving(self) -> None:
        self.setText(_("● Bezig met opslaan…"))
        self.setStyleSheet("color:#92400e")

    def show_saved(self, when: object) -> None:
        assert isinstance(when, datetime)
        self.setText(_("✓ Opgeslagen {time}").format(time=when.strftime("%H:%M")))
        self.setStyleSheet("color:#166534")
        if self.notice is not None and self.notice.kind == "error":
            self.notice.clear_message()

    def show_failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        self.setText(_("Niet opgeslagen"))
        self.setStyleSheet("color:#991b1b;font-weight:600")
        if self.notice is not None:
            self.notice.show_message(failure_text(error), "error")
