"""Editors for the catalogue's structured answer types, built from a ``Field``.

Each editor emits ``changed`` on a user edit only (never when a value is loaded), gives its
value as the JSON the intake stores (``None`` when empty) and names its focusable widget
after the field key, so keyboard tests and screen readers can find it. A choice is a combo
box whose first entry means "not answered yet"; a yes/no is a choice too, so "no" and "not
asked" stay different. Free text is limited where it is typed (``ui.text_limits``), with
the message beneath the editor; a text longer than its limit (stored before the limits)
is shown whole and not saved until it is short enough to go to the office.

A value that cannot be stored (a number out of its range, a half-typed date, a text over
its limit) is *refused at the field*: the editor says why beside it, keeps what was typed
on screen, and does not emit ``changed`` (so nothing is saved, and the stored answer is
not cleared either); ``refusal()`` gives the reason and ``refusal_changed`` fires when
the editor becomes refused or acceptable again, so the window can say "1 waarde niet
opgeslagen" instead of "Opgeslagen" (issue 13, item 2). ``typed()``/``show_typed()`` carry
what was typed across a rebuild of the editor (another topic and back), so a refused
input is lost only when the consultant changes it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.formatting import format_number
from inburg_desktop.i18n import _
from inburg_desktop.prompts.catalogue import Field, FieldType
from inburg_desktop.ui.date_input import DateInput, DateTextError, parse_typed_date
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.text_limits import (
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    LimitedLineEdit,
    LimitedPlainTextEdit,
    connect_message,
    message_for,
    units,
)


def _over_limit(text: str, maximum: int) -> str:
    return _("Niet opgeslagen: {problem}").format(problem=message_for(units(text), maximum)[0])


class FieldEditor(QWidget):
    changed = Signal()  # the consultant edited an acceptable value: save it
    refusal_changed = Signal()  # ``refusal()`` went from None to a reason, or back

    def __init__(self, item: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self._loading = False
        self._refused: str | None = None
        self._external: str | None = None  # the vault's refusal of what is shown
        self.setObjectName(f"editor:{item.key}")

    def value(self) -> Any:
        """The answer as stored (JSON); ``None`` when empty. Meaningless while refused."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        self._external = None
        self._loading = True
        try:
            self._show(value)
        finally:
            self._loading = False
        self._recheck()

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        return self

    def refusal(self) -> str | None:
        """Why what the field shows cannot be saved (in the UI language), or ``None``:
        the editor's own rule, or the vault's refusal of the last value (``refuse``)."""
        return self._own_refusal() or self._external

    def _own_refusal(self) -> str | None:
        return None

    def refuse(self, reason: str) -> None:
        """The vault refused what the field shows: say ``reason`` at the field until the
        consultant changes it."""
        self._external = reason
        self._recheck()

    def typed(self) -> Any:
        """What the field shows, also when refused (to show it again with ``show_typed``)."""
        return self.value()

    def show_typed(self, typed: Any) -> None:
        """Show what ``typed()`` gave; not a user edit (``changed`` stays quiet), but a
        refused input is said at the field again and ``refusal_changed`` fires."""
        self.set_value(typed)

    def _recheck(self) -> bool:
        """Show the field's refusal (if any); True when it is acceptable."""
        refused = self.refusal()
        self._show_refusal(refused)
        if refused != self._refused:
            self._refused = refused
            self.refusal_changed.emit()
        return refused is None

    def _show_refusal(self, refused: str | None) -> None:
        """Say ``refused`` at the field (editors whose widget does not say it itself)."""

    def _edited(self, *_args: object) -> None:
        if self._loading:
            return
        self._external = None  # changed: what the vault refused is no longer shown
        if self._recheck():
            self.changed.emit()


class _Single(FieldEditor):
    """An editor around one focusable widget in a plain layout."""

    _said: str | None = None  # the vault's refusal as shown on the limit line

    def _wrap(self, widget: QWidget) -> None:
        widget.setObjectName(self.item.key)
        widget.setAccessibleName(self.item.label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget)
        if widget.maximumWidth() < 1000:
            layout.addStretch(1)
        self.setFocusProxy(widget)
        self._widget = widget

    def _wrap_limited(self, widget: LimitedLineEdit | LimitedPlainTextEdit) -> None:
        """Like ``_wrap``, with the editor's limit message on a line beneath it."""
        widget.setObjectName(self.item.key)
        widget.setAccessibleName(self.item.label)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        self.limit = MessageLabel(self)
        self.limit.setObjectName(f"{self.item.key}:limit")
        column.addWidget(self.limit)
        connect_message(widget, self.limit)
        self.setFocusProxy(widget)
        self._widget = widget

    def focus_target(self) -> QWidget:
        return self._widget

    def _show_refusal(self, refused: str | None) -> None:
        # A text field's own refusal (over its limit) is said by its limit line already;
        # the vault's refusal is said there too, until the text changes.
        limit = getattr(self, "limit", None)
        if not isinstance(limit, MessageLabel):
            return
        if self._external is not None:
            limit.show_message(self._external, "error")
            self._said = self._external
        elif self._said is not None:
            if limit.text() == self._said:
                limit.clear_message()
            self._said = None


class TextEditor(_Single):
    def __init__(self, item: Field, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.edit = LimitedLineEdit(SHORT_TEXT_MAX)
        self.edit.textEdited.connect(self._edited)
        self._wrap_limited(self.edit)

    def _own_refusal(self) -> str | None:
        # Too long to go to the office: not saved yet (the limit line says so).
        return _over_limit(self.edit.text(), self.edit.maximum) if self.edit.over_limit else None

    def value(self) -> Any:
        return self.edit.text().strip() or None

    def typed(self) -> Any:
        return self.edit.text()

    def _show(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class LongTextEditor(_Single):
    def __init__(self, item: Field, parent: QWidget | None = None, lines: int = 3) -> None:
        super().__init__(item, parent)
        self.edit = LimitedPlainTextEdit(LONG_TEXT_MAX)
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(lines * 22 + 16)
        self.edit.textChanged.connect(self._edited)
        self._wrap_limited(self.edit)

    def _own_refusal(self) -> str | None:
        if not self.edit.over_limit:
            return None
        return _over_limit(self.edit.toPlainText(), self.edit.maximum)

    def value(self) -> Any:
        return self.edit.toPlainText().strip() or None

    def typed(self) -> Any:
        return self.edit.toPlainText()

    def _show(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))


class IntegerEditor(_Single):
    def __init__(self, item: Field, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.edit = QLineEdit()
        low = item.minimum if item.minimum is not None else 0
        high = item.maximum if item.maximum is not None else 10_000
        self.edit.setValidator(QIntValidator(low, high, self.edit))
        self.edit.setPlaceholderText(_("{low} tot {high}").format(low=low, high=high))
        self.edit.setMaximumWidth(160)
        self.edit.textEdited.connect(self._edited)
        self.low, self.high = low, high
        self._wrap(self.edit)
        # The refusal beside the field (the row has room; beneath would shift the form).
        self.message = MessageLabel(self)
        self.message.setObjectName(f"{item.key}:refused")
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.insertWidget(1, self.message, 1)

    def _own_refusal(self) -> str | None:
        text = self.edit.text().strip()
        if not text or self.edit.hasAcceptableInput():
            return None
        return _("Niet opgeslagen: vul een heel getal van {low} tot en met {high} in.").format(
            low=format_number(self.low), high=format_number(self.high)
        )

    def _show_refusal(self, refused: str | None) -> None:
        self.edit.setProperty("invalid", refused is not None)
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)
        if refused is None:
            self.message.clear_message()
        else:
            self.message.show_message(refused, "error")

    def value(self) -> Any:
        text = self.edit.text().strip()
        return int(text) if self.edit.hasAcceptableInput() and text else None

    def typed(self) -> Any:
        return self.edit.text()

    def _show(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class DateEditor(_Single):
    """A date answer typed as a whole date (``ui.date_input``); a half-typed or impossible
    date is said at the field and not saved (the answer keeps its last usable value)."""

    def __init__(self, item: Field, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.input = DateInput(optional=True)
        self.edit = self.input.edit
        self.input.changed.connect(self._date_edited)
        self._wrap(self.input)
        self.input.setObjectName(f"{item.key}:date")
        self.input.edit.setObjectName(item.key)
        self.input.edit.setAccessibleName(item.label)

    def _date_edited(self) -> None:
        self._edited()

    def _own_refusal(self) -> str | None:
        problem = self.input.problem()  # said beneath the field by the date input itself
        return None if problem is None else _("Niet opgeslagen: {problem}").format(problem=problem)

    def focus_target(self) -> QWidget:
        return self.input.edit

    def _show_refusal(self, refused: str | None) -> None:
        self.input.show_refusal(self._external)  # its own problem it says itself

    def value(self) -> Any:
        parsed = self.input.value()
        return parsed.isoformat() if parsed else None

    def typed(self) -> Any:
        return {"typed": self.input.text()}

    def show_typed(self, typed: Any) -> None:
        if isinstance(typed, dict):
            self.input.set_text(str(typed.get("typed", "")))
            self._recheck()
        else:
            self.set_value(typed)

    def _show(self, value: Any) -> None:
        try:
            parsed = parse_typed_date(str(value)) if value else None
        except DateTextError:
            parsed = None  # a stored value that is no date: shown as none, never guessed
        self.input.set_value(parsed)


CHOICE_MIN_WIDTH = 240
"""The narrowest a choice box gets when its column has no room for its longest option
(px): the width of the intake's form column beside the interpreter view with the side
column shown, less its margins, is about 330 px."""


class ChoiceBox(QComboBox):
    """A choice box as wide as its longest option where its column has room for it (a
    choice is never read cut off without a sign, usability round 3 item 4), and narrower
    where the column has not (down to :data:`CHOICE_MIN_WIDTH`): the form never scrolls
    sideways, which left every label of the form out of view (usability round 6 #2).
    Narrower, the chosen text ends in "…" and shows whole as the box's tooltip; its list
    still shows every option whole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.currentIndexChanged.connect(self._follow_width)

    def settle_width(self) -> None:
        """Once the options are in: the box may shrink to :data:`CHOICE_MIN_WIDTH`, and
        its list is as wide as its longest option (whatever the box's width)."""
        wanted = self.sizeHint().width()
        self.setMinimumWidth(min(CHOICE_MIN_WIDTH, wanted))
        names = self.view()
        names.setTextElideMode(Qt.TextElideMode.ElideNone)
        names.setMinimumWidth(
            names.sizeHintForColumn(0)
            + 2 * names.frameWidth()
            + self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        )

    @property
    def elided(self) -> bool:
        """Whether the chosen text is shown shortened (the box is narrower than it)."""
        return self._shown_text() != self.currentText()

    def _shown_text(self) -> str:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        room = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        return self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, max(room.width() - 2, 0)
        )

    def _follow_width(self, *_args: object) -> None:
        self.setToolTip(self.currentText() if self.elided else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._follow_width()

    def paintEvent(self, event: QPaintEvent) -> None:
        # Qt's own drawing clips the text at the box's edge without a sign that there
        # is more; here it ends in "…" (Qt's combo box paint, with the text elided).
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self._shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class ChoiceEditor(_Single):
    def __init__(self, item: Field, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.combo = ChoiceBox()
        self.combo.addItem(_("— nog niet ingevuld —"), None)
        if item.type is FieldType.BOOLEAN:
            self.combo.addItem(_("Ja"), True)
            self.combo.addItem(_("Nee"), False)
        else:
            for option in item.options:
                self.combo.addItem(option.label, option.value)
        self.combo.settle_width()
        self.combo.currentIndexChanged.connect(self._edited)
        self._wrap(self.combo)

    def value(self) -> Any:
        return self.combo.currentData()

    def _show(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))


class MultiChoiceEditor(FieldEditor):
    def __init__(self, item: Field, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[tuple[str, QCheckBox]] = []
        for n, option in enumerate(item.options):
            box = QCheckBox(option.label)
            box.setObjectName(f"{item.key}:{option.value}")
            box.toggled.connect(self._edited)
            grid.addWidget(box, n // 2, n % 2)
            self.boxes.append((option.value, box))
        if self.boxes:
            self.setFocusProxy(self.boxes[0][1])

    def focus_target(self) -> QWidget:
        return self.boxes[0][1] if self.boxes else self

    def value(self) -> Any:
        return [value for value, box in self.boxes if box.isChecked()] or None

    def _show(self, value: Any) -> None:
        chosen = set(value or [])
        for option, box in self.boxes:
            box.setChecked(option in chosen)
