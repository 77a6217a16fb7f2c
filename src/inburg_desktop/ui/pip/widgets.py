"""Small editing widgets the PIP forms share: enum combos, optional dates, and a list of
editable rows (add, remove) for the PIP's repeated parts (begeleiding, participatie, VVE,
doelen, afspraken). Labels of the PIP's enums live here, translated with ``_()``."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.pip import (
    Actor,
    BegeleidingSoort,
    Examenonderdeel,
    KnmVorm,
    OntzorgenOnderdeel,
    ParticipatieSoort,
    Voortgang,
)
from inburg_desktop.i18n import _
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.first_field import first_field
from inburg_desktop.ui.message_label import FullHeightLabel, MessageLabel
from inburg_desktop.ui.scroll_into_view import keyboard_to
from inburg_desktop.ui.window_size import no_sideways_scrolling


def begeleiding_labels() -> dict[BegeleidingSoort, str]:
    return {
        BegeleidingSoort.MAATSCHAPPELIJKE_BEGELEIDING: _("Maatschappelijke begeleiding"),
        BegeleidingSoort.TAALMAATJE: _("Taalmaatje"),
        BegeleidingSoort.BUDGETCOACHING: _("Budgetcoaching"),
        BegeleidingSoort.GEZONDHEID: _("Ondersteuning bij gezondheid"),
        BegeleidingSoort.JOBCOACH: _("Jobcoach"),
        BegeleidingSoort.DIGITALE_VAARDIGHEDEN: _("Digitale vaardigheden"),
        BegeleidingSoort.OVERIG: _("Andere begeleiding"),
    }


def participatie_labels() -> dict[ParticipatieSoort, str]:
    return {
        ParticipatieSoort.WERK: _("Werk"),
        ParticipatieSoort.VRIJWILLIGERSWERK: _("Vrijwilligerswerk"),
        ParticipatieSoort.MBO_ENTREE: _("Entreeopleiding (mbo 1)"),
        ParticipatieSoort.STAGE: _("Stage of werkervaringsplek"),
        ParticipatieSoort.ACTIVITEIT: _("Activiteit"),
    }


def knm_labels() -> dict[KnmVorm, str]:
    return {KnmVorm.EXAMEN: _("Examen bij DUO"), KnmVorm.EINDGESPREK: _("In het eindgesprek")}


def ontzorgen_labels() -> dict[OntzorgenOnderdeel, str]:
    return {
        OntzorgenOnderdeel.HUUR: _("Huur"),
        OntzorgenOnderdeel.ENERGIE: _("Gas, water en elektriciteit"),
        OntzorgenOnderdeel.ZORGVERZEKERING: _("Zorgverzekering"),
    }


def examen_labels() -> dict[Examenonderdeel, str]:
    return {
        Examenonderdeel.LEZEN: _("Lezen"),
        Examenonderdeel.LUISTEREN: _("Luisteren"),
        Examenonderdeel.SPREKEN: _("Spreken"),
        Examenonderdeel.SCHRIJVEN: _("Schrijven"),
    }


def actor_labels() -> dict[Actor, str]:
    return {
        Actor.INBURGERAAR: _("Inburgeraar"),
        Actor.CONSULENT: _("Consulent"),
        Actor.TAALAANBIEDER: _("Taalaanbieder"),
        Actor.MAATSCHAPPELIJK_BEGELEIDER: _("Maatschappelijk begeleider"),
        Actor.WERKGEVER: _("Werkgever"),
        Actor.OVERIG: _("Anders"),
    }


def voortgang_labels() -> dict[Voortgang, str]:
    return {
        Voortgang.OPEN: _("open"),
        Voortgang.BEREIKT: _("bereikt"),
        Voortgang.VERVALLEN: _("vervallen"),
    }


def enum_combo(labels: Mapping[Any, str], empty: str | None = None) -> QComboBox:
    """A combo of enum members (as item data); ``empty`` adds a first "none" entry."""
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for member, label in labels.items():
        combo.addItem(label, member.value)
    return combo


def combo_value(combo: QComboBox, kind: type[enum.Enum]) -> Any:
    data = combo.currentData()
    return None if data is None else kind(data)


def set_combo(combo: QComboBox, member: enum.Enum | None) -> None:
    index = combo.findData(None if member is None else member.value)
    combo.setCurrentIndex(max(index, 0))


class OptionalDate(DateInput):
    """A date that may be empty (``value() is None``): the app's typed date field
    (``ui.date_input``); ``label`` names what the date is, for screen readers and the
    tooltip ("bekend", "besluit van"). ``shown``: the label is also written before the
    field (its buddy), where a row holds more than one field or no label of its own: an
    empty date reads "geen datum", and two of those side by side say nothing.
    ``placeholder``: what the empty field shows instead of "geen datum (dd-mm-jjjj)", for a
    row whose shown label already says what an empty date means."""

    def __init__(
        self,
        label: str,
        parent: QWidget | None = None,
        shown: bool = False,
        placeholder: str | None = None,
    ) -> None:
        super().__init__(optional=True, placeholder=placeholder, parent=parent)
        self.edit.setAccessibleName(label)
        self.edit.setToolTip(label)
        self.label: QLabel | None = None
        if shown:
            # A long label wraps (with the height its lines need): the date beside it
            # keeps the width its placeholder and a date need (``ui.date_input``).
            self.label = FullHeightLabel()
            self.label.setText(label)
            self.label.setBuddy(self.edit)
            column = self.layout()  # DateInput: a column, its first item the field's row
            first = column.itemAt(0) if column is not None else None
            inner = first.layout() if first is not None else None
            if isinstance(inner, QHBoxLayout):
                inner.insertWidget(0, self.label)


DETAILS_INDENT = 24  # pixels: a row's second line starts under its first field's text


class RowWidget(QWidget):
    """One editable row; subclasses build fields and convert to and from a value.

    ``message`` is the line beneath the row where its text fields say when they are full.
    """

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(6)
        column.addLayout(self.row)
        # A row whose fields do not all fit side by side at 1366×768 puts its details on
        # a second line, indented under the first (usability round 6, finding 8: the
        # participatie row showed "Naast de lesse" and "Org…").
        self.details = QHBoxLayout()
        self.details.setContentsMargins(DETAILS_INDENT, 0, 0, 0)
        self.details.setSpacing(6)
        column.addLayout(self.details)
        self.message = MessageLabel(self)
        column.addWidget(self.message)

    def add_remove_button(self) -> None:
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(_("Regel verwijderen"))
        remove.setAccessibleName(_("Regel verwijderen"))
        remove.clicked.connect(lambda: self.remove_requested.emit(self))
        # Tab reads the row as it stands: the first line up to its ✕, then the details
        # on the line below (usability round 7, finding 3: Tab came back up to the ✕
        # after the second line's last field).
        first_line: list[QWidget] = []
        for index in range(self.row.count()):
            item = self.row.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                first_line.append(widget)
        self.row.addWidget(remove)
        if first_line:
            QWidget.setTabOrder(first_line[-1], remove)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


def _tab_stops(row: QWidget) -> list[QWidget]:
    """The widgets inside ``row`` that Tab stops on, in the row's own order."""
    stops = []
    widget = row.nextInFocusChain()
    while widget is not None and widget is not row and row.isAncestorOf(widget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


class RowsEditor(QWidget):
    """A list of :class:`RowWidget` with an add button; ``changed`` on every edit."""

    changed = Signal()

    def __init__(
        self,
        make_row: Callable[[], RowWidget],
        add_label: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.make_row = make_row
        self.rows: list[RowWidget] = []
        # per row, its last Tab stop (the row itself stays at the chain's end, where Qt
        # put it, so its stops cannot be found from it once they moved)
        self._last_stops: list[QWidget] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(8)  # rows of two lines read apart
        layout.addLayout(self.rows_box)
        self.add_button: QPushButton | None = None
        if add_label is not None:
            self.add_button = QPushButton(add_label)
            self.add_button.clicked.connect(self._add_by_button)
            layout.addWidget(self.add_button)

    def add_row(self, value: Any) -> RowWidget:
        row = self.make_row()
        if value is not None:
            row.set_value(value)
        row.changed.connect(self.changed)
        row.remove_requested.connect(self._remove)
        self.rows_box.addWidget(row)
        # Tab reaches a row where it stands: after the row above it (or where the list
        # stands), not at the end of the window, where a widget made after the window
        # was built is put (the tab walker, run on the PIP editor's first tab: Tab went
        # from the last field of the form back up to the rows made when the draft came)
        stops = _tab_stops(row)  # read before they move: then the row's own order
        before = self._last_stops[-1] if self._last_stops else self._stop_before()
        for stop in stops:
            QWidget.setTabOrder(before, stop)
            before = stop
        self._last_stops.append(before)
        self.rows.append(row)
        if self.add_button is not None:
            # the button below the rows comes after them, also for a row added later
            QWidget.setTabOrder(before, self.add_button)
        if value is None:
            self.changed.emit()
        return row

    def _stop_before(self) -> QWidget:
        """The last Tab stop before the list: what its first row follows. (Not the list
        or a box around it: Qt puts a widget after the last child of such a one, and the
        row is a child of both by now.)"""
        widget = self.previousInFocusChain()
        while (
            widget is not None
            and widget is not self
            and (widget.isAncestorOf(self) or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        ):
            widget = widget.previousInFocusChain()
        return self if widget is None else widget

    def _add_by_button(self) -> None:
        """A row the consultant adds: shown now, scrolled into view, with the keyboard in
        its first field and the focus frame drawn (``ui.scroll_into_view.keyboard_to``;
        usability round 7 finding 10: a new row stood below the fold, the keyboard left
        on the button)."""
        row = self.add_row(None)
        row.show()  # now, not at the layout's next turn: a Tab typed at once finds it
        field = first_field(row)
        if field is not None:
            keyboard_to(field, whole=row)

    def _remove(self, row: object) -> None:
        assert isinstance(row, RowWidget)
        del self._last_stops[self.rows.index(row)]
        self.rows.remove(row)
        self.rows_box.removeWidget(row)
        row.setParent(None)  # out of the window's fields at once (ui.close_guard)
        row.deleteLater()
        self.changed.emit()

    def set_values(self, values: Sequence[Any]) -> None:
        for row in self.rows:
            self.rows_box.removeWidget(row)
            row.setParent(None)  # out of the window's fields at once (ui.close_guard)
            row.deleteLater()
        self.rows = []
        self._last_stops = []
        for value in values:
            self.add_row(value)

    def values(self) -> list[Any]:
        return [row.value() for row in self.rows]


class KeepsContentWidth(QObject):
    """Keeps a form's scroll area at least as wide as its content, also when the content
    grows after it was built (a rule's flag under a field, a longer unit after a count, an
    English label): ``window_size.no_sideways_scrolling`` again on every layout change of
    the content, so the splitter gives the form its width and it never scrolls sideways
    (usability round 4, finding 19: the English PIP editor scrolled sideways)."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area
        content = area.widget()
        if content is not None:
            content.installEventFilter(self)
        no_sideways_scrolling(area)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            no_sideways_scrolling(self.area)
        return False
