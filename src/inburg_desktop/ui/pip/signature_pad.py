"""A signature pad for mouse, pen (tablet events) and touch, with "Wissen" and "Klaar".

The pad keeps the strokes as point lists in widget coordinates and renders them, cropped
to what was drawn, as a transparent PNG (:meth:`SignaturePad.png_bytes`), in memory only.
A pen's pressure widens the line a little; touch and mouse draw at one width.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from inburg_desktop.i18n import _

INK = QColor(20, 30, 90)
LINE_WIDTH = 2.6
MARGIN = 8
MIN_POINTS = 6  # fewer points than this is a tap, not a signature


class SignaturePad(QWidget):
    """The drawing surface. ``changed`` fires after every stroke and on clear."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[list[tuple[QPointF, float]]] = []
        self._drawing = False
        self.setMinimumSize(320, 120)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Handtekeningvlak"))

    # input ---------------------------------------------------------------------------
    def _begin(self, point: QPointF, pressure: float = 1.0) -> None:
        self._drawing = True
        self.strokes.append([(point, pressure)])
        self.update()

    def _extend(self, point: QPointF, pressure: float = 1.0) -> None:
        if self._drawing and self.strokes:
            self.strokes[-1].append((point, pressure))
            self.update()

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())
        self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        pressure = max(0.3, event.pressure())
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position(), pressure)
        elif kind == QTabletEvent.Type.TabletMove:
            self._extend(event.position(), pressure)
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        event.accept()  # no synthesised mouse events: the pen draws once

    def event(self, e: object) -> bool:
        if isinstance(e, QTouchEvent):
            points = e.points()
            if points:
                position = points[0].position()
                if e.type() == QTouchEvent.Type.TouchBegin:
                    self._begin(position)
                elif e.type() == QTouchEvent.Type.TouchUpdate:
                    self._extend(position)
                else:
                    self._extend(position)
                    self._end()
            e.accept()
            return True
        return super().event(e)  # type: ignore[arg-type]

    # state ---------------------------------------------------------------------------
    def clear(self) -> None:
        self.strokes.clear()
        self._drawing = False
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        return sum(len(stroke) for stroke in self.strokes) < MIN_POINTS

    def bounds(self) -> QRectF:
        xs = [p.x() for stroke in self.strokes for p, _w in stroke]
        ys = [p.y() for stroke in self.strokes for p, _w in stroke]
        if not xs:
            return QRectF()
        return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))

    # drawing -------------------------------------------------------------------------
    def _paint_strokes(self, painter: QPainter, offset: QPointF, scale: float = 1.0) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for stroke in self.strokes:
            if len(stroke) == 1:
                point, pressure = stroke[0]
                painter.setPen(
                    QPen(
                        INK,
                        LINE_WIDTH * pressure * scale,
                        Qt.PenStyle.SolidLine,
                        Qt.PenCapStyle.RoundCap,
                    )
                )
                painter.drawPoint((point - offset) * scale)
                continue
            for (a, pa), (b, pb) in pairwise(stroke):
                width = LINE_WIDTH * (pa + pb) / 2 * scale
                pen = QPen(
                    INK,
                    width,
                    Qt.PenStyle.SolidLine,
                    Qt.PenCapStyle.RoundCap,
                    Qt.PenJoinStyle.RoundJoin,
                )
                painter.setPen(pen)
                painter.drawLine((a - offset) * scale, (b - offset) * scale)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        baseline = QPainterPath()
        y = self.height() - 28
        baseline.moveTo(16, y)
        baseline.lineTo(self.width() - 16, y)
        painter.setPen(QPen(QColor("#9ca3af"), 1, Qt.PenStyle.DashLine))
        painter.drawPath(baseline)
        painter.setPen(QColor("#6b7280"))
        painter.drawText(18, y - 6, "✕")
        painter.setPen(QPen(QColor("#d1d5db"), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        self._paint_strokes(painter, QPointF(0, 0))
        painter.end()

    def png_bytes(self, scale: float = 2.0) -> bytes:
        """The strokes, cropped with a small margin, as a transparent PNG (in memory)."""
        box = self.bounds().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        width = max(1, int(box.width() * scale))
        height = max(1, int(box.height() * scale))
        image = QImage(width, height, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self._paint_strokes(painter, box.topLeft(), scale)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # PySide6 6.12's stubs ask bytes for the format; at runtime only str works
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        buffer.close()
        return bytes(data.data())


class SignatureBox(QWidget):
    """A titled pad with "Wissen" and "Klaar"; ``done`` says whether it is signed."""

    done_changed = Signal(bool)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.done = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(title)
        self.title.setStyleSheet("font-weight:600")
        layout.addWidget(self.title)
        self.pad = SignaturePad()
        layout.addWidget(self.pad, 1)
        row = QHBoxLayout()
        self.state = QLabel(_("Nog niet getekend"))
        self.state.setStyleSheet("color:#6b7280")
        row.addWidget(self.state, 1)
        self.clear_button = QPushButton(_("Wissen"))
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(self.clear_button)
        self.done_button = QPushButton(_("Klaar"))
        self.done_button.setEnabled(False)
        self.done_button.clicked.connect(self.finish)
        row.addWidget(self.done_button)
        layout.addLayout(row)
        self.pad.changed.connect(self._pad_changed)

    def _pad_changed(self) -> None:
        self.done_button.setEnabled(not self.pad.is_empty() and not self.done)

    def clear(self) -> None:
        self.pad.clear()
        self._set_done(False)

    def finish(self) -> None:
        if not self.pad.is_empty():
            self._set_done(True)

    def _set_done(self, done: bool) -> None:
        self.done = done
        self.pad.setEnabled(not done)
        self.done_button.setEnabled(not done and not self.pad.is_empty())
        self.state.setText(_("Getekend ✓") if done else _("Nog niet getekend"))
        self.state.setStyleSheet("color:#15803d;font-weight:600" if done else "color:#6b7280")
        self.done_changed.emit(done)

    def png_bytes(self) -> bytes | None:
        return self.pad.png_bytes() if self.done else None
