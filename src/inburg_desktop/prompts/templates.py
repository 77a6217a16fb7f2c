"""What the gettext catalogues should hold: their templates, paths and plural forms.

* the ``ui`` template is extracted from ``src/`` (``babel.cfg``; keywords ``_``, ``N_``,
  ``ngettext``), the ``prompts`` template from the prompt catalogue (one entry per prompt
  text, with its ``msgctxt``) and the PIP annex texts;
* :func:`template_path` and :func:`po_path` say where a domain's ``.pot`` and ``.po`` live;
* :func:`expected_plural_forms` is the ``Plural-Forms`` header CLDR gives a language.

Both the tools that write catalogues (``i18n_tools``) and the check that reads them
(``catalog_check``) use this module; it imports neither of them.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.plurals import get_plural

import inburg_desktop
from inburg_desktop import i18n
from inburg_desktop.domain.pip_annex import annex_contexts
from inburg_desktop.domain.subject_access import rights_contexts
from inburg_desktop.domain.voortgang_prompts import talk_contexts
from inburg_desktop.prompts.catalogue import Catalogue, load_catalogue
from inburg_desktop.prompts.translations import babel_locale_id

PROJECT = "inburg-desktop"
BUGS_ADDRESS = "inburg-desktop developers (see docs/translating.md)"
BABEL_CFG = "babel.cfg"
#: pybabel keywords of the UI domain (``ngettext`` and ``counts.count`` take singular and
#: plural).
UI_KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "count": (1, 2),
}
COMMENT_TAG = "TRANSLATORS:"


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
    """The UI template, as
    ``pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 -k count:1,2 .``."""
    base = root if root is not None else repo_root()
    with (base / BABEL_CFG).open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, str(base / BABEL_CFG))  # type: ignore[no-untyped-call]

    template = _new_template(f"{PROJECT} ui", inburg_desktop.__version__)
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
    # the texts that live in code rather than in the catalogue's TOML, with where they
    # come from and what a translator must know
    coded = (
        (
            annex_contexts(),
            "src/inburg_desktop/domain/pip_annex.py",
            "A sentence of the PIP summary for the newcomer; keep every {placeholder}.",
        ),
        (
            talk_contexts(),
            "src/inburg_desktop/domain/voortgang_prompts.py",
            "A question to the newcomer at a progress talk (or its life domain's title): "
            "shown on the interpreter's screen.",
        ),
        (
            rights_contexts(),
            "src/inburg_desktop/domain/subject_access.py",
            "The person's rights in the annex of their data overview (AVG); keep every "
            "{placeholder} and the article numbers.",
        ),
    )
    for contexts, location, comment in coded:
        for context, text in contexts.items():
            template.add(text, None, [(location, 0)], auto_comments=[comment], context=context)
    return template


# --- writing -------------------------------------------------------------------------------


def message_is_translated(message: Message) -> bool:
    """True for a non-fuzzy message with every form filled in."""
    if message.fuzzy:
        return False
    if isinstance(message.string, tuple | list):
        return all(message.string)
    return bool(message.string)
