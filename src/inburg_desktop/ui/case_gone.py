"""A window whose case left this laptop closes, with a message, and loses nothing.

When the office takes a case off the consultant's caseload, a sync removes it from the
laptop (data minimisation; its unsent work is set aside first, ``sync.caseload_exit``).
A window still open on that case could go on accepting typing that can never be saved.
:class:`CaseGoneGuard` notices (after every sync and resolution it checks, off the GUI
thread, that the case is still there; a window may also report a save or read that found
no case), sets aside what the window had not saved yet in the same list ("Apart gezet",
``services.quarantine_list``), closes the window and says what happened and where the
edits are, in a message that outlives the window.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from inburg_desktop.counts import count
from inburg_desktop.domain.case_label import case_number
from inburg_desktop.i18n import _
from inburg_desktop.services import quarantine_list
from inburg_desktop.services.errors import NoSuchCase
from inburg_desktop.services.field_labels import field_label
from inburg_desktop.services.intake_progress import ui_catalogue
from inburg_desktop.services.set_aside_text import field_lines
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.case_events import ALL_CASES, case_events
from inburg_desktop.ui.tasks import TaskGroup

# ui.close_guard.closing_for_lock: set on the application while locking closes every
# window, so no window asks then (the key is about to be wiped; a question would keep case data on
# screen).

Unsaved = Callable[[], Mapping[str, Any]]
"""Takes what the window has not saved yet (field key -> value); called once."""

Held = Callable[[], Mapping[str, Any]]
"""What the window last read from the vault (field key -> value), for comparing."""


def gone_text(
    kept: int,
    set_aside_failed: bool = False,
    *,
    case: str,
    held: int = 0,
    lines: Sequence[str] = (),
) -> str:
    """What the message says: which case (``case``: its label, ``domain.case_label``),
    what happened, and where the unsaved edits are: ``lines``, what was typed in words
    (``services.set_aside_text``: "PIP – Taalaanbieder: Taalhuis Leiden"), at most
    :data:`SHOWN_LINES` of them. ``held``: the case's entries under "Apart gezet" now
    (``quarantine_list.set_aside_of_case``); with none, the message does not send the
    consultant there (usability round 4, 94)."""
    text = _(
        "Het dossier {case} staat niet meer op deze laptop: het kantoor heeft het van uw "
        "lijst gehaald (aan een andere consulent gegeven of afgesloten), en bij de "
        "synchronisatie is het van deze laptop verwijderd. Het venster is daarom gesloten."
    ).format(case=case)
    if set_aside_failed:
        return (
            text
            + " "
            + _(
                "Wat u nog typte, kon niet apart worden gezet, omdat de kluis nu niet "
                "beschreven kan worden."
            )
        )
    if kept:
        shown = list(lines[:SHOWN_LINES])
        if len(lines) > SHOWN_LINES:
            shown.append(
                count("en nog {n} gegeven", "en nog {n} gegevens", len(lines) - SHOWN_LINES)
            )
        # one sentence: what was typed, then where it is (usability round 6 #22: "…niet
        # verloren: Wat nog…" put a capital mid-sentence and named no field)
        return (
            text
            + "\n\n"
            + _(
                "Wat u hier nog typte, is niet verloren: het staat onder Synchroniseren › "
                "Apart gezet, waar u het kunt bekijken, exporteren en naar kantoor sturen."
            )
            + ("\n\n" + "\n".join(shown) if shown else "")
        )
    if not held:
        return text + " " + _("Er was niets van dit dossier dat nog naar kantoor moest.")
    return (
        text
        + " "
        + _(
            "Wat nog niet naar kantoor was verstuurd, staat onder Synchroniseren › Apart "
            "gezet; daar kunt u het bekijken, exporteren en naar kantoor sturen."
        )
    )


SHOWN_LINES = 8
"""Fields of the typed work the message names, at most (the list shows them all)."""


class CaseGoneGuard(QObject):
    """Watches one window's case; see the module. ``unsaved`` takes the window's unsaved
    edits, ``label`` says whose case it was (for the list, inside the vault only).
    ``watch``: check after every ``case_changed`` (windows that re-read their case on it
    themselves report :meth:`gone` instead)."""

    closed = Signal(str)  # the message shown

    def __init__(
        self,
        window: QWidget,
        vault: Vault,
        case_id: str,
        *,
        unsaved: Unsaved | None = None,
        label: Callable[[], str] | None = None,
        watch: bool = True,
        held: Held | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.vault = vault
        self.case_id = case_id
        self.unsaved = unsaved or (lambda: {})
        self.held = held or (lambda: {})
        # Whose case, read while it is still here: the message names it once it is gone
        # (usability round 3: "dit dossier" did not say which). The case number alone
        # until the read comes back (or when the case was already gone).
        self.known_label = case_number(case_id)
        self.label_read = False
        self.window_label = label or (lambda: "")
        self.handling = False
        self.message: QMessageBox | None = None
        self.tasks = TaskGroup(window)
        _GUARDS.append(self)
        window.destroyed.connect(partial(_forget, self))
        self._read_label()
        if watch:
            case_events().case_changed.connect(self._changed)
        # every window of a case has this guard: so each shows a closed case read-only
        from inburg_desktop.ui.closed_case import ClosedCaseView

        self.closed_view = ClosedCaseView(window, vault, case_id)

    def _read_label(self) -> None:
        vault, own = self.vault, self.case_id
        self.tasks.run(
            lambda _token: quarantine_list.case_label(vault, own),
            self._know_label,
            lambda _exc: None,  # the vault could not be read now: the number says which
        )

    def _know_label(self, label: str | None) -> None:
        if label is not None:
            self.known_label = label
            self.label_read = True

    def label(self) -> str:
        """The case's label for the message and for 'Apart gezet': as read from the vault
        (name, V-nummer, case number), else the window's own, else the case number."""
        if self.label_read:
            return self.known_label
        return self.window_label() or self.known_label

    @staticmethod
    def is_gone(exc: BaseException) -> bool:
        """Whether a failed read or save means the case is no longer on this laptop."""
        return isinstance(exc, NoSuchCase)

    def _changed(self, case_id: str) -> None:
        if case_id not in (ALL_CASES, self.case_id) or self.handling or self.vault.locked:
            return
        vault, own = self.vault, self.case_id
        self.tasks.run(
            lambda _token: quarantine_list.case_label(vault, own),
            self._still_here,
            lambda _exc: None,  # the vault could not be read now: the next change checks
        )

    def _still_here(self, label: str | None) -> None:
        if label is None:
            self.gone()
        else:
            self._know_label(label)  # a corrected name is the one the message says

    def gone(self) -> None:
        """The case is no longer here: every open window of the case sets aside what it
        has not saved and closes; then one message says so (once per case)."""
        if self.handling:
            return
        _GoneCase.start(self)

    def _set_aside(self, report: Callable[[CaseGoneGuard, _Kept], None]) -> None:
        """Set aside what this window has not saved (off the GUI thread), then
        ``report`` what was kept; called once, by :class:`_GoneCase`."""
        self.handling = True
        patch = dict(self.unsaved())
        earlier = dict(self.held()) if patch else {}
        vault, case_id, label = self.vault, self.case_id, self.label()
        catalogue = ui_catalogue()

        def words(key: str) -> str:
            return _(field_label(key, catalogue))

        def keep(_token: object) -> _Kept:
            kept = quarantine_list.set_aside_unsaved(vault, case_id, label, patch, earlier)
            lines = field_lines(patch, earlier, words, catalogue) if kept else []
            held = quarantine_list.set_aside_of_case(vault, case_id)
            return _Kept(kept, held, tuple(lines))

        self.tasks.run(
            keep,
            lambda kept: report(self, kept),
            # nothing could be written (or read): say so only when there was typing
            lambda _exc: report(self, _Kept(0, 0 if patch else 1, (), failed=bool(patch))),
        )

    def _close(self, text: str) -> None:
        """Close the window without a question (its work is set aside): the message
        ``text`` follows once every window of the case is closed."""
        self.closed.emit(text)
        self.window.close()


@dataclass(frozen=True)
class _Kept:
    """What one window set aside: fields kept, the case's entries under "Apart gezet"
    after it, the kept fields in words, and whether setting aside failed."""

    kept: int
    held: int
    lines: tuple[str, ...]
    failed: bool = False


@dataclass
class _GoneCase:
    """The windows of one case that left this laptop, until all have set aside their
    work: then they close and one message speaks for all of them."""

    guards: list[CaseGoneGuard]
    reports: dict[int, _Kept] = field(default_factory=dict)

    @staticmethod
    def start(first: CaseGoneGuard) -> None:
        key = (id(first.vault), first.case_id)
        if key in _GONE:
            # handled already (a window opened meanwhile): it joins the round
            _GONE[key].join(first)
            return
        guards = [first] + [
            g
            for g in _live_guards(first.vault, first.case_id)
            if g is not first and not g.handling and g.window.isVisible()
        ]
        round_ = _GoneCase(guards)
        _GONE[key] = round_
        for guard in guards:
            guard._set_aside(round_.reported)

    def join(self, guard: CaseGoneGuard) -> None:
        self.guards.append(guard)
        guard._set_aside(self.reported)

    def reported(self, guard: CaseGoneGuard, outcome: _Kept) -> None:
        """One window has set its work aside (``outcome``); once all have, close them and
        say it once."""
        self.reports[id(guard)] = outcome
        if len(self.reports) < len(self.guards):
            return
        first = self.guards[0]
        _GONE.pop((id(first.vault), first.case_id), None)
        found = [self.reports[id(g)] for g in self.guards]
        lines: list[str] = []
        for each in found:
            lines.extend(line for line in each.lines if line not in lines)
        kept = sum(r.kept for r in found)
        failed = any(r.failed for r in found)
        held = max(r.held for r in found)
        text = gone_text(kept, failed, case=first.label(), held=held, lines=lines)
        if kept:
            # the sync window counts and says it in this round (usability round 6 #22:
            # "Apart gezet (0)" until the next sync); once for the case
            case_events().set_aside.emit(first.case_id, len(lines) or kept)
        windows = [g.window for g in self.guards if shiboken6.isValid(g.window)]
        parent = _outside(windows)
        for guard in self.guards:
            if shiboken6.isValid(guard) and shiboken6.isValid(guard.window):
                guard._close(text)
        # The message outlives the windows: its parent is a window that stays (the main
        # window), or none.
        box = QMessageBox(
            QMessageBox.Icon.Information if not failed else QMessageBox.Icon.Warning,
            _("Dossier niet meer op deze laptop"),
            text,
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setObjectName("caseGoneMessage")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for guard in self.guards:
            if shiboken6.isValid(guard):
                guard.message = box
        box.open()


_GONE: dict[tuple[int, str], _GoneCase] = {}
"""The cases whose windows are setting their work aside now, by (vault, case id)."""

_GUARDS: list[CaseGoneGuard] = []
"""Every guard of an open window (a guard leaves the list when its window goes)."""


def _live_guards(vault: Vault, case_id: str) -> list[CaseGoneGuard]:
    return [
        g for g in _GUARDS if shiboken6.isValid(g) and g.vault is vault and g.case_id == case_id
    ]


def _forget(guard: CaseGoneGuard) -> None:
    """The guard's window is gone: out of the list, and a round waiting for its report
    (the window went before its work was set aside) goes on without it."""
    if guard in _GUARDS:
        _GUARDS.remove(guard)
    for round_ in list(_GONE.values()):
        if any(g is guard for g in round_.guards) and id(guard) not in round_.reports:
            round_.reported(guard, _Kept(0, 0, ()))


def _outside(windows: Sequence[QWidget]) -> QWidget | None:
    """The first parent of ``windows`` that is none of them nor inside one of them."""
    for window in windows:
        parent = window.parentWidget()
        while parent is not None and any(parent is w or w.isAncestorOf(parent) for w in windows):
            parent = parent.parentWidget()
        if parent is not None:
            return parent
    return None
