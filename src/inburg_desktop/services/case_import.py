"""Importing a warme-overdracht handover file (``inburg-handover/1``) as a new case."""

from __future__ import annotations

from dataclasses import dataclass

from inburg_desktop.domain.handover import Handover
from inburg_desktop.services.gemeenten import gemeente_keuze
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.cases import import_handover


@dataclass(frozen=True)
class ImportedCase:
    """The new case's id and the person's display name (for the confirmation)."""

    case_id: str
    display_name: str


def import_case(
    vault: Vault, handover: Handover, gemeente: str | None = None, *, required: bool = False
) -> ImportedCase:
    """Store a checked handover as a new case with its fields and outbox entry, all or
    nothing (INTERFACES.md, ``inburg case import``).

    The file is read and checked by ``domain.handover.read_handover_file`` first (it raises
    ``HandoverError`` naming the field); here only the vault can fail (a ``VaultError``
    kind: a full disk, a read-only medium), and then nothing is written.

    ``gemeente``: the case's gemeente by name or code, one the consultant works for
    (``services.gemeenten``; ``GemeenteGeweigerd`` otherwise, nothing written); not given,
    the one they work for when they work for one (``required``: refused when they work
    for several, as ``inburg case import`` asks; the app's import leaves it open).
    """
    with vault.transaction() as session:
        code = gemeente_keuze(session).gekozen(gemeente, required=required)
        case_id = import_handover(session, handover, gemeente=code)
    return ImportedCase(case_id, handover.person.display_name)
