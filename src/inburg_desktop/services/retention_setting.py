"""The laptop's grace period for closed cases, as the settings window reads and stores it
(``sync.retention``; the rule and its default are ``domain.retention``)."""

from __future__ import annotations

from inburg_desktop.services.vault_session import Vault
from inburg_desktop.sync.retention import grace_setting, set_grace_setting


def read_grace(vault: Vault) -> int:
    """The grace period in days, in one read-only session."""
    with vault.session() as session:
        return grace_setting(session)


def save_grace(vault: Vault, days: int) -> int:
    """Store the grace period in days; ``ValueError`` outside the domain's range
    (``domain.retention.grace_days``), nothing stored then."""
    with vault.transaction() as session:
        return set_grace_setting(session, days)
