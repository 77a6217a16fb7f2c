"""Bestand → Logboek…: a case's audit trail, read-only (issue 16 item 1).

Who viewed, changed, exported, printed or synced which part of the case, when and from
which device; never a value (``services.audit_trail``). Above the list, one line per
device's chain says whether it is intact, or where and how it is broken (the row and
its number, in the chain's stored order). Read off the GUI thread; reading it is itself
a view of the case (part ``logboek``), recorded once it is shown.

Keyboard: the list has the focus when the trail is shown (arrows move through it),
Esc or Sluiten closes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.formatting import (
    audit_action_label,
    audit_part_label,
    format_datetime,
    format_number,
    reason_text,
)
from inburg_desktop.i18n import _, ngettext
from inburg_desktop.messages import error_text
from inburg_desktop.services import audit_trail
from inburg_desktop.services.audit_trail import CaseTrail, ChainView
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.tasks import TaskGroup

LOG_PART = "logboek"


def _headers() -> list[str]:
    """The column titles, in the UI language."""
    return [
        _("Tijdstip"),
        _("Wie"),
        _("Handeling"),
        _("Onderdeel"),
        _("Apparaat"),
        _("Nummer"),
    ]


class AuditLogDialog(QDialog):
    """The read-only Logboek of ``case_id`` (module docstring)."""

    def __init__(self, vault: Vault, case_id: str, person: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("auditLog")
        self.setWindowTitle(_("Logboek — {name}").format(name=person))
        self.case_id = case_id
        self.tasks = TaskGroup(self)
        layout = QVBoxLayout(self)
        self.verdict = QLabel(_("Het logboek wordt gelezen…"))
        self.verdict.setObjectName("auditVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.verdict)
        self.model = QStandardItemModel(0, len(_headers()), self)
        self.model.setHorizontalHeaderLabels(_headers())
        self.table = QTableView(self)
        self.table.setObjectName("auditEntries")
        self.table.setAccessibleName(_("Regels van het logboek"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("&Sluiten"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 520)
        self.vault = vault
        self.tasks.run(lambda _token: audit_trail.trail(vault, case_id), self._show, self._failed)

    def _show(self, shown: CaseTrail) -> None:
        # recorded once read: the list shows the trail as it was when asked for
        audit_trail.record_view(self.vault, self.case_id, LOG_PART)
        titles = audit_trail.topic_titles()
        self.model.removeRows(0, self.model.rowCount())
        for entry in shown.entries:
            cells = (
                format_datetime(entry.at.astimezone()),
                entry.actor,
                audit_action_label(entry.action.value),
                audit_part_label(entry.part, titles),
                entry.device_id,
                format_number(entry.seq),
            )
            row = [QStandardItem(text) for text in cells]
            self.model.appendRow(row)
        self.table.resizeColumnsToContents()
        self.verdict.setText(
            "\n".join(verdict(chain) for chain in shown.chains)
            or _("Dit dossier heeft nog geen regels in het logboek.")
        )
        self.verdict.setProperty("broken", not shown.ok)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _failed(self, exc: BaseException) -> None:
        self.verdict.setText(error_text(exc))


def verdict(chain: ChainView) -> str:
    """One chain's state in words: intact (and how far the office confirmed it), or
    broken with the reason naming the row."""
    if not chain.check.ok and chain.check.reason is not None:
        return _("Apparaat {device}: NIET IN ORDE. {reason}.").format(
            device=chain.device_id, reason=reason_text(chain.check.reason)
        )
    n = len(chain.entries)
    entries = ngettext("{count} regel", "{count} regels", n).format(count=format_number(n))
    if chain.anchored_seq is None:
        return _(
            "Apparaat {device}: in orde ({entries}; nog niet naar het kantoor gestuurd)."
        ).format(device=chain.device_id, entries=entries)
    return _(
        "Apparaat {device}: in orde ({entries}; door het kantoor bevestigd tot en met "
        "nummer {seq})."
    ).format(device=chain.device_id, entries=entries, seq=format_number(chain.anchored_seq))
