"""The agenda start screen at 1366x768 on the demo caseload, in Dutch and in English,
offscreen: python docs/screenshots_agenda.py

docs/screenshots/agenda-{nl,en}.png: the main window as it opens after unlock, on the
agenda of today (the demo's dates are relative to today), the keyboard on its first item.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import OpenVault, create_vault
from inburg_desktop.ui.app import use_language
from inburg_desktop.ui.fonts import register_fonts
from inburg_desktop.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parent / "screenshots"
SIZE = (1366, 768)


def settle(done: object) -> None:
    """Process events until ``done()`` (a read off the GUI thread has landed)."""
    while not done():  # type: ignore[operator]
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    for _ in range(5):
        QCoreApplication.processEvents()


def shot(vault: OpenVault, language: str) -> None:
    use_language(language)
    main = MainWindow(vault, start_on_agenda=True)
    main.resize(*SIZE)
    main.show()
    settle(lambda: main.agenda.agenda is not None and main.tasks.pending == 0)
    main.grab().save(str(OUT / f"agenda-{language}.png"))
    main.close()
    main.deleteLater()


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    register_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        vault = create_vault(Path(tmp) / "demo.db", "demo", TEST_KDF)
        with vault.transaction() as session:
            add_demo_cases(session, 12, date.today())
        for language in ("nl", "en"):
            shot(vault, language)
        vault.lock()
    del app


if __name__ == "__main__":
    main()
