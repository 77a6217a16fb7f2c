"""The brede-intake screen: conversation, summary, leerroute advice, oproepen."""

from inburg_desktop.ui.intake.window import IntakeWindow

__all__ = ["IntakeWindow"]
