"""``inburg pip render``: the current PIP of a case as a PDF file (INTERFACES.md).

The annex is in the newcomer's preferred language (from the case) unless ``--lang``
names another, or ``--lang nl`` asks for none; a preferred language without a complete
annex gives the PIP without one and says so on stderr. The PIP names the consultant set
with ``inburg consulent --naam`` (or the enrolled one); without a name nothing is
rendered: a PIP never says "uw consulent" where a name belongs. While the letterhead is
still the placeholder the PDF is made (it says so in small print) and stderr says so in
the words the GUI's confirmation uses (``domain.pip_sender``), so it is not sent unseen.

Exit codes beyond the shared ones: 3 wrong passphrase, 6 no such case,
10 the case has no PIP yet (nothing to render), 7 no complete translation of the annex
in ``--lang`` (the catalogue is incomplete for it), 17 no consultant's name set, 18 the
case's stored PIP is damaged (its versions do not load as one PIP: a value restored,
pulled from an older office or written by another program; nothing is written, and the
message names the part, never a value; attack round 7, finding 14: this was exit 70,
"unexpected error"). The PDF is written owner-only and atomically, only where ``--out``
says.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from inburg_desktop.commands.common import (
    EXIT_CATALOGUE_INCOMPLETE,
    CommandError,
    add_vault_arg,
    open_vault,
    pdf_with_warnings,
)
from inburg_desktop.domain.pip import PipFormatError
from inburg_desktop.domain.safe_text import terminal_safe
from inburg_desktop.messages import error_text
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.protocol.output_files import add_replace_argument
from inburg_desktop.services.consulent import ConsulentOnbekend
from inburg_desktop.services.files import export_file
from inburg_desktop.services.pip_editing import current_pdf, preferred_annex, sender_gaps
from inburg_desktop.services.pip_service import AnnexUnavailable, NoPip

EXIT_NO_PIP = 10
EXIT_NO_CONSULENT = 17
EXIT_PIP_DAMAGED = 18
NO_ANNEX = ("nl", "geen")
# INTERFACES.md: `--lang` adds the annex; without it the PIP is Dutch only, as scripts expect.
PREFERRED = "voorkeur"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pip = sub.add_parser("pip", help="het PIP (Plan Inburgering en Participatie) van een dossier")
    verbs = pip.add_subparsers(dest="verb", required=True)
    render = verbs.add_parser("render", help="het huidige PIP als PDF-bestand maken")
    add_vault_arg(render)
    render.add_argument("--case", required=True, dest="case_id", help="het dossiernummer (id)")
    render.add_argument(
        "--out", required=True, type=Path, help="het PDF-bestand dat geschreven wordt"
    )
    add_replace_argument(render)
    render.add_argument(
        "--lang",
        default=None,
        help="een samenvattende bijlage in deze taal toevoegen (bijv. ar, ti); 'voorkeur' "
        "voor de voorkeurstaal van de inburgeraar",
    )
    render.set_defaults(handler=cmd_render)


def cmd_render(args: argparse.Namespace) -> int:
    out: Path = args.out
    vault = open_vault(args, reads_only=True)  # the PDF goes to --out, not the vault
    try:
        lang: str | None = args.lang
        if lang is not None and lang.lower() == PREFERRED:
            lang, wanted = preferred_annex(vault, args.case_id)
            if lang is None and wanted is not None:
                print(
                    f"inburg: geen volledige vertaling van de samenvatting in de voorkeurstaal "
                    f"({terminal_safe(wanted)}); het PIP is zonder bijlage gemaakt",
                    file=sys.stderr,
                )
        elif lang is not None and lang.lower() in NO_ANNEX:
            lang = None
        pdf = pdf_with_warnings(
            lambda: current_pdf(vault, args.case_id, render_pip, lang=lang), decision=True
        )
        gaps = sender_gaps(vault, args.case_id)
    except NoPip as exc:
        raise CommandError(f"{error_text(exc)} Stel eerst een PIP op.", EXIT_NO_PIP) from exc
    except AnnexUnavailable as exc:
        raise CommandError(error_text(exc), EXIT_CATALOGUE_INCOMPLETE) from exc
    except PipFormatError as exc:
        raise CommandError(f"{error_text(exc)} Er is geen PDF gemaakt.", EXIT_PIP_DAMAGED) from exc
    except ConsulentOnbekend as exc:
        raise CommandError(
            f"{error_text(exc)} Stel de naam in met: inburg consulent --naam NAAM",
            EXIT_NO_CONSULENT,
        ) from exc
    finally:
        vault.lock()
    # A full disk, read-only medium, missing folder or device in the way exits with the
    # README's code and the Dutch sentence naming --out (services.files.export_file).
    export_file(out, pdf)
    for gap in gaps:
        print(f"inburg: let op: {gap.render()}", file=sys.stderr)
    return 0
