"""``inburg device enroll`` and ``inburg sync``: this vault and the office server."""

from __future__ import annotations

import argparse
import sys

from inburg_desktop.commands.common import (
    EXIT_REFUSED,
    EXIT_UNREACHABLE,
    CommandError,
    add_vault_arg,
    open_vault,
)
from inburg_desktop.domain.safe_text import terminal_safe, terminal_safe_json
from inburg_desktop.messages import error_text
from inburg_desktop.services import sync_round
from inburg_desktop.sync.transport import DeviceRefused, ServerUnreachable, SyncError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    device = sub.add_parser("device", help="enroll this vault's laptop with the office")
    verbs = device.add_subparsers(dest="verb", required=True)
    enroll = verbs.add_parser("enroll", help="enroll with a one-time code")
    add_vault_arg(enroll)
    enroll.add_argument("--server", required=True, help="office server URL")
    enroll.add_argument("--code", required=True, help="one-time code from inburg-office enroll")
    enroll.add_argument("--ca", help="CA certificate file to verify the server's TLS")
    enroll.set_defaults(handler=cmd_enroll)
    sync = sub.add_parser("sync", help="one sync round with the office server")
    add_vault_arg(sync)
    sync.add_argument("--server", help="office server URL (default: the enrolled one)")
    sync.add_argument("--ca", help="CA certificate file to verify the server's TLS")
    sync.set_defaults(handler=cmd_sync)


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
        answer = sync_round.enroll(vault, args.server, args.code, verify=args.ca or True)
    except SyncError as exc:
        raise _map_sync_error(exc) from exc
    finally:
        vault.lock()
    # Both come from the server: shown, never obeyed by the terminal.
    print(terminal_safe(f"Ingeschreven als apparaat {answer.device_id} voor {answer.consultant}."))
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    vault = open_vault(args)

    def progress(stage: str, done: int, total: int, moved: int) -> None:
        print(f"{stage}: {done}/{total} ({moved} bytes)", file=sys.stderr)

    try:
        summary = sync_round.sync(
            vault, server_url=args.server, verify=args.ca or True, progress=progress
        )
    except sync_round.NotEnrolled:
        raise CommandError(
            "deze kluis is nog niet ingeschreven: gebruik eerst inburg device enroll",
            EXIT_REFUSED,
        ) from None
    except SyncError as exc:
        raise _map_sync_error(exc) from exc
    finally:
        vault.lock()
    print(terminal_safe_json(summary.as_json(), indent=None))
    return 0
