"""Every field of every intake topic has an Alt+letter, and every window's shortcut
overview (F1) lists each act once (usability round 7, finding 17: "Aantal jaren
onderwijs" and "Aantekeningen van de consulent" had none, reachable by Tab only; F1 in
the PIP editor listed "Sluiten" three times, once per key)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import AppController
from inburg_desktop.ui.app_settings import AppSettings
from inburg_desktop.ui.intake.window import IntakeWindow
from inburg_desktop.ui.mnemonics import keyed
from inburg_desktop.ui.shortcut_overview import shortcut_rows

from .every_window import every_window


def _letters_in_use(window: QWidget) -> set[str]:
    return {
        QKeySequence.mnemonic(item.get()).toString()
        for item in keyed(window)
        if not QKeySequence.mnemonic(item.get()).isEmpty()
    }


def _unkeyed_fields(panel: QWidget, window: QWidget) -> list[str]:
    """Field labels of ``panel`` without an Alt+letter though a letter of their own text
    is free in the window (the keeper's promise: fields go without only when the
    alphabet is used up for them, "DigiD" on a long topic)."""
    used = _letters_in_use(window)
    found = []
    for label in panel.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is None or not label.isVisible() or not buddy.isVisible():
            continue
        if not QKeySequence.mnemonic(label.text()).isEmpty():
            continue
        own = {f"Alt+{c.upper()}" for c in label.text() if c.isalnum()}
        if own - used:
            found.append(label.text())
    return found


def test_every_intake_field_has_an_alt_letter_and_every_act_one_f1_line(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    AppController(vault_path, AppSettings())  # installs the mnemonic keeper, as the app does
    problems: list[str] = []
    notes_letters: set[str] = set()
    for shown in every_window(qtbot, vault, vault_path):
        QApplication.processEvents()
        if isinstance(shown.window, IntakeWindow) and "[tab" not in shown.name:
            panel = shown.window.panel
            assert panel is not None
            problems += [
                f"{shown.name}: {t!r} has no Alt+letter"
                for t in _unkeyed_fields(panel, shown.window)
            ]
            notes_letters.add(QKeySequence.mnemonic(panel.notes_label.text()).toString())
        rows = shortcut_rows(shown.window.window())
        twice = [d for d, n in Counter(r.description for r in rows).items() if n > 1]
        problems += [f"{shown.name}: F1 lists {d!r} more than once" for d in twice]
    assert problems == [], "\n".join(sorted(set(problems)))
    assert len(notes_letters) == 1 and "" not in notes_letters, notes_letters  # one letter
