"""Instellingen → Gesloten dossiers bewaren: the days a closed case stays on this laptop
after its last full sync (``domain.retention``: default, range and why; AVG art. 5 lid 1
c and e). Read and stored off the GUI thread; the dialog closes once the vault took it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.retention import DEFAULT_GRACE_DAYS, MAX_GRACE_DAYS, MIN_GRACE_DAYS
from inburg_desktop.i18n import _
from inburg_desktop.messages import error_text
from inburg_desktop.services import retention_setting
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.tasks import TaskGroup


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
        intro = QLabel(
            _(
                "Een afgesloten dossier staat op het kantoor. Op deze laptop blijft het zoveel "
                "dagen na de laatste synchronisatie die alles van het dossier naar het "
                "kantoor bracht; daarna wordt het van deze laptop verwijderd. Zolang iets "
                "van het dossier nog niet bij het kantoor is, blijft het staan."
            )
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        column.addWidget(intro)
        form = QFormLayout()
        self.days = QSpinBox()
        self.days.setObjectName("graceDays")
        self.days.setRange(MIN_GRACE_DAYS, MAX_GRACE_DAYS)
        self.days.setValue(DEFAULT_GRACE_DAYS)
        self.days.setSuffix(_(" dagen"))
        label = QLabel(_("&Bewaren na sluiten:"))
        label.setBuddy(self.days)
        form.addRow(label, self.days)
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
        self.days.setFocus()
        self.tasks.run(
            lambda _token: retention_setting.read_grace(vault), self._loaded, self._failed
        )

    def _loaded(self, days: int) -> None:
        self.days.setValue(days)
        self.loaded = True

    def save(self) -> None:
        self.buttons.setEnabled(False)
        days, vault = self.days.value(), self.vault
        self.tasks.run(
            lambda _token: retention_setting.save_grace(vault, days), self._saved, self._failed
        )

    def _saved(self, days: int) -> None:
        self.saved_days = days
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.show_message(error_text(exc), "error")
