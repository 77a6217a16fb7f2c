"""The list of what sync set aside: per entry the case, when, which way and why in words,
the values concerned; and an export to a file the consultant chooses (owner-only) to hand
to the office. Opened from the sync window and from the main window's Synchroniseren menu.
The list is read and the export written off the GUI thread (``services.quarantine_list``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.counts import count
from inburg_desktop.domain.case_label import case_number
from inburg_desktop.domain.iso_date import parse_iso_moment
from inburg_desktop.formatting import format_datetime, format_number, format_utc_stamp
from inburg_desktop.i18n import _, ngettext
from inburg_desktop.messages import error_text
from inburg_desktop.prompts.catalogue import Catalogue
from inburg_desktop.services import quarantine_list
from inburg_desktop.services.errors import VaultError
from inburg_desktop.services.field_labels import field_label
from inburg_desktop.services.files import is_output_problem
from inburg_desktop.services.intake_progress import ui_catalogue
from inburg_desktop.services.quarantine_list import QuarantineEntry, QuarantineList
from inburg_desktop.services.set_aside_text import BEFORE, field_lines
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.sync.caseload_exit import CASE_LABEL
from inburg_desktop.sync.quarantine import (
    direction_text,
    office_refused_code,
    reason_and_step,
)
from inburg_desktop.sync.transport import SyncError
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.lists import show_whole_items
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.tasks import TaskGroup
from inburg_desktop.ui.vault_messages import unlock_message

ROLE = Qt.ItemDataRole.UserRole + 1
PREVIEW_CHARS = 2_000  # a set-aside note can be 256 KB; the export holds all of it


def _moments(value: Any) -> str | None:
    """A list of ISO moments (a topic's ``_discussed``) as dates and times in words."""
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        return None
    try:
        return ", ".join(format_datetime(parse_iso_moment(v)) for v in value)
    except ValueError:
        return None


def _value_text(text: str) -> str:
    if len(text) > PREVIEW_CHARS:
        more = len(text) - PREVIEW_CHARS
        text = (
            text[:PREVIEW_CHARS]
            + "\n"
            + count("… en nog {n} teken (in de export)", "… en nog {n} tekens (in de export)", more)
        )
    return text


def entry_lines(
    entry: QuarantineEntry, label: Callable[[str], str], catalogue: Catalogue | None = None
) -> list[str]:
    """What ``entry`` set aside, one ``"label: value"`` per field in words, a structured
    value (a PIP, the household, an agenda state) as the parts changed since the office's
    (``services.set_aside_text``; usability round 6 #22: a JSON dump); a topic's moments
    as dates and times; a long text cut for the screen (the export holds all of it)."""
    lines: list[str] = []
    before = entry.detail.get(BEFORE)
    for key, value in entry.values.items():
        moments = _moments(value)
        if moments is not None:
            lines.append(f"{label(key)}: {moments}")
            continue
        lines.extend(
            _value_text(line) for line in field_lines({key: value}, before, label, catalogue)
        )
    return lines


def state_text(entry: QuarantineEntry) -> str:
    """Where an entry stands now, with when: sent to the office (once "Naar kantoor
    sturen" got through), else which way it could not go (usability round 3: an entry
    still said "Niet naar kantoor verstuurd" after it was sent), or that the office did
    not take it."""
    if office_refused_code(entry) is not None:
        return _("Niet aangenomen door kantoor")
    if entry.sent_at is not None:
        return _("Naar kantoor gestuurd op {when}").format(
            when=format_utc_stamp(entry.sent_at.isoformat())
        )
    return direction_text(entry)


class QuarantineView(QDialog):
    """Read-only list of quarantine entries with an export; ``reload()`` after a sync."""

    loaded = Signal()  # the list shows what the vault holds now

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.tasks = TaskGroup(self)
        self.setObjectName("quarantineView")
        self.setWindowTitle(_("Apart gezet bij synchroniseren"))
        self.resize(920, 540)
        self._catalogue = ui_catalogue()
        outer = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Wat hier staat, kon niet naar kantoor of kon niet van kantoor worden verwerkt. "
                "De rest van de synchronisatie is gewoon doorgegaan. Exporteer de lijst en geef "
                "het bestand aan het kantoor; het bevat persoonsgegevens en is alleen voor u "
                "leesbaar."
            )
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)
        body = QHBoxLayout()
        self.items = QListWidget()
        show_whole_items(self.items)  # names and reasons are long: never cut off
        self.items.setObjectName("quarantineList")
        self.items.setAccessibleName(_("Apart gezette wijzigingen"))
        self.items.setMinimumWidth(320)
        body.addWidget(self.items)
        right = QVBoxLayout()
        self.title = QLabel()
        # names and the office's words are data, never markup
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setObjectName("quarantineTitle")
        self.title.setStyleSheet("font-size:13pt;font-weight:bold")
        self.title.setWordWrap(True)
        right.addWidget(self.title)
        self.when = QLabel()
        # names and the office's words are data, never markup
        self.when.setTextFormat(Qt.TextFormat.PlainText)
        self.when.setObjectName("quarantineWhen")
        right.addWidget(self.when)
        self.reason = QLabel()
        # names and the office's words are data, never markup
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setObjectName("quarantineReason")
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right.addWidget(self.reason)
        right.addWidget(QLabel(_("Wat apart is gezet:")))
        self.values = QPlainTextEdit()
        self.values.setObjectName("quarantineValues")
        self.values.setAccessibleName(_("Waarden van de gekozen wijziging"))
        self.values.setReadOnly(True)
        right.addWidget(self.values, 1)
        self.empty = QLabel(_("Er is niets apart gezet."))
        self.empty.setObjectName("quarantineEmpty")
        right.addWidget(self.empty)
        body.addLayout(right, 1)
        outer.addLayout(body, 1)
        self.message = MessageLabel(self)
        self.message.setObjectName("quarantineMessage")
        outer.addWidget(self.message)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(_("&Exporteren voor kantoor…"))
        self.export_button.setObjectName("exportQuarantine")
        self.send_button = QPushButton(_("&Naar kantoor sturen"))
        self.send_button.setObjectName("sendQuarantine")
        self.send_button.setToolTip(
            _(
                "Stuur de lijst met de waarden naar de kantoorserver, zodat het kantoor ermee "
                "verder kan."
            )
        )
        close = QPushButton(_("Sluiten"))
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.send_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        outer.addLayout(buttons)
        self.items.currentItemChanged.connect(self._show)
        self.export_button.clicked.connect(self.export)
        self.send_button.clicked.connect(self.send)
        close.clicked.connect(self.close)
        self.entries: tuple[QuarantineEntry, ...] = ()
        self.reload()

    def label(self, key: str) -> str:
        return _(field_label(key, self._catalogue))

    def reload(self) -> None:
        """Read the entries off the GUI thread, then show them (``loaded``)."""
        vault = self.vault
        self.tasks.run(lambda _token: quarantine_list.load(vault), self._show_list, self._failed)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, VaultError):
            raise exc
        self.message.show_message(unlock_message(exc), "error")

    def _show_list(self, listed: QuarantineList) -> None:
        self.entries, names = listed.entries, listed.names
        self.items.clear()
        for entry in reversed(self.entries):  # newest first
            kept = entry.detail.get(CASE_LABEL)
            name = names.get(entry.case_id) or (
                _("{label} (niet meer op deze laptop)").format(label=kept)
                if isinstance(kept, str) and kept
                else _("Dossier {number} (niet op deze laptop)").format(
                    number=case_number(entry.case_id)
                )
            )
            item = QListWidgetItem(f"{name} — {state_text(entry)}")
            item.setData(ROLE, entry)
            item.setToolTip(format_utc_stamp(entry.created_at.isoformat()))
            self.items.addItem(item)
        has_any = bool(self.entries)
        self.empty.setVisible(not has_any)
        self.export_button.setEnabled(has_any)
        self.send_button.setEnabled(has_any)
        if has_any:
            self.items.setCurrentRow(0)
        else:
            self.title.clear()
            self.when.clear()
            self.reason.clear()
            self.values.clear()
        self.loaded.emit()

    def current(self) -> QuarantineEntry | None:
        item = self.items.currentItem()
        value = item.data(ROLE) if item is not None else None
        return value if isinstance(value, QuarantineEntry) else None

    def _show(self) -> None:
        entry = self.current()
        if entry is None:
            return
        self.title.setText(self.items.currentItem().text())
        moment = format_utc_stamp(entry.created_at.isoformat())
        when = _("Apart gezet op {when}").format(when=moment)
        if entry.sent_at is not None:
            sent = format_utc_stamp(entry.sent_at.isoformat())
            when += " · " + _("naar kantoor gestuurd op {when}").format(when=sent)
        self.when.setText(when)
        # why, then what happens now by where it stands (kept here, sent, refused)
        self.reason.setText(reason_and_step(entry, self.label))
        self.values.setPlainText("\n\n".join(entry_lines(entry, self.label, self._catalogue)))

    def export(self) -> None:
        if not self.entries:
            return
        path = dialogs.choose_save_file(
            self,
            _("Apart gezette gegevens exporteren"),
            "apart-gezet.txt",
            _("Tekstbestand om te lezen (*.txt);;JSON-bestanden voor programma's (*.json)"),
        )
        if path is None:
            return
        vault, entries, label = self.vault, self.entries, self.label
        self.export_button.setEnabled(False)
        self.tasks.run(
            lambda _token: quarantine_list.export(vault, path, entries, label),
            lambda n: self._exported(path, n),
            self._export_failed,
        )

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(bool(self.entries))
        if is_output_problem(exc):  # the chosen file: the sentence names it and the cause
            self.message.show_message(error_text(exc), "error")
        else:
            self._failed(exc)

    def _exported(self, path: Path, parts: int) -> None:
        self.export_button.setEnabled(bool(self.entries))
        self.message.show_message(
            count(
                "Opgeslagen als {name} ({n} onderdeel), alleen voor u leesbaar. Geef het "
                "bestand aan het kantoor.",
                "Opgeslagen als {name} ({n} onderdelen), alleen voor u leesbaar. Geef het "
                "bestand aan het kantoor.",
                parts,
                name=path.name,
            ),
            "info",
        )

    def send(self) -> None:
        """Send the list to the office (off the GUI thread); the office keeps each entry
        once, so sending again is harmless."""
        if not self.entries:
            return
        vault, entries, label = self.vault, self.entries, self.label
        self.send_button.setEnabled(False)
        self.message.show_message(_("Bezig met versturen naar kantoor…"), "info")
        self.tasks.run(
            lambda _token: quarantine_list.send_to_office(vault, entries, label),
            self._sent,
            self._send_failed,
        )

    def _sent(self, sent: quarantine_list.SentToOffice) -> None:
        text = ngettext(
            "Naar kantoor gestuurd: {n} onderdeel. Het kantoor ziet het in zijn lijst "
            "'apart gezet'; het blijft ook hier staan.",
            "Naar kantoor gestuurd: {n} onderdelen. Het kantoor ziet ze in zijn lijst "
            "'apart gezet'; ze blijven ook hier staan.",
            sent.held,
        ).format(n=format_number(sent.held))
        refused = sent.unknown_case
        if refused > 0:
            text += " " + ngettext(
                "{n} onderdeel nam het kantoor niet aan: het gaat over een dossier dat het "
                "kantoor niet op uw lijst kent. Exporteer het en geef het aan het kantoor.",
                "{n} onderdelen nam het kantoor niet aan: ze gaan over een dossier dat het "
                "kantoor niet op uw lijst kent. Exporteer ze en geef ze aan het kantoor.",
                refused,
            ).format(n=format_number(refused))
        if sent.refused > 0:
            text += " " + ngettext(
                "{n} onderdeel nam het kantoor niet aan om wat erin staat: het blijft hier "
                "bewaard en wordt niet opnieuw verstuurd. Exporteer het en geef het aan het "
                "kantoor.",
                "{n} onderdelen nam het kantoor niet aan om wat erin staat: ze blijven hier "
                "bewaard en worden niet opnieuw verstuurd. Exporteer ze en geef ze aan het "
                "kantoor.",
                sent.refused,
            ).format(n=format_number(sent.refused))
        if sent.refused_before > 0:
            text += " " + ngettext(
                "{n} onderdeel is niet opnieuw verstuurd: het kantoor nam het eerder niet aan.",
                "{n} onderdelen zijn niet opnieuw verstuurd: het kantoor nam ze eerder niet aan.",
                sent.refused_before,
            ).format(n=format_number(sent.refused_before))
        if sent.later > 0:
            text += " " + ngettext(
                "{n} onderdeel nam het kantoor nu niet aan (het tijdstip of de grootte, niet "
                "wat erin staat): het wordt de volgende keer opnieuw verstuurd.",
                "{n} onderdelen nam het kantoor nu niet aan (het tijdstip of de grootte, niet "
                "wat erin staat): ze worden de volgende keer opnieuw verstuurd.",
                sent.later,
            ).format(n=format_number(sent.later))
        problems = refused + sent.refused + sent.refused_before + sent.later
        self.message.show_message(text, "info" if problems <= 0 else "warning")
        self.reload()  # shows when each was sent

    def _send_failed(self, exc: BaseException) -> None:
        self.send_button.setEnabled(bool(self.entries))
        if isinstance(exc, quarantine_list.NotEnrolledForSending):
            self.message.show_message(error_text(exc), "error")
        elif isinstance(exc, SyncError):
            self.message.show_message(
                _(
                    "Niet verstuurd: {reason} Er is niets gewijzigd; probeer het later opnieuw."
                ).format(reason=error_text(exc)),
                "error",
            )
        else:
            self._failed(exc)
