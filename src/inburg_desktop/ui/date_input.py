"""The one date field of the app: a consultant types a whole date, or picks one.

Every date a consultant can enter (Dossiergegevens, the PIP editor, the intake's date
answers, oproepen, session records) goes through :class:`DateInput`, so a typed date is
read the same way everywhere and is never silently turned into another one (QDateEdit's
section editing made ``15-06-2021`` into 15-11-2026; usability test, issue "ut-data").

- Typing: every usual Dutch way (``12031990``, ``12-3-1990``, ``12/3/1990``,
  ``12.03.1990``, ``12 maart 1990``, ISO ``1990-03-12``), read by the one parser in
  ``domain/typed_date.py``; the year has four digits (a two-digit year is ambiguous for a
  date of birth). Focus selects the whole text, so typing replaces the date shown.
- A partial or impossible date (``31-02-2021``) is refused at the field in words; the
  field keeps the text as typed and :meth:`DateInput.problem` says what is wrong, so the
  dialog's Save/OK can refuse while a field is invalid.
- An optional field shows "no date" as an empty field with a placeholder, never a greyed
  date that looks like a value. A required field that is empty has a problem too.
- A plain line edit: the mouse wheel never changes it. A calendar button next to it opens
  a calendar for mouse users.
- What was typed is shown back in the one form once the consultant leaves the field or
  presses Enter (``12031990`` and ``12-3-1990`` become ``12-03-1990``), so they see which
  date was read before they save (usability round 3, finding 3). A text that is no date
  stays as typed, with its refusal beneath it; every change that makes the text a date
  takes the refusal away.
- The field is as wide as its placeholder and its widest date in the UI language's font
  (:func:`date_text_width`; "no date (dd-mm-yyyy)" was cut off in English, usability
  round 3, finding 13), and follows a font change; every date field is one width.
- A refusal wraps beneath the field and takes the height its lines need, pushing what
  stands below down (usability round 6 finding 20).

The machinery it shares with the time field (``ui.time_input``): ``ui.typed_field``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QStyle,
    QStyleOptionFrame,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from inburg_desktop.domain.typed_date import DateTypedRefused, read_typed_date
from inburg_desktop.i18n import _
from inburg_desktop.messages import error_text
from inburg_desktop.ui.own_widgets import own_children
from inburg_desktop.ui.typed_field import SelectingLineEdit, TypedField

DISPLAY_FORMAT = "%d-%m-%Y"


class DateTextError(ValueError):
    """A typed text that is not a whole, existing date; the message is for the user."""


def parse_typed_date(text: str) -> date | None:
    """The date typed in ``text``; ``None`` when it is empty (only spaces).

    Read by the app's one date parser, ``domain.typed_date.read_typed_date`` (``12031990``,
    ``12-3-1990``, ``12/3/1990``, ``12.03.1990``, ``12 maart 1990``, ``1990-03-12``).
    Raises :class:`DateTextError` with the reason in the UI language (a partial text, a
    two-digit year, digits that read as two dates, a date that does not exist).
    """
    try:
        return read_typed_date(text)
    except DateTypedRefused as refused:
        raise DateTextError(error_text(refused)) from None


def format_typed_date(value: date) -> str:
    """A date as the field shows it (``dd-mm-jjjj``, the form the consultant types)."""
    return value.strftime(DISPLAY_FORMAT)


LINE_EDIT_TEXT_MARGIN = 2
"""Pixels QLineEdit keeps free on each side of its text inside the contents rectangle
(``QLineEditPrivate::horizontalMargin``, qlineedit_p.h; not exposed by the API)."""


def widest_date_text(metrics: QFontMetrics) -> str:
    """The ``dd-mm-jjjj`` text of the widest digits in ``metrics``' font (digits are
    usually all as wide, but not in every font)."""
    digit = max("0123456789", key=metrics.horizontalAdvance)
    return f"{digit}{digit}-{digit}{digit}-{digit * 4}"


def date_placeholders() -> tuple[str, str]:
    """The placeholders of an optional and a required date field, in the UI language."""
    return _("geen datum (dd-mm-jjjj)"), _("dd-mm-jjjj")


def date_text_width(edit: QLineEdit) -> int:
    """The width in pixels ``edit`` needs to show its placeholder, either standard date
    placeholder (:func:`date_placeholders`) and any ``dd-mm-jjjj`` date in full in its own
    font and style: every date field is one width, required or optional, so the date
    fields of a form line up (usability round 6 finding 20: Inschrijving BRP and
    Geboortedatum, the required ones, were narrower). Computed as ``QLineEdit::sizeHint`` does for
    its own 17 "x": the text, the bearings QLineEdit keeps free when it draws the
    placeholder, :data:`LINE_EDIT_TEXT_MARGIN` on each side, ``textMargins``,
    ``contentsMargins``, and the style's frame (``QStyle.sizeFromContents(CT_LineEdit)``)."""
    metrics = edit.fontMetrics()
    text = max(
        metrics.horizontalAdvance(shown)
        for shown in (edit.placeholderText(), *date_placeholders(), widest_date_text(metrics))
    )
    bearings = max(0, -metrics.minLeftBearing()) + max(0, -metrics.minRightBearing())
    margins, contents = edit.textMargins(), edit.contentsMargins()
    inner = (
        text
        + bearings
        + 2 * LINE_EDIT_TEXT_MARGIN
        + margins.left()
        + margins.right()
        + contents.left()
        + contents.right()
        + 1  # the text cursor after the last character
    )
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    size = edit.style().sizeFromContents(
        QStyle.ContentsType.CT_LineEdit, option, QSize(inner, metrics.height()), edit
    )
    return size.width()


class _DateLineEdit(SelectingLineEdit):
    """The date's line edit: selects its whole text when it gets the keyboard
    (``ui.typed_field``), shows the start of a date the program puts in, and is exactly
    as wide as the placeholder and the widest date need."""

    def setText(self, text: str | None) -> None:
        super().setText(text)
        if not self.hasFocus():
            self.setCursorPosition(0)  # a date put in by the program shows its start

    def fit_width(self) -> None:
        """Exactly as wide as the placeholder and the widest date need (:func:`date_text_width`)."""
        self.setFixedWidth(date_text_width(self))

    def setPlaceholderText(self, text: str) -> None:
        super().setPlaceholderText(text)
        self.fit_width()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_width()


class DateInput(TypedField):
    """A date field: ``value()`` is a ``date`` or ``None``; ``problem()`` says (in words)
    why the typed text is not usable, or ``None``.

    ``optional``: an empty field means "no date" (``value() is None``, no problem).
    ``changed`` is emitted on every user edit (typing or a pick in the calendar), also
    when the text is not (yet) a date; ``validity_changed(bool)`` when that flips.
    """

    validity_changed = Signal(bool)

    def __init__(
        self,
        optional: bool = True,
        placeholder: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_DateLineEdit(), "dateProblem", parent)
        self.optional = optional
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.edit.setObjectName("dateText")
        self.edit.setPlaceholderText(
            placeholder if placeholder is not None else date_placeholders()[0 if optional else 1]
        )
        self.edit.setAccessibleDescription(_("Datum als dag-maand-jaar, bijvoorbeeld 15-06-2021"))
        row.addWidget(self.edit)
        self.calendar_button = QToolButton()
        self.calendar_button.setObjectName("dateCalendar")
        self.calendar_button.setText(_("Kalender"))
        self.calendar_button.setToolTip(_("Kies een datum in de kalender"))
        # Reached with the mouse; the keyboard types the date.
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        menu = QMenu(self.calendar_button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.calendar_menu = menu
        self.calendar_button.setMenu(menu)
        row.addWidget(self.calendar_button)
        row.addStretch(1)
        self.message.setWordWrap(True)
        self.place(row)
        self._valid = True
        self._check()

    # values ---------------------------------------------------------------------------
    def value(self) -> date | None:
        """The date, or ``None`` when the field is empty or its text is not a date."""
        try:
            return parse_typed_date(self.edit.text())
        except DateTextError:
            return None

    def set_value(self, value: date | None) -> None:
        """Show ``value`` (``None``: empty); not a user edit, so ``changed`` stays quiet."""
        self.edit.setText("" if value is None else format_typed_date(value))
        self._check()

    def set_text(self, text: str) -> None:
        """Show ``text`` as typed (a date or not, said at the field); not a user edit."""
        self.edit.setText(text)
        self._check()

    def show_refusal(self, refusal: str | None) -> None:
        """Say beneath the field why the form refuses its (well-typed) date, e.g. "ligt in
        de toekomst"; ``None`` shows the field's own state again. A typing problem of the
        field itself goes first."""
        if refusal is None or self.problem() is not None:
            self._check()
            return
        self.say(refusal)
        self._mark(True)

    def say_problem(self) -> None:
        """Say the field's problem beneath it, an empty required field's too (which the
        field itself leaves to the form while it is being filled in); the next edit
        shows the field's own state again."""
        problem = self.problem()
        if problem is None:
            self._check()
            return
        self.say(problem)
        self._mark(True)

    def _mark(self, invalid: bool) -> None:
        self.edit.setProperty("invalid", invalid)
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)

    def problem(self) -> str | None:
        """Why the field's text is not usable (Dutch, for the user), or ``None``."""
        try:
            parsed = parse_typed_date(self.edit.text())
        except DateTextError as exc:
            return str(exc)
        if parsed is None and not self.optional:
            return _("Vul een datum in (dd-mm-jjjj).")
        return None

    def is_valid(self) -> bool:
        return self.problem() is None

    # editing --------------------------------------------------------------------------
    def edited(self) -> None:
        self._check()

    def normal_text(self) -> str | None:
        """A text that reads as a date, as ``dd-mm-jjjj`` (an empty one: empty)."""
        try:
            parsed = parse_typed_date(self.edit.text())
        except DateTextError:
            return None  # kept as typed: the refusal beneath it says why
        return "" if parsed is None else format_typed_date(parsed)

    def _check(self) -> None:
        problem = self.problem()
        # An empty required field is said by the dialog when it refuses; a half-typed
        # date is said here, at the field.
        shown = problem if problem is not None and self.edit.text().strip() else None
        self.say(shown)
        self._mark(shown is not None)
        valid = problem is None
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)

    def _prepare_calendar(self) -> None:
        shown = self.value() or date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

    def _picked(self, picked: QDate) -> None:
        self.edit.setText(format_typed_date(date(picked.year(), picked.month(), picked.day())))
        self.calendar_menu.hide()
        self._check()
        self.changed.emit()


def date_problem(root: QWidget) -> str | None:
    """The first problem of a date field inside ``root`` (reading order of creation), as
    ``"<what the field says>"``; ``None`` when every date field there is usable. For
    dialogs and editors whose Save/OK must refuse while a date is invalid. The date
    fields of a dialog opened under ``root`` are that dialog's (``ui.own_widgets``)."""
    for field in own_children(root, DateInput):
        problem = field.problem()
        if problem is not None and field.isEnabled():
            return problem
    return None
