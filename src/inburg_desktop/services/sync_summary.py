"""What one sync round did, in sentences: worded once, for the sync window and for
``inburg sync`` alike (usability round 3: the two edges worded it twice, and differently).

The counts come from the round's typed result (``services.sync_round.sync`` returns a
:class:`~inburg_desktop.sync.engine.SyncSummary`): distinct changes, cases and fields,
where a change that became a conflict counts as a conflict and not as sent. Sentences go
through the UI catalogue (``counts.count``, ``_``): the window speaks the UI language, the
command line never sets one and so speaks Dutch, the source language. Names of cases
taken off this laptop are in the lines as data: an edge prints them safely (the window as
plain text, the terminal through ``terminal_safe``).
"""

from __future__ import annotations

from inburg_desktop.counts import count, format_kilobytes
from inburg_desktop.i18n import _
from inburg_desktop.sync.engine import SyncSummary

__all__ = ["SyncSummary", "summary_lines"]


def summary_lines(summary: SyncSummary) -> list[str]:
    """The round in sentences, one per line: sent and fetched, attachments, cases taken
    off this laptop (each named: name, V-nummer, case number), unsent work kept, open
    conflicts, what is set aside, and the bytes moved."""
    lines = [
        count("{n} wijziging verstuurd", "{n} wijzigingen verstuurd", summary.pushed)
        + ", "
        + count("{n} dossier opgehaald.", "{n} dossiers opgehaald.", summary.pulled)
    ]
    if summary.attachments_up or summary.attachments_down:
        lines.append(
            count("{n} bijlage verstuurd", "{n} bijlagen verstuurd", summary.attachments_up)
            + ", "
            + count("{n} ontvangen.", "{n} ontvangen.", summary.attachments_down)
        )
    if summary.purged:
        named = summary.purged_cases[: summary.purged]
        lines.append(
            count(
                "{n} dossier staat niet meer op uw lijst en is van deze laptop verwijderd: "
                "{names}.",
                "{n} dossiers staan niet meer op uw lijst en zijn van deze laptop "
                "verwijderd: {names}.",
                summary.purged,
                names="; ".join(named) if named else _("(namen onbekend)"),
            )
        )
    if summary.kept_unsent:
        lines.append(
            count(
                "{n} nog niet verstuurde wijziging of bijlage van een dossier dat niet meer op "
                "uw lijst staat, is bewaard onder ‘Apart gezet’: exporteer haar voor het kantoor.",
                "{n} nog niet verstuurde wijzigingen of bijlagen van dossiers die niet meer op "
                "uw lijst staan, zijn bewaard onder ‘Apart gezet’: exporteer ze voor het kantoor.",
                summary.kept_unsent,
            )
        )
    if summary.conflicts:
        lines.append(
            count(
                "{n} veld is zowel op kantoor als hier gewijzigd: kies in de app welke "
                "waarde blijft (Synchroniseren → Conflicten oplossen).",
                "{n} velden zijn zowel op kantoor als hier gewijzigd: kies in de app per veld "
                "welke waarde blijft (Synchroniseren → Conflicten oplossen).",
                summary.conflicts,
            )
        )
    if summary.quarantined:
        lines.append(
            count(
                "{n} wijziging kon niet naar kantoor of niet van kantoor worden verwerkt en is "
                "apart gezet; de rest is wel gesynchroniseerd. Bekijk haar via ‘Apart gezet’.",
                "{n} wijzigingen konden niet naar kantoor of niet van kantoor worden verwerkt en "
                "zijn apart gezet; de rest is wel gesynchroniseerd. Bekijk ze via ‘Apart gezet’.",
                summary.quarantined,
            )
        )
    elif summary.quarantine_open and not summary.kept_unsent:
        lines.append(
            count(
                "{n} onderdeel staat nog apart (Synchroniseren → Apart gezet).",
                "{n} onderdelen staan nog apart (Synchroniseren → Apart gezet).",
                summary.quarantine_open,
            )
        )
    lines.append(
        _("{kb} kB verstuurd en ontvangen.").format(
            kb=format_kilobytes(summary.bytes_sent + summary.bytes_received)
        )
    )
    return lines
