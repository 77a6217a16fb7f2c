"""The visible saved state of the intake, always a sentence about saving, so it never
reads as the state of the buttons beside it ("Nog niets gewijzigd" did, usability round 3
finding 13): "✓ Alles opgeslagen" (with the time of the last save once there was one),
"● Wordt opgeslagen…", or "⚠ Niet opgeslagen: …" saying what is not saved or what happens
next, with the failure in words in the notice below.

A failure says what it is (a full disk is a full disk, never "damaged") and that the
input is kept: it stays on screen and pending, and when the cause can clear the autosave
tries again by itself (``AutosaveController``), after which this label says "Alles opgeslagen".

"Opgeslagen" covers only what the vault accepted: while a field holds input it refused
(``set_refused``; a number out of range, a half-typed date), the label says how many
values are not saved ("⚠ Niet opgeslagen: 1 waarde") and its tooltip names the fields;
the reason is said at each field (issue 13, item 2).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QWidget

from inburg_desktop.formatting import format_number, format_time
from inburg_desktop.i18n import _, ngettext
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
        super().__init__(parent)
        self.setObjectName("saveState")
        self.setAccessibleName(_("Opslagstatus"))
        self.notice: MessageLabel | None = None
        self.refused: tuple[str, ...] = ()  # labels of the fields holding refused input
        self._saved_at: datetime | None = None
        self._busy = False  # writing, or a failure on screen: that text stands
        autosave.saving.connect(self.show_saving)
        autosave.saved.connect(self.show_saved)
        autosave.failed.connect(self.show_failed)
        autosave.withdrawn.connect(self.show_settled)
        self._show_settled()

    def show_saving(self) -> None:
        self._busy = True
        self.setText("● " + _("Wordt opgeslagen…"))
        self.setToolTip(_("Uw wijzigingen worden opgeslagen in de kluis op deze laptop."))
        self.setStyleSheet("color:#92400e")

    def show_saved(self, when: object) -> None:
        assert isinstance(when, datetime)
        self._saved_at = when
        self._busy = False
        self._show_settled()
        if self.notice is not None and self.notice.kind == "error":
            self.notice.clear_message()

    def set_refused(self, labels: tuple[str, ...]) -> None:
        """The fields (their labels) whose input was refused and is not saved."""
        if labels == self.refused:
            return
        self.refused = labels
        if not self._busy:
            self._show_settled()

    def show_settled(self) -> None:
        """Nothing left to write (the pending edits were withdrawn)."""
        self._busy = False
        self._show_settled()

    def _show_settled(self) -> None:
        """Nothing being written: saved (with the time), or what is not saved."""
        if self.refused:
            count = len(self.refused)
            self.setText(
                "⚠ "
                + ngettext(
                    "Niet opgeslagen: {count} waarde", "Niet opgeslagen: {count} waarden", count
                ).format(count=format_number(count))
            )
            self.setToolTip(
                _("Niet opgeslagen (de reden staat bij het veld): {fields}").format(
                    fields=", ".join(self.refused)
                )
            )
            self.setStyleSheet("color:#991b1b;font-weight:600")
            return
        self.setToolTip(_("Wat u invult, wordt vanzelf opgeslagen."))
        if self._saved_at is None:  # nothing typed yet: all there is, is in the vault
            self.setText("✓ " + _("Alles opgeslagen"))
            self.setStyleSheet("color:#166534")
            return
        self.setText(
            "✓ " + _("Alles opgeslagen om {time}").format(time=format_time(self._saved_at))
        )
        self.setStyleSheet("color:#166534")

    def show_failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        self._busy = True
        if transient(error):  # the autosave tries again by itself (AutosaveController)
            self.setText("⚠ " + _("Niet opgeslagen: wordt opnieuw geprobeerd"))
        else:
            self.setText("⚠ " + _("Niet opgeslagen: zie de melding"))
        self.setToolTip(failure_text(error))
        self.setStyleSheet("color:#991b1b;font-weight:600")
        if self.notice is not None:
            self.notice.show_message(failure_text(error), "error")
