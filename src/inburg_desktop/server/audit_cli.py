"""``inburg-office audit DOSSIER [--json] [--verify]``: a case's audit trail at the office.

Text (Dutch, for office staff): one line per entry in the order the office received
them per chain, then each chain's verdict against the head the office kept; a broken
chain names the row and its number. ``--json``: ``{"case_id", "ok", "chains":
[{"device_id", "sent_by", "ok", "head_seq", "break", "entries"}]}``, ``break`` as
``inburg audit --json`` gives it (``null`` or ``{"kind", "row", "seq", "code",
"message"}``). ``--verify`` exits 11 when any chain is broken; a case of which the office
holds no entry is refused like an unknown case (exit 1).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from inburg_desktop.domain.audit import ACTION_LABELS, INTAKE_TOPIC_LABEL, PART_LABELS
from inburg_desktop.domain.safe_text import terminal_safe
from inburg_desktop.domain.text import fill_template
from inburg_desktop.server.admin import AdminError
from inburg_desktop.server.audit_trail import OfficeChain, case_trail
from inburg_desktop.server.db import Database

EXIT_CHAIN_BROKEN = 11


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register ``audit`` on the office's subcommands."""
    parser = sub.add_parser(
        "audit", parents=[common], help="het logboek van een dossier, met controle van de keten"
    )
    parser.add_argument("case_id", metavar="DOSSIER", help="het dossiernummer (id)")
    parser.add_argument("--json", action="store_true", help="als JSON, voor scripts")
    parser.add_argument(
        "--verify",
        action="store_true",
        help="eindcode 11 als een regel is gewijzigd, verwijderd of verplaatst",
    )


def document(case_id: str, chains: list[OfficeChain]) -> dict[str, Any]:
    """``inburg-office audit --json`` (module docstring)."""
    return {
        "case_id": case_id,
        "ok": all(c.check.ok for c in chains),
        "chains": [
            {
                "device_id": c.device_id,
                "sent_by": c.owner,
                "ok": c.check.ok,
                "head_seq": None if c.head is None else c.head.seq,
                "break": c.check.break_json(),
                "entries": [e.to_json() for e in c.entries],
            }
            for c in chains
        ],
    }


def part_words(part: str) -> str:
    """A part as office staff read it: its Dutch name, an intake topic by its id."""
    head, _dot, topic = part.partition(".")
    if head == "intake" and topic:
        return fill_template(INTAKE_TOPIC_LABEL, {"topic": topic.replace("_", " ")})
    return PART_LABELS.get(part, part)


def lines(case_id: str, chains: list[OfficeChain]) -> list[str]:
    """The trail as office staff read it (module docstring)."""
    out = [f"Logboek van dossier {case_id} op het kantoor:"]
    for chain in chains:
        out.append(f"Apparaat {chain.device_id} ({len(chain.entries)} regels):")
        for entry in chain.entries:
            what = ACTION_LABELS.get(entry.action, entry.action.value)
            part = part_words(entry.part)
            out.append(
                f"  {entry.seq:>5}  {entry.at:%Y-%m-%d %H:%M:%S} UTC  {entry.actor}  {what}  {part}"
            )
        if chain.check.ok:
            out.append("  De keten is in orde.")
        else:
            reason = chain.check.reason.render() if chain.check.reason is not None else ""
            out.append(f"  NIET IN ORDE. {reason}.")
    return out


def run(args: argparse.Namespace, db: Database) -> int:
    with db.read() as session:
        chains = case_trail(session, args.case_id)
    if not chains:
        # unknown, or never synced: said like every refusal of an office command (exit 1)
        raise AdminError("Het kantoor heeft geen logboek van dit dossier.")
    if args.json:
        print(json.dumps(document(args.case_id, chains), ensure_ascii=False, indent=2))
    else:
        print("\n".join(terminal_safe(line) for line in lines(args.case_id, chains)))
    ok = all(c.check.ok for c in chains)
    return EXIT_CHAIN_BROKEN if args.verify and not ok else 0
