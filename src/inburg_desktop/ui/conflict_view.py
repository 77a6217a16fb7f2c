"""Conflicts side by side, by the kind of field: both values with their sides named for
where they came from (the office, this laptop, another laptop of the same consultant),
and the consultant's own value in the field's own editor.

- A choice (or yes/no) offers only its options, shown as their labels, never codes; a
  number its range; a date a date field. A value typed or picked here is checked like any
  edit (``services.field_values``) and refused at the field, in words, if it cannot be.
- A text is merged three ways against the version both sides started from
  (``services.text_merge``): each side's pane shows what that side changed since then,
  the merge takes both changes, each marked in its side's colour, and a place both
  changed differently holds both versions, underlined, for the consultant to settle; a
  legend under the text says what the marks mean.

Esc and the title bar's ✕ close the view; a value of its own typed and not yet used is
asked about first (``ui.close_guard``).

The list is read and a choice written off the GUI thread (``services.conflicts``); while a
choice is being written the buttons wait, and a vault that refuses (a full disk, another
program holding it) is said in words with nothing lost: the conflict stays open. After a
resolution ``case_events().case_changed`` makes open windows of the case show the value.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.counts import format_kilobytes
from inburg_desktop.domain.handhaving import HandhavingInvalid
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.formatting import format_date, format_number, format_utc_stamp
from inburg_desktop.i18n import _, ngettext
from inburg_desktop.messages import error_text
from inburg_desktop.services import conflicts as service
from inburg_desktop.services.agenda_state import state_text as agenda_state_text
from inburg_desktop.services.conflicts import ConflictItem, Side
from inburg_desktop.services.errors import FieldRefused, VaultError
from inburg_desktop.services.field_labels import field_label
from inburg_desktop.services.field_values import FieldKind, ValueRefused, check_value
from inburg_desktop.services.handhaving_text import step_text as handhaving_step_text
from inburg_desktop.services.household import stored_text as household_text
from inburg_desktop.services.intake_progress import ui_catalogue
from inburg_desktop.services.progress_text import value_text as progress_value_text
from inburg_desktop.services.text_merge import Mark, merge_text
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.case_events import case_events
from inburg_desktop.ui.close_guard import CloseGuard, FieldValue, FieldValues, field_values
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.lists import show_whole_items
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.single_window import raise_open
from inburg_desktop.ui.tasks import CancelToken, TaskGroup
from inburg_desktop.ui.text_limits import MERGE_TEXT_MAX, LimitedPlainTextEdit, with_message
from inburg_desktop.ui.vault_messages import unlock_message

ROLE = Qt.ItemDataRole.UserRole + 1
MARK_COLOURS = {"office": "#dbeafe", "laptop": "#ede9fe"}
"""The background of each side's changes in the merged text (light blue, light violet):
apart from the green and red of what a side added or removed in the panes above."""
COLLISION_COLOUR = "#b91c1c"
"""The underline of a place both sides changed."""
_WORDS = re.compile(r"\s+|\S+")
OPTION_KINDS = frozenset({"choice", "boolean"})


def _button(name: str) -> QPushButton:
    """A button that settles a conflict: never the dialog's default, also not while it
    has the focus (a QDialog makes a focused button the default: Enter kept the other
    side's value and discarded this laptop's, usability round 4). Space or a click
    choose; Enter does nothing here."""
    button = QPushButton()
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


def side_name(
    side: Side, who: str | None = None, label: str | None = None, mine: str | None = None
) -> str:
    """Where a conflict's value came from, in words: "Kantoor" (office staff), "Deze
    laptop", another laptop by the office's label for it (``label``, "laptop 2") and, when
    it is another consultant's (``who`` is not ``mine``, this laptop's consultant), that
    consultant: "Uw andere laptop ‘laptop 2’", "Laptop ‘laptop 3’ van Amal Haddad"; without
    a label (an older office) "Andere laptop van <consultant>"."""
    if side == "other_laptop":
        if label and who and mine and who == mine:
            return _("Uw andere laptop ‘{label}’").format(label=label)
        if label and who:
            return _("Laptop ‘{label}’ van {consultant}").format(label=label, consultant=who)
        if label:
            return _("Andere laptop ‘{label}’").format(label=label)
        if who:
            return _("Andere laptop van {consultant}").format(consultant=who)
        return _("Andere laptop")
    return {
        "office": _("Kantoor"),
        "this_laptop": _("Deze laptop"),
        "vault_now": _("Nu in het dossier (na synchronisatie of oplossing)"),
        "stale_window": _("Getypt in een verouderd venster"),
    }[side]


def when_changed(side: Side, moment: datetime | None, *, office: bool) -> str:
    """When a side's value changed, in words and the UI's date and time: typed here,
    written at the office, or (another device's) reached the office; "niet bekend" when
    nobody said (an older office, or this laptop's value from before it kept times).
    ``moment`` is UTC without a zone, as stored."""
    if moment is None:
        return _("Wanneer: niet bekend")
    when = format_utc_stamp(moment.isoformat(timespec="seconds"))
    if side == "this_laptop" and not office:
        return _("Hier gewijzigd op {when}").format(when=when)
    if side == "stale_window":
        return _("Getypt op {when}").format(when=when)
    if side == "office":
        return _("Op kantoor gewijzigd op {when}").format(when=when)
    if side == "vault_now":
        return _("In het dossier sinds {when}").format(when=when)
    # a laptop's value (this one's, sent earlier, or another's): when the office got it
    return _("Op kantoor aangekomen op {when}").format(when=when)


def show_value(value: Any, kind: FieldKind | None = None) -> str:
    """A value as the consultant reads it: options by their label, dates as dates,
    empty as "(leeg)"; a value the field cannot hold is said to be one."""
    if kind is not None and kind.kind == "agenda_state":  # in words, never JSON
        return agenda_state_text(value)
    if kind is not None and kind.kind == "handhaving":  # enforcement steps in words
        return handhaving_step_text(value)
    if kind is not None and kind.kind == "progress":  # a record's parts labelled, in words
        return progress_value_text(value)
    if value is None or value == "" or value == []:
        return _("(leeg)")
    kind = kind or FieldKind("other")
    if kind.kind == "household":  # members in words, one a line (never JSON)
        return household_text(value)
    if kind.kind in OPTION_KINDS:
        label = kind.label_of(value)
        if label is not None:
            return _(label)
        return _("geen geldig antwoord: {value}").format(value=value)
    if kind.kind == "multichoice" and isinstance(value, list):
        return ", ".join(
            _(label) if (label := kind.label_of(item)) is not None else str(item) for item in value
        )
    if kind.kind == "date" and isinstance(value, str):
        try:
            return format_date(parse_iso_date(value), style="long")
        except ValueError:
            return _("geen geldige datum: {value}").format(value=value)
    if isinstance(value, str):
        return value
    if kind.kind == "mark" and value is True:
        return _("Ja")
    return json.dumps(value, ensure_ascii=False, indent=2)


def changes_html(base: str, text: str) -> str:
    """``text`` as HTML with what changed since ``base`` marked: added words underlined on
    green, removed words struck through on red. Every part of the data is escaped."""
    old, new = _WORDS.findall(base), _WORDS.findall(text)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            removed = html.escape("".join(old[i1:i2]))
            out.append(f'<s style="background:#fee2e2;color:#991b1b">{removed}</s>')
        if op in ("insert", "replace"):
            added = html.escape("".join(new[j1:j2]))
            out.append(f'<u style="background:#dcfce7;color:#166534">{added}</u>')
        if op == "equal":
            out.append(html.escape("".join(new[j1:j2])))
    body = "".join(out).replace("\n", "<br>")
    return f'<div style="white-space:pre-wrap">{body}</div>'


class ValueEditor(QStackedWidget):
    """The consultant's own value for a conflict, in the field's own kind of editor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = FieldKind("other")
        self.combo = QComboBox()
        self.combo.setObjectName("choiceValue")
        self.combo.setAccessibleName(_("Eigen keuze"))
        self.number = QSpinBox()
        self.number.setObjectName("numberValue")
        self.number.setAccessibleName(_("Eigen getal"))
        self.number.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel never edits
        self.date = DateInput(optional=True)
        self.date.setObjectName("dateValue")
        self.date.edit.setAccessibleName(_("Eigen datum"))
        # A set of options (multichoice): each option a check box, the union of both
        # sides ticked to start with (usability round 3: such a conflict kept one side).
        self.options = QListWidget()
        show_whole_items(self.options)  # an option's label is never cut off
        self.options.setObjectName("optionsValue")
        self.options.setAccessibleName(_("Eigen keuzes"))
        self.merged = LimitedPlainTextEdit(MERGE_TEXT_MAX)
        self.merged.setObjectName("merged")
        self.merged.setAccessibleName(_("Samengevoegde tekst"))
        self.merged.setTabChangesFocus(True)
        self.none = QLabel(_("Kies een van beide waarden hierboven."))
        self.none.setObjectName("noOwnValue")
        self.none.setWordWrap(True)
        self.pages: dict[QWidget, QWidget] = {}
        for widget in (self.combo, self.number, self.date, self.options, self.none):
            # A one-line editor keeps its height; the text merge takes the room.
            page = QWidget()
            column = QVBoxLayout(page)
            column.setContentsMargins(0, 0, 0, 0)
            widget.setMaximumWidth(520)
            column.addWidget(widget)
            column.addStretch(1)
            self.pages[widget] = page
            self.addWidget(page)
        merge_page = with_message(self.merged)
        # what the colours in the merged text mean (usability round 3: a yellow mark
        # nobody explained)
        self.legend = QLabel()
        self.legend.setObjectName("mergeLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)  # names escaped in _legend
        self.legend.setWordWrap(True)
        self.legend.hide()
        layout = merge_page.layout()
        assert layout is not None
        layout.addWidget(self.legend)
        self.pages[self.merged] = merge_page
        self.addWidget(merge_page)

    def clear_values(self) -> None:
        """Empty every editor and show none: no conflict is left to settle."""
        self.combo.clear()
        self.options.clear()
        self.merged.clear()
        self.legend.hide()
        self.show_editor(self.none)

    def shown(self) -> QWidget:
        """The editor shown now (the combo, the number, the date, the merge or none)."""
        page = self.currentWidget()
        for editor, holder in self.pages.items():
            if holder is page:
                return editor
        return self.none

    def show_editor(self, editor: QWidget) -> None:
        self.setCurrentWidget(self.pages[editor])

    def show_for(self, conflict: ConflictItem, office_name: str, laptop_name: str) -> str:
        """Prepare the editor for ``conflict``; returns a hint that says what it shows."""
        kind = self.kind = conflict.kind
        if kind.kind in OPTION_KINDS:
            self.combo.clear()
            if not kind.required:
                self.combo.addItem(_("(leeg)"), None)
            for value, label in kind.options:
                self.combo.addItem(_(label), value)
            index = self.combo.findData(conflict.laptop_value)
            self.combo.setCurrentIndex(max(index, 0))
            self.show_editor(self.combo)
            return _(
                "Kies het antwoord dat klopt; alleen de mogelijke antwoorden staan in de lijst."
            )
        if kind.kind == "integer":
            self.number.setRange(
                kind.minimum if kind.minimum is not None else 0,
                kind.maximum if kind.maximum is not None else 10_000,
            )
            start = conflict.laptop_value
            self.number.setValue(
                start if isinstance(start, int) and not isinstance(start, bool) else 0
            )
            self.show_editor(self.number)
            return _("Vul het getal in dat klopt ({low} tot en met {high}).").format(
                low=self.number.minimum(), high=self.number.maximum()
            )
        if kind.kind == "multichoice":
            sides = [
                v for v in (conflict.office_value, conflict.laptop_value) if isinstance(v, list)
            ]
            union = {item for side in sides for item in side}
            self.options.clear()
            for value, label in kind.options:
                item = QListWidgetItem(_(label))
                item.setData(ROLE, value)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = value in union
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.options.addItem(item)
            self.options.setMaximumHeight(
                self.options.sizeHintForRow(0) * max(self.options.count(), 1)
                + 2 * self.options.frameWidth()
                + 4
            )
            self.show_editor(self.options)
            return _(
                "Aangevinkt staat wat de twee kanten samen kozen; vink aan of uit wat klopt. "
                "Of houd een van beide kanten hierboven."
            )
        if kind.kind == "date":
            try:
                start_date = (
                    parse_iso_date(conflict.laptop_value)
                    if isinstance(conflict.laptop_value, str)
                    else None
                )
            except ValueError:
                start_date = None
            self.date.set_value(start_date)
            self.show_editor(self.date)
            return _("Vul de datum in die klopt (dd-mm-jjjj).")
        if kind.kind == "agenda_state":  # two states, never a merged text
            self.show_editor(self.none)
            return _("Houd de kant met wat er met dit agendapunt is gedaan.")
        if kind.kind == "progress":  # a record: one side or the other, never a mixture
            self.show_editor(self.none)
            return _("Houd de kant met de voortgangsgegevens die kloppen.")
        if isinstance(conflict.office_value, str | None) and isinstance(
            conflict.laptop_value, str | None
        ):
            return self._merge(conflict, office_name, laptop_name)
        self.show_editor(self.none)
        return ""

    def _merge(self, conflict: ConflictItem, office_name: str, laptop_name: str) -> str:
        office = conflict.office_value or ""
        laptop = conflict.laptop_value or ""
        base = conflict.base_value if isinstance(conflict.base_value, str) else ""
        merged = merge_text(base, office, laptop)
        text, marks = merged.marked()
        self.merged.setPlainText(text)
        self._mark(marks)
        self._legend(marks, office_name, laptop_name)
        self.show_editor(self.merged)
        if not conflict.has_base:
            return _(
                "Niet bekend is waarmee beide kanten begonnen: hieronder staan beide "
                "teksten, eerst die van {office}, dan die van {laptop}. Maak er de tekst "
                "van die klopt."
            ).format(laptop=laptop_name, office=office_name)
        if merged.conflicts:
            return ngettext(
                "Wat maar één kant veranderde, is samengevoegd. Op {n} plaats veranderden "
                "beide kanten hetzelfde stuk: daar staan beide versies, eerst die van "
                "{office}; haal weg wat niet moet blijven.",
                "Wat maar één kant veranderde, is samengevoegd. Op {n} plaatsen veranderden "
                "beide kanten hetzelfde stuk: daar staan beide versies, eerst die van "
                "{office}; haal weg wat niet moet blijven.",
                merged.conflicts,
            ).format(n=format_number(merged.conflicts), office=office_name)
        return _(
            "Wat elke kant veranderde, is samengevoegd; controleer de tekst en pas hem zo "
            "nodig aan."
        )

    def _mark(self, marks: tuple[Mark, ...]) -> None:
        """Mark each side's changes in its own colour; where both sides changed the same
        place, both versions are also underlined (the text itself holds no markers).
        The marks move with the text as the consultant edits it."""
        selections = []
        for mark in marks:
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(QColor(MARK_COLOURS[mark.side]))
            if mark.collision:
                selection.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                selection.format.setUnderlineColor(QColor(COLLISION_COLOUR))
                selection.format.setFontUnderline(True)
            cursor = self.merged.textCursor()
            cursor.setPosition(mark.start)
            cursor.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.merged.setExtraSelections(selections)

    def _legend(self, marks: tuple[Mark, ...], office_name: str, laptop_name: str) -> None:
        """Say what the marks of the merged text mean, for the marks it holds."""
        entries = []
        for side, name in (("office", office_name), ("laptop", laptop_name)):
            if any(mark.side == side for mark in marks):
                swatch = (
                    f'<span style="background:{MARK_COLOURS[side]}">'
                    f"&nbsp;{html.escape(name)}&nbsp;</span>"
                )
                entries.append(html.escape(_("{side} veranderde dit")).format(side=swatch))
        if any(mark.collision for mark in marks):
            word = html.escape(_("onderstreept"))
            sentence = _("{underlined}: beide kanten veranderden dit stuk; beide versies staan er")
            entries.append(
                html.escape(sentence).format(
                    underlined=f'<u style="color:{COLLISION_COLOUR}">{word}</u>'
                )
            )
        self.legend.setText(" · ".join(entries))
        self.legend.setVisible(bool(entries))

    def value(self) -> Any:
        """The value shown; raises ``ValueError`` with a sentence for the consultant when
        it is not one yet (a half-typed date, markers left in a merge)."""
        current = self.shown()
        if current is self.combo:
            return self.combo.currentData()
        if current is self.number:
            return self.number.value()
        if current is self.date:
            problem = self.date.problem()
            if problem is not None:
                raise ValueError(problem)
            picked = self.date.value()
            return picked.isoformat() if picked is not None else None
        if current is self.options:
            ticked = (self.options.item(row) for row in range(self.options.count()))
            return [
                item.data(ROLE) for item in ticked if item.checkState() == Qt.CheckState.Checked
            ]
        if current is self.none:
            raise ValueError(_("Kies een van beide waarden hierboven."))
        # Trailing space and line ends mean nothing in a note (the intake strips them too).
        text = self.merged.toPlainText().rstrip()
        if len(text) > MERGE_TEXT_MAX:
            raise ValueError(_("De samengevoegde tekst is te lang."))
        return text


class ConflictView(QDialog):
    resolved = Signal(str)  # case id
    loaded = Signal()  # the list shows what the vault holds now

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.tasks = TaskGroup(self)
        self.busy = False
        self._catalogue = ui_catalogue()
        self.setWindowTitle(_("Conflicten oplossen"))
        self.resize(1000, 620)
        layout = QHBoxLayout(self)
        self.items = QListWidget()
        show_whole_items(self.items)  # names and field labels are long: never cut off
        self.items.setObjectName("conflictList")
        self.items.setAccessibleName(_("Conflicten"))
        self.items.setMinimumWidth(300)
        self.items.setMaximumWidth(360)
        self.items.setWordWrap(True)  # "name — topic: field" is never cut off
        layout.addWidget(self.items)
        # Everything about the conflict shown, hidden as one when none is left: after the
        # last one nothing of it may stay behind (usability round 4 #7: the pane kept the
        # last conflict's sides, hint and buttons, greyed).
        self.detail = QWidget()
        self.detail.setObjectName("conflictDetail")
        right = QVBoxLayout(self.detail)
        right.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # data, never markup
        self.title.setStyleSheet("font-size:13pt;font-weight:bold")
        self.title.setWordWrap(True)
        right.addWidget(self.title)
        # What both sides started from, for every kind of field alike (usability round 4
        # #7: a choice showed no base), as the field shows it: a choice by its label.
        self.base_label = QLabel()
        self.base_label.setObjectName("baseLabel")
        self.base_label.setTextFormat(Qt.TextFormat.PlainText)
        self.base_label.setWordWrap(True)
        self.base_label.setStyleSheet("font-weight:bold")
        right.addWidget(self.base_label)
        self.base = QTextEdit()
        self.base.setObjectName("baseValue")
        self.base.setAccessibleName(_("Waarmee beide begonnen"))
        self.base.setReadOnly(True)
        self.base.setTabChangesFocus(True)
        self.base.setMaximumHeight(70)  # a long text scrolls; the sides keep the room
        self.base_label.setBuddy(self.base)
        right.addWidget(self.base)
        grid = QGridLayout()
        self.office_label = QLabel(_("Kantoor"))
        self.office_label.setObjectName("officeSide")
        self.laptop_label = QLabel(_("Deze laptop"))
        self.laptop_label.setObjectName("laptopSide")
        for label in (self.office_label, self.laptop_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setStyleSheet("font-weight:bold")
        grid.addWidget(self.office_label, 0, 0)
        grid.addWidget(self.laptop_label, 0, 1)
        # when each side changed (usability round 3: the view did not say)
        self.office_when = QLabel()
        self.office_when.setObjectName("officeWhen")
        self.laptop_when = QLabel()
        self.laptop_when.setObjectName("laptopWhen")
        for label in (self.office_when, self.laptop_when):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setStyleSheet("color:#374151")
        grid.addWidget(self.office_when, 1, 0)
        grid.addWidget(self.laptop_when, 1, 1)
        self.office = QTextEdit()
        self.office.setObjectName("officeValue")
        self.office.setReadOnly(True)
        self.office.setTabChangesFocus(True)
        self.laptop = QTextEdit()
        self.laptop.setObjectName("laptopValue")
        self.laptop.setReadOnly(True)
        self.laptop.setTabChangesFocus(True)
        self.office_label.setBuddy(self.office)  # the label (it changes per conflict) names it
        self.laptop_label.setBuddy(self.laptop)
        grid.addWidget(self.office, 2, 0)
        grid.addWidget(self.laptop, 2, 1)
        self.take_office = _button("takeOffice")
        self.take_laptop = _button("takeLaptop")
        grid.addWidget(self.take_office, 3, 0)
        grid.addWidget(self.take_laptop, 3, 1)
        grid.setRowStretch(2, 1)
        self.grid, self.right = grid, right
        right.addLayout(grid, 2)
        self.changes_hint = QLabel(
            _("Onderstreept: wat die kant toevoegde; doorgestreept: wat die kant weghaalde.")
        )
        self.changes_hint.setObjectName("changesHint")
        self.changes_hint.setWordWrap(True)
        right.addWidget(self.changes_hint)
        self.own_label = QLabel(_("Of een eigen waarde:"))
        self.own_label.setStyleSheet("font-weight:bold")
        right.addWidget(self.own_label)
        self.hint = QLabel()
        self.hint.setObjectName("ownHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        right.addWidget(self.hint)
        self.editor = ValueEditor()
        self.merged = self.editor.merged
        right.addWidget(self.editor, 2)
        self.own_label.setBuddy(self.editor.merged)
        self.problem = MessageLabel(self)
        self.problem.setObjectName("resolveProblem")
        right.addWidget(self.problem)
        self.take_merged = _button("takeOwn")
        own_row = QHBoxLayout()
        own_row.addWidget(self.take_merged)
        own_row.addStretch(1)
        right.addLayout(own_row)
        pane = QVBoxLayout()
        pane.addWidget(self.detail, 1)
        self.empty = QLabel(_("Er zijn geen conflicten."))
        self.empty.setObjectName("noConflicts")
        self.empty.setWordWrap(True)
        pane.addWidget(self.empty)
        pane.addStretch(0)
        # Closing said by a button too, not only by Esc (usability round 7 #13: once all
        # were solved nothing on screen said how to leave); the default only when nothing
        # is left, so Enter never closes while a choice is open.
        self.close_button = _button("closeConflicts")
        self.close_button.setText(_("&Sluiten"))
        self.close_button.clicked.connect(self.reject)
        close_row = QHBoxLayout()
        close_row.addStretch(1)
        close_row.addWidget(self.close_button)
        pane.addLayout(close_row)
        layout.addLayout(pane, 1)
        self._had_any = False
        self.wanted: tuple[str, str] | None = None  # show_field: shown once the list is

        self.items.currentItemChanged.connect(self._show)
        self.take_office.clicked.connect(lambda: self._resolve("office"))
        self.take_laptop.clicked.connect(lambda: self._resolve("laptop"))
        self.take_merged.clicked.connect(lambda: self._resolve("own"))
        self._set_sides("office", "this_laptop")
        self.take_merged.setText(_("Deze waarde gebruiken"))
        # A value of its own half typed (a merge edited, options ticked) is not lost on
        # Esc or ✕ without a question; "Opslaan" uses it (ui.close_guard).
        self.close_guard = CloseGuard(
            self,
            self._save_own,
            state=self._own_state,
            question=lambda: _(
                "U hebt een eigen waarde ingevuld die nog niet is gebruikt. Wilt u haar "
                "gebruiken voor dit conflict?"
            ),
        )
        self.close_guard.mark_clean()
        self.reload()

    def _own_state(self) -> FieldValues:
        """What the consultant's own value shows now (every editor, ticked options)."""
        options = self.editor.options
        ticked = tuple(
            options.item(row).checkState() == Qt.CheckState.Checked
            for row in range(options.count())
        )
        return field_values(self.editor) | {
            "options": FieldValue(self.editor.options.accessibleName(), ticked)
        }

    def _save_own(self) -> None:
        if not self._resolve("own"):
            self.close_guard.save_failed()  # said at the field; the view stays open

    def reject(self) -> None:
        """Esc and the title bar's ✕ close the view; a value of its own typed and not yet
        used is asked about first (usability round 3: Esc did not close it)."""
        if self.close_guard.allows_close():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_guard.allows_close(event):
            super().closeEvent(event)

    def reload(self) -> None:
        """Read the open conflicts (one query) off the GUI thread, then show them."""
        vault, catalogue = self.vault, self._catalogue
        self.tasks.run(
            lambda _token: service.list_conflicts(vault, catalogue), self._show_list, self._failed
        )

    def _show_list(self, found: tuple[ConflictItem, ...]) -> None:
        self.items.clear()
        for item in found:
            label = _(field_label(item.field_key, self._catalogue))
            entry = QListWidgetItem(f"{item.person_name} — {label}")
            entry.setData(ROLE, item)
            self.items.addItem(entry)
        has_any = self.items.count() > 0
        if not has_any and self._had_any:
            self.empty.setText(_("Alle conflicten zijn opgelost; er is niets meer te kiezen."))
        self._had_any = self._had_any or has_any
        self.empty.setVisible(not has_any)
        self._set_enabled(has_any)
        self.close_button.setAutoDefault(not has_any)
        self.close_button.setDefault(not has_any)
        if has_any:
            self.items.setCurrentRow(self._wanted_row())
        else:
            self.title.clear()
            self.base.clear()
            self.office.clear()
            self.laptop.clear()
            self.office_when.clear()
            self.laptop_when.clear()
            self.hint.clear()
            # the last conflict's value must not stay behind, greyed (usability round 4)
            self.editor.clear_values()
            self.close_guard.mark_clean()
        self.detail.setVisible(has_any)
        focused = self.focusWidget()
        if focused is None or not focused.isEnabled() or not focused.isVisible():
            # the button just used was disabled while writing: the keyboard goes on in
            # the list (Esc, the arrows), never nowhere
            self.items.setFocus(Qt.FocusReason.OtherFocusReason)
        self.loaded.emit()

    def show_field(self, case_id: str, field_key: str) -> None:
        """Show the conflict of ``case_id`` on ``field_key`` (a window's "conflict – kies
        in Conflicten oplossen" mark): selected now when listed, else once the list is
        read again."""
        self.wanted = (case_id, field_key)
        row = self._wanted_row()
        if self.items.count() and row != self.items.currentRow():
            self.items.setCurrentRow(row)
        self.items.setFocus(Qt.FocusReason.OtherFocusReason)

    def _wanted_row(self) -> int:
        """The row of the conflict asked for with :meth:`show_field` (0 when none is, or
        it is not open any more)."""
        if self.wanted is not None:
            for row in range(self.items.count()):
                item = self.items.item(row).data(ROLE)
                if isinstance(item, ConflictItem) and (item.case_id, item.field_key) == self.wanted:
                    return row
        return 0

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.take_office, self.take_laptop, self.take_merged, self.editor):
            widget.setEnabled(enabled)

    def current(self) -> ConflictItem | None:
        item = self.items.currentItem()
        value = item.data(ROLE) if item is not None else None
        return value if isinstance(value, ConflictItem) else None

    def _set_sides(
        self,
        office: Side,
        laptop: Side,
        office_who: str | None = None,
        laptop_who: str | None = None,
        conflict: ConflictItem | None = None,
    ) -> tuple[str, str]:
        labels = (conflict.office_label, conflict.laptop_label) if conflict else (None, None)
        mine = conflict.own_consultant if conflict else None
        office_name = side_name(office, office_who, labels[0], mine)
        laptop_name = side_name(laptop, laptop_who, labels[1], mine)
        self.office_label.setText(office_name)
        self.laptop_label.setText(laptop_name)
        self.take_office.setText(_("Deze houden: {side}").format(side=office_name))
        self.take_laptop.setText(_("Deze houden: {side}").format(side=laptop_name))
        return office_name, laptop_name

    def _show(self) -> None:
        conflict = self.current()
        if conflict is None:
            return
        self.title.setText(self.items.currentItem().text())
        office_name, laptop_name = self._set_sides(
            conflict.office_side,
            conflict.laptop_side,
            conflict.office_who,
            conflict.laptop_who,
            conflict,
        )
        self.office_when.setText(
            when_changed(conflict.office_side, conflict.office_changed_at, office=True)
        )
        self.laptop_when.setText(
            when_changed(conflict.laptop_side, conflict.laptop_changed_at, office=False)
        )
        kind = conflict.kind
        self._show_base(conflict)
        text_like = isinstance(conflict.office_value, str | None) and isinstance(
            conflict.laptop_value, str | None
        )
        shows_changes = (
            kind.kind not in OPTION_KINDS | {"integer", "date", "multichoice", "mark"}
            and text_like
            and conflict.has_base
            and isinstance(conflict.base_value, str | None)
        )
        for pane, value in (
            (self.office, conflict.office_value),
            (self.laptop, conflict.laptop_value),
        ):
            if shows_changes:
                pane.setHtml(changes_html(conflict.base_value or "", value or ""))
            else:
                pane.setPlainText(show_value(value, kind))
        self.changes_hint.setVisible(shows_changes)
        self.hint.setText(self.editor.show_for(conflict, office_name, laptop_name))
        is_text = self.editor.shown() is self.editor.merged
        # A value of one line needs no tall pane; a text gets the room.
        for pane in (self.office, self.laptop):
            pane.setMaximumHeight(16_777_215 if is_text else 90)
        self.right.setStretchFactor(self.grid, 2 if is_text else 0)
        if is_text:
            self.take_merged.setText(_("Samengevoegde tekst gebruiken"))
        elif self.editor.shown() is self.editor.options:
            self.take_merged.setText(_("Deze keuzes gebruiken"))
        else:
            self.take_merged.setText(_("Deze waarde gebruiken"))
        self._button_states(conflict)
        self.problem.clear_message()
        self.close_guard.mark_clean()  # the editor shows its start: nothing own yet

    def _show_base(self, conflict: ConflictItem) -> None:
        """The value both sides started from, shown like the sides (a choice by its
        label, a date as a date), or that it is not known (another laptop's conflict, or
        one kept before this laptop recorded bases)."""
        if conflict.has_base:
            self.base_label.setText(_("Waarmee beide begonnen:"))
            shown = show_value(conflict.base_value, conflict.kind)
            self.base.setPlainText(shown)
            # one line for a choice, a number or a date; a text or household scrolls
            lines = min(max(shown.count("\n") + 1, 1), 3)
            if isinstance(conflict.base_value, str) and conflict.kind.kind not in OPTION_KINDS:
                lines = 3
            spacing = self.base.fontMetrics().lineSpacing()
            self.base.setMaximumHeight(lines * spacing + 2 * self.base.frameWidth() + 10)
            self.base.show()
        else:
            self.base_label.setText(_("Waarmee beide begonnen, is niet bekend."))
            self.base.clear()
            self.base.hide()

    def _button_states(self, conflict: ConflictItem) -> None:
        self.editor.setEnabled(True)
        self.take_merged.setEnabled(self.editor.shown() is not self.editor.none)
        # A side the field cannot hold (say an old merge of two choices) cannot be kept.
        for button, value in (
            (self.take_office, conflict.office_value),
            (self.take_laptop, conflict.laptop_value),
        ):
            refusal = self._refusal(conflict, value)
            button.setEnabled(refusal is None)
            button.setToolTip(refusal or "")

    def _refusal(self, conflict: ConflictItem, value: Any) -> str | None:
        try:
            check_value(conflict.field_key, value, self._catalogue)
        except ValueRefused as exc:
            return error_text(exc)
        return None

    def _resolve(self, which: str) -> bool:
        """Start keeping the office's, the laptop's or the consultant's own value of the
        conflict shown; False (said at the field) when there is none to keep."""
        conflict = self.current()
        if conflict is None or self.busy:
            return False
        if which == "own":
            try:
                chosen = self.editor.value()
            except ValueError as exc:
                self.problem.show_message(str(exc), "error")
                return False
        else:
            chosen = conflict.office_value if which == "office" else conflict.laptop_value
        refusal = self._refusal(conflict, chosen)
        if refusal is not None:
            self.problem.show_message(refusal, "error")
            return False
        self.busy = True
        self._set_enabled(False)
        vault, catalogue = self.vault, self._catalogue
        case_id, key = conflict.case_id, conflict.field_key

        def work(_token: CancelToken) -> str:
            service.resolve(vault, case_id, key, chosen, catalogue)
            return case_id

        self.tasks.run(work, self._resolved, self._failed)
        return True

    def _resolved(self, case_id: str) -> None:
        self.busy = False
        self.problem.clear_message()
        case_events().case_changed.emit(case_id)
        self.resolved.emit(case_id)
        self.close_guard.saved()  # closes now when that was the question
        if self.isVisible():
            self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.close_guard.save_failed()
        conflict = self.current()
        if conflict is not None:
            self._button_states(conflict)  # what the consultant typed stays
        else:
            self._set_enabled(False)
        if isinstance(exc, ValueRefused):
            self.problem.show_message(error_text(exc), "error")
        elif isinstance(exc, FieldRefused):
            # Two long texts merged can pass what one value may hold at the office.
            self.problem.show_message(
                _(
                    "Deze keuze is te groot om naar kantoor te sturen ({size} kB; hoogstens "
                    "{limit} kB). Maak de samengevoegde tekst korter; er is niets gewijzigd."
                ).format(size=format_kilobytes(exc.size), limit=format_kilobytes(exc.limit)),
                "error",
            )
        elif isinstance(exc, VaultError):
            # A full disk, another program holding the vault, ...: the conflict stays open.
            self.problem.show_message(unlock_message(exc), "error")
        elif isinstance(exc, HandhavingInvalid):
            # an enforcement record is resolved as a whole (services.conflicts)
            self.problem.show_message(error_text(exc), "error")
        else:
            raise exc


def open_conflict_at(vault: Vault, case_id: str, field_key: str) -> ConflictView:
    """The conflict view at one field: the one already open (raised and read again), else
    a new one; a window's conflict mark opens it here (usability round 7 #13)."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ConflictView) and widget.vault is vault and widget.isVisible():
            view = widget
            raise_open(view)
            view.reload()
            break
    else:
        view = ConflictView(vault)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.show()
    view.show_field(case_id, field_key)
    return view
