"""A field that cannot be typed into and holds nothing looks empty, not filled in.

A placeholder says what to type ("Kenmerk van het besluit", "1, 2, 3, 6, 9, 12, 18, 24").
In a disabled field, greyed like the text of a disabled field with a value, it read as a
value: after "PIP vaststellen" the read-only PIP seemed to have a kenmerk and a schedule
of progress talks that were never typed (usability round 3, finding 15).
:func:`install` makes every disabled field of the app draw no placeholder: the
application palette's placeholder colour for the disabled state is transparent. An
enabled field keeps its placeholder; a field with a value shows the value as before.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


def install(app: QApplication) -> None:
    """Hide placeholders of disabled fields in every window of ``app`` (idempotent)."""
    palette = app.palette()
    palette.setColor(
        QPalette.ColorGroup.Disabled,
        QPalette.ColorRole.PlaceholderText,
        QColor(Qt.GlobalColor.transparent),
    )
    app.setPalette(palette)
