"""The arguments of ``case export``, shared by ``inburg`` and ``inburg-office``.

Both programs export one case as an ``inburg-case/1`` document or as the readable
overview (docs/inburg-case-1.md); their ``case export`` takes the same arguments, so
scripts written for one work for the other. Defined once here (the protocol is what the
laptop and the office share) so the two cannot drift apart.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from inburg_desktop.domain.case_document import Doel
from inburg_desktop.protocol.output_files import add_replace_argument

_DOEL_HELP = {
    Doel.INZAGE: "het eigen afschrift van de persoon (AVG art. 15 en 20, standaard)",
    Doel.OVERDRACHT: "naar een andere gemeente of consulent (Besluit art. 5.3 lid 3)",
}


def add_case_export_arguments(parser: argparse.ArgumentParser, *, doel_note: str = "") -> None:
    """Add ``DOSSIER``, ``--out BESTAND``, ``--vervang`` (``protocol.output_files``: an
    exported case can be made again) and ``--doel`` to ``parser``.

    ``--doel`` takes the values of :class:`~inburg_desktop.domain.case_document.Doel`
    (default ``inzage``); ``doel_note`` is appended to its help, for what one program adds
    (the laptop: "alleen voor JSON").
    """
    parser.add_argument("case_id", metavar="DOSSIER", help="het dossiernummer (id)")
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="BESTAND",
        help="BESTAND.json (het inburg-case/1-document) of BESTAND.pdf (het leesbare overzicht)",
    )
    add_replace_argument(parser)
    doel_help = "; ".join(f"{doel.value}: {text}" for doel, text in _DOEL_HELP.items())
    parser.add_argument(
        "--doel",
        choices=[doel.value for doel in Doel],
        default=Doel.INZAGE.value,
        help=doel_help + (f"; {doel_note}" if doel_note else ""),
    )
