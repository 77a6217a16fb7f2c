"""Pickers that show languages and countries by name and find them by typing part of it.

The handover stores BCP 47 language tags and ISO 3166-1 codes; a consultant knows
"Arabisch", "Tigrinya" and "Syrië" (usability round 2 finding 16: Nieuw dossier
showed ISO codes). Each entry carries its code as item data.

Every search over these lists ranks alike (``domain.choice_search``: exact, prefix, word
prefix, contains; then the prompt languages first, then by name), so "Arabic" finds
"Arabic (ar)" before "Algerian Arabic (arq)" and "Tigr" Tigrinya before Tigre (usability
round 3 finding 2). Typed text a field is left with (Tab, a click elsewhere) becomes the
entry it names exactly or the only one it matches; otherwise the field keeps the text and
says that it is not a choice, never silently showing the old choice again (finding 1).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.choice_search import Choice, rank, ranked, resolve
from inburg_desktop.domain.countries import country_name, known_codes
from inburg_desktop.i18n import _, current_language, retranslated
from inburg_desktop.locale_names import endonym, known_language_codes, language_name
from inburg_desktop.prompts.translations import prompt_language_codes

CODE_ROLE = Qt.ItemDataRole.UserRole
_OTHER_UI = {"nl": "en", "en": "nl"}


def language_choices() -> list[Choice]:
    """Every known language as a :class:`Choice`: its name in the UI language, found also
    by its name in the other UI language and (for the prompt languages) its own name; the
    prompt languages weigh by their order (the languages most newcomers speak)."""
    ui = current_language()
    other = _OTHER_UI.get(ui, "en")
    common = {code: weight for weight, code in enumerate(prompt_language_codes())}
    choices = []
    for code in known_language_codes():
        aliases = [language_name(code, other)]
        if code in common:
            aliases.append(endonym(code))
        choices.append(
            Choice(code, language_name(code, ui), common.get(code, len(common)), tuple(aliases))
        )
    return sorted(choices, key=lambda choice: choice.name.casefold())


def language_entries() -> list[tuple[str, str]]:
    """``(code, "Arabisch (ar)")`` for every known language, by name in the UI language
    (the consultant reads this form; the own-script name is the interpreter view's)."""
    return [(choice.code, choice_label(choice)) for choice in language_choices()]


def country_choices() -> list[Choice]:
    """Every ISO 3166-1 country by its name in the UI language (found also by its name in
    the other UI language and its code), alphabetically."""
    ui = current_language()
    other = _OTHER_UI.get(ui, "en")
    choices = [
        Choice(code, country_name(code, ui), aliases=(country_name(code, other),))
        for code in known_codes()
    ]
    return sorted(choices, key=lambda choice: choice.name.casefold())


def choice_label(choice: Choice) -> str:
    """How a coded entry shows: ``"Arabisch (ar)"``."""
    return f"{choice.name} ({choice.code})"


QUOTED_MAX = 24
"""The most characters of typed text a message quotes (it says which text, in one line)."""


def quoted(text: str) -> str:
    """Typed text as a message quotes it: trimmed, and cut with "…" past
    :data:`QUOTED_MAX` characters."""
    text = " ".join(text.split())
    return text if len(text) <= QUOTED_MAX else f"{text[: QUOTED_MAX - 1]}…"


class _RankedRows(QSortFilterProxyModel):
    """The combo's entries that match the typed text, best first (its empty entry and
    everything else left out)."""

    def __init__(self, combo: SearchableCombo) -> None:
        super().__init__(combo)
        self.combo = combo
        self.query = ""
        self.setSourceModel(combo.model())

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self.query = text
        self.endFilterChange()
        self.sort(0)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        choice = self.combo.choice_at(source_row)
        return choice is not None and rank(self.query, choice) is not None

    def lessThan(
        self,
        source_left: QModelIndex | QPersistentModelIndex,
        source_right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        return self.combo.order_key(source_left.row()) < self.combo.order_key(source_right.row())


class _EnterBeforeThePopup(QObject):
    """On the completer's popup, before the completer: Enter or Return while no
    suggestion was picked (Up/Down) leave the typed text to the field's own check instead
    of taking the first suggestion ("Ar" + Enter is no choice of "Arabisch"). Tab needs
    nothing: it moves the keyboard on, and leaving the field checks the text."""

    def __init__(self, combo: SearchableCombo, popup: QWidget) -> None:
        super().__init__(combo)
        self.combo, self.popup = combo, popup

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        completer = self.combo.completer()
        view = None if completer is None else completer.popup()
        picked = view is not None and bool(view.selectionModel().selectedIndexes())
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or picked:
            return False
        self.popup.hide()
        self.combo.settle()
        return True


class _EnterSettles(QObject):
    """On the combo's own field: Enter or Return (no popup open) settles the typed text
    into the entry it names, or says why it names none, and goes no further: it never
    reaches the dialog's default button (usability round 6 finding 5: Enter in a search
    box saved the whole Nieuw dossier). Ctrl+Enter stays the window's."""

    def __init__(self, combo: SearchableCombo) -> None:
        super().__init__(combo)
        self.combo = combo

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        self.combo.settle()
        return True


class SearchableCombo(QComboBox):
    """A combo box whose entries are found by typing any part of their name, ranked
    (module docstring); only an entry of the list can be chosen.

    ``problem()`` says (in words) why the typed text is not a choice, or ``None``;
    ``problem_changed(text)`` ("" for none) when that changes, so the form says it at the
    field. ``code()`` is ``""`` while the text is not a choice."""

    problem_changed = Signal(str)

    def __init__(
        self,
        choices: Iterable[Choice],
        empty: str,
        with_code: bool = True,
        remake: Callable[[], Iterable[Choice]] | None = None,
    ) -> None:
        super().__init__()
        # The choices again in a new UI language (country names): see retranslate.
        self.remake = remake
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.with_code = with_code
        self._choices: list[Choice] = []
        self._problem: str | None = None
        self._empty = empty
        self.set_choices(choices)
        self.rows = _RankedRows(self)
        completer = QCompleter(self.rows, self)
        # The rows are filtered and ranked by the proxy: the completer shows them all,
        # in that order, and Down starts at the best.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        popup = completer.popup()
        assert popup is not None
        popup.installEventFilter(_EnterBeforeThePopup(self, popup))
        line = self.lineEdit()
        assert line is not None
        # The combo holds the keyboard (its field is its focus proxy) and hands keys to
        # the field directly, past any filter on it: the combo is where Enter is caught.
        self.installEventFilter(_EnterSettles(self))
        line.setPlaceholderText(self._empty)
        line.textEdited.connect(self._typed)
        line.editingFinished.connect(self.settle)
        self.currentIndexChanged.connect(self._chosen)
        self._chosen(self.currentIndex())

    def _chosen(self, index: int) -> None:
        # "No choice" is an empty field with the words as a placeholder: text typed into
        # it is never glued to "— kies —".
        if index == 0 and self.currentText():
            self.setEditText("")
        self._set_problem(None)

    # entries ------------------------------------------------------------------------
    def set_choices(self, choices: Iterable[Choice], empty: str | None = None) -> None:
        """Offer ``choices`` (the one chosen stays when it is among them)."""
        kept = self.code()
        self._choices = list(choices)
        if empty is not None:
            self._empty = empty
        self.blockSignals(True)
        self.clear()
        self.addItem(self._empty, "")
        for choice in self._choices:
            self.addItem(choice_label(choice) if self.with_code else choice.name, choice.code)
        self.setCurrentIndex(max(self.findData(kept), 0))
        self.blockSignals(False)
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(self._empty)
        self._chosen(self.currentIndex())

    def retranslate(self) -> None:
        """The UI language changed: the entries named in it (``remake``), the choice and
        any typed text that is no choice kept as they are."""
        if self.remake is None:
            return
        typed = self.currentText() if self._problem is not None else None
        self.set_choices(self.remake(), retranslated(self._empty))
        if typed is not None:
            self.setEditText(typed)
            self.settle()

    def choice_at(self, row: int) -> Choice | None:
        """The choice shown in ``row`` (row 0 is the empty entry: ``None``)."""
        return self._choices[row - 1] if 1 <= row <= len(self._choices) else None

    def order_key(self, row: int) -> tuple[int, int, str]:
        choice = self.choice_at(row)
        if choice is None:
            return (9, 0, "")
        found = rank(self.rows.query, choice)
        return (9 if found is None else int(found), choice.weight, choice.name.casefold())

    def suggestions(self, text: str) -> list[str]:
        """The entries typed ``text`` finds, best first, as shown."""
        return [self.itemText(self.findData(choice.code)) for choice in ranked(text, self._choices)]

    # typing ------------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        self.rows.set_query(text)
        if self._problem is not None:
            self._set_problem(None)  # a new text: judged again when the field is left

    def settle(self) -> None:
        """Make the typed text the entry it names (exactly, or as the only match); when
        it names none, keep it and say so (:meth:`problem`)."""
        text = self.currentText()
        if text == self.itemText(self.currentIndex()) or (
            self.currentIndex() == 0 and not text.strip()
        ):
            self._set_problem(None)
            return
        if not text.strip():  # emptied: no choice
            self.setCurrentIndex(0)
            self._chosen(0)
            return
        found = resolve(text, self._choices)
        if found is not None:
            self.setCurrentIndex(self.findData(found.code))
            self.setEditText(self.itemText(self.currentIndex()))
            self._set_problem(None)
            return
        shown = quoted(text)
        if not self._choices:
            problem = _("Nog niets te kiezen: {empty}.").format(empty=self._empty.strip("— "))
        elif ranked(text, self._choices):
            problem = _("„{text}” past bij meer: kies er een (pijl omlaag).").format(text=shown)
        else:
            problem = _("„{text}” staat niet in de lijst.").format(text=shown)
        self._set_problem(problem)

    def _set_problem(self, problem: str | None) -> None:
        if problem == self._problem:
            return
        self._problem = problem
        line = self.lineEdit()
        if line is not None:
            line.setProperty("invalid", problem is not None)
            line.style().unpolish(line)
            line.style().polish(line)
        self.problem_changed.emit(problem or "")

    def problem(self) -> str | None:
        """Why the typed text is not a choice (for the user), or ``None``."""
        return self._problem

    def code(self) -> str:
        """The chosen entry's code; ``""`` for none, or while the text is not a choice."""
        if self._problem is not None:
            return ""
        return str(self.currentData() or "")

    def set_code(self, code: str | None) -> None:
        self.setCurrentIndex(max(self.findData(code or ""), 0))
        self.setEditText("" if self.currentIndex() == 0 else self.itemText(self.currentIndex()))
        self._set_problem(None)


class _ResultKeys(QObject):
    """The keys between a search field and its list of results (usability round 4,
    finding 15: Down in "zoek een taal" did nothing): Down or Up in the search field go
    into the results, at the best one; Up on the first result goes back to the search
    field; Enter picks (ticks) the result the keyboard is on, in the list and in the
    search field, and with no result to pick does nothing: it never saves the dialog
    under it (usability round 6 finding 5: Enter on "Eritr", which finds no language,
    saved Nieuw dossier)."""

    def __init__(self, languages: LanguageList) -> None:
        super().__init__(languages)
        self.languages = languages

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False  # Shift+Down selects text, Ctrl+Enter is the window's
        key = event.key()
        languages = self.languages
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is languages.filter:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                return languages.into_results()
            if enter:
                if languages.filter.text().strip():  # an empty search has no first hit
                    languages.pick_current()
                return True
        elif watched is languages.list:
            if enter:
                languages.pick_current()
                return True
            if key == Qt.Key.Key_Up and languages.list.currentRow() == languages.first_shown():
                languages.filter.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False


class LanguageList(QWidget):
    """Several languages, ticked in a list filtered by what is typed above it; the
    matches ranked best first (the keyboard's current row is the best one, so Tab then
    Space ticks it, as Down then Enter does). ``changed`` when a tick changes."""

    changed = Signal()

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
        self.choices = {choice.code: choice for choice in language_choices()}
        self._alphabetical = list(self.choices)
        self._place = {code: index for index, code in enumerate(self._alphabetical)}
        for code in self._alphabetical:
            item = QListWidgetItem(choice_label(self.choices[code]))
            item.setData(CODE_ROLE, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        column.addWidget(self.list)
        self.none_found = QLabel()
        self.none_found.setObjectName("languageNoneFound")
        self.none_found.setTextFormat(Qt.TextFormat.PlainText)
        # One line kept free for it: the form below never moves while typing.
        self.none_found.setFixedHeight(self.none_found.fontMetrics().lineSpacing())
        column.addWidget(self.none_found)
        self.setFocusProxy(self.filter)
        self._order: list[str] = []
        self.list.itemChanged.connect(self._ticked)
        keys = _ResultKeys(self)
        self.filter.installEventFilter(keys)
        self.list.installEventFilter(keys)

    def retranslate(self) -> None:
        """The UI language changed: every language named in it (ticks, order and the
        search stay)."""
        self.choices = {choice.code: choice for choice in language_choices()}
        for row in range(self.list.count()):
            item = self.list.item(row)
            choice = self.choices.get(str(item.data(CODE_ROLE)))
            if choice is not None:
                item.setText(choice_label(choice))

    def first_shown(self) -> int:
        """The row of the first result shown (the best match), or -1 when none is."""
        return next(
            (row for row in range(self.list.count()) if not self.list.item(row).isHidden()), -1
        )

    def into_results(self) -> bool:
        """Put the keyboard in the results, on the best one (or the one it was on);
        False when there is none to go to."""
        first = self.first_shown()
        if first < 0:
            return False
        current = self.list.currentItem()
        if current is None or current.isHidden():
            self.list.setCurrentRow(first)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def pick_current(self) -> bool:
        """Tick the result the keyboard is on; False when none is shown."""
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return False
        item.setCheckState(Qt.CheckState.Checked)
        return True

    def _filter(self, text: str) -> None:
        order = [c.code for c in ranked(text, self.choices.values())] if text.strip() else []
        wanted = order or ([] if text.strip() else self._alphabetical)
        position = {code: index for index, code in enumerate(wanted)}
        items = [self.list.takeItem(0) for _row in range(self.list.count())]
        items.sort(
            key=lambda item: (
                position.get(str(item.data(CODE_ROLE)), len(position)),
                self._place.get(str(item.data(CODE_ROLE)), 0),
            )
        )
        self.list.blockSignals(True)
        for item in items:
            self.list.addItem(item)
            item.setHidden(str(item.data(CODE_ROLE)) not in position)
        self.list.blockSignals(False)
        self.list.setCurrentRow(0 if wanted else -1)
        self.list.scrollToTop()
        self.none_found.setText(
            _("Geen taal gevonden voor „{text}”.").format(text=text.strip()) if not wanted else ""
        )

    def _ticked(self, item: QListWidgetItem) -> None:
        code = str(item.data(CODE_ROLE))
        if item.checkState() == Qt.CheckState.Checked and code not in self._order:
            self._order.append(code)
        elif item.checkState() != Qt.CheckState.Checked and code in self._order:
            self._order.remove(code)
        else:
            return
        self.changed.emit()

    def codes(self) -> tuple[str, ...]:
        """The ticked languages' codes, in the order they were ticked."""
        return tuple(self._order)

    def ticked_choices(self) -> list[Choice]:
        """The ticked languages as choices, in the order they were ticked (a tag the list
        does not hold, a region tag, by its tag)."""
        return [self.choices.get(code) or Choice(code, code) for code in self._order]

    def set_codes(self, codes: Iterable[str]) -> None:
        wanted = list(codes)
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            code = str(item.data(CODE_ROLE))
            item.setCheckState(Qt.CheckState.Checked if code in wanted else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        # Unknown codes (a tag with a region) stay, in their place.
        self._order = wanted
        self.changed.emit()
