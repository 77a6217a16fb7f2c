"""The session record of one meeting: date, duration, who was present, notices given."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.i18n import _, ngettext
from inburg_desktop.messages import Worded
from inburg_desktop.services.intake_sessions import (
    INTERPRETER_KINDS,
    NOTICES,
    SessionRecord,
    interpreter_label,
    notice_label,
)
from inburg_desktop.ui.close_guard import CloseGuard
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.text_limits import SHORT_TEXT_MAX, LimitedLineEdit, with_message


class SessionDialog(QDialog):
    """Opened with ``open()`` (never a nested event loop: a lock may close it any time)."""

    recorded = Signal(object)  # SessionRecord

    def __init__(self, today: date, minutes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionDialog")
        self.setWindowTitle(_("Gespreksverslag vastleggen"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.date = DateInput(optional=False)
        self.date.set_value(today)
        self.date.setObjectName("sessionDate")
        form.addRow(_("&Datum"), self.date)
        self.duration = QSpinBox()
        self.duration.setObjectName("sessionDuration")
        self.duration.setRange(1, 600)
        # the unit follows the number: "1 minuut", "45 minuten"
        self.duration.valueChanged.connect(self._duration_unit)
        self.duration.setValue(max(1, min(600, minutes)))
        self._duration_unit(self.duration.value())
        form.addRow(_("&Duur"), self.duration)
        self.interpreter = QComboBox()
        self.interpreter.setObjectName("sessionInterpreter")
        for kind in INTERPRETER_KINDS:
            self.interpreter.addItem(interpreter_label(kind), kind)
        form.addRow(_("&Tolk"), self.interpreter)
        self.agency = LimitedLineEdit(SHORT_TEXT_MAX)
        self.agency.setObjectName("sessionAgency")
        form.addRow(_("Tolk&bureau"), with_message(self.agency))
        self.reference = LimitedLineEdit(SHORT_TEXT_MAX)
        self.reference.setObjectName("sessionReference")
        form.addRow(_("&Referentie van de tolk"), with_message(self.reference))
        self.language = LimitedLineEdit(SHORT_TEXT_MAX)
        self.language.setObjectName("sessionLanguage")
        form.addRow(_("Taal van het &gesprek"), with_message(self.language))
        self.others = LimitedLineEdit(SHORT_TEXT_MAX)
        self.others.setObjectName("sessionOthers")
        self.others.setPlaceholderText(_("Bijvoorbeeld: klantmanager, maatschappelijk begeleider"))
        form.addRow(_("&Anderen aanwezig"), with_message(self.others))
        layout.addLayout(form)
        self.notices: dict[str, QCheckBox] = {}
        for notice in NOTICES:
            box = QCheckBox(notice_label(notice))
            box.setObjectName(f"notice:{notice}")
            layout.addWidget(box)
            self.notices[notice] = box
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Opslaan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        # Save refuses while the date is half-typed or impossible (said at the field).
        self.date.validity_changed.connect(self.save_button.setEnabled)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.interpreter.currentIndexChanged.connect(self._interpreter_changed)
        self._interpreter_changed()
        # Esc or ✕ with something typed asks first, like every editing window.
        self.close_guard = CloseGuard(self, self._save_asked)
        self.close_guard.mark_clean()

    def reject(self) -> None:
        if self.close_guard.allows_close():
            super().reject()

    def _save_asked(self) -> None:
        """ "Opslaan" in the close question: record it, or stay when the date is not usable."""
        if not self.date.is_valid():
            self.close_guard.save_failed()
            self.date.setFocus()
            return
        self.close_guard.mark_clean()
        self.accept()

    def _duration_unit(self, minutes: int) -> None:
        self.duration.setSuffix(ngettext(" minuut", " minuten", minutes))

    def _interpreter_changed(self) -> None:
        with_interpreter = self.interpreter.currentData() != "geen"
        for widget in (self.agency, self.reference):
            widget.setEnabled(with_interpreter)

    def record(self) -> SessionRecord:
        """The record as filled in; ``ValueError`` (Dutch) when the date is not usable."""
        picked = self.date.value()
        if picked is None:
            raise Worded(self.date.problem() or _("Vul een datum in (dd-mm-jjjj)."))
        interpreter = str(self.interpreter.currentData())
        with_interpreter = interpreter != "geen"
        return SessionRecord(
            datum=picked,
            duur_minuten=self.duration.value(),
            tolk=interpreter,
            tolk_bureau=self.agency.text().strip() if with_interpreter else "",
            tolk_referentie=self.reference.text().strip() if with_interpreter else "",
            tolk_taal=self.language.text().strip(),
            anderen_aanwezig=self.others.text().strip(),
            mededelingen=tuple(n for n, box in self.notices.items() if box.isChecked()),
        )

    def accept(self) -> None:
        if not self.date.is_valid():
            self.date.say_problem()  # an empty required date too, beneath the field
            self.date.setFocus()
            return
        self.recorded.emit(self.record())
        super().accept()
