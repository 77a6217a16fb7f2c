"""Child process for the kill test: open the vault, run the keyboard intake on the real
intake window with QTest key events, print progress lines, print ``saved`` when the
window's autosave reports the last edit on disk, then wait to be killed (SIGKILL)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

sys.path.insert(0, str(Path(__file__).parent))
if TYPE_CHECKING:  # mypy knows the file by its package name; the child runs as a script
    from tests.ui.intake_keyboard import drive
else:
    from intake_keyboard import drive

from inburg_desktop.storage.vault import unlock_vault
from inburg_desktop.ui.intake import IntakeWindow


def wait(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")
        QTest.qWait(5)


def press(widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    QTest.keyClick(widget, key, modifier)


def type_text(widget: QWidget, text: str) -> None:
    QTest.keyClicks(widget, text)


def say(line: str) -> None:
    print(line, flush=True)


def main() -> None:
    path, passphrase, case_id = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = QApplication(sys.argv[:1])
    vault = unlock_vault(path, passphrase)
    window = IntakeWindow(vault, case_id)
    window.show()
    window.activateWindow()
    wait(lambda: window.stored is not None)
    say("loaded")
    drive(window, press, type_text, wait, say)
    say("typed")
    window.autosave.saved.connect(lambda _when: None if window.autosave.busy else say("saved"))
    if not window.autosave.busy:
        say("saved")
    app.exec()  # until SIGKILL


if __name__ == "__main__":
    main()
