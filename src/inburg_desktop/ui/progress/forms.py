"""The small pieces the Voortgang window's forms are built of: an hours field that reads a
Dutch decimal ("12,5") and refuses text at the field, labelled form rows, and lists of
recorded entries."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from inburg_desktop.domain.progress_fields import (
    ProgressFieldProblem,
    read_typed_hours,
    typed_hours,
)
from inburg_desktop.i18n import _
from inburg_desktop.messages import error_text
from inburg_desktop.services.progress import ProgressRefused
from inburg_desktop.ui.typed_field import SelectingLineEdit, TypedField


def read_hours(text: str) -> Decimal:
    """Hours as typed, the Dutch way (``progress_fields.read_typed_hours``: "12", "12,5").
    Raises ``ProgressRefused`` with the rule's code, so the form says it in the
    catalogue's words."""
    try:
        return read_typed_hours(text)
    except ProgressFieldProblem as problem:
        raise ProgressRefused(problem.code, **problem.params) from None


class HoursInput(TypedField):
    """A field for hours: a number, with a decimal comma ("12,5"). Text that is no number
    is refused beneath the field as it is typed (in the catalogue's words), and a
    refusal of the form (too many hours for the period) is said there too
    (:meth:`show_refusal`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(SelectingLineEdit(), "hoursProblem", parent)
        self.edit.setObjectName("hoursText")
        self.edit.setPlaceholderText(_("bijvoorbeeld 12,5"))
        self.edit.setMaxLength(8)
        self.edit.setAccessibleDescription(_("Een getal, decimalen na een komma"))
        self.place(self.edit)

    def setText(self, text: str) -> None:
        self.edit.setText(text)
        self.edited()

    def clear(self) -> None:
        self.edit.clear()
        self.edited()

    def problem(self) -> str | None:
        """Why the typed text is no number of hours (an empty field: none yet)."""
        if not self.edit.text().strip():
            return None
        try:
            read_hours(self.edit.text())
        except ProgressRefused as exc:
            return error_text(exc)
        return None

    def show_refusal(self, refusal: str | None) -> None:
        """Say ``refusal`` beneath the field (``None``: the field's own state again)."""
        self.say(refusal if refusal is not None else self.problem())

    def edited(self) -> None:
        self.say(self.problem())

    def normal_text(self) -> str | None:
        try:
            return typed_hours(read_hours(self.edit.text()))
        except ProgressRefused:
            return None  # kept as typed: the refusal beneath it says why


def add_row(form: QFormLayout, text: str, field: QWidget) -> QLabel:
    """A form row whose label names ``field`` (its buddy: the label's Alt+letter puts the
    keyboard there) and gives the field its accessible name."""
    label = QLabel(text)
    label.setBuddy(field.focusProxy() or field)
    field.setAccessibleName(text.replace("&", "").rstrip(":"))
    form.addRow(label, field)
    return label


class EntryList(QListWidget):
    """Recorded entries, each item holding its field key (``Qt.UserRole``)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setMinimumHeight(90)

    def fill(self, lines: list[tuple[str, str]], empty: str) -> None:
        current = self.selected_key()
        self.clear()
        for key, line in lines:
            item = QListWidgetItem(line)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.addItem(item)
            if key == current:
                self.setCurrentItem(item)
        if not lines:
            placeholder = QListWidgetItem(empty)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(placeholder)

    def selected_key(self) -> str | None:
        item = self.currentItem()
        if item is None:
            return None
        key = item.data(Qt.ItemDataRole.UserRole)
        return str(key) if key else None
