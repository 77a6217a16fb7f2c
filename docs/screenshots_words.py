"""The main window and the F1 shortcut list at 1366x768, in Dutch and in English, offscreen:
python docs/screenshots_words.py

docs/screenshots/main-window-{nl,en}.png: the case list with twelve demo cases;
docs/screenshots/f1-intake-{nl,en}.png: the intake window with its F1 list over it, key
names as keyboards print them (Ctrl+Enter, Ctrl+PgDn).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QPoint
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QWidget

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import OpenVault, create_vault
from inburg_desktop.ui.app import use_language
from inburg_desktop.ui.fonts import register_fonts
from inburg_desktop.ui.intake.window import IntakeWindow
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.shortcut_overview import ShortcutOverview

OUT = Path(__file__).resolve().parent / "screenshots"
SIZE = (1366, 768)


def settle(done: object) -> None:
    """Process events until ``done()`` (a read off the GUI thread has landed)."""
    while not done():  # type: ignore[operator]
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    for _ in range(5):
        QCoreApplication.processEvents()


def with_dialog_over(window: QWidget, dialog: QWidget, name: str) -> None:
    """``window`` with ``dialog`` drawn centred over it, as the consultant sees them."""
    picture = window.grab()
    painter = QPainter(picture)
    top_left = QPoint(
        (window.width() - dialog.width()) // 2, (window.height() - dialog.height()) // 2
    )
    painter.drawPixmap(top_left, dialog.grab())
    painter.end()
    picture.save(str(OUT / name))


def shots(vault: OpenVault, case_id: str, language: str) -> None:
    use_language(language)
    main = MainWindow(vault)
    main.resize(*SIZE)
    main.show()
    settle(lambda: main.model.rowCount() > 0 and main.tasks.pending == 0)
    main.grab().save(str(OUT / f"main-window-{language}.png"))
    intake = IntakeWindow(vault, case_id, today=date(2026, 11, 30))
    intake.resize(*SIZE)
    intake.show()
    settle(lambda: intake.stored is not None)
    overview = ShortcutOverview(intake)
    overview.show()
    settle(lambda: True)
    with_dialog_over(intake, overview, f"f1-intake-{language}.png")
    for window in (overview, intake, main):
        window.close()


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    register_fonts()
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        vault = create_vault(Path(tmp) / "kluis.db", "een lange zin als wachtwoord", TEST_KDF)
        with vault.transaction() as session:
            ids = add_demo_cases(session, 12, date(2026, 11, 30))
        for language in ("nl", "en"):
            shots(vault, ids[0], language)
        use_language("nl")
        vault.lock()
    del app


if __name__ == "__main__":
    main()
