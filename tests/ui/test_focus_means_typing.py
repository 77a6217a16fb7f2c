"""No field takes the keyboard while it cannot be typed into (usability round 7, finding
12: "Taalaanbieder" took the focus with a caret and silently ignored typing). Every
shown, focusable field that looks editable in every window (``every_window``) accepts a
typed character, or is not focusable; a read-only text that can be focused (to select
and copy) shows no caret."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import AppController
from inburg_desktop.ui.app_settings import AppSettings

from .every_window import every_window


def _focusable(widget: QWidget) -> bool:
    return widget.isEnabled() and bool(widget.focusPolicy() & Qt.FocusPolicy.ClickFocus)


def _text_of(widget: QWidget) -> Callable[[], str]:
    if isinstance(widget, QLineEdit):
        return widget.text
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.toPlainText
    assert isinstance(widget, QAbstractSpinBox)
    return widget.text


def _problems(window: QWidget, where: str, qtbot: QtBot) -> list[str]:
    found = []
    holder = window.focusWidget()
    if holder is not None and not holder.isEnabled():
        found.append(f"{where}: the disabled {type(holder).__name__} holds the keyboard")
    fields = [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox)
        and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)
        and w.isVisible()
        and w.window() is window
    ]
    for field in fields:
        if not _focusable(field):
            continue
        name = f"{where}: {type(field).__name__} {field.objectName() or field.accessibleName()!r}"
        read_only = getattr(field, "isReadOnly", lambda: False)()
        if read_only:
            if isinstance(field, QLineEdit | QAbstractSpinBox):
                found.append(f"{name}: read-only but takes the keyboard")
            continue  # a read-only text: focus selects, Qt shows no caret
        text = _text_of(field)
        before = text()
        field.setFocus()
        field.selectAll()  # typed over what is there: a number field's maximum holds
        numeric = isinstance(field, QAbstractSpinBox) or (
            isinstance(field, QLineEdit) and field.validator() is not None
        )
        key = "1" if numeric else "k"
        if before.strip() == key:
            key = "2" if numeric else "m"
        qtbot.keyClicks(field, key)
        QApplication.processEvents()
        if text() == before:
            found.append(f"{name}: takes the keyboard but ignores typing")
        elif isinstance(field, QLineEdit):  # put back as it was
            field.setText(before)
        elif isinstance(field, QPlainTextEdit | QTextEdit):
            field.setPlainText(before)
        else:
            field.lineEdit().setText(before)
            field.interpretText()
    return found


def test_every_focusable_field_takes_typing(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    AppController(vault_path, AppSettings())
    problems: list[str] = []
    for shown in every_window(qtbot, vault, vault_path):
        QApplication.processEvents()
        problems += _problems(shown.window, shown.name, qtbot)
    assert problems == [], "\n".join(sorted(set(problems)))


def test_a_field_that_waits_for_a_tick_says_so(qtbot: QtBot, vault: OpenVault) -> None:
    """Taalaanbieder waits for "Intensiteit vastleggen": while it cannot be typed into it
    says why (its tooltip; a disabled field shows no placeholder), and is not focusable."""
    from datetime import date

    from inburg_desktop.demo.fill import add_demo_cases
    from inburg_desktop.ui.pip import PipEditorWindow

    with vault.transaction() as session:
        case_id = add_demo_cases(session, 12, date(2026, 11, 30))[1]  # no route yet
    window = PipEditorWindow(vault, case_id, today=date(2026, 11, 30))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    form = window.form
    form.intensity_on.setChecked(False)
    provider = form.route_provider
    assert not _focusable(provider)
    assert provider.toolTip() == (
        "Vink eerst ‘Intensiteit vastleggen (verplicht voor statushouders, Wet art. 15 lid 2)’ "
        "aan om dit in te vullen."
    )
    form.intensity_on.setChecked(True)
    assert _focusable(provider) and provider.toolTip() == ""
