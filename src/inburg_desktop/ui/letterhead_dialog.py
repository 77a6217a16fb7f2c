"""Instellingen → Briefhoofd van de gemeente: what every PIP shows at the top.

Edits this laptop's letterhead; when the office publishes one, that one is in force and
the form is shown read-only with a line saying so. A bad value (an empty required field,
a logo that is not a PNG or JPEG, too large, or does not decode to the end) is refused
with the field named and nothing is stored. A chosen logo is decoded in full and
re-encoded off the GUI thread (services.letterhead.read_logo_file); the preview shows
what will be stored.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.letterhead import Letterhead, LetterheadError
from inburg_desktop.i18n import _
from inburg_desktop.messages import error_text, file_problem
from inburg_desktop.services.errors import VaultError
from inburg_desktop.services.letterhead import (
    ChosenLetterhead,
    chosen_letterhead,
    read_logo_file,
    set_local_letterhead,
)
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.close_guard import CloseGuard, FieldValue, field_values
from inburg_desktop.ui.first_field import focus_first_field
from inburg_desktop.ui.notice_bar import NoticeBar
from inburg_desktop.ui.tasks import TaskGroup


class LetterheadDialog(QDialog):
    saved = Signal()
    loaded = Signal()  # the stored letterhead is shown (read off the GUI thread)

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Briefhoofd van de gemeente"))
        self.vault = vault
        self.tasks = TaskGroup(self)
        self.logo: bytes | None = None
        self.chosen: ChosenLetterhead | None = None
        self._build()
        # every field and the logo (ui.close_guard); clean again once the stored one shows
        self.close_guard = CloseGuard(
            self,
            self.save,
            state=lambda: field_values(self) | {"logo": FieldValue(_("Logo"), self.logo)},
        )
        self.close_guard.mark_clean()
        self.save_button.setEnabled(False)  # until the stored letterhead is shown
        self.logo_button.setEnabled(False)
        self.tasks.run(lambda _token: chosen_letterhead(vault), self._loaded, self._load_failed)

    def reject(self) -> None:
        """Esc, Annuleren and the title bar's ✕ ask first when edits are not saved."""
        if self.close_guard.allows_close():
            super().reject()

    def _loaded(self, chosen: ChosenLetterhead) -> None:
        self.chosen = chosen
        self.save_button.setEnabled(True)
        self.logo_button.setEnabled(True)
        self._show(chosen)
        self.close_guard.mark_clean()
        focus_first_field(self)  # not the logo button (usability round 6 #14)
        self.loaded.emit()

    def _load_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, VaultError):
            raise exc
        self.notice.show_message(str(exc), "error")

    def _build(self) -> None:
        column = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Dit staat boven aan elk PIP. Het postadres is waar de inburgeraar bezwaar "
                "naartoe stuurt."
            )
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.notice = NoticeBar(self)
        column.addWidget(self.notice)
        form = QFormLayout()
        self.name = QLineEdit()
        self.college = QLineEdit()
        self.address_1 = QLineEdit()
        self.address_2 = QLineEdit()
        self.postal = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.website = QLineEdit()
        self.address_2.setAccessibleName(_("Bezoekadres, tweede regel"))
        for label, edit in (
            (_("Naam van de gemeente *"), self.name),
            (_("Besluit namens *"), self.college),
            (_("Bezoekadres"), self.address_1),
            ("", self.address_2),
            (_("Postadres voor bezwaar *"), self.postal),
            (_("Telefoon *"), self.phone),
            (_("E-mail"), self.email),
            (_("Website"), self.website),
        ):
            form.addRow(label, edit)
        logo_row = QHBoxLayout()
        self.logo_preview = QLabel()
        self.logo_preview.setMinimumSize(120, 48)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_button = QPushButton(_("Logo kiezen…"))
        self.logo_button.clicked.connect(self.choose_logo)
        self.logo_clear = QPushButton(_("Geen logo"))
        self.logo_clear.clicked.connect(lambda: self._set_logo(None))
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(self.logo_button)
        logo_row.addWidget(self.logo_clear)
        logo_row.addStretch(1)
        form.addRow(_("Logo (PNG of JPEG)"), logo_row)
        column.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Opslaan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.resize(620, 0)

    def _show(self, chosen: ChosenLetterhead) -> None:
        head = chosen.letterhead
        self.name.setText(head.name)
        self.college.setText(head.college)
        lines = [*head.address_lines, "", ""]
        self.address_1.setText(lines[0])
        self.address_2.setText(lines[1])
        self.postal.setText(head.postal_address)
        self.phone.setText(head.phone)
        self.email.setText(head.email)
        self.website.setText(head.website)
        self._set_logo(head.logo)
        problems = list(chosen.problems)
        if chosen.source == "office":
            self.notice.show_message(
                _(
                    "Het kantoor bepaalt dit briefhoofd; het komt mee bij het "
                    "synchroniseren en kan hier niet worden gewijzigd."
                ),
                "info",
            )
            for edit in self.findChildren(QLineEdit):
                edit.setReadOnly(True)
            self.logo_button.setEnabled(False)
            self.logo_clear.setEnabled(False)
            self.save_button.setEnabled(False)
        elif chosen.source == "default":
            problems.append(_("Dit zijn standaardgegevens; vul de gegevens van uw gemeente in."))
        if problems:
            self.notice.show_message(" ".join(problems), "warning")

    def _set_logo(self, logo: bytes | None) -> None:
        self.logo = logo
        if logo is None:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(_("(geen logo)"))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(logo)
        self.logo_preview.setPixmap(
            pixmap.scaled(
                120,
                48,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def choose_logo(self) -> None:
        path = dialogs.choose_open_file(
            self, _("Logo kiezen"), _("Afbeeldingen (*.png *.jpg *.jpeg)")
        )
        if path is None:
            return
        # Decoding and re-encoding a large photo takes a moment: off the GUI thread.
        self.logo_button.setEnabled(False)
        self.logo_clear.setEnabled(False)
        self.save_button.setEnabled(False)
        self.tasks.run(lambda _token: read_logo_file(path), self._logo_read, self._logo_refused)

    def _logo_done(self) -> None:
        """Buttons back (a dialog closed meanwhile never gets here: ``TaskGroup``)."""
        self.logo_button.setEnabled(True)
        self.logo_clear.setEnabled(True)
        self.save_button.setEnabled(True)

    def _logo_read(self, logo: bytes) -> None:
        self._logo_done()
        if self.notice.kind == "error":  # an earlier file's refusal no longer applies
            self.notice.hide()
        self._set_logo(logo)

    def _logo_refused(self, exc: BaseException) -> None:
        self._logo_done()
        if isinstance(exc, LetterheadError):
            self.notice.show_message(exc.text(_), "error")
        elif isinstance(exc, OSError):
            self.notice.show_message(
                _("Het bestand kon niet worden gelezen: {error}").format(error=file_problem(exc)),
                "error",
            )
        else:
            raise exc

    def value(self) -> Letterhead:
        return Letterhead(
            name=self.name.text(),
            college=self.college.text(),
            address_lines=tuple(
                line for line in (self.address_1.text(), self.address_2.text()) if line.strip()
            ),
            postal_address=self.postal.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            website=self.website.text(),
            logo=self.logo,
            is_default=False,
        )

    def save(self) -> None:
        """Write off the GUI thread (the logo is re-encoded there too); close once stored."""
        vault, value = self.vault, self.value()
        self.save_button.setEnabled(False)
        self.tasks.run(
            lambda _token: set_local_letterhead(vault, value), self._saved, self._save_failed
        )

    def _saved(self, _result: None) -> None:
        self.save_button.setEnabled(True)
        self.close_guard.mark_clean()  # the dialog closes by accept(), as saved
        self.saved.emit()
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.close_guard.save_failed()
        if isinstance(exc, LetterheadError | VaultError):
            # A letterhead refusal is worded by the domain (a msgid); a vault problem by code.
            problem = exc.text(_) if isinstance(exc, LetterheadError) else error_text(exc)
            self.notice.show_message(
                _("Niet opgeslagen: {problem}").format(problem=problem), "error"
            )
        else:
            raise exc
