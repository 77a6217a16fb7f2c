"""``inburg case import|list|show``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from inburg_desktop.commands.common import (
    EXIT_INVALID_FILE,
    CommandError,
    add_vault_arg,
    open_vault,
)
from inburg_desktop.domain.handover import HandoverError, parse_handover_bytes
from inburg_desktop.services.case_status import case_status
from inburg_desktop.storage.cases import get_case, import_handover, iter_cases


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
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"kan {path} niet lezen: {exc.strerror}", EXIT_INVALID_FILE) from exc
    try:
        handover = parse_handover_bytes(data)
    except HandoverError as exc:
        raise CommandError(
            f"ongeldig overdrachtsbestand, veld {exc.key}: {exc.problem}", EXIT_INVALID_FILE
        ) from exc
    vault = open_vault(args)
    try:
        with vault.transaction() as session:
            case_id = import_handover(session, handover)
    finally:
        vault.lock()
    print(case_id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        with vault.session() as session:
            rows = [case_status(get_case(session, c.id)) for c in iter_cases(session)]
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
                    "intake": doc["intake"],
                    "pip_status": doc["pip"]["status"],
                }
            )
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for status in rows:
        doc = status.as_json()
        name = f"{doc['family_name']}, {doc['given_names']}"
        intake = doc["intake"]
        print(
            f"{doc['id']}  {name:<32} {doc['doelgroep']:<15} BRP {doc['brp_registration']}  "
            f"PIP uiterlijk {doc['deadlines']['pip_deadline']}  "
            f"intake {intake['topics_covered']}/{intake['topics_total']}"
        )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        with vault.session() as session:
            status = case_status(get_case(session, args.case_id))
    finally:
        vault.lock()
    doc = status.as_json()
    if args.json:
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for key, value in doc.items():
        print(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return 0
