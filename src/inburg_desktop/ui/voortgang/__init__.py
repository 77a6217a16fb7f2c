"""The voortgangsgesprek window: a talk held like the intake (questions per life domain on
the interpreter view, notes, progress per PIP agreement, the satisfaction question), and a
PIP amendment started from it.

May import: what ``ui`` may; the rest of ``ui`` imports this package only for the window.
"""

from inburg_desktop.ui.voortgang.window import TalkWindow, open_talk_window

__all__ = ["TalkWindow", "open_talk_window"]
