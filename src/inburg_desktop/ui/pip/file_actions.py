"""The PIP editor's explicit file actions: export the PIP to print and sign on paper,
attach the scanned signed copy, export a signed copy from the vault.

These are the only paths by which a PIP leaves the vault, each behind a save dialog the
consultant chose (``ui/dialogs``); files are written owner-only and atomically.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from inburg_desktop.i18n import _
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.services import pip_editing as editing
from inburg_desktop.ui import dialogs

if TYPE_CHECKING:
    from inburg_desktop.ui.pip.window import PipEditorWindow

PDF_FILTER = "PDF (*.pdf)"


def export_unsigned(window: PipEditorWindow) -> None:
    """The stored PIP (as set, or the saved draft) as a PDF to print and sign on paper."""
    path = dialogs.choose_save_file(
        window, _("PIP exporteren om te printen"), "pip.pdf", PDF_FILTER
    )
    if path is None:
        return
    vault, case_id = window.vault, window.case_id

    window.tasks.run(
        lambda _token: editing.export_current(vault, case_id, path, render_pip),
        lambda _r: window.tell(_("PDF geëxporteerd naar {name}.").format(name=path.name)),
        window.failed,
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
    path = dialogs.choose_save_file(
        window, _("Ondertekend PIP exporteren"), "pip-ondertekend.pdf", PDF_FILTER
    )
    if path is None:
        return
    vault = window.vault

    window.tasks.run(
        lambda _token: editing.export_signed_copy(vault, sha256, path),
        lambda _r: window.tell(_("Geëxporteerd naar {name}.").format(name=path.name)),
        window.failed,
    )
