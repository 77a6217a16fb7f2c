"""Filling an open vault with fictional demo cases, as one use case with its own
transaction (``inburg demo``, ``inburg-desktop --demo``); demo sits above services, so
ui and commands call this, never storage."""

from __future__ import annotations

from datetime import date

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DEMO_CONSULENT
from inburg_desktop.services.consulent import NAAM_SETTING
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.sync_state import get_setting, set_setting


def add_cases(
    vault: Vault, count: int, *, consultant: str | None = None, today: date | None = None
) -> list[str]:
    """Add ``count`` fictional cases in various stages, in one transaction; returns the
    ids of those added. A demo person the vault already holds (same fictional V-nummer) is
    not added again, so running the demo twice changes nothing. ``consultant``: the name
    the demo's signed PIP carries (stored first, since the signed PDF is rendered with
    it); without one, a vault with no consultant's name gets the demo's fictional one."""
    with vault.transaction() as session:
        if consultant is not None:
            set_setting(session, NAAM_SETTING, consultant)
        elif get_setting(session, NAAM_SETTING) is None:
            # The demo's PIPs name a (fictional) consultant: no PIP says "uw consulent".
            set_setting(session, NAAM_SETTING, DEMO_CONSULENT)
        return add_demo_cases(session, count, today, skip_present=True)
