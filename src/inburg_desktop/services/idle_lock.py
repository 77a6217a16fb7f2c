"""The office's idle-lock maximum as the vault holds it after a sync."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from inburg_desktop.domain.idle_lock import OFFICE_SETTING as IDLE_LOCK
from inburg_desktop.domain.idle_lock import IdleLockError, minutes_value
from inburg_desktop.domain.office_settings import laptop_key
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.sync_state import get_setting

log = logging.getLogger(__name__)


def office_maximum(session: Session) -> float | None:
    """The office's maximum idle minutes, or ``None`` when it set none. A value that is
    not minutes in range (an older or hostile office) is ignored and logged by kind."""
    value = get_setting(session, laptop_key(IDLE_LOCK))
    if value is None:
        return None
    try:
        return minutes_value(value)
    except IdleLockError as exc:
        log.warning("office idle-lock setting ignored: %s", exc)
        return None


def load_office_maximum(vault: Vault) -> float | None:
    """:func:`office_maximum` in one read-only session (the window never opens one)."""
    with vault.session() as session:
        return office_maximum(session)
