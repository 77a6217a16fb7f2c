"""Progress per PIP agreement at a talk: for each agreement of the PIP in force, a choice
of on track / behind / ahead (with the proposal of ``domain.voortgang.suggest_stand`` shown
beside it, and taken over only when the consultant says so) and what was agreed next.

Behind needs a next step (``voortgang.AfspraakVoortgang``): the row says so while it is
missing, and recording the talk as held is refused until it is there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QWidget,
)

from inburg_desktop.domain.voortgang import Stand
from inburg_desktop.formatting import STAND_LABELS, format_date
from inburg_desktop.i18n import _
from inburg_desktop.services.voortgang import AfspraakRegel, Gesprek
from inburg_desktop.ui.message_label import FullHeightLabel
from inburg_desktop.ui.text_limits import SHORT_TEXT_MAX, LimitedLineEdit

NO_CHOICE = ""


class AfsprakenPanel(QWidget):
    """One row per agreement: what it is, the progress choice, the proposal, the next step.

    ``edited(index, part, value)`` is called for every change the consultant makes
    (``part`` ``stand`` or ``vervolg``; an empty choice or text is ``None``)."""

    def __init__(self, edited: Callable[[int, str, str | None], None]) -> None:
        super().__init__()
        self.setObjectName("talkAgreements")
        self._edited = edited
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.stands: list[QComboBox] = []
        self.vervolg: list[LimitedLineEdit] = []
        self.voorstellen: list[Stand | None] = []
        self.warnings: list[QLabel] = []
        self._loading = False

    def set_rows(
        self, rows: tuple[AfspraakRegel, ...], talk: Gesprek, pip_in_force: bool = True
    ) -> None:
        """Show the agreements of the PIP in force with what ``talk`` recorded of them;
        without a PIP in force (``pip_in_force`` False) say that there is none, as the
        window's bar does (usability round 6 #24: "Het PIP in werking heeft geen
        afspraken" beside "Er is nog geen vastgesteld PIP")."""
        self._loading = True
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)  # out of the window now: the new row takes its name
                widget.deleteLater()
        self.stands, self.vervolg, self.voorstellen, self.warnings = [], [], [], []
        if not pip_in_force:
            none = QLabel(
                _("Er is nog geen vastgesteld PIP; er zijn geen afspraken om te bespreken.")
            )
            none.setObjectName("noAgreements")
            none.setWordWrap(True)
            self.grid.addWidget(none, 0, 0)
        elif not rows:
            none = QLabel(_("Het PIP in werking heeft geen afspraken."))
            none.setObjectName("noAgreements")
            self.grid.addWidget(none, 0, 0)
        for n, row in enumerate(rows):
            afspraak = row.afspraak
            what = f"{row.index + 1}. {afspraak.wat}"
            if afspraak.wanneer is not None:
                what += " " + _("(uiterlijk {day})").format(day=format_date(afspraak.wanneer))
            # never squeezed below its lines: in a crowded talk window the grid gave the
            # agreement's text less than one line (a one-line size hint, worked out before
            # the grid set its width); a minimum height that follows the width holds
            label = FullHeightLabel()
            label.setTextFormat(Qt.TextFormat.PlainText)  # the PIP's text: data, not markup
            label.setText(what)
            stand = QComboBox()
            stand.setObjectName(f"stand{row.index}")
            stand.setAccessibleName(_("Stand van afspraak {number}").format(number=row.index + 1))
            stand.addItem(_("— nog niet besproken"), NO_CHOICE)
            for value, text in STAND_LABELS.items():
                stand.addItem(_(text), value.value)
            current = talk.stand(row.index)
            stand.setCurrentIndex(stand.findData(current.value if current else NO_CHOICE))
            label.setBuddy(stand)
            proposal = QLabel(
                _("Voorstel: {stand}").format(stand=_(STAND_LABELS[row.voorstel]))
                if row.voorstel is not None
                else _("Geen voorstel (vervallen)")
            )
            proposal.setObjectName(f"proposal{row.index}")
            proposal.setStyleSheet("color:#555")
            vervolg = LimitedLineEdit(SHORT_TEXT_MAX)
            vervolg.setObjectName(f"vervolg{row.index}")
            vervolg.setPlaceholderText(_("Afgesproken vervolg"))
            vervolg.setAccessibleName(
                _("Afgesproken vervolg bij afspraak {number}").format(number=row.index + 1)
            )
            vervolg.setText(talk.vervolg_van(row.index))
            warning = QLabel(_("Bij ‘achter’ hoort wat er nu is afgesproken."))
            warning.setStyleSheet("color:#b45309")
            index = row.index
            stand.currentIndexChanged.connect(lambda _i, i=index: self._stand_changed(i))
            vervolg.textEdited.connect(lambda text, i=index: self._vervolg_changed(i, text))
            # four lines per agreement, so the panel stays narrow beside the interpreter
            # view: what it is, the choice with the proposal, the next step, the warning
            self.grid.addWidget(label, 4 * n, 0, 1, 3)
            self.grid.addWidget(stand, 4 * n + 1, 0)
            self.grid.addWidget(proposal, 4 * n + 1, 1, 1, 2)
            self.grid.addWidget(vervolg, 4 * n + 2, 0, 1, 3)
            self.grid.addWidget(warning, 4 * n + 3, 0, 1, 3)
            self.stands.append(stand)
            self.vervolg.append(vervolg)
            self.voorstellen.append(row.voorstel)
            self.warnings.append(warning)
            self._update_warning(len(self.stands) - 1)
        self.grid.setColumnStretch(2, 1)
        self._loading = False

    def _position(self, index: int) -> int:
        for n, box in enumerate(self.stands):
            if box.objectName() == f"stand{index}":
                return n
        raise KeyError(index)

    def _update_warning(self, n: int) -> None:
        behind = self.stands[n].currentData() == Stand.ACHTER.value
        self.warnings[n].setVisible(behind and not self.vervolg[n].text().strip())

    def _stand_changed(self, index: int) -> None:
        n = self._position(index)
        self._update_warning(n)
        if not self._loading:
            value = self.stands[n].currentData()
            self._edited(index, "stand", value or None)

    def _vervolg_changed(self, index: int, text: str) -> None:
        n = self._position(index)
        self._update_warning(n)
        if not self._loading:
            self._edited(index, "vervolg", text if text.strip() else None)

    def anything_recorded(self) -> bool:
        """Whether any agreement shows a progress or a next step (the talk window asks
        before it records a talk with nothing in it)."""
        return any(box.currentData() != NO_CHOICE for box in self.stands) or any(
            line.text().strip() for line in self.vervolg
        )

    def has_proposals_to_take(self) -> bool:
        """Whether :meth:`take_proposals` would choose anything now (an agreement not yet
        rated that has a proposal): its button is enabled only then."""
        return any(
            proposal is not None and box.currentData() == NO_CHOICE
            for box, proposal in zip(self.stands, self.voorstellen, strict=True)
        )

    def take_proposals(self) -> int:
        """Choose the proposal of every agreement not yet rated; returns how many."""
        taken = 0
        for box, proposal in zip(self.stands, self.voorstellen, strict=True):
            if proposal is not None and box.currentData() == NO_CHOICE:
                box.setCurrentIndex(box.findData(proposal.value))  # edited() follows
                taken += 1
        return taken
