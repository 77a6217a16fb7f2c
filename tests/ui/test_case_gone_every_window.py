"""Every window that shows one case closes when a sync takes that case off the laptop,
and loses nothing typed in it.

A window without :class:`CaseGoneGuard` stays open on a case that is no longer here and
takes typing that can never be saved (usability round 7, #11: the enforcement window; the
progress window came later with the same gap). A guard that does not take the window's
typing drops it without a word when it closes the window (attack round 8 #7: the
Voortgang window's forms). The kinds: every window of ``every_window`` that holds a
``case_id`` has a guard watching that case, and what is typed in its first field that
takes text is among what the guard sets aside (and the closing message lists).
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_gone import CaseGoneGuard
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.first_field import takes_input

from .every_window import case_windows, every_window


def test_every_case_window_watches_its_case(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    unguarded: list[str] = []
    seen = 0
    for shown, case_id in case_windows(qtbot, vault, vault_path):
        seen += 1
        guards = [g for g in shown.window.findChildren(CaseGoneGuard) if g.case_id == case_id]
        if not guards:
            unguarded.append(shown.name)
    assert seen > 0  # the walk reached case windows at all
    assert unguarded == []


def _text_field(window: QWidget) -> QWidget | None:
    """The first field of ``window`` shown now that takes free text (not a date, a number
    or a choice: those take no word of the test's)."""
    for field in window.findChildren(QWidget):
        if not isinstance(field, QLineEdit | QPlainTextEdit | QTextEdit):
            continue
        if not field.isVisible() or not takes_input(field):
            continue
        if field.window() is not window:
            continue
        if isinstance(field, QLineEdit) and field.validator() is not None:
            continue  # a number's field: it takes no words
        parent = field.parentWidget()
        while parent is not None and parent is not window:
            if isinstance(parent, DateInput | QAbstractSpinBox | QComboBox):
                break
            parent = parent.parentWidget()
        else:
            return field
    return None


def test_what_is_typed_in_every_case_window_is_kept_when_the_case_goes(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    dropped: list[str] = []
    tried: list[str] = []
    done: set[int] = set()
    for shown in every_window(qtbot, vault, vault_path):
        window = shown.window
        case_id = getattr(window, "case_id", None)
        if not isinstance(case_id, str) or id(window) in done:
            continue
        field = _text_field(window)
        if field is None:
            continue  # nothing to type in as shown (a list, buttons that open dialogs)
        done.add(id(window))
        tried.append(shown.name)
        typed = f"Getypt in {type(window).__name__}"
        field.setFocus()
        qtbot.keyClicks(field, typed)
        guards = [g for g in window.findChildren(CaseGoneGuard) if g.case_id == case_id]
        kept = json.dumps([dict(g.unsaved()) for g in guards], ensure_ascii=False)
        if typed not in kept:
            dropped.append(f"{shown.name} ({field.accessibleName() or field.objectName()})")
    assert "ProgressWindow[tab 0]" in tried  # the walk typed in the case windows
    assert dropped == [], "\n".join(dropped)
