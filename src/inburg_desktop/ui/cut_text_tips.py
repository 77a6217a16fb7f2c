"""A choice cut short reads as shortened, and shows its whole text when hovered or asked
for (Shift+F1 / the tooltip key).

A closed combo box narrower than its current text drew it cut at the edge, mid-word
("Anders gealfabetiseerd (leest en schrijft in een ander schri", usability round 3; the
Tolkscherm's "Arabisch — العربية (vo" and the Z-route's "Gedeeltelijke ontheffing
(Besluit art. 3.", round 7 finding 1). Such a combo now draws its text shortened to the
whole words that fit, followed by "…" (``shown_label``), and its tooltip is the whole
text. Editable combos are left alone: their line edit scrolls to the caret.

Installed once on the application (``install``), like the wheel guard, so every combo of
every form is covered, also one added later; a combo's own tooltip is left alone.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontMetrics, QHelpEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QToolTip,
)

ELLIPSIS = "…"
# Where a shortened label may end: before a space (so it ends on a whole word or on a
# closing mark such as ")" or ",").
_WORD_END = re.compile(r"(?<=\S)(?=\s)")


def _field_width(combo: QComboBox) -> int:
    """Pixels the style gives the closed combo's text (its edit field)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox,
        option,
        QStyle.SubControl.SC_ComboBoxEditField,
        combo,
    )
    return field.width()


def is_cut(combo: QComboBox) -> bool:
    """True when ``combo``'s current text is wider than the field the style draws it in."""
    text = combo.currentText()
    if not text:
        return False
    return combo.fontMetrics().horizontalAdvance(text) > _field_width(combo)


def shortened(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` if it fits ``width`` pixels in ``metrics``' font; else its longest run of
    whole words that fits with "…" after it; when not even the first word fits, Qt's own
    elision of the text (the one case that cannot end on a whole word)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    labels = [
        text[: m.start()].rstrip(" —–-:·,") + " " + ELLIPSIS
        for m in reversed(list(_WORD_END.finditer(text)))
    ]
    fitting = [label for label in labels if metrics.horizontalAdvance(label) <= width]
    # "Gedeeltelijke ontheffing …" reads better than "Gedeeltelijke ontheffing (Besluit …":
    # a label that opens a bracket it cannot close is taken only when nothing else fits.
    closed = [label for label in fitting if label.count("(") <= label.count(")")]
    if closed:
        return closed[0]
    if fitting:
        return fitting[0]
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


def shown_label(combo: QComboBox) -> str:
    """The text a closed, non-editable ``combo`` shows: its current text, shortened to
    whole words and "…" when its field is too narrow (``shortened``)."""
    text = combo.currentText()
    if combo.isEditable() or not text:
        return text
    return shortened(text, combo.fontMetrics(), _field_width(combo))


def _paint_shortened(combo: QComboBox) -> bool:
    """Paint ``combo`` as ``QComboBox.paintEvent`` does, with ``shown_label`` as its text;
    False (painting left to Qt) when the text is whole anyway."""
    label = shown_label(combo)
    if label == combo.currentText():
        return False
    painter = QStylePainter(combo)
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    option.currentText = label
    painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
    painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
    painter.end()
    return True


def full_text_tip(combo: QComboBox) -> str:
    """The tooltip ``combo`` shows: its own, else its whole current text when cut, else
    none (``""``)."""
    if combo.toolTip():
        return combo.toolTip()
    return combo.currentText() if is_cut(combo) else ""


class CutTextTips(QObject):
    """An application event filter that paints a cut combo's text shortened to whole
    words and answers its tooltip request with its whole text."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QComboBox)
            and not watched.isEditable()
        ):
            return _paint_shortened(watched)
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
