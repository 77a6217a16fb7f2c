"""Telling open windows that a case changed underneath them, and views of all cases that
the vault was written.

A sync or a conflict resolution writes to cases that may be open in a window (the
intake, the PIP editor, a dialog). They announce it here; windows that hold a snapshot of
a case listen and refresh the fields the consultant is not editing, with a notice (their
writes are guarded too: ``storage.stale_writes``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

ALL_CASES = ""
"""The ``case_changed`` argument after a sync: any case may have changed."""


class CaseEvents(QObject):
    case_changed = Signal(str)  # case id, or ALL_CASES
    """Emitted on the GUI thread after the change is committed to the vault."""

    vault_written = Signal()
    """Some transaction committed a write to the open vault: any window's edit, an
    import, a sync (``services.vault_session.on_write``). May be emitted from the worker
    thread that committed; receivers in the GUI thread get it queued. Views that show
    many cases (the case list) reload on it; windows of one case listen to
    ``case_changed``, which says the change came from elsewhere."""

    set_aside = Signal(str, int)  # case id, fields set aside
    """A window whose case left this laptop set aside what it had not saved (after the
    sync that removed the case): the sync window counts and says it in the same round."""


_events: CaseEvents | None = None


def case_events() -> CaseEvents:
    """The application's one notifier (created on first use, on the GUI thread)."""
    global _events
    if _events is None:
        _events = CaseEvents()
    return _events
