"""``inburg vault init|check|rekey [--rotate]|recovery-request|recover``.

``rekey`` re-wraps the vault key under a new passphrase (seconds, the vault file is not
touched); ``rekey --rotate`` also re-encrypts the vault under a new raw key, for a
suspected compromise (docs/vault.md says what each protects against).
``recovery-request`` and ``recover`` are the laptop's half of recovery through the office
when the passphrase is forgotten (docs/recovery.md).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from inburg_desktop.commands.common import (
    EXIT_DAMAGED,
    EXIT_INVALID_FILE,
    EXIT_REFUSED,
    EXIT_USAGE,
    EXIT_WRONG_PASSPHRASE,
    CommandError,
    add_vault_arg,
    open_vault,
    read_passphrase,
    vault_path,
)
from inburg_desktop.counts import dutch_count
from inburg_desktop.domain.file_input import FileRefused, read_bounded
from inburg_desktop.domain.json_input import describe_os_error
from inburg_desktop.services import vault_session
from inburg_desktop.services.errors import RecoveryRefused
from inburg_desktop.services.files import export_file
from inburg_desktop.services.vault_session import (
    MAX_RECOVERY_DOCUMENT_BYTES,
    NO_RECOVERY,
    TEST_KDF,
    KdfParams,
    RecoveryState,
    normalise,
)

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
    request = verbs.add_parser(
        "recovery-request",
        help="wachtwoord vergeten: een herstelverzoek voor het kantoor maken (zonder wachtwoord)",
    )
    add_vault_arg(request)
    request.add_argument(
        "--out", type=Path, required=True, metavar="BESTAND", help="het herstelverzoek (JSON)"
    )
    request.set_defaults(handler=cmd_recovery_request)
    recover = verbs.add_parser(
        "recover",
        help="het herstelantwoord van het kantoor toepassen en meteen een nieuw wachtwoord kiezen",
    )
    add_vault_arg(recover)
    recover.add_argument(
        "--response",
        type=Path,
        required=True,
        metavar="BESTAND",
        help="het herstelantwoord van inburg-office recover",
    )
    recover.set_defaults(handler=cmd_recover)


def recovery_line(state: RecoveryState) -> str:
    """What the vault's recovery state means, in one line (DESIGN.md "Key management")."""
    if state.possible:
        return f"Herstel via de gemeente: mogelijk (herstelsleutel van het kantoor {state.key_id})."
    return "Herstel via de gemeente: nog niet; pas na aanmelding bij het kantoor."


def cmd_init(args: argparse.Namespace) -> int:
    path = vault_path(args)
    passphrase = read_passphrase()
    if len(normalise(passphrase)) < MIN_PASSPHRASE:
        raise CommandError(f"het wachtwoord moet minstens {MIN_PASSPHRASE} tekens hebben", 2)
    vault = vault_session.create(path, passphrase, kdf_from_env())
    print(f"Kluis aangemaakt: {path}")
    print("Let op: zonder dit wachtwoord is de kluis niet te openen.")
    print(recovery_line(NO_RECOVERY))
    vault.lock()
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    vault = open_vault(args, reads_only=True)
    try:
        checked = vault_session.check(vault)
        recovery = vault_session.recovery_state(vault)
    finally:
        vault.lock()
    report, retired = checked.report, checked.retired_backups
    cases = dutch_count("{n} dossier", "{n} dossiers", report.cases)
    print(f"kluis {report.vault_id}: schema {report.schema_revision}, {cases}")
    print(recovery_line(recovery))
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


def cmd_recovery_request(args: argparse.Namespace) -> int:
    """``inburg vault recovery-request``: exit 9 when the vault has no recovery."""
    path = vault_path(args)
    try:
        data = vault_session.recovery_request(path)
    except RecoveryRefused as exc:
        if exc.code == "recovery_not_enrolled":
            raise CommandError(
                "deze kluis kan niet via het kantoor worden hersteld: hij was nooit aangemeld "
                "bij een kantoor met een herstelsleutel",
                EXIT_REFUSED,
            ) from None
        raise
    export_file(args.out, data)
    print(f"Herstelverzoek geschreven naar {args.out}.")
    print(
        "Stuur dit bestand naar het kantoor. Het kantoor geeft u een herstelantwoord en, "
        "via een ander kanaal, een eenmalig wachtwoord; voer dan uit: inburg vault recover "
        f"--vault {path} --response BESTAND"
    )
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    """``inburg vault recover``: the one-time passphrase (``INBURG_RECOVERY_PASSPHRASE``
    or asked) and a new passphrase (``INBURG_NEW_PASSPHRASE`` or asked); exit 3 for a
    wrong one-time passphrase, 5 for a response that is damaged or another vault's."""
    path = vault_path(args)
    try:
        response = read_bounded(args.response, MAX_RECOVERY_DOCUMENT_BYTES)
    except FileRefused:
        raise CommandError(
            f"{args.response} is geen herstelantwoord; de kluis is niet gewijzigd",
            EXIT_INVALID_FILE,
        ) from None
    except OSError as exc:
        raise CommandError(f"{args.response}: {describe_os_error(exc)}", EXIT_USAGE) from None
    temporary = read_passphrase(
        "INBURG_RECOVERY_PASSPHRASE", "Eenmalig wachtwoord van het kantoor: "
    )
    new = read_passphrase("INBURG_NEW_PASSPHRASE", "Nieuw wachtwoord: ")
    if len(normalise(new)) < MIN_PASSPHRASE:
        raise CommandError(f"het nieuwe wachtwoord moet minstens {MIN_PASSPHRASE} tekens hebben", 2)
    try:
        vault = vault_session.recover(path, response, temporary, new, kdf_from_env())
    except RecoveryRefused as exc:
        if exc.code == "recovery_wrong_temporary_passphrase":
            raise CommandError(
                "het eenmalige wachtwoord past niet bij dit herstelantwoord; de kluis is niet "
                "gewijzigd",
                EXIT_WRONG_PASSPHRASE,
            ) from None
        raise
    vault.lock()
    print("Kluis hersteld: hij opent nu alleen met uw nieuwe wachtwoord.")
    print("Het vergeten wachtwoord en het eenmalige wachtwoord openen hem niet meer.")
    return 0
