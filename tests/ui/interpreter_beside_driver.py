"""Child process for the placement test: a single 1366×768 screen (the offscreen platform
with a screen configuration), the intake filling it with the keyboard in a field, then
Ctrl+T. Prints one JSON line: both frames, the active window, where the keyboard is."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import create_vault
from inburg_desktop.ui.fonts import register_fonts
from inburg_desktop.ui.intake import IntakeWindow


def rect(r: object) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]  # type: ignore[attr-defined]


def main(folder: str) -> None:
    app = QApplication([])
    register_fonts()
    vault = create_vault(Path(folder) / "vault.db", "een lange zin als wachtwoord", TEST_KDF)
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 1)[0]
    intake = IntakeWindow(vault, case_id)
    intake.setGeometry(intake.screen().availableGeometry())
    intake.show()
    while intake.stored is None or intake.panel is None:
        QTest.qWait(5)
    intake.activateWindow()
    while QApplication.focusWidget() is None:
        QTest.qWait(5)
    typing_in = QApplication.focusWidget()
    assert typing_in is not None
    QTest.keyClick(typing_in, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    view = intake.interpreter
    assert view is not None
    QTest.qWaitForWindowExposed(view)
    app.processEvents()
    for _ in range(5):  # the intake's relayout at its new width, one level per event
        app.processEvents()
    squeezed = [
        label.text()[:40]
        for label in intake.findChildren(QLabel)
        if label.isVisible()
        and label.wordWrap()
        and len(label.text().split()) >= 3
        and label.height() >= len(label.text().split()) * label.fontMetrics().lineSpacing()
    ]
    print(
        json.dumps(
            {
                "screen": rect(intake.screen().availableGeometry()),
                "intake": rect(intake.frameGeometry()),
                "view": rect(view.frameGeometry()),
                "intake_min": intake.minimumSizeHint().width(),
                "view_min": view.minimumSizeHint().width(),
                "active_is_intake": QApplication.activeWindow() is intake,
                "focus_kept": QApplication.focusWidget() is typing_in,
                "one_word_per_line": squeezed,
            }
        ),
        flush=True,
    )
    intake.close()
    vault.lock()


if __name__ == "__main__":
    main(sys.argv[1])
