"""``inburg catalog``: the translation catalogues (UI strings and intake prompts).

``inburg catalog booklet --lang LANG --out FILE.pdf`` writes the printable prompt booklet.
``inburg catalog check`` prints coverage per domain and language, placeholder and plural
problems and each language's review status; it exits 7 when anything is incomplete or
inconsistent (INTERFACES.md), 0 otherwise. The translations directory is the app's own,
or ``$INBURG_TRANSLATIONS_DIR``, or ``--translations DIR``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from inburg_desktop.commands.common import (
    EXIT_CATALOGUE_INCOMPLETE,
    CommandError,
    pdf_with_warnings,
)
from inburg_desktop.protocol.output_files import add_replace_argument


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    catalog = sub.add_parser("catalog", help="vertaalcatalogi: teksten van de app en de vragen")
    verbs = catalog.add_subparsers(dest="verb", required=True)
    check = verbs.add_parser(
        "check",
        help="dekking per taal en domein, plaatshouders, reviewstatus (exit 7: onvolledig)",
    )
    check.add_argument(
        "--translations",
        type=Path,
        default=None,
        help="de map met vertalingen (standaard die van de app, of $INBURG_TRANSLATIONS_DIR)",
    )
    check.add_argument("--json", action="store_true", help="het rapport als JSON (voor scripts)")
    check.add_argument(
        "--all-missing",
        action="store_true",
        help="elke ontbrekende vertaling noemen, niet alleen de eerste 10",
    )
    check.set_defaults(handler=cmd_check)
    booklet = verbs.add_parser(
        "booklet", help="een af te drukken PDF met elke vraag in TAAL naast het Nederlands"
    )
    booklet.add_argument("--lang", required=True, help="taal van de vragen, bijv. ar, ti, prs")
    booklet.add_argument(
        "--out", required=True, type=Path, help="het PDF-bestand dat geschreven wordt"
    )
    add_replace_argument(booklet)
    booklet.set_defaults(handler=cmd_booklet)


def cmd_booklet(args: argparse.Namespace) -> int:
    from inburg_desktop.pdf.booklet import render_booklet
    from inburg_desktop.prompts.catalogue import load_catalogue
    from inburg_desktop.prompts.translations import prompt_language_codes

    if args.lang not in prompt_language_codes():
        raise CommandError(
            f"onbekende taal {args.lang!r}; kies uit {', '.join(prompt_language_codes())}", 2
        )
    from inburg_desktop.services.files import export_file

    # Written like every file the user names: atomic, owner-only, errors in words.
    catalogue = load_catalogue()
    export_file(args.out, pdf_with_warnings(lambda: render_booklet(catalogue, args.lang)))
    print(args.out)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from inburg_desktop.prompts.catalog_check import check_catalogues, format_report

    report = check_catalogues(args.translations)
    if args.json:
        payload = {
            "ok": report.ok,
            "languages": [
                {
                    "domain": lang.domain,
                    "language": lang.language,
                    "total": lang.total,
                    "translated": lang.translated,
                    "fuzzy": lang.fuzzy,
                    "coverage": round(lang.coverage, 1),
                    "missing": lang.missing,
                    "review_status": lang.review.status if lang.review else None,
                    "reviewer": lang.review.reviewer if lang.review else None,
                    "review_date": lang.review.date if lang.review else None,
                }
                for lang in report.languages
            ],
            "problems": [str(problem) for problem in report.all_problems],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(format_report(report, max_missing=10**9 if args.all_missing else 10))
    return 0 if report.ok else EXIT_CATALOGUE_INCOMPLETE
