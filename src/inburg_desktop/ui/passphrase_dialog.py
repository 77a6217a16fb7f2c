"""Instellingen → Wachtwoord wijzigen: a new passphrase, and after a suspected compromise
also a new key for the whole vault.

A change re-wraps the vault key (seconds; the vault file stays as it is). With "also a new
key" the vault is re-encrypted under a new raw key (``OpenVault.rotate_key``), so a copy
of the old key file with the old passphrase no longer opens it; docs/vault.md says what
each protects against. The current passphrase is asked again first. The work runs off the
GUI thread; a failure says what happened and that nothing changed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.i18n import _
from inburg_desktop.services import vault_session
from inburg_desktop.services.errors import WrongPassphrase
from inburg_desktop.services.vault_session import KdfParams, Vault, normalise
from inburg_desktop.ui.close_guard import CloseGuard
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.passphrase_strength import estimate
from inburg_desktop.ui.refusal_clears import clear_refusal_on_edit
from inburg_desktop.ui.tasks import CancelToken, TaskGroup
from inburg_desktop.ui.vault_messages import cause, remedy


class PassphraseDialog(QDialog):
    changed = Signal(str)  # a confirmation for the window's notice bar

    def __init__(
        self, vault: Vault, parent: QWidget | None = None, kdf: KdfParams | None = None
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self._kdf = kdf
        self.busy = False
        self.tasks = TaskGroup(self)
        self.setWindowTitle(_("Wachtwoord wijzigen"))
        self.setMinimumWidth(560)
        column = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Een nieuw wachtwoord beschermt de kluis tegen wie het oude wachtwoord later "
                "te weten komt. Wie al een kopie van de kluis met het oude sleutelbestand "
                "heeft (een verloren USB-stick, een oude reservekopie), komt met het oude "
                "wachtwoord nog steeds binnen. Vermoedt u dat, kies dan ook voor een nieuwe "
                "sleutel: dan wordt de hele kluis opnieuw versleuteld."
            )
        )
        intro.setWordWrap(True)
        column.addWidget(intro)

        form = QFormLayout()
        self.current = self._secret("current")
        self.new = self._secret("new")
        self.repeat = self._secret("repeat")
        self.strength = QProgressBar()
        self.strength.setRange(0, 3)
        self.strength.setTextVisible(False)
        self.strength_text = QLabel()
        self.strength_text.setWordWrap(True)
        form.addRow(_("Huidig wachtwoord"), self.current)
        form.addRow(_("Nieuw wachtwoord"), self.new)
        form.addRow(_("Herhaal nieuw wachtwoord"), self.repeat)
        form.addRow(_("Sterkte"), self.strength)
        form.addRow("", self.strength_text)
        column.addLayout(form)

        self.rotate = QCheckBox(
            _(
                "Ook een nieuwe sleutel: de kluis opnieuw versleutelen (na een vermoeden "
                "dat iemand het wachtwoord, het sleutelbestand of een kopie van de kluis heeft)"
            )
        )
        self.rotate.setObjectName("rotate")
        column.addWidget(self.rotate)

        # a message of a kind: progress ("Bezig…") is not shown as an error
        self.message = MessageLabel()
        self.message.setObjectName("message")
        column.addWidget(self.message)

        buttons = QDialogButtonBox()
        self.ok = QPushButton(_("Wijzigen"))
        self.ok.setObjectName("changeButton")
        self.ok.setDefault(True)
        buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.new.textChanged.connect(self._update_strength)
        self._update_strength("")
        self.current.setFocus()
        # Esc or ✕ with passphrases typed asks first, like every window that takes input.
        self.close_guard = CloseGuard(
            self,
            self.submit,
            question=lambda: _(
                "Het wachtwoord is nog niet gewijzigd; wat u typte, gaat verloren. Nu wijzigen?"
            ),
            save_text=lambda: _("&Wijzigen"),
            discard_text=lambda: _("&Niet wijzigen"),
        )
        self.close_guard.mark_clean()
        clear_refusal_on_edit(self.message, self)  # a corrected field takes the bar away

    def reject(self) -> None:
        if self.close_guard.allows_close():
            super().reject()

    def _secret(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setObjectName(name)
        edit.setMinimumHeight(32)
        return edit

    def _update_strength(self, text: str) -> None:
        strength = estimate(text)
        self.strength.setValue(strength.level)
        self.strength_text.setText(
            {
                0: _("Te zwak. Gebruik minstens 10 tekens, liefst vier losse woorden."),
                1: _("Redelijk. Een extra woord maakt het veel sterker."),
                2: _("Sterk."),
                3: _("Zeer sterk."),
            }[strength.level]
        )

    def submit(self) -> None:
        if self.busy:
            return
        current, new = self.current.text(), self.new.text()
        rotate = self.rotate.isChecked()
        if not current:
            self.message.show_message(_("Vul het huidige wachtwoord in."), "error")
            self.close_guard.save_failed()
            return
        if not estimate(new).acceptable:
            self.message.show_message(
                _("Dit wachtwoord is te zwak voor een kluis met dossiers."), "error"
            )
            self.close_guard.save_failed()
            return
        if normalise(new) != normalise(self.repeat.text()):
            self.message.show_message(_("De twee nieuwe wachtwoorden zijn niet gelijk."), "error")
            self.close_guard.save_failed()
            return
        if normalise(new) == normalise(current) and not rotate:
            self.message.show_message(
                _("Het nieuwe wachtwoord is gelijk aan het huidige."), "error"
            )
            self.close_guard.save_failed()
            return
        self._set_busy(True, rotate)
        vault, kdf = self.vault, self._kdf

        def work(_token: CancelToken) -> bool:
            vault_session.verify_passphrase(vault, current)
            if rotate:
                vault_session.rotate_key(vault, new, kdf)
            else:
                vault_session.rewrap_key(vault, new, kdf)
            return rotate

        self.tasks.run(work, self._done, self._failed)

    def _set_busy(self, busy: bool, rotate: bool = False) -> None:
        self.busy = busy
        for widget in (self.current, self.new, self.repeat, self.rotate, self.ok):
            widget.setEnabled(not busy)
        if busy:
            self.message.show_message(
                _("De kluis wordt opnieuw versleuteld…") if rotate else _("Bezig…"), "progress"
            )

    def _done(self, rotated: bool) -> None:
        self._set_busy(False)
        for edit in (self.current, self.new, self.repeat):
            edit.clear()
        self.close_guard.mark_clean()
        self.message.clear_message()
        self.changed.emit(
            _(
                "De kluis is opnieuw versleuteld met een nieuwe sleutel en opent voortaan "
                "alleen met het nieuwe wachtwoord."
            )
            if rotated
            else _("Het wachtwoord is gewijzigd.")
        )
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.close_guard.save_failed()
        if isinstance(exc, WrongPassphrase):
            self.message.show_message(
                _("Het huidige wachtwoord is onjuist. Er is niets gewijzigd."), "error"
            )
            self.current.selectAll()
            self.current.setFocus()
            return
        still_new = getattr(exc, "backups_on_new_passphrase", ())
        if still_new:
            # Not "nothing changed": a backup's key file could not be put back.
            self.message.show_message(
                _(
                    "{cause} Het wachtwoord is niet gewijzigd, maar de reservekopie {names} "
                    "opent nu met het nieuwe wachtwoord; dat wordt bij het volgende openen "
                    "van de kluis rechtgezet. {remedy}"
                ).format(cause=cause(exc), names=", ".join(still_new), remedy=remedy(exc)),
                "error",
            )
            return
        self.message.show_message(
            _("{cause} Er is niets gewijzigd. {remedy}").format(
                cause=cause(exc), remedy=remedy(exc)
            ),
            "error",
        )
