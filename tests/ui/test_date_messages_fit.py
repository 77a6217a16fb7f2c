"""A date field's message wraps and pushes the next row down: never cut off, never under
another field (usability round 6 finding 20: in Nieuw dossier the six-digit hint "Zes
cijfers zijn niet eenduidig …" lost its last line under "Koppeling aan gemeente"; the
message slot was two lines high whatever it held). And the date fields of one form are
one width (Inschrijving BRP and Geboortedatum, the required ones, were narrower: the
field was as wide as its own placeholder).

The kind: every date field of every window (:func:`every_window`: Nieuw dossier,
Dossiergegevens, agenda snooze and plan, the intake, the PIP editor, …) is given the
longest message any typed text makes it say; the message must show its full text height
inside every parent, and no other field, label or button may cover it.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from inburg_desktop.i18n import _
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.window_size import install as install_window_fitter

from .every_window import every_window
from .test_every_date_field import retype

REFUSED_TEXTS = (
    "392026",  # six digits: the reading and both ways to type it (the finding's text)
    "1111990",  # seven digits: two readings
    "12-3-90",  # a two-digit year
    "31-02-2021",  # no such day
    "12-3",  # incomplete
    "12-3-3000",  # out of range
)


def longest_refusal(qtbot: QtBot, field: DateInput) -> str:
    """The typed text whose refusal is the longest message ``field`` says."""
    said: dict[str, str] = {}
    for text in REFUSED_TEXTS:
        retype(qtbot, field, text)
        said[text] = field.shown_in.text()
    return max(said, key=lambda text: len(said[text]))


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def _related(one: QWidget, other: QWidget) -> bool:
    return one.isAncestorOf(other) or other.isAncestorOf(one) or one is other


def what_hides(label: QWidget) -> str | None:
    """Why part of ``label``'s text height is not on screen, or ``None``: the label shorter
    than its text, an ancestor (up to a scroll area's content, which scrolls) cutting it
    off, or another control of the window lying over it."""
    needed = label.heightForWidth(label.width())
    if label.height() < needed:
        return f"label itself ({label.height()} < {needed} px)"
    widget = label
    place = QRect(QPoint(0, 0), QPoint(label.width() - 1, needed - 1))
    while not widget.isWindow():
        parent = widget.parentWidget()
        if parent is None or isinstance(parent.parentWidget(), QScrollArea):
            break
        place.translate(widget.pos())
        if not parent.rect().contains(place):
            return f"cut off by {type(parent).__name__} {parent.objectName()!r}"
        widget = parent
    mine = global_rect(label)
    mine.setHeight(needed)
    window = label.window()
    controls = (QLabel, QLineEdit, QAbstractButton, QComboBox, QAbstractSpinBox, DateInput)
    for other in window.findChildren(QWidget):
        if not isinstance(other, controls) or _related(other, label):
            continue
        if not other.isVisibleTo(window) or other.width() <= 0 or other.height() <= 0:
            continue
        if global_rect(other).intersects(mine):
            name = other.objectName() or getattr(other, "text", lambda: "")()
            return f"covered by {type(other).__name__} {name!r}"
    return None


def shows_whole(label: QWidget) -> bool:
    return what_hides(label) is None


def test_the_longest_date_message_of_every_field_shows_whole_and_pushes_rows_down(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_window_fitter(app)  # as the app does: a window grows for its wrapped text
    problems: list[str] = []
    seen: set[str] = set()
    for shown in every_window(qtbot, vault, vault_path):
        for field in shown.window.findChildren(DateInput):
            if not field.isVisible() or not field.isEnabled():
                continue
            where = f"{shown.name}: {field.objectName() or field.edit.objectName()}"
            seen.add(shown.name)
            before = field.text()
            retype(qtbot, field, longest_refusal(qtbot, field))
            assert field.shown_in.isVisible() and field.shown_in.text(), where
            for area in _scroll_areas_around(field):
                area.ensureWidgetVisible(field.shown_in, 0, 0)
            try:  # each layout level settles in its own posted event
                qtbot.waitUntil(partial(shows_whole, field.shown_in), timeout=3000)
            except TimeoutError:
                problems.append(f"{where}: {what_hides(field.shown_in)}")
            retype(qtbot, field, before)
            QApplication.processEvents()
    assert {"NewCaseDialog", "CaseDetailsDialog", "SnoozeDialog", "PlanDialog"} <= seen, seen
    assert problems == [], "\n".join(problems)


def _scroll_areas_around(widget: QWidget) -> list[QScrollArea]:
    found = []
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            found.append(parent)
        parent = parent.parentWidget()
    return found


def test_the_date_fields_of_one_form_are_one_width(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    """Each window's date fields (required or optional, empty or filled) are as wide as
    each other."""
    problems: list[str] = []
    for shown in every_window(qtbot, vault, vault_path):
        widths = {
            field.objectName() or field.edit.objectName(): field.edit.width()
            for field in shown.window.findChildren(DateInput)
            if field.isVisible()
        }
        if len(set(widths.values())) > 1:
            problems.append(f"{shown.name}: {widths}")
    assert problems == [], "\n".join(problems)


def test_the_six_digit_hint_in_nieuw_dossier_shows_whole(qtbot: QtBot, vault: OpenVault) -> None:
    """The finding's steps: Inschrijving BRP, 392026, Tab (the dialog as it opens on a
    1366×768 screen)."""
    from inburg_desktop.ui.new_case_dialog import NewCaseDialog

    dialog = NewCaseDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.fields["dates.brp_registration"]
    assert isinstance(field, DateInput)
    retype(qtbot, field, "392026")
    assert field.shown_in.text().startswith(_("Zes cijfers zijn niet eenduidig")[:12])
    qtbot.waitUntil(partial(shows_whole, field.shown_in), timeout=3000)
