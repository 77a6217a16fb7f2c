"""``inburg device enroll`` and ``inburg sync``: this vault and the office server."""

from __future__ import annotations

import argparse
import sys

from inburg_desktop.commands.common import (
    EXIT_REFUSED,
    EXIT_UNREACHABLE,
    EXIT_USAGE,
    CommandError,
    add_vault_arg,
    open_vault,
)
from inburg_desktop.commands.human_text import progress_line, sync_lines
from inburg_desktop.commands.vault_cmd import recovery_line
from inburg_desktop.domain.safe_text import terminal_safe, terminal_safe_json
from inburg_desktop.messages import error_text
from inburg_desktop.services import sync_round
from inburg_desktop.sync.transport import DeviceRefused, ServerUnreachable, SyncError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    device = sub.add_parser("device", help="deze laptop inschrijven bij het kantoor")
    verbs = device.add_subparsers(dest="verb", required=True)
    enroll = verbs.add_parser("enroll", help="inschrijven met een eenmalige code")
    add_vault_arg(enroll)
    enroll.add_argument("--server", required=True, help="adres (URL) van de kantoorserver")
    enroll.add_argument("--code", required=True, help="eenmalige code van inburg-office enroll")
    enroll.add_argument("--ca", help="CA-certificaat om de TLS van de server te controleren")
    _unencrypted_arg(enroll)
    enroll.set_defaults(handler=cmd_enroll)
    sync = sub.add_parser("sync", help="één keer synchroniseren met de kantoorserver")
    add_vault_arg(sync)
    sync.add_argument(
        "--server",
        help=(
            "adres van de kantoorserver ter controle: alleen het adres waar deze laptop is "
            "ingeschreven wordt aanvaard (een ander adres: opnieuw inschrijven met een code)"
        ),
    )
    sync.add_argument("--ca", help="CA-certificaat om de TLS van de server te controleren")
    _unencrypted_arg(sync)
    sync.add_argument(
        "--json",
        action="store_true",
        help=(
            "de samenvatting als JSON, ook op een terminal (zonder terminal, in een script of "
            "pijp, is het altijd JSON; de sleutels blijven Engels en vast)"
        ),
    )
    sync.set_defaults(handler=cmd_sync)


def _unencrypted_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--onversleuteld",
        action="store_true",
        help="een http://-adres van een andere computer toch gebruiken: de verbinding is dan "
        "niet versleuteld (alleen als de applicatiebeheerder dat zegt)",
    )


def _url_refused(exc: sync_round.ServerUrlRefused) -> CommandError:
    """A --server address that cannot be used (exit 2), said as the window says it; for
    plain http to another computer, with how to confirm it."""
    text = error_text(exc)
    if exc.code == "server_url_unencrypted":
        text += " Bevestig dat met --onversleuteld; er is niets verstuurd."
    return CommandError(text, EXIT_USAGE)


def _map_sync_error(exc: SyncError) -> CommandError:
    text = error_text(exc)
    if isinstance(exc, DeviceRefused):
        return CommandError(text, EXIT_REFUSED)
    if isinstance(exc, ServerUnreachable):
        return CommandError(text, EXIT_UNREACHABLE)
    return CommandError(text, EXIT_UNREACHABLE)


def cmd_enroll(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        answer = sync_round.enroll(
            vault,
            args.server,
            args.code,
            verify=args.ca or True,
            unencrypted_ok=args.onversleuteld,
        )
    except sync_round.ServerUrlRefused as exc:
        raise _url_refused(exc) from None
    except SyncError as exc:
        raise _map_sync_error(exc) from exc
    finally:
        vault.lock()
    # Both come from the server: shown, never obeyed by the terminal.
    print(
        terminal_safe(
            f"Ingeschreven als apparaat {answer.device_id} voor {answer.consultant} "
            f"bij {answer.server_shown}."
        )
    )
    if answer.name_replaced is not None:
        print(
            terminal_safe(
                f"De code was gemaakt voor {answer.consultant}, niet voor {answer.name_replaced}: "
                f"uw naam als consulent op elk PIP is nu {answer.consultant} "
                "(wijzigen met inburg consulent --naam)."
            )
        )
    if answer.name_other_form is not None:
        print(
            terminal_safe(
                f"Het kantoor schrijft uw naam als {answer.consultant}, deze laptop als "
                f"{answer.name_other_form}. Besluiten die u nu neemt dragen de schrijfwijze "
                "van het kantoor; eerdere besluiten houden de naam waarmee ze zijn genomen."
            )
        )
    if answer.decisions_other_name:
        names = ", ".join(answer.decisions_other_name)
        print(
            terminal_safe(
                f"Besluiten die vóór de inschrijving zijn genomen onder de naam {names} zijn "
                f"niet aan {answer.consultant} toegeschreven en niet hernoemd: het kantoor "
                "weigert ze en zet ze apart (inburg sync). Neem ze zo nodig opnieuw."
            )
        )
    print(recovery_line(answer.recovery))
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    vault = open_vault(args)

    def progress(stage: str, done: int, total: int, moved: int) -> None:
        print(progress_line(stage, done, total, moved), file=sys.stderr)

    try:
        summary = sync_round.sync(
            vault,
            server_url=args.server,
            verify=args.ca or True,
            progress=progress,
            unencrypted_ok=args.onversleuteld,
        )
    except sync_round.ServerUrlRefused as exc:
        raise _url_refused(exc) from None
    except sync_round.NotEnrolled:
        raise CommandError(
            "deze kluis is nog niet ingeschreven: gebruik eerst inburg device enroll",
            EXIT_REFUSED,
        ) from None
    except SyncError as exc:
        raise _map_sync_error(exc) from exc
    finally:
        vault.lock()
    # INTERFACES.md: `inburg sync` prints a JSON summary, and scripts rely on it. People at
    # a terminal read sentences; a pipe or a file gets the JSON, as it always did.
    if args.json or not sys.stdout.isatty():
        print(terminal_safe_json(summary.as_json(), indent=None))
    else:
        print("\n".join(sync_lines(summary)))
    return 0
