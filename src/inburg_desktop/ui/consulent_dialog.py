"""Instellingen → Mijn naam als consulent: the name every PIP carries.

Asked before enrollment and before the first PIP is produced (set, exported, printed or
signed) while none is set, and editable here later. A PIP set earlier keeps the name it
was set with. The name is checked by ``services.consulent.check_name`` (empty, too long,
"uw consulent", hidden characters) and the refusal is shown at the field; it is stored
off the GUI thread and the dialog closes only once the vault took it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.pip import MAX_NAAM
from inburg_desktop.i18n import _
from inburg_desktop.messages import error_text
from inburg_desktop.services import consulent as consulenten
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.close_guard import CloseGuard
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.refusal_clears import clear_refusal_on_edit
from inburg_desktop.ui.tasks import TaskGroup
from inburg_desktop.ui.text_limits import LimitedLineEdit


class ConsulentNameDialog(QDialog):
    """Ask for (or change) the consultant's name; :attr:`saved_name` once stored."""

    def __init__(
        self,
        vault: Vault,
        current: str | None = None,
        reason: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("consulentNameDialog")
        self.setWindowTitle(_("Mijn naam als consulent"))
        self.vault = vault
        self.saved_name: str | None = None
        self.tasks = TaskGroup(self)
        column = QVBoxLayout(self)
        intro = QLabel(
            reason
            or _(
                "Elk PIP noemt de consulent bij naam: in het besluit, bij de handtekening en "
                "in de samenvatting in de taal van de inburgeraar. Een PIP dat al is "
                "vastgesteld houdt de naam waarmee het is vastgesteld."
            )
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        column.addWidget(intro)
        form = QFormLayout()
        self.name = LimitedLineEdit(MAX_NAAM)
        self.name.setObjectName("consulentName")
        self.name.setText(current or "")
        self.name.setPlaceholderText(_("Bijvoorbeeld: Sanne de Vries"))
        label = QLabel(_("&Naam:"))
        label.setBuddy(self.name)
        form.addRow(label, self.name)
        column.addLayout(form)
        self.message = MessageLabel(self)
        self.message.setObjectName("consulentNameMessage")
        column.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Op&slaan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self.name.setFocus()
        self.resize(480, self.sizeHint().height())
        self.close_guard = CloseGuard(self, self.save)  # the name typed (ui.close_guard)
        self.close_guard.mark_clean()
        clear_refusal_on_edit(self.message, self)  # a corrected name takes the bar away
        if current is None:  # show what is stored (or the enrolled name) to correct it
            self.tasks.run(lambda _token: consulenten.read(vault), self._loaded, self._failed)

    def reject(self) -> None:
        """Esc, Annuleren and the title bar's ✕ ask first when edits are not saved."""
        if self.close_guard.allows_close():
            super().reject()

    def _loaded(self, result: consulenten.Consulent) -> None:
        if not self.name.text() and result.naam is not None:
            self.name.setText(result.naam)
            self.close_guard.mark_clean()

    def save(self) -> None:
        try:
            text = consulenten.check_name(self.name.text())
        except consulenten.NaamGeweigerd as exc:
            self.message.show_message(error_text(exc), "error")
            self.name.setFocus()
            self.close_guard.save_failed()
            return
        self.buttons.setEnabled(False)
        vault = self.vault
        self.tasks.run(lambda _token: consulenten.save_name(vault, text), self._saved, self._failed)

    def _saved(self, result: consulenten.Consulent) -> None:
        self.saved_name = result.naam
        self.close_guard.mark_clean()  # the dialog closes by accept(), as saved
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.close_guard.save_failed()
        self.message.show_message(error_text(exc), "error")
