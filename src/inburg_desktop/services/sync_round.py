"""Enrolling this laptop with the office server and syncing with it: the use cases the
sync window and ``inburg device enroll`` / ``inburg sync`` share.

A sync round is the sync engine's (``sync/engine.py``): push the outbox, the attachments,
then pull pages, each page applied in one transaction; a cancel (a
:class:`~inburg_desktop.services.cancel.CancelToken`) stops it between steps with what was
applied kept. Errors are the transport's (``SyncError`` and its kinds) and the vault's.
"""

from __future__ import annotations

import platform
import ssl
from dataclasses import dataclass, replace
from threading import Event

from inburg_desktop.protocol.device_keys import DeviceKey, b64decode, b64encode
from inburg_desktop.services import conflicts
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.sync_state import (
    LAST_SYNC,
    Enrollment,
    enrollment,
    get_setting,
    next_op_id,
    quarantine_count,
    save_enrollment,
)
from inburg_desktop.sync.engine import Progress, SyncEngine, SyncSummary
from inburg_desktop.sync.transport import SyncClient

__all__ = [
    "Enrolled",
    "Enrollment",
    "NotEnrolled",
    "SyncState",
    "SyncSummary",
    "Verify",
    "enroll",
    "state",
    "sync",
]

Verify = bool | str | ssl.SSLContext
"""How the server's TLS is checked: the system's CAs (True), a CA file, or a context."""


class NotEnrolled(LookupError):
    """This vault's laptop has not been enrolled with an office server yet."""


@dataclass(frozen=True)
class SyncState:
    """What the sync window shows, before and after a round: the enrollment (``None``
    before enrolling), the last sync as an ISO UTC stamp (``None``: never), how many
    changes sync set aside (quarantine) and how many conflicts are open now."""

    enrolled: Enrollment | None
    last_sync: str | None
    set_aside: int
    conflicts: int = 0
    """Open conflicts for the consultant to choose (``services.conflicts.open_count``)."""


@dataclass(frozen=True)
class Enrolled:
    """The office's answer to an enrollment: this laptop's device id and its consultant
    (both from the server: show them, never obey them)."""

    device_id: str
    consultant: str


def state(vault: Vault) -> SyncState:
    """Enrollment, last sync, the number set aside and the open conflicts, in one read."""
    with vault.session() as session:
        enrolled = enrollment(session)
        last = get_setting(session, LAST_SYNC)
        set_aside = quarantine_count(session)
        open_conflicts = conflicts.open_count(session)
    return SyncState(enrolled, last if isinstance(last, str) else None, set_aside, open_conflicts)


def enroll(vault: Vault, server_url: str, code: str, *, verify: Verify = True) -> Enrolled:
    """Make this laptop's device key, enroll it with the one-time ``code`` and store the
    enrollment (one transaction, after the office accepted it).

    Raises the transport's ``SyncError`` kinds (code refused, server unreachable); then
    nothing is stored.
    """
    key = DeviceKey.generate()
    with vault.session() as session:
        first_op = next_op_id(session)
    with SyncClient(server_url, verify=verify) as client:
        answer = client.enroll(code, key, device_name=platform.node()[:100], next_op_id=first_op)
    with vault.transaction() as session:
        save_enrollment(
            session,
            Enrollment(
                server_url, answer.device_id, answer.consultant, b64encode(key.private_bytes())
            ),
        )
    return Enrolled(answer.device_id, answer.consultant)


def sync(
    vault: Vault,
    *,
    server_url: str | None = None,
    verify: Verify = True,
    progress: Progress | None = None,
    cancel: Event | None = None,
) -> SyncSummary:
    """One sync round with the enrolled office server (or ``server_url``).

    ``progress(stage, done, total, bytes_moved)`` is called from this thread; ``cancel``
    (a ``CancelToken``) stops the round between steps with ``SyncCancelled``. Raises
    :class:`NotEnrolled` before an enrollment, the transport's ``SyncError`` kinds.
    """
    with vault.session() as session:
        enrolled = enrollment(session)
    if enrolled is None:
        raise NotEnrolled()
    key = DeviceKey.from_private_bytes(b64decode(enrolled.private_key_b64))
    with SyncClient(
        server_url or enrolled.server_url, device_id=enrolled.device_id, key=key, verify=verify
    ) as client:
        summary = SyncEngine(vault, client, progress, cancel).run()
    # Bookkeeping conflicts (when a topic was discussed) are no choice for the consultant:
    # closed here as the union of both sides, sent with the next round. What is left is
    # counted once, as distinct case and field (usability round 3: "3 conflicts" for 2).
    conflicts.merge_bookkeeping(vault)
    with vault.session() as session:
        left = conflicts.open_count(session)
    return replace(summary, conflicts=left)
