"""What one sync round did, in sentences: worded once, for the sync window and for
``inburg sync`` alike (usability round 3: the two edges worded it twice, and differently).

The counts come from the round's typed result (``services.sync_round.sync`` returns a
:class:`~inburg_desktop.services.sync_round.RoundReport`): the consultant's edits by
field (a change that became a conflict counts as a conflict, not as sent; bookkeeping is
no edit of its own), the office's changes by case, conflicts new and still open. Sentences go
through the UI catalogue (``counts.count``, ``_``): the window speaks the UI language, the
command line never sets one and so speaks Dutch, the source language. Names of cases
taken off this laptop are in the lines as data: an edge prints them safely (the window as
plain text, the terminal through ``terminal_safe``).
"""

from __future__ import annotations

from inburg_desktop.counts import count, format_kilobytes
from inburg_desktop.formatting import format_number
from inburg_desktop.i18n import _
from inburg_desktop.services.sync_round import RoundReport

__all__ = ["RoundReport", "summary_lines", "window_set_aside_line"]


def window_set_aside_line(fields: int) -> str:
    """What a window whose case this round took off the laptop set aside of what it had
    not saved, for the round's summary (usability round 6 #22: the summary said nothing
    of it until the next round): ``fields``, how many fields in words."""
    return count(
        "{n} gegeven dat u nog typte in een venster van een dossier dat van deze laptop "
        "ging, is bewaard onder ‘Apart gezet’.",
        "{n} gegevens die u nog typte in een venster van een dossier dat van deze laptop "
        "ging, zijn bewaard onder ‘Apart gezet’.",
        fields,
    )


def summary_lines(summary: RoundReport) -> list[str]:
    """The round in sentences, one per line, counted as the consultant reads it
    (:class:`~inburg_desktop.services.sync_round.RoundReport`): the edits sent (by field,
    with the consultant's choices in conflicts among them said as such), the edits held
    as conflicts, and what the office changed (by case), attachments, cases taken off
    this laptop (each named: name, V-nummer, case number), unsent work kept, conflicts
    (new ones and ones still open, with where to settle them), what is set aside, and the
    bytes moved; what was sent, held and set aside each in a sentence of its own."""
    lines = [_moved(summary)]
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
    conflict_line = _conflicts(summary)
    if conflict_line:
        lines.append(conflict_line)
    # an entry of a case that left is said once, as kept unsent work above
    refused = summary.quarantined - summary.set_aside_left
    if refused > 0:
        lines.append(
            count(
                "{n} wijziging kon niet naar kantoor of niet van kantoor worden verwerkt en is "
                "apart gezet; de rest is wel gesynchroniseerd. Bekijk haar via ‘Apart gezet’.",
                "{n} wijzigingen konden niet naar kantoor of niet van kantoor worden verwerkt en "
                "zijn apart gezet; de rest is wel gesynchroniseerd. Bekijk ze via ‘Apart gezet’.",
                refused,
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


def _moved(summary: RoundReport) -> str:
    """What went each way: the consultant's edits by field (and in how many cases), then
    the office's changes by case; a round that moved nothing says so."""
    parts: list[str] = []
    resolved = min(summary.resolutions_sent, summary.fields_sent)
    if resolved and resolved == summary.fields_sent:
        # only choices in conflicts went: said as what they are, and what they did
        parts.append(
            count(
                "Uw keuze in {n} conflict is verstuurd; het conflict is nu ook op kantoor "
                "opgelost.",
                "Uw keuzes in {n} conflicten zijn verstuurd; die conflicten zijn nu ook op "
                "kantoor opgelost.",
                resolved,
            )
        )
    elif summary.fields_sent:
        if summary.cases_sent > 1:
            parts.append(
                count(
                    "{n} wijziging verstuurd in {cases} dossiers.",
                    "{n} wijzigingen verstuurd in {cases} dossiers.",
                    summary.fields_sent,
                    cases=format_number(summary.cases_sent),
                )
            )
        else:
            parts.append(
                count("{n} wijziging verstuurd.", "{n} wijzigingen verstuurd.", summary.fields_sent)
            )
        if resolved:
            parts.append(
                count(
                    "Daaronder uw keuze in {n} conflict; dat is nu ook op kantoor opgelost.",
                    "Daaronder uw keuzes in {n} conflicten; die zijn nu ook op kantoor opgelost.",
                    resolved,
                )
            )
    if summary.fields_held:
        # the consultant's own edits that met another change: said as theirs, kept
        # (usability round 7 #13: only "conflicten" was said, not that these were B's)
        parts.append(
            count(
                "{n} wijziging van u is niet doorgevoerd maar als conflict bewaard: dat veld "
                "was intussen ook elders gewijzigd.",
                "{n} wijzigingen van u zijn niet doorgevoerd maar als conflict bewaard: die "
                "velden waren intussen ook elders gewijzigd.",
                summary.fields_held,
            )
        )
    if summary.cases_updated:
        parts.append(
            count(
                "{n} dossier bijgewerkt door het kantoor.",
                "{n} dossiers bijgewerkt door het kantoor.",
                summary.cases_updated,
            )
        )
    if summary.cases_new:
        parts.append(
            count(
                "{n} nieuw dossier van het kantoor.",
                "{n} nieuwe dossiers van het kantoor.",
                summary.cases_new,
            )
        )
    if not parts and not summary.conflicts_new and not summary.unsent_before:
        return _("Niets te versturen en niets nieuws van het kantoor.")
    if not summary.fields_sent and not summary.fields_held and not summary.conflicts_new:
        # edits that became conflicts are said as held, above
        parts.insert(0, _("Niets verstuurd."))
    if not (summary.cases_updated or summary.cases_new):
        parts.append(_("Niets nieuws van het kantoor."))
    return " ".join(parts)


def _conflicts(summary: RoundReport) -> str:
    """New conflicts and those still open from an earlier round, said apart (usability
    round 3: open conflicts were said again at every round as if just made here), and
    how to open them."""
    said: list[str] = []
    if summary.conflicts_new:
        said.append(
            count(
                "{n} veld is op twee plaatsen verschillend gewijzigd (een conflict).",
                "{n} velden zijn op twee plaatsen verschillend gewijzigd (conflicten).",
                summary.conflicts_new,
            )
        )
    earlier = summary.conflicts_earlier
    if not said and summary.conflicts and not earlier:
        earlier = summary.conflicts  # open, but not counted by kind (never past zero)
    if earlier:
        said.append(
            count(
                "Nog {n} conflict van eerder staat open.",
                "Nog {n} conflicten van eerder staan open.",
                earlier,
            )
        )
    if not said:
        return ""
    said.append(
        count(
            "Kies welke waarde blijft: Synchroniseren → Conflicten oplossen.",
            "Kies per veld welke waarde blijft: Synchroniseren → Conflicten oplossen.",
            summary.conflicts_new + earlier,
        )
    )
    return " ".join(said)
