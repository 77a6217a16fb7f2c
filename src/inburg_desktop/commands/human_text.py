"""What ``inburg case list|show`` and ``inburg sync`` print for people: Dutch sentences
and labels, dates as the app shows them ("2 mrt 2026"), counts with their plural. Scripts
use ``--json``, whose keys and values stay as INTERFACES.md fixes them.

Everything from the vault goes through ``terminal_safe`` (a name can hold control or bidi
characters): shown, never obeyed by the terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from inburg_desktop.counts import dutch_count
from inburg_desktop.domain.countries import country_name
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.safe_text import terminal_safe
from inburg_desktop.formatting import format_date, format_number
from inburg_desktop.locale_names import language_name

if TYPE_CHECKING:  # a type only: `inburg case list` need not load the sync engine
    from inburg_desktop.services.sync_round import RoundReport

LANGUAGE = "nl"  # the command line speaks Dutch, like the consultants who use it

DOELGROEPEN = {
    "statushouder": "statushouder",
    "gezinsmigrant": "gezinsmigrant",
    "overige_migrant": "overige migrant",
}
VERBLIJFSGRONDEN = {"asiel": "asiel", "gezin": "gezinsmigratie", "overig": "overig"}
PIP_STATUSES = {
    "none": "nog geen PIP",
    "draft": "concept",
    "set": "vastgesteld",
    "signed": "vastgesteld en ondertekend",
}
STAGES = {"push": "Versturen", "attachments": "Bijlagen", "pull": "Ophalen"}
DEADLINES = (
    ("pip_deadline", "PIP uiterlijk"),
    ("termijn_start", "Inburgeringstermijn begint"),
    ("termijn_end", "Inburgeringstermijn t/m"),
    ("route_switch_until", "Route wisselen kan t/m"),
    ("ontzorgen_until", "Ontzorgen t/m"),
    ("nazorg_contact", "Nazorgcontact"),
    ("plicht_ends_on", "Plichtig t/m"),
)


def day(iso: str | None, missing: str = "onbekend") -> str:
    """An ISO date as the app shows dates: "2 mrt 2026"."""
    if iso is None:
        return missing
    return format_date(parse_iso_date(iso), LANGUAGE)


def pip_deadline_text(deadlines: dict[str, Any]) -> str:
    """The list's PIP column: the deadline, or why there is none (never "None")."""
    if deadlines["niet_plichtig"]:
        return "geen PIP-termijn (niet plichtig volgens de gegevens)"
    if deadlines["pip_deadline"] is None:
        return "PIP wacht op informatie van een derde"
    provisional = " (voorlopig)" if deadlines["pip_deadline_provisional"] else ""
    return f"PIP uiterlijk {day(deadlines['pip_deadline'])}{provisional}"


def list_line(doc: dict[str, Any]) -> str:
    """One case of ``inburg case list``."""
    name = terminal_safe(f"{doc['family_name']}, {doc['given_names']}")
    doelgroep = DOELGROEPEN.get(doc["doelgroep"], terminal_safe(doc["doelgroep"]))
    intake = doc["intake"]
    topics = dutch_count(
        "intake {covered} van {n} onderwerp",
        "intake {covered} van {n} onderwerpen",
        intake["topics_total"],
        covered=intake["topics_covered"],
    )
    return (
        f"{terminal_safe(doc['id'])}  {name:<32} {doelgroep:<15} "
        f"BRP {day(doc['brp_registration']):<12}  {pip_deadline_text(doc['deadlines'])}  "
        f"{topics}"
    )


def show_lines(doc: dict[str, Any]) -> list[str]:
    """``inburg case show``: one case in labelled Dutch lines."""
    languages = ", ".join(language_name(code, LANGUAGE) for code in doc["languages"])
    basis = doc["residence_basis"]
    plicht = "ja" if doc["plichtig"] else "nee"
    pip = doc["pip"]
    pip_text = PIP_STATUSES.get(pip["status"], terminal_safe(str(pip["status"])))
    if pip["signed_on"]:
        pip_text += f" op {day(pip['signed_on'])}"
    aow = day(doc["aow_date"]) + (" (voorlopig)" if doc["aow_date_provisional"] else "")
    rows = [
        ("Dossier", terminal_safe(doc["id"])),
        ("Naam", terminal_safe(f"{doc['given_names']} {doc['family_name']}")),
        ("Geboren", day(doc["date_of_birth"])),
        ("Nationaliteit", terminal_safe(country_name(doc["nationality"]))),
        ("Talen", terminal_safe(languages) or "geen"),
        ("Verblijfsgrond", "onbekend" if basis is None else VERBLIJFSGRONDEN.get(basis, basis)),
        ("Verblijfsvergunning sinds", day(doc["permit_since"])),
        ("Doelgroep", DOELGROEPEN.get(doc["doelgroep"], terminal_safe(doc["doelgroep"]))),
        ("Gemeente", terminal_safe(doc.get("gemeente") or "onbekend")),
        ("BRP-inschrijving", day(doc["brp_registration"])),
        ("Inburgeringsplichtig", plicht),
        ("AOW-leeftijd bereikt", aow),
        (
            "Intake",
            dutch_count(
                "{covered} van {n} onderwerp afgerond",
                "{covered} van {n} onderwerpen afgerond",
                doc["intake"]["topics_total"],
                covered=doc["intake"]["topics_covered"],
            ),
        ),
        ("PIP", pip_text),
    ]
    deadlines = doc["deadlines"]
    rows.append(("Termijnen", pip_deadline_text(deadlines)))
    for key, label in DEADLINES[1:]:
        if deadlines.get(key) is not None:
            rows.append((label, day(deadlines[key])))
    width = max(len(label) for label, _value in rows) + 1
    lines = [f"{label + ':':<{width}} {value}" for label, value in rows]
    # the reasons of the plicht, one per line (joined with "; " in the JSON)
    lines.insert(
        [label for label, _value in rows].index("Inburgeringsplichtig") + 1,
        "\n".join(f"  • {terminal_safe(r)}" for r in doc["plicht_reason"].split("; ") if r),
    )
    warnings = doc["warnings"]
    if warnings:
        lines.append(dutch_count("{n} aandachtspunt:", "{n} aandachtspunten:", len(warnings)))
        lines += [f"  • {terminal_safe(w['text'])}" for w in warnings]
    return lines


def sync_lines(summary: RoundReport) -> list[str]:
    """``inburg sync``: the round's lines as the sync window words them
    (``services.sync_summary``; the CLI speaks Dutch, the source language), each made safe
    for the terminal (the names of cases taken off this laptop are data)."""
    # loaded here: `inburg case list` need not load the sync engine
    from inburg_desktop.services.sync_summary import summary_lines

    return [terminal_safe(line) for line in summary_lines(summary)]


def progress_line(stage: str, done: int, total: int, moved: int) -> str:
    """A progress line on stderr: "Versturen: 60% (1,6 kB)". A share, as the sync window
    shows it: the engine counts ops and pages, the summary fields and cases, and "1 van 1"
    beside "0 dossiers opgehaald" read as a contradiction (usability round 3)."""
    percent = 100 if total <= 0 else round(100 * min(done, total) / total)
    return f"{STAGES.get(stage, stage)}: {percent}% ({_kilobytes(moved)} kB)"


def _kilobytes(size_bytes: int) -> str:
    return format_number(round(size_bytes / 1024, 1), LANGUAGE)
