"""Regenerate the screenshots under docs/ offscreen: python docs/screenshots.py"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from sqlalchemy.orm import Session

from inburg_desktop import i18n
from inburg_desktop.demo.fill import DEMO_CONSULENT, DEMO_PASSPHRASE, add_demo_cases
from inburg_desktop.pdf.booklet import render_booklet
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.services import consulent, pip_attachments, pip_service
from inburg_desktop.services.case_list import load_case_rows
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.sync_state import set_setting
from inburg_desktop.storage.vault import create_vault
from inburg_desktop.ui.fonts import register_fonts
from inburg_desktop.ui.interpreter_window import InterpreterWindow
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.unlock_window import UnlockWindow

DOCS = Path(__file__).resolve().parent


def pdf_page(pdf: Path, page: int, out: str, dpi: int) -> None:
    """One page of ``pdf`` as docs/``out``.png (poppler's pdftoppm)."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
         str(pdf), str(DOCS / out)],
        check=True,
    )  # fmt: skip


def pip_pages(session: Session, tmp: Path) -> None:
    """The signed demo PIP: page 1, the signature page of the stored signed PDF, and the
    Arabic and Tigrinya annexes."""
    rows = load_case_rows(session)
    (signed,) = [r.id for r in rows if r.pip_status == "signed"]
    (stored,) = [
        a
        for a in pip_attachments.list_attachments(session, signed)
        if a.media_type == "application/pdf"
    ]
    signed_pdf = tmp / "signed.pdf"
    signed_pdf.write_bytes(pip_attachments.attachment_content(session, stored.sha256))
    pdf_page(signed_pdf, 1, "pip-nl", 100)
    pdf_page(signed_pdf, 3, "pip-nl-signatures", 100)
    for lang in ("ar", "ti"):
        annex = tmp / f"pip-{lang}.pdf"
        annex.write_bytes(render_pip(pip_service.current_document(session, signed, lang=lang)))
        pages = subprocess.run(["pdfinfo", str(annex)], capture_output=True, text=True, check=True)
        last = int(
            next(line for line in pages.stdout.splitlines() if line.startswith("Pages:")).split()[1]
        )
        pdf_page(annex, last, f"pip-annex-{lang}", 100)


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    register_fonts()
    i18n.set_language("nl")
    with tempfile.TemporaryDirectory() as tmp:
        vault = create_vault(Path(tmp) / "demo.db", DEMO_PASSPHRASE, TEST_KDF)
        with vault.transaction() as session:
            set_setting(session, consulent.NAAM_SETTING, DEMO_CONSULENT)
            add_demo_cases(session, 12, date.today())
        with vault.session() as session:
            pip_pages(session, Path(tmp))
        window = MainWindow(vault, "Demo met verzonnen dossiers — wachtwoord: demo")
        window.resize(1366, 768)
        window.show()
        deadline = 200
        while window.model.rowCount() == 0 and deadline:
            app.processEvents()
            QThread.msleep(20)
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
            pdf.write_bytes(render_booklet(shipped_catalogue(), lang))
            pdf_page(pdf, 2, f"booklet-{lang}", 80)


if __name__ == "__main__":
    main()
