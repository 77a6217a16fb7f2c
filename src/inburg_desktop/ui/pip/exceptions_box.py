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

from inburg_desktop.domain.pip import Uitzondering, UitzonderingGrond, ground_citation
from inburg_desktop.domain.pip_rules import ExceptionWarning
from inburg_desktop.formatting import cite_law, reason_text
from inburg_desktop.i18n import _
from inburg_desktop.messages import Worded
from inburg_desktop.ui.message_label import FullHeightLabel
from inburg_desktop.ui.reserved_label import ReservedLabel
from inburg_desktop.ui.text_limits import SHORT_TEXT_MAX, LimitedPlainTextEdit, with_message

MOTIVERING_HEIGHT = 64  # pixels: three lines of text before it scrolls


def ground_labels() -> dict[UitzonderingGrond, str]:
    """Each ground in a few words that tell it from the others, the article cited last
    (``domain.pip.ground_citation``, the one place the grounds' legal sources live, cited
    the UI language's way): the consultant chooses by what the case is, and the decision
    names where the law allows it. The grounds of one warning differ in their first words,
    so even a combo too narrow for the citation shows which one is chosen.

    The three Z-route grounds cite "Besluit art. 3.14 lid 6, 8 en 9" together: the docs
    this app follows (DOMAIN.md) name the cases those lids allow, not which lid holds
    which (``domain.pip.Z_HOURS_ARTICLE``)."""
    words = {
        UitzonderingGrond.BESLUIT_5_4_LID_2: _(
            "Opleiding zonder vrijstelling afgerond of afgebroken"
        ),
        UitzonderingGrond.BESLUIT_5_4_LID_3: _("Een bijzonder geval"),
        UitzonderingGrond.BESLUIT_3_14_LID_6: _("Uren al gevolgd in een andere leerroute"),
        UitzonderingGrond.BESLUIT_3_14_LID_8: _("Gedeeltelijke ontheffing"),
        UitzonderingGrond.BESLUIT_3_14_LID_9: _("Een ander geval dat deze leden noemen"),
        UitzonderingGrond.WET_15_LID_1: _("De leerroute van het PIP, op basis van de brede intake"),
    }
    return {grond: f"{text} ({cite_law(ground_citation(grond))})" for grond, text in words.items()}


class _Row(QWidget):
    def __init__(self, warning: ExceptionWarning, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = warning.code
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 2, 0, 6)
        # its height follows its width exactly: a wrapped label laid out by its size hint
        # came out a line taller or shorter on a later pass and moved the rows below
        self.text = FullHeightLabel()
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
        # The closed combo takes the panel's width (never wider, so the panel neither
        # scrolls sideways nor pushes the splitter); the list opens as wide as its longest
        # ground; the chosen one reads in full on the line below, whose height is
        # reserved for the longest ground, so choosing one moves nothing under the pointer
        # (the motivering below stays where it was).
        self.ground.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.ground.setMinimumContentsLength(16)
        self.ground.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        view = self.ground.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 24)
        column.addWidget(self.ground)
        self.no_ground = _("Nog geen grond gekozen.")
        self.chosen = ReservedLabel([self.no_ground, *(labels[g] for g in warning.grounds)])
        self.chosen.setObjectName(f"groundText_{warning.code}")
        self.chosen.setStyleSheet("color:#374151")
        self.ground.currentIndexChanged.connect(self._show_chosen)
        column.addWidget(self.chosen)
        self._show_chosen()
        # A motivering is sentences: several lines that wrap, Tab goes on to the next field.
        self.motivering = LimitedPlainTextEdit(SHORT_TEXT_MAX)
        self.motivering.setObjectName(f"motivering_{warning.code}")
        self.motivering.setPlaceholderText(_("Motivering (verplicht, Awb art. 3:46)"))
        self.motivering.setAccessibleName(_("Motivering van de afwijking"))
        self.motivering.setFixedHeight(MOTIVERING_HEIGHT)
        column.addWidget(with_message(self.motivering))

    def show_warning(self, warning: ExceptionWarning) -> None:
        """The warning's words as they are now (the hours in it follow the form)."""
        self.text.setText(
            "<span style='color:#92400e'>⚠ " + escape(reason_text(warning.reason)) + "</span>"
        )

    def _show_chosen(self, _index: int = 0) -> None:
        chosen = self.ground.currentData() is not None
        self.chosen.setText(self.ground.currentText() if chosen else self.no_ground)
        self.ground.setToolTip(self.ground.currentText() if chosen else "")

    def set_value(self, recorded: Uitzondering | None) -> None:
        index = 0 if recorded is None else self.ground.findData(recorded.grond.value)
        self.ground.setCurrentIndex(max(index, 0))
        self.motivering.setPlainText("" if recorded is None else recorded.motivering)

    def value(self) -> Uitzondering | None:
        data = self.ground.currentData()
        if data is None:  # no ground chosen: nothing recorded, setting stays refused
            return None
        return Uitzondering(self.code, UitzonderingGrond(data), self.motivering.toPlainText())


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
        row.motivering.textChanged.connect(self.changed.emit)
        return row

    def value(self) -> tuple[Uitzondering, ...]:
        """The grounds chosen, with their motivering; ``ValueError`` (in words) when a
        motivering is typed without a ground: saving would drop it."""
        for row in self.rows:
            if row.ground.currentData() is None and row.motivering.toPlainText().strip():
                raise Worded(
                    _(
                        "Kies de grond voor de afwijking bij de motivering die u typte "
                        "(of maak de motivering leeg)."
                    )
                )
        return tuple(u for u in (row.value() for row in self.rows) if u is not None)
