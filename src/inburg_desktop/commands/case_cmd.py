"""``inburg case import|list|show``.

What comes from the vault is printed through ``terminal_safe``/``terminal_safe_json``: a
name that still holds a control or bidi character (stored before import refused them, or
pulled from the office) shows it as a visible escape instead of acting on the terminal.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inburg_desktop.commands.common import (
    EXIT_INVALID_FILE,
    CommandError,
    add_vault_arg,
    open_vault,
)
from inburg_desktop.domain.handover import HandoverError, read_handover_file
from inburg_desktop.domain.json_input import describe_os_error
from inburg_desktop.domain.safe_text import terminal_safe, terminal_safe_json
from inburg_desktop.services.case_import import import_case
from inburg_desktop.services.case_status import status_of, statuses


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    case = sub.add_parser("case", help="import, list and show cases")
    verbs = case.add_subparsers(dest="verb", required=True)
    imp = verbs.add_parser("import", help="import a warme-overdracht handover file")
    add_vault_arg(imp)
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=cmd_import)
    lst = verbs.add_parser("list", help="list the cases in the vault")
    add_vault_arg(lst)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)
    show = verbs.add_parser("show", help="one case with its computed status")
    add_vault_arg(show)
    show.add_argument("case_id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)


def cmd_import(args: argparse.Namespace) -> int:
    path: Path = args.file
    try:
        handover = read_handover_file(path)
    except OSError as exc:
        raise CommandError(
            f"kan {path} niet lezen: {describe_os_error(exc)}", EXIT_INVALID_FILE
        ) from None
    except HandoverError as exc:
        raise CommandError(
            f"ongeldig overdrachtsbestand, veld {exc.key}: {exc.problem}", EXIT_INVALID_FILE
        ) from exc
    vault = open_vault(args)
    try:
        imported = import_case(vault, handover)
    finally:
        vault.lock()
    print(imported.case_id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        rows = statuses(vault)
    finally:
        vault.lock()
    if args.json:
        out = []
        for status in rows:
            doc = status.as_json()
            out.append(
                {
                    "id": doc["id"],
                    "given_names": doc["given_names"],
                    "family_name": doc["family_name"],
                    "doelgroep": doc["doelgroep"],
                    "brp_registration": doc["brp_registration"],
                    "pip_deadline": doc["deadlines"]["pip_deadline"],
                    "plichtig": doc["plichtig"],
                    "intake": doc["intake"],
                    "pip_status": doc["pip"]["status"],
                }
            )
        print(terminal_safe_json(out))
        return 0
    for status in rows:
        doc = status.as_json()
        name = terminal_safe(f"{doc['family_name']}, {doc['given_names']}")
        intake = doc["intake"]
        print(
            f"{terminal_safe(doc['id'])}  {name:<32} {terminal_safe(doc['doelgroep']):<15} "
            f"BRP {doc['brp_registration']}  {_pip_deadline_text(doc['deadlines'])}  "
            f"intake {intake['topics_covered']}/{intake['topics_total']}"
        )
    return 0


def _pip_deadline_text(deadlines: dict[str, Any]) -> str:
    """The list's PIP column: the deadline, or why there is none (never "None")."""
    if deadlines["niet_plichtig"]:
        return "geen PIP-termijn (niet plichtig volgens de gegevens)"
    if deadlines["pip_deadline"] is None:
        return "PIP wacht op informatie van een derde"
    provisional = " (voorlopig)" if deadlines["pip_deadline_provisional"] else ""
    return f"PIP uiterlijk {deadlines['pip_deadline']}{provisional}"


def cmd_show(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        status = status_of(vault, args.case_id)
    finally:
        vault.lock()
    doc = status.as_json()
    if args.json:
        print(terminal_safe_json(doc))
        return 0
    for key, value in doc.items():
        print(f"{key}: {terminal_safe_json(value, indent=None)}")
    return 0
