"""The problem-code catalogue (``inburg_desktop.messages``) is complete in both directions.

Every code that ``src/`` can raise (a ``default_code``, a literal first argument of a
:class:`Problem` subclass, the PIP model's ``_require`` codes, the storage diagnosis'
``_at`` pairs, the sync transport's tables) has a Dutch msgid in ``MESSAGES``; every entry
of ``MESSAGES`` is raised somewhere (no dead text); and every msgid has a reviewed-or-draft
English msgstr, not fuzzy, with the same placeholders. A new code without its sentence, or
a sentence without its English, fails here rather than on a consultant's screen.
"""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.progress_fields import day_problem
from inburg_desktop.i18n import catalogue_paths, set_language
from inburg_desktop.messages import MESSAGES, UNEXPECTED, error_text, problem_text
from inburg_desktop.sync import transport

SRC = Path(__file__).resolve().parents[1] / "src" / "inburg_desktop"


def _trees() -> Iterator[ast.Module]:
    for path in sorted(SRC.rglob("*.py")):
        yield ast.parse(path.read_text(encoding="utf-8"), str(path))


def _problem_classes(trees: list[ast.Module]) -> tuple[set[str], set[str]]:
    """Names of the classes in src/ that derive from Problem, and of those that take the
    code as their first argument."""
    bases: dict[str, set[str]] = {}
    first_param: dict[str, str] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                        params = item.args.posonlyargs + item.args.args
                        first_param[node.name] = params[1].arg if len(params) > 1 else ""
    found = {"Problem"}
    while True:
        more = {name for name, parents in bases.items() if parents & found} - found
        if not more:
            break
        found |= more
    # A subclass whose own __init__ takes something else first (a field, reasons) is
    # called with that, not a code; prompts.catalog_check has an unrelated ``Problem``.
    code_first = {n for n in found if first_param.get(n, "code") == "code" and n != "Problem"}
    return found, code_first


def _literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def raised_codes() -> set[str]:
    """Every problem code that src/ can raise, read from the source."""
    trees = list(_trees())
    every, classes = _problem_classes(trees)
    codes: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name in every:
                for item in node.body:
                    if (
                        isinstance(item, ast.Assign)
                        and any(getattr(t, "id", "") == "default_code" for t in item.targets)
                        and (code := _literal(item.value)) is not None
                    ):
                        codes.add(code)
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else ""
            first = _literal(node.args[0]) if node.args else None
            if name in classes and first is not None:
                codes.add(first)
            # domain.household's rule returns its code in a HouseholdProblem, which
            # services.household raises as HouseholdRefused(problem.code, ...)
            if name == "HouseholdProblem" and first is not None:
                codes.add(first)
            if name == "_refused_part" and first is not None:  # services.voortgang
                codes.add(first)
            if name == "_require" and len(node.args) >= 2:
                code = _literal(node.args[1])
                if code is not None:
                    codes.add(code)
            if name == "_at" and len(node.args) >= 2:  # storage.diagnosis: code and code_at
                code = _literal(node.args[1])
                if code is not None:
                    codes |= {code, f"{code}_at"}
    codes |= {code for _kind, code in transport.TRANSPORT_CODES}
    codes |= {code for _kind, code in transport.ERROR_CODES.values()}
    codes |= {transport.status_code_problem(s)[1] for s in (400, 401, 403, 404, 500, 502)}
    codes.add("sync_tls")  # transport_code's TLS branch
    # domain.progress_fields.day_problem returns its code, which services.progress and
    # services.aftercare raise as ProgressRefused(code, ...): the codes it can return
    day = date(2026, 6, 1)
    codes |= {
        code
        for code in (
            day_problem(day, None, day - timedelta(days=1)),
            day_problem(day, day + timedelta(days=1), day),
        )
        if code is not None
    }
    return codes


def test_every_raised_code_has_a_message_and_every_message_is_raised() -> None:
    raised = raised_codes()
    assert raised - set(MESSAGES) == set(), "codes without a sentence in inburg_desktop.messages"
    assert set(MESSAGES) - raised - {"unexpected"} == set(), "sentences no code raises"


def _placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_every_message_has_an_english_translation_with_the_same_placeholders() -> None:
    po, _mo = catalogue_paths("ui", "en")
    with po.open("rb") as fh:
        catalog = read_po(fh)
    for code, msgid in MESSAGES.items():
        entry = catalog.get(msgid)
        assert entry is not None, f"{code}: not extracted into the UI catalogue"
        assert entry.string and not entry.fuzzy, f"{code}: no English translation"
        assert isinstance(entry.string, str)
        assert entry.string != msgid, f"{code}: English is the Dutch text"
        assert _placeholders(entry.string) == _placeholders(msgid), code


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    try:
        yield
    finally:
        set_language("nl")


def test_a_problem_reads_in_the_ui_language(english: None) -> None:
    problem = Problem("no_such_case", case_id="c-1")
    assert problem_text(problem) == "Case c-1 does not exist."
    set_language("nl")
    assert problem_text(problem) == "Dossier c-1 bestaat niet."


def test_str_of_a_problem_names_no_value() -> None:
    # str() ends up in log lines: the code and the parameter names, never their values.
    problem = Problem("vault_missing", path="/home/amal/kluis.db")
    assert str(problem) == "vault_missing (path)"


def test_an_unknown_exception_is_unexpected_without_its_name_or_text() -> None:
    text = error_text(KeyError("Haddad"))
    assert text == UNEXPECTED
    assert "KeyError" not in text and "Haddad" not in text
    assert error_text(Problem("no_code_like_this")) == UNEXPECTED


def test_the_read_only_medium_names_its_folder_in_a_sentence() -> None:
    """Attack round 4: the sentence read "... alleen gelezen kan worden (met /tmp/x)"."""
    from inburg_desktop.storage.errors import ReadOnlyMedium

    text = error_text(ReadOnlyMedium("read_only_at", folder="/media/stick"))
    assert text.startswith("De kluis in de map /media/stick staat op een schijf die alleen")
    assert "(met" not in text
