"""The line under a form where its date and time fields say their own problems.

A date or time field says a half-typed or impossible value beneath its text ("Geen
volledige datum: …"). In a form that kept room for that beneath every such field, the
room showed as an empty band between the rows, as if a hint were missing (usability
round 9, finding 19); without the room, the rows below would move when a message came
(usability round 7, finding 8). A :class:`FieldProblems` line stands below the form
instead: each field's problem, named by the field's label, one per line, in the order
the fields were watched. The room a dialog gains is taken by a stretch above the line,
so no field moves when it fills.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from inburg_desktop.messages import field_refusal
from inburg_desktop.ui.message_label import FullHeightLabel
from inburg_desktop.ui.typed_field import REFUSAL_COLOUR, TypedField


class FieldProblems(FullHeightLabel):
    """The problems of the fields :meth:`watch` was called for, named by their labels;
    empty (no height) while there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldProblems")
        self.setTextFormat(Qt.TextFormat.PlainText)  # data, never markup
        self.setStyleSheet(f"color:{REFUSAL_COLOUR}")
        self.said: dict[TypedField, str] = {}
        self.order: list[TypedField] = []

    def watch(self, field: TypedField, label: str) -> None:
        """Say ``field``'s problems here, as "``label``: problem", not beneath it."""
        self.order.append(field)
        field.said_elsewhere = lambda problem: self._said(field, label, problem)
        field.shown_in = self

    def _said(self, field: TypedField, label: str, problem: str | None) -> None:
        if problem is None:
            self.said.pop(field, None)
        else:
            self.said[field] = field_refusal(label, problem)
        self.setText("\n".join(self.said[f] for f in self.order if f in self.said))
