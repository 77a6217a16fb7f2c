"""The small pieces the Voortgang window's forms are built of: an hours field that reads a
Dutch decimal ("12,5"), labelled form rows, and lists of recorded entries."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from inburg_desktop.i18n import _
from inburg_desktop.services.progress import ProgressRefused

_HOURS = re.compile(r"\s*([0-9]{1,5})(?:[.,]([0-9]{1,2}))?\s*")


def read_hours(text: str) -> Decimal:
    """Hours as typed: a whole number or one with at most two decimals after a comma or
    point ("12", "12,5", "2.25"). Raises ``ProgressRefused`` (``voortgangsdata_hours_invalid``)
    for anything else, so the form says it in the catalogue's words."""
    match = _HOURS.fullmatch(text)
    if match is None:
        raise ProgressRefused("voortgangsdata_hours_invalid", field="uren")
    whole, part = match.groups()
    return Decimal(f"{whole}.{part}" if part else whole)


class HoursInput(QLineEdit):
    """A line for hours, as wide as a few digits need."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("bijvoorbeeld 12,5"))
        self.setMaxLength(8)


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
