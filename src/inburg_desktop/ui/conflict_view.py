"""Conflicts side by side: the office's value and this laptop's, per field; the consultant
picks one or writes a merge, and the choice syncs back as a resolution.

The list is read and a choice written off the GUI thread (``services.conflicts``); while a
choice is being written the buttons wait, and a vault that refuses (a full disk, another
program holding it) is said in words with nothing lost: the conflict stays open.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.counts import format_kilobytes
from inburg_desktop.i18n import _
from inburg_desktop.services import conflicts as service
from inburg_desktop.services.conflicts import ConflictItem
from inburg_desktop.services.errors import FieldRefused, VaultError
from inburg_desktop.services.field_labels import field_label
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.case_events import case_events
from inburg_desktop.ui.lists import show_whole_items
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.tasks import CancelToken, TaskGroup
from inburg_desktop.ui.text_limits import MERGE_TEXT_MAX, LimitedPlainTextEdit, with_message
from inburg_desktop.ui.vault_messages import unlock_message

ROLE = Qt.ItemDataRole.UserRole + 1


def show_value(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return _("(leeg)")
    return json.dumps(value, ensure_ascii=False, indent=2)


class ConflictView(QDialog):
    resolved = Signal(str)  # case id
    loaded = Signal()  # the list shows what the vault holds now

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.tasks = TaskGroup(self)
        self.busy = False
        self.setWindowTitle(_("Conflicten oplossen"))
        self.resize(900, 520)
        layout = QHBoxLayout(self)
        self.items = QListWidget()
        show_whole_items(self.items)  # names and field labels are long: never cut off
        self.items.setObjectName("conflictList")
        self.items.setAccessibleName(_("Conflicten"))
        self.items.setMinimumWidth(260)
        layout.addWidget(self.items)
        right = QVBoxLayout()
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # data, never markup
        self.title.setStyleSheet("font-size:13pt;font-weight:bold")
        self.title.setWordWrap(True)
        right.addWidget(self.title)
        grid = QGridLayout()
        self.office_label = QLabel(_("Op kantoor"))
        self.laptop_label = QLabel(_("Op deze laptop"))
        grid.addWidget(self.office_label, 0, 0)
        grid.addWidget(self.laptop_label, 0, 1)
        self.office = QPlainTextEdit()
        self.office.setObjectName("officeValue")
        self.office.setReadOnly(True)
        self.laptop = QPlainTextEdit()
        self.laptop.setObjectName("laptopValue")
        self.laptop.setReadOnly(True)
        self.office_label.setBuddy(self.office)  # the label (it changes per conflict) names it
        self.laptop_label.setBuddy(self.laptop)
        grid.addWidget(self.office, 1, 0)
        grid.addWidget(self.laptop, 1, 1)
        self.take_office = QPushButton(_("Kantoor aanhouden"))
        self.take_laptop = QPushButton(_("Laptop aanhouden"))
        grid.addWidget(self.take_office, 2, 0)
        grid.addWidget(self.take_laptop, 2, 1)
        right.addLayout(grid)
        right.addWidget(QLabel(_("Of voeg samen (alleen voor tekst):")))
        self.merged = LimitedPlainTextEdit(MERGE_TEXT_MAX)
        self.merged.setObjectName("merged")
        self.merged.setAccessibleName(_("Samengevoegde tekst"))
        self.merged.setMaximumHeight(110)
        right.addWidget(with_message(self.merged))
        self.take_merged = QPushButton(_("Samengevoegde tekst gebruiken"))
        right.addWidget(self.take_merged)
        self.problem = MessageLabel(self)
        self.problem.setObjectName("resolveProblem")
        right.addWidget(self.problem)
        self.empty = QLabel(_("Er zijn geen conflicten."))
        right.addWidget(self.empty)
        right.addStretch(1)
        layout.addLayout(right, 1)

        self.items.currentItemChanged.connect(self._show)
        self.take_office.clicked.connect(lambda: self._resolve("office"))
        self.take_laptop.clicked.connect(lambda: self._resolve("laptop"))
        self.take_merged.clicked.connect(lambda: self._resolve("merged"))
        self.reload()

    def reload(self) -> None:
        """Read the open conflicts (one query) off the GUI thread, then show them."""
        vault = self.vault
        self.tasks.run(lambda _token: service.list_conflicts(vault), self._show_list, self._failed)

    def _show_list(self, found: tuple[ConflictItem, ...]) -> None:
        self.items.clear()
        catalogue = shipped_catalogue()
        for item in found:
            label = _(field_label(item.field_key, catalogue))
            entry = QListWidgetItem(f"{item.person_name} — {label}")
            entry.setData(ROLE, item)
            self.items.addItem(entry)
        has_any = self.items.count() > 0
        self.empty.setVisible(not has_any)
        self._set_enabled(has_any)
        if has_any:
            self.items.setCurrentRow(0)
        else:
            self.title.clear()
            self.office.clear()
            self.laptop.clear()
        self.loaded.emit()

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.take_office, self.take_laptop, self.take_merged, self.merged):
            widget.setEnabled(enabled)

    def current(self) -> ConflictItem | None:
        item = self.items.currentItem()
        value = item.data(ROLE) if item is not None else None
        return value if isinstance(value, ConflictItem) else None

    def _show(self) -> None:
        conflict = self.current()
        if conflict is None:
            return
        self.title.setText(self.items.currentItem().text())
        # A conflict kept on this laptop: the case changed underneath an open window.
        self.office_label.setText(
            _("Nu in het dossier (na synchronisatie of oplossing)")
            if conflict.local
            else _("Op kantoor")
        )
        self.laptop_label.setText(
            _("Getypt in een verouderd venster") if conflict.local else _("Op deze laptop")
        )
        self.office.setPlainText(show_value(conflict.office_value))
        self.laptop.setPlainText(show_value(conflict.laptop_value))
        both_text = isinstance(conflict.office_value, str) and isinstance(
            conflict.laptop_value, str
        )
        self.merged.setEnabled(both_text)
        self.take_merged.setEnabled(both_text)
        self.merged.setPlainText(
            f"{conflict.office_value}\n{conflict.laptop_value}" if both_text else ""
        )

    def _resolve(self, which: str) -> None:
        conflict = self.current()
        if conflict is None or self.busy:
            return
        chosen: Any = {
            "office": conflict.office_value,
            "laptop": conflict.laptop_value,
            "merged": self.merged.toPlainText(),
        }[which]
        if which == "merged" and self.merged.over_limit:
            self.problem.show_message(_("De samengevoegde tekst is te lang."), "error")
            return
        self.busy = True
        self._set_enabled(False)
        vault, case_id, key = self.vault, conflict.case_id, conflict.field_key

        def work(_token: CancelToken) -> str:
            service.resolve(vault, case_id, key, chosen)
            return case_id

        self.tasks.run(work, self._resolved, self._failed)

    def _resolved(self, case_id: str) -> None:
        self.busy = False
        self.problem.clear_message()
        case_events().case_changed.emit(case_id)
        self.resolved.emit(case_id)
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self._set_enabled(self.items.count() > 0)
        self._show()  # the merge button follows the conflict's kind again
        if isinstance(exc, FieldRefused):
            # Two long texts merged can pass what one value may hold at the office.
            self.problem.show_message(
                _(
                    "Deze keuze is te groot om naar kantoor te sturen ({size} kB; hoogstens "
                    "{limit} kB). Maak de samengevoegde tekst korter; er is niets gewijzigd."
                ).format(size=format_kilobytes(exc.size), limit=format_kilobytes(exc.limit)),
                "error",
            )
        elif isinstance(exc, VaultError):
            # A full disk, another program holding the vault, ...: the conflict stays open.
            self.problem.show_message(unlock_message(exc), "error")
        else:
            raise exc
