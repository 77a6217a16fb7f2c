"""Where the Besluit lets the municipality deviate (a Z-route below 800 hours, a route
change after 18 months): the warning in words, a choice of the ground it names and the
consultant's motivering, kept with the PIP version (``pip_rules.ExceptionWarning``,
``pip.Uitzondering``).

The rows are rebuilt only when the set of warnings changes, so typing a motivering never
loses focus; ``changed`` fires on every edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from inburg_desktop.domain.pip import Uitzondering, UitzonderingGrond
from inburg_desktop.domain.pip_rules import ExceptionWarning
from inburg_desktop.i18n import _
from inburg_desktop.messages import Worded
from inburg_desktop.ui.text_limits import SHORT_TEXT_MAX, LimitedLineEdit


def ground_labels() -> dict[UitzonderingGrond, str]:
    return {
        UitzonderingGrond.BESLUIT_5_4_LID_2: _(
            "Besluit art. 5.4 lid 2: na het afronden of afbreken van een opleiding zonder "
            "vrijstelling"
        ),
        UitzonderingGrond.BESLUIT_5_4_LID_3: _("Besluit art. 5.4 lid 3: bijzonder geval"),
        UitzonderingGrond.BESLUIT_3_14_LID_6: _("Besluit art. 3.14 lid 6"),
        UitzonderingGrond.BESLUIT_3_14_LID_8: _("Besluit art. 3.14 lid 8"),
        UitzonderingGrond.BESLUIT_3_14_LID_9: _("Besluit art. 3.14 lid 9"),
        UitzonderingGrond.WET_15_LID_1: _(
            "Wet art. 14 lid 3 en art. 15 lid 1: de leerroute van het PIP, op basis van de "
            "brede intake"
        ),
    }


class _Row(QWidget):
    def __init__(self, warning: ExceptionWarning, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = warning.code
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 2, 0, 6)
        text = QLabel(
            "<span style='color:#92400e'>⚠ " + escape(warning.reason.render(_)) + "</span>"
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        column.addWidget(text)
        self.ground = QComboBox()
        self.ground.setObjectName(f"ground_{warning.code}")
        self.ground.setAccessibleName(_("Grond voor de afwijking"))
        self.ground.addItem(_("— kies de grond —"), None)
        labels = ground_labels()
        for ground in warning.grounds:
            self.ground.addItem(labels[ground], ground.value)
        column.addWidget(self.ground)
        self.motivering = LimitedLineEdit(SHORT_TEXT_MAX)
        self.motivering.setObjectName(f"motivering_{warning.code}")
        self.motivering.setPlaceholderText(_("Motivering (verplicht, Awb art. 3:46)"))
        self.motivering.setAccessibleName(_("Motivering van de afwijking"))
        column.addWidget(self.motivering)

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
            return
        kept = {row.code: row.value() for row in self.rows}
        for row in self.rows:
            self.column.removeWidget(row)
            row.setParent(None)  # out of the window's fields at once (ui.close_guard)
            row.deleteLater()
        self.rows = []
        for warning in warnings:
            row = _Row(warning, self)
            row.set_value(kept.get(warning.code) or self.recorded.get(warning.code))
            row.ground.currentIndexChanged.connect(lambda _i: self.changed.emit())
            row.motivering.textChanged.connect(lambda _t: self.changed.emit())
            self.column.addWidget(row)
            self.rows.append(row)
        self.setVisible(bool(self.rows))

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
