"""The brede-intake screen: conversation, summary, leerroute advice, oproepen.

May import: what ``ui`` may; the rest of ``ui`` imports this package only for the window.
"""

from inburg_desktop.ui.intake.window import IntakeWindow

__all__ = ["IntakeWindow"]
