"""What a consultant may read: no exception class name, and the screen's own language.

``assert_user_text`` is the check the error-path tests of the windows and the CLI share:
the text names no exception class of ``src/``, httpx, httpcore, ssl, SQLAlchemy, pydantic
or Python itself, and holds no catalogue sentence of the *other* language (an English
problem text on a Dutch screen, or the Dutch one on the English screen).
"""

from __future__ import annotations

import builtins
import importlib
import pkgutil
import re
import ssl
from functools import cache

import httpcore
import httpx
import pydantic
import sqlalchemy.exc
from babel.messages.pofile import read_po

import inburg_desktop
from inburg_desktop.i18n import catalogue_paths, load
from inburg_desktop.messages import MESSAGES

# Function words that give a sentence away as English on a Dutch screen, or Dutch on an
# English one (a text outside the catalogue, e.g. a library's or the domain's own words).
_ENGLISH_WORDS = re.compile(
    r"\b(the|must|cannot|each|expected|should|there|least|only|got|failed|error|with)\b", re.I
)
_DUTCH_WORDS = re.compile(r"\b(het|niet|kan|moet|een|van|geen|wordt|werd|staat|uw)\b", re.I)
_CAMEL = re.compile(r"^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$")


def _subclasses(root: type[BaseException]) -> set[type[BaseException]]:
    found: set[type[BaseException]] = set()
    todo = [root]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


@cache
def exception_class_names() -> frozenset[str]:
    """CamelCase names of the exception classes a failure could surface with."""
    for info in pkgutil.walk_packages(inburg_desktop.__path__, "inburg_desktop."):
        if ".migrations" in info.name or info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)
    roots = ("inburg_desktop", "httpx", "httpcore", "ssl", "_ssl", "sqlalchemy", "pydantic")
    names = {
        cls.__name__
        for cls in _subclasses(BaseException)
        if cls.__module__.split(".")[0] in roots or cls.__module__ == "builtins"
    }
    names |= {n for n in dir(builtins) if isinstance(getattr(builtins, n), type)}
    # Make sure the libraries' own trees are in, whatever was imported so far.
    for module in (httpx, httpcore, ssl, pydantic, sqlalchemy.exc):
        for name in dir(module):
            obj = getattr(module, name)
            if isinstance(obj, type) and issubclass(obj, BaseException):
                names.add(name)
    return frozenset(n for n in names if _CAMEL.match(n) or n.endswith(("Error", "Exception")))


@cache
def _class_name_pattern() -> re.Pattern[str]:
    names = sorted(exception_class_names(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")


def class_names_in(text: str) -> list[str]:
    return _class_name_pattern().findall(text)


@cache
def _english() -> dict[str, str]:
    """Every UI msgid (Dutch) with its English msgstr, where the two differ."""
    po, _mo = catalogue_paths("ui", "en")
    with po.open("rb") as fh:
        catalog = read_po(fh)
    pairs = {str(m.id): str(m.string) for m in catalog if m.id and isinstance(m.id, str)}
    pairs |= {msgid: load("ui", "en").gettext(msgid) for msgid in MESSAGES.values()}
    return {nl: en for nl, en in pairs.items() if en and nl != en}


def _fixed_parts(message: str) -> list[re.Pattern[str]]:
    """The literal stretches of a message between its placeholders, long enough to tell
    (8 characters), as whole-word patterns."""
    parts = [p.strip(" .,:;()") for p in re.split(r"\{[^}]*\}", message)]
    return [re.compile(r"(?<!\w)" + re.escape(p) + r"(?!\w)") for p in parts if len(p) >= 8]


def assert_user_text(text: str, language: str) -> None:
    """``text`` as shown on a ``language`` ("nl" or "en") screen: no class name, and no
    catalogue sentence of the other language."""
    assert text.strip(), "nothing shown"
    assert class_names_in(text) == [], f"exception class name on screen: {text!r}"
    words = _ENGLISH_WORDS if language == "nl" else _DUTCH_WORDS
    assert not words.search(text), f"not {language}: {text!r}"
    for dutch, english in _english().items():
        other = english if language == "nl" else dutch
        for part in _fixed_parts(other):
            assert not part.search(text), (
                f"other language on a {language} screen: {part.pattern!r} in {text!r}"
            )
