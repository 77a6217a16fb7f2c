"""Keeping an open intake window true to the vault while a sync or a conflict resolution
changes the case underneath it.

- On ``case_events().case_changed`` the window's case is read again (off the GUI thread);
  every field the consultant is not editing (no unsaved edit, not the field with the
  keyboard) takes the vault's value in the window's mirror and in the topic shown, and a
  notice says so.
- A field that *is* being edited keeps what the consultant types; its write carries the
  value the field started from, so the service keeps it as a conflict instead of
  overwriting what the sync or resolution brought (``storage.stale_writes``). When that
  happens, :meth:`CaseRefresher.kept_as_conflict` says which fields, in words.
- A field in conflict after a sync keeps showing the consultant's own side (the vault
  holds the other until the choice, ``services.own_conflicts``), marked at the field with
  a link to the conflict view (``ui.conflict_marks``; usability round 7 #13: B's notes
  were replaced by laptop A's). After the choice, the chosen value shows.
- A read that began before one of the window's own writes began or ended is never shown:
  it may hold the case from before that write, and would take back what was just
  recorded (issue 13: a recorded oproep vanished). It is read again (``ui.fresh_reads``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from inburg_desktop.i18n import _
from inburg_desktop.prompts.catalogue import NOTES_FIELD_ID
from inburg_desktop.services import intake_edit, own_conflicts
from inburg_desktop.services.intake_edit import LoadedIntake, StoredCase
from inburg_desktop.services.intake_progress import DISCUSSED, INTAKE_PREFIX, field_key
from inburg_desktop.ui.case_events import ALL_CASES, case_events
from inburg_desktop.ui.conflict_marks import ConflictMarks
from inburg_desktop.ui.fresh_reads import FreshReads

if TYPE_CHECKING:
    from inburg_desktop.ui.intake.window import IntakeWindow


class CaseRefresher(QObject):
    """Listens for changes to the window's case and refreshes what is safe to refresh."""

    def __init__(self, window: IntakeWindow) -> None:
        super().__init__(window)
        self.window = window
        self.refreshes = 0  # how many refreshes were applied (for the window's tests)
        self.own: dict[str, Any] = {}  # field key -> the consultant's side of a conflict
        self.marks = ConflictMarks(window, window.vault, window.case_id)
        self.reads = FreshReads()
        window.autosave.write_marked.connect(self.reads.wrote)
        case_events().case_changed.connect(self._changed)
        window.autosave.conflicted.connect(self.kept_as_conflict)
        window.topic_changed.connect(lambda _topic: self.mark_fields())
        # opened while a conflict is open: its own side shows from the start
        window.loaded.connect(lambda: self._changed(window.case_id))

    def _changed(self, case_id: str) -> None:
        window = self.window
        if case_id not in (ALL_CASES, window.case_id) or window.stored is None:
            return
        if window.vault.locked:
            return
        vault, case_id = window.vault, window.case_id
        # shown only when no write of this window began or ended while it was read
        window.tasks.run(
            lambda _token: (
                intake_edit.open_intake(vault, case_id),
                own_conflicts.own_sides(vault, case_id),
            ),
            self.reads.read(lambda found: self._loaded(*found), lambda: self._changed(case_id)),
            window._load_failed,
        )

    def editing(self) -> set[str]:
        """Keys the consultant is editing: unsaved in the autosave, or the field that has
        the keyboard in the topic shown."""
        window = self.window
        keys = set(window.autosave.pending_keys())
        panel = window.panel
        focused = QApplication.focusWidget()
        if panel is None or focused is None:
            return keys
        editors = dict(panel.editors)
        editors[NOTES_FIELD_ID] = panel.notes
        for field_id, editor in editors.items():
            if editor is focused or editor.isAncestorOf(focused):
                keys.add(field_key(window.topic_id, field_id))
        return keys

    def _loaded(self, result: LoadedIntake, own: dict[str, Any] | None = None) -> None:
        window = self.window
        if window.vault.locked or window.stored is None:
            return
        stored, meta = result.stored, result.meta
        # what the window should show: the vault, with the consultant's own side of each
        # open conflict (the vault holds the other side until the choice)
        own = own or {}
        shown = own_conflicts.shown_values(stored.fields, own)
        new_conflicts = set(own) - set(self.own)
        self.own = dict(own)
        editing = self.editing()
        old = window.fields
        changed = {key for key in set(old) | set(shown) if old.get(key) != shown.get(key)}
        refreshed = changed - editing
        held = changed & editing
        fields = dict(old)
        for key in refreshed:
            if key in shown:
                fields[key] = shown[key]
            else:
                fields.pop(key, None)
        window.fields = fields
        window.meta = {**dict(meta), **{k: v for k, v in window.meta.items() if k in held}}
        window.stored = StoredCase(stored.case, stored.version, dict(fields), stored.server_version)
        window.autosave.seen_version = stored.server_version
        window.show_person(stored)  # the personal data may have been corrected elsewhere
        self._show(refreshed)
        self.mark_fields()
        self.refreshes += 1
        refreshed -= set(own)  # a conflict's own side is no news: it stays as it was
        # a topic's "discussed" moment is bookkeeping, nothing the consultant sees change
        refreshed = {k for k in refreshed if not k.endswith("." + DISCUSSED)}
        if not refreshed and not held and not new_conflicts:
            return
        text = ""
        if refreshed:
            text = _(
                "Dit dossier is bijgewerkt (synchronisatie of een opgelost conflict). "
                "Velden die u niet aan het bewerken was, tonen nu de nieuwe inhoud."
            )
        if new_conflicts:
            text = (text + " " if text else "") + _(
                "Ook elders gewijzigd, dus een conflict: {fields}. Hier blijft uw eigen "
                "waarde staan; kies wat blijft in Conflicten oplossen (de link bij het veld)."
            ).format(fields=", ".join(self.label(k) for k in sorted(new_conflicts)))
        if held:
            text += " " + _(
                "Ook gewijzigd, terwijl u ze bewerkt: {fields}. Wat u daar typt, wordt niet "
                "over de nieuwe inhoud heen opgeslagen maar als conflict bewaard."
            ).format(fields=", ".join(self.label(k) for k in sorted(held)))
        window.notice.show_message(text.strip(), "warning" if new_conflicts else "info")

    def mark_fields(self) -> None:
        """Mark the fields of the topic shown that hold a conflict (and no others)."""
        window = self.window
        panel = window.panel
        editors: dict[str, QWidget] = {}
        if panel is not None:
            shown = dict(panel.editors)
            shown[NOTES_FIELD_ID] = panel.notes
            editors = {field_key(window.topic_id, f): e for f, e in shown.items()}
        self.marks.show(set(self.own), editors)

    def _show(self, keys: set[str]) -> None:
        window = self.window
        panel = window.panel
        if panel is not None:
            prefix = f"{INTAKE_PREFIX}{window.topic_id}."
            for key in keys:
                if not key.startswith(prefix):
                    continue
                field_id = key[len(prefix) :]
                editor = panel.notes if field_id == NOTES_FIELD_ID else panel.editors.get(field_id)
                if editor is not None:
                    editor.set_value(window.fields.get(key))
        window.show_case_status(window.current_stored())
        window._refresh_states()
        window._tab_changed(window.tabs.currentIndex())

    def label(self, key: str) -> str:
        """The label the consultant knows a field by (its key when it is no intake answer)."""
        parts = key.split(".")
        if len(parts) == 3 and parts[0] + "." == INTAKE_PREFIX:
            if parts[2] == NOTES_FIELD_ID:
                topic = self.window.catalogue.topic(parts[1])
                return _("Aantekeningen ({topic})").format(topic=topic.title)
            try:
                return self.window.catalogue.field(parts[1], parts[2]).label
            except KeyError:
                return key
        return key

    def kept_as_conflict(self, keys: object) -> None:
        """Say which edits were kept as conflicts because the case changed underneath."""
        assert isinstance(keys, list)
        self.window.notice.show_message(
            _(
                "Niet overschreven: {fields} is intussen gewijzigd (synchronisatie of een "
                "opgelost conflict). Uw tekst is bewaard als conflict; kies wat blijft via "
                "Synchroniseren → Conflicten oplossen."
            ).format(fields=", ".join(self.label(str(k)) for k in sorted(keys))),
            "error",
        )


def started_values(fields: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """What the window showed for each key of ``patch`` before this edit."""
    return {key: fields.get(key) for key in patch}
