"""``inburg vault init|check|rekey``."""

from __future__ import annotations

import argparse
import os

from inburg_desktop.commands.common import (
    EXIT_DAMAGED,
    CommandError,
    add_vault_arg,
    open_vault,
    read_passphrase,
    vault_path,
)
from inburg_desktop.storage.keyfile import TEST_KDF, KdfParams
from inburg_desktop.storage.vault import create_vault


def kdf_from_env() -> KdfParams | None:
    """Cheap KDF parameters for the test suite only (INBURG_TEST_FAST_KDF=1)."""
    return TEST_KDF if os.environ.get("INBURG_TEST_FAST_KDF") == "1" else None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    vault = sub.add_parser("vault", help="create, check or re-key a vault")
    verbs = vault.add_subparsers(dest="verb", required=True)
    init = verbs.add_parser("init", help="create a new encrypted vault")
    add_vault_arg(init)
    init.set_defaults(handler=cmd_init)
    check = verbs.add_parser("check", help="unlock and run integrity checks")
    add_vault_arg(check)
    check.set_defaults(handler=cmd_check)
    rekey = verbs.add_parser("rekey", help="change the passphrase in place")
    add_vault_arg(rekey)
    rekey.set_defaults(handler=cmd_rekey)


def cmd_init(args: argparse.Namespace) -> int:
    path = vault_path(args)
    passphrase = read_passphrase()
    if len(passphrase) < 8:
        raise CommandError("het wachtwoord moet minstens 8 tekens hebben", 2)
    vault = create_vault(path, passphrase, kdf_from_env())
    print(f"Kluis aangemaakt: {path}")
    print(
        "Let op: zonder dit wachtwoord is de kluis niet te openen. Herstel kan alleen "
        "via het kantoor als dit apparaat is aangemeld."
    )
    vault.lock()
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        report = vault.check()
    finally:
        vault.lock()
    print(f"kluis {report.vault_id}: schema {report.schema_revision}, {report.cases} dossiers")
    if not report.ok:
        for problem in report.problems:
            print(f"  probleem: {problem}")
        raise CommandError("de kluis is beschadigd (zie hierboven)", EXIT_DAMAGED)
    print("in orde")
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        new = read_passphrase("INBURG_NEW_PASSPHRASE", "Nieuw wachtwoord: ")
        if len(new) < 8:
            raise CommandError("het nieuwe wachtwoord moet minstens 8 tekens hebben", 2)
        vault.change_passphrase(new, kdf_from_env())
    finally:
        vault.lock()
    print("Wachtwoord gewijzigd.")
    return 0
