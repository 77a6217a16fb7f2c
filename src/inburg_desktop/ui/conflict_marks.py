"""The mark at a field that holds a conflict: "conflict – kies in Conflicten oplossen".

A window open on a case keeps showing the consultant's own side of a conflicted field
(``services.own_conflicts``; usability round 7 #13: the intake replaced just-typed notes
with the other laptop's). The field says so where it is, and its mark is a link (Tab
reaches it, Enter or a click follows it) that opens the conflict view at that field
(``ui.conflict_view.open_conflict_at``). After the choice, the window shows the chosen
value and the mark goes.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QWidget

from inburg_desktop.i18n import _
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.conflict_view import open_conflict_at

STYLE = "QLabel{color:#842029;font-weight:bold}"


def mark_text() -> str:
    """The mark's words (also its accessible name)."""
    return _("conflict – kies in Conflicten oplossen")


class _MarkLabel(QLabel):
    """The mark: one link, reached by Tab and opened with Enter. Tab leaves it for the
    next field: a label with links keeps Tab to go round its own links, so with its one
    link Tab stayed on the mark (the tab walker, run on the intake's Opleiding topic
    with its notes in conflict)."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class ConflictMarks(QObject):
    """The conflict marks of one window's fields (field key -> its link label)."""

    def __init__(self, window: QWidget, vault: Vault, case_id: str) -> None:
        super().__init__(window)
        self.vault, self.case_id = vault, case_id
        self.keys: frozenset[str] = frozenset()
        self.labels: dict[str, QLabel] = {}

    def show(self, keys: frozenset[str] | set[str], editors: Mapping[str, QWidget]) -> None:
        """Mark the editors (field key -> the field's widget, with a box layout of its
        own or a parent that has one) of ``keys``, and unmark every other one."""
        self.keys = frozenset(keys)
        for key, label in list(self.labels.items()):
            if not shiboken6.isValid(label):
                del self.labels[key]
            elif key not in self.keys or editors.get(key) is not _host(label):
                label.hide()
                label.setObjectName("")  # gone now, though deleted later
                label.deleteLater()
                del self.labels[key]
        for key in self.keys:
            editor = editors.get(key)
            if editor is None or key in self.labels:
                continue
            label = self._label(key)
            layout = editor.layout()
            if isinstance(layout, QBoxLayout):
                layout.addWidget(label)
            else:
                label.setParent(editor)
            label.setProperty("markedEditor", editor.objectName())
            self.labels[key] = label
            label.show()

    def _label(self, key: str) -> QLabel:
        label = _MarkLabel(f'<a href="conflict">{html.escape(mark_text())}</a>')
        label.setObjectName(f"{key}:conflict")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAccessibleName(mark_text())
        label.setToolTip(_("Opent Conflicten oplossen bij dit veld."))
        label.setStyleSheet(STYLE)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        label.linkActivated.connect(lambda _href, k=key: self.open_at(k))
        return label

    def open_at(self, key: str) -> None:
        """Open the conflict view at ``key``'s conflict."""
        open_conflict_at(self.vault, self.case_id, key)


def _host(label: QLabel) -> QWidget | None:
    return label.parentWidget()
