"""The unlock window: open the vault, or create one on first run.

Key derivation (about half a second) runs off the GUI thread. After repeated wrong
passphrases the button waits a growing number of seconds before the next try.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.i18n import _
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.passphrase_strength import estimate
from inburg_desktop.ui.recovery_words import recovery_text
from inburg_desktop.ui.tasks import CancelToken, TaskGroup

if TYPE_CHECKING:
    from inburg_desktop.services.vault_session import KdfParams, Vault

# The vault's modules (SQLAlchemy, SQLCipher, the error catalogue) are imported when the
# consultant asks to open or create the vault, not before the window shows: about half a
# cold start (ui.app imports them in the background meanwhile).

MAX_DELAY_SECONDS = 30


def failure_delay(failures: int) -> int:
    """Seconds to wait before the next try after ``failures`` wrong passphrases."""
    if failures < 2:
        return 0
    return int(min(2 ** (failures - 1), MAX_DELAY_SECONDS))


class UnlockWindow(QWidget):
    unlocked = Signal(object)  # services.vault_session.Vault

    def __init__(
        self,
        vault_path: Path,
        banner: str | None = None,
        kdf: KdfParams | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault_path = vault_path
        self.creating = not vault_path.exists()
        self.failures = 0
        self._kdf = kdf
        self._wait_left = 0
        self._busy = False
        self.tasks = TaskGroup(self)
        self.setWindowTitle(
            _("inburg-desktop — nieuwe kluis aanmaken")
            if self.creating
            else _("inburg-desktop — kluis openen")
        )
        self.setMinimumWidth(520)

        layout = QVBoxLayout(self)
        if banner:
            demo = QLabel(banner)
            demo.setObjectName("demoBanner")
            demo.setStyleSheet(
                "background:#fff3cd;color:#664d03;padding:8px;border-radius:4px;font-weight:bold"
            )
            layout.addWidget(demo)
        title = QLabel(_("Nieuwe kluis aanmaken") if self.creating else _("Kluis openen"))
        title.setStyleSheet("font-size:18pt;font-weight:bold")
        layout.addWidget(title)
        where = QLabel(_("Kluis: {path}").format(path=str(vault_path)))
        where.setWordWrap(True)
        where.setStyleSheet("color:#555")
        layout.addWidget(where)

        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setMinimumHeight(34)
        form.addRow(_("Wachtwoord"), self.passphrase)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setObjectName("repeat")
        self.repeat.setMinimumHeight(34)
        self.strength = QProgressBar()
        self.strength.setRange(0, 3)
        self.strength.setTextVisible(False)
        self.strength_text = QLabel()
        self.strength_text.setWordWrap(True)
        if self.creating:
            form.addRow(_("Herhaal wachtwoord"), self.repeat)
            form.addRow(_("Sterkte"), self.strength)
            form.addRow("", self.strength_text)
        layout.addLayout(form)

        if self.creating:
            lost = QLabel(
                _(
                    "Belangrijk: het wachtwoord wordt nergens bewaard. Wie het vergeet, "
                    "kan deze kluis niet meer openen en alle dossiers erin zijn dan "
                    "verloren, tenzij deze laptop bij het kantoor is aangemeld: dan kan "
                    "het kantoor de kluis herstellen. Kies een zin van vier of meer "
                    "woorden die u kunt onthouden."
                )
            )
            lost.setWordWrap(True)
            lost.setObjectName("lostWarning")
            lost.setStyleSheet("background:#f8d7da;color:#58151c;padding:8px;border-radius:4px")
            layout.addWidget(lost)
            # a new vault is never enrolled yet: recovery comes with the enrollment
            recovery = QLabel(recovery_text(None))
            recovery.setWordWrap(True)
            recovery.setObjectName("recoveryState")
            layout.addWidget(recovery)

        # a message of a kind: progress ("Bezig met openen…") is not shown as an error
        self.message = MessageLabel()
        self.message.setObjectName("message")
        layout.addWidget(self.message)
        self.button = QPushButton(_("Kluis aanmaken") if self.creating else _("Openen"))
        self.button.setObjectName("unlockButton")
        self.button.setMinimumHeight(40)
        self.button.setDefault(True)
        layout.addWidget(self.button)
        layout.addStretch(1)

        self.button.clicked.connect(self.submit)
        self.passphrase.returnPressed.connect(self.submit)
        self.repeat.returnPressed.connect(self.submit)
        self.passphrase.textChanged.connect(self._update_strength)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._update_strength("")
        self.passphrase.setFocus()

    def _update_strength(self, text: str) -> None:
        if not self.creating:
            return
        strength = estimate(text)
        self.strength.setValue(strength.level)
        hints = {
            0: _("Te zwak. Gebruik minstens 10 tekens, liefst vier losse woorden."),
            1: _("Redelijk. Een extra woord maakt het veel sterker."),
            2: _("Sterk."),
            3: _("Zeer sterk."),
        }
        self.strength_text.setText(hints[strength.level])

    def submit(self) -> None:
        if self._busy or self._wait_left > 0:
            return
        secret = self.passphrase.text()
        if not secret:
            self.message.show_message(_("Vul het wachtwoord in."), "error")
            return
        if self.creating:
            if not estimate(secret).acceptable:
                self.message.show_message(
                    _("Dit wachtwoord is te zwak voor een kluis met dossiers."), "error"
                )
                return
            from inburg_desktop.services.vault_session import normalise

            if normalise(secret) != normalise(self.repeat.text()):
                self.message.show_message(_("De twee wachtwoorden zijn niet gelijk."), "error")
                return
        self._set_busy(True)
        path, kdf = self.vault_path, self._kdf
        creating = self.creating

        from inburg_desktop.services import vault_session

        def work(_token: CancelToken) -> Vault:
            if creating:
                return vault_session.create(path, secret, kdf)
            return vault_session.unlock(path, secret)

        # Closed while the key was derived: the vault opened for nobody is locked again.
        self.tasks.run(work, self._done, self._failed, on_dropped=vault_session.lock)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        if busy:
            self.message.show_message(
                _("Bezig met aanmaken…") if self.creating else _("Bezig met openen…"), "progress"
            )

    def _done(self, vault: Vault) -> None:
        self._set_busy(False)
        self.failures = 0
        self.passphrase.clear()
        self.repeat.clear()
        self.message.clear_message()
        self.unlocked.emit(vault)

    def _failed(self, exc: BaseException) -> None:
        from inburg_desktop.services.errors import WrongPassphrase
        from inburg_desktop.ui.vault_messages import unlock_message

        self._set_busy(False)
        # The field was disabled while the key was derived, which took the keyboard away:
        # give it back with the text selected, so typing again replaces it.
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
        self.passphrase.selectAll()
        if isinstance(exc, WrongPassphrase):
            self.failures += 1
            self._wait_left = failure_delay(self.failures)
            self.message.show_message(
                _("Het wachtwoord is onjuist. De kluis is niet gewijzigd."), "error"
            )
            if self._wait_left:
                self.button.setEnabled(False)
                self._countdown.start()
                self._tick(first=True)
            return
        # Each kind in its own words: "damaged" only when a check of the bytes failed.
        self.message.show_message(unlock_message(exc), "error")

    def _tick(self, first: bool = False) -> None:
        if not first:
            self._wait_left -= 1
        if self._wait_left <= 0:
            self._countdown.stop()
            self._wait_left = 0
            self.button.setEnabled(True)
            self.button.setText(_("Openen"))
            return
        self.button.setText(_("Wacht {seconds} s…").format(seconds=self._wait_left))

    @property
    def waiting_seconds(self) -> int:
        return self._wait_left
