"""The talk window's autosave: the intake's controller (debounced, off the GUI thread, in
order, retried when the cause can clear, flushed on close and lock), writing through the
talk's own use case (``services.voortgang.save_talk_edits``: the talk's field rules, and a
part changed underneath the window kept as a conflict, as the intake's edits are).

Each part is written to the talk its key names, never to a talk number kept beside the
keys: a window opened on talk 2 sent talk 2's parts as talk 1's, and the refusal stuck to
every later save (usability round 9, finding 4). A part the talk's rules refuse
(``TalkRefused`` naming its key) is handled as the intake's refused field: reported, taken
out, and the other parts written at once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from inburg_desktop.services import voortgang
from inburg_desktop.services.intake_edit import Meta, Patch
from inburg_desktop.ui.intake.autosave import AutosaveController


class TalkAutosave(AutosaveController):
    """Saves the parts of the talks of one case shortly after typing stops."""

    def write(
        self, patch: Patch, meta: Meta, started: Mapping[str, Any] | None = None
    ) -> list[str]:
        return voortgang.save_talk_edits(
            self.vault,
            self.case_id,
            patch,
            started=started or {},
            seen_version=self.seen_version,
        )

    def refused_key(self, error: BaseException) -> str | None:
        if isinstance(error, voortgang.TalkRefused):
            return error.key
        return super().refused_key(error)
