"""Are the gettext catalogues complete and consistent? The logic of ``inburg catalog check``.

For each domain (``ui``, ``prompts``) and each shipped language it counts the template's
messages that have a confirmed (non-fuzzy) translation, and it finds what would hurt at
runtime: a translation whose ``{named}`` placeholders differ from the source's (a
``KeyError`` or a lost value on screen), a ``Plural-Forms`` header that does not match
CLDR's rule for the language (Arabic has six forms), an entry the template no longer has,
a template out of step with its source (the prompt catalogue, or ``src/`` for the UI), and a
language without a review status.
"""

from __future__ import annotations

import gettext
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po

from inburg_desktop import i18n
from inburg_desktop.prompts.catalogue import CatalogueError, load_catalogue
from inburg_desktop.prompts.templates import (
    expected_plural_forms,
    extract_ui_template,
    message_is_translated,
    po_path,
    prompts_template,
    repo_root,
    template_path,
)
from inburg_desktop.prompts.translations import (
    PROMPTS_DOMAIN,
    REVIEWED,
    SOURCE_LANGUAGE,
    UI_DOMAIN,
    UI_LANGUAGES,
    ReviewStatus,
    ReviewStatusError,
    load_review_statuses,
    prompt_language_codes,
)

_PLURAL_SAMPLES = (*range(0, 230), 1000, 1001, 100000, 1000000, 2000000)


@dataclass(frozen=True)
class Problem:
    """One inconsistency; ``item`` is the msgctxt or msgid it concerns (empty: the file)."""

    domain: str
    language: str
    item: str
    problem: str

    def __str__(self) -> str:
        where = "/".join(part for part in (self.domain, self.language) if part)
        item = f" [{self.item}]" if self.item else ""
        return f"{where}{item}: {self.problem}"


@dataclass
class LanguageReport:
    domain: str
    language: str
    total: int
    translated: int = 0
    fuzzy: int = 0
    missing: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    review: ReviewStatus | None = None

    @property
    def coverage(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total

    @property
    def complete(self) -> bool:
        return self.translated == self.total and not self.problems


@dataclass
class CheckReport:
    languages: list[LanguageReport]
    problems: list[Problem]  # about templates and files, not one language's entries

    @property
    def all_problems(self) -> list[Problem]:
        return [*self.problems, *(p for lang in self.languages for p in lang.problems)]

    @property
    def ok(self) -> bool:
        return not self.problems and all(lang.complete for lang in self.languages)

    def language(self, domain: str, language: str) -> LanguageReport:
        for report in self.languages:
            if (report.domain, report.language) == (domain, language):
                return report
        raise KeyError((domain, language))


# --- placeholders ------------------------------------------------------------------------


class PlaceholderSyntaxError(ValueError):
    """Braces that ``str.format`` cannot parse, or a placeholder that is not named."""


def placeholders(text: str) -> frozenset[str]:
    """The ``{named}`` placeholders of ``text``; positional or broken ones raise."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise PlaceholderSyntaxError(f"bad braces ({exc})") from None
    names: set[str] = set()
    for _literal, name, _spec, _conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier():
            raise PlaceholderSyntaxError(
                f"{{{name}}} is not a named placeholder: use names like {{count}}"
            )
        names.add(name)
    return frozenset(names)


def placeholder_problems(message: Message) -> list[str]:
    """What is wrong with the placeholders of one translated message (empty: nothing)."""
    ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    try:
        source_sets = [placeholders(text) for text in ids]
    except PlaceholderSyntaxError as exc:
        return [f"source text: {exc}"]
    source = frozenset().union(*source_sets)
    problems: list[str] = []
    found: list[frozenset[str]] = []
    for number, text in enumerate(strings):
        if not text:
            continue
        label = f"msgstr[{number}]" if len(strings) > 1 else "translation"
        try:
            names = placeholders(text)
        except PlaceholderSyntaxError as exc:
            problems.append(f"{label}: {exc}")
            continue
        found.append(names)
        unknown = names - source
        if unknown:
            problems.append(f"{label} has placeholder(s) not in the source: {_braced(unknown)}")
        if len(ids) == 1:
            lost = source - names
            if lost:
                problems.append(f"{label} lost placeholder(s): {_braced(lost)}")
    if len(ids) > 1 and found:
        # a plural form may drop the number ("one file"), but together they keep them all
        lost = source - frozenset().union(*found)
        if lost:
            problems.append(f"the plural forms lost placeholder(s): {_braced(lost)}")
    return problems


def _braced(names: Iterable[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names))


# --- plural forms --------------------------------------------------------------------------


def plural_forms_problem(catalog: Catalog, language: str) -> str | None:
    """Why the catalogue's ``Plural-Forms`` is wrong for ``language``, or None."""
    expected = expected_plural_forms(language)
    want_n = int(expected.split("nplurals=", 1)[1].split(";", 1)[0])
    want_expr = expected.split("plural=", 1)[1].rstrip(";")
    if catalog.num_plurals != want_n:
        return f"Plural-Forms has nplurals={catalog.num_plurals}; CLDR says {want_n} ({expected})"
    try:
        have = gettext.c2py(catalog.plural_expr)
    except (ValueError, SyntaxError):
        return f"Plural-Forms expression cannot be parsed: {catalog.plural_expr!r}"
    want = gettext.c2py(want_expr)
    for n in _PLURAL_SAMPLES:
        if have(n) != want(n):
            return f"Plural-Forms picks form {have(n)} for n={n}; CLDR says {want(n)} ({expected})"
    return None


# --- the check -----------------------------------------------------------------------------


def _read(path: Path) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, abort_invalid=True)


def _key(message: Message) -> tuple[object, str | None]:
    return message.id, message.context


def _check_language(
    domain: str,
    language: str,
    template: Catalog,
    translations: Path,
    reviews: dict[tuple[str, str], ReviewStatus],
) -> LanguageReport:
    entries = [m for m in template if m.id]
    report = LanguageReport(domain, language, total=len(entries))
    report.review = reviews.get((domain, language))
    if report.review is None and language != SOURCE_LANGUAGE:
        report.problems.append(
            Problem(domain, language, "", "no entry in review-status.toml (concept or reviewed)")
        )
    elif (
        report.review is not None
        and report.review.status == REVIEWED
        and not (report.review.reviewer and report.review.date)
    ):
        report.problems.append(
            Problem(domain, language, "", "status 'reviewed' needs a reviewer and a date")
        )
    path = po_path(domain, language, translations)
    if not path.is_file():
        report.problems.append(Problem(domain, language, "", f"missing file {path}"))
        report.missing = [_label(m) for m in entries]
        return report
    try:
        catalog = _read(path)
    except (OSError, PoFileError, ValueError) as exc:
        report.problems.append(Problem(domain, language, "", f"cannot read {path}: {exc}"))
        report.missing = [_label(m) for m in entries]
        return report
    problem = plural_forms_problem(catalog, language)
    if problem:
        report.problems.append(Problem(domain, language, "", problem))
    if catalog.locale_identifier and catalog.locale_identifier != language:
        report.problems.append(
            Problem(domain, language, "", f"Language header says {catalog.locale_identifier!r}")
        )
    wanted = {_key(m) for m in entries}
    for extra in catalog:
        if extra.id and _key(extra) not in wanted:
            report.problems.append(
                Problem(domain, language, _label(extra), "not in the template: run update")
            )
    for source in entries:
        found = catalog.get(source.id, source.context)
        if found is None or not message_is_translated(found):
            report.missing.append(_label(source))
            if found is not None and found.fuzzy:
                report.fuzzy += 1
            continue
        message = found
        if isinstance(source.id, tuple | list) and not isinstance(message.string, tuple | list):
            report.problems.append(Problem(domain, language, _label(source), "plural forms lost"))
            continue
        report.translated += 1
        for text in placeholder_problems(message):
            report.problems.append(Problem(domain, language, _label(source), text))
    return report


def _label(message: Message) -> str:
    if message.context:
        return str(message.context)
    text = message.id[0] if isinstance(message.id, tuple | list) else message.id
    return text if len(text) <= 60 else text[:57] + "..."


def _template_problems(
    domain: str, template: Catalog, source: Catalog | None, hint: str
) -> list[Problem]:
    if source is None:
        return []
    have = {_key(m) for m in template if m.id}
    want = {_key(m) for m in source if m.id}
    problems: list[Problem] = []
    new = sorted(want - have, key=str)
    gone = sorted(have - want, key=str)
    if new:
        problems.append(
            Problem(domain, "", "", f"{len(new)} new source text(s) not in the template; {hint}")
        )
    if gone:
        problems.append(
            Problem(domain, "", "", f"{len(gone)} template text(s) no longer in the source; {hint}")
        )
    return problems


def check_catalogues(
    translations: Path | None = None,
    *,
    ui_languages: Sequence[str] = UI_LANGUAGES,
    prompt_languages: Sequence[str] | None = None,
    compare_sources: bool = True,
) -> CheckReport:
    """Check both domains in every shipped language (``translations`` defaults to the app's)."""
    base = translations if translations is not None else i18n.translations_dir()
    problems: list[Problem] = []
    try:
        reviews = load_review_statuses(base)
    except ReviewStatusError as exc:
        problems.append(Problem("", "", "", str(exc)))
        reviews = {}
    hint = "run `python -m inburg_desktop.prompts.i18n_tools update`"
    languages: list[LanguageReport] = []
    domains: list[tuple[str, Sequence[str]]] = [
        (UI_DOMAIN, ui_languages),
        (PROMPTS_DOMAIN, prompt_languages or prompt_language_codes()),
    ]
    for domain, codes in domains:
        pot = template_path(domain, base)
        try:
            template = _read(pot)
        except (OSError, PoFileError, ValueError) as exc:
            problems.append(Problem(domain, "", "", f"cannot read template {pot}: {exc}"))
            continue
        if compare_sources:
            problems.extend(_template_problems(domain, template, _source(domain, problems), hint))
        for code in codes:
            languages.append(_check_language(domain, code, template, base, reviews))
    return CheckReport(languages, problems)


def _source(domain: str, problems: list[Problem]) -> Catalog | None:
    """What the template should hold now; None when the source is not at hand (installed)."""
    if domain == PROMPTS_DOMAIN:
        try:
            return prompts_template(load_catalogue())
        except (CatalogueError, FileNotFoundError) as exc:
            problems.append(Problem(domain, "", "", f"prompt catalogue unusable: {exc}"))
            return None
    try:
        return extract_ui_template(repo_root())
    except FileNotFoundError:
        return None  # an installed copy has no babel.cfg: the shipped ui.pot is the truth


# --- the report ----------------------------------------------------------------------------


def format_report(report: CheckReport, *, max_missing: int = 10) -> str:
    """The human-readable report ``inburg catalog check`` prints."""
    lines = [f"{'domein':<8} {'taal':<5} {'vertaald':>9} {'dekking':>8} {'fuzzy':>5}  status"]
    for lang in report.languages:
        review = lang.review
        if lang.language == SOURCE_LANGUAGE:
            status = "bron (Nederlands)"
        elif review is None:
            status = "geen status"
        elif review.is_concept:
            status = "concept-vertaling (niet beoordeeld)"
        else:
            status = f"beoordeeld door {review.reviewer or '?'} op {review.date or '?'}"
        lines.append(
            f"{lang.domain:<8} {lang.language:<5} {lang.translated:>4}/{lang.total:<4} "
            # a decimal comma, as Dutch writes it: "97,5%"
            f"{f'{lang.coverage:.1f}'.replace('.', ','):>7}% {lang.fuzzy:>5}  {status}"
        )
    for lang in report.languages:
        if lang.missing:
            shown = ", ".join(lang.missing[:max_missing])
            more = len(lang.missing) - max_missing
            tail = f" en nog {more}" if more > 0 else ""
            lines.append(f"ontbreekt in {lang.domain}/{lang.language}: {shown}{tail}")
    problems = report.all_problems
    if problems:
        lines.append(f"{len(problems)} {'probleem' if len(problems) == 1 else 'problemen'}:")
        lines.extend(f"  {problem}" for problem in problems)
    lines.append(
        "Catalogi compleet en consistent."
        if report.ok
        else "Catalogi niet compleet of niet consistent (exit 7)."
    )
    return "\n".join(lines)
