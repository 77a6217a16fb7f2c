"""The Voortgang window at 1366x768 on the demo caseload, offscreen:
python docs/screenshots_progress.py

docs/progress-window.png: the window of the demo's signed-PIP case (its progress data from
``demo.progress_stages``), in Dutch, the keyboard in the first field of the Uren tab.
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
from inburg_desktop.demo.progress_stages import PROGRESS_INDEX
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import create_vault
from inburg_desktop.ui.app import use_language
from inburg_desktop.ui.fonts import register_fonts
from inburg_desktop.ui.progress import ProgressWindow

OUT = Path(__file__).resolve().parent / "progress-window.png"
SIZE = (1366, 768)


def settle(done: object) -> None:
    """Process events until ``done()`` (a read off the GUI thread has landed)."""
    while not done():  # type: ignore[operator]
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    for _ in range(5):
        QCoreApplication.processEvents()


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    register_fonts()
    use_language("nl")
    with tempfile.TemporaryDirectory() as tmp:
        vault = create_vault(Path(tmp) / "demo.db", "demo", TEST_KDF)
        today = date.today()
        with vault.transaction() as session:
            case_id = add_demo_cases(session, 12, today)[PROGRESS_INDEX]
        window = ProgressWindow(vault, case_id, today=today)
        window.resize(*SIZE)
        window.show()
        settle(lambda: window.data is not None and window.tasks.pending == 0)
        window.grab().save(str(OUT))
        window.close()
        vault.lock()
    del app


if __name__ == "__main__":
    main()
