"""The agenda start screen (issue 15 item 1): what needs doing across the caseload, the
first thing shown after unlock.

May import: what ``ui`` may; the main window imports this package for its agenda page.
"""

from inburg_desktop.ui.agenda.page import AgendaPage

__all__ = ["AgendaPage"]
