"""``inburg vault init|check|rekey [--rotate]``.

``rekey`` re-wraps the vault key under a new passphrase (seconds, the vault file is not
touched); ``rekey --rotate`` also re-encrypts the vault under a new raw key, for a
suspected compromise (docs/vault.md says what each protects against).
"""

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
from inburg_desktop.counts import dutch_count
from inburg_desktop.services import vault_session
from inburg_desktop.services.vault_session import TEST_KDF, KdfParams, normalise

MIN_PASSPHRASE = 8


def kdf_from_env() -> KdfParams | None:
    """Cheap KDF parameters for the test suite only (INBURG_TEST_FAST_KDF=1)."""
    return TEST_KDF if os.environ.get("INBURG_TEST_FAST_KDF") == "1" else None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    vault = sub.add_parser(
        "vault", help="een kluis aanmaken, controleren of van wachtwoord wisselen"
    )
    verbs = vault.add_subparsers(dest="verb", required=True)
    init = verbs.add_parser("init", help="een nieuwe versleutelde kluis aanmaken")
    add_vault_arg(init)
    init.set_defaults(handler=cmd_init)
    check = verbs.add_parser("check", help="openen en de integriteit controleren")
    add_vault_arg(check)
    check.set_defaults(handler=cmd_check)
    rekey = verbs.add_parser("rekey", help="het wachtwoord wijzigen")
    add_vault_arg(rekey)
    rekey.add_argument(
        "--rotate",
        action="store_true",
        help="de kluis ook opnieuw versleutelen met een nieuwe sleutel (na een vermoedelijk lek)",
    )
    rekey.set_defaults(handler=cmd_rekey)


def cmd_init(args: argparse.Namespace) -> int:
    path = vault_path(args)
    passphrase = read_passphrase()
    if len(normalise(passphrase)) < MIN_PASSPHRASE:
        raise CommandError(f"het wachtwoord moet minstens {MIN_PASSPHRASE} tekens hebben", 2)
    vault = vault_session.create(path, passphrase, kdf_from_env())
    print(f"Kluis aangemaakt: {path}")
    print(
        "Let op: zonder dit wachtwoord is de kluis niet te openen. Herstel kan alleen "
        "via het kantoor als dit apparaat is aangemeld."
    )
    vault.lock()
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    vault = open_vault(args, reads_only=True)
    try:
        checked = vault_session.check(vault)
    finally:
        vault.lock()
    report, retired = checked.report, checked.retired_backups
    cases = dutch_count("{n} dossier", "{n} dossiers", report.cases)
    print(f"kluis {report.vault_id}: schema {report.schema_revision}, {cases}")
    if not report.ok:
        for problem in report.problems:
            print(f"  probleem: {problem}")
        raise CommandError("de kluis is beschadigd (zie hierboven)", EXIT_DAMAGED)
    for backup in retired:
        print(f"reservekopie van vóór een migratie verwijderd (de kluis is in orde): {backup.name}")
    print("in orde")
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        new = read_passphrase("INBURG_NEW_PASSPHRASE", "Nieuw wachtwoord: ")
        if len(normalise(new)) < MIN_PASSPHRASE:
            raise CommandError(
                f"het nieuwe wachtwoord moet minstens {MIN_PASSPHRASE} tekens hebben", 2
            )
        if args.rotate:
            rotation = vault_session.rotate_key(vault, new, kdf_from_env())
            print("Kluis opnieuw versleuteld met een nieuwe sleutel; wachtwoord gewijzigd.")
            for backup in rotation.retired_backups:
                print(f"reservekopie onder de oude sleutel verwijderd: {backup.name}")
        else:
            change = vault_session.rewrap_key(vault, new, kdf_from_env())
            print("Wachtwoord gewijzigd.")
            for backup in change.rewrapped_backups:
                print(f"sleutel van reservekopie {backup.name} ook omgezet")
            for backup in change.stale_backups:
                print(
                    f"let op: reservekopie {backup.name} heeft een oudere sleutel en opent nog "
                    "met het oude wachtwoord; verwijder haar als u haar niet meer nodig hebt"
                )
            print(
                "Kopieën van de kluis en het sleutelbestand elders openen nog met het oude "
                "wachtwoord; vermoedt u dat iemand die heeft, gebruik dan --rotate."
            )
    finally:
        vault.lock()
    return 0
