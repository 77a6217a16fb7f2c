"""Test helper: what the office publishes about its gemeenten, stored as sync stores it
(``office.setting.gemeenten``), and the account this laptop is enrolled for, the way the
tests of ``office.setting.letterhead`` store a pulled setting."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from inburg_desktop.domain.gemeente import SEED_GEMEENTEN
from inburg_desktop.server.db import Database
from inburg_desktop.services.gemeenten import CONSULTANT_KEY, OFFICE_KEY
from inburg_desktop.storage.sync_state import set_setting
from inburg_desktop.storage.vault import OpenVault

ACCOUNT = "fatima"
"""The office account of the laptop in these tests."""


def published(members: Mapping[str, Sequence[str]]) -> dict[str, object]:
    """The value of ``setting.gemeenten`` for the seed's three gemeenten, each with the
    accounts of ``members`` (code -> account names), sorted by code as the office sends it."""
    return {
        "gemeenten": [
            {"code": g.code, "naam": g.naam, "consulenten": list(members.get(g.code, ()))}
            for g in sorted(SEED_GEMEENTEN, key=lambda g: g.code)
        ]
    }


def publish(vault: OpenVault, *codes: str, account: str = ACCOUNT) -> None:
    """The office's three seed gemeenten, ``account`` working for ``codes``; the laptop
    enrolled as ``account``."""
    with vault.transaction() as session:
        set_setting(session, OFFICE_KEY, published({code: [account] for code in codes}))
        set_setting(session, CONSULTANT_KEY, account)


def forget_gemeenten(office: Database | str) -> None:
    """The office ``office`` (a database, or its URL) serves no gemeente again: its
    gemeenten, who works for them and what it published of them. Tests that record
    gemeenten on the session's shared office call it after, so the tests after them see
    an office as before (one left Voorschoten and Wassenaar for the transfer and "office
    without gemeenten" tests of the same worker)."""
    from sqlalchemy import delete, or_

    from inburg_desktop.domain.gemeente_setting import LETTERHEAD_PREFIX, OFFICE_SETTING
    from inburg_desktop.server.tables import GemeenteConsulent, OfficeGemeente, Setting

    db = Database(office) if isinstance(office, str) else office
    try:
        with db.write() as session:
            session.execute(delete(GemeenteConsulent))
            session.execute(delete(OfficeGemeente))
            session.execute(
                delete(Setting).where(
                    or_(Setting.key == OFFICE_SETTING, Setting.key.startswith(LETTERHEAD_PREFIX))
                )
            )
    finally:
        if isinstance(office, str):
            db.dispose()
