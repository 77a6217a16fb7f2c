"""The visible saved state of the intake: "Bezig met opslaan…", "Opgeslagen 14:02", or a
failure in words with what happens next."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QWidget

from inburg_desktop.i18n import _
from inburg_desktop.ui.intake.autosave import AutosaveController
from inburg_desktop.ui.intake.message import MessageLabel


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

    def show_failed(self, error: str) -> None:
        self.setText(_("Niet opgeslagen"))
        self.setStyleSheet("color:#991b1b;font-weight:600")
        if self.notice is not None:
            self.notice.show_message(
                _(
                    "Opslaan is mislukt ({error}). Uw invoer staat nog op het scherm; het "
                    "programma probeert het opnieuw bij de volgende wijziging of met Ctrl+S."
                ).format(error=error),
                "error",
            )
