"""The household members of a case, edited by keyboard (``services.household``).

One block per member: relation, name, date of birth (typed the Dutch way, read by the
app's one date parser through ``ui.date_input``), whether they are inburgeringsplichtig
themselves, their V-nummer and a short note. "Gezinslid toevoegen" (Alt+Z) adds a member,
scrolled into view, and puts the keyboard in its relation with the focus frame drawn
(``ui.scroll_into_view.keyboard_to``); from the button (above the members) Tab walks every member's
fields in reading order; the member's ✕ (or Ctrl+Delete in any of its fields) removes it
and the keyboard goes to the next member, or to "Gezinslid toevoegen".

The editor saves nothing itself: the window that embeds it (Dossiergegevens, Nieuw
dossier) reads :meth:`HouseholdEditor.members` and saves it with its own fields. Every
member's field is a plain editable widget, so the window's close guard (``ui.close_guard``)
sees a typed, added or removed member as an unsaved edit.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionFrame,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.household import Gezinslid, Relatie
from inburg_desktop.formatting import RELATIE_LABELS
from inburg_desktop.i18n import _
from inburg_desktop.messages import error_text
from inburg_desktop.services.household import (
    MAX_MEMBERS,
    MAX_NAME,
    MAX_NOTE,
    HouseholdRefused,
    check_members,
)
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.keys import key_sequence
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.placeholders import CHOOSE
from inburg_desktop.ui.scroll_into_view import keyboard_to
from inburg_desktop.ui.text_limits import LimitedLineEdit, LimitedPlainTextEdit

_PLICHT = ((None, "onbekend"), (True, "ja"), (False, "nee"))

NAME_SAMPLE = "Abdirahman Mohamed Farah Warsa"
"""A typical long name (30 characters): the Naam field shows it whole at its narrowest
(usability round 7 finding 10: "Selam Berhane" was cut off in Dossiergegevens)."""
V_NUMMER_SAMPLE = "V 12345 67890"
"""A V-nummer as people type it (with its letter and a space): shown whole."""


def _plicht_labels() -> tuple[tuple[bool | None, str], ...]:
    return ((None, _("onbekend")), (True, _("ja")), (False, _("nee")))


def shows_whole(line: QLineEdit, sample: str) -> None:
    """Make ``line`` at least wide enough to show ``sample`` whole (its frame and text
    margins included, as the style draws them)."""
    option = QStyleOptionFrame()
    line.initStyleOption(option)
    text = line.fontMetrics().horizontalAdvance(sample)
    margins = line.textMargins()
    # QLineEdit keeps 2 px beside the text on each side (its horizontalMargin), and the
    # cursor needs one more at the end.
    inner = QSize(text + margins.left() + margins.right() + 2 * 2 + 1, line.sizeHint().height())
    size = line.style().sizeFromContents(QStyle.ContentsType.CT_LineEdit, option, inner, line)
    line.setMinimumWidth(size.width())


class MemberRow(QFrame):
    """One member's fields; ``number`` (1-based) names it for screen readers."""

    def __init__(self, editor: HouseholdEditor) -> None:
        super().__init__()
        self.setObjectName("householdMember")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._case_id: str | None = None
        self._sender_relation: str | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.relatie = QComboBox()
        self.relatie.setObjectName("householdRelatie")
        self.relatie.addItem(_(CHOOSE), None)
        for relatie, msgid in RELATIE_LABELS.items():
            self.relatie.addItem(_(msgid), relatie.value)
        self.naam = LimitedLineEdit(MAX_NAME)
        self.naam.setObjectName("householdNaam")
        self.naam.setPlaceholderText(_("optioneel"))
        self.geboren = DateInput(optional=True, placeholder=_("dd-mm-jjjj"))
        self.geboren.setObjectName("householdGeboren")
        self.plichtig = QComboBox()
        self.plichtig.setObjectName("householdPlichtig")
        for value, word in _plicht_labels():
            self.plichtig.addItem(word, value)
        self.v_nummer = QLineEdit()
        self.v_nummer.setObjectName("householdVNummer")
        self.v_nummer.setMaxLength(20)  # ten digits, with a V and spaces as people type them
        self.v_nummer.setPlaceholderText(_("indien bekend"))
        self.notitie = LimitedPlainTextEdit(MAX_NOTE)  # a note: wraps, Tab moves on
        self.notitie.setFixedHeight(48)
        self.notitie.setObjectName("householdNotitie")
        self._showing = False
        self.remove = QToolButton()
        self.remove.setObjectName("householdRemove")
        self.remove.setText("✕")
        self.remove.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it
        self.remove.clicked.connect(lambda: editor.remove_row(self))
        self.problem = MessageLabel(self)
        self.problem.setObjectName("householdProblem")
        # Never narrower than what they hold (a layout short of width squeezed the name to
        # "Selam Berhan" and the plicht to its arrow).
        shows_whole(self.naam, NAME_SAMPLE)
        shows_whole(self.v_nummer, V_NUMMER_SAMPLE)
        for combo in (self.relatie, self.plichtig):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumWidth(combo.sizeHint().width())
        self.labels: list[QLabel] = []
        cells: tuple[tuple[str, QWidget, int, int], ...] = (
            (_("Relatie"), self.relatie, 0, 0),
            (_("Naam"), self.naam, 0, 2),
            (_("Geboortedatum"), self.geboren, 1, 0),
            (_("Inburgeringsplichtig"), self.plichtig, 1, 2),
            (_("V-nummer"), self.v_nummer, 2, 0),
            (_("Notitie"), self.notitie, 2, 2),
        )
        for text, widget, row, column in cells:
            label = QLabel(text)
            label.setBuddy(widget)
            self.labels.append(label)
            grid.addWidget(label, row, column)
            grid.addWidget(widget, row, column + 1)
        grid.addWidget(self.remove, 0, 4, 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.problem, 3, 0, 1, 5)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 2)
        # The date field sizes itself to its placeholder and any date (ui/date_input).
        # Reading order: the relation, name, date, plicht, V-nummer, note, then ✕.
        self.tab_order: tuple[QWidget, ...] = (
            self.relatie,
            self.naam,
            self.geboren.edit,
            self.plichtig,
            self.v_nummer,
            self.notitie,
            self.remove,
        )
        self.relatie.currentIndexChanged.connect(editor.edited)
        self.plichtig.currentIndexChanged.connect(editor.edited)
        for line in (self.naam, self.v_nummer):
            line.textEdited.connect(editor.edited)
        # typed by the consultant, not filled in by show_member
        self.notitie.textChanged.connect(lambda: None if self._showing else editor.edited())
        self.geboren.changed.connect(editor.edited)

    def name_for(self, number: int) -> None:
        """Accessible names that say which member a field is of ("Gezinslid 2: Naam")."""
        self.setAccessibleName(_("Gezinslid {number}").format(number=number))
        for label in self.labels:
            widget = label.buddy()
            target = widget.focusProxy() or widget
            target.setAccessibleName(
                _("Gezinslid {number}: {field}").format(number=number, field=label.text())
            )
        self.remove.setAccessibleName(_("Gezinslid {number} verwijderen").format(number=number))
        self.remove.setToolTip(
            _("Gezinslid {number} verwijderen (Ctrl+Delete)").format(number=number)
        )

    def member(self) -> Gezinslid:
        """The member as typed (``relatie`` checked by the service: a row without one is
        refused there, named)."""
        data = self.relatie.currentData()
        return Gezinslid(
            relatie=Relatie(data) if data is not None else None,  # type: ignore[arg-type]
            naam=self.naam.text(),
            geboortedatum=self.geboren.value(),
            inburgeringsplichtig=self.plichtig.currentData(),
            v_nummer=self.v_nummer.text(),
            case_id=self._case_id,
            notitie=self.notitie.toPlainText(),
            sender_relation=self._sender_relation,
        )

    def show_member(self, member: Gezinslid) -> None:
        self.relatie.setCurrentIndex(max(self.relatie.findData(member.relatie.value), 0))
        self.naam.setText(member.naam or "")
        self.geboren.set_value(member.geboortedatum)
        index = [value for value, _label in _PLICHT].index(member.inburgeringsplichtig)
        self.plichtig.setCurrentIndex(index)
        self.v_nummer.setText(member.v_nummer or "")
        self._showing = True
        try:
            self.notitie.setPlainText(member.notitie or "")
        finally:
            self._showing = False
        self._case_id, self._sender_relation = member.case_id, member.sender_relation

    def field_widget(self, field: str) -> QWidget:
        return {
            "relatie": self.relatie,
            "naam": self.naam,
            "geboortedatum": self.geboren,
            "v_nummer": self.v_nummer,
            "notitie": self.notitie,
        }.get(field, self.relatie)


class HouseholdEditor(QWidget):
    """Add, edit and remove household members; ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("householdEditor")
        self.rows: list[MemberRow] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        # Above the members: a new member is typed below it, in the order Tab goes.
        # Alt+Z by hand, the same in every window: left to the keeper, a button shown
        # with the form took the G of "Geboortedatum" (buttons get theirs first).
        self.add_button = QPushButton(_("Ge&zinslid toevoegen"))
        self.add_button.setObjectName("householdAdd")
        self.add_button.setAutoDefault(False)  # Enter in a dialog saves, never adds
        self.add_button.clicked.connect(self.add_member)
        column.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.empty = QLabel(_("Nog geen gezinsleden vastgelegd."))
        self.empty.setObjectName("householdEmpty")
        self.empty.setStyleSheet("color:#4b5563")
        column.addWidget(self.empty)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(4)
        column.addLayout(self.rows_box)
        self.message = MessageLabel(self)
        self.message.setObjectName("householdMessage")
        column.addWidget(self.message)
        remove = QShortcut(key_sequence("Ctrl+Delete"), self)
        remove.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        remove.activated.connect(self._remove_focused)
        self._loading = False
        self.refused: HouseholdRefused | None = None  # the refusal said now, if any

    # rows -----------------------------------------------------------------------------
    def add_member(self) -> MemberRow | None:
        """A new empty member with the keyboard in its relation, scrolled into view in
        every scroll area around the editor; ``None`` (said why) when the household holds
        :data:`MAX_MEMBERS` already."""
        if len(self.rows) >= MAX_MEMBERS:
            self.message.show_message(
                _("Hoogstens {most} gezinsleden.").format(most=MAX_MEMBERS), "warning"
            )
            return None
        row = self._add_row()
        self.edited()
        # The keyboard is there: so are the eyes (usability round 4 finding 15, round 7
        # finding 10), and the focus frame that says so.
        keyboard_to(row.relatie, whole=row)
        return row

    def _add_row(self) -> MemberRow:
        row = MemberRow(self)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        # Shown now, not at the layout's next turn: a Tab typed at once skips a hidden field.
        row.show()
        self._renumber()
        return row

    def remove_row(self, row: MemberRow) -> None:
        index = self.rows.index(row)
        self.rows.remove(row)
        row.hide()
        row.setParent(None)
        row.deleteLater()
        self._renumber()
        if index < len(self.rows):
            keyboard_to(self.rows[index].relatie, whole=self.rows[index])
        else:
            keyboard_to(self.add_button)
        self.message.clear_message()
        self.edited()

    def _remove_focused(self) -> None:
        focused = self.focusWidget()
        for row in self.rows:
            if focused is not None and (focused is row or row.isAncestorOf(focused)):
                self.remove_row(row)
                return

    def _renumber(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            row.name_for(number)
        self.empty.setVisible(not self.rows)
        # A member added later is created after the dialog's buttons: Tab goes from
        # "Gezinslid toevoegen" (created with the editor, in the window's order) through
        # the members in the order shown, then on to what follows the editor.
        chain = [widget for row in self.rows for widget in row.tab_order]
        for first, second in itertools.pairwise([self.add_button, *chain]):
            QWidget.setTabOrder(first, second)

    # values ---------------------------------------------------------------------------
    def set_members(self, members: Sequence[Gezinslid]) -> None:
        """Show ``members`` (not an edit: ``changed`` stays quiet)."""
        self._loading = True
        try:
            for row in list(self.rows):
                self.rows.remove(row)
                row.setParent(None)
                row.deleteLater()
            for member in members:
                self._add_row().show_member(member)
            self._renumber()
            self.show_refusal(None)
        finally:
            self._loading = False

    def members(self) -> list[Gezinslid]:
        """The members as typed, in order (checked by ``services.household``)."""
        return [row.member() for row in self.rows]

    def edited(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def check(self, today: date, own_v_nummer: str | None = None) -> HouseholdRefused | None:
        """Check the members as the service will and say a refusal at its member (also
        returned); ``None`` (and every member's message cleared) when all are right."""
        try:
            check_members(self.members(), today, own_v_nummer=own_v_nummer)
        except HouseholdRefused as exc:
            self.show_refusal(exc)
            return exc
        self.show_refusal(None)
        return None

    def show_refusal(self, refused: HouseholdRefused | None, focus: bool = False) -> None:
        """Say ``refused`` beneath its member (or under the list, for the whole), and with
        ``focus`` put the keyboard in the field it names."""
        self.refused = refused
        for index, row in enumerate(self.rows):
            if refused is not None and refused.member == index:
                row.problem.show_message(error_text(refused), "error")
                if focus:
                    row.field_widget(refused.field).setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                row.problem.clear_message()
        if refused is not None and refused.member is None:
            self.message.show_message(error_text(refused), "error")
        else:
            self.message.clear_message()
