"""Pickers that show languages and countries by name and find them by typing part of it.

The handover stores BCP 47 language tags and ISO 3166-1 codes; a consultant knows
"Arabisch", "Tigrinya" and "Syrië" (usability round 2 finding 16: Nieuw dossier
showed ISO codes). Each entry carries its code as item data; typing filters by any part of
the name, the own-script name or the code.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.i18n import _, current_language
from inburg_desktop.locale_names import known_language_codes, language_name

CODE_ROLE = Qt.ItemDataRole.UserRole


def language_entries() -> list[tuple[str, str]]:
    """``(code, "Arabisch (ar)")`` for every known language, by name in the UI language
    (the consultant reads this form; the own-script name is the interpreter view's)."""
    ui = current_language()
    entries = [(code, f"{language_name(code, ui)} ({code})") for code in known_language_codes()]
    return sorted(entries, key=lambda entry: entry[1].casefold())


class SearchableCombo(QComboBox):
    """A combo box whose entries are found by typing any part of their text; only an
    entry of the list can be chosen (typed text that matches none leaves the choice)."""

    def __init__(self, entries: Iterable[tuple[str, str]], empty: str) -> None:
        super().__init__()
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem(empty, "")
        for code, label in entries:
            self.addItem(label, code)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None
        line.editingFinished.connect(self._settle)

    def _settle(self) -> None:
        """Show the chosen entry again when the typed text names none."""
        index = self.findText(self.currentText(), Qt.MatchFlag.MatchFixedString)
        self.setCurrentIndex(index if index >= 0 else self.currentIndex())
        if index < 0:
            self.setEditText(self.itemText(self.currentIndex()))

    def code(self) -> str:
        return str(self.currentData() or "")

    def set_code(self, code: str | None) -> None:
        self.setCurrentIndex(max(self.findData(code or ""), 0))


class LanguageList(QWidget):
    """Several languages, ticked in a list filtered by what is typed above it."""

    def __init__(self) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.filter = QLineEdit()
        self.filter.setObjectName("languageFilter")
        self.filter.setPlaceholderText(_("zoek een taal, bijv. Arabisch"))
        self.filter.setAccessibleName(_("Zoek een taal"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        column.addWidget(self.filter)
        self.list = QListWidget()
        self.list.setObjectName("languageList")
        self.list.setAccessibleName(_("Talen"))
        self.list.setMaximumHeight(110)
        for code, label in language_entries():
            item = QListWidgetItem(label)
            item.setData(CODE_ROLE, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        column.addWidget(self.list)
        self.setFocusProxy(self.filter)
        self._order: list[str] = []
        self.list.itemChanged.connect(self._ticked)

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())

    def _ticked(self, item: QListWidgetItem) -> None:
        code = str(item.data(CODE_ROLE))
        if item.checkState() == Qt.CheckState.Checked and code not in self._order:
            self._order.append(code)
        elif item.checkState() != Qt.CheckState.Checked and code in self._order:
            self._order.remove(code)

    def codes(self) -> tuple[str, ...]:
        """The ticked languages' codes, in the order they were ticked."""
        return tuple(self._order)

    def set_codes(self, codes: Iterable[str]) -> None:
        wanted = list(codes)
        self._order = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            code = str(item.data(CODE_ROLE))
            item.setCheckState(Qt.CheckState.Checked if code in wanted else Qt.CheckState.Unchecked)
        # Unknown codes (a tag with a region) stay, in their place.
        self._order = wanted
