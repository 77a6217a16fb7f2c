"""Whether a case on this laptop is closed (``domain.case_closure``): the office recorded
the end of the plicht, so the case is read-only here until its grace period removes it
(``sync.retention``). The windows say so when the case is opened; every edit is refused
by the storage layer (``storage.errors.CaseClosed``)."""

from __future__ import annotations

from inburg_desktop.domain.case_closure import Afsluiting
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.changes import closed_of


def closed(vault: Vault, case_id: str) -> Afsluiting | None:
    """The close of ``case_id`` (the day and why), or ``None`` while it is open."""
    with vault.session() as session:
        return closed_of(session, case_id)
