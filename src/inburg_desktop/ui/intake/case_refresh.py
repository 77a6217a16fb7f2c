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
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from inburg_desktop.i18n import _
from inburg_desktop.prompts.catalogue import NOTES_FIELD_ID
from inburg_desktop.services import intake_edit
from inburg_desktop.services.intake_edit import LoadedIntake, StoredCase
from inburg_desktop.services.intake_progress import INTAKE_PREFIX, field_key
from inburg_desktop.ui.case_events import ALL_CASES, case_events

if TYPE_CHECKING:
    from inburg_desktop.ui.intake.window import IntakeWindow


class CaseRefresher(QObject):
    """Listens for changes to the window's case and refreshes what is safe to refresh."""

    def __init__(self, window: IntakeWindow) -> None:
        super().__init__(window)
        self.window = window
        self.refreshes = 0  # how many refreshes were applied (for the window's tests)
        case_events().case_changed.connect(self._changed)
        window.autosave.conflicted.connect(self.kept_as_conflict)

    def _changed(self, case_id: str) -> None:
        window = self.window
        if case_id not in (ALL_CASES, window.case_id) or window.stored is None:
            return
        if window.vault.locked:
            return
        vault, case_id = window.vault, window.case_id
        window.tasks.run(
            lambda _token: intake_edit.open_intake(vault, case_id),
            self._loaded,
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

    def _loaded(self, result: LoadedIntake) -> None:
        window = self.window
        if window.vault.locked or window.stored is None:
            return
        stored, meta = result.stored, result.meta
        editing = self.editing()
        old = window.fields
        changed = {
            key for key in set(old) | set(stored.fields) if old.get(key) != stored.fields.get(key)
        }
        refreshed = changed - editing
        held = changed & editing
        fields = dict(old)
        for key in refreshed:
            if key in stored.fields:
                fields[key] = stored.fields[key]
            else:
                fields.pop(key, None)
        window.fields = fields
        window.meta = {**dict(meta), **{k: v for k, v in window.meta.items() if k in held}}
        window.stored = StoredCase(stored.case, stored.version, dict(fields), stored.server_version)
        window.autosave.seen_version = stored.server_version
        window.show_person(stored)  # the personal data may have been corrected elsewhere
        self._show(refreshed)
        self.refreshes += 1
        if not refreshed and not held:
            return
        text = _(
            "Dit dossier is bijgewerkt (synchronisatie of een opgelost conflict). "
            "Velden die u niet aan het bewerken was, tonen nu de nieuwe inhoud."
        )
        if held:
            text += " " + _(
                "Ook gewijzigd, terwijl u ze bewerkt: {fields}. Wat u daar typt, wordt niet "
                "over de nieuwe inhoud heen opgeslagen maar als conflict bewaard."
            ).format(fields=", ".join(self.label(k) for k in sorted(held)))
        window.notice.show_message(text, "info")

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
