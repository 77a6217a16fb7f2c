"""``inburg audit --vault V DOSSIER [--json] [--verify]``: a case's audit trail on this
laptop (issue 16 item 1; ``services.audit_trail``).

Text (Dutch, for people): a heading, then one line per entry, oldest first: when (local
time), who, what was done, to which part, from which device and the entry's number in
its chain; then one line per chain saying whether it is intact, and where and how it is
broken when it is not (the row as ``regel N`` in the chain's stored order, with its
number). ``--json`` (for scripts): ``{"case_id", "ok", "chains": [{"device_id", "ok",
"anchored_seq", "break", "entries"}]}`` where ``break`` is ``null`` or ``{"kind",
"row", "seq", "code", "message"}`` and each entry is ``domain.audit``'s JSON form.

``--verify`` exits 11 when any chain is broken (INTERFACES.md); without it the verdict
is shown and the exit is 0. Reading the trail is itself a view of the case and is
recorded (part ``logboek``) after it was read. Other exits as every command that opens
a vault: 3, 4, 6 no such case, 12-16.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from inburg_desktop.commands.common import add_vault_arg, open_vault
from inburg_desktop.domain.audit import Action, AuditEntry, ChainCheck
from inburg_desktop.domain.safe_text import terminal_safe, terminal_safe_json
from inburg_desktop.formatting import audit_action_label, audit_part_label, format_datetime
from inburg_desktop.services import audit_trail
from inburg_desktop.services.audit_trail import CaseTrail

LANGUAGE = "nl"  # the commands speak Dutch (README, "Commands")
EXIT_CHAIN_BROKEN = 11
LOG_PART = "logboek"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "audit", help="het logboek van een dossier: wie wat wanneer bekeek of wijzigde"
    )
    add_vault_arg(parser)
    parser.add_argument("case_id", metavar="DOSSIER", help="het dossiernummer (id)")
    parser.add_argument(
        "--json", action="store_true", help="als JSON, voor scripts (de sleutels zijn vast)"
    )
    parser.add_argument(
        "--verify",
        action="store_true",
        help="controleer de hashketen; eindcode 11 als er een regel is gewijzigd, "
        "verwijderd of verplaatst",
    )
    parser.set_defaults(handler=cmd_audit)


def cmd_audit(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        shown = audit_trail.trail(vault, args.case_id)
        audit_trail.record(vault, args.case_id, Action.VIEW, LOG_PART)
    finally:
        vault.lock()
    if args.json:
        print(terminal_safe_json(trail_doc(shown)))
    else:
        print("\n".join(terminal_safe(line) for line in trail_lines(shown)))
    return EXIT_CHAIN_BROKEN if args.verify and not shown.ok else 0


def trail_doc(shown: CaseTrail) -> dict[str, Any]:
    """``inburg audit --json`` (module docstring)."""
    return {
        "case_id": shown.case_id,
        "ok": shown.ok,
        "chains": [
            {
                "device_id": chain.device_id,
                "ok": chain.check.ok,
                "anchored_seq": chain.anchored_seq,
                "break": chain.check.break_json(),
                "entries": [entry.to_json() for entry in chain.entries],
            }
            for chain in shown.chains
        ],
    }


def _when(at: datetime) -> str:
    return format_datetime(at.astimezone(), LANGUAGE)


def entry_line(entry: AuditEntry, titles: dict[str, str]) -> str:
    return (
        f"  {_when(entry.at)}  {entry.actor}  {audit_action_label(entry.action.value)}  "
        f"{audit_part_label(entry.part, titles)}  "
        f"(apparaat {entry.device_id}, nummer {entry.seq})"
    )


def verdict_line(device_id: str, check: ChainCheck, count: int, anchored: int | None) -> str:
    if check.ok:
        confirmed = (
            "nog niet naar het kantoor gestuurd"
            if anchored is None
            else f"door het kantoor bevestigd tot en met nummer {anchored}"
        )
        return f"Keten van apparaat {device_id}: in orde ({count} regels; {confirmed})."
    reason = check.reason.render() if check.reason is not None else ""
    return f"Keten van apparaat {device_id}: NIET IN ORDE. {reason}."


def trail_lines(shown: CaseTrail) -> list[str]:
    """The trail as people read it in a terminal (module docstring)."""
    entries = shown.entries
    chains = len(shown.chains)
    lines = [
        f"Logboek van dossier {shown.case_id}: {len(entries)} "
        f"{'regel' if len(entries) == 1 else 'regels'} van {chains} "
        f"{'apparaat' if chains == 1 else 'apparaten'}."
    ]
    titles = audit_trail.topic_titles()
    lines += [entry_line(entry, titles) for entry in entries]
    lines.append("")
    for chain in shown.chains:
        lines.append(
            verdict_line(chain.device_id, chain.check, len(chain.entries), chain.anchored_seq)
        )
    return lines
