"""The enforcement window (handhaving): violations, warnings, proposed fines, decisions and
the decision letter of one case.

May import: what ``ui`` may; the rest of ``ui`` imports this package only for the window.
"""

from inburg_desktop.ui.handhaving.window import HandhavingWindow, open_handhaving

__all__ = ["HandhavingWindow", "open_handhaving"]
