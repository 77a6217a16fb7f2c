"""A form's refusal bar goes once the consultant changes what it refused.

A dialog that refused its input says why in a red bar ("Niet vastgelegd: …") and keeps
what was typed. The bar stayed after the date was corrected (usability round 6, finding
21), so the form looked refused still; now every edit of one of its fields takes a refusal
away (an information bar, progress, stays). Pressing OK again says
anew what is still wrong.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from inburg_desktop.ui.message_label import MessageLabel

REFUSALS = ("error", "warning")
"""The kinds of bar a form shows when OK refused (an information bar says progress)."""


def clear_refusal_on_edit(bar: MessageLabel, root: QWidget) -> None:
    """Take ``bar``'s refusal (:data:`REFUSALS`) away at every edit in a field of ``root``
    (its fields as built now: call once the form is complete). Only the consultant's own
    edits count for line edits, combos and check boxes (a value the form sets itself
    leaves the bar)."""

    def edited(*_args: object) -> None:
        if bar.kind in REFUSALS:
            bar.clear_message()

    for field in root.findChildren(QWidget):
        if isinstance(field, QLineEdit):
            field.textEdited.connect(edited)
        elif isinstance(field, QPlainTextEdit | QTextEdit):
            field.textChanged.connect(edited)
        elif isinstance(field, QComboBox):
            field.activated.connect(edited)
        elif isinstance(field, QSpinBox | QDoubleSpinBox):
            field.valueChanged.connect(edited)
        elif isinstance(field, QAbstractButton) and field.isCheckable():
            field.clicked.connect(edited)
