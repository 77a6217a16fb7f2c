"""Where the Besluit lets the municipality deviate (a Z-route below 800 hours, a route
change after 18 months): the warning in words, a choice of the ground it names and the
consultant's motivering, kept with the PIP version (``pip_rules.ExceptionWarning``,
``pip.Uitzondering``).

A row is made when its warning appears and kept (the same widgets, what was typed in
them) while the warning stays, so typing a motivering never loses focus and the panel
does not redraw itself as the hours change; ``changed`` fires on every edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

from inburg_desktop.domain.pip import Uitzondering, UitzonderingGrond
from inburg_desktop.domain.pip_rules import ExceptionWarning
from inburg_desktop.formatting import reason_text
from inburg_desktop.i18n import _
from inburg_desktop.messages import Worded
from inburg_desktop.ui.text_limits import SHORT_TEXT_MAX, LimitedLineEdit


def ground_labels() -> dict[UitzonderingGrond, str]:
    """Each ground in words, the article cited after it: the consultant chooses by what
    the ground is, and the decision can name where the law allows it."""
    fewer_hours = _(
        "Minder uren in een geval dat het Besluit daarvoor noemt (onder meer uren die al in "
        "een andere leerroute zijn gevolgd, of een gedeeltelijke ontheffing)"
    )
    return {
        UitzonderingGrond.BESLUIT_5_4_LID_2: _(
            "Na het afronden of afbreken van een opleiding zonder vrijstelling "
            "(Besluit art. 5.4 lid 2)"
        ),
        UitzonderingGrond.BESLUIT_5_4_LID_3: _("Een bijzonder geval (Besluit art. 5.4 lid 3)"),
        UitzonderingGrond.BESLUIT_3_14_LID_6: fewer_hours + " " + _("(Besluit art. 3.14 lid 6)"),
        UitzonderingGrond.BESLUIT_3_14_LID_8: fewer_hours + " " + _("(Besluit art. 3.14 lid 8)"),
        UitzonderingGrond.BESLUIT_3_14_LID_9: fewer_hours + " " + _("(Besluit art. 3.14 lid 9)"),
        UitzonderingGrond.WET_15_LID_1: _(
            "De leerroute van het PIP, op basis van de brede intake "
            "(Wet art. 14 lid 3 en art. 15 lid 1)"
        ),
    }


class _Row(QWidget):
    def __init__(self, warning: ExceptionWarning, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = warning.code
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 2, 0, 6)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        column.addWidget(self.text)
        self.show_warning(warning)
        self.ground = QComboBox()
        self.ground.setObjectName(f"ground_{warning.code}")
        self.ground.setAccessibleName(_("Grond voor de afwijking"))
        self.ground.addItem(_("— kies de grond —"), None)
        labels = ground_labels()
        for ground in warning.grounds:
            self.ground.addItem(labels[ground], ground.value)
            self.ground.setItemData(
                self.ground.count() - 1, labels[ground], Qt.ItemDataRole.ToolTipRole
            )
        # The grounds are sentences: the closed combo takes the panel's width (never
        # wider, so the panel neither scrolls sideways nor pushes the splitter), the list
        # opens as wide as its longest ground, and the chosen one is shown in full below.
        self.ground.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.ground.setMinimumContentsLength(16)
        self.ground.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        view = self.ground.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 24)
        column.addWidget(self.ground)
        self.chosen = QLabel()
        self.chosen.setObjectName(f"groundText_{warning.code}")
        self.chosen.setWordWrap(True)
        self.chosen.setTextFormat(Qt.TextFormat.PlainText)
        self.chosen.setStyleSheet("color:#374151")
        self.ground.currentIndexChanged.connect(self._show_chosen)
        column.addWidget(self.chosen)
        self._show_chosen()
        self.motivering = LimitedLineEdit(SHORT_TEXT_MAX)
        self.motivering.setObjectName(f"motivering_{warning.code}")
        self.motivering.setPlaceholderText(_("Motivering (verplicht, Awb art. 3:46)"))
        self.motivering.setAccessibleName(_("Motivering van de afwijking"))
        column.addWidget(self.motivering)

    def show_warning(self, warning: ExceptionWarning) -> None:
        """The warning's words as they are now (the hours in it follow the form)."""
        self.text.setText(
            "<span style='color:#92400e'>⚠ " + escape(reason_text(warning.reason)) + "</span>"
        )

    def _show_chosen(self, _index: int = 0) -> None:
        chosen = self.ground.currentData() is not None
        self.chosen.setText(self.ground.currentText() if chosen else "")
        self.chosen.setVisible(chosen)

    def set_value(self, recorded: Uitzondering | None) -> None:
        index = 0 if recorded is None else self.ground.findData(recorded.grond.value)
        self.ground.setCurrentIndex(max(index, 0))
        self.motivering.setText("" if recorded is None else recorded.motivering)

    def value(self) -> Uitzondering | None:
        data = self.ground.currentData()
        if data is None:  # no ground chosen: nothing recorded, setting stays refused
            return None
        return Uitzondering(self.code, UitzonderingGrond(data), self.motivering.text())


class ExceptionsBox(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pipExceptions")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        title = QLabel(_("Afwijken van de regel: grond en motivering"))
        title.setStyleSheet("font-weight:600;font-size:11pt;margin-top:6px")
        title.setWordWrap(True)
        self.column.addWidget(title)
        self.rows: list[_Row] = []
        self.recorded: dict[str, Uitzondering] = {}
        self.setVisible(False)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(row.code for row in self.rows)

    def set_recorded(self, uitzonderingen: Sequence[Uitzondering]) -> None:
        """The grounds stored with the version shown (fills the rows as they appear)."""
        self.recorded = {u.regel: u for u in uitzonderingen}
        for row in self.rows:
            row.blockSignals(True)
            row.set_value(self.recorded.get(row.code))
            row.blockSignals(False)

    def set_warnings(self, warnings: Sequence[ExceptionWarning]) -> None:
        """Show one row per warning; rows of warnings that stay keep what was typed."""
        if tuple(w.code for w in warnings) == self.codes:
            for row, warning in zip(self.rows, warnings, strict=True):
                row.show_warning(warning)
            return
        existing = {row.code: row for row in self.rows}
        wanted = {w.code for w in warnings}
        for row in self.rows:
            if row.code not in wanted:
                self.column.removeWidget(row)
                row.setParent(None)  # out of the window's fields at once (ui.close_guard)
                row.deleteLater()
        rows: list[_Row] = []
        for warning in warnings:
            row = existing.get(warning.code) or self._new_row(warning)
            row.show_warning(warning)
            self.column.removeWidget(row)
            self.column.addWidget(row)  # in the warnings' order
            rows.append(row)
        self.rows = rows
        self.setVisible(bool(self.rows))

    def _new_row(self, warning: ExceptionWarning) -> _Row:
        row = _Row(warning, self)
        row.set_value(self.recorded.get(warning.code))
        row.ground.currentIndexChanged.connect(lambda _i: self.changed.emit())
        row.motivering.textChanged.connect(lambda _t: self.changed.emit())
        return row

    def value(self) -> tuple[Uitzondering, ...]:
        """The grounds chosen, with their motivering; ``ValueError`` (in words) when a
        motivering is typed without a ground: saving would drop it."""
        for row in self.rows:
            if row.ground.currentData() is None and row.motivering.text().strip():
                raise Worded(
                    _(
                        "Kies de grond voor de afwijking bij de motivering die u typte "
                        "(of maak de motivering leeg)."
                    )
                )
        return tuple(u for u in (row.value() for row in self.rows) if u is not None)
