"""Conflicts side by side: the office's value and this laptop's, per field; the consultant
picks one or writes a merge, and the choice syncs back as a resolution."""

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

from inburg_desktop.i18n import _
from inburg_desktop.services.field_labels import field_label
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.changes import FieldRefused
from inburg_desktop.storage.sync_state import Conflict, conflicts, resolve_conflict
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.text_limits import MERGE_TEXT_MAX, LimitedPlainTextEdit, with_message

ROLE = Qt.ItemDataRole.UserRole + 1


def show_value(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return _("(leeg)")
    return json.dumps(value, ensure_ascii=False, indent=2)


class ConflictView(QDialog):
    resolved = Signal(str)  # case id

    def __init__(self, vault: OpenVault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.setWindowTitle(_("Conflicten oplossen"))
        self.resize(900, 520)
        layout = QHBoxLayout(self)
        self.items = QListWidget()
        self.items.setObjectName("conflictList")
        self.items.setMinimumWidth(260)
        layout.addWidget(self.items)
        right = QVBoxLayout()
        self.title = QLabel()
        self.title.setStyleSheet("font-size:13pt;font-weight:bold")
        self.title.setWordWrap(True)
        right.addWidget(self.title)
        grid = QGridLayout()
        grid.addWidget(QLabel(_("Op kantoor")), 0, 0)
        grid.addWidget(QLabel(_("Op deze laptop")), 0, 1)
        self.office = QPlainTextEdit()
        self.office.setObjectName("officeValue")
        self.office.setReadOnly(True)
        self.laptop = QPlainTextEdit()
        self.laptop.setObjectName("laptopValue")
        self.laptop.setReadOnly(True)
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
        self.items.clear()
        catalogue = shipped_catalogue()
        with self.vault.session() as session:
            found = conflicts(session)
            names = {
                c.case_id: get_case(session, c.case_id).case.person.display_name for c in found
            }
        for item in found:
            label = _(field_label(item.field_key, catalogue))
            entry = QListWidgetItem(f"{names[item.case_id]} — {label}")
            entry.setData(ROLE, item)
            self.items.addItem(entry)
        has_any = self.items.count() > 0
        self.empty.setVisible(not has_any)
        for widget in (self.take_office, self.take_laptop, self.take_merged, self.merged):
            widget.setEnabled(has_any)
        if has_any:
            self.items.setCurrentRow(0)
        else:
            self.title.clear()
            self.office.clear()
            self.laptop.clear()

    def current(self) -> Conflict | None:
        item = self.items.currentItem()
        value = item.data(ROLE) if item is not None else None
        return value if isinstance(value, Conflict) else None

    def _show(self) -> None:
        conflict = self.current()
        if conflict is None:
            return
        self.title.setText(self.items.currentItem().text())
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
        if conflict is None:
            return
        chosen: Any = {
            "office": conflict.office_value,
            "laptop": conflict.laptop_value,
            "merged": self.merged.toPlainText(),
        }[which]
        if which == "merged" and self.merged.over_limit:
            self.problem.show_message(_("De samengevoegde tekst is te lang."), "error")
            return
        try:
            with self.vault.transaction() as session:
                resolve_conflict(session, conflict.case_id, conflict.field_key, chosen)
        except FieldRefused as exc:
            # Two long texts merged can pass what one value may hold at the office.
            self.problem.show_message(
                _(
                    "Deze keuze is te groot om naar kantoor te sturen ({size} kB; hoogstens "
                    "{limit} kB). Maak de samengevoegde tekst korter; er is niets gewijzigd."
                ).format(size=exc.size // 1024, limit=exc.limit // 1024),
                "error",
            )
            return
        self.problem.clear_message()
        self.resolved.emit(conflict.case_id)
        self.reload()
