"""Instellingen → Briefhoofd van de gemeente: what every PIP shows at the top.

Edits this laptop's letterhead; when the office publishes one, that one is in force and
the form is shown read-only with a line saying so. A bad value (an empty required field,
a logo that is not a PNG or JPEG, too large, or damaged) is refused with the field named
and nothing is stored.
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

from inburg_desktop.domain.letterhead import Letterhead, LetterheadError, check_logo
from inburg_desktop.i18n import _
from inburg_desktop.services.letterhead import (
    ChosenLetterhead,
    load_letterhead,
    save_local_letterhead,
)
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.notice_bar import NoticeBar


class LetterheadDialog(QDialog):
    saved = Signal()

    def __init__(self, vault: OpenVault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Briefhoofd van de gemeente"))
        self.vault = vault
        self.logo: bytes | None = None
        with vault.session() as session:
            self.chosen: ChosenLetterhead = load_letterhead(session)
        self._build()
        self._show(self.chosen.letterhead)

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

    def _show(self, head: Letterhead) -> None:
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
        problems = list(self.chosen.problems)
        if self.chosen.source == "office":
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
        elif self.chosen.source == "default":
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
        try:
            data = path.read_bytes()
            check_logo(data)
        except OSError as exc:
            self.notice.show_message(
                _("Het bestand kon niet worden gelezen: {error}").format(error=exc.strerror),
                "error",
            )
            return
        except LetterheadError as exc:
            self.notice.show_message(str(exc), "error")
            return
        self._set_logo(data)

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
        try:
            with self.vault.transaction() as session:
                save_local_letterhead(session, self.value())
        except LetterheadError as exc:
            self.notice.show_message(_("Niet opgeslagen: {problem}").format(problem=exc), "error")
            return
        self.saved.emit()
        self.accept()
