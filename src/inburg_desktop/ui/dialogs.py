"""File pickers and the printer dialog behind one small factory, so tests can swap them
out (as Vorta does); where an export goes by default."""

from __future__ import annotations

import contextlib
import itertools
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from inburg_desktop.i18n import _
from inburg_desktop.ui.app_settings import AppSettings


def choose_open_file(parent: QWidget, title: str, name_filter: str) -> Path | None:
    """The open dialog, in :func:`export_folder` (never the working directory the app
    was started from); the folder picked from is remembered like an export's."""
    name, _selected = QFileDialog.getOpenFileName(parent, title, str(export_folder()), name_filter)
    if not name:
        return None
    remember_export_folder(Path(name))
    return Path(name)


def choose_save_file(parent: QWidget, title: str, suggested: str, name_filter: str) -> Path | None:
    """The save dialog, opened on ``suggested``; a bare file name is put in
    :func:`export_folder` (never the working directory the app was started from). The
    folder chosen is remembered for the next export."""
    path = Path(suggested)
    if not path.is_absolute():
        path = export_folder() / path
    name, _selected = QFileDialog.getSaveFileName(parent, title, str(path), name_filter)
    if not name:
        return None
    remember_export_folder(Path(name))
    return Path(name)


def choose_printer(parent: QWidget, title: str, doc_name: str = "") -> QPrinter | None:
    """The system's print dialog; the chosen printer, or ``None`` when cancelled.

    ``doc_name`` (the export's file name without ".pdf") is set before the dialog opens:
    the dialog names a print to file after it ("<naam> PIP <datum>.pdf") instead of
    "print.pdf" (usability round 4: 50)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if doc_name:
        printer.setDocName(doc_name)
    # Qt proposes "<doc name>.pdf" in the working directory for a print to file: the very
    # PDF just exported there, which Afdrukken then replaced (usability round 7, finding
    # 5). A name of its own, in the user's documents, never an existing file.
    printer.setOutputFileName(str(print_file_proposal(doc_name)))
    if QPrinterInfo.availablePrinters():
        # a file name makes the printer a PDF writer: a real printer stays the choice
        printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    chosen = dialog.exec() == QDialog.DialogCode.Accepted
    # Not left behind under ``parent``: it points at ``printer``, which is gone once
    # cancelled, and its fields are not the parent's (usability round 6, finding 9).
    dialog.deleteLater()
    return printer if chosen else None


def print_file_proposal(doc_name: str, folder: Path | None = None) -> Path:
    """The file a print to file proposes: "<doc_name> (afdruk).pdf" in ``folder`` (default
    :func:`export_folder`), else "(afdruk 2)", "(afdruk 3)", … : the first that does not
    exist, so it never replaces an export or an earlier print (a folder holds finitely
    many files, so one is found). Without ``doc_name``: "Afdruk (afdruk).pdf" is avoided,
    "Afdruk.pdf" and on likewise."""
    where = folder or export_folder()
    stem = doc_name.strip()
    for number in itertools.count(1):
        if not stem:
            name = _("Afdruk") if number == 1 else _("Afdruk {number}").format(number=number)
        elif number == 1:
            name = _("{name} (afdruk)").format(name=stem)
        else:
            name = _("{name} (afdruk {number})").format(name=stem, number=number)
        path = where / f"{name}.pdf"
        if not path.exists():
            return path
    raise AssertionError("unreachable: itertools.count never ends")


def export_folder() -> Path:
    """Where a file dialog opens: the folder the user last saved to or opened from (while
    it still exists), else the user's documents folder (``QStandardPaths``) when it
    exists, else the home folder. Never the working directory the app was started from:
    Qt opens a folder that does not exist (``~/Documents`` on a fresh Linux account) as
    the working directory (usability round 3)."""
    last = AppSettings.load().last_export_dir
    if last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def remember_export_folder(path: Path) -> None:
    """Remember the folder of ``path`` for the next export (outside the vault: a folder
    path, no case data). A settings file that cannot be written is not worth an error."""
    settings = AppSettings.load()
    settings.last_export_dir = str(path.parent)
    with contextlib.suppress(OSError):
        settings.save()
