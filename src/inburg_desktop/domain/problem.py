"""A failure a user can meet, as a stable code with parameters: no sentence, no language.

The layer that knows what went wrong (domain, services, storage, the sync transport)
raises a :class:`Problem` subclass with a ``code`` and named ``params``; the edge (the
windows and the ``inburg`` command) looks the code up in ``inburg_desktop.messages`` and
fills the parameters into the sentence in the user's language. So a Dutch screen never
shows an English sentence or an exception class name, and a new language is a catalogue
entry, not a change in the layer that raised.

``str(problem)`` is the code and the parameter names only: an exception's text ends up in
log lines, and parameters may hold a name or a value from a file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar


class Problem(Exception):
    """A user-facing error: ``code`` (a key of the edge's message catalogue) and ``params``.

    Subclasses name a family (a vault that cannot be opened, a refused sync, an invalid
    PIP) and may fix ``default_code``; ``params`` are strings, filled into the catalogue's
    ``{placeholders}``.
    """

    default_code: ClassVar[str] = "unexpected"

    def __init__(self, code: str | None = None, /, **params: object) -> None:
        self.code = code if code is not None else self.default_code
        self.params: Mapping[str, str] = {key: str(value) for key, value in params.items()}
        super().__init__(self.code)

    def __str__(self) -> str:
        names = ", ".join(sorted(self.params))
        return f"{self.code} ({names})" if names else self.code


class InputRefused(Problem, ValueError):
    """A value typed into a form that cannot be read as what the field holds."""

    default_code = "input_refused"


class GlyphsReplaced(Problem):
    """A warning, not a refusal: a document was made, but text in it held characters no
    shipped font can draw, printed as their code (``pdf.text.undrawable``; attack round
    8, finding 3). ``fields``: where, as a Dutch list of labels; ``chars``: the
    characters as ``U+1F600 GRINNING FACE`` (never the text around them)."""

    default_code = "pdf_glyph_replaced"


class GlyphsReplacedInDecision(GlyphsReplaced):
    """:class:`GlyphsReplaced` in a legal decision (a PIP, a fine letter): the message adds
    the advice to correct the text before the decision is signed or sent (issue 13)."""

    default_code = "pdf_glyph_replaced_decision"


class UndrawableText(Problem):
    """Text holds characters no shipped font can draw (Hebrew, Chinese, Thai… when only
    Latin, Arabic and Ethiopic fonts ship): the document is not made, rather than printed
    with empty boxes where a name should be (attack round 6, finding 13). ``chars``: up to
    three of them as ``U+05E9 HEBREW LETTER SHIN`` (a character, never the text around
    it, so no name reaches a message or a log)."""

    default_code = "pdf_no_glyph"
