"""Bestand → Inzageverzoek (AVG)…: the person's own copy of everything this laptop holds
about them (AVG art. 15: a readable overview; art. 20: a file a computer reads).

The dialog asks which copy (the readable PDF, the default, or the ``inburg-case/1`` JSON:
a list, so Tab and the arrows reach both);
then the save dialog opens in the folder used last, else the user's documents folder,
with a name in the PIP's style ("Amal Haddad inzage AVG 2026-11-30.pdf",
``domain.file_names``). The copy is made and written off the GUI thread
(``ui/tasks.py``: cancelled when the window closes), owner-only and atomically
(``services.files.export_file``); the notice bar says where it went or, in words, why
nothing was written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.file_names import subject_access_file_name
from inburg_desktop.i18n import _
from inburg_desktop.messages import error_text, problem_text
from inburg_desktop.services.files import export_file
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.notice_bar import NoticeBar
from inburg_desktop.ui.tasks import CancelToken, TaskGroup

PDF = "pdf"
JSON = "json"


class SubjectAccessDialog(QDialog):
    """Which copy to make: :meth:`kind` is ``"pdf"`` or ``"json"`` once accepted."""

    def __init__(self, person: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("subjectAccessDialog")
        self.setWindowTitle(_("Inzageverzoek (AVG)"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Alles wat deze laptop over {name} bewaart, als afschrift voor de persoon "
                "zelf (AVG art. 15 en 20). Het bestand is niet versleuteld: geef het mee "
                "zoals uw gemeente dat voor persoonsgegevens voorschrijft."
            ).format(name=person)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("subjectAccessKind")
        self.kind_box.addItem(
            _("Leesbaar overzicht (PDF, met een bijlage in de eigen taal waar die vertaald is)"),
            PDF,
        )
        self.kind_box.addItem(_("Gegevensbestand voor een computer (JSON, inburg-case/1)"), JSON)
        form.addRow(_("&Soort afschrift"), self.kind_box)
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("&Opslaan…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("subjectAccessSave")
        buttons.addButton(_("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button.setDefault(True)
        layout.addWidget(buttons)
        self.kind_box.setFocus()

    def kind(self) -> str:
        """``"pdf"`` (the readable overview, the default) or ``"json"``."""
        return str(self.kind_box.currentData())


@dataclass(frozen=True)
class Copy:
    """A made copy: its bytes and, for a PDF in which characters no shipped font draws
    were printed as their code, what to tell the consultant (``""``: nothing)."""

    data: bytes
    replaced: str = ""


def make_copy(vault: Vault, case_id: str, kind: str) -> Callable[[CancelToken], Copy]:
    """The work that makes the copy (run off the GUI thread)."""

    def work(_token: CancelToken) -> Copy:
        # ReportLab and the format's checks on first use, not with the main window
        from inburg_desktop.domain.case_document import Doel
        from inburg_desktop.services.case_export import export_case_json, export_case_pdf

        if kind == JSON:
            return Copy(export_case_json(vault, case_id, Doel.INZAGE))
        from inburg_desktop.pdf.document import noting_replaced
        from inburg_desktop.pdf.subject_access import render_subject_access

        data, replaced = noting_replaced(
            lambda: export_case_pdf(vault, case_id, render_subject_access)
        )
        return Copy(data, "" if replaced is None else problem_text(replaced))

    return work


def request_subject_access(
    parent: QWidget,
    vault: Vault,
    case_id: str,
    person: str,
    tasks: TaskGroup,
    notice: NoticeBar,
    today: date | None = None,
) -> SubjectAccessDialog:
    """Ask which copy, then where, then make and write it in the background; the result
    (or why nothing was written) goes to ``notice``. Returns the (modal) dialog."""
    dialog = SubjectAccessDialog(person, parent)

    def chosen() -> None:
        kind = dialog.kind()
        suffix = ".pdf" if kind == PDF else ".json"
        name = subject_access_file_name(person, today or date.today(), suffix)
        name_filter = _("PDF-bestanden (*.pdf)") if kind == PDF else _("JSON-bestanden (*.json)")
        path = dialogs.choose_save_file(parent, _("Inzageverzoek opslaan"), name, name_filter)
        if path is None:
            return
        notice.show_message(_("Het afschrift wordt gemaakt…"), "info")
        work = make_copy(vault, case_id, kind)

        def write(token: CancelToken) -> tuple[Path, str]:
            made = work(token)
            token.raise_if_cancelled()
            export_file(path, made.data)
            return path, made.replaced

        def written(result: tuple[Path, str]) -> None:
            where, replaced = result
            saved = _("Afschrift voor het inzageverzoek opgeslagen: {path}").format(path=where)
            if replaced:  # saved, with a warning that names the field
                notice.show_message(f"{saved} {replaced}", "warning")
            else:
                notice.show_message(saved, "info")

        tasks.run(
            write,
            written,
            lambda exc: notice.show_message(
                _("Het afschrift is niet opgeslagen: {error}").format(error=error_text(exc)),
                "error",
            ),
            name="subject-access",
        )

    dialog.accepted.connect(chosen)
    dialog.open()
    return dialog
