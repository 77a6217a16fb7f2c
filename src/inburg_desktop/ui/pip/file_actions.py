"""The PIP editor's explicit file actions: export or print the PIP (with the annex in the
language chosen in the editor; once signed, the signed copy as it was signed), attach the
scanned signed copy, export a signed copy from the vault.

These are the only paths by which a PIP leaves the vault, each behind a save or print
dialog the consultant chose (``ui/dialogs``); files are written owner-only and
atomically. A save dialog opens in the folder used last, else the user's documents
folder, with a name like "Amal Haddad PIP 2026-11-30.pdf" (``domain.file_names`` says
what the name holds and why).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from inburg_desktop.domain.file_names import pip_file_name
from inburg_desktop.domain.problem import GlyphsReplaced
from inburg_desktop.formatting import format_number
from inburg_desktop.i18n import _, ngettext
from inburg_desktop.messages import problem_text, sentences
from inburg_desktop.pdf.document import noting_replaced
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.services import pip_editing as editing
from inburg_desktop.services.cancel import Cancelled, CancelToken
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.pip.preview import page_pngs

if TYPE_CHECKING:
    from inburg_desktop.ui.pip.window import PipEditorWindow

PDF_FILTER = "PDF (*.pdf)"
OWNER_ONLY = 0o600  # as storage.files: a file with a PIP in it is the owner's alone
PRINT_DPI = 300  # pages go to the printer as images at this resolution


def suggested_name(window: PipEditorWindow) -> str:
    """The default file name of the PIP as it will be exported now."""
    assert window.context is not None
    history, name = window.history, window.context.stored.case.person.display_name
    version = history.in_force
    if version is None or version.dagtekening is None:
        return pip_file_name(name, window.today, concept=True)
    return pip_file_name(name, version.dagtekening, signed=window.status_name() == "signed")


def tell_made(window: PipEditorWindow, said: str, replaced: GlyphsReplaced | None) -> None:
    """Say where the PIP went; when characters printed as their code, say which field
    and that the text must be corrected before signing or sending, as a warning that
    stays until the next message (issue 13)."""
    if replaced is None:
        window.tell(said)
    else:
        window.notice.show_message(sentences(said, problem_text(replaced)), "warning")


def _save_path(window: PipEditorWindow, title: str, name: str) -> Path | None:
    """The save dialog on ``name`` in the export folder (``dialogs.choose_save_file``)."""
    return dialogs.choose_save_file(window, title, name, PDF_FILTER)


def export_pip(window: PipEditorWindow) -> None:
    """The stored PIP as a PDF: the signed copy once signed, else rendered with the annex
    in the chosen language (to print and sign on paper, or to send). Rendered and
    written off the GUI thread, with its progress in the window; cancelled before the
    file is written, nothing is written."""
    if window.context is None:
        return
    path = _save_path(window, _("PIP exporteren"), suggested_name(window))
    if path is None:
        return
    vault, case_id, lang = window.vault, window.case_id, window.annex_language

    def done(made: tuple[editing.PipFile, GlyphsReplaced | None]) -> None:
        produced, replaced = made
        text = (
            _("Ondertekend PIP geëxporteerd naar {path}.")
            if produced.signed
            else _("PDF geëxporteerd naar {path}.")
        )
        tell_made(window, text.format(path=path), replaced)

    def too_late(made: tuple[editing.PipFile, GlyphsReplaced | None]) -> None:
        said = _("Het bestand was al geschreven voordat u annuleerde: {path}.")
        tell_made(window, said.format(path=path), made[1])

    window.run_output(
        _("PDF wordt gemaakt…"),
        lambda token: noting_replaced(
            lambda: editing.export_pip(vault, case_id, path, render_pip, lang, cancel=token),
            decision=True,
        ),
        done,
        cancelled=_("Exporteren geannuleerd: er is geen bestand geschreven."),
        too_late=too_late,
    )


def _page_images(produced: editing.PipFile, token: CancelToken) -> list[QImage]:
    """The pages to print, cut as the preview cuts them (``preview.page_pngs``)."""
    pngs = page_pngs(produced, PRINT_DPI)
    token.raise_if_cancelled()
    return [QImage.fromData(png) for png in pngs]


def print_pages(printer: QPrinter, pages: list[QImage], token: CancelToken | None = None) -> None:
    """Paint ``pages`` on ``printer``, each scaled to fit its page, aspect kept.

    Safe off the GUI thread (Qt paints on a ``QPrinter`` from any one thread). When
    ``token`` is set between pages the print job is aborted and :class:`Cancelled`
    raised."""
    to_file = printer_file(printer)
    if to_file is not None:
        owner_only(to_file)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(_("De printer kan niet worden gebruikt."))
    try:
        for index, image in enumerate(pages):
            if token is not None and token.cancelled:
                printer.abort()
                raise Cancelled()
            if index:
                printer.newPage()
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.x(), area.y(), size.width(), size.height()), image)
    finally:
        painter.end()


def printer_file(printer: QPrinter) -> Path | None:
    """The file a print to PDF writes, ``None`` for a real printer."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return Path(printer.outputFileName())
    return None


def owner_only(path: Path) -> None:
    """Make ``path`` exist readable by its owner only before a print writes the PIP into
    it: Qt creates the file under the umask (``-rw-r--r--``: a PIP's personal data open to
    every account on the laptop) and truncates an existing file without changing its
    mode, so the mode set here holds while the pages are written. The export writes
    owner-only too (``storage.files.write_atomic``)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, OWNER_ONLY)
    try:
        os.fchmod(fd, OWNER_ONLY)  # an existing file may have been more open
    finally:
        os.close(fd)


def printer_name(printer: QPrinter) -> str:
    """Where a print went, in the user's words: the printer's name, or the file a print
    to PDF wrote."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return printer.outputFileName()
    return printer.printerName() or _("de standaardprinter")


def print_pip(window: PipEditorWindow) -> None:
    """Print what :func:`export_pip` would write: rendered, rasterised and painted on the
    printer off the GUI thread, with its progress in the window and a message when the
    pages went to the printer."""
    if window.context is None:
        return
    printer = dialogs.choose_printer(
        window, _("PIP afdrukken"), suggested_name(window).removesuffix(".pdf")
    )
    if printer is None:
        return
    vault, case_id, lang = window.vault, window.case_id, window.annex_language

    def work(token: CancelToken) -> tuple[int, GlyphsReplaced | None]:
        produced, replaced = noting_replaced(
            lambda: editing.pip_file(vault, case_id, render_pip, lang), decision=True
        )
        pages = _page_images(produced, token)
        token.raise_if_cancelled()
        print_pages(printer, pages, token)
        return len(pages), replaced

    def done(made: tuple[int, GlyphsReplaced | None]) -> None:
        count, replaced = made
        said = ngettext(
            "Het PIP is naar de printer gestuurd: {printer} ({count} pagina).",
            "Het PIP is naar de printer gestuurd: {printer} ({count} pagina's).",
            count,
        ).format(printer=printer_name(printer), count=format_number(count))
        tell_made(window, said, replaced)

    window.run_output(
        _("PIP wordt afgedrukt…"),
        work,
        done,
        cancelled=_("Afdrukken geannuleerd."),
        too_late=lambda made: tell_made(
            window, _("Het PIP was al naar de printer gestuurd voordat u annuleerde."), made[1]
        ),
    )


def attach_scan(window: PipEditorWindow) -> None:
    """Store the scanned signed copy in the vault; a set PIP becomes signed."""
    path = dialogs.choose_open_file(
        window, _("Ondertekende scan toevoegen"), _("Scans (*.pdf *.png *.jpg *.jpeg)")
    )
    if path is None:
        return
    vault, case_id, today = window.vault, window.case_id, window.today

    window.write_async(
        lambda: editing.attach_scan(vault, case_id, path, today),
        "scan",
        _("Scan bewaard in de kluis."),
    )


def export_attachment(window: PipEditorWindow, sha256: str) -> None:
    """Write one signed copy from the vault to a file the consultant chose."""
    if window.context is None:
        return
    path = _save_path(window, _("Ondertekend PIP exporteren"), suggested_name(window))
    if path is None:
        return
    vault = window.vault

    window.run_output(
        _("Ondertekend PIP wordt geëxporteerd…"),
        lambda _token: editing.export_signed_copy(vault, sha256, path),
        lambda _r: window.tell(_("Geëxporteerd naar {path}.").format(path=path)),
        cancelled=None,  # a copy of a stored file: one step, nothing to stop half-way
    )
