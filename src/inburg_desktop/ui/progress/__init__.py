"""The Voortgang window: progress data, ontzorgen and nazorg of one case (issue 15 items 3
and 5)."""

from inburg_desktop.ui.progress.window import ProgressWindow, open_progress

__all__ = ["ProgressWindow", "open_progress"]
