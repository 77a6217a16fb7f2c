"""The intake window never drops typed edits when it closes.

Closing (Ctrl+W, the window's close button, a lock) first writes what is pending. When
that write fails:

- because the case is no longer on this laptop (the office took it off the caseload and a
  sync removed it), the edits are set aside in "Apart gezet" and the window closes with a
  message that says so (``ui.case_gone``); the same happens as soon as a save or a
  refresh finds the case gone, so no typing goes into a window that can never save;
- for any other reason (a full disk, another program holding the vault), the consultant
  is asked the app's one close question (``ui.close_guard``): Opslaan (try the write
  again), Niet opslaan, or Annuleren (stay; the edits stay on screen and pending).

A date typed but not finished (in a topic or under Oproepen en verslagen) cannot be
written at all: the close question is then the one about that date (``ui.close_guard``,
"Terug naar de datum" / "Sluiten zonder deze datum"), never an Opslaan that cannot save.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QCloseEvent

from inburg_desktop.formatting import format_number
from inburg_desktop.i18n import _, ngettext
from inburg_desktop.services.intake_progress import DISCUSSED
from inburg_desktop.ui.case_gone import CaseGoneGuard
from inburg_desktop.ui.close_guard import (
    CloseGuard,
    field_label,
    hidden_place,
    is_locking,
    placed,
    unfinished_dates,
)

DISCUSSED_SUFFIX = "." + DISCUSSED

if TYPE_CHECKING:
    from inburg_desktop.ui.intake.window import IntakeWindow


class IntakeCloseGuard(QObject):
    def __init__(self, window: IntakeWindow) -> None:
        super().__init__(window)
        self.window = window
        self.case_gone = CaseGoneGuard(
            window,
            window.vault,
            window.case_id,
            unsaved=self._unsaved,
            label=self._label,
            watch=False,  # the window re-reads its case on every change (case_refresh)
        )
        self.case_gone.closed.connect(self._closed)
        self._closing = False
        window.autosave.failed.connect(self._save_failed)
        # Written as typed: only what the vault could not take is unsaved.
        self.guard = CloseGuard(
            window,
            self._save_again,
            unsaved=self._unsaved_labels,
            discard=self._discard,
            question=self._question,
            first=lambda: window.oproepen.first_unrecorded(),
        )

    def _unsaved(self) -> dict[str, Any]:
        """What the consultant typed and the vault does not hold; the topic's "discussed"
        moments are the window's bookkeeping, not typed, and are not kept."""
        pending = self.window.autosave.take_pending()
        return {key: value for key, value in pending.items() if not key.endswith(DISCUSSED_SUFFIX)}

    def _label(self) -> str:
        stored = self.window.stored
        if stored is None:
            return ""
        person = stored.case.person
        if person.v_nummer:
            return f"{person.display_name} (V {person.v_nummer})"
        return person.display_name

    def _save_failed(self, error: object) -> None:
        if isinstance(error, BaseException) and CaseGoneGuard.is_gone(error):
            self.case_gone.gone()

    def read_failed(self, error: BaseException) -> bool:
        """A read of the case failed: ``True`` when that is because it is gone (then
        handled here), ``False`` for the window to say what else went wrong."""
        if CaseGoneGuard.is_gone(error):
            self.case_gone.gone()
            return True
        return False

    def _closed(self, _text: str) -> None:
        self._closing = True

    def may_close(self, event: QCloseEvent | None = None) -> bool:
        """Called by the window's close event: whether it may close now (otherwise the
        event is ignored and, when edits could not be written, the question is open)."""
        if self._closing:
            return True
        if self.case_gone.handling:
            return False  # setting the edits aside; the window closes when that is done
        autosave = self.window.autosave
        if self.window.vault.locked:
            return True  # nothing can be written any more
        autosave.flush()
        if self.case_gone.handling:
            # The write found the case gone: its edits are being set aside; the window
            # closes with the message when that is done (at once when there were none).
            return self._closing
        if autosave.busy and autosave.last_error == "NoSuchCase" and not is_locking():
            self.case_gone.gone()
            return self._closing  # closes at once when nothing had to be set aside
        return self.guard.allows_close(event)

    def _has_unsaved(self) -> bool:
        """Pending writes, or a date typed but not usable yet: the autosave cannot take
        it, and closing would drop it unseen."""
        return self.window.autosave.busy or bool(unfinished_dates(self.window))

    def _unsaved_labels(self) -> list[str]:
        """The labels of what :meth:`_has_unsaved` counts, as the topic shows them: each
        pending field, and a date field whose typed text is not a date yet; ``[""]`` for a
        write under way that names no field."""
        # An oproep typed and not recorded is no autosaved answer: named too, with its
        # tab when another is shown.
        place = hidden_place(self.window.oproepen, self.window)
        unrecorded = [placed(label, place) for label in self.window.oproepen.unrecorded_labels()]
        if not self._has_unsaved():
            return unrecorded
        labels = [self._key_label(key) for key in sorted(self.window.autosave.pending_keys())]
        labels += [field_label(field.edit, self.window) for field in unfinished_dates(self.window)]
        labels += [label for label in unrecorded if label not in labels]
        return [label for label in labels if label] or [""]

    def _key_label(self, key: str) -> str:
        """A field key (``intake.<topic>.<field>``) as its label in the catalogue; other
        keys (a topic's own bookkeeping) name no field."""
        parts = key.split(".")
        if len(parts) != 3 or parts[0] != "intake":
            return ""
        catalogue = self.window.catalogue
        try:
            label = catalogue.field(parts[1], parts[2]).label
        except KeyError:
            return ""
        # a topic not shown now is named with it (usability round 8, finding 4)
        shown = parts[1] == self.window.topic_id and self.window.tabs.currentIndex() == 0
        titles = {topic.id: topic.title for topic in catalogue.topics}
        return label if shown else placed(label, titles.get(parts[1], ""))

    def _discard(self) -> None:
        """Niet opslaan: what could not be written is dropped, as the question said."""
        self.window.autosave.take_pending()
        self.window.oproepen.mark_clean()

    def _save_again(self) -> None:
        """Opslaan in the question: record the oproep typed (as "Oproep vastleggen") and
        write what is pending now; close when the vault took it."""
        oproepen = self.window.oproepen
        if oproepen.unrecorded_labels() and not oproepen.record():
            self.guard.save_failed()  # the form says why (a date that is no date)
            return
        self.window.autosave.flush()
        if self._has_unsaved():
            self.guard.save_failed()  # the window's notice (or the date field) says why
        else:
            self.guard.saved()

    def _question(self) -> str:
        """The question about writes the vault did not take (an unfinished date has its
        own question in ``ui.close_guard``)."""
        pending = len(self.window.autosave.pending_keys())
        if not pending:
            return _(
                "De oproep is nog niet vastgelegd. Opslaan legt hem vast; als u het venster "
                "zonder opslaan sluit, gaat wat u invulde verloren."
            )
        return ngettext(
            "Wat u het laatst typte, kon niet worden opgeslagen ({count} gegeven). Als u "
            "het venster nu sluit, gaat dat verloren. Opslaan probeert het nog eens; met "
            "Annuleren blijft u in het venster.",
            "Wat u het laatst typte, kon niet worden opgeslagen ({count} gegevens). Als u "
            "het venster nu sluit, gaat dat verloren. Opslaan probeert het nog eens; met "
            "Annuleren blijft u in het venster.",
            pending,
        ).format(count=format_number(pending))
