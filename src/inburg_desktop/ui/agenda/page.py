"""The agenda page of the main window: what needs doing across the caseload today, this
week, overdue and later (``services.agenda.agenda_on``), each item with why it is there,
the case, its due day and what was done with it.

Reading runs on the thread pool (``ui.tasks``), so a caseload of thousands never holds
up painting; the page reads again after every committed write to the vault (an edit in
any window, a sync round: ``services.vault_session.on_write``, through the main
window's :meth:`AgendaPage.refresh_soon`), and at midnight, when today becomes another
day. A page that is not shown only notes that it is out of date and reads when it is
shown again.

The keyboard (every action also in the main window's Agenda menu, and in F1):

- Enter opens the case where the item is about (``ui.agenda.open_at``);
- Ctrl+D marks it done, Ctrl+U snoozes it (a reason and the day it comes back),
  Ctrl+G plans it (a day and a time): ``services.agenda.set_item_state``, a case field
  that syncs;
- Ctrl+Z opens again the item the keyboard is on, when it was done, snoozed or planned
  (``services.agenda.clear_item_state``). An item done or snoozed here stays in its
  place, marked, until midnight, so the consultant sees what happened and can undo it;
  one done on an earlier day is no longer on the agenda (``domain.agenda`` hides it).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.counts import count
from inburg_desktop.domain.agenda import GROUP_ORDER, AgendaItem, Done, ItemState, Planned
from inburg_desktop.formatting import agenda_kind_label, format_date
from inburg_desktop.i18n import _
from inburg_desktop.messages import error_text
from inburg_desktop.services.agenda import Agenda, agenda_on, clear_item_state, set_item_state
from inburg_desktop.services.cancel import CancelToken
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.agenda.list_view import AgendaList
from inburg_desktop.ui.agenda.model import ENTRY_ROLE, AgendaModel, Entry, names_for, worded
from inburg_desktop.ui.agenda.open_at import CaseOpener, open_item
from inburg_desktop.ui.agenda.state_dialogs import PlanDialog, SnoozeDialog, _StateDialog
from inburg_desktop.ui.fresh_reads import FreshReads
from inburg_desktop.ui.keys import key_sequence
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.tasks import Task, TaskGroup

MIDNIGHT_SLACK_MS = 1_000
"""The midnight read waits this much past 00:00, so ``date.today()`` is surely the new
day when it runs (a timer may fire a few milliseconds early)."""


def ms_to_midnight(now: datetime) -> int:
    """Milliseconds from ``now`` to the next local midnight, plus the slack."""
    tomorrow = datetime.combine(now.date() + timedelta(days=1), time(0, 0))
    return int((tomorrow - now).total_seconds() * 1000) + MIDNIGHT_SLACK_MS


class AgendaPage(QWidget):
    """The agenda across the caseload; ``loaded`` after each read is shown."""

    loaded = Signal()
    state_changed = Signal(str)  # case id: an item's state was stored or cleared

    def __init__(
        self,
        vault: Vault,
        opener: CaseOpener,
        tasks: TaskGroup,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agendaPage")
        self.vault, self.opener, self.tasks = vault, opener, tasks
        self.today, self.now = today, now
        self.agenda: Agenda | None = None
        self.shown_on: date | None = None
        self._load: Task[tuple[Agenda, list[Entry]]] | None = None
        self._stale = True
        self._queued = False
        # A read that arrived while the page was hidden, put on screen when it is shown.
        self._pending: tuple[Agenda, list[Entry]] | None = None
        # Items done or snoozed here today, by (case id, item key): shown, marked, until
        # midnight, so they can be undone (the agenda itself no longer holds them).
        self._handled: dict[tuple[str, str], Entry] = {}
        self.reads = FreshReads()
        self.dialog: _StateDialog | None = None

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 0)
        self.title = QLabel(_("Agenda laden…"))
        self.title.setObjectName("agendaTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-size:13pt;font-weight:600")
        column.addWidget(self.title)
        self.notice = MessageLabel(self)
        self.notice.setObjectName("agendaNotice")
        column.addWidget(self.notice)
        self.model = AgendaModel()
        self.list = AgendaList()
        self.list.setModel(self.model)
        self.list.setAccessibleName(_("Agenda"))
        self.list.setAccessibleDescription(
            _(
                "Wat er te doen is in alle dossiers, per groep: te laat, vandaag, deze week "
                "en later. Enter opent het dossier op de juiste plek."
            )
        )
        column.addWidget(self.list, 1)
        self.empty = QLabel()
        self.empty.setObjectName("agendaEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color:#555;font-size:12pt;padding:24px")
        self.empty.hide()
        column.addWidget(self.empty)
        self._build_actions()
        buttons = QHBoxLayout()
        for action, name in (
            (self.open_action, "agendaOpen"),
            (self.done_action, "agendaDone"),
            (self.snooze_action, "agendaSnooze"),
            (self.plan_action, "agendaPlan"),
            (self.undo_action, "agendaUndo"),
        ):
            button = QPushButton(action.text().split("\t")[0])
            button.setObjectName(name)
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            action.enabledChanged.connect(button.setEnabled)
            button.setEnabled(action.isEnabled())
            buttons.addWidget(button)
            setattr(self, name + "Button", button)
        buttons.addStretch(1)
        column.addLayout(buttons)

        self.list.activated.connect(self._activated)
        self.list.selectionModel().currentChanged.connect(self._follow_current)
        self._midnight = QTimer(self)
        self._midnight.setSingleShot(True)
        self._midnight.timeout.connect(self.day_changed)
        self._arm_midnight()

    # actions ------------------------------------------------------------------------
    def _build_actions(self) -> None:
        def action(text: str, keys: str | None, slot: Callable[[], None], tip: str) -> QAction:
            made = QAction(text, self)
            if keys is not None:
                made.setShortcut(key_sequence(keys))
                # Only while the agenda is shown and has the keyboard: Ctrl+Z undoes typing
                # in the search field of the case list, Enter goes to the focused button.
                made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.setToolTip(tip)
            made.triggered.connect(slot)
            made.setEnabled(False)
            self.addAction(made)
            return made

        self.open_action = action(
            _("Dossier &openen"), None, self.open_current, _("Open het dossier op de juiste plek")
        )
        # Enter opens the item from the list: the shortcut lives on the list alone, so Enter
        # on a focused button still presses that button (a double click: ``activated``).
        self.open_action.setShortcut(key_sequence("Return"))  # the keypad's: ``activated``
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.removeAction(self.open_action)
        self.list.addAction(self.open_action)
        self.done_action = action(
            _("&Afgehandeld"), "Ctrl+D", self.mark_done, _("Markeer het punt als afgehandeld")
        )
        self.snooze_action = action(
            _("&Uitstellen…"), "Ctrl+U", self.ask_snooze, _("Stel het punt uit, met een reden")
        )
        self.plan_action = action(
            _("&Plannen…"), "Ctrl+G", self.ask_plan, _("Plan het punt op een dag en tijd")
        )
        self.undo_action = action(
            _("Ongedaan &maken"),
            "Ctrl+Z",
            self.undo_current,
            _("Zet het punt weer open (afgehandeld, uitgesteld of gepland ongedaan)"),
        )

    def actions_for_menu(self) -> tuple[QAction, ...]:
        """The item actions, in the order the Agenda menu lists them."""
        return (
            self.open_action,
            self.done_action,
            self.snooze_action,
            self.plan_action,
            self.undo_action,
        )

    def _follow_current(self, *_args: object) -> None:
        entry = self.current_entry()
        has = entry is not None
        self.open_action.setEnabled(has)
        open_item_ = has and entry is not None and entry.state is None
        for action in (self.done_action, self.snooze_action, self.plan_action):
            action.setEnabled(open_item_)
        self.undo_action.setEnabled(
            entry is not None and (entry.state is not None or entry.item.planned_at is not None)
        )

    # reading ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the agenda again now when shown (a read still running is dropped: the
        newest wins); when hidden, only note it for when the page is shown."""
        self._stale = True
        self._pending = None  # a newer read supersedes it
        if not self.isVisible() or self.vault.locked:
            return
        if self._load is not None:
            self._load.cancel()
        vault, on = self.vault, self.today()
        if self.agenda is None:
            self.title.setText(_("Agenda laden…"))
        # shown only when no state was written while it was read (ui.fresh_reads: an old
        # read took back the mark of an item just handled, issue 13)
        self._load = self.tasks.run(
            lambda token: _read(vault, on, token),
            self.reads.read(self._show, self.refresh_soon),
            self._failed,
            name="agenda",
        )

    def refresh_soon(self) -> None:
        """Read once for a burst of writes (an autosave, a sync round's many commits)."""
        if not self._queued:
            self._queued = True
            QTimer.singleShot(0, self, self._queued_refresh)

    def _queued_refresh(self) -> None:
        self._queued = False
        self.refresh()

    def day_changed(self) -> None:
        """Midnight: every item's group is said from today, so read again; the items
        handled yesterday are not kept."""
        self._handled.clear()
        self._arm_midnight()
        self.refresh()

    def _arm_midnight(self) -> None:
        self._midnight.start(ms_to_midnight(self.now()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        pending, self._pending = self._pending, None
        if pending is not None and pending[0].on == self.today():
            self._show(pending)
        elif self._stale or self.shown_on != self.today():
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        """A read still running is stopped: nobody looks at it, and on the worker it
        would share the interpreter lock with the GUI thread while the consultant types
        in the case list (benchmarks/gui_child.py list-app at 10,000 cases, on a loaded
        machine, three runs each: worst keystroke 290-336 ms with the read running on,
        126-140 ms with it stopped). It is read again when shown."""
        super().hideEvent(event)
        if self._load is not None:
            self._load.cancel()
            self._load = None
            self._stale = True

    def _failed(self, exc: BaseException) -> None:
        self._load = None
        self.notice.show_message(
            _("De agenda kon niet worden gelezen: {error}").format(error=error_text(exc)),
            "error",
        )

    def _show(self, read: tuple[Agenda, list[Entry]]) -> None:
        self._load = None
        if not self.isVisible():
            # The consultant went to the case list while the agenda was read: putting
            # thousands of rows on screen now would hold the GUI thread while they type
            # in its search box (measured: keystrokes of 102 and 456 ms at 10,000 cases).
            self._pending = read
            return
        agenda, entries = read
        self._stale = False
        self.agenda, self.shown_on = agenda, agenda.on
        current = self.current_entry()
        row = self.list.currentIndex().row()
        had_focus = self.list.hasFocus()
        if self._handled:
            # An item handled here today stays in its place, marked, so it can be undone;
            # one the vault shows open again (undone by a sync) is shown as the vault has it.
            held = {entry.ident for entry in entries}
            self._handled = {k: v for k, v in self._handled.items() if k not in held}
            entries = sorted([*entries, *self._handled.values()], key=_agenda_order)
        self.model.set_entries(entries)
        self.notice.clear_message()
        self._say_counts(agenda)
        wanted = None if current is None else self.model.row_of(current.ident)
        if wanted is not None:
            self.list.select_row(wanted)
        elif self.model.rowCount():
            self.list.select_row(max(row, 0))
        if had_focus:
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self._follow_current()
        self.loaded.emit()

    def _say_counts(self, agenda: Agenda) -> None:
        # Counted from the rows shown, as the headings count them: the two always agree.
        items = self.model.open_count()
        self.title.setText(
            _("Agenda op {day}: {items}").format(
                day=format_date(agenda.on, style="long"),
                items=count("{n} punt", "{n} punten", items),
            )
        )
        empty = self.model.rowCount() == 0
        self.list.setVisible(not empty)
        self.empty.setVisible(empty)
        if empty:
            self.empty.setText(
                _("Niets op de agenda: er is vandaag en de komende tijd niets te doen.")
                if agenda.cases
                else _("Nog geen dossiers, dus nog niets op de agenda.")
            )

    # the current item ----------------------------------------------------------------
    def current_entry(self) -> Entry | None:
        entry = self.list.currentIndex().data(ENTRY_ROLE)
        return entry if isinstance(entry, Entry) else None

    def focus_list(self) -> None:
        """Put the keyboard in the list, on its current item (else the first)."""
        if self.current_entry() is None and self.model.rowCount():
            self.list.select_row(0)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _back_in_list(self) -> None:
        """After a question: the keyboard back on the item, in the main window (which
        not every platform activates again by itself when a dialog closes)."""
        self.window().activateWindow()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _activated(self, index: QModelIndex) -> None:
        if isinstance(index.data(ENTRY_ROLE), Entry):
            self.open_current()

    def open_current(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            open_item(self.opener, entry.item)

    def _about(self, item: AgendaItem, name: str) -> str:
        return _("{what} — {name}, uiterlijk {day}").format(
            what=agenda_kind_label(item.kind.value), name=name, day=format_date(item.due)
        )

    # states -------------------------------------------------------------------------
    def mark_done(self) -> None:
        entry = self.current_entry()
        if entry is None or entry.state is not None:
            return
        self._store(entry, Done(self.today()))

    def ask_snooze(self) -> None:
        entry = self.current_entry()
        if entry is None or entry.state is not None:
            return
        self._ask(entry, SnoozeDialog(self._about(entry.item, entry.name), self.today(), self))

    def ask_plan(self) -> None:
        entry = self.current_entry()
        if entry is None or entry.state is not None:
            return
        self._ask(entry, PlanDialog(self._about(entry.item, entry.name), self.today(), self))

    def _ask(self, entry: Entry, dialog: _StateDialog) -> None:
        dialog.chosen.connect(lambda state: self._store(entry, state, dialog))
        dialog.finished.connect(lambda _result: self._back_in_list())
        self.dialog = dialog
        dialog.open()

    def _store(self, entry: Entry, state: ItemState, dialog: _StateDialog | None = None) -> None:
        vault, item, on = self.vault, entry.item, self.today()

        def stored(_none: None) -> None:
            if dialog is not None:
                dialog.stored()
            shown = state if not isinstance(state, Planned) else None
            if isinstance(state, Planned):
                # a planned item stays open: it moves to the planned day's group
                self._handled.pop(entry.ident, None)
            else:
                self._handled[entry.ident] = worded(Entry(entry.item, entry.name, shown))
            row = self.model.row_of(entry.ident)
            if row is not None and shown is not None:
                self.model.replace_entry(row, self._handled[entry.ident])
                if self.agenda is not None:
                    self._say_counts(self.agenda)
            self._follow_current()
            self.state_changed.emit(item.case_id)
            self.refresh_soon()

        def failed(exc: BaseException) -> None:
            if dialog is not None:
                dialog.refused(exc)
            else:
                self.notice.show_message(
                    _("Niet vastgelegd: {problem}").format(problem=error_text(exc)), "error"
                )

        written, refused = self.reads.write(stored, failed)
        self.tasks.run(
            lambda _token: set_item_state(vault, item.case_id, item.key, state, on),
            written,
            refused,
            name="agenda-state",
        )

    def undo_current(self) -> None:
        entry = self.current_entry()
        if entry is None or (entry.state is None and entry.item.planned_at is None):
            return
        vault, item = self.vault, entry.item

        def cleared(_changed: bool) -> None:
            self._handled.pop(entry.ident, None)
            row = self.model.row_of(entry.ident)
            if row is not None:
                self.model.replace_entry(row, Entry(entry.item, entry.name, None))
                if self.agenda is not None:
                    self._say_counts(self.agenda)
            self._follow_current()
            self.notice.clear_message()
            self.state_changed.emit(item.case_id)
            self.refresh_soon()

        undone, not_undone = self.reads.write(
            cleared,
            lambda exc: self.notice.show_message(
                _("Niet ongedaan gemaakt: {problem}").format(problem=error_text(exc)), "error"
            ),
        )
        self.tasks.run(
            lambda _token: clear_item_state(vault, item.case_id, item.key),
            undone,
            not_undone,
            name="agenda-undo",
        )


def _read(vault: Vault, on: date, cancel: CancelToken) -> tuple[Agenda, list[Entry]]:
    """The agenda of ``on`` and its items in words (on the worker: ``model.worded``);
    stops with ``Cancelled`` once ``cancel`` is set."""
    agenda = agenda_on(vault, on, cancel=cancel)
    cancel.raise_if_cancelled()
    return agenda, names_for(agenda.items, agenda.names)


def _agenda_order(entry: Entry) -> tuple[int, date, str, str]:
    """The agenda's own order (``domain.agenda.agenda``): group, the day it shows under,
    case, kind; an item handled here keeps the place it had."""
    item = entry.item
    return (GROUP_ORDER[item.group], item.shows_on, item.case_id, item.kind.value)
