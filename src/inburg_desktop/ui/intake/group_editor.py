"""Repeatable rows of sub-fields (household members, children): one row of editors each,
with keyboard-reachable "add row" and "remove" buttons."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from inburg_desktop.i18n import _
from inburg_desktop.prompts.catalogue import Field
from inburg_desktop.services.intake_progress import answered
from inburg_desktop.ui.intake.field_editors import FieldEditor, make_editor


class _Row(QWidget):
    def __init__(self, group: GroupEditor, number: int) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editors: list[FieldEditor] = []
        for sub in group.item.fields:
            box = QVBoxLayout()
            box.setSpacing(2)
            label = QLabel(sub.label)
            label.setStyleSheet("color:#4b5563;font-size:9pt")
            editor = make_editor(sub)
            editor.focus_target().setObjectName(f"{group.item.key}[{number}].{sub.id}")
            editor.changed.connect(group._edited)
            label.setBuddy(editor.focus_target())
            box.addWidget(label)
            box.addWidget(editor)
            layout.addLayout(box, 1)
            self.editors.append(editor)
        self.remove = QPushButton(_("Verwijderen"))
        self.remove.setAccessibleName(_("Rij {number} verwijderen").format(number=number + 1))
        self.remove.clicked.connect(lambda: group.remove_row(self))
        layout.addWidget(self.remove)

    def value(self) -> dict[str, Any]:
        return {
            e.item.id: e.value() for e in self.editors if answered(e.value()) or e.value() is False
        }

    def set_value(self, row: dict[str, Any]) -> None:
        for editor in self.editors:
            editor.set_value(row.get(editor.item.id))


class GroupEditor(FieldEditor):
    def __init__(self, item: Field, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.rows: list[_Row] = []
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.rows_box = QVBoxLayout()
        self.layout_.addLayout(self.rows_box)
        self.add_button = QPushButton(_("Rij toevoegen"))
        self.add_button.setObjectName(f"{item.key}:add")
        self.add_button.clicked.connect(self.add_row)
        self.layout_.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setFocusProxy(self.add_button)

    def focus_target(self) -> QWidget:
        if self.rows:
            return self.rows[0].editors[0].focus_target()
        return self.add_button

    def add_row(self) -> _Row:
        row = _Row(self, len(self.rows))
        self.rows.append(row)
        self.rows_box.addWidget(row)
        if not self._loading:
            row.editors[0].focus_target().setFocus()
        return row

    def remove_row(self, row: _Row) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.add_button.setFocus()
        self._edited()

    def value(self) -> Any:
        rows = [row.value() for row in self.rows]
        return [r for r in rows if r] or None

    def _show(self, value: Any) -> None:
        for row in list(self.rows):
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        for data in value or []:
            if isinstance(data, dict):
                self.add_row().set_value(data)
