"""The agenda's rows for a list view: a heading per group (Te laat, Vandaag, Deze week,
Later) followed by its items, each in words: its day, what to do, the case's name, why
(the rule and its article, ``formatting.reason_text``) and what the consultant did
with it.

The rows are plain data (:class:`Heading`, :class:`Entry`) the model turns into the
roles a view and a screen reader ask for; :data:`ENTRY_ROLE` gives a row's
:class:`Entry` (``None`` for a heading).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from inburg_desktop.counts import count
from inburg_desktop.domain.agenda import GROUP_ORDER, AgendaItem, Groep, ItemState, Planned
from inburg_desktop.formatting import (
    agenda_group_label,
    agenda_kind_label,
    format_date,
    format_number,
    format_time,
    reason_text,
)
from inburg_desktop.i18n import _
from inburg_desktop.services.agenda_state import state_text, stored_value

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
HEADING_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Heading:
    """A group's heading with the number of its open items: an item done or snoozed here
    today (still shown, marked, so it can be undone) is not counted, as the page's header
    does not count it (usability round 6 finding 1: "Te laat (10)" under "11 punten")."""

    group: Groep
    count: int


@dataclass(frozen=True)
class Entry:
    """One item as the agenda shows it: ``name`` is the case's as the case list shows it;
    ``state`` what the consultant did with it here today (done or snoozed: it stays in its
    place, so it can be undone), or ``None``; ``text`` and ``spoken`` its words
    (:func:`entry_text`, :func:`accessible_text`), worked out once, off the GUI thread
    for a whole read (:func:`worded`): dates and reasons in words cost too much to work
    out at every paint and size of thousands of rows."""

    item: AgendaItem
    name: str
    state: ItemState | None = None
    text: str = field(default="", compare=False)
    spoken: str = field(default="", compare=False)

    @property
    def ident(self) -> tuple[str, str]:
        """The item's identity across reloads: its case and key."""
        return (self.item.case_id, self.item.key)


def worded(entry: Entry) -> Entry:
    """``entry`` with its words worked out (in the UI language now in force)."""
    return replace(entry, text=entry_text(entry), spoken=accessible_text(entry))


Row = Heading | Entry


def rows_of(entries: Sequence[Entry]) -> list[Row]:
    """``entries`` under their group's heading, in the groups' order (empty groups are
    left out); within a group the entries keep their order. A heading counts the open
    entries of its group (:func:`is_open`)."""
    by_group: dict[Groep, list[Entry]] = {}
    for entry in entries:
        by_group.setdefault(entry.item.group, []).append(entry)
    rows: list[Row] = []
    for group in sorted(by_group, key=GROUP_ORDER.__getitem__):
        rows.append(Heading(group, sum(is_open(e) for e in by_group[group])))
        rows.extend(by_group[group])
    return rows


def is_open(entry: Entry) -> bool:
    """Whether ``entry`` still asks for work: not done or snoozed here (a planned item
    stays open: it is on the agenda at its planned day)."""
    return entry.state is None


def heading_text(heading: Heading) -> str:
    """ "Te laat (3)"."""
    return f"{agenda_group_label(heading.group.value)} ({format_number(heading.count)})"


def day_text(item: AgendaItem) -> str:
    """The day an item is due, with how many days late it is when overdue ("uiterlijk
    11 okt 2026, 50 dagen te laat"), and for a planned one the planned day and time
    beside it: a plan never hides a passed deadline (usability round 7, finding 2)."""
    due = _("uiterlijk {day}").format(day=format_date(item.due))
    if item.days_late:
        due = _("{due}, {late}").format(
            due=due, late=count("{n} dag te laat", "{n} dagen te laat", item.days_late)
        )
    if item.planned_at is None:
        return due
    planned = _("gepland {day} om {time}").format(
        day=format_date(item.planned_at.date()), time=format_time(item.planned_at)
    )
    return f"{planned} · {due}"


def state_words(entry: Entry) -> str | None:
    """What the consultant did with the item, in words; ``None`` when nothing."""
    if entry.state is not None:
        return state_text(stored_value(entry.state))
    if entry.item.planned_at is not None:
        return state_text(stored_value(Planned(entry.item.planned_at)))
    return None


def entry_text(entry: Entry) -> str:
    """The lines an item shows: what and whose, when, why; and what was done with it."""
    item = entry.item
    lines = [
        f"{agenda_kind_label(item.kind.value)} — {entry.name}",
        day_text(item),
        reason_text(item.reason),
    ]
    done = state_words(entry)
    if done is not None and entry.state is not None:
        lines.append(_("{state} (Ctrl+Z maakt ongedaan)").format(state=done))
    return "\n".join(lines)


def accessible_text(entry: Entry) -> str:
    """The item as one sentence for a screen reader (its lines joined, the group said)."""
    group = agenda_group_label(entry.item.group.value)
    return f"{group}: " + ". ".join(entry_text(entry).split("\n"))


class AgendaModel(QAbstractListModel):
    """The agenda's rows (:func:`rows_of`); headings are enabled but not selectable, so
    the keyboard's selection is always an item."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Row] = []

    def set_entries(self, entries: Sequence[Entry]) -> None:
        self.beginResetModel()
        self._rows = rows_of(entries)
        self.endResetModel()

    def entries(self) -> list[Entry]:
        return [row for row in self._rows if isinstance(row, Entry)]

    def row_of(self, ident: tuple[str, str]) -> int | None:
        """The row of the item ``ident`` (case id, item key), if shown."""
        for number, row in enumerate(self._rows):
            if isinstance(row, Entry) and row.ident == ident:
                return number
        return None

    def replace_entry(self, number: int, entry: Entry) -> None:
        """Show ``entry`` in row ``number`` (an item's state changed: updated in place);
        its group's heading counts again."""
        self._rows[number] = worded(entry)
        index = self.index(number, 0)
        self.dataChanged.emit(index, index)
        heading_row = max(
            (n for n in range(number) if isinstance(self._rows[n], Heading)), default=None
        )
        if heading_row is None:
            return
        group = entry.item.group
        counted = sum(
            is_open(row) for row in self._rows if isinstance(row, Entry) and row.item.group is group
        )
        self._rows[heading_row] = Heading(group, counted)
        top = self.index(heading_row, 0)
        self.dataChanged.emit(top, top)

    def open_count(self) -> int:
        """The open entries shown (:func:`is_open`): what the page's header counts."""
        return sum(is_open(row) for row in self._rows if isinstance(row, Entry))

    def is_heading(self, number: int) -> bool:
        return 0 <= number < len(self._rows) and isinstance(self._rows[number], Heading)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], Heading):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if isinstance(row, Heading):
            return _heading_data(row, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text or entry_text(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return row.spoken or accessible_text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return None
        if role == Qt.ItemDataRole.ForegroundRole and row.state is not None:
            return QColor("#4b5563")  # handled: still readable (contrast above 4.5:1)
        if role == ENTRY_ROLE:
            return row
        return None


def _heading_data(heading: Heading, role: int) -> object:
    if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
        return heading_text(heading)
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        return font
    if role == Qt.ItemDataRole.ForegroundRole and heading.group is Groep.OVERDUE:
        return QColor("#b91c1c")
    if role == HEADING_ROLE:
        return heading
    return None


def names_for(items: Sequence[AgendaItem], names: Mapping[str, str]) -> list[Entry]:
    """Entries of ``items``, worded (:func:`worded`), named as the case list names their
    cases (a case whose name is not known, as a race with a sync can leave, is named by
    its number)."""
    unknown = _("dossier {number}")
    return [
        worded(Entry(item, names.get(item.case_id) or unknown.format(number=item.case_id[:8])))
        for item in items
    ]
