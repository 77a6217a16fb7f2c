"""How the intake screen looks: topic-state symbols (icon, colour and words, never colour
alone), sizes for big kitchen-table targets, and one style sheet with a visible focus.

A field's focus ring (2 px) takes the room of its 1 px border and 1 px margin, so a field
is as large focused as not: the layout is not redone on focus, and a field that grew by
its ring had its bottom edge drawn under the next row (seen beside the interpreter view).
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from inburg_desktop.domain.intake import TopicState
from inburg_desktop.i18n import _
from inburg_desktop.prompts.resources import resources_dir

STATE_COLOURS = {
    TopicState.NOT_STARTED: "#6b7280",
    TopicState.TOUCHED: "#1d4ed8",
    TopicState.COVERED: "#15803d",
    TopicState.PARKED: "#b45309",
}


def state_label(state: TopicState) -> str:
    return {
        TopicState.NOT_STARTED: _("Nog niet besproken"),
        TopicState.TOUCHED: _("Besproken, nog open"),
        TopicState.COVERED: _("Afgerond"),
        TopicState.PARKED: _("Geparkeerd"),
    }[state]


@functools.cache
def state_icon(state: TopicState, size: int = 22) -> QIcon:
    """A distinct shape per state: hollow ring, half disc, disc with tick, pause bars."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    colour = QColor(STATE_COLOURS[state])
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(2.5, 2.5, size - 5, size - 5)
    p.setPen(QPen(colour, 2.2))
    if state is TopicState.NOT_STARTED:
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(rect)
    elif state is TopicState.TOUCHED:
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(rect)
        half = QPainterPath()
        half.moveTo(rect.center())
        half.arcTo(rect, 90, 180)
        half.closeSubpath()
        p.fillPath(half, QBrush(colour))
    elif state is TopicState.COVERED:
        p.setBrush(QBrush(colour))
        p.drawEllipse(rect)
        p.setPen(QPen(QColor("white"), 2.4))
        s = size / 22
        p.drawPolyline(
            [QPointF(6.5 * s, 11.5 * s), QPointF(9.5 * s, 14.5 * s), QPointF(15.5 * s, 7.5 * s)]
        )
    else:  # parked: pause bars in a ring
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(rect)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(colour))
        s = size / 22
        p.drawRect(QRectF(7.5 * s, 6.5 * s, 2.6 * s, 9 * s))
        p.drawRect(QRectF(12 * s, 6.5 * s, 2.6 * s, 9 * s))
    p.end()
    return QIcon(pixmap)


def _icon_url(name: str) -> str:
    """A stylesheet ``url(...)`` of an icon under ``resources/icons`` (quoted: paths hold
    spaces)."""
    path = (resources_dir() / "icons" / name).as_posix().replace('"', '\\"')
    return f'url("{path}")'


# Combo and spin boxes draw their own arrows and buttons, not the platform's: the native
# buttons were painted over the rounded border and cut off its focus ring at the right.
# A combo's choices drop below it as a list with the current one highlighted: Fusion's
# menu over the box, pushed aside at a screen edge, left the pointer that opened it on
# (and highlighting) another choice (usability round 3 finding 8).
_SUBCONTROLS = f"""
QComboBox {{ padding-right: 28px; combobox-popup: 0; }}
QComboBox::drop-down {{ subcontrol-origin: border; subcontrol-position: top right; width: 24px;
    border: none; border-left: 1px solid #d1d5db; margin: 3px 3px 3px 0; }}
QComboBox::down-arrow {{ image: {_icon_url("chevron-down.svg")}; width: 12px; height: 12px; }}
QSpinBox {{ padding-right: 24px; }}
QSpinBox::up-button, QSpinBox::down-button {{ subcontrol-origin: border; width: 20px;
    border: none; border-left: 1px solid #d1d5db; margin-right: 3px; }}
QSpinBox::up-button {{ subcontrol-position: top right; margin-top: 3px; }}
QSpinBox::down-button {{ subcontrol-position: bottom right; margin-bottom: 3px; }}
QSpinBox::up-arrow {{ image: {_icon_url("chevron-up.svg")}; width: 10px; height: 10px; }}
QSpinBox::down-arrow {{ image: {_icon_url("chevron-down.svg")}; width: 10px; height: 10px; }}
"""

BASE_POINT_SIZE = 11
PROMPT_POINT_SIZE = 17
CONTROL_HEIGHT = 34

STYLE_SHEET = (
    f"""
QWidget#intakeRoot {{ background: #fafafa; }}
QLabel#topicTitle {{ font-size: 15pt; font-weight: 600; color: #111827; }}
QLabel#legalBasis {{ color: #6b7280; font-size: 9pt; }}
QFrame#promptBox {{ background: #ffffff; border: 1px solid #d1d5db; border-radius: 6px; }}
QLabel#promptText {{ font-size: {PROMPT_POINT_SIZE}pt; color: #111827; }}
QLabel#promptCounter {{ color: #4b5563; font-size: 10pt; }}
QFrame#hintBox {{ background: #f3f4f6; border: 1px solid #e5e7eb; border-radius: 6px; }}
QFrame#hintBox QLabel {{ color: #4b5563; font-size: 10pt; }}
QFrame#coaBox {{ background: #eff6ff; border: 1px solid #bfdbfe; border-radius: 6px; }}
QLabel#coaBadge {{ background: #1e40af; color: white; border-radius: 3px; padding: 1px 6px;
    font-size: 9pt; font-weight: 600; }}
QLabel#sectionTitle {{ font-weight: 600; color: #374151; }}
QLabel#saveState {{ color: #374151; padding: 0 8px; }}
QLabel#stateChip {{ border-radius: 4px; padding: 2px 8px; font-weight: 600; }}
QLineEdit, QPlainTextEdit, QComboBox, QDateEdit, QSpinBox {{ min-height: {CONTROL_HEIGHT - 8}px;
    padding: 3px 6px; border: 1px solid #9ca3af; border-radius: 4px; background: white;
    margin: 1px; }}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QDateEdit:focus, QSpinBox:focus,
QListView:focus, QTextBrowser:focus {{ border: 2px solid #2563eb; margin: 0px; }}
QLineEdit[invalid="true"] {{ border: 2px solid #b91c1c; margin: 0px; }}
QPushButton {{ min-height: {CONTROL_HEIGHT - 6}px; padding: 2px 12px; }}
QPushButton:focus, QCheckBox:focus, QRadioButton:focus {{ outline: 2px solid #2563eb;
    border: 2px solid #2563eb; border-radius: 4px; }}
QListView#topicMap {{ background: white; border: 1px solid #d1d5db; border-radius: 6px; }}
QListView#topicMap::item {{ padding: 5px 4px; }}
QListView#topicMap::item:selected {{ background: #dbeafe; color: #111827; }}
"""
    + _SUBCONTROLS
)
