"""Opening a case at the place an agenda item is about (``AgendaItem.target``, the stable
codes of ``domain.agenda.TARGETS`` that ``inburg agenda --json`` gives too), through the
ways the app already opens them: the PIP editor by ``ui.pip.open_pip_editor`` (the one
open is raised), the intake by the case list's ``case_opened`` (the app raises the one
open), Dossiergegevens, the conflict view and Apart gezet by the case list's own
actions (one of each, ``ui.single_window``).

=================  ==========================================  =========================
target             window                                      keyboard in
=================  ==========================================  =========================
pip                PIP editor, tab Besluit                     the leerroute; on a PIP in
                                                               force (read-only) the
                                                               button "Wijziging
                                                               voorbereiden"
pip.ontzorgen      PIP editor, tab Besluit, scrolled to        "Ontzorgen vastleggen"; on
                   "Bijstand en ontzorgen"                     a PIP in force as above
intake.oproepen    intake, tab "Oproepen en verslagen"         the date of a new oproep
intake             intake, tab Gesprek                         the topic map
voortgang          the voortgangsgesprek window (raised when   where the window puts it
                   open, ``ui.voortgang.open_talk_window``)
progress.ontzorgen the Voortgang window (``ui.progress``),     the art. 57 decision's
                   tab "Ontzorgen en nazorg"                   date
progress.nazorg    the same tab                                the nazorg contact's date
sync.conflicts     Conflicten oplossen, the case's first       the list of conflicts
                   conflict chosen
sync.set_aside     Apart gezet, the case's newest record       the list
                   chosen
dossier            Dossiergegevens                             its first field (the
                                                               residence basis)
=================  ==========================================  =========================

**What the item knows is filled in** (usability round 7, finding 2: Enter on an oproep
planned for 2 December opened the Oproepen tab with today as "Datum van de afspraak"):

- an oproep to send (``oproep_send``, ``oproep_new``, ``oproep_warning``) that is
  planned: the planned day as "Datum van de afspraak" (an oproep holds a day, no time:
  the planned time stays on the agenda); ``oproep_warning`` ticks "Schriftelijke
  waarschuwing verstuurd", since that oproep is the one with the warning (Wet art. 14
  lid 2). The consultant still records it with "Oproep vastleggen".
- a voortgangsgesprek planned on a day up to today: that day as "Gehouden op" (a day
  still to come is left at today: a talk cannot be recorded as held in the future).
- the others hold nothing to fill: a deadline, a window, a count of sync records.
  ``oproep_outcome`` is about an oproep already recorded; the Oproepen tab records new
  oproepen only, so its date is not put in the form (it would record a second oproep).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QApplication, QListWidget, QWidget

from inburg_desktop.domain.agenda import AgendaItem, AgendaKind
from inburg_desktop.services.vault_session import Vault


class CaseOpener(Protocol):
    """What the case list offers to open a case (``ui.main_window.MainWindow``)."""

    vault: Vault

    def open_intake_of(self, case_id: str) -> None: ...

    def open_details_of(self, case_id: str) -> QWidget: ...

    def open_conflicts(self) -> None: ...

    def open_quarantine(self) -> None: ...

    @property
    def conflict_view(self) -> QWidget | None: ...

    @property
    def quarantine_view(self) -> QWidget | None: ...


def once(signal: SignalInstance, then: Callable[[], None]) -> None:
    """Call ``then`` at the next emission of ``signal`` only (a window's own signal: the
    connection ends with the window if it never comes)."""

    def fire(*_args: object) -> None:
        with contextlib.suppress(RuntimeError):  # emitted twice in one go: already gone
            signal.disconnect(fire)
        then()

    signal.connect(fire)


def open_item(host: CaseOpener, item: AgendaItem) -> None:
    """Open the case of ``item`` where it is about (module docstring); the window comes
    to the front and the keyboard is put at the place once the window has loaded."""
    target, case_id = item.target, item.case_id
    if target in ("pip", "pip.ontzorgen"):
        _open_pip(host, case_id, ontzorgen=target == "pip.ontzorgen")
    elif target in ("intake", "intake.oproepen"):
        _open_intake(host, item, oproepen=target == "intake.oproepen")
    elif target == "voortgang":
        from inburg_desktop.ui.voortgang import open_talk_window  # on first use

        window = open_talk_window(host.vault, case_id)
        if item.planned_at is not None:
            window.suggest_held_on(item.planned_at.date())
    elif target in ("progress.ontzorgen", "progress.nazorg"):
        from inburg_desktop.ui.progress import open_progress  # on first use

        open_progress(host.vault, case_id, place=target.partition(".")[2])
    elif target == "sync.conflicts":
        from inburg_desktop.ui.conflict_view import ROLE as CONFLICT_ROLE

        host.open_conflicts()
        _choose_when_loaded(host.conflict_view, case_id, CONFLICT_ROLE)
    elif target == "sync.set_aside":
        host.open_quarantine()  # imports the view (and the transport) on first use
        from inburg_desktop.ui.quarantine_view import ROLE as QUARANTINE_ROLE

        _choose_when_loaded(host.quarantine_view, case_id, QUARANTINE_ROLE)
    else:
        dialog = host.open_details_of(case_id)
        first = getattr(dialog, "basis", None)  # the residence basis: its first field
        if isinstance(first, QWidget):
            first.setFocus(Qt.FocusReason.OtherFocusReason)


def _open_pip(host: CaseOpener, case_id: str, *, ontzorgen: bool) -> None:
    from inburg_desktop.ui.pip import open_pip_editor  # the PDF stack: on first use

    editor = open_pip_editor(host.vault, case_id)

    def place() -> None:
        form = editor.form
        editor.tabs.setCurrentWidget(form)
        field = form.ontzorgen_on if ontzorgen else form.route
        form.ensureWidgetVisible(field)
        if field.isEnabled():
            field.setFocus(Qt.FocusReason.OtherFocusReason)
        elif editor.amend_button.isEnabled() and editor.amend_button.isVisible():
            # A PIP in force is read-only: a change starts as an amendment.
            editor.amend_button.setFocus(Qt.FocusReason.OtherFocusReason)

    if editor.context is None:
        once(editor.loaded, place)
    else:
        place()


# The oproep items whose oproep is still to be sent: the form on the Oproepen tab is
# where it is recorded, so a planned day is its date (module docstring).
_OPROEP_TO_SEND = frozenset(
    {AgendaKind.OPROEP_SEND, AgendaKind.OPROEP_NEW, AgendaKind.OPROEP_WARNING}
)


def _open_intake(host: CaseOpener, item: AgendaItem, *, oproepen: bool) -> None:
    from inburg_desktop.ui.intake.window import TAB_OPROEPEN, IntakeWindow

    case_id = item.case_id
    host.open_intake_of(case_id)
    window = next(
        (
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, IntakeWindow) and w.case_id == case_id and w.isVisible()
        ),
        None,
    )
    if window is None or not oproepen:
        return

    def place() -> None:
        window.tabs.setCurrentIndex(TAB_OPROEPEN)
        panel = window.oproepen
        if item.kind in _OPROEP_TO_SEND:
            if item.planned_at is not None:
                panel.date.set_value(item.planned_at.date())
            if item.kind is AgendaKind.OPROEP_WARNING:
                panel.warning.setChecked(True)
            panel.mark_clean()  # filled in from the agenda, nothing typed yet
        panel.date.setFocus(Qt.FocusReason.OtherFocusReason)

    if window.stored is None:
        once(window.loaded, place)
    else:
        place()


def _choose_when_loaded(view: QWidget | None, case_id: str, role: int) -> None:
    """Choose the case's first entry in a sync list (conflicts, set aside) once the
    view has read it, and put the keyboard in the list."""
    if view is None:
        return
    items = getattr(view, "items", None)
    loaded = getattr(view, "loaded", None)
    if not isinstance(items, QListWidget) or loaded is None:
        return

    def choose() -> None:
        for row in range(items.count()):
            entry = items.item(row).data(role)
            if getattr(entry, "case_id", None) == case_id:
                items.setCurrentRow(row)
                break
        items.setFocus(Qt.FocusReason.OtherFocusReason)

    once(loaded, choose)
