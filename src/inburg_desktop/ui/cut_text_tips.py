"""A choice cut short shows its whole text when hovered or asked for (Shift+F1 / the
tooltip key): a combo box narrower than its current text ("Anders gealfabetiseerd (leest
en schrijft in een ander schri…") draws it cut at the edge (usability round 3, a
Geletterdheid value in the intake).

Installed once on the application (``install``), like the wheel guard, so every combo of
every form is covered, also one added later; a combo's own tooltip is left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QToolTip,
)


def is_cut(combo: QComboBox) -> bool:
    """True when ``combo``'s current text is wider than the field the style draws it in."""
    text = combo.currentText()
    if not text:
        return False
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox,
        option,
        QStyle.SubControl.SC_ComboBoxEditField,
        combo,
    )
    return combo.fontMetrics().horizontalAdvance(text) > field.width()


def full_text_tip(combo: QComboBox) -> str:
    """The tooltip ``combo`` shows: its own, else its whole current text when cut, else
    none (``""``)."""
    if combo.toolTip():
        return combo.toolTip()
    return combo.currentText() if is_cut(combo) else ""


class CutTextTips(QObject):
    """An application event filter answering a combo's tooltip request with its whole
    text when the combo cuts it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ToolTip
            and isinstance(watched, QComboBox)
            and isinstance(event, QHelpEvent)
            and not watched.toolTip()
        ):
            tip = full_text_tip(watched)
            if tip:
                QToolTip.showText(event.globalPos(), tip, watched)
                return True
        return False


def install(app: QApplication) -> CutTextTips:
    """Install the filter on ``app`` once (a second call returns the installed one)."""
    existing = app.findChild(CutTextTips)
    if isinstance(existing, CutTextTips):
        return existing
    tips = CutTextTips(app)
    app.installEventFilter(tips)
    return tips
