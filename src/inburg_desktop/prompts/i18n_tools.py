"""Keep the gettext catalogues in step with their sources: extract, update, compile.

Two domains live under ``translations/``:

* ``ui``: the UI strings, extracted from ``src/`` with ``pybabel extract`` (``babel.cfg``,
  keywords ``_``, ``N_`` and ``ngettext``). Dutch is the source: ``nl/ui.po`` is kept as an
  identity catalogue, ``en/ui.po`` is a translation.
* ``prompts``: the intake prompt catalogue, one entry per ``Catalogue.all_prompt_texts``
  item with the item's ``msgctxt``.

Commands, from a checkout (``docs/translating.md``)::

    python -m inburg_desktop.prompts.i18n_tools update    # extract both .pot, update every .po
    python -m inburg_desktop.prompts.i18n_tools compile   # every .po -> .mo (build, install)
    python -m inburg_desktop.prompts.i18n_tools check     # same report as `inburg catalog check`

``update`` only rewrites a file whose content changed (the ``POT-Creation-Date`` line
aside), so re-running it is quiet and keeps the ``.po`` files' times meaningful.
"""

from __future__ import annotations

import argparse
import copy
import io
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from inburg_desktop import i18n
from inburg_desktop.prompts.catalog_check import check_catalogues, format_report
from inburg_desktop.prompts.templates import (
    BUGS_ADDRESS,
    expected_plural_forms,
    extract_ui_template,
    po_path,
    prompts_template,
    template_path,
)
from inburg_desktop.prompts.translations import (
    PROMPTS_DOMAIN,
    SOURCE_LANGUAGE,
    UI_DOMAIN,
    UI_LANGUAGES,
    babel_locale_id,
    prompt_language_codes,
)

CONCEPT_TRANSLATOR = "inburg-desktop concept (AI draft, not yet reviewed)"

_CREATION_DATE_RE = re.compile(rb'^"POT-Creation-Date: [^"]*"\n', re.MULTILINE)
_LANGUAGE_NAMES_EN = {"prs": "Dari", "ku": "Kurdish (Kurmanji)"}


def _serialise(catalog: Catalog, *, ui: bool) -> bytes:
    # UI catalogues: file names without line numbers, messages sorted by msgid, so a change
    # elsewhere in a source file does not rewrite the catalogue and two branches adding
    # strings rarely touch the same lines. The prompts domain keeps the catalogue's order,
    # which is the order translators read the intake in.
    out = io.BytesIO()
    write_po(out, catalog, width=76, include_lineno=not ui, sort_output=ui)
    return out.getvalue()


def write_if_changed(path: Path, catalog: Catalog) -> bool:
    """Write ``catalog`` to ``path`` unless only its ``POT-Creation-Date`` would change."""
    data = _serialise(catalog, ui=path.stem == UI_DOMAIN)
    if path.exists():
        old = path.read_bytes()
        if _CREATION_DATE_RE.sub(b"", old) == _CREATION_DATE_RE.sub(b"", data):
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def _language_team(language: str) -> str:
    from babel import Locale

    name = _LANGUAGE_NAMES_EN.get(language)
    if name is None:
        name = Locale.parse(babel_locale_id(language)).get_display_name("en") or language
    return str(name)


def _new_po(domain: str, language: str, template: Catalog) -> Catalog:
    catalog = Catalog(
        locale=language,
        domain=domain,
        project=template.project,
        version=template.version,
        msgid_bugs_address=BUGS_ADDRESS,
        copyright_holder="inburg-desktop developers",
        charset="utf-8",
        fuzzy=False,
        last_translator=CONCEPT_TRANSLATOR,
        language_team=_language_team(language),
        revision_date=datetime.now(UTC),
    )
    catalog.mime_headers = [("Plural-Forms", expected_plural_forms(language))]
    return catalog


def _fill_identity(catalog: Catalog) -> None:
    """The source language translates every msgid to itself."""
    for message in catalog:
        if not message.id:
            continue
        message.string = message.id
        message.flags.discard("fuzzy")


def update_po(domain: str, language: str, template: Catalog, translations: Path) -> bool:
    """Merge ``template`` into the ``.po`` of ``language`` (created when missing)."""
    path = po_path(domain, language, translations)
    if path.exists():
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=None, domain=domain)
    else:
        catalog = _new_po(domain, language, template)
    catalog.mime_headers = [("Plural-Forms", expected_plural_forms(language))]
    # Catalog.update adopts the template's Message objects: give each language its own
    catalog.update(copy.deepcopy(template), no_fuzzy_matching=False, update_creation_date=True)
    if language == SOURCE_LANGUAGE:
        _fill_identity(catalog)
    return write_if_changed(path, catalog)


def update_all(
    translations: Path | None = None,
    *,
    root: Path | None = None,
    ui: bool = True,
    prompts: bool = True,
    extra_prompt_languages: Sequence[str] = (),
) -> list[Path]:
    """Re-extract both templates and merge them into every ``.po``; returns changed files."""
    base = translations if translations is not None else i18n.translations_dir()
    changed: list[Path] = []
    jobs: list[tuple[str, Catalog, Iterable[str]]] = []
    if ui:
        jobs.append((UI_DOMAIN, extract_ui_template(root), UI_LANGUAGES))
    if prompts:
        prompt_codes = (*prompt_language_codes(), *extra_prompt_languages)
        jobs.append((PROMPTS_DOMAIN, prompts_template(), prompt_codes))
    for domain, template, languages in jobs:
        pot = template_path(domain, base)
        if write_if_changed(pot, template):
            changed.append(pot)
        for language in languages:
            if update_po(domain, language, template, base):
                changed.append(po_path(domain, language, base))
    return changed


def all_po_files(translations: Path | None = None) -> list[Path]:
    base = translations if translations is not None else i18n.translations_dir()
    return sorted(base.glob("*/*/LC_MESSAGES/*.po"))


def compile_all(translations: Path | None = None, *, force: bool = False) -> list[Path]:
    """Compile every ``.po`` whose ``.mo`` is missing or older (all with ``force``)."""
    written: list[Path] = []
    for po in all_po_files(translations):
        mo = po.with_suffix(".mo")
        if force and mo.exists():
            mo.unlink()
        if i18n.is_stale(po, mo):
            i18n.compile_if_stale(po, mo)
            written.append(mo)
    return written


# --- command line --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m inburg_desktop.prompts.i18n_tools",
        description="Extract, update and compile the gettext catalogues under translations/.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    update = sub.add_parser("update", help="re-extract ui.pot and prompts.pot, update every .po")
    update.add_argument("--only", choices=(UI_DOMAIN, PROMPTS_DOMAIN), default=None)
    update.add_argument(
        "--add-language",
        action="append",
        default=[],
        metavar="CODE",
        help="start a prompts .po for a new language (also add it to PROMPT_LANGUAGES)",
    )
    comp = sub.add_parser("compile", help="compile every .po into its .mo")
    comp.add_argument("--force", action="store_true", help="recompile even when up to date")
    sub.add_parser("check", help="coverage, placeholders, plural forms (exit 7 when incomplete)")
    args = parser.parse_args(argv)

    if args.command == "update":
        changed = update_all(
            ui=args.only in (None, UI_DOMAIN),
            prompts=args.only in (None, PROMPTS_DOMAIN),
            extra_prompt_languages=args.add_language,
        )
        for path in changed:
            print(f"updated {path}")
        if not changed:
            print("all catalogues up to date")
        return 0
    if args.command == "compile":
        for path in compile_all(force=args.force):
            print(f"compiled {path}")
        return 0
    report = check_catalogues()
    print(format_report(report))
    return 0 if report.ok else 7


if __name__ == "__main__":
    sys.exit(main())
