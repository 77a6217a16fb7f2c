"""A window of a closed case shows it closed and read-only (usability round 9, #20).

The office closes a case by recording the end of the plicht (``inburg-office case
sluit``; ``domain.case_closure``); a sync brings it here, and the case stays on this laptop
until its grace period removes it (``sync.retention``). Every window of a case has a
:class:`~inburg_desktop.ui.case_gone.CaseGoneGuard`, which makes a :class:`ClosedCaseView`:
when the case is closed (on opening, or after a sync closes it while the window is open),
a bar at the top says since when and why, and every field takes no typing (text fields
read-only, choices, numbers and check boxes disabled). The storage refuses every edit of a
closed case anyway (``storage.errors.CaseClosed``); this view says so before anything is
typed. After the office reopens it (``case heropen``), the next window of the case edits
again; one open meanwhile says so.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from inburg_desktop.domain.case_closure import Afsluiting
from inburg_desktop.formatting import reason_text
from inburg_desktop.i18n import _
from inburg_desktop.services.case_closure import closed
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.case_events import ALL_CASES, case_events
from inburg_desktop.ui.notice_bar import NoticeBar
from inburg_desktop.ui.tasks import TaskGroup

_WINDOW_EVENTS = (QEvent.Type.Show, QEvent.Type.LayoutRequest)
_FIELD_EVENTS = (QEvent.Type.EnabledChange, QEvent.Type.ReadOnlyChange)


class ClosedCaseView(QObject):
    """Watches whether ``case_id`` is closed and shows ``window`` accordingly."""

    def __init__(self, window: QWidget, vault: Vault, case_id: str) -> None:
        super().__init__(window)
        self.window = window
        self.vault = vault
        self.case_id = case_id
        self.afsluiting: Afsluiting | None = None
        self.bar: NoticeBar | None = None
        self.watched: set[QWidget] = set()  # the fields whose enabling this view undoes
        self.tasks = TaskGroup(window)
        window.installEventFilter(self)
        case_events().case_changed.connect(self._changed)
        self._read()

    def _read(self) -> None:
        if self.vault.locked:
            return
        vault, own = self.vault, self.case_id
        self.tasks.run(lambda _token: closed(vault, own), self._know, lambda _exc: None)

    def _changed(self, case_id: str) -> None:
        if case_id in (ALL_CASES, self.case_id):
            self._read()

    def _know(self, found: Afsluiting | None) -> None:
        self.afsluiting = found
        if found is None:
            self.restore()
        else:
            self.apply()

    def restore(self) -> None:
        """The office reopened the case while this window showed it closed: the window
        says to open it again. Giving the fields back here could undo what the window
        itself keeps read-only (a set PIP version), so a fresh window decides."""
        if self.bar is None or not self.bar.isVisible():
            return
        self.bar.show_message(
            _(
                "Het kantoor heeft dit dossier heropend. Sluit dit venster en open het "
                "opnieuw om te wijzigen."
            ),
            "warning",
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # a window builds fields later (an intake topic, a form's rows) and may enable
        # them again when it re-reads its case: they too take no typing while it is closed
        if self.afsluiting is not None and (
            (watched is self.window and event.type() in _WINDOW_EVENTS)
            or event.type() in _FIELD_EVENTS
        ):
            QTimer.singleShot(0, self, self.apply)
        return False

    def apply(self) -> None:
        """Show the closed state (a no-op while the case is open)."""
        if self.afsluiting is None:
            return
        self._show_bar(reason_text(self.afsluiting.reason))
        for field in self.window.findChildren(QWidget):
            if field.window() is not self.window:
                continue  # a dialog of its own (a message) keeps working
            if isinstance(field, QLineEdit | QPlainTextEdit | QTextEdit):
                if not field.isReadOnly():
                    field.setReadOnly(True)
            elif _a_choice(field):
                if field.isEnabled():
                    field.setEnabled(False)
            else:
                continue
            if field not in self.watched:
                self.watched.add(field)
                field.installEventFilter(self)

    def _show_bar(self, text: str) -> None:
        if self.bar is None:
            layout = self._top_layout()
            self.bar = NoticeBar(self.window, closable=False)
            self.bar.setObjectName("closed_case")
            if layout is not None:
                layout.insertWidget(0, self.bar)
        if self.bar.text() != text or not self.bar.isVisible():
            self.bar.show_message(text, "warning")

    def _top_layout(self) -> QBoxLayout | None:
        host: QWidget = self.window
        if isinstance(host, QMainWindow) and (central := host.centralWidget()) is not None:
            host = central
        layout = host.layout()
        return layout if isinstance(layout, QBoxLayout) else None


def _a_choice(field: QWidget) -> bool:
    """A field a person chooses in: a list, a number, a date, a check box or radio button
    (not a dialog's own buttons)."""
    if isinstance(field, QComboBox | QAbstractSpinBox):
        return True
    return (
        isinstance(field, QAbstractButton)
        and field.isCheckable()
        and not isinstance(field.parentWidget(), QDialogButtonBox)
    )
