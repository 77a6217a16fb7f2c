"""The case list as a Qt table model, plus the filter that the search box drives."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from inburg_desktop.counts import count
from inburg_desktop.domain.deadlines import DERDE_WEEKS
from inburg_desktop.domain.search_fold import fold, matches, search_words
from inburg_desktop.formatting import doelgroep_label, format_date, format_number
from inburg_desktop.i18n import _
from inburg_desktop.services.case_list import CaseListRow

AnyIndex = QModelIndex | QPersistentModelIndex

COL_NAME, COL_DOELGROEP, COL_BRP, COL_PIP_DEADLINE, COL_INTAKE = range(5)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
BADGE_ROLE = Qt.ItemDataRole.UserRole + 4

BADGE_COLOURS = {"due_soon": "#fff3cd", "overdue": "#f8d7da"}
WIDTH_DATES = tuple(date(2028, month, 28) for month in range(1, 13))
"""A date in each month, for the widest a date column can show (month names differ)."""

# Sort keys that are strings, never a tuple per row: at 10,000 rows the tuples' allocations
# set off a full garbage collection of the whole heap (100 ms and more) during the load.
_ID = attrgetter("id")
_FAMILY_NAME = attrgetter("family_name")

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ANSWERED = frozenset(
    {
        _DISPLAY,
        _BACKGROUND,
        _TOOLTIP,
        int(ROW_ROLE),
        int(SORT_ROLE),
        int(SEARCH_ROLE),
        int(BADGE_ROLE),
    }
)


def badge_text(row: CaseListRow) -> str | None:
    """The urgency beside a PIP deadline, said from today: "te laat" after the day,
    "vandaag" on it, "morgen" the day before, "binnen 2 weken" from 2 up to 14 days
    before (``domain.deadlines.pip_deadline_status``: due soon from 14 days before up to
    and including the day itself); nothing earlier, or without a running deadline."""
    if row.deadline_state == "overdue":
        return _("te laat")
    if row.deadline_state != "due_soon":
        return None
    if row.days_left == 0:
        return _("vandaag")
    if row.days_left == 1:
        return _("morgen")
    return _("binnen 2 weken")


class CaseTableModel(QAbstractTableModel):
    """The rows of the case list, kept in the order the consultant sorted them.

    The model sorts itself (:meth:`sort`, on sort keys computed once per row), so the
    proxy in front of it only filters: a proxy that sorts calls back into Python for
    every comparison, and again for every row a cleared search brings back.
    ``generation`` counts the changes of rows or order (the filter's cache follows it).
    """

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[CaseListRow] = []
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._shown: dict[tuple[str, int], str] = {}  # display text by (case id, column)
        self.generation = 0

    def headers(self) -> list[str]:
        return [_("Naam"), _("Doelgroep"), _("BRP-inschrijving"), _("PIP uiterlijk"), _("Intake")]

    def set_rows(self, rows: list[CaseListRow]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(rows)
        self._shown.clear()
        self.generation += 1
        self.endResetModel()

    def update_rows(self, rows: list[CaseListRow], gone: set[str] | frozenset[str]) -> None:
        """Replace the rows of the cases in ``rows`` (add those not shown yet) and remove
        the rows of ``gone``: a reload of what a write changed, where :meth:`set_rows`
        would reset the whole list (the view's selection and scroll position stay)."""
        fresh = {row.id: row for row in rows}
        fresh_ids = set(fresh)
        gone = set(gone) - fresh_ids
        if not fresh and not gone:
            return
        self.layoutAboutToBeChanged.emit()
        old = self._rows
        kept = [fresh.pop(row.id, row) for row in old if row.id not in gone]
        new_rows = self._sorted([*kept, *fresh.values()])
        where = {row.id: n for n, row in enumerate(new_rows)}
        before = self.persistentIndexList()
        after = []
        for index in before:
            moved = where.get(old[index.row()].id) if index.row() < len(old) else None
            after.append(
                QModelIndex() if moved is None else self.createIndex(moved, index.column())
            )
        self._rows = new_rows
        changed = fresh_ids | gone
        self._shown = {key: text for key, text in self._shown.items() if key[0] not in changed}
        self.generation += 1
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def row_ids(self) -> list[str]:
        """The case id of every row, in the model's order."""
        return [row.id for row in self._rows]

    def search_texts(self) -> list[str]:
        """Every row's folded search text (computed when the row was loaded), in order."""
        return [row.search_text for row in self._rows]

    def row_at(self, source_row: int) -> CaseListRow:
        return self._rows[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by ``column`` (by :meth:`_sort_key`, ties by name, then id)."""
        self._sort_column, self._sort_order = column, order
        if not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[index.row()].id for index in before]
        self._rows = self._sorted(self._rows)
        where = {row.id: n for n, row in enumerate(self._rows)}
        after = [
            self.createIndex(where[case_id], index.column())
            for case_id, index in zip(ids, before, strict=True)
        ]
        self.generation += 1
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _sorted(self, rows: list[CaseListRow]) -> list[CaseListRow]:
        if self._sort_column < 0:
            return list(rows)
        column = self._sort_column
        # Ties keep the order the vault lists cases in (family name, then id), whatever
        # order the rows came in (two stable sorts: id, then family name); then a stable
        # sort on a key computed once per row (a sorting proxy computes it twice per
        # comparison).
        by_name = sorted(rows, key=_ID)
        by_name.sort(key=_FAMILY_NAME)
        return sorted(
            by_name,
            key=lambda row: self._sort_key(row, column),
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks every cell for a dozen roles (font, alignment, size hint, ...),
        # also to size its columns: those this model has no answer for return at once.
        if role not in _ANSWERED or not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == ROW_ROLE:
            return row
        if role == SEARCH_ROLE:
            return row.search_text
        if role == BADGE_ROLE:
            return badge_text(row) if col == COL_PIP_DEADLINE else None
        if role == _DISPLAY:
            # Worked out once per row and column (dates through CLDR are not cheap), not
            # at every paint and every column fit.
            key = (row.id, col)
            text = self._shown.get(key)
            if text is None:
                text = self._shown[key] = display_text(row, col)
            return text
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == _BACKGROUND and col == COL_PIP_DEADLINE:
            colour = BADGE_COLOURS.get(row.deadline_state)
            return QBrush(QColor(colour)) if colour else None
        if role == _TOOLTIP:
            return self._tooltip(row, col)
        return None

    def _tooltip(self, row: CaseListRow, col: int) -> str | None:
        if col == COL_DOELGROEP and row.plicht_notes:
            return "\n".join(f"• {note}" for note in row.plicht_notes)
        if col != COL_PIP_DEADLINE or row.deadline_state == "done":
            return None
        if row.deadline_state == "niet_plichtig":
            return _(
                "Volgens de vastgelegde gegevens niet inburgeringsplichtig: er loopt geen "
                "termijn voor het PIP (Besluit art. 5.3, Wet art. 15)."
            )
        if row.pip_deadline is None:
            return count(
                "Het PIP wacht op informatie van een derde: vaststellen binnen {n} week "
                "na ontvangst (Besluit art. 5.3 lid 2).",
                "Het PIP wacht op informatie van een derde: vaststellen binnen {n} weken "
                "na ontvangst (Besluit art. 5.3 lid 2).",
                DERDE_WEEKS,
            )
        if row.pip_deadline_provisional:
            return _(
                "Voorlopig: de kennisgeving van DUO is nog niet bekend; gerekend vanaf de "
                "BRP-inschrijving (Besluit art. 5.3 lid 1)."
            )
        return _("Het PIP uiterlijk op deze dag vaststellen (Besluit art. 5.3).")

    def _sort_key(self, row: CaseListRow, col: int) -> Any:
        if col == COL_NAME:
            return fold(f"{row.family_name} {row.given_names}")
        if col == COL_DOELGROEP:
            return row.doelgroep
        if col == COL_BRP:
            return row.brp_registration.isoformat()
        if col == COL_PIP_DEADLINE:
            return row.pip_deadline.isoformat() if row.pip_deadline else "9999"
        return row.topics_covered


def display_text(row: CaseListRow, col: int) -> str:
    """What the cell of ``row`` in column ``col`` shows."""
    if col == COL_NAME:
        # The case's gemeente beside the name when the consultant works for several
        # (issue 16 item 5; ``services.case_list`` leaves it empty otherwise).
        if row.gemeente_naam:
            return f"{row.list_name} · {row.gemeente_naam}"
        return row.list_name
    if col == COL_DOELGROEP:
        label = doelgroep_label(row.doelgroep)
        if not row.plichtig:
            label += " · " + _("niet plichtig?")
        return f"{label}  ⚠" if row.plicht_notes else label
    if col == COL_BRP:
        return format_date(row.brp_registration)
    if col == COL_PIP_DEADLINE:
        if row.deadline_state == "done":
            return _("PIP vastgesteld")
        if row.deadline_state == "niet_plichtig":
            return _("geen (niet plichtig)")
        if row.pip_deadline is None:
            return _("wacht op derde")
        text = format_date(row.pip_deadline)
        if row.pip_deadline_provisional:
            text += " " + _("(voorlopig)")
        badge = badge_text(row)
        return f"{text}  ● {badge}" if badge else text
    return count(
        "{covered} van {n} onderwerp",
        "{covered} van {n} onderwerpen",
        row.topics_total,
        covered=format_number(row.topics_covered),
    )


class CaseFilterModel(QSortFilterProxyModel):
    """Filters on every word typed, folded like the rows' search text
    (``domain.search_fold``: accents, letters such as Ł or ø, case and punctuation).

    Only filters: sorting is the source model's (:meth:`sort` hands it on). Which rows
    match is worked out once per query over the rows' search texts (folded when the rows
    were loaded), so Qt's call per row is a look-up; a query that only narrows the last
    one (a letter typed at the end) checks only the rows that matched it.
    """

    def __init__(self) -> None:
        super().__init__()
        self._words: list[str] = []
        self._name_form: tuple[list[str], list[str]] | None = None
        self._query: tuple[tuple[str, ...], object] = ((), None)  # words, name form
        self._accepted: list[bool] = []
        self._accepted_gen = -1  # the source's generation and the query that
        self._accepted_query: tuple[tuple[str, ...], object] | None = None  # _accepted is for
        self.setSortRole(SORT_ROLE)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's: the view's header and ``sortByColumn`` land here."""
        source = self.sourceModel()
        if isinstance(source, CaseTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)

    def set_query(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            self._set_words(text)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._set_words(text)
            self.invalidateRowsFilter()

    def _set_words(self, text: str) -> None:
        self.set_query_text(text)
        self._words = search_words(text)
        self._query = (tuple(self._words), self._name_form_key())

    def set_query_text(self, text: str) -> None:
        """Remember the query as typed: "Achternaam, Voornaam" is the list's own form."""
        family, comma, given = text.partition(",")
        self._name_form = (search_words(family), search_words(given)) if comma else None

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._words:
            return True
        source = self.sourceModel()
        if not isinstance(source, CaseTableModel):
            return self._accepts(source.data(source.index(source_row, 0), ROW_ROLE))
        if self._accepted_gen != source.generation or self._accepted_query != self._query:
            self._accepted = self._match_all(source)
            self._accepted_gen, self._accepted_query = source.generation, self._query
        return self._accepted[source_row]

    def _name_form_key(self) -> object:
        if self._name_form is None:
            return None
        family, given = self._name_form
        return (tuple(family), tuple(given))

    def _match_all(self, source: CaseTableModel) -> list[bool]:
        """Whether each source row matches the query, in the source's order."""
        if self._name_form is not None:
            return [self._accepts(source.row_at(n)) for n in range(source.rowCount())]
        words = self._words
        texts = source.search_texts()
        last = self._accepted_query
        if (
            last is not None
            and self._accepted_gen == source.generation
            and last[1] is None
            and len(self._accepted) == len(texts)
            and narrows(list(last[0]), words)
        ):
            # Every row the new query matches matched the last one: check only those.
            return [
                was and matches(words, text)
                for was, text in zip(self._accepted, texts, strict=False)
            ]
        return [matches(words, text) for text in texts]

    def _accepts(self, row: CaseListRow) -> bool:
        if self._name_form is not None:
            # Typed as the list shows a name ("Haddad, A"): the part before the comma
            # begins the family name, the part after it the given names.
            family_words, given_words = self._name_form
            return matches(family_words, fold(row.family_name)) and matches(
                given_words, fold(row.given_names)
            )
        return matches(self._words, row.search_text)

    @property
    def filtering(self) -> bool:
        """Whether a query is hiding rows that do not match it."""
        return bool(self._words)


def narrows(before: list[str], after: list[str]) -> bool:
    """Whether every text that ``after`` matches is matched by ``before`` too
    (``domain.search_fold.matches``): each word of ``before`` begins a word of ``after``."""
    return all(any(new.startswith(old) for new in after) for old in before)


def width_texts(rows: list[CaseListRow]) -> dict[int, set[str]]:
    """Per column but the name, the widest texts its cells can show for the kinds of
    rows held, for fixed column widths (a column sized to its contents asks every
    cell of a large list at each fit). A kind is what decides a cell's words (the
    doelgroep, plicht and notes; the deadline's state, provisional and urgency; the
    intake's count of digits and total); a date column tries a date in every month.
    One pass over the rows, reading fields only; a few dozen texts formatted."""
    doelgroep: dict[tuple[Any, ...], CaseListRow] = {}
    deadline: dict[tuple[Any, ...], CaseListRow] = {}
    intake: dict[tuple[Any, ...], CaseListRow] = {}
    for row in rows:
        doelgroep.setdefault((row.doelgroep, row.plichtig, bool(row.plicht_notes)), row)
        deadline.setdefault(
            (
                row.deadline_state,
                row.pip_deadline is None,
                row.pip_deadline_provisional,
                row.days_left if row.days_left in (0, 1) else None,
            ),
            row,
        )
        intake.setdefault((len(str(row.topics_covered)), row.topics_total), row)
    texts: dict[int, set[str]] = {col: set() for col in range(1, 5)}
    texts[COL_DOELGROEP] = {display_text(row, COL_DOELGROEP) for row in doelgroep.values()}
    first = next(iter(rows), None)
    if first is not None:
        texts[COL_BRP] = {
            display_text(replace(first, brp_registration=day), COL_BRP) for day in WIDTH_DATES
        }
    for row in deadline.values():
        days = (
            [row]
            if row.pip_deadline is None
            else [replace(row, pip_deadline=day) for day in WIDTH_DATES]
        )
        texts[COL_PIP_DEADLINE] |= {display_text(r, COL_PIP_DEADLINE) for r in days}
    for row in intake.values():
        widest = replace(row, topics_covered=int("9" * len(str(row.topics_covered))))
        texts[COL_INTAKE].add(display_text(widest, COL_INTAKE))
    return texts
