"""``inburg case import|list|show|export``.

What comes from the vault is printed through ``terminal_safe``/``terminal_safe_json``: a
name that still holds a control or bidi character (stored before import refused them, or
pulled from the office) shows it as a visible escape instead of acting on the terminal.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from inburg_desktop.commands.common import (
    EXIT_EXISTS,
    EXIT_INVALID_FILE,
    EXIT_REFUSED,
    EXIT_USAGE,
    CommandError,
    add_vault_arg,
    open_vault,
    pdf_with_warnings,
)
from inburg_desktop.commands.human_text import list_line, show_lines
from inburg_desktop.domain.handover import HandoverError, read_handover_file
from inburg_desktop.domain.json_input import describe_os_error
from inburg_desktop.domain.safe_text import terminal_safe, terminal_safe_json
from inburg_desktop.messages import error_text
from inburg_desktop.protocol.case_export_args import add_case_export_arguments
from inburg_desktop.protocol.output_files import add_replace_argument
from inburg_desktop.services.case_import import import_case
from inburg_desktop.services.case_list import CaseListRow, case_rows
from inburg_desktop.services.case_status import status_of
from inburg_desktop.services.files import export_file
from inburg_desktop.services.gemeenten import GemeenteGeweigerd


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    case = sub.add_parser("case", help="dossiers importeren, tonen en opsommen")
    verbs = case.add_subparsers(dest="verb", required=True)
    imp = verbs.add_parser("import", help="een overdrachtsbestand (warme overdracht) importeren")
    add_vault_arg(imp)
    imp.add_argument("file", type=Path, metavar="BESTAND", help="het overdrachtsbestand (JSON)")
    imp.add_argument(
        "--gemeente",
        metavar="NAAM|CODE",
        help="de gemeente van het nieuwe dossier (naam of CBS-code, zoals GM0629): een van "
        "de gemeenten waarvoor u werkt; nodig als u voor meer dan één gemeente werkt",
    )
    imp.set_defaults(handler=cmd_import)
    lst = verbs.add_parser("list", help="de dossiers in de kluis opsommen")
    add_vault_arg(lst)
    lst.add_argument(
        "--json",
        action="store_true",
        help="als JSON, voor scripts (de sleutels blijven Engels en vast)",
    )
    lst.set_defaults(handler=cmd_list)
    show = verbs.add_parser("show", help="één dossier met de berekende termijnen en status")
    add_vault_arg(show)
    show.add_argument("case_id", metavar="DOSSIER", help="het dossiernummer (id)")
    show.add_argument(
        "--json",
        action="store_true",
        help="als JSON, voor scripts (de sleutels blijven Engels en vast)",
    )
    show.set_defaults(handler=cmd_show)
    export = verbs.add_parser(
        "export",
        help="alles wat de kluis over één persoon heeft: als inburg-case/1-document (JSON) "
        "of als leesbaar overzicht (PDF, AVG art. 15)",
    )
    add_vault_arg(export)
    add_case_export_arguments(export, doel_note="alleen voor JSON")
    export.set_defaults(handler=cmd_export)
    readable = verbs.add_parser(
        "pdf",
        help="het leesbare overzicht (AVG art. 15) van een inburg-case/1-document, "
        "bijvoorbeeld een export van het kantoor",
    )
    readable.add_argument(
        "file",
        type=Path,
        metavar="DOCUMENT",
        help="het inburg-case/1-document (- : standaardinvoer)",
    )
    readable.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="BESTAND.pdf",
        help="het PDF-bestand (- : standaarduitvoer)",
    )
    add_replace_argument(readable)
    readable.set_defaults(handler=cmd_pdf)


def cmd_import(args: argparse.Namespace) -> int:
    path: Path = args.file
    document = _case_document_bytes(path)
    if document is not None:
        return _import_case_document(args, document)
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
        imported = import_case(vault, handover, args.gemeente, required=True)
    except GemeenteGeweigerd as exc:
        raise CommandError(f"{error_text(exc)} Er is niets geïmporteerd.", EXIT_USAGE) from exc
    finally:
        vault.lock()
    print(imported.case_id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    vault = open_vault(args, reads_only=True)
    try:
        rows = case_rows(vault, search=False)
    finally:
        vault.lock()
    if args.json:
        print(terminal_safe_json([list_doc(row) for row in rows]))
        return 0
    twins = same_v_nummer(rows)
    for row in rows:
        line = list_line({**list_doc(row), "deadlines": deadlines_doc(row)})
        # the gemeente by name when the consultant works for several (as the app's list)
        print(f"{line}  {terminal_safe(row.gemeente_naam)}" if row.gemeente_naam else line)
        if row.id in twins:
            print(
                f"    let op: V-nummer {terminal_safe(row.v_nummer or '')} staat ook in dossier "
                f"{', '.join(terminal_safe(other) for other in twins[row.id])}: dezelfde persoon "
                "twee keer, of een tikfout"
            )
    return 0


def same_v_nummer(rows: list[CaseListRow]) -> dict[str, list[str]]:
    """Per case whose V-nummer another case of ``rows`` holds too, the ids of those other
    cases, in list order (usability round 9 #9: two rows of one person, with nothing to
    tell them apart). The V-nummer is the person's IND number (Vreemdelingencirculaire
    B1/1.2): one person, one number."""
    holders: dict[str, list[str]] = {}
    for row in rows:
        if row.v_nummer:
            holders.setdefault(row.v_nummer, []).append(row.id)
    return {
        case_id: [other for other in ids if other != case_id]
        for ids in holders.values()
        if len(ids) > 1
        for case_id in ids
    }


def list_doc(row: CaseListRow) -> dict[str, Any]:
    """One case of ``inburg case list --json`` (INTERFACES.md): its status as of today."""
    return {
        "id": row.id,
        "given_names": row.given_names,
        "family_name": row.family_name,
        "doelgroep": row.doelgroep,
        "brp_registration": row.brp_registration.isoformat(),
        "pip_deadline": None if row.pip_deadline is None else row.pip_deadline.isoformat(),
        "plichtig": row.plichtig,
        "intake": {"topics_total": row.topics_total, "topics_covered": row.topics_covered},
        "pip_status": row.pip_status,
        "gemeente": row.gemeente,  # a CBS code, null when none is recorded (issue 16 item 5)
    }


def deadlines_doc(row: CaseListRow) -> dict[str, Any]:
    """What the list line says of the PIP deadline (``human_text.pip_deadline_text``)."""
    return {
        "niet_plichtig": not row.plichtig,
        "pip_deadline": None if row.pip_deadline is None else row.pip_deadline.isoformat(),
        "pip_deadline_provisional": row.pip_deadline_provisional,
    }


def cmd_show(args: argparse.Namespace) -> int:
    vault = open_vault(args, reads_only=True)
    try:
        status = status_of(vault, args.case_id)
    finally:
        vault.lock()
    doc = status.as_json()
    if args.json:
        print(terminal_safe_json(doc))
        return 0
    print("\n".join(show_lines(doc)))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write everything the vault holds about one person to ``--out``: the ``inburg-case/1``
    document for ``.json`` (docs/inburg-case-1.md), the readable overview for ``.pdf``
    (AVG art. 15; ``services.subject_access``). Another suffix: exit 2, nothing written."""
    # Imported here: the format's checks and ReportLab are not needed by the other verbs
    # (cold start).
    from inburg_desktop.domain.case_document import CaseDocumentError, Doel
    from inburg_desktop.formatting import reason_text
    from inburg_desktop.services.case_export import export_case_json, export_case_pdf

    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in (".json", ".pdf"):
        raise CommandError(
            "--out moet op .json (het inburg-case/1-document) of .pdf (het leesbare "
            "overzicht) eindigen; er is niets geschreven",
            EXIT_USAGE,
        )
    vault = open_vault(args, reads_only=True)  # the document goes to --out, not the vault
    try:
        if suffix == ".pdf":
            from inburg_desktop.pdf.subject_access import render_subject_access

            data = pdf_with_warnings(
                lambda: export_case_pdf(vault, args.case_id, render_subject_access)
            )
        else:
            data = export_case_json(vault, args.case_id, Doel(args.doel))
    except CaseDocumentError as exc:
        # a value stored before the office held it to the document's rule (attack round
        # 8, finding 2): said with its place, not an internal error
        where = f", {exc.path}" if exc.path else ""
        raise CommandError(
            f"het dossier bevat een waarde die het inburg-case/1-document niet kan dragen"
            f"{where}: {reason_text(exc.reason)}; er is niets geschreven",
            EXIT_REFUSED,
        ) from exc
    finally:
        vault.lock()
    export_file(out, data)
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    """``inburg case pdf DOCUMENT --out FILE.pdf``: the readable overview of an
    ``inburg-case/1`` document (the office's export, a document handed in), checked by the
    format's strict reader first; no vault is opened. ``-`` for DOCUMENT reads standard
    input, for ``--out`` writes the PDF's bytes to standard output (so a caller passes a
    case through pipes, never a file). Exit 5 for a refused document."""
    from inburg_desktop.domain.case_document import MAX_DOCUMENT_BYTES, CaseDocumentError, loads
    from inburg_desktop.domain.file_input import FileRefused, read_bounded
    from inburg_desktop.formatting import reason_text
    from inburg_desktop.pdf.subject_access import render_subject_access
    from inburg_desktop.services.subject_access import build_report

    out: Path = args.out
    to_stdout = str(out) == "-"
    if not to_stdout and out.suffix.lower() != ".pdf":
        raise CommandError("--out moet op .pdf eindigen; er is niets geschreven", EXIT_USAGE)
    try:
        if str(args.file) == "-":
            # from a pipe (the office's export: the case never touches its disk, attack
            # round 8, finding 6), bounded like a file
            data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
            if len(data) > MAX_DOCUMENT_BYTES:
                raise CommandError(
                    "het document op standaardinvoer is te groot; er is niets geschreven",
                    EXIT_INVALID_FILE,
                )
        else:
            data = read_bounded(args.file, MAX_DOCUMENT_BYTES)
    except OSError as exc:
        raise CommandError(
            f"kan {args.file} niet lezen: {describe_os_error(exc)}", EXIT_INVALID_FILE
        ) from None
    except FileRefused as exc:
        raise CommandError(f"{args.file}: {exc.problem}", EXIT_INVALID_FILE) from None
    try:
        document = loads(data)
    except CaseDocumentError as exc:
        where = f", {exc.path}" if exc.path else ""
        raise CommandError(
            f"ongeldig dossierdocument{where}: {reason_text(exc.reason)}; er is niets geschreven",
            EXIT_INVALID_FILE,
        ) from exc
    pdf = pdf_with_warnings(lambda: render_subject_access(build_report(document)))
    if to_stdout:
        sys.stdout.buffer.write(pdf)
        sys.stdout.buffer.flush()
    else:
        export_file(out, pdf)
    return 0


CASE_DOCUMENT_FORMAT = re.compile(rb'"format"\s*:\s*"inburg-case/')


def _case_document_bytes(path: Path) -> bytes | None:
    """The bytes of ``path`` when it looks like an ``inburg-case/N`` document rather than
    a handover file: its ``format`` value names that family (the reader that follows
    checks the whole of it; the key may stand anywhere, the document's keys are sorted).
    Read once and handed on. Unreadable or too large: ``None``, so the handover reader
    words the problem as it always has."""
    from inburg_desktop.domain.case_document import MAX_DOCUMENT_BYTES
    from inburg_desktop.domain.file_input import FileRefused, read_bounded

    try:
        data = read_bounded(path, MAX_DOCUMENT_BYTES)
    except (OSError, FileRefused):
        return None
    return data if CASE_DOCUMENT_FORMAT.search(data) is not None else None


def _import_case_document(args: argparse.Namespace, data: bytes) -> int:
    """``inburg case import`` of an ``inburg-case/1`` document (docs/inburg-case-1.md): all
    or nothing; exit 5 naming the path of the first bad value, 1 when the vault already
    holds the case."""
    from inburg_desktop.domain.case_document import CaseDocumentError
    from inburg_desktop.formatting import reason_text
    from inburg_desktop.services.case_document_import import (
        CaseDocumentRefused,
        import_case_document,
    )

    vault = open_vault(args)
    try:
        imported = import_case_document(vault, data)
    except CaseDocumentError as exc:
        where = f", {exc.path}" if exc.path else ""
        raise CommandError(
            f"ongeldig dossierdocument{where}: {reason_text(exc.reason)}; er is niets geïmporteerd",
            EXIT_INVALID_FILE,
        ) from exc
    except CaseDocumentRefused as exc:
        code = EXIT_EXISTS if exc.code == "case_document_exists" else EXIT_INVALID_FILE
        raise CommandError(error_text(exc), code) from exc
    finally:
        vault.lock()
    print(imported.case_id)
    return 0
