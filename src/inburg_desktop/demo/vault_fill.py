"""Filling an open vault with fictional demo cases, as one use case with its own
transaction (``inburg demo``, ``inburg-desktop --demo``); demo sits above services, so
ui and commands call this, never storage."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DEMO_CONSULENT
from inburg_desktop.domain.gemeente import SEED_KANTOOR
from inburg_desktop.services.consulent import NAAM_SETTING
from inburg_desktop.services.gemeenten import CONSULTANT_KEY, OFFICE_KEY, gemeente_keuze
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.sync_state import enrollment, get_setting, set_setting


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
        gemeenten = _demo_gemeenten(session)
        return add_demo_cases(session, count, today, skip_present=True, gemeenten=gemeenten)


DEMO_ACCOUNT = "s.devries"
"""The demo consultant's office account (as an enrolled laptop knows its own)."""
DEMO_WORKS_FOR = ("GM0626", "GM0629")
"""The seed's gemeenten the demo consultant works for: two of the three (Voorschoten and
Wassenaar), so the demo shows the choice and the gemeente in the case list."""


def _demo_gemeenten(session: Session) -> tuple[str, ...]:
    """The gemeenten demo cases are spread over. A vault with no office (not enrolled, no
    list pulled) gets the seed's three gemeenten (``domain.gemeente.SEED_KANTOOR``) as if
    its office had published them, the demo consultant working for two; a vault that has
    an office's list keeps it, and the cases go to its consultant's gemeenten."""
    if enrollment(session) is None and get_setting(session, OFFICE_KEY) is None:
        set_setting(session, OFFICE_KEY, _seed_setting())
        if get_setting(session, CONSULTANT_KEY) is None:
            set_setting(session, CONSULTANT_KEY, DEMO_ACCOUNT)
    return tuple(g.code for g in gemeente_keuze(session).eigen)


def _seed_setting() -> dict[str, object]:
    """``setting.gemeenten`` for the seed's office: sorted by code, as the office sends it."""
    return {
        "gemeenten": [
            {
                "code": g.code,
                "naam": g.naam,
                "consulenten": [DEMO_ACCOUNT] if g.code in DEMO_WORKS_FOR else [],
            }
            for g in sorted(SEED_KANTOOR.gemeenten, key=lambda g: g.code)
        ]
    }
