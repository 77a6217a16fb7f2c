"""``inburg pip render``: the current PIP of a case as a PDF file (INTERFACES.md).

Exit codes beyond the shared ones: 3 wrong passphrase, 6 no such case,
10 the case has no PIP yet (nothing to render), 7 no complete translation of the annex
in ``--lang`` (the catalogue is incomplete for it). The PDF is written owner-only and
atomically, only where ``--out`` says.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from inburg_desktop.commands.common import (
    EXIT_CATALOGUE_INCOMPLETE,
    CommandError,
    add_vault_arg,
    open_vault,
)
from inburg_desktop.messages import error_text
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.services.files import export_file
from inburg_desktop.services.pip_editing import current_pdf
from inburg_desktop.services.pip_service import AnnexUnavailable, NoPip

EXIT_NO_PIP = 10


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pip = sub.add_parser("pip", help="het PIP (Plan Inburgering en Participatie) van een dossier")
    verbs = pip.add_subparsers(dest="verb", required=True)
    render = verbs.add_parser("render", help="het huidige PIP als PDF-bestand maken")
    add_vault_arg(render)
    render.add_argument("--case", required=True, dest="case_id", help="het dossiernummer (id)")
    render.add_argument(
        "--out", required=True, type=Path, help="het PDF-bestand dat geschreven wordt"
    )
    render.add_argument(
        "--lang",
        default=None,
        help="een samenvattende bijlage in deze taal toevoegen (bijv. ar, ti)",
    )
    render.set_defaults(handler=cmd_render)


def cmd_render(args: argparse.Namespace) -> int:
    out: Path = args.out
    vault = open_vault(args)
    try:
        pdf = current_pdf(vault, args.case_id, render_pip, lang=args.lang)
    except NoPip as exc:
        raise CommandError(f"{error_text(exc)} Stel eerst een PIP op.", EXIT_NO_PIP) from exc
    except AnnexUnavailable as exc:
        raise CommandError(error_text(exc), EXIT_CATALOGUE_INCOMPLETE) from exc
    finally:
        vault.lock()
    try:
        export_file(out, pdf)
    except OSError as exc:
        raise CommandError(f"kan {out} niet schrijven: {exc.strerror}", 1) from exc
    return 0
