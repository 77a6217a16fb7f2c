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

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from inburg_desktop import i18n
from inburg_desktop.domain.pip_annex import annex_contexts
from inburg_desktop.prompts.catalogue import Catalogue, load_catalogue
from inburg_desktop.prompts.translations import (
    PROMPTS_DOMAIN,
    SOURCE_LANGUAGE,
    UI_DOMAIN,
    UI_LANGUAGES,
    babel_locale_id,
    prompt_language_codes,
)

PROJECT = "inburg-desktop"
BUGS_ADDRESS = "inburg-desktop developers (see docs/translating.md)"
BABEL_CFG = "babel.cfg"
#: pybabel keywords of the UI domain (``ngettext`` takes singular and plural).
UI_KEYWORDS: dict[str, tuple[int, ...] | None] = {"_": None, "N_": None, "ngettext": (1, 2)}
COMMENT_TAG = "TRANSLATORS:"
CONCEPT_TRANSLATOR = "inburg-desktop concept (AI draft, not yet reviewed)"

_CREATION_DATE_RE = re.compile(rb'^"POT-Creation-Date: [^"]*"\n', re.MULTILINE)
_LANGUAGE_NAMES_EN = {"prs": "Dari", "ku": "Kurdish (Kurmanji)"}


def repo_root() -> Path:
    """The source checkout holding ``babel.cfg``; ``FileNotFoundError`` in an installed copy."""
    root = Path(__file__).resolve().parents[3]
    if not (root / BABEL_CFG).is_file():
        raise FileNotFoundError(f"{root / BABEL_CFG} not found: run this from a source checkout")
    return root


def template_path(domain: str, translations: Path | None = None) -> Path:
    base = translations if translations is not None else i18n.translations_dir()
    return base / domain / f"{domain}.pot"


def po_path(domain: str, language: str, translations: Path | None = None) -> Path:
    base = translations if translations is not None else i18n.translations_dir()
    return base / domain / language / "LC_MESSAGES" / f"{domain}.po"


def expected_plural_forms(language: str) -> str:
    """The CLDR plural rule as a gettext ``Plural-Forms`` value (Arabic: six forms)."""
    plural = get_plural(babel_locale_id(language))
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


# --- templates -----------------------------------------------------------------------------


def _new_template(title: str, version: str) -> Catalog:
    return Catalog(
        project=title,
        version=version,
        msgid_bugs_address=BUGS_ADDRESS,
        copyright_holder="inburg-desktop developers",
        charset="utf-8",
        fuzzy=False,
    )


def extract_ui_template(root: Path | None = None) -> Catalog:
    """The UI template, as ``pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 .``."""
    base = root if root is not None else repo_root()
    with (base / BABEL_CFG).open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, str(base / BABEL_CFG))  # type: ignore[no-untyped-call]
    from inburg_desktop import __version__

    template = _new_template(f"{PROJECT} ui", __version__)
    found = extract_from_dir(
        base,
        method_map,
        options_map,
        keywords=UI_KEYWORDS,
        comment_tags=(COMMENT_TAG,),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        template.add(
            message,
            None,
            [(Path(filename).as_posix(), lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def _prompt_comment(context: str) -> str:
    kind = context.split(".", 1)[0]
    if kind == "catalogue":
        return "The title of the intake catalogue."
    if kind == "prompt":
        return "A question to the newcomer: shown on the interpreter's screen and in the booklet."
    if ".hint." in context:
        return "A hint for the consultant (not shown to the newcomer)."
    if kind == "topic":
        return "The title of an intake topic."
    if context.endswith(".help"):
        return "Help text of an answer field (for the consultant)."
    if kind in ("option", "optionset") or ".option." in context:
        return "An answer option."
    return "The label of an answer field (for the consultant)."


def prompts_template(catalogue: Catalogue | None = None) -> Catalog:
    """The prompts template: every catalogue text, its ``msgctxt`` and a note for translators."""
    source = catalogue if catalogue is not None else load_catalogue()
    template = _new_template(f"{PROJECT} prompts ({source.id})", source.version)
    for context, text in source.all_prompt_texts():
        parts = context.split(".")
        topic = parts[1] if len(parts) > 2 else ""
        if parts[0] in ("topic", "prompt", "field") and topic in source.topic_ids:
            location = f"resources/prompts/topics/{topic}.toml"
        else:
            location = "resources/prompts/catalogue.toml"
        template.add(
            text,
            None,
            [(location, 0)],
            auto_comments=[_prompt_comment(context)],
            context=context,
        )
    for context, text in annex_contexts().items():
        template.add(
            text,
            None,
            [("src/inburg_desktop/domain/pip_annex.py", 0)],
            auto_comments=[
                "A sentence of the PIP summary for the newcomer; keep every {placeholder}."
            ],
            context=context,
        )
    return template


# --- writing -------------------------------------------------------------------------------


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


def message_is_translated(message: Message) -> bool:
    """True for a non-fuzzy message with every form filled in."""
    if message.fuzzy:
        return False
    if isinstance(message.string, tuple | list):
        return all(message.string)
    return bool(message.string)


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
    from inburg_desktop.prompts.catalog_check import check_catalogues, format_report

    report = check_catalogues()
    print(format_report(report))
    return 0 if report.ok else 7


if __name__ == "__main__":
    sys.exit(main())
