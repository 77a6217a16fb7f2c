"""Regenerate the screenshots under docs/ offscreen: python docs/screenshots.py"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from inburg_desktop import i18n
from inburg_desktop.demo.fill import DEMO_PASSPHRASE, add_demo_cases
from inburg_desktop.pdf.booklet import render_booklet
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import create_vault
from inburg_desktop.ui.fonts import register_fonts
from inburg_desktop.ui.interpreter_window import InterpreterWindow
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.unlock_window import UnlockWindow

DOCS = Path(__file__).resolve().parent


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    register_fonts()
    i18n.set_language("nl")
    with tempfile.TemporaryDirectory() as tmp:
        vault = create_vault(Path(tmp) / "demo.db", DEMO_PASSPHRASE, TEST_KDF)
        with vault.transaction() as session:
            add_demo_cases(session, 12, date.today())
        window = MainWindow(vault, "Demo met verzonnen dossiers — wachtwoord: demo")
        window.resize(1366, 768)
        window.show()
        deadline = 200
        while window.model.rowCount() == 0 and deadline:
            app.processEvents()
            QApplication.instance().thread().msleep(20)  # type: ignore[union-attr]
            deadline -= 1
        app.processEvents()
        window.grab().save(str(DOCS / "case-list.png"))
        window.close()
        vault.lock()
        unlock = UnlockWindow(Path(tmp) / "nieuw.db")
        unlock.resize(560, 420)
        unlock.show()
        app.processEvents()
        unlock.grab().save(str(DOCS / "create-vault.png"))
        unlock.close()
        interpreter = InterpreterWindow(shipped_catalogue(), ["ar", "ti"])
        interpreter.resize(1280, 720)
        interpreter.show()
        interpreter.show_prompt("gezinssituatie.opening")
        for lang in ("ar", "ti"):
            interpreter.set_language(lang)
            app.processEvents()
            interpreter.grab().save(str(DOCS / f"interpreter-{lang}.png"))
        interpreter.close()
        for lang in ("ar", "ti"):
            pdf = Path(tmp) / f"booklet-{lang}.pdf"
            render_booklet(shipped_catalogue(), lang, pdf)
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "80",
                    "-f",
                    "2",
                    "-l",
                    "2",
                    "-singlefile",
                    str(pdf),
                    str(DOCS / f"booklet-{lang}"),
                ],
                check=True,
            )


if __name__ == "__main__":
    main()
