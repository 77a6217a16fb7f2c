"""Editors for the catalogue's structured answer types, built from a ``Field``.

Each editor emits ``changed`` on a user edit only (never when a value is loaded), gives its
value as the JSON the intake stores (``None`` when empty) and names its focusable widget
after the field key, so keyboard tests and screen readers can find it. A choice is a combo
box whose first entry means "not answered yet"; a yes/no is a choice too, so "no" and "not
asked" stay different. Free text is limited where it is typed (``ui.text_limits``), with
the message beneath the editor; a text longer than its limit (stored before the limits)
is shown whole and not saved until it is short enough to go to the office.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

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
)


class FieldEditor(QWidget):
    changed = Signal()

    def __init__(self, item: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self._loading = False
        self.setObjectName(f"editor:{item.key}")

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self._show(value)
        finally:
            self._loading = False

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        return self

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()


class _Single(FieldEditor):
    """An editor around one focusable widget in a plain layout."""

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


class TextEditor(_Single):
    def __init__(self, item: Field, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.edit = LimitedLineEdit(SHORT_TEXT_MAX)
        self.edit.textEdited.connect(self._edited)
        self._wrap_limited(self.edit)

    def _edited(self, *_args: object) -> None:
        if not self.edit.over_limit:  # too long to go to the office: not saved yet
            super()._edited()

    def value(self) -> Any:
        return self.edit.text().strip() or None

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

    def _edited(self, *_args: object) -> None:
        if not self.edit.over_limit:  # too long to go to the office: not saved yet
            super()._edited()

    def value(self) -> Any:
        return self.edit.toPlainText().strip() or None

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
        self._wrap(self.edit)

    def value(self) -> Any:
        text = self.edit.text().strip()
        return int(text) if self.edit.hasAcceptableInput() and text else None

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
        if self.input.is_valid():
            self._edited()

    def focus_target(self) -> QWidget:
        return self.input.edit

    def value(self) -> Any:
        parsed = self.input.value()
        return parsed.isoformat() if parsed else None

    def _show(self, value: Any) -> None:
        try:
            parsed = parse_typed_date(str(value)) if value else None
        except DateTextError:
            parsed = None  # a stored value that is no date: shown as none, never guessed
        self.input.set_value(parsed)


class ChoiceEditor(_Single):
    def __init__(self, item: Field, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.combo = QComboBox()
        self.combo.addItem(_("— nog niet ingevuld —"), None)
        if item.type is FieldType.BOOLEAN:
            self.combo.addItem(_("Ja"), True)
            self.combo.addItem(_("Nee"), False)
        else:
            for option in item.options:
                self.combo.addItem(option.label, option.value)
        self.combo.setMinimumWidth(240)
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
