"""A disabled field that holds nothing looks empty (usability round 3, finding 15).

After "PIP vaststellen" the read-only PIP showed its fields' placeholders ("Kenmerk van
het besluit", "1, 2, 3, 6, 9, 12, 18, 24") greyed like values. In every window, a
disabled, empty field is drawn exactly as it would be without a placeholder; an enabled
one still shows its placeholder.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.pip_stages import SIGNED_INDEX
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import AppController
from inburg_desktop.ui.app_settings import AppSettings
from inburg_desktop.ui.pip import PipEditorWindow

from .every_window import demo_cases, every_window

Field = QLineEdit | QPlainTextEdit


def _empty(widget: Field) -> bool:
    text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
    return not text


def _drawn(widget: Field, placeholder: str) -> QImage:
    """``widget`` as drawn with ``placeholder`` (its own is put back by the caller). Qt's
    own setter: a date field sizes itself to its placeholder in its override, and the
    drawing is compared at one size."""
    if isinstance(widget, QLineEdit):
        QLineEdit.setPlaceholderText(widget, placeholder)
    else:
        QPlainTextEdit.setPlaceholderText(widget, placeholder)
    QApplication.processEvents()
    return widget.grab().toImage()


def _problems(window: QWidget, where: str) -> tuple[list[str], int, int]:
    problems, disabled, enabled = [], 0, 0
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, QLineEdit | QPlainTextEdit) or not widget.isVisible():
            continue
        placeholder = widget.placeholderText()
        if not placeholder or not _empty(widget):
            continue
        try:
            with_it, without = _drawn(widget, placeholder), _drawn(widget, "")
        finally:
            widget.setPlaceholderText(placeholder)
        if widget.isEnabled():
            enabled += 1
            if with_it == without:
                problems.append(f"{where}: enabled {placeholder!r} shows no placeholder")
        else:
            disabled += 1
            if with_it != without:
                problems.append(f"{where}: disabled and empty, yet shows {placeholder!r}")
    return problems, disabled, enabled


def test_disabled_empty_fields_show_no_placeholder(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    AppController(vault_path, AppSettings())  # what the app installs for every window
    problems: list[str] = []
    disabled = enabled = 0
    for shown in every_window(qtbot, vault, vault_path):
        found, d, e = _problems(shown.window, shown.name)
        problems += found
        disabled, enabled = disabled + d, enabled + e
    # the PIP once set (here signed): the whole beschikking is read-only
    ids = demo_cases(vault)
    pip = PipEditorWindow(vault, ids[SIGNED_INDEX], today=date(2026, 3, 2))
    qtbot.addWidget(pip)
    pip.show()
    qtbot.waitUntil(lambda: pip.context is not None, timeout=15_000)
    QApplication.processEvents()
    assert not pip.form.body.isEnabled()
    found, d, e = _problems(pip, "PipEditorWindow (vastgesteld)")
    problems += found
    disabled, enabled = disabled + d, enabled + e
    assert problems == [], "\n".join(problems)
    assert disabled >= 3 and enabled >= 3  # both kinds were looked at
